"""``newproj doctor``: a thin command over :mod:`newproj.doctor` (which never prints)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newproj.cli.common import command_language
from newproj.cli.options import JsonOutput, Lang
from newproj.errors import ExitCode
from newproj.messages.help import help_text


def doctor(
    ctx: typer.Context,
    project_dir: Annotated[
        Path | None, typer.Argument(help=help_text("doctor.project_dir"), show_default=False)
    ] = None,
    json_output: JsonOutput = False,
    lang: Lang = None,
) -> None:
    # Only this command needs the checks: imported here, other commands start without them.
    from newproj.doctor.checks import as_json, diagnose, format_line, ready, summary

    ui = command_language(ctx, lang)
    checks = diagnose(project_dir, ui)
    if json_output:
        typer.echo(json.dumps(as_json(checks), ensure_ascii=False, indent=2))
    else:
        for check in checks:
            typer.echo(format_line(check, ui))
        typer.echo(summary(checks, ui))
    raise typer.Exit(ExitCode.OK if ready(checks) else ExitCode.DOCTOR_FOUND_PROBLEMS)
