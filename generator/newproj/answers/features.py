"""The features a project can contain: what each one is, what it needs, and which files it owns.

Standard library only: :mod:`newproj.maintainer.hookgen` copies this file into the pre hook, whose
rules refuse a worker without Redis, so plain cookiecutter and cruft refuse as newproj does.

A feature is one boolean answer (``use_<id>``, a ``cookiecutter.json`` key). Lines that a feature
adds to shared files are ``{%- if cookiecutter.use_<id> %}`` blocks in the template; the files it
owns (:mod:`newproj.answers.owned`, all the post hook needs) are removed after rendering when it is off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newproj.answers.owned import OWNED_FILES, feature_key

#: The groups, in the order the checkbox shows them.
GROUPS = {
    "team": {"en": "Team tooling", "ko": "팀 도구"},
    "deploy": {"en": "Deployment", "ko": "배포"},
    "services": {"en": "Services", "ko": "서비스"},
}


@dataclass(frozen=True)
class Feature:
    """One thing a project may contain, chosen at ``init`` and added or removed by ``update``."""

    id: str
    group: str
    label: dict[str, str]
    description: dict[str, str]
    default: bool
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Its answer: the ``cookiecutter.json`` key and the model field (``use_pre_commit``)."""
        return feature_key(self.id)

    @property
    def files(self) -> tuple[str, ...]:
        """The files it owns (``{slug}``: the package folder), removed when it is off."""
        return OWNED_FILES[self.id]


FEATURES: tuple[Feature, ...] = (
    Feature(
        "ci",
        "team",
        {"en": "CI workflow", "ko": "CI 워크플로"},
        {
            "en": "GitHub Actions: build the image, run the tests, check --deploy",
            "ko": "GitHub Actions: 이미지 빌드, 테스트, check --deploy",
        },
        True,
    ),
    Feature(
        "dependabot",
        "team",
        {"en": "Dependabot", "ko": "Dependabot"},
        {
            "en": "weekly pull requests that update the lock, the images and the actions",
            "ko": "잠금 파일, 이미지, 액션을 올리는 주간 풀 리퀘스트",
        },
        True,
    ),
    Feature(
        "pre-commit",
        "team",
        {"en": "pre-commit", "ko": "pre-commit"},
        {
            "en": "checks before each commit (ruff, hadolint, the lock) and shared editor settings",
            "ko": "커밋 전 검사 (ruff, hadolint, 잠금 파일)와 공통 편집기 설정",
        },
        True,
    ),
    Feature(
        "devcontainer",
        "team",
        {"en": "Dev container", "ko": "개발 컨테이너"},
        {
            "en": "open the web container in VS Code Dev Containers or Codespaces",
            "ko": "VS Code Dev Containers 나 Codespaces 에서 web 컨테이너로 열기",
        },
        True,
    ),
    Feature(
        "swarm",
        "deploy",
        {"en": "Docker Swarm stack", "ko": "Docker Swarm 스택"},
        {
            "en": "a stack file in deploy/swarm/: replicas, rolling updates, secrets",
            "ko": "deploy/swarm/ 의 스택 파일: 복제본, 롤링 업데이트, 시크릿",
        },
        False,
    ),
    Feature(
        "k8s",
        "deploy",
        {"en": "Kubernetes manifests", "ko": "Kubernetes 매니페스트"},
        {
            "en": "deploy/k8s/: Kustomize base with dev and prod overlays",
            "ko": "deploy/k8s/: Kustomize base 와 dev, prod overlay",
        },
        False,
    ),
    Feature(
        "redis",
        "services",
        {"en": "Redis cache", "ko": "Redis 캐시"},
        {
            "en": "a redis container and Django's built-in Redis cache backend",
            "ko": "redis 컨테이너와 Django 내장 Redis 캐시 백엔드",
        },
        False,
    ),
    Feature(
        "worker",
        "services",
        {"en": "Celery worker", "ko": "Celery 워커"},
        {
            "en": "worker and beat containers (Celery, Redis as broker) and a sample task",
            "ko": "worker 와 beat 컨테이너 (Celery, 브로커는 Redis)와 예제 작업",
        },
        False,
        requires=("redis",),
    ),
)
#: What a project recorded before features existed holds: every file of the team and deployment features.
BEFORE_FEATURES = {feature.key: feature.group != "services" for feature in FEATURES}
FEATURES_BY_ID = {feature.id: feature for feature in FEATURES}
FEATURE_KEYS = tuple(feature.key for feature in FEATURES)
FEATURES_BY_KEY = {feature.key: feature for feature in FEATURES}


def with_requirements(ids: set[str]) -> set[str]:
    """``ids`` and everything they require, transitively (``--with worker`` brings Redis)."""
    wanted = set(ids)
    while True:
        more = {needed for ident in wanted for needed in FEATURES_BY_ID[ident].requires} - wanted
        if not more:
            return wanted
        wanted |= more


def selected(context: Mapping[str, Any]) -> tuple[str, ...]:
    """The ids of the features ``context`` turns on, in catalogue order."""
    return tuple(feature.id for feature in FEATURES if context.get(feature.key))


def owned_files(ident: str, context: Mapping[str, Any]) -> tuple[str, ...]:
    """The files feature ``ident`` owns in a project of ``context`` (its package folder named)."""
    slug = str(context.get("project_slug", ""))
    return tuple(path.replace("{slug}", slug) for path in OWNED_FILES[ident])
