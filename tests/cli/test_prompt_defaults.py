"""Typing at a text prompt replaces its default (shown greyed, never appended to), in a real pseudo-terminal.

The default is drawn greyed as a placeholder, with the cursor before it, as cookiecutter's
``[default]`` is: the first key typed starts a fresh answer, and Enter alone takes the default.
Before, the default was editable text with the cursor after it: typing ``Shop`` at "Project
name" gave "My Django ProjectShop".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"
TIMEOUT = 30
CPR_REQUEST = re.escape("\x1b[6n")
CPR_REPLY = "\x1b[1;1R"
#: How prompt_toolkit draws a placeholder styled ``fg:ansibrightblack`` (grey).
GREY = "\x1b[0;90m"
SHOW_CURSOR = "\x1b[?25h"

LABELS = {
    "en": ["Project name", "Python package name", "Short description", "Author", "Python version",
           "Django version", "Port", "Database", "Database server version", "Project language", "Time zone",
           "Features", "Write these files?"],
    "ko": ["프로젝트 이름", "파이썬 패키지 이름", "짧은 설명", "작성자", "파이썬 버전", "Django 버전", "포트",
           "데이터베이스", "데이터베이스 서버 버전", "프로젝트 언어", "시간대", "기능", "이 파일들을 쓸까요?"],
}  # fmt: skip


class Prompts:
    """``newproj init site`` in a pseudo-terminal; answers each question with given keys."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screens: dict[str, str] = {}

    def answer(self, label: str, keys: str, look: bool = False) -> None:
        """Wait for ``label`` (answering cursor-position requests), type ``keys``; with ``look``, first keep
        what the (text) prompt drew."""
        drawn = ""
        while True:
            index = self.child.expect([CPR_REQUEST, re.escape(label) + r" ?\x1b"])
            drawn += self.child.before + self.child.after
            if index == 1:
                break
            self.child.send(CPR_REPLY)
        if look:
            self.child.expect(re.escape(SHOW_CURSOR))  # a text prompt is fully drawn
            self.screens[label] = drawn + self.child.before
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture
def prompts(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]]
) -> Iterator[Callable[[str], Prompts]]:
    started: list[pexpect.spawn] = []

    def spawn(locale: str) -> Prompts:
        child = pexpect.spawn(
            str(console_script),
            ["init", "site"],
            cwd=str(workdir),
            env=child_env(LANG=locale),
            encoding="utf-8",
            dimensions=(50, 200),
            timeout=TIMEOUT,
        )
        started.append(child)
        return Prompts(child)

    yield spawn
    for child in started:
        if child.isalive():
            child.terminate(force=True)


def recorded_answers(project: Path) -> dict[str, object]:
    return json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]


LOCALES = {"en": "C.UTF-8", "ko": "ko_KR.UTF-8"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_typing_replaces_the_default_and_enter_takes_it(
    prompts: Callable[[str], Prompts], workdir: Path, lang: str
) -> None:
    session = prompts(LOCALES[lang])
    labels = LABELS[lang]
    typed = {labels[0]: "Shop", labels[2]: "가게 설명" if lang == "ko" else "A shop", labels[6]: "8123"}
    for label in labels:
        session.answer(label, typed.get(label, "") + ENTER)
    assert session.finish() == 0
    answers = recorded_answers(workdir / "site")
    assert (answers["project_name"], answers["project_slug"]) == ("Shop", "shop")
    assert answers["description"] == typed[labels[2]]
    assert answers["port"] == 8123
    # The rest are the defaults, taken with Enter alone.
    assert (answers["author"], answers["database"], answers["language"]) == ("", "postgresql", lang)
    assert answers["time_zone"] == ("Asia/Seoul" if lang == "ko" else "UTC")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_text_default_is_shown_greyed_after_the_label(
    prompts: Callable[[str], Prompts], lang: str
) -> None:
    session = prompts(LOCALES[lang])
    labels = LABELS[lang]
    session.answer(labels[0], "Shop" + ENTER, look=True)
    session.answer(labels[1], ENTER, look=True)
    session.answer(labels[2], "\x03")  # Ctrl-C: nothing written
    assert session.finish() == 130
    assert f"{labels[0]} {GREY}My Django Project" in session.screens[labels[0]]
    assert f"{GREY}shop" in session.screens[labels[1]]  # the slug derived from what was typed


def test_spaces_are_what_is_typed(prompts: Callable[[str], Prompts], workdir: Path) -> None:
    """Spaces are an answer: refused in place at a name or a port (erased, Enter takes the default),
    an empty description where one may be empty. The answer shown is the answer kept."""
    session = prompts("C.UTF-8")
    typed = {"Project name": "   " + ENTER + "\x15" + ENTER, "Port": "   " + ENTER + "\x15" + ENTER,
             "Short description": " " + ENTER}
    for label in LABELS["en"]:
        session.answer(label, typed.get(label, ENTER))
    assert session.finish() == 0
    answers = recorded_answers(workdir / "site")
    assert (answers["project_name"], answers["project_slug"], answers["port"], answers["description"]) == (
        "My Django Project",
        "my_django_project",
        8000,
        "",
    )
