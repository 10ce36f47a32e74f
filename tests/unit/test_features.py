"""The features: the catalogue, the pruning it derives, the flags that select them, the hooks' refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from newproj.answers import FIELDS_BY_NAME, build_answers
from newproj.answers.features import (
    BEFORE_FEATURES,
    FEATURES,
    FEATURES_BY_ID,
    owned_files,
    with_requirements,
)
from newproj.answers.owned import feature_files_to_remove
from newproj.cli.features import feature_flags
from newproj.errors import UsageError
from newproj.maintainer.hookgen import cookiecutter_json
from newproj.render.place import generate
from newproj.render.templates import django_template

TEMPLATE_PROJECT = django_template() / "{{cookiecutter.project_slug}}"


def test_every_feature_has_its_texts_a_boolean_answer_and_a_cookiecutter_key() -> None:
    data = cookiecutter_json()
    for feature in FEATURES:
        assert set(feature.label) == set(feature.description) == {"en", "ko"}
        assert all(feature.label.values()) and all(feature.description.values())
        assert data[feature.key] is feature.default  # cookiecutter 2 asks y/n for a real boolean
        assert FIELDS_BY_NAME[feature.key].default({}) is feature.default
        assert set(feature.requires) | set(feature.excludes) <= FEATURES_BY_ID.keys()


def test_every_owned_file_is_in_the_template() -> None:
    """A typo in the catalogue would prune nothing; every path names a real template file."""
    for feature in FEATURES:
        for path in feature.files:
            source = TEMPLATE_PROJECT / path.replace("{slug}", "{{cookiecutter.project_slug}}")
            assert source.is_file(), f"{feature.id}: {path}"


def test_a_file_owned_by_two_features_goes_when_either_is_off() -> None:
    context = {"project_slug": "shop", **{f.key: True for f in FEATURES}}
    assert feature_files_to_remove(context) == []
    assert "deploy/k8s/base/worker.yaml" in feature_files_to_remove({**context, "use_k8s": False})
    without_worker = feature_files_to_remove({**context, "use_worker": False})
    assert without_worker == ["shop/celery.py", "pages/tasks.py", "docker/celery_healthcheck.py",
                              "deploy/k8s/base/worker.yaml"]
    assert owned_files("worker", context)[0] == "shop/celery.py"


def test_requirements_are_brought_along() -> None:
    assert with_requirements({"worker"}) == {"worker", "redis"}
    assert with_requirements({"ci"}) == {"ci"}


def test_flags_turn_into_answers_naming_their_flag() -> None:
    chosen = feature_flags(["worker,k8s"], ["ci"], minimal=False)
    assert chosen.values == {"use_worker": True, "use_redis": True, "use_k8s": True, "use_ci": False}
    assert chosen.sources["use_redis"] == "--with" and chosen.sources["use_ci"] == "--without"
    minimal = feature_flags(["redis"], None, minimal=True)
    assert minimal.values == {**{f.key: False for f in FEATURES}, "use_redis": True}
    assert minimal.sources["use_ci"] == "--minimal"


@pytest.mark.parametrize(
    ("added", "removed", "line"),
    [
        (["nope"], None, "--with: unknown feature 'nope'; known features are ci, dependabot, pre-commit, "
                         "devcontainer, swarm, k8s, redis, worker"),
        (None, ["k8s,"], None),
        (["k8s"], ["k8s"], "k8s given to both --with and --without; keep it in one of them"),
    ],
)
def test_bad_feature_flags_are_usage_errors(added: list[str] | None, removed: list[str] | None,
                                            line: str | None) -> None:
    if line is None:
        assert feature_flags(added, removed).values == {"use_k8s": False}  # a trailing comma is harmless
        return
    with pytest.raises(UsageError) as info:
        feature_flags(added, removed)
    assert info.value.message("en") == line


def test_minimal_is_the_seed_shape(tmp_path: Path) -> None:
    answers = build_answers({"project_name": "Seed", **{f.key: False for f in FEATURES}})
    files = set(generate(answers, tmp_path / "seed").files)
    assert {".dockerignore", ".gitignore", ".gitattributes", "Dockerfile", "docker-compose.yml", "README.md"} <= files
    extras = [f for f in files if f.startswith((".github", ".devcontainer", "deploy", ".pre-commit", ".editorconfig"))]
    assert extras == []
    assert not [f for f in files if "celery" in f or f.endswith("tasks.py")]


def test_a_record_from_before_features_holds_the_team_and_deployment_files() -> None:
    assert [key for key, on in BEFORE_FEATURES.items() if on] == [
        "use_ci", "use_dependabot", "use_pre_commit", "use_devcontainer", "use_swarm", "use_k8s"
    ]


def test_plain_cookiecutter_refuses_a_worker_without_redis_with_the_clis_message(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(tmp_path), str(django_template()),
         "use_worker=y", "use_redis=n"],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode != 0
    assert ("error: use_worker: the worker feature needs redis; add redis too (use_redis=y, --with redis) "
            "or leave worker out") in run.stderr.splitlines()
    assert list(tmp_path.iterdir()) == []
    made = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(tmp_path), str(django_template()),
         "use_worker=y", "use_redis=y", "project_name=Plain"],
        capture_output=True, text=True, timeout=120,
    )
    assert made.returncode == 0, made.stderr
    project = tmp_path / "plain"
    assert (project / "plain" / "celery.py").is_file() and (project / "pages" / "tasks.py").is_file()
    assert json.loads(json.dumps(sorted(p.name for p in project.iterdir())))
