"""Collect the answers of a command: an answers file, flags, then prompts for what is missing.

``init`` starts from nothing; ``update`` starts from the recorded answers, each refusal of one
naming ``.cruft.json``, and accepts the recorded package name although it is importable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newproj.answers import (
    FIELD_NAMES,
    FIELDS_BY_NAME,
    AnswerError,
    Answers,
    Field,
    validate_field,
)
from newproj.answers.features import BEFORE_FEATURES, FEATURES_BY_KEY
from newproj.cli.features import FeatureFlags
from newproj.cli.given import GivenAnswers, read_answers_file
from newproj.errors import UsageError
from newproj.render.place import check_target

RECORD_SOURCE = Path(".cruft.json")


@dataclass(frozen=True)
class InitRequest:
    """What ``newproj init`` was given on its command line."""

    lang: str
    flags: dict[str, str | None] = field(default_factory=dict)
    answers_file: Path | None = None
    directory: Path | None = None
    no_input: bool = False
    force: bool = False
    features: FeatureFlags = field(default_factory=FeatureFlags)
    #: stdin is a terminal, so missing answers can be asked.
    terminal: bool = False


@dataclass(frozen=True)
class Collected:
    """The validated answers, the folder to write, and whether any question was asked."""

    answers: Answers
    target: Path
    asked: bool


def collect(request: InitRequest, prompt_io: Callable[[], dict[str, Any]] = dict) -> Collected:
    """Build the answers in one pass (:meth:`GivenAnswers.build`); ask what is missing when a terminal allows.

    The target is checked as soon as it is known, before the questions that follow: given as an
    argument, before any question; made from a package name given as a flag or in a file, before
    any question too; made from a typed package name, at that question, which asks again. With no
    terminal and answers missing, a refused given value is reported first, then the flags that
    would supply the rest.
    """
    given = GivenAnswers()
    if request.answers_file is not None:
        given.add_file(request.answers_file, read_answers_file(request.answers_file))
    given.add_flags(request.flags)
    given.add_features(request.features.values, request.features.sources)
    # The project's language defaults to the interface language (asked, not imposed).
    defaults = {"language": request.lang}
    if request.directory is not None:
        check_target(request.directory.absolute(), request.force)
    elif _valid_slug(given.values.get("project_slug")):
        check_target(Path(given.values["project_slug"]).absolute(), request.force)

    if request.terminal and not request.no_input and given.missing(defaults):
        from newproj.cli.prompts import ask_missing

        checks = {}
        if request.directory is None:
            checks["project_slug"] = lambda slug: check_target(Path(slug).absolute(), request.force)
        answers, asked = ask_missing(given, request.lang, defaults, checks=checks, **prompt_io()), True
    else:
        missing: list[str] = []
        answers, asked = given.build(defaults, None if request.no_input else _recorder(missing)), False
        if missing:
            raise UsageError(
                "no_tty",
                fields=", ".join(missing),
                flags=" ".join(f"{FIELDS_BY_NAME[name].flag} …" for name in missing),
            )
    target = (request.directory or Path(answers.project_slug)).absolute()
    check_target(target, request.force)
    return Collected(answers, target, asked)


def _valid_slug(value: Any) -> bool:
    try:
        validate_field("project_slug", value)
    except AnswerError:
        return False
    return True


def _recorder(missing: list[str]) -> Callable[[Field, Any, dict[str, Any]], Any]:
    def record(item: Field, default: Any, _settled: dict[str, Any]) -> Any:
        if item.name not in FEATURES_BY_KEY:  # a feature not given takes its default
            missing.append(item.name)
        return default

    return record


def update_answers(
    recorded: Mapping[str, Any],
    flags: Mapping[str, Any],
    answers_file: Path | None,
    ask: Callable[[GivenAnswers, dict[str, Any]], Answers] | None = None,
) -> dict[str, Any]:
    """The answers after an update. ``flags`` are by field name (None: not given). ``ask(given,
    defaults)`` prompts for every answer not given, the recorded ones as defaults."""
    known = {name: value for name, value in recorded.items() if name in FIELD_NAMES}
    if not BEFORE_FEATURES.keys() & known.keys():  # recorded before features: it has all their files
        known.update(BEFORE_FEATURES)
    from_file = read_answers_file(answers_file) if answers_file is not None else {}
    from_flags = {name: value for name, value in flags.items() if value is not None}
    database = from_flags.get("database", from_file.get("database", known.get("database")))
    if database != known.get("database"):
        known.pop("database_version", None)  # the recorded version belongs to the old database
    given = GivenAnswers()
    if ask is None:
        given.add_file(RECORD_SOURCE, {k: v for k, v in known.items() if k not in from_file and k not in from_flags})
    if answers_file is not None:
        given.add_file(answers_file, from_file)
    given.add_flags(from_flags)
    answers = ask(given, known) if ask is not None else given.build()
    return answers.to_context()
