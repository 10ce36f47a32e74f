"""The ``newproj init`` option of each answer: its help shows the label, choices and default from the model."""

from __future__ import annotations

from typing import Any

import typer

from newproj.helptext import help_text, joined
from newproj.model import FIELDS_BY_NAME
from newproj.rules import DATABASE_VERSIONS, SERVER_DATABASES, display_order

#: Defaults that follow other answers, described rather than shown.
DERIVED_DEFAULTS = ("project_slug", "database_version", "language", "time_zone")


def field_help(name: str) -> str:
    """``Python version (python_version). One of: 3.10, ... Default: 3.13.``, from the model."""
    field = FIELDS_BY_NAME[name]
    parts = [help_text("init.field", label=field.label, name=name)]
    if name == "database_version":
        choices = "; ".join(
            f"{database}: {', '.join(display_order(DATABASE_VERSIONS[database]))}"
            for database in SERVER_DATABASES
        )
        parts.append(help_text("choices.database_version", choices=choices))
        defaults = ", ".join(f"{database} {DATABASE_VERSIONS[database][0]}" for database in SERVER_DATABASES)
        parts.append(help_text("default.database_version", defaults=defaults))
    elif field.choices:
        parts.append(help_text("init.choices", choices=", ".join(display_order(field.choices({})))))
    if name in DERIVED_DEFAULTS:
        if name != "database_version":
            parts.append(help_text(f"default.{name}"))
    elif field.default({}) != "":
        parts.append(help_text("init.default", default=field.default({})))
    return joined(*parts)


def field_option(name: str) -> Any:
    """The typer option of the answer ``name``: its flag, its help, a metavar listing fixed choices."""
    field = FIELDS_BY_NAME[name]
    metavar = None
    if field.choices and name != "database_version":
        metavar = "[" + "|".join(display_order(field.choices({}))) + "]"
    return typer.Option(field.flag, help=field_help(name), metavar=metavar, show_default=False)
