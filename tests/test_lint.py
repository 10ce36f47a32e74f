"""newproj's own code passes ruff and import-linter's contracts (the generated projects' code is linted by the matrix)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_passes_on_newproj_itself() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "generator", "templates/django/hooks", "tests", "bench", ".ci", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts_hold() -> None:
    """pyproject.toml's contracts: layers from the CLI down to the answers model, the commands never
    importing the app, the doctor's checks over what a check is made of, the answers model on the
    standard library alone, and no import cycle."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout
