"""``newproj doctor``: a thin command over :mod:`newproj.doctor` (which never prints)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newproj.cli import EXIT_CODES_HELP, _interruptible, _language, app
from newproj.doctor import as_json, diagnose, format_line, ready, summary
from newproj.errors import ExitCode


@app.command(epilog=EXIT_CODES_HELP)
@_interruptible
def doctor(
    project_dir: Annotated[
        Path | None,
        typer.Argument(help="A generated project to check too (default: the current folder).", show_default=False),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Interface language: en or ko (default: from the locale).")
    ] = None,
) -> None:
    """Check this machine (and the project) for what it takes to run; change nothing. Exit 5 when
    something needs fixing."""
    ui = _language(lang)
    checks = diagnose(project_dir, ui)
    if json_output:
        typer.echo(json.dumps(as_json(checks), ensure_ascii=False, indent=2))
    else:
        for check in checks:
            typer.echo(format_line(check, ui))
        typer.echo(summary(checks, ui))
    raise typer.Exit(ExitCode.OK if ready(checks) else ExitCode.DOCTOR_FOUND_PROBLEMS)
