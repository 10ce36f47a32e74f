"""The real console script in a real pseudo-terminal (pexpect): what a person at a terminal goes through."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clikit import run_script

pytest.importorskip("pexpect")

from ptykit import (  # noqa: E402
    ANSWERS,
    CLEAR,
    CTRL_C,
    DOWN,
    ENTER,
    FLAGS,
    KEYS,
    LABELS,
    PORT_RANGE,
    Terminal,
)


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
    session.answer(labels["features"], ENTER)  # the defaults, ticked
    session.answer(labels["confirm"], ENTER)


def cruft_answers(project: Path) -> dict[str, object]:
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    return {name: record["context"]["cookiecutter"][name] for name in ANSWERS}


EXPECTED = {**ANSWERS, "port": 8123}


#: What each language says at the end of a run and in the summary (the count is filled in).
CLOSING = {
    "en": (
        [
            "Created site ({count} files).",
            "Next steps:",
            "  cd site",
            "  docker compose up --build",
            "  open http://localhost:8123/",
        ],
        ["newproj will create site with:", "Database server version  11.4"],
    ),
    "ko": (
        [
            "site 을(를) 만들었습니다 (파일 {count}개).",
            "다음 단계:",
            "  cd site",
            "  docker compose up --build",
            "  http://localhost:8123/ 열기",
        ],
        ["newproj 가 site 에 다음으로 만듭니다:", "데이터베이스 서버 버전  11.4"],
    ),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_answer_every_question(lang: str, terminal: Callable[..., Terminal], workdir: Path) -> None:
    session = terminal(["init", "--lang", lang, "site"])
    answer_everything(session, lang)
    code, rest = session.finish()
    assert code == 0, rest
    project = workdir / "site"
    assert cruft_answers(project) == EXPECTED
    lines = [line.rstrip() for line in rest.splitlines() if line.strip()]
    count = sum(1 for p in project.rglob("*") if p.is_file())
    closing, summary = CLOSING[lang]
    assert lines[-5:] == [line.format(count=count) for line in closing]
    shown = session.output()
    assert all(line in shown for line in summary), shown


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
    records = [
        json.loads((workdir / name / "site" / ".cruft.json").read_text(encoding="utf-8"))
        for name in ("typed", "flagged")
    ]
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
    session.answer("Features", ENTER)
    session.wait_for("Write these files?")
    session.child.send(CTRL_C)
    code, _ = session.finish()
    assert code == 130
    assert list(workdir.iterdir()) == []


def test_no_at_the_confirmation_writes_nothing(terminal: Callable[..., Terminal], workdir: Path) -> None:
    flags = [arg for name, value in ANSWERS.items() if name != "port" for arg in (FLAGS[name], value)]
    session = terminal(["init", *flags])
    session.answer("Port", ENTER)
    session.answer("Features", ENTER)
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
        session.answer("Features", ENTER)
        session.answer("Write these files?", ENTER)
        code, _ = session.finish()
    finally:
        session.kill()
    assert code == 0
    assert json.loads((workdir / "out.json").read_text(encoding="utf-8"))["answers"]["port"] == 8000
