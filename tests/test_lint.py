"""newproj's own code passes ruff (the generated projects' code is linted by the matrix)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_passes_on_newproj_itself() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "generator", "templates/django/hooks", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
