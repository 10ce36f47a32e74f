"""The answers of an update: the recorded ones, then an answers file, then flags, or prompts on a terminal.

Recorded answers are validated again by the installed model, each refusal naming ``.cruft.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from newproj.errors import InvalidAnswer
from newproj.model import FIELD_NAMES
from newproj.rerender import load_model, refusals_as_usage, slug_allowed
from newproj.sources import GivenAnswers, read_answers_file
from newproj.templates import django_template

#: The name :mod:`newproj.update` loads the installed template's model under.
INSTALLED_MODEL = "newproj._template_answers"
RECORD_SOURCE = Path(".cruft.json")


def _add(given: GivenAnswers, values: Mapping[str, Any], file: Path | None = None) -> None:
    """Add values from a file (``file: name``) or flags (``--flag``), whichever API GivenAnswers has."""
    if hasattr(given, "add_flags"):  # the answers model as package modules
        if file is None:
            given.add_flags(values)
        else:
            given.add_file(file, values)
    else:
        given.update(values, "{flag}" if file is None else f"{file}: {{name}}")


def _build(given: GivenAnswers, recorded_slug: str) -> dict[str, Any]:
    """Validated answers as context values; a recorded package name is not refused for being
    importable (the project's own package is, from its folder or once installed)."""
    try:
        return given.build().to_context()
    except InvalidAnswer as err:
        if err.error.code != "slug_shadows_installed" or given.values.get("project_slug") != recorded_slug:
            raise
    model = load_model(django_template(), INSTALLED_MODEL)
    with slug_allowed(model, recorded_slug), refusals_as_usage(model, given.sources):
        return model.build_answers(given.values).to_context()


def new_answers(
    recorded: Mapping[str, Any],
    flags: Mapping[str, Any],
    answers_file: Path | None,
    ask: Callable[[GivenAnswers, dict[str, Any]], Any] | None = None,
) -> dict[str, Any]:
    """The answers after the update. ``flags`` are by field name (None: not given). ``ask(given,
    defaults)`` prompts for every answer not given, the recorded ones as defaults."""
    known = {name: value for name, value in recorded.items() if name in FIELD_NAMES}
    from_file = read_answers_file(answers_file) if answers_file is not None else {}
    from_flags = {name: value for name, value in flags.items() if value is not None}
    database = from_flags.get("database", from_file.get("database", known.get("database")))
    if database != known.get("database"):
        known.pop("database_version", None)  # the recorded version belongs to the old database
    given = GivenAnswers()
    if ask is None:
        _add(
            given,
            {k: v for k, v in known.items() if k not in from_file and k not in from_flags},
            RECORD_SOURCE,
        )
    if answers_file is not None:
        _add(given, from_file, answers_file)
    _add(given, from_flags)
    if ask is not None:
        asked = ask(given, known)
        return asked if isinstance(asked, dict) else asked.to_context()
    return _build(given, str(recorded.get("project_slug", "")))


__all__ = ["INSTALLED_MODEL", "new_answers"]
