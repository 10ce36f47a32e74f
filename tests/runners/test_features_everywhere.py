"""One choice of features, made through every front end, gives one project: the flags of ``init``, an
answers file, plain cookiecutter's y/n booleans and ``newproj update --with/--without`` on a project
made with the defaults select the same features (recorded alike) and write the same files. The
checkbox is driven to the same choice in ``tests/cli/test_prompts.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from clikit import FEATURE_CHOICE, FEATURE_CHOICE_FLAGS
from runnerkit import git

#: Answers besides the features, the same for every front end (SQLite: no server version to vary).
ANSWERS = {"project_name": "Choice Site", "project_slug": "choice_site", "database": "sqlite"}
FLAGS = ["--name", "Choice Site", "--slug", "choice_site", "--database", "sqlite"]


def files_of(project: Path) -> set[str]:
    """Every file, as a path relative to the project; newproj's record left out (plain cookiecutter writes none)."""
    return {
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(project).parts and path.name != ".cruft.json"
    }


def features_recorded(project: Path) -> dict[str, bool]:
    context = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]
    return {key: context[key] for key in FEATURE_CHOICE}


def test_flags_answers_file_cookiecutter_and_update_select_the_same_features(
    template_repo: Path, run: Callable[..., object], tmp_path: Path
) -> None:
    made: dict[str, Path] = {}

    flags = run(["newproj", "init", "--no-input", *FLAGS, *FEATURE_CHOICE_FLAGS, "by-flags"], cwd=tmp_path)
    assert flags.returncode == 0, flags.stderr
    made["flags"] = tmp_path / "by-flags"

    answers = tmp_path / "team.json"
    answers.write_text(json.dumps({**ANSWERS, **FEATURE_CHOICE}), encoding="utf-8")
    from_file = run(["newproj", "init", "--no-input", "--answers", str(answers), "by-file"], cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr
    made["answers file"] = tmp_path / "by-file"

    out = tmp_path / "cookiecutter"
    out.mkdir()
    booleans = [f"{key}={'y' if on else 'n'}" for key, on in FEATURE_CHOICE.items()]
    plain = run(
        ["cookiecutter", str(template_repo), "--directory", "templates/django", "-o", str(out), "--no-input",
         *(f"{key}={value}" for key, value in ANSWERS.items()), *booleans],
        cwd=tmp_path,
    )
    assert plain.returncode == 0, plain.stderr
    made["plain cookiecutter"] = out / "choice_site"

    defaults = run(["newproj", "init", "--no-input", *FLAGS, "by-update"], cwd=tmp_path)
    assert defaults.returncode == 0, defaults.stderr
    project = tmp_path / "by-update"
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "generated", cwd=project)
    updated = run(["newproj", "update", "--no-input", *FEATURE_CHOICE_FLAGS], cwd=project)
    assert updated.returncode == 0, updated.stderr
    made["update"] = project

    for front_end in ("flags", "answers file", "update"):
        assert features_recorded(made[front_end]) == FEATURE_CHOICE, front_end
    expected = files_of(made["flags"])
    assert {"deploy/k8s/base/worker.yaml", "choice_site/celery.py"} <= expected
    assert ".github/workflows/ci.yml" not in expected
    for front_end, folder in made.items():
        assert files_of(folder) == expected, f"{front_end}: {sorted(files_of(folder) ^ expected)}"
