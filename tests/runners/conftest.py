"""Fixtures for the runner tier: the template as a git repository, as users reach it with cookiecutter and cruft.

The repository is made from the working tree as it is (tracked and untracked files, minus ignored
ones), committed into a scratch repository, so the tests check the current files, not the last commit.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from runnerkit import BIN, REPO_ROOT, make_template_repo


def _require_git() -> None:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("!!! SKIPPED: not a git checkout (or no git): the template runners are not tested")


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the working tree (read-only for the tests that share it)."""
    _require_git()
    return make_template_repo(tmp_path_factory.mktemp("repo") / "newproj")


@pytest.fixture
def own_template_repo(tmp_path: Path) -> Path:
    """A git repository of the working tree that the test may commit to."""
    _require_git()
    return make_template_repo(tmp_path / "template" / "newproj")


@pytest.fixture
def run() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run(["cruft", "check"], cwd=...)``: a runner's console script, output captured, never raising."""

    def call(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / args[0]), *args[1:]],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            timeout=180,
            **kwargs,  # type: ignore[arg-type]
        )

    return call
