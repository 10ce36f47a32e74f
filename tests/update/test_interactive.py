"""On a terminal, ``newproj update`` asks every answer with the recorded value as its default."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pexpect")

from ptykit import CLEAR, ENTER, LABELS, Terminal  # noqa: E402
from updatekit import record  # noqa: E402

NEWPROJ = Path(sys.executable).with_name("newproj")


def _answer_with_port(project: Path, port: str, confirmation: str, locale: str = "C.UTF-8") -> tuple[int, str, str]:
    """``newproj update`` on a terminal: Enter at every question but the port; then ``confirmation``."""
    env = {**os.environ, "LANG": locale}
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    lang = "ko" if locale.startswith("ko") else "en"
    session = Terminal(NEWPROJ, ["update", str(project)], project, env)
    try:
        labels = LABELS[lang]
        for name in (
            "project_name",
            "project_slug",
            "description",
            "author",
            "python_version",
            "django_version",
        ):
            session.answer(labels[name], ENTER)
        session.answer(labels["port"], CLEAR + port + ENTER)
        for name in ("database", "language", "time_zone", "features"):
            session.answer(labels[name], ENTER)
        session.answer({"en": "Apply this update?", "ko": "이 업데이트를 적용할까요?"}[lang], confirmation)
        code, rest = session.finish()
        shown = session.output()
    finally:
        session.kill()
    return code, rest, shown


def test_recorded_answers_are_the_defaults_and_a_typed_port_is_taken(generated) -> None:
    project = generated(project_name="Blog", database="sqlite", time_zone="Asia/Seoul")
    code, rest, shown = _answer_with_port(project, "9000", ENTER)
    assert code == 0, shown[-2000:]
    # like init, a summary before the confirmation: the answers that change, the files
    assert "newproj will update" in shown and "Port  8000 → 9000" in shown
    assert "changed   Dockerfile" in shown
    assert f"Updated {project} to template release" in rest
    context = record(project)["context"]["cookiecutter"]
    assert (context["port"], context["project_name"], context["database"], context["time_zone"]) == (
        9000,
        "Blog",
        "sqlite",
        "Asia/Seoul",
    )


@pytest.mark.parametrize("locale", ["C.UTF-8", "ko_KR.UTF-8"])
def test_no_at_the_confirmation_writes_nothing(generated, locale: str) -> None:
    project = generated(project_name="Blog", database="sqlite")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    code, rest, shown = _answer_with_port(project, "9000", "n", locale)
    assert code == 0, shown[-2000:]
    if locale.startswith("ko"):
        assert "포트  8000 → 9000" in shown
        assert "취소했습니다. 아무것도 쓰지 않았습니다" in rest
    else:
        assert "cancelled; nothing was written" in rest
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_yes_updates_without_the_confirmation(generated, update, monkeypatch) -> None:
    import io

    import newproj.cli.prompts
    import newproj.cli.update
    from newproj.answers import build_answers

    class FakeTerminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    project = generated(project_name="Blog", database="sqlite")
    recorded = {k: v for k, v in record(project)["context"]["cookiecutter"].items() if not k.startswith("_")}
    monkeypatch.setattr(sys, "stdin", FakeTerminal(""))
    monkeypatch.setattr(newproj.cli.prompts, "ask_missing", lambda *a, **k: build_answers({**recorded, "port": 9000}))

    def no_question(*args: object, **kwargs: object) -> bool:
        raise AssertionError("asked to confirm despite --yes")

    monkeypatch.setattr(newproj.cli.prompts, "confirm", no_question)
    monkeypatch.setattr(newproj.cli.update, "prompt_io", lambda: {})
    result = update(str(project), "--yes")
    assert result.code == 0, result.err
    assert record(project)["context"]["cookiecutter"]["port"] == 9000
