"""What the ``newproj update`` tests share: git in a project, and reading its record and ``.env``.

Test modules import it by name (``from updatekit import ...``), as they do ``clikit``.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GIT_IDENTITY = ["-c", "user.name=Team", "-c", "user.email=team@example.com", "-c", "commit.gpgsign=false"]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def git(project: Path, *args: str) -> str:
    """Run git in ``project`` and return its output (fails the test on error)."""
    done = subprocess.run(["git", "-C", str(project), *GIT_IDENTITY, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit_all(project: Path, message: str = "work") -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def record(project: Path) -> dict[str, Any]:
    return json.loads((project / ".cruft.json").read_text(encoding="utf-8"))


def env_pairs(project: Path) -> dict[str, str]:
    pairs = {}
    for line in (project / ".env").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs
