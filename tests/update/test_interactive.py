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


def test_recorded_answers_are_the_defaults_and_a_typed_port_is_taken(generated) -> None:
    project = generated(project_name="Blog", database="sqlite", time_zone="Asia/Seoul")
    env = {**os.environ, "LANG": "C.UTF-8"}
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    session = Terminal(NEWPROJ, ["update", str(project)], project, env)
    try:
        labels = LABELS["en"]
        for name in (
            "project_name",
            "project_slug",
            "description",
            "author",
            "python_version",
            "django_version",
        ):
            session.answer(labels[name], ENTER)
        session.answer(labels["port"], CLEAR + "9000" + ENTER)
        for name in ("database", "language", "time_zone", "features"):
            session.answer(labels[name], ENTER)
        code, rest = session.finish()
    finally:
        session.kill()
    assert code == 0, session.output()[-2000:]
    assert f"Updated {project} to template release" in rest
    context = record(project)["context"]["cookiecutter"]
    assert (context["port"], context["project_name"], context["database"], context["time_zone"]) == (
        9000,
        "Blog",
        "sqlite",
        "Asia/Seoul",
    )
