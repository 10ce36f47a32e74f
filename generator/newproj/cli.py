"""The ``newproj`` command: thin typer commands over the library.

Errors are caught once, in :func:`main`, printed as one line on stderr and mapped to the
exit codes of :class:`newproj.errors.ExitCode`. Other commands (``doctor``, ``update``) live in
their own modules, register on :data:`app`, and take their help from :mod:`newproj.helptext`.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newproj import __version__
from newproj.collect import InitRequest, collect
from newproj.errors import ExitCode, Interrupted, NewprojError, UsageError
from newproj.helptext import exit_codes_help, help_text, panel_titles, translate
from newproj.i18n import LANGUAGES, detect_language, t
from newproj.options import field_option
from newproj.render import generate, plan
from newproj.report import Output, done, emit_json, summary, warnings

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
    lang: Annotated[str | None, typer.Option("--lang", help=help_text("lang"))] = None,
) -> None:
    """The options every command shares: ``--version``, and ``--lang`` before the command."""
    if lang is not None:
        language(lang)  # refuse a bad value here, once


def _interruptible(command: Callable[..., None]) -> Callable[..., None]:
    """Turn Ctrl-C inside a command into :class:`Interrupted` (typer would exit 130 silently)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            raise Interrupted() from None

    return wrapper


@app.command(help=help_text("init"), epilog=EXIT_CODES_HELP)
@_interruptible
def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None, typer.Argument(help=help_text("init.directory"), show_default=False)
    ] = None,
    name: Annotated[str | None, field_option("project_name")] = None,
    slug: Annotated[str | None, field_option("project_slug")] = None,
    description: Annotated[str | None, field_option("description")] = None,
    author: Annotated[str | None, field_option("author")] = None,
    python: Annotated[str | None, field_option("python_version")] = None,
    django: Annotated[str | None, field_option("django_version")] = None,
    port: Annotated[str | None, field_option("port")] = None,
    database: Annotated[str | None, field_option("database")] = None,
    database_version: Annotated[str | None, field_option("database_version")] = None,
    project_language: Annotated[str | None, field_option("language")] = None,
    time_zone: Annotated[str | None, field_option("time_zone")] = None,
    answers: Annotated[Path | None, typer.Option("--answers", help=help_text("init.answers"))] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=help_text("init.no_input"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=help_text("init.yes"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=help_text("init.dry_run"))] = False,
    json_output: Annotated[bool, typer.Option("--json", help=help_text("json"))] = False,
    force: Annotated[bool, typer.Option("--force", help=help_text("init.force"))] = False,
    lang: Annotated[str | None, typer.Option("--lang", help=help_text("lang"))] = None,
    debug: Annotated[bool, typer.Option("--debug", help=help_text("debug"))] = False,
) -> None:
    ui = language(lang or command_language(ctx))
    out = Output(ui, json_output)
    request = InitRequest(
        lang=ui,
        flags={
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
        },
        answers_file=answers,
        directory=directory,
        no_input=no_input,
        force=force,
        terminal=sys.stdin.isatty(),
    )
    collected = collect(request, _prompt_io)
    chosen, target = collected.answers, collected.target
    found = warnings(chosen, ui)
    for warning in found:
        out.warn(warning)

    if dry_run or (collected.asked and not yes):
        files = plan(chosen, target.name)
        summary(out, chosen, target, files)
        if dry_run:
            out.say(t("dry_run", ui))
            emit_json(out, chosen, target, files, found, written=False, dry_run=True)
            return
        from newproj.prompts import confirm

        if not confirm(ui, **_prompt_io()):
            out.say(t("cancelled", ui))
            emit_json(out, chosen, target, files, found, written=False, cancelled=True)
            return
    result = generate(chosen, target, force=force)
    if result.kept:
        out.warn(t("env_kept", ui))
    done(out, chosen, target, len(result.files))
    emit_json(out, chosen, target, result.files, found, written=True)


def command_language(ctx: typer.Context) -> str | None:
    """The ``--lang`` given before the command (``newproj --lang ko init``), for any command module."""
    return ctx.find_root().params.get("lang")


def language(lang: str | None) -> str:
    """The interface language: ``--lang`` (checked), else the locale's."""
    if lang is not None and lang not in LANGUAGES:
        raise UsageError("bad_lang", value=lang)
    return detect_language(lang)


def _prompt_io() -> dict[str, Any]:
    """Draw prompts on the terminal even when stdout is redirected (``--json > out.json``)."""
    from prompt_toolkit.output import create_output

    return {"output": create_output(always_prefer_tty=True)}


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


@functools.lru_cache(maxsize=len(LANGUAGES))
def _command(lang: str) -> Any:
    """The click command of :data:`app`, its help in ``lang`` (built once per language and process)."""
    command = typer.main.get_command(app)
    translate(command, lang)
    return command


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (the one boundary where errors become exit codes)."""
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]
    lang = _argv_language(args)
    json_mode = "--json" in args
    command = _command(lang)
    panel_titles(lang)
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

# The other commands register themselves on `app`.
from newproj import cmd_doctor, cmd_update  # noqa: E402,F401
