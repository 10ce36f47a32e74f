"""Property tests: thousands of answer sets through the model and the CLI.

Every set gives either a valid project (that compiles, parses, has no Jinja left, carries its port to
EXPOSE, CMD, compose and README, passes hadolint and compose config) or exactly one clean line, exit 2
and no files. ``NEWPROJ_PROPERTY_EXAMPLES`` sets how many (CI: 2,000); ``bench/fuzz.py`` runs more.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from clikit import project_snapshot
from fuzzkit import (
    CliRunner,
    FastRenderer,
    answer_sets,
    check_files,
    compose_config,
    compose_shape,
    dockerfile_shape,
    hadolint,
    write,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newproj.answers import AnswerError, build_answers
from newproj.render.place import generate

EXAMPLES = int(os.environ.get("NEWPROJ_PROPERTY_EXAMPLES", "2000"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the same sets on every run: a failure in CI is a failure at home
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"database": "mariadb", "language": "ko", "port": "8123"},
        {"database": "sqlite", "project_name": "Ünï 'q' \\ \""},
    ],
    ids=["defaults", "mariadb-ko", "sqlite-quotes"],
)
def test_fast_render_is_cookiecutters_render(values: dict[str, str], tmp_path: Path) -> None:
    answers = build_answers(values)
    fast = tmp_path / "fast"
    write(FastRenderer().render(answers), fast)
    slow = generate(answers, tmp_path / "slow").path
    assert project_snapshot(fast).keys() == project_snapshot(slow).keys()
    differ = [
        n
        for n in project_snapshot(slow)
        if n != ".cruft.json" and project_snapshot(fast)[n] != project_snapshot(slow)[n]
    ]
    assert differ == []


def test_every_answer_set_is_accepted_or_refused_in_one_line() -> None:
    """The model alone: an :class:`Answers`, or an :class:`AnswerError` whose message is one line in each language."""
    seen: Counter[str] = Counter()

    @SETTINGS
    @given(answer_sets())
    def one(values: dict) -> None:
        try:
            build_answers(values)
        except AnswerError as err:
            for lang in ("en", "ko"):
                message = err.message(lang)
                assert message and "\n" not in message and "\r" not in message and len(message) < 400, message
            seen["refused"] += 1
        else:
            seen["valid"] += 1

    one()
    assert seen["valid"] + seen["refused"] == EXAMPLES
    assert seen["valid"] > EXAMPLES // 20 and seen["refused"] > EXAMPLES // 20, seen


def test_every_answer_set_gives_a_sound_project_or_one_line_exit_2_and_no_files(tmp_path: Path) -> None:
    runner = CliRunner(tmp_path / "sets")
    seen: Counter[str] = Counter()
    dockerfiles: list[str] = []
    shapes: dict[str, dict[str, str]] = {}

    @SETTINGS
    @given(answer_sets(), st.sampled_from(["en", "ko"]))
    def one(values: dict, lang: str) -> None:
        outcome = runner.run(values, lang)
        seen[outcome.kind] += 1
        if outcome.kind == "refused":
            assert len(outcome.err_lines) == 1 and outcome.err_lines[0].startswith("error: "), (
                outcome.err_lines
            )
            return
        assert outcome.kind == "valid", (outcome.code, outcome.err_lines)
        assert outcome.answers is not None
        assert check_files(outcome.files, outcome.answers) == []
        dockerfiles.append(dockerfile_shape(outcome.files["Dockerfile"], outcome.answers))
        shapes.setdefault(compose_shape(outcome.files["docker-compose.yml"], outcome.answers), outcome.files)

    one()
    assert seen["valid"] + seen["refused"] == EXAMPLES, seen
    assert seen["valid"] > EXAMPLES // 20 and seen["refused"] > EXAMPLES // 20, seen
    assert hadolint(dockerfiles, tmp_path / "hadolint") == []
    assert compose_config(shapes, tmp_path / "compose") == []
