"""The ``newproj`` command: thin typer commands over the library.

Errors are caught once, in :func:`main`, printed as one line on stderr and mapped to the
exit codes of :class:`newproj.errors.ExitCode`.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from newproj import __version__
from newproj.errors import ExitCode, Interrupted, NewprojError, UsageError
from newproj.i18n import LANGUAGES, detect_language, display_width, pad, t
from newproj.model import FIELDS, FIELDS_BY_NAME, Answers, warnings_for
from newproj.render import check_target, generate, plan
from newproj.sources import GivenAnswers, read_answers_file
from newproj.tree import format_tree

EXIT_CODES_HELP = exit_codes_help()

app = typer.Typer(
    name="newproj",
    help=help_text("app"),
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newproj {__version__}")
        raise typer.Exit(0)


@app.callback(help=help_text("root"))
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=help_text("version"))
    ] = False,
) -> None:
    """The options every command shares (``--version``)."""


def _help(name: str) -> str:
    """An answer's help: its label, and its choices and default as the model gives them."""
    field = FIELDS_BY_NAME[name]
    parts = [help_text("init.field", label=field.label["en"], name=name)]
    parts[0] = help_text("init.field", label=field.label["en"], name=name)
    _HELP_LABELS[parts[0]] = help_text("init.field", "ko", label=field.label["ko"], name=name)
    choices, default = option_choices(field), option_default(field)
    if choices:
        parts.append(help_text("init.choices", choices=choices))
    if default:
        parts.append(help_text("init.default", default=default))
    return joined(*parts)


def _metavar(name: str) -> str | None:
    field = FIELDS_BY_NAME[name]
    return "[" + "|".join(display_order(field.choices({}))) + "]" if field.choices and name != "database_version" else None


@dataclass(frozen=True)
class Output:
    """Where people's text goes: stdout, or stderr when stdout carries JSON."""

    lang: str
    json_mode: bool

    def say(self, text: str = "") -> None:
        typer.echo(text, err=self.json_mode)

    def warn(self, text: str) -> None:
        typer.echo(t("warning", self.lang, text=text), err=True)


def _interruptible(command: Callable[..., None]) -> Callable[..., None]:
    """Turn Ctrl-C inside a command into :class:`Interrupted` (typer would exit 130 silently)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            raise Interrupted() from None

    return wrapper


@app.command(epilog=EXIT_CODES_HELP)
@_interruptible
def init(
    directory: Annotated[
        Path | None, typer.Argument(help="Folder to create (default: ./<project slug>).", show_default=False)
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help=_help("project_name"))] = None,
    slug: Annotated[str | None, typer.Option("--slug", help=_help("project_slug"))] = None,
    description: Annotated[str | None, typer.Option("--description", help=_help("description"))] = None,
    author: Annotated[str | None, typer.Option("--author", help=_help("author"))] = None,
    python: Annotated[str | None, typer.Option("--python", help=_help("python_version"))] = None,
    django: Annotated[str | None, typer.Option("--django", help=_help("django_version"))] = None,
    port: Annotated[str | None, typer.Option("--port", help=_help("port"))] = None,
    database: Annotated[str | None, typer.Option("--database", help=_help("database"))] = None,
    database_version: Annotated[
        str | None, typer.Option("--database-version", help=_help("database_version"))
    ] = None,
    project_language: Annotated[
        str | None, typer.Option("--project-language", help=_help("language") + " Default: --lang.")
    ] = None,
    time_zone: Annotated[str | None, typer.Option("--time-zone", help=_help("time_zone"))] = None,
    answers: Annotated[
        Path | None, typer.Option("--answers", help="YAML or JSON file of answers; flags override it.")
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing; take defaults for the rest.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write without the confirmation question.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the answers and files; write nothing.")
    ] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Write into a non-empty folder (overwrites template files only).")
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Interface language: en or ko (default: from the locale).")
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
) -> None:
    """Ask the questions (or take flags) and generate the project."""
    ui = _language(lang)
    out = Output(ui, json_output)
    given = GivenAnswers()
    if answers is not None:
        given.update(read_answers_file(answers), f"{answers}: {{name}}")
    flags = {
        "project_name": name,
        "project_slug": slug,
        "description": description,
        "author": author,
        "python_version": python,
        "django_version": django,
        "port": port,
        "database": database,
        "database_version": database_version,
        "language": project_language,
        "time_zone": time_zone,
    }
    given.update(flags, "{flag}")
    # The project's language defaults to the interface language (asked, not imposed).
    defaults = {"language": ui}
    if directory is not None:
        check_target(directory.absolute(), force)

    interactive = not no_input and sys.stdin.isatty()
    missing = [] if no_input else given.missing()
    if missing and not interactive:
        given.check()  # a bad given value is the more useful error than the missing ones
        raise UsageError(
            "no_tty",
            fields=", ".join(missing),
            flags=" ".join(f"{FIELDS_BY_NAME[m].flag} …" for m in missing),
        )
    if missing:
        from newproj.prompts import ask_missing

        values = ask_missing(given, ui, defaults, **_prompt_io())
        final = GivenAnswers()
        final.update(values, "{flag}")
        result_answers = final.build()
    else:
        if "language" not in given.values:
            given.update(defaults, "--lang")
        result_answers = given.build()

    target = (directory or Path(result_answers.project_slug)).absolute()
    check_target(target, force)
    warnings = _warnings(result_answers, ui)
    for warning in warnings:
        out.warn(warning)

    if dry_run:
        files = plan(result_answers)
        _summary(out, result_answers, target, files)
        out.say(t("dry_run", ui))
        _emit_json(out, result_answers, target, files, warnings, written=False, dry_run=True)
        return
    if interactive and missing and not yes:
        files = plan(result_answers)
        _summary(out, result_answers, target, files)
        from newproj.prompts import confirm

        if not confirm(ui, **_prompt_io()):
            out.say(t("cancelled", ui))
            _emit_json(out, result_answers, target, files, warnings, written=False, cancelled=True)
            return
    result = generate(result_answers, target, force=force)
    if result.kept:
        out.warn(t("env_kept", ui))
    out.say(t("done", ui, path=_display(target), count=len(result.files)))
    out.say(t("next_steps", ui))
    for step in _next_steps(result_answers, target, ui):
        out.say(f"  {step}")
    _emit_json(out, result_answers, target, result.files, warnings, written=True)


def _language(lang: str | None) -> str:
    if lang is not None and lang not in LANGUAGES:
        raise UsageError("bad_lang", value=lang)
    return detect_language(lang)


def _warnings(answers: Answers, lang: str) -> list[str]:
    """What deserves a word before writing: the model's warnings, a port already taken."""
    from newproj.ports import port_in_use

    warnings = [w.message(lang, FIELDS_BY_NAME[w.field].flag) for w in warnings_for(answers)]
    if port_in_use(answers.port):
        warnings.append(t("port_in_use", lang, port=answers.port))
    return warnings


