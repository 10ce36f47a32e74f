"""newproj installed from git: the record names the repository and commit, as ``cruft create`` would,
so cruft checks and diffs a project ``newproj init`` made.

pip records where an install came from in PEP 610's ``direct_url.json``; newproj reads it there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from newproj.answers import build_answers
from newproj.project import origin
from newproj.project.origin import UNKNOWN, Origin, origin_from_direct_url
from newproj.render.place import generate
from runnerkit import git

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_pip_writes_the_git_origin_newproj_reads(template_repo: Path, tmp_path: Path) -> None:
    """A real ``pip install git+file://…`` (no network: the repository is local, the build backend installed)."""
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), f"git+file://{template_repo}"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    [direct_url] = target.glob("newproj-*.dist-info/direct_url.json")
    assert origin_from_direct_url(direct_url.read_text(encoding="utf-8")) == Origin(
        f"file://{template_repo}", git("rev-parse", "HEAD", cwd=template_repo)
    )


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "[]",
        '{"url": "file:///work/newproj", "dir_info": {"editable": true}}',
        '{"url": "https://example.org/newproj-1.0.tar.gz", "archive_info": {}}',
        '{"url": "https://hg.example.org/newproj", "vcs_info": {"vcs": "hg", "commit_id": "abc"}}',
        '{"url": "https://github.com/o/newproj", "vcs_info": {"vcs": "git"}}',
    ],
    ids=["none", "empty", "not-a-mapping", "editable-folder", "archive", "mercurial", "no-commit"],
)
def test_any_other_install_is_named_newproj_django(text: str | None) -> None:
    assert origin_from_direct_url(text) == UNKNOWN == Origin("newproj:django", None)


def test_cruft_checks_and_diffs_a_project_newproj_made(
    template_repo: Path, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = git("rev-parse", "HEAD", cwd=template_repo)
    direct_url = json.dumps({"url": f"file://{template_repo}", "vcs_info": {"vcs": "git", "commit_id": commit}})
    monkeypatch.setattr(origin, "installed_direct_url", lambda: direct_url)

    answers = build_answers({"project_name": "Shop", "database": "postgresql", "port": "8123"})
    project = generate(answers, tmp_path / "shop").path
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert (record["template"], record["commit"], record["directory"]) == (
        f"file://{template_repo}",
        commit,
        "templates/django",
    )
    assert record["context"]["cookiecutter"]["_template"] == f"file://{template_repo}"

    check = run(["cruft", "check"], project)
    assert check.returncode == 0, check.stdout + check.stderr
    diff = run(["cruft", "diff", "--exit-code"], project)
    assert (diff.returncode, diff.stdout) == (0, "")  # its own development values live in skipped docker/dev.env
