# GENERATED: the answers model (newproj/answers: owned.py, prune.py), by `python -m newproj.maintainer.hookgen`; do not edit.
"""Remove the files that the chosen answers do not use (cruft writes .cruft.json itself)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from typing import Any

# {% raw %}
# --- newproj/answers/owned.py -------------------------------------------------------------------
"""Which files each feature owns: all the post hook needs to prune a project (standard library only).

A file owned by several features (the worker's Kubernetes manifest) goes when any of them is off.
``{slug}`` stands for the project's package folder.
"""


_K8S = "deploy/k8s/"
OWNED_FILES: dict[str, tuple[str, ...]] = {
    "ci": (".github/workflows/ci.yml",),
    "dependabot": (".github/dependabot.yml",),
    "pre-commit": (".pre-commit-config.yaml", ".editorconfig"),
    "devcontainer": (".devcontainer/devcontainer.json",),
    "swarm": ("deploy/swarm/docker-stack.yml",),
    "k8s": tuple(
        _K8S + name
        for name in (
            "base/data-pvc.yaml base/deployment.yaml base/ingress.yaml base/kustomization.yaml "
            "base/migrate-job.yaml base/networkpolicy.yaml base/service.yaml base/redis.yaml "
            "base/worker.yaml overlays/dev/db.yaml overlays/dev/kustomization.yaml "
            "overlays/dev/namespace.yaml overlays/dev/secrets.env.example "
            "overlays/prod/kustomization.yaml overlays/prod/namespace.yaml "
            "overlays/prod/secrets.env.example"
        ).split()
    ),
    "redis": (_K8S + "base/redis.yaml",),
    "worker": (
        "{slug}/celery.py",
        "pages/tasks.py",
        "docker/celery_healthcheck.py",
        _K8S + "base/worker.yaml",
    ),
}


def feature_key(ident: str) -> str:
    """A feature's answer: ``use_<id>`` (``pre-commit`` -> ``use_pre_commit``)."""
    return "use_" + ident.replace("-", "_")


def feature_files_to_remove(context: Mapping[str, Any]) -> list[str]:
    """The owned files of every feature that ``context`` turns off."""
    slug = str(context.get("project_slug", ""))
    remove: list[str] = []
    for ident, paths in OWNED_FILES.items():
        if not context.get(feature_key(ident)):
            remove += [p.replace("{slug}", slug) for p in paths if p.replace("{slug}", slug) not in remove]
    return remove


# --- newproj/answers/prune.py -------------------------------------------------------------------
"""After rendering: remove the files the answers do not use.

Standard library only: the template's post-generation hook is this file (see
:mod:`newproj.maintainer.hookgen`), and newproj runs the same functions after its own renders.
"""


#: The app of the custom user model, which a project generated before it never gets.
ACCOUNTS_FILES = (
    "__init__.py",
    "admin.py",
    "apps.py",
    "models.py",
    "tests.py",
    "migrations/__init__.py",
    "migrations/0001_initial.py",
)


def files_to_remove(context: Mapping[str, Any]) -> list[str]:
    """Paths, relative to the generated project, that the chosen answers do not use: the files of each
    feature that is off, and what the database does not use."""
    remove: list[str] = feature_files_to_remove(context)
    if context["database"] not in ("mysql", "mariadb"):
        remove.append("docker/db/mysql-init.sql")
    if context["database"] == "sqlite":  # one replica, migrated by an initContainer on its volume
        remove += ["deploy/k8s/base/migrate-job.yaml", "deploy/k8s/overlays/dev/db.yaml"]
    else:
        remove.append("deploy/k8s/base/data-pvc.yaml")
    if context.get("__user_model", "accounts.User") != "accounts.User":  # a project from before it
        remove += [f"accounts/{name}" for name in ACCOUNTS_FILES]
    return remove


def remove_file(project_dir: str, relative: str) -> None:
    """Remove ``relative`` (when it is a file), then the folders it leaves empty, up to ``project_dir``."""
    path = os.path.join(project_dir, relative)
    if os.path.isfile(path):
        os.remove(path)
    parent = os.path.dirname(path)
    while parent != project_dir and os.path.isdir(parent) and not os.listdir(parent):
        os.rmdir(parent)
        parent = os.path.dirname(parent)


def prune(project_dir: str, paths: Iterable[str]) -> None:
    """Remove ``paths`` (what :func:`files_to_remove` names), the folders they leave empty, and ``__pycache__``.

    Byte-code folders come from pip compiling the template's ``.py`` files when it installs the
    wheel; cookiecutter would copy them along.
    """
    for folder, subfolders, _files in os.walk(project_dir):
        if "__pycache__" in subfolders:
            shutil.rmtree(os.path.join(folder, "__pycache__"))
            subfolders.remove("__pycache__")
    for relative in paths:
        remove_file(project_dir, relative)


# {% endraw %}
CONTEXT = json.loads({{cookiecutter | jsonify | tojson}})  # noqa: F821  (Jinja, rendered by the runner)

prune(os.getcwd(), files_to_remove(CONTEXT))
