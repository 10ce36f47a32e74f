"""``newproj update``: thin, over :mod:`newproj.update`. Its answer options are init's flags
(:mod:`newproj.cli.options`), with help saying that an answer left out keeps its recorded value."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newproj.answers import FIELDS
from newproj.cli.collect import update_answers
from newproj.cli.common import command_language, prompt_io
from newproj.cli.features import feature_flags
from newproj.cli.options import (
    AnswersFile,
    Debug,
    JsonOutput,
    Lang,
    Minimal,
    RecordedAuthor,
    RecordedDatabase,
    RecordedDatabaseVersion,
    RecordedDescription,
    RecordedDjangoVersion,
    RecordedPort,
    RecordedProjectLanguage,
    RecordedProjectName,
    RecordedProjectSlug,
    RecordedPythonVersion,
    RecordedTimeZone,
    RecordedWithFeatures,
    WithoutFeatures,
    answer_flags,
)
from newproj.cli.report import Output
from newproj.errors import ExitCode
from newproj.messages import t
from newproj.messages.core import display_width, pad
from newproj.messages.help import help_text

if TYPE_CHECKING:
    from newproj.update.plan import UpdatePlan


def update(
    ctx: typer.Context,
    directory: Annotated[
        Path | None, typer.Argument(help=help_text("update.directory"), show_default=False)
    ] = None,
    name: RecordedProjectName = None,
    slug: RecordedProjectSlug = None,
    description: RecordedDescription = None,
    author: RecordedAuthor = None,
    python: RecordedPythonVersion = None,
    django: RecordedDjangoVersion = None,
    port: RecordedPort = None,
    database: RecordedDatabase = None,
    database_version: RecordedDatabaseVersion = None,
    project_language: RecordedProjectLanguage = None,
    time_zone: RecordedTimeZone = None,
    with_: RecordedWithFeatures = None,
    without: WithoutFeatures = None,
    minimal: Minimal = False,
    answers: AnswersFile = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=help_text("update.no_input"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=help_text("update.dry_run"))] = False,
    allow_dirty: Annotated[bool, typer.Option("--allow-dirty", help=help_text("update.allow_dirty"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=help_text("update.yes"))] = False,
    json_output: JsonOutput = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    # The library is imported here, not above: other commands start without it.
    from newproj.project.record import read_record
    from newproj.update.apply import apply_update
    from newproj.update.plan import PENDING_NAME, check_clean, plan_update

    ui = command_language(ctx, lang)
    out = Output(ui, json_output)
    project = (directory or Path.cwd()).absolute()
    record = read_record(project)
    ask = None
    if not no_input and sys.stdin.isatty() and not dry_run:
        from newproj.cli.prompts import ask_missing

        def ask(given: Any, defaults: dict[str, Any]) -> Any:
            return ask_missing(given, ui, defaults, **prompt_io())

    flags = {**answer_flags(locals()), **feature_flags(with_, without, minimal).values}
    after = update_answers(record.answers, flags, answers, ask)
    overrides = {k: v for k, v in after.items() if record.answers.get(k) != v}
    if not allow_dirty and not dry_run and not (project / PENDING_NAME).exists():
        check_clean(project)
    plan = plan_update(project, overrides, ui)
    if dry_run:
        _print_diff(plan, out)
        _warn_volumes(out, plan)
        out.say(t("dry_run", ui))
        if plan.conflicted:
            _list_conflicts(plan, ui, key="update_would_conflict")
    else:
        if ask is not None and not yes and not plan.finishing:  # asked on a terminal, as init confirms
            from newproj.cli.prompts import confirm

            _summary(out, plan)
            _warn_volumes(out, plan)
            if not confirm(ui, "update_confirm", **prompt_io()):
                out.say(t("cancelled", ui))
                _emit(out, plan, written=False)
                return
        apply_update(plan)
        _report(out, plan)
        if ask is None or yes:  # not shown before a confirmation: say it now
            _warn_volumes(out, plan)
    _emit(out, plan, written=not dry_run)
    if plan.conflicted:
        raise typer.Exit(ExitCode.CONFLICTS)


def _report(out: Output, plan: UpdatePlan) -> None:
    lang = out.lang
    for path in plan.paths("kept"):
        out.say(t("update_kept", lang, path=path))
    if plan.env is not None and (plan.env.added or plan.env.retired):
        out.say(
            t(
                "update_env",
                lang,
                added=", ".join(plan.env.added) or "-",
                retired=", ".join(plan.env.retired) or "-",
            )
        )
    if plan.conflicted:
        _list_conflicts(plan, lang)
    elif plan.finishing:
        out.say(t("update_finished", lang))
    elif not plan.changes and not plan.env_changed and plan.version_before == plan.version_after:
        out.say(t("update_nothing", lang, path=plan.project, version=plan.version_after))
    else:
        counts = {a: len(plan.paths(a)) for a in ("changed", "added", "removed")}
        counts["changed"] += len(plan.paths("renamed")) + int(plan.env_changed)
        out.say(t("update_done", lang, path=plan.project, version=plan.version_after, **counts))


def _warn_volumes(out: Output, plan: UpdatePlan) -> None:
    """A warning for each answer change the database volume does not follow, with how to move the data."""
    for change in plan.volume_changes:
        what = t(f"update_volume_{change.kind}", out.lang, database=change.database, old=change.old, new=change.new)
        out.warn(f"{what}; {t('update_volume_fix', out.lang)}")


def _summary(out: Output, plan: UpdatePlan) -> None:
    """What the update will do, before it asks to confirm: the answers that change, the files."""
    from newproj.update.plan import ENV_NAME

    lang = out.lang
    out.say(t("update_summary_title", lang, path=plan.project, before=plan.version_before, after=plan.version_after))
    changed = [f for f in FIELDS if plan.answers_before.get(f.name) != plan.answers_after.get(f.name)]
    width = max((display_width(f.label[lang]) for f in changed), default=0)
    for field in changed:
        before, after = plan.answers_before.get(field.name, ""), plan.answers_after.get(field.name, "")
        out.say(f"  {pad(field.label[lang], width)}  {before} → {after}")
    if not changed:
        out.say(f"  {t('update_summary_same_answers', lang)}")
    rows = [(action, path) for action in ("changed", "added", "removed", "renamed") for path in plan.paths(action)]
    rows += [("changed", ENV_NAME)] * plan.env_changed + [("conflict", path) for path in plan.conflicted]
    out.say(t("update_summary_files", lang, count=len(rows)))
    for action, path in rows:
        out.say(f"  {pad(t('update_action_' + action, lang), 8)}  {path}")


def _list_conflicts(plan: UpdatePlan, lang: str, key: str = "update_conflicts") -> None:
    """The conflicts, on stderr, under the headline ``key`` (left by this run, or, in a dry run,
    that a real run would leave)."""
    typer.echo(t(key, lang, count=len(plan.conflicted)), err=True)
    removed = {c.path for c in plan.changes if c.action == "kept" and c.conflicted}
    for path in plan.conflicted:
        key = "update_conflict_removed" if path in removed else "update_conflict_file"
        typer.echo(f"  {t(key, lang, path=path)}", err=True)


def _print_diff(plan: UpdatePlan, out: Output) -> None:
    """The unified diff of every file the update touches (``.env`` secrets shown as ``***``);
    on stderr when stdout carries JSON."""
    from newproj.update.envmerge import mask_secrets
    from newproj.update.plan import ENV_NAME

    entries = [(c.source or c.path, c.path, c.data or b"") for c in plan.changes if c.action != "kept"]
    if plan.env_changed and plan.env is not None:
        entries.append((ENV_NAME, ENV_NAME, plan.env.text.encode()))
    for old, new, data in entries:
        before = plan.project / old
        old_text = before.read_bytes().decode(errors="replace") if before.is_file() else ""
        new_text = "" if new in plan.paths("removed") else data.decode(errors="replace")
        if new == ENV_NAME:
            old_text, new_text = mask_secrets(old_text), mask_secrets(new_text)
        diff = difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            f"a/{old}" if old_text else "/dev/null",
            f"b/{new}" if new_text else "/dev/null",
        )
        for line in diff:
            typer.echo(
                line if line.endswith("\n") else line + "\n\\ No newline at end of file\n",
                nl=False,
                err=out.json_mode,
            )


def _emit(out: Output, plan: UpdatePlan, written: bool) -> None:
    if not out.json_mode:
        return
    from newproj.update.plan import ENV_NAME

    changed = plan.paths("changed") + [ENV_NAME] * plan.env_changed
    document = {
        "path": str(plan.project),
        "template_version": {"before": plan.version_before, "after": plan.version_after},
        "answers": {"before": plan.answers_before, "after": plan.answers_after},
        "changed": changed,
        "added": plan.paths("added"),
        "removed": plan.paths("removed"),
        "renamed": [{"from": c.source, "to": c.path} for c in plan.changes if c.action == "renamed"],
        "kept": plan.paths("kept"),
        "conflicted": plan.conflicted,
        "dry_run": not written,
        "written": written,
    }
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
