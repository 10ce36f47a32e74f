"""Fixtures for ``newproj update``: generated projects, git, and the command run in-process.

``HOME`` is isolated by the autouse fixture of ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from newproj.cli import main

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


@pytest.fixture
def update(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``update(*args)``: run ``newproj update ARGS`` in-process, English locale; return code and streams."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(["update", *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def repo_project(generated: Callable[..., Path]) -> Callable[..., Path]:
    """``repo_project(**answers)``: a generated project committed to a fresh git repository."""

    def make(**values: Any) -> Path:
        project = generated(**values)
        git(project, "init", "-q")
        commit_all(project, "generated")
        return project

    return make


@pytest.fixture
def released_project(tmp_path: Path) -> Callable[..., Path]:
    """``released_project(version, releases_dir=None, **answers)``: a project as that release's
    ``newproj init`` made it, rendered from its snapshot (the wheel's, or those in ``releases_dir``)."""
    from newproj.rerender import load_model, render
    from newproj.snapshots import extract_snapshot

    def make(version: str, releases_dir: Path | None = None, **values: Any) -> Path:
        where = {"releases_dir": releases_dir} if releases_dir else {}
        template = extract_snapshot(version, tmp_path / f"release-{version}", **where)
        model = load_model(template, f"tests_release_{version}_{uuid.uuid4().hex}")
        rendering = render(template, model, values, {})
        project = tmp_path / rendering.context["project_slug"]
        for relative, item in rendering.files.items():
            path = project / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.data)
            path.chmod(item.mode)
        (project / ".cruft.json").write_text(
            json.dumps(rendering.record, indent=2, ensure_ascii=False) + "\n"
        )
        return project

    return make


@pytest.fixture
def release_one_installed(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make release 1's snapshot the installed template (the one that writes ``.env``), whatever the
    template of this checkout is now."""
    import newproj.update
    from newproj.snapshots import cached_snapshot

    template = cached_snapshot("1")
    monkeypatch.setattr(newproj.update, "django_template", lambda: template)
    monkeypatch.setattr(newproj.update, "INSTALLED_MODEL", f"tests_installed_release_1_{uuid.uuid4().hex}")
    return template


@pytest.fixture
def template_as_next_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], str]:
    """``template_as_next_release()``: the template of this checkout, cut as the next release into a
    copy of the release store and made the installed one; returns its version. The wheel's own
    releases stay as they are (a maintainer cuts the real one)."""
    import shutil

    import newproj.update
    from newproj.release import cut_release
    from newproj.snapshots import RELEASES_DIR, cached_snapshot, released_versions
    from newproj.templates import django_template

    def cut() -> str:
        template = tmp_path / "next" / "templates" / "django"
        shutil.copytree(django_template(), template, ignore=shutil.ignore_patterns("__pycache__"))
        releases = tmp_path / "next" / "releases"
        shutil.copytree(RELEASES_DIR, releases)
        version = cut_release(template, releases).version
        monkeypatch.setattr(newproj.update, "django_template", lambda: template)
        monkeypatch.setattr(newproj.update, "INSTALLED_MODEL", f"tests_next_model_{uuid.uuid4().hex}")
        monkeypatch.setattr(newproj.update, "released_versions", lambda: released_versions(releases))
        monkeypatch.setattr(newproj.update, "cached_snapshot", lambda v: cached_snapshot(v, releases))
        return version

    return cut
