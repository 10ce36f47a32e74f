"""The wheel carries the templates: installed in a fresh venv, it generates with no checkout of this repo."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docskit import quick_start
from newproj.answers import build_answers
from newproj.render.place import plan

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PREFIX = "newproj/templates/django/"
PROJECT_PREFIX = TEMPLATE_PREFIX + "{{cookiecutter.project_slug}}/"
ANSWERS = {"project_name": "Wheel Shop", "database": "mariadb", "port": 8123, "language": "ko"}

#: Run by the venv's interpreter in isolated mode (-I: no cwd, no PYTHONPATH, no user site).
GENERATE = r"""
import json, sys
import newproj
from newproj.render.templates import django_template

answers = newproj.build_answers(json.loads(sys.argv[2]))
result = newproj.generate(answers, sys.argv[1])
print(json.dumps({
    "template": str(django_template()),
    "files": list(result.files),
    "modules": sorted({getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}),
}))
"""


def template_files_in_checkout() -> set[str]:
    root = REPO_ROOT / "templates" / "django"
    return {
        TEMPLATE_PREFIX + p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO_ROOT)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    [built] = out.glob("newproj-*.whl")
    return built


def test_wheel_contains_the_template_with_its_hooks_and_dotfiles(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert TEMPLATE_PREFIX + "cookiecutter.json" in names
    for hook in ("pre_gen_project.py", "post_gen_project.py"):
        assert TEMPLATE_PREFIX + "hooks/" + hook in names
    for dotfile in (".dockerignore", ".env.example", ".gitignore", ".gitattributes", ".editorconfig",
                    ".devcontainer/devcontainer.json"):
        assert PROJECT_PREFIX + dotfile in names
    assert template_files_in_checkout() == {n for n in names if n.startswith(TEMPLATE_PREFIX)}
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "newproj/__init__.py" in names and "newproj/render/engine.py" in names


def test_wheel_carries_every_template_release_for_newproj_update(wheel: Path) -> None:
    from newproj.render.snapshots import RELEASES_DIR, released_versions

    names = set(zipfile.ZipFile(wheel).namelist())
    assert released_versions()  # at least release 1
    for version in released_versions():
        assert f"newproj/releases/django-{version}.tar.gz" in names
    if (RELEASES_DIR / "renames.json").exists():
        assert "newproj/releases/renames.json" in names


@pytest.fixture(scope="module")
def installed(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory, pip_env: Callable[..., dict[str, str]]
) -> tuple[Path, Path, dict]:
    """The wheel in a fresh venv (no system site-packages), and a project it generated from elsewhere.

    Returns (venv, project, report) where report tells which template and modules were used.
    """
    tmp_path = tmp_path_factory.mktemp("wheel-install")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=pip_env())
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        env=pip_env(),
    )
    assert install.returncode == 0, install.stdout + install.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [str(python), "-I", "-c", GENERATE, "wheel_shop", json.dumps(ANSWERS)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=pip_env(),
    )
    assert run.returncode == 0, run.stderr
    return venv, elsewhere / "wheel_shop", json.loads(run.stdout)


@pytest.mark.slow
def test_installed_wheel_generates_without_the_checkout(installed: tuple[Path, Path, dict]) -> None:
    venv, project, report = installed
    assert (venv / "bin" / "newproj").is_file()
    template = Path(report["template"]).resolve()
    assert template.is_relative_to(venv.resolve()), template
    assert not template.is_relative_to(REPO_ROOT)
    assert [m for m in report["modules"] if m.startswith(str(REPO_ROOT))] == []

    expected = plan(build_answers(ANSWERS))
    on_disk = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert set(expected) <= on_disk
    assert set(expected) <= set(report["files"])
    for name in (".env.example", ".gitignore", ".gitattributes", ".editorconfig", ".devcontainer/devcontainer.json",
                 ".dockerignore", "docker/db/mysql-init.sql"):
        assert (project / name).is_file(), name
    cruft = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert cruft["context"]["cookiecutter"]["port"] == 8123


@pytest.mark.slow
def test_installed_wheel_generates_exactly_the_planned_files(installed: tuple[Path, Path, dict]) -> None:
    _venv, project, report = installed
    on_disk = tuple(sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()))
    assert on_disk == tuple(report["files"]) == plan(build_answers(ANSWERS))


@pytest.mark.slow
def test_the_readme_quick_start_runs_as_written(installed: tuple[Path, Path, dict], tmp_path: Path,
                                                pip_env: Callable[..., dict[str, str]]) -> None:
    """The README's Quick start commands, run by a shell whose PATH has no newproj: the install steps are
    the ones the wheel fixture performs (a venv, then this checkout installed into it); every other line,
    then the `newproj update` the prose gives inside the project, runs exactly as written."""
    lines, prose = quick_start()
    install = ["python3 -m venv .venv", "pip install ."]
    assert [line for line in lines if line in install] == install, lines
    venv, _project, _report = installed
    (tmp_path / ".venv").symlink_to(venv)
    script = [line for line in lines if line not in install]
    [update] = [span for span in prose if "newproj update" in span]
    script += ["cd my_site", update]
    env = {**pip_env(), "PATH": "/usr/bin:/bin"}
    assert subprocess.run(["bash", "-c", "command -v newproj"], env=env, capture_output=True).returncode != 0
    done = subprocess.run(["bash", "-ec", "\n".join(script)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
    compose = (tmp_path / "my_site" / "docker-compose.yml").read_text(encoding="utf-8")
    assert '"9000:9000"' in compose and "My Site" in (tmp_path / "my_site" / "README.md").read_text(encoding="utf-8")