def _prompt_io() -> dict[str, Any]:
    """Draw prompts on the terminal even when stdout is redirected (``--json > out.json``)."""
    from prompt_toolkit.output import create_output

    return {"output": create_output(always_prefer_tty=True)}


def _display(target: Path) -> str:
    try:
        return str(target.relative_to(Path.cwd()))
    except ValueError:
        return str(target)


def _next_steps(answers: Answers, target: Path, lang: str) -> list[str]:
    return [
        t("step_cd", lang, path=_display(target)),
        t("step_up", lang),
        t("step_open", lang, port=answers.port),
    ]


def _summary(out: Output, answers: Answers, target: Path, files: tuple[str, ...]) -> None:
    out.say(t("summary_title", out.lang, path=_display(target)))
    values = answers.to_context()
    width = max(display_width(field.label[out.lang]) for field in FIELDS)
    for field in FIELDS:
        if field.asked(values):
            out.say(f"  {pad(field.label[out.lang], width)}  {values[field.name]}")
    out.say(t("summary_files", out.lang, count=len(files)))
    for line in format_tree(target.name, files):
        out.say(f"  {line}")


def _emit_json(
    out: Output,
    answers: Answers,
    target: Path,
    files: tuple[str, ...],
    warnings: list[str],
    written: bool,
    cancelled: bool = False,
    dry_run: bool = False,
) -> None:
    if not out.json_mode:
        return
    document = {
        "answers": answers.to_context(),
        "path": str(target),
        "files": list(files),
        "dry_run": dry_run,
        "written": written,
        "cancelled": cancelled,
        "next_steps": _next_steps(answers, target, out.lang) if written else [],
        "warnings": warnings,
    }
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _argv_language(argv: list[str]) -> str:
    """The interface language before typer parsed anything (for errors in parsing itself)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return detect_language()


def _usage_message(err: typer.TyperException, lang: str) -> str:
    """typer's (click's) own usage errors, in the interface language."""
    option = getattr(err, "option_name", None)
    kind = type(err).__name__
    if kind == "NoSuchOption" and option:
        return t("no_such_option", lang, option=option)
    if kind == "BadOptionUsage" and option and "requires an argument" in err.format_message():
        return t("option_needs_value", lang, option=option)
    return t("usage_error", lang, detail=err.format_message())


def _error(message: str, code: int, json_mode: bool) -> int:
    typer.echo(f"error: {message}", err=True)
    if json_mode:
        typer.echo(json.dumps({"error": {"code": int(code), "message": message}}, ensure_ascii=False))
    return int(code)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (the one boundary where errors become exit codes)."""
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]
    lang = _argv_language(args)
    json_mode = "--json" in args
    command = typer.main.get_command(app)
    try:
        result: Any = command.main(args=args, prog_name="newproj", standalone_mode=False)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except NewprojError as err:
        return _error(err.message(lang), err.exit_code, json_mode)
    except typer.Exit as exit_:
        return int(exit_.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        return _error(Interrupted().message(lang), ExitCode.INTERRUPTED, json_mode)
    except typer.TyperException as err:
        return _error(_usage_message(err, lang), ExitCode.USAGE, json_mode)
    except Exception as err:  # the last line of defence: one line, unless --debug
        if "--debug" in args:
            traceback.print_exc()
        detail = f"{type(err).__name__}: {err}"
        return _error(t("unexpected", lang, detail=detail), ExitCode.UNEXPECTED, json_mode)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
