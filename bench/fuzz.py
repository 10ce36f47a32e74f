"""Fuzz ``newproj init`` with many answer sets (10,000 by default) and print what became of them.

Each set goes through the CLI in-process (``init --no-input --answers FILE --json``, interface language
drawn too), exactly as ``tests/properties`` does with fewer sets. A set must give either a sound project
(compiles, parses, no Jinja left, its port in EXPOSE, CMD, compose and README; hadolint and compose config
on each distinct Dockerfile and compose shape) or one line, exit 2 and no files. Prints counts; exits 1
when any set broke that rule.

    .venv/bin/python bench/fuzz.py                  # 10,000 sets
    .venv/bin/python bench/fuzz.py --sets 20000 --seed 7
"""

# ruff: noqa: E402  (the imports follow the sys.path line that finds the test kit)
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "properties"), str(ROOT / "tests")]

from fuzzkit import (
    CliRunner,
    answer_sets,
    check_files,
    compose_config,
    compose_shape,
    dockerfile_shape,
    hadolint,
)
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from newproj.answers import FIELD_NAMES

#: The answer a refusal names: ``error: [file: ]field: ...``.
FIELD_LABEL = re.compile(r"(?:^error: |: )(" + "|".join(FIELD_NAMES) + r"): ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=10_000, help="answer sets to try (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (default 0)")
    options = parser.parse_args()

    counts: Counter[str] = Counter()
    refusals: Counter[str] = Counter()
    broken: list[str] = []
    dockerfiles: list[str] = []
    shapes: dict[str, dict[str, str]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newproj-fuzz-") as scratch:
        runner = CliRunner(Path(scratch) / "sets")

        @seed(options.seed)
        @settings(
            max_examples=options.sets, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(answer_sets(), st.sampled_from(["en", "ko"]))
        def one(values: dict, lang: str) -> None:
            try:
                outcome = runner.run(values, lang)
            except AssertionError as err:  # a refusal that left files, or a JSON document that is wrong
                broken.append(f"{values!r:.200}: {err}")
                return
            counts[outcome.kind] += 1
            counts[f"lang {lang}"] += 1
            if outcome.kind == "refused":
                line = outcome.err_lines[0] if outcome.err_lines else ""
                if len(outcome.err_lines) != 1 or not line.startswith("error: "):
                    broken.append(f"{values!r:.200}: {outcome.err_lines}")
                named = FIELD_LABEL.search(line)
                refusals[named.group(1) if named else "file"] += 1
            elif outcome.kind == "valid" and outcome.answers is not None:
                problems = check_files(outcome.files, outcome.answers)
                broken.extend(f"{values!r:.200}: {problem}" for problem in problems)
                dockerfiles.append(dockerfile_shape(outcome.files["Dockerfile"], outcome.answers))
                shapes.setdefault(
                    compose_shape(outcome.files["docker-compose.yml"], outcome.answers), outcome.files
                )
            else:
                broken.append(f"{values!r:.200}: exit {outcome.code}: {outcome.err_lines}")

        one()
        rendered = time.perf_counter()
        lint = hadolint(dockerfiles, Path(scratch) / "hadolint")
        compose = compose_config(shapes, Path(scratch) / "compose")
    finished = time.perf_counter()

    print(f"answer sets tried:            {runner.count}")
    print(f"valid projects:               {counts['valid']}")
    print(f"refused (one line, exit 2):   {counts['refused']}")
    print(f"interface en / ko:            {counts['lang en']} / {counts['lang ko']}")
    print(f"Dockerfile shapes linted:     {len(set(dockerfiles))} (hadolint failures: {len(lint)})")
    print(f"compose shapes configured:    {len(shapes)} (compose config failures: {len(compose)})")
    print(f"broken sets:                  {len(broken)}")
    print("refusals by answer:           " + ", ".join(f"{k} {v}" for k, v in refusals.most_common()))
    print(
        f"time: {rendered - started:.0f} s for the sets, {finished - rendered:.0f} s for hadolint and compose"
    )
    for line in (broken + lint + compose)[:20]:
        print(f"  {line}")
    return 1 if broken or lint or compose else 0


if __name__ == "__main__":
    sys.exit(main())
