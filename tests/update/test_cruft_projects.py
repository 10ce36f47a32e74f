"""Projects whose record ``cruft create`` wrote (a git URL, a commit, no ``template_version``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from newproj.render.templates import django_template
from updatekit import commit_all, git, record

CRUFT = Path(sys.executable).with_name("cruft")


def _as_cruft_writes_it(project: Path, url: str, commit: str) -> None:
    data = record(project)
    context = data["context"]["cookiecutter"]
    context.update(
        {"_template": url, "_commit": commit, "_newproj_template_version": data["template_version"]}
    )
    cruft_record = {
        "template": url,
        "commit": commit,
        "checkout": None,
        "context": data["context"],
        "directory": "templates/django",
    }
    (project / ".cruft.json").write_text(json.dumps(cruft_record, indent=2, ensure_ascii=False) + "\n")


def test_a_cruft_record_is_read_and_keeps_its_origin(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    _as_cruft_writes_it(project, "https://example.com/newproj.git", "0123abcd" * 5)
    commit_all(project, "cruft record")

    result = update(str(project), "--no-input", "--port", "9000")

    assert result.code == 0, result.err
    after = record(project)
    assert (after["template"], after["commit"], after["directory"]) == (
        "https://example.com/newproj.git",
        "0123abcd" * 5,
        "templates/django",
    )
    assert after["context"]["cookiecutter"]["port"] == 9000
    assert after["context"]["cookiecutter"]["_template"] == "https://example.com/newproj.git"
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()


@pytest.mark.skipif(not CRUFT.exists(), reason="cruft is not installed (pip install -e '.[test]')")
def test_a_project_made_by_cruft_create_is_updated(tmp_path: Path, update) -> None:
    source = tmp_path / "newproj-template"
    shutil.copytree(
        django_template(), source / "templates" / "django", ignore=shutil.ignore_patterns("__pycache__")
    )
    git(source, "init", "-q")
    commit_all(source, "template")
    made = subprocess.run(
        [
            str(CRUFT),
            "create",
            str(source),
            "--directory",
            "templates/django",
            "--no-input",
            "--extra-context",
            '{"project_name": "Blog", "database": "sqlite"}',
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    project = tmp_path / "blog"
    assert record(project)["template"] == str(source)
    git(project, "init", "-q")
    commit_all(project, "made by cruft")

    result = update(str(project), "--no-input", "--port", "9000", "--database", "postgresql")

    assert result.code == 0, result.err
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()
    assert "  db:\n    image: postgres:17\n" in (project / "docker-compose.yml").read_text()
    assert record(project)["context"]["cookiecutter"]["database"] == "postgresql"
    assert record(project)["template"] == str(source)


def test_paths_in_crufts_skip_list_are_left_alone(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    data = record(project)
    data["skip"] = ["Dockerfile", "blog/settings"]
    (project / ".cruft.json").write_text(json.dumps(data, indent=2) + "\n")
    commit_all(project, "skip")
    result = update(str(project), "--no-input", "--port", "9000")
    assert result.code == 0, result.err
    assert "EXPOSE 8000" in (project / "Dockerfile").read_text()
    assert "http://localhost:8000" in (project / "blog" / "settings" / "base.py").read_text()
    assert '- "9000:9000"' in (project / "docker-compose.yml").read_text()
    assert record(project)["skip"] == ["Dockerfile", "blog/settings"]
