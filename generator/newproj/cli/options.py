"""The options ``init`` and ``update`` share, declared once as ``Annotated`` aliases that both list.

An answer's option takes its flag, and its help (label, choices, default), from the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from newproj.answers import FIELDS_BY_NAME
from newproj.answers.rules import (
    DATABASE_VERSIONS,
    DJANGO_LTS,
    PYTHON_VERSIONS,
    SERVER_DATABASES,
    default_django_version,
    display_order,
)
from newproj.cli.features import minimal_option, with_option, without_option
from newproj.messages.help import help_text, joined

#: Defaults that follow other answers, described rather than shown.
DERIVED_DEFAULTS = ("project_slug", "django_version", "database_version", "language", "time_zone")


def field_help(name: str, recorded: bool = False) -> str:
    """``Python version (python_version). One of: 3.10, ... Default: 3.13.``, from the model.

    ``recorded``: the help of ``update``, where an answer left out keeps its recorded value.
    """
    field = FIELDS_BY_NAME[name]
    parts = [help_text("init.field", label=field.label, name=name)]
    if name == "database_version":
        choices = "; ".join(
            f"{database}: {', '.join(display_order(DATABASE_VERSIONS[database]))}"
            for database in SERVER_DATABASES
        )
        parts.append(help_text("choices.database_version", choices=choices))
        if not recorded:  # update keeps the recorded version; its own sentence says when it does not
            defaults = ", ".join(f"{database} {DATABASE_VERSIONS[database][0]}" for database in SERVER_DATABASES)
            parts.append(help_text("default.database_version", defaults=defaults))
    elif field.choices:
        parts.append(help_text("init.choices", choices=", ".join(display_order(field.choices({})))))
    if recorded:
        parts.append(help_text("update.default_database_version" if name == "database_version" else "update.default"))
    elif name in DERIVED_DEFAULTS:
        if name == "django_version":
            python = PYTHON_VERSIONS[0]
            newest = default_django_version(python)
            parts.append(help_text("default.django_version", newest=newest, python=python, lts=DJANGO_LTS))
        elif name != "database_version":
            parts.append(help_text(f"default.{name}"))
    elif field.default({}) != "":
        parts.append(help_text("init.default", default=field.default({})))
    return joined(*parts)


def field_option(name: str, recorded: bool = False) -> Any:
    """The typer option of the answer ``name``: its flag, its help (``recorded``: as ``update``
    takes it), a metavar listing fixed choices."""
    field = FIELDS_BY_NAME[name]
    metavar = None
    if field.choices and name != "database_version":
        metavar = "[" + "|".join(display_order(field.choices({}))) + "]"
    return typer.Option(field.flag, help=field_help(name, recorded), metavar=metavar, show_default=False)


ProjectName = Annotated[str | None, field_option("project_name")]
ProjectSlug = Annotated[str | None, field_option("project_slug")]
Description = Annotated[str | None, field_option("description")]
Author = Annotated[str | None, field_option("author")]
PythonVersion = Annotated[str | None, field_option("python_version")]
DjangoVersion = Annotated[str | None, field_option("django_version")]
Port = Annotated[str | None, field_option("port")]
Database = Annotated[str | None, field_option("database")]
DatabaseVersion = Annotated[str | None, field_option("database_version")]
ProjectLanguage = Annotated[str | None, field_option("language")]
TimeZone = Annotated[str | None, field_option("time_zone")]
# update's: the same flags, and an answer left out keeps its recorded value (not init's default).
RecordedProjectName = Annotated[str | None, field_option("project_name", recorded=True)]
RecordedProjectSlug = Annotated[str | None, field_option("project_slug", recorded=True)]
RecordedDescription = Annotated[str | None, field_option("description", recorded=True)]
RecordedAuthor = Annotated[str | None, field_option("author", recorded=True)]
RecordedPythonVersion = Annotated[str | None, field_option("python_version", recorded=True)]
RecordedDjangoVersion = Annotated[str | None, field_option("django_version", recorded=True)]
RecordedPort = Annotated[str | None, field_option("port", recorded=True)]
RecordedDatabase = Annotated[str | None, field_option("database", recorded=True)]
RecordedDatabaseVersion = Annotated[str | None, field_option("database_version", recorded=True)]
RecordedProjectLanguage = Annotated[str | None, field_option("language", recorded=True)]
RecordedTimeZone = Annotated[str | None, field_option("time_zone", recorded=True)]
WithFeatures = Annotated[list[str] | None, with_option()]
RecordedWithFeatures = Annotated[list[str] | None, with_option(recorded=True)]
WithoutFeatures = Annotated[list[str] | None, without_option()]
Minimal = Annotated[bool, minimal_option()]
AnswersFile = Annotated[Path | None, typer.Option("--answers", help=help_text("init.answers"))]
JsonOutput = Annotated[bool, typer.Option("--json", help=help_text("json"))]
Lang = Annotated[str | None, typer.Option("--lang", help=help_text("lang"))]
Debug = Annotated[bool, typer.Option("--debug", help=help_text("debug"))]

#: The parameter each command names an answer option by, and the answer it carries.
ANSWER_PARAMETERS = {
    "name": "project_name",
    "slug": "project_slug",
    "description": "description",
    "author": "author",
    "python": "python_version",
    "django": "django_version",
    "port": "port",
    "database": "database",
    "database_version": "database_version",
    "project_language": "language",
    "time_zone": "time_zone",
}


def answer_flags(parameters: dict[str, Any]) -> dict[str, str | None]:
    """The answers among a command's parameters, by field name (None: the flag was not given)."""
    return {field: parameters[name] for name, field in ANSWER_PARAMETERS.items()}
