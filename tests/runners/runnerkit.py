"""What the runner tests share: the template as a git repository, and git itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GIT = [
    "git",
    "-c",
    "user.name=newproj tests",
    "-c",
    "user.email=tests@newproj.invalid",
    "-c",
    "commit.gpgsign=false",
]
#: The runners' console scripts, beside the interpreter running the tests.
BIN = Path(sys.executable).parent


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def make_template_repo(source: Path) -> Path:
    """Copy the working tree into ``source`` and commit it there; return ``source``."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO_ROOT).split("\0")
    for relative in filter(None, listed):
        path = REPO_ROOT / relative
        if path.is_file() and "__pycache__" not in path.parts and not relative.startswith(".venv"):
            (source / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / relative)
    # The template folder is copied whole: its own .gitignore must not hide template files.
    shutil.rmtree(source / "templates", ignore_errors=True)
    shutil.copytree(
        REPO_ROOT / "templates", source / "templates", ignore=shutil.ignore_patterns("__pycache__")
    )
    git("init", "--quiet", "--initial-branch=main", cwd=source)
    git("add", "--all", cwd=source)
    git("add", "--force", "templates", cwd=source)
    git("commit", "--quiet", "--message", "working tree under test", cwd=source)
    return source
