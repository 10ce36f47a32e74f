"""``newproj doctor``: a thin command over :mod:`newproj.doctor` (which never prints)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newproj.cli import EXIT_CODES_HELP, _interruptible, app, command_language, language
from newproj.doctor import as_json, diagnose, format_line, ready, summary
from newproj.errors import ExitCode
from newproj.helptext import define_help, help_text

define_help(
    "doctor",
    en="Check this machine (and the project) for what it takes to run; change nothing. "
    "Exit 5 when something needs fixing.",
    ko="이 컴퓨터(와 프로젝트)가 실행할 준비가 됐는지 점검합니다. 아무것도 바꾸지 않습니다. "
    "고칠 것이 있으면 종료 코드 5.",
)
define_help(
    "doctor.project_dir",
    en="A generated project to check too (default: the current folder).",
    ko="함께 점검할 생성된 프로젝트 (기본값: 현재 폴더).",
)


@app.command(help=help_text("doctor"), epilog=EXIT_CODES_HELP)
@_interruptible
def doctor(
    ctx: typer.Context,
    project_dir: Annotated[
        Path | None, typer.Argument(help=help_text("doctor.project_dir"), show_default=False)
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help=help_text("json"))] = False,
    lang: Annotated[str | None, typer.Option("--lang", help=help_text("lang"))] = None,
) -> None:
    ui = language(lang or command_language(ctx))
    checks = diagnose(project_dir, ui)
    if json_output:
        typer.echo(json.dumps(as_json(checks), ensure_ascii=False, indent=2))
    else:
        for check in checks:
            typer.echo(format_line(check, ui))
        typer.echo(summary(checks, ui))
    raise typer.Exit(ExitCode.OK if ready(checks) else ExitCode.DOCTOR_FOUND_PROBLEMS)
