"""The real console script in a real pseudo-terminal (pexpect): what a person at a terminal goes through."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clikit import run_script

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"
DOWN = "\x1b[B"
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
    "django_version": "6.1",
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
    "python_version": DOWN + ENTER,  # 3.13 -> 3.12
    "django_version": DOWN + ENTER,  # 5.2 -> 6.1
    "database": DOWN * 3 + ENTER,  # postgresql -> mariadb
    "database_version": DOWN + ENTER,  # 11.8 -> 11.4
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


@pytest.fixture
def terminal(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]]
) -> Iterator[Callable[..., Terminal]]:
    """``terminal(args, locale=...)`` spawns ``newproj`` in ``workdir`` in a pseudo-terminal."""
    started: list[Terminal] = []

    def spawn(args: list[str], locale: str = "C.UTF-8") -> Terminal:
        session = Terminal(console_script, args, workdir, child_env(LANG=locale))
        started.append(session)
        return session

    yield spawn
    for session in started:
        session.kill()


def answer_everything(session: Terminal, lang: str) -> None:
    """Type :data:`ANSWERS`, with one bad port re-asked, and confirm."""
    labels = LABELS[lang]
    for name in ("project_name", "project_slug", "description", "author", "python_version", "django_version"):
        session.answer(labels[name], KEYS[name])
    session.answer(labels["port"], CLEAR + "70000" + ENTER)
    session.expect_text(PORT_RANGE[lang])
    session.child.send(CLEAR + "8123" + ENTER)
    session.answer(labels["database"], KEYS["database"])
    session.answer(labels["database_version"], KEYS["database_version"])
    # The project language defaults to the interface language: English needs one step down to Korean.
    session.answer(labels["language"], (DOWN if lang == "en" else "") + ENTER)
    session.answer(labels["time_zone"], ENTER)  # Asia/Seoul, the default for a Korean project
    session.answer(labels["confirm"], ENTER)


def cruft_answers(project: Path) -> dict[str, object]:
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    return {name: record["context"]["cookiecutter"][name] for name in ANSWERS}


EXPECTED = {**ANSWERS, "port": 8123}


def test_answer_every_question_in_english(terminal: Callable[..., Terminal], workdir: Path) -> None:
    session = terminal(["init", "site"])
    answer_everything(session, "en")
    code, rest = session.finish()
    assert code == 0, rest
    project = workdir / "site"
    assert cruft_answers(project) == EXPECTED
    lines = [line.rstrip() for line in rest.splitlines() if line.strip()]
    count = sum(1 for p in project.rglob("*") if p.is_file())
    assert lines[-5:] == [
        f"Created site ({count} files).",
        "Next steps:",
        "  cd site",
        "  docker compose up --build",
        "  open http://localhost:8123/",
    ]
    summary = session.output()
    assert "newproj will create site with:" in summary
    assert "Database server version  11.4" in summary


def test_answer_every_question_in_korean(terminal: Callable[..., Terminal], workdir: Path) -> None:
    session = terminal(["init", "--lang", "ko", "site"])
    answer_everything(session, "ko")
    code, rest = session.finish()
    assert code == 0, rest
    project = workdir / "site"
    assert cruft_answers(project) == EXPECTED
    lines = [line.rstrip() for line in rest.splitlines() if line.strip()]
    count = sum(1 for p in project.rglob("*") if p.is_file())
    assert lines[-5:] == [
        f"site 을(를) 만들었습니다 (파일 {count}개).",
        "다음 단계:",
        "  cd site",
        "  docker compose up --build",
        "  http://localhost:8123/ 열기",
    ]
    assert "newproj 가 site 에 다음으로 만듭니다:" in session.output()


def test_korean_locale_gives_korean_prompts(terminal: Callable[..., Terminal], workdir: Path) -> None:
    session = terminal(["init", "site"], locale="ko_KR.UTF-8")
    session.wait_for("프로젝트 이름")
    session.child.send(CTRL_C)
    code, _ = session.finish()
    assert code == 130


def test_interactive_and_no_input_write_the_same_project(
    terminal: Callable[..., Terminal],
    workdir: Path,
    console_script: Path,
    child_env: Callable[..., dict[str, str]],
    snapshot: Callable[[Path], dict[str, str]],
) -> None:
    session = terminal(["init", "typed/site"])
    answer_everything(session, "en")
    code, rest = session.finish()
    assert code == 0, rest
    flags = [arg for name, value in ANSWERS.items() for arg in (FLAGS[name], value)]
    done = run_script(console_script, ["init", "--no-input", *flags, "flagged/site"], workdir, child_env())
    assert done.returncode == 0, done.stderr
    typed, flagged = snapshot(workdir / "typed" / "site"), snapshot(workdir / "flagged" / "site")
    assert sorted(typed) == sorted(flagged)
    assert typed == flagged
    assert "MARIADB_PASSWORD=<__dev_db_password>" in typed["docker/dev.env"].splitlines()
    records = [json.loads((workdir / name / "site" / ".cruft.json").read_text(encoding="utf-8"))
               for name in ("typed", "flagged")]
    typed_values, flagged_values = (record["context"]["cookiecutter"] for record in records)
    for key in ("__dev_db_password", "__dev_secret_key"):
        assert typed_values[key] != flagged_values[key]  # each project got its own values


def test_ctrl_c_at_a_prompt(terminal: Callable[..., Terminal], workdir: Path) -> None:
    session = terminal(["init"])
    session.answer("Project name", CLEAR + "Blog" + ENTER)
    session.answer("Python package name", ENTER)
    session.wait_for("Short description")
    session.child.send(CTRL_C)
    code, rest = session.finish()
    assert code == 130
    assert "Traceback" not in rest
    assert list(workdir.iterdir()) == []


def test_ctrl_c_at_a_prompt_says_one_line(terminal: Callable[..., Terminal], workdir: Path) -> None:
    session = terminal(["init", "site"])
    session.wait_for("Project name")
    session.child.send(CTRL_C)
    code, rest = session.finish()
    assert code == 130
    assert [line for line in rest.splitlines() if line.strip()] == ["error: interrupted; nothing was written"]


def test_ctrl_c_at_the_confirmation(terminal: Callable[..., Terminal], workdir: Path) -> None:
    flags = [arg for name, value in ANSWERS.items() if name != "port" for arg in (FLAGS[name], value)]
    session = terminal(["init", *flags, "site"])
    session.answer("Port", ENTER)
    session.wait_for("Write these files?")
    session.child.send(CTRL_C)
    code, _ = session.finish()
    assert code == 130
    assert list(workdir.iterdir()) == []


def test_no_at_the_confirmation_writes_nothing(terminal: Callable[..., Terminal], workdir: Path) -> None:
    flags = [arg for name, value in ANSWERS.items() if name != "port" for arg in (FLAGS[name], value)]
    session = terminal(["init", *flags])
    session.answer("Port", ENTER)
    session.answer("Write these files?", "n")
    code, rest = session.finish()
    assert code == 0
    assert rest.strip().splitlines()[-1] == "cancelled; nothing was written"
    assert list(workdir.iterdir()) == []


def test_json_prompts_go_to_the_terminal_not_stdout(
    workdir: Path, console_script: Path, child_env: Callable[..., dict[str, str]]
) -> None:
    flags = [arg for name, value in ANSWERS.items() if name != "port" for arg in (FLAGS[name], value)]
    command = " ".join(
        [str(console_script), "init", "--json", *(f"'{a}'" for a in flags), "site", "> out.json"]
    )
    session = Terminal("/bin/sh", ["-c", command], workdir, child_env())
    try:
        session.answer("Port", ENTER, timeout=5)  # today: TIMEOUT, the prompt went into out.json
        session.answer("Write these files?", ENTER)
        code, _ = session.finish()
    finally:
        session.kill()
    assert code == 0
    assert json.loads((workdir / "out.json").read_text(encoding="utf-8"))["answers"]["port"] == 8000
