"""``newproj init``: collect the answers, then render the project into its folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newproj.cli.collect import InitRequest, collect
from newproj.cli.common import command_language, prompt_io
from newproj.cli.features import feature_flags
from newproj.cli.options import (
    AnswersFile,
    Author,
    Database,
    DatabaseVersion,
    Debug,
    Description,
    DjangoVersion,
    JsonOutput,
    Lang,
    Minimal,
    Port,
    ProjectLanguage,
    ProjectName,
    ProjectSlug,
    PythonVersion,
    TimeZone,
    WithFeatures,
    WithoutFeatures,
    answer_flags,
)
from newproj.cli.report import Output, done, emit_json, shown, summary, warnings
from newproj.messages import t
from newproj.messages.help import help_text
from newproj.render.place import check_nothing_in_the_way, existing_files, generate, plan, staged


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None, typer.Argument(help=help_text("init.directory"), show_default=False)
    ] = None,
    name: ProjectName = None,
    slug: ProjectSlug = None,
    description: Description = None,
    author: Author = None,
    python: PythonVersion = None,
    django: DjangoVersion = None,
    port: Port = None,
    database: Database = None,
    database_version: DatabaseVersion = None,
    project_language: ProjectLanguage = None,
    time_zone: TimeZone = None,
    with_: WithFeatures = None,
    without: WithoutFeatures = None,
    minimal: Minimal = False,
    answers: AnswersFile = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=help_text("init.no_input"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=help_text("init.yes"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=help_text("init.dry_run"))] = False,
    json_output: JsonOutput = False,
    force: Annotated[bool, typer.Option("--force", help=help_text("init.force"))] = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    ui = command_language(ctx, lang)
    out = Output(ui, json_output)
    request = InitRequest(
        lang=ui,
        flags=answer_flags(locals()),
        features=feature_flags(with_, without, minimal),
        answers_file=answers,
        directory=directory,
        no_input=no_input,
        force=force,
        terminal=sys.stdin.isatty(),
    )
    collected = collect(request, prompt_io)
    chosen, target = collected.answers, collected.target
    found = warnings(chosen, ui)
    for warning in found:
        out.warn(warning)

    if dry_run:
        files = plan(chosen, target.name)
        check_nothing_in_the_way(target, files)  # what a real run would refuse, a dry run refuses
        replaced = existing_files(target, files)
        summary(out, chosen, target, files)
        if replaced:
            out.warn(t("files_would_be_replaced", ui, count=len(replaced), files=shown(replaced)))
        out.say(t("dry_run", ui))
        emit_json(out, chosen, target, files, found, written=False, dry_run=True, replaced=replaced)
        return
    if collected.asked and not yes:  # one render: the confirmation lists the files it then places
        from newproj.cli.prompts import confirm

        with staged(chosen, target, force=force) as staging:
            summary(out, chosen, target, staging.files)
            if replaced := existing_files(target, staging.files):  # said before the question, not after
                out.warn(t("files_would_be_replaced", ui, count=len(replaced), files=shown(replaced)))
            if not confirm(ui, **prompt_io()):
                out.say(t("cancelled", ui))
                emit_json(out, chosen, target, staging.files, found, written=False, cancelled=True)
                return
            result = staging.place()
    else:
        result = generate(chosen, target, force=force)
    if result.replaced:
        out.warn(t("files_replaced", ui, count=len(result.replaced), files=shown(result.replaced)))
    if result.kept:
        out.warn(t("env_kept", ui))
    done(out, chosen, target, len(result.files))
    emit_json(out, chosen, target, result.files, found, written=True, replaced=result.replaced)
