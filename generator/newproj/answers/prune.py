"""After rendering: remove the files the answers do not use.

Standard library only: the template's post-generation hook is this file (see
:mod:`newproj.maintainer.hookgen`), and newproj runs the same functions after its own renders.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from typing import Any

from newproj.answers.owned import feature_files_to_remove

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
