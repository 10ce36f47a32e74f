"""The ``newproj update`` command: thin, over :mod:`newproj.update`.

Its answer flags are ``init``'s own option declarations (found by the model's flag names), so
both commands always take the same flags with the same help.
"""

from __future__ import annotations

import difflib
import inspect
import json
import sys
import typing
from pathlib import Path
from typing import Annotated, Any

import typer

from newproj.cli import EXIT_CODES_HELP, _interruptible, _prompt_io, app, init

try:  # the CLI's helpers after issue 8 moves the report out of cli.py
    from newproj.cli import language as _language
    from newproj.report import Output
except ImportError:
    from newproj.cli import Output, _language
from newproj.envmerge import mask_secrets
from newproj.errors import ExitCode
from newproj.i18n import t
from newproj.model import FIELDS
from newproj.record import read_record
from newproj.update import (
    ENV_NAME,
    PENDING_NAME,
    UpdatePlan,
    apply_update,
    check_clean,
    plan_update,
)
from newproj.update_answers import new_answers

_FIELD_BY_FLAG = {field.flag: field.name for field in FIELDS}

_HELP = {
    "update": (
        "Take new answers or the installed template into a project, merged three ways.",
        "새 답이나 설치된 템플릿을 프로젝트에 3-way 병합으로 가져옵니다.",
    ),
    "update.directory": (
        "The project to update (default: the current folder).",
        "업데이트할 프로젝트 (기본값: 지금 폴더).",
    ),
    "update.no_input": (
        "Ask nothing; keep the recorded answers not given as flags.",
        "아무것도 묻지 않습니다. 플래그로 주지 않은 답은 기록된 값을 씁니다.",
    ),
    "update.dry_run": (
        "Print the unified diff the update would apply; write nothing.",
        "적용할 unified diff 를 출력하고 아무것도 쓰지 않습니다.",
    ),
    "update.allow_dirty": (
        "Update even when the git work tree has uncommitted changes.",
        "git 작업 트리에 커밋하지 않은 변경이 있어도 업데이트합니다.",
    ),
}


def _help(key: str) -> str:
    """The help text ``key``: registered for translation where the CLI translates its help (issue 8)."""
    english, korean = _HELP[key]
    try:
        from newproj.helptext import define_help, help_text
    except ImportError:
        return english
    define_help(key, en=english, ko=korean)
    return help_text(key)


#: init's options that update takes as they are, besides the answer flags.
_SHARED_FLAGS = ("--answers", "--json", "--lang", "--debug")


def _init_parameters() -> dict[str, tuple[str, inspect.Parameter]]:
    """init's parameters that carry an answer, or a shared option: name → (field or "", parameter)."""
    hints = typing.get_type_hints(init, include_extras=True)
    found = {}
    for parameter in inspect.signature(init).parameters.values():
        for info in getattr(hints.get(parameter.name), "__metadata__", ()):
            # In ``Annotated[..., typer.Option("--name")]`` the first flag arrives as ``default``.
            flags = (getattr(info, "default", None), *(getattr(info, "param_decls", None) or ()))
            field = next((_FIELD_BY_FLAG[f] for f in flags if f in _FIELD_BY_FLAG), None)
            if field or any(flag in _SHARED_FLAGS for flag in flags):
                found[parameter.name] = (field or "", parameter.replace(annotation=hints[parameter.name]))
    return found


_INIT_PARAMETERS = _init_parameters()


def _command(
    directory: Annotated[
        Path | None,
        typer.Argument(help=_help("update.directory"), show_default=False),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=_help("update.no_input"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_help("update.dry_run"))] = False,
    allow_dirty: Annotated[
        bool,
        typer.Option("--allow-dirty", help=_help("update.allow_dirty")),
    ] = False,
    **shared: Any,
) -> None:
    """Take new answers or the installed template into a project, merged three ways."""
    ui = _language(shared.pop("lang"))
    out = Output(ui, shared.pop("json_output"))
    shared.pop("debug")  # read by cli.main from argv
    answer_values = shared
    project = (directory or Path.cwd()).absolute()
    record = read_record(project)
    flags = {_INIT_PARAMETERS[name][0]: value for name, value in answer_values.items() if name != "answers"}
    ask = None
    if not no_input and sys.stdin.isatty() and not dry_run:
        from newproj.prompts import ask_missing

        def ask(given: Any, defaults: dict[str, Any]) -> Any:
            return ask_missing(given, ui, defaults, **_prompt_io())

    after = new_answers(record.answers, flags, answer_values.get("answers"), ask)
    overrides = {k: v for k, v in after.items() if record.answers.get(k) != v}
    if not allow_dirty and not dry_run and not (project / PENDING_NAME).exists():
        check_clean(project)
    plan = plan_update(project, overrides, ui)
    if dry_run:
        _print_diff(plan, out)
        out.say(t("update_dry_run", ui))
        if plan.conflicted:
            _list_conflicts(plan, ui)
    else:
        apply_update(plan)
        _report(out, plan)
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


def _list_conflicts(plan: UpdatePlan, lang: str) -> None:
    typer.echo(t("update_conflicts", lang, count=len(plan.conflicted)), err=True)
    for path in plan.conflicted:
        typer.echo(f"  {t('update_conflict_file', lang, path=path)}", err=True)


def _print_diff(plan: UpdatePlan, out: Output) -> None:
    """The unified diff of every file the update touches (``.env`` secrets shown as ``***``);
    on stderr when stdout carries JSON."""
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


def _signature() -> inspect.Signature:
    own = list(inspect.signature(_command, eval_str=True).parameters.values())[:-1]
    answers = [parameter for _field, parameter in _INIT_PARAMETERS.values()]
    return inspect.Signature([own[0], *answers, *own[1:]])


_command.__signature__ = _signature()  # type: ignore[attr-defined]
update = app.command("update", help=_help("update"), epilog=EXIT_CODES_HELP)(_interruptible(_command))
