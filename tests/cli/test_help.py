"""`--no-input`, `--help` and `--version`: what a first run prints."""

from __future__ import annotations

from pathlib import Path

import newproj
import pytest
from clikit import DEFAULTS, SLUG, Run, one_json

# --- --no-input, --help, --version ------------------------------------------------------


def test_no_input_takes_the_defaults(cli: Run, workdir: Path) -> None:
    result = cli("init", "--no-input", "--json")
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"] == DEFAULTS
    assert (workdir / SLUG / "manage.py").is_file()


def test_no_input_prints_what_was_done_and_next_steps(cli: Run, workdir: Path) -> None:
    result = cli("init", "--no-input")
    assert result.code == 0, result.err
    count = sum(1 for p in (workdir / SLUG).rglob("*") if p.is_file())
    assert result.out_lines == [
        f"Created {SLUG} ({count} files).",
        "Next steps:",
        f"  cd {SLUG}",
        "  docker compose up --build",
        "  open http://localhost:8000/",
    ]


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert (result.code, result.out, result.err) == (0, f"newproj {newproj.__version__}\n", "")


@pytest.mark.parametrize("args", [("--help",), ("init", "--help")], ids=["newproj", "init"])
def test_help_lists_the_exit_codes(cli: Run, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.code == 0
    text = " ".join(result.out.split())
    assert (
        "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 target exists, 4 conflicts, "
        "5 doctor found problems, 6 cannot write, 130 interrupted"
    ) in text


def test_help_of_newproj_lists_init(cli: Run) -> None:
    result = cli("--help")
    assert "init" in result.out and "--version" in result.out


def test_bare_newproj_shows_help_without_an_empty_error(cli: Run) -> None:
    result = cli()
    assert "Usage: newproj" in result.out
    assert result.err == ""
