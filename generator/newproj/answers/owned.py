"""Which files each feature owns: all the post hook needs to prune a project (standard library only).

A file owned by several features (the worker's Kubernetes manifest) goes when any of them is off.
``{slug}`` stands for the project's package folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
