"""A Windows checkout (``core.autocrlf=true``) of a generated project keeps LF where the
container needs it, thanks to the project's ``.gitattributes``; without it the doctor objects."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from newproj.doctor.checks import check_line_endings

GIT = ["git", "-c", "user.name=Lead", "-c", "user.email=lead@example.com", "-c", "init.defaultBranch=main"]
LF_FILES = ("docker/entrypoint.sh", "Dockerfile", "docker-compose.yml", "manage.py")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="!!! SKIPPED: no git")


def commit_and_clone_on_windows(project: Path, tmp_path: Path) -> Path:
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "init"], cwd=project, check=True)
    clone = tmp_path / "windows-clone"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", "--config", "core.autocrlf=true",
                    str(project), str(clone)], check=True)
    return clone


def test_an_autocrlf_clone_keeps_lf(generated: Callable[..., Path], tmp_path: Path) -> None:
    clone = commit_and_clone_on_windows(generated(project_name="Shop", database="mariadb"), tmp_path)
    for relative in LF_FILES:
        assert b"\r\n" not in (clone / relative).read_bytes(), relative
    assert check_line_endings("en", clone).status == "ok"


def test_without_gitattributes_the_same_clone_gets_crlf(generated: Callable[..., Path], tmp_path: Path) -> None:
    """The control: what a Windows teammate got before .gitattributes, and what the doctor says."""
    project = generated(project_name="Shop", database="mariadb")
    (project / ".gitattributes").unlink()
    clone = commit_and_clone_on_windows(project, tmp_path)
    assert b"\r\n" in (clone / "docker" / "entrypoint.sh").read_bytes()
    check = check_line_endings("en", clone)
    assert (check.status, check.detail) == (
        "problem",
        "docker/entrypoint.sh has Windows (CRLF) line endings; the container fails with /bin/sh^M",
    )
