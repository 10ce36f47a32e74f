"""Driving ``newproj`` in a real pseudo-terminal (pexpect): the keys, the prompts' labels, a :class:`Terminal`.

Test modules import it by name (``from ptykit import ...``), as they do ``clikit``: pytest puts
``tests/`` on ``sys.path``. ``init``'s and ``update``'s terminal tests share it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pexpect

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CLEAR = "\x15"  # Ctrl-U: erase the default a text prompt shows
CTRL_C = "\x03"
#: questionary starts in about 0.3 s; a loaded CI machine may need much longer.
TIMEOUT = 30
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CPR_REQUEST = re.escape("\x1b[6n")
CPR_REPLY = "\x1b[1;1R"
#: prompt_toolkit turns bracketed paste off as a prompt closes, however it closes.
PROMPT_CLOSED = "\x1b[?2004l"

#: The answers both tests type, and the same answers as flags.
ANSWERS = {
    "project_name": "Team Blog",
    "project_slug": "team_blog",
    "description": "Posts and notes",
    "author": "Kim Minji",
    "python_version": "3.12",
    "django_version": "5.2",
    "port": "8123",
    "database": "mariadb",
    "database_version": "11.4",
    "language": "ko",
    "time_zone": "Asia/Seoul",
}
FLAGS = {
    "project_name": "--name",
    "project_slug": "--slug",
    "description": "--description",
    "author": "--author",
    "python_version": "--python",
    "django_version": "--django",
    "port": "--port",
    "database": "--database",
    "database_version": "--database-version",
    "language": "--project-language",
    "time_zone": "--time-zone",
}
LABELS = {
    "en": {
        "project_name": "Project name",
        "project_slug": "Python package name",
        "description": "Short description",
        "author": "Author",
        "python_version": "Python version",
        "django_version": "Django version",
        "port": "Port",
        "database": "Database",
        "database_version": "Database server version",
        "language": "Project language",
        "time_zone": "Time zone",
        "features": "Features",
        "confirm": "Write these files?",
    },
    "ko": {
        "project_name": "프로젝트 이름",
        "project_slug": "파이썬 패키지 이름",
        "description": "짧은 설명",
        "author": "작성자",
        "python_version": "파이썬 버전",
        "django_version": "Django 버전",
        "port": "포트",
        "database": "데이터베이스",
        "database_version": "데이터베이스 서버 버전",
        "language": "프로젝트 언어",
        "time_zone": "시간대",
        "features": "기능",
        "confirm": "이 파일들을 쓸까요?",
    },
}
PORT_RANGE = {
    "en": "70000 is out of range; use a port from 1 to 65535, e.g. 8000",
    "ko": "70000은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)",
}
#: Keys that give :data:`ANSWERS` at each prompt (choices counted from each list's default).
KEYS = {
    "project_name": CLEAR + "Team Blog" + ENTER,
    "project_slug": ENTER,  # derived from the name: team_blog
    "description": CLEAR + "Posts and notes" + ENTER,
    "author": CLEAR + "Kim Minji" + ENTER,
    "python_version": UP + ENTER,  # 3.13 -> 3.12 (versions oldest first)
    "django_version": UP + ENTER,  # 6.1 -> 5.2 (the newest first preselected, versions oldest first)
    "database": DOWN * 3 + ENTER,  # postgresql -> mariadb
    "database_version": UP + ENTER,  # 11.8 -> 11.4 (versions oldest first)
}


class Terminal:
    """One ``newproj`` in a pseudo-terminal, answered prompt by prompt.

    Like a real terminal it answers prompt_toolkit's cursor position requests; unanswered,
    each prompt waits a second for the reply before it ends, and two before it warns.
    """

    def __init__(self, command: Path | str, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.child = pexpect.spawn(
            str(command), args, cwd=str(cwd), env=env, encoding="utf-8", dimensions=(50, 150), timeout=TIMEOUT
        )
        self.seen: list[str] = []

    def _expect(self, pattern: object, timeout: float = TIMEOUT) -> None:
        while True:
            index = self.child.expect([CPR_REQUEST, pattern], timeout=timeout)
            self.seen.append(
                self.child.before + (self.child.after if isinstance(self.child.after, str) else "")
            )
            if index == 1:
                return
            self.child.send(CPR_REPLY)

    def wait_for(self, label: str, timeout: float = TIMEOUT) -> None:
        """Wait until the question ``label`` is on screen (raw mode is on by the time it is drawn)."""
        self._expect(re.escape(label) + r" ?\x1b", timeout)

    def answer(self, label: str, keys: str, timeout: float = TIMEOUT) -> None:
        self.wait_for(label, timeout)
        self.child.send(keys)

    def expect_text(self, text: str) -> None:
        self._expect(re.escape(text))

    def output(self) -> str:
        """Everything shown so far, escape codes removed."""
        return ANSI.sub("", "".join(self.seen)).replace("\r", "")

    def finish(self) -> tuple[int, str]:
        """Wait for the end; return the exit code and what was printed after the last prompt closed."""
        self._expect(pexpect.EOF)
        self.child.close()
        after_prompts = "".join(self.seen).rsplit(PROMPT_CLOSED, 1)[-1]
        return self.child.exitstatus, ANSI.sub("", after_prompts).replace("\r", "")

    def kill(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
