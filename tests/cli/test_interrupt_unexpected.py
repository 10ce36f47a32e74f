"""Exit codes 130 (Ctrl-C) and 1 (anything unexpected): one line, nothing left behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clikit import DEFAULTS, Run, assert_one_error, explode, one_json
from newproj.answers import build_answers
from newproj.errors import ExitCode

# --- exit code 130: interrupted -----------------------------------------------------------


def interrupt(*args: Any, **kwargs: Any) -> Any:
    raise KeyboardInterrupt


def interrupt_at(where: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    """Arrange for Ctrl-C at ``where`` (stdin a terminal); return the ``init`` arguments that get there."""
    import newproj.cli.prompts
    import newproj.render.engine

    if where == "prompt":
        monkeypatch.setattr(newproj.cli.prompts, "ask_missing", interrupt)
        return ()
    if where == "confirmation":
        monkeypatch.setattr(
            newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
        )
        monkeypatch.setattr(newproj.cli.prompts, "confirm", interrupt)
        return ()
    assert where == "writing"
    monkeypatch.setattr(newproj.render.engine, "prune", interrupt)
    return ("--no-input", "deep/er/site")


CTRL_C_AT = ["prompt", "confirmation", "writing"]


@pytest.mark.parametrize("where", CTRL_C_AT)
def test_ctrl_c_exits_130_and_leaves_nothing(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    result = cli("init", *interrupt_at(where, monkeypatch))
    assert result.code == ExitCode.INTERRUPTED
    assert "Traceback" not in result.err
    assert list(workdir.iterdir()) == []


@pytest.mark.parametrize("where", CTRL_C_AT)
def test_ctrl_c_says_one_line(cli: Run, tty_stdin: None, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    result = cli("init", *interrupt_at(where, monkeypatch))
    assert_one_error(result, "error: interrupted; nothing was written", ExitCode.INTERRUPTED)


def test_ctrl_c_says_one_line_in_korean(cli: Run, tty_stdin: None, monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("init", "--lang", "ko", *interrupt_at("prompt", monkeypatch))
    assert_one_error(result, "error: 중단했습니다. 아무것도 쓰지 않았습니다", 130)


def test_ctrl_c_in_json_mode_still_gives_one_document(
    cli: Run, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli("init", "--json", *interrupt_at("writing", monkeypatch))
    assert result.code == 130
    assert one_json(result.out) == {"error": {"code": 130, "message": "interrupted; nothing was written"}}


# --- exit code 1: anything unexpected ---------------------------------------------------------


UNEXPECTED = "error: unexpected error: RuntimeError: disk on fire; rerun with --debug for the traceback"


def test_unexpected_error_is_one_line_with_a_debug_hint(
    cli: Run, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.render.engine

    monkeypatch.setattr(newproj.render.engine, "prune", explode)
    result = cli("init", "--no-input")
    assert_one_error(result, UNEXPECTED, ExitCode.UNEXPECTED)
    assert list(workdir.iterdir()) == []


def test_unexpected_error_with_debug_shows_the_traceback(
    cli: Run, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.render.engine

    monkeypatch.setattr(newproj.render.engine, "prune", explode)
    result = cli("init", "--no-input", "--debug")
    assert result.code == 1
    assert result.err_lines[0] == "Traceback (most recent call last):"
    assert "RuntimeError: disk on fire" in result.err_lines
    assert result.err_lines[-1] == UNEXPECTED
    assert list(workdir.iterdir()) == []


def test_unexpected_error_in_korean(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import newproj.render.engine

    monkeypatch.setattr(newproj.render.engine, "prune", explode)
    result = cli("init", "--no-input", "--lang", "ko")
    assert_one_error(
        result,
        "error: 예상하지 못한 오류: RuntimeError: disk on fire. --debug 를 붙여 다시 실행하면 자세한 내용이 나옵니다",
        1,
    )


def test_unexpected_error_in_json_mode(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import newproj.render.engine

    monkeypatch.setattr(newproj.render.engine, "prune", explode)
    result = cli("init", "--no-input", "--json")
    assert result.code == 1
    assert one_json(result.out) == {"error": {"code": 1, "message": UNEXPECTED.removeprefix("error: ")}}
