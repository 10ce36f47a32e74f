"""Collect the answers of ``newproj init``: an answers file, flags, then prompts for what is missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newproj.errors import UsageError
from newproj.model import FIELDS_BY_NAME, Answers, Field
from newproj.render import check_target
from newproj.sources import GivenAnswers, read_answers_file


@dataclass(frozen=True)
class InitRequest:
    """What ``newproj init`` was given on its command line."""

    lang: str
    flags: dict[str, str | None] = field(default_factory=dict)
    answers_file: Path | None = None
    directory: Path | None = None
    no_input: bool = False
    force: bool = False
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

    The target given as an argument is checked before any question. With no terminal and answers
    missing, a refused given value is reported first, then the flags that would supply the rest.
    """
    given = GivenAnswers()
    if request.answers_file is not None:
        given.add_file(request.answers_file, read_answers_file(request.answers_file))
    given.add_flags(request.flags)
    # The project's language defaults to the interface language (asked, not imposed).
    defaults = {"language": request.lang}
    if request.directory is not None:
        check_target(request.directory.absolute(), request.force)

    if request.terminal and not request.no_input and given.missing(defaults):
        from newproj.prompts import ask_missing

        answers, asked = ask_missing(given, request.lang, defaults, **prompt_io()), True
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


def _recorder(missing: list[str]) -> Callable[[Field, Any, dict[str, Any]], Any]:
    def record(item: Field, default: Any, _settled: dict[str, Any]) -> Any:
        missing.append(item.name)
        return default

    return record
