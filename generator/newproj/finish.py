"""After rendering: prune what the answers do not use, and write the record (``.cruft.json``).

Standard library only: the template's post-generation hook carries a copy (see :mod:`newproj.hookgen`).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from typing import Any

from newproj.model import FIELD_NAMES, PRIVATE_KEYS, TEMPLATE_VERSION, build_answers

#: Where the template sits in newproj's repository (cruft's ``directory``).
TEMPLATE_DIRECTORY = "templates/django"
#: The app of the custom user model.
ACCOUNTS_FILES = ("__init__.py", "admin.py", "apps.py", "models.py", "tests.py", "migrations/__init__.py",
                  "migrations/0001_initial.py")


def files_to_remove(context: Mapping[str, Any]) -> list[str]:
    """Paths, relative to the generated project, that the chosen answers do not use."""
    remove: list[str] = []
    if context["database"] not in ("mysql", "mariadb"):
        remove.append("docker/db/mysql-init.sql")
    if context["database"] == "sqlite":  # one replica, migrated by an initContainer on its volume
        remove += ["deploy/k8s/base/migrate-job.yaml", "deploy/k8s/overlays/dev/db.yaml"]
    else:
        remove.append("deploy/k8s/base/data-pvc.yaml")
    if context.get("__user_model", "accounts.User") != "accounts.User":  # a project from before it
        remove += [f"accounts/{name}" for name in ACCOUNTS_FILES]
    return remove


def cruft_record(context: Mapping[str, Any], commit: str | None = None) -> dict[str, Any]:
    """The ``.cruft.json`` newproj writes: cruft's keys, plus ``template_version`` for ``newproj update``.

    cruft reads ``template``, ``commit``, ``checkout``, ``context`` and ``directory`` and ignores
    other keys; newproj reads ``template_version`` (a record written by ``cruft create`` has the
    version as the context's ``_newproj_template_version``, from ``cookiecutter.json``).
    The private keys are recorded so that a render can be repeated exactly.
    """
    recorded = build_answers({name: context[name] for name in FIELD_NAMES}).to_context()
    recorded.update({key.name: context[key.name] for key in PRIVATE_KEYS if key.name in context})
    recorded["_template"] = context["_template"]
    return {
        "template": context["_template"],
        "commit": commit,
        "checkout": context.get("_checkout"),
        "context": {"cookiecutter": recorded},
        "directory": TEMPLATE_DIRECTORY,
        "template_version": TEMPLATE_VERSION,
    }


def record_text(record: Mapping[str, Any]) -> str:
    """The record as cruft itself writes it (``json.dumps(indent=2, ensure_ascii=False)`` and a newline)."""
    return json.dumps(record, ensure_ascii=False, indent=2, separators=(",", ": ")) + "\n"


def prune(project_dir: str, context: Mapping[str, Any]) -> None:
    """Remove the files the answers do not use, the folders they leave empty, and ``__pycache__``.

    Byte-code folders come from pip compiling the template's ``.py`` files when it installs the
    wheel; cookiecutter would copy them along.
    """
    for folder, subfolders, _files in os.walk(project_dir):
        if "__pycache__" in subfolders:
            shutil.rmtree(os.path.join(folder, "__pycache__"))
            subfolders.remove("__pycache__")
    for relative in files_to_remove(context):
        path = os.path.join(project_dir, relative)
        if os.path.isfile(path):
            os.remove(path)
        parent = os.path.dirname(path)
        while parent != project_dir and os.path.isdir(parent) and not os.listdir(parent):
            os.rmdir(parent)
            parent = os.path.dirname(parent)


def finish_project(project_dir: str, context: Mapping[str, Any], commit: str | None = None) -> None:
    """newproj's last step of a render: :func:`prune`, then write ``.cruft.json``.

    (The template's hook only prunes: under ``cruft create`` cruft writes the record itself, and
    plain cookiecutter knows no commit to record.)
    """
    prune(project_dir, context)
    with open(os.path.join(project_dir, ".cruft.json"), "w", encoding="utf-8") as handle:
        handle.write(record_text(cruft_record(context, commit)))
