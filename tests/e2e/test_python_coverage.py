"""Which offered Pythons the Docker tier runs, and which are left to the static matrix."""

from __future__ import annotations

from newproj.answers import rules
from standins.catalog import PYTHON_SUITES
from variants import ALL_VARIANTS, VARIANTS

#: Offered, but no reachable source (Debian's mirror) ships them: tested statically only
#: (tests/matrix renders and lints every pair), as README.md and docs/*/reference.md say.
STATIC_ONLY = {"3.10", "3.12"}


def test_every_offered_python_with_an_interpreter_runs_in_docker() -> None:
    offered = set(rules.PYTHON_VERSIONS)
    in_docker = {variant.python for variant in ALL_VARIANTS}
    assert in_docker == offered - STATIC_ONLY == {"3.11", "3.13", "3.14", "3.15"}
    assert in_docker <= set(PYTHON_SUITES)
    assert STATIC_ONLY.isdisjoint(PYTHON_SUITES)


def test_the_full_battery_covers_every_database() -> None:
    assert sorted(variant.database for variant in VARIANTS) == sorted(rules.DATABASES)
