"""Fixtures for ``newproj update``: generated projects, git, and the command run in-process.

``HOME`` is isolated by the autouse fixture of ``tests/conftest.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from newproj.cli.app import main
from updatekit import Result, commit_all, git


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
    from newproj.project.record import record_text
    from newproj.render.snapshots import extract_snapshot
    from newproj.update.releases import Release, load_model

    def make(version: str, releases_dir: Path | None = None, **values: Any) -> Path:
        where = {"releases_dir": releases_dir} if releases_dir else {}
        template = extract_snapshot(version, tmp_path / f"release-{version}", **where)
        model = load_model(template, f"tests_release_{version}_{uuid.uuid4().hex}")
        rendering = Release(template, model).render(values, {})
        project = tmp_path / rendering.context["project_slug"]
        for relative, item in rendering.files.items():
            path = project / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.data)
            path.chmod(item.mode)
        (project / ".cruft.json").write_text(record_text(rendering.record))
        return project

    return make


@pytest.fixture
def release_one_installed(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make release 1's snapshot the installed template (the one that writes ``.env``), whatever the
    template of this checkout is now."""
    import newproj.update.plan
    from newproj.render.snapshots import cached_snapshot
    from newproj.update.releases import Release, load_model

    template = cached_snapshot("1")
    release = Release(template, load_model(template, f"tests_installed_release_1_{uuid.uuid4().hex}"))
    monkeypatch.setattr(newproj.update.plan, "installed", lambda: release)
    return template


