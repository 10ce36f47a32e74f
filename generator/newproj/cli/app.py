"""The ``newproj`` app: the root options, the commands registered, and the one error boundary.

Errors are caught once, in :func:`main`, printed as one line on stderr and mapped to the
exit codes of :class:`newproj.errors.ExitCode`. Each command lives in its own module and takes
its help from :mod:`newproj.messages.help`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Annotated, Any

import typer

from newproj import __version__
from newproj.cli.common import EXIT_CODES_HELP, interruptible, language
from newproj.errors import ExitCode, Interrupted, NewprojError
from newproj.messages import t
from newproj.messages.core import LANGUAGES, detect_language
from newproj.messages.help import help_text, panel_titles, translate

#: The commands, in the order the root help lists them.
COMMAND_NAMES = ("init", "update", "doctor", "serve")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newproj {__version__}")
        raise typer.Exit(0)


def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=help_text("version"))
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", help=help_text("lang"))] = None,
) -> None:
    """The options every command shares: ``--version``, and ``--lang`` before the command."""
    if lang is not None:
        language(lang)  # refuse a bad value here, once


def _command_function(name: str) -> Callable[..., None]:
    """The function of command ``name``, its module imported only now."""
    if name == "init":
        from newproj.cli.init import init

        return init
    if name == "update":
        from newproj.cli.update import update

        return update
    if name == "doctor":
        from newproj.cli.doctor import doctor

        return doctor
    from newproj.cli.serve import serve

    return serve


def build_app(names: tuple[str, ...] = COMMAND_NAMES) -> typer.Typer:
    """The Typer app with the commands ``names`` registered (all of them by default)."""
    built = typer.Typer(
        name="newproj",
        help=help_text("app"),
        epilog=EXIT_CODES_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
    )
    built.callback(help=help_text("root"))(root)
    for name in names:
        built.command(name, help=help_text(name), epilog=EXIT_CODES_HELP)(interruptible(_command_function(name)))
    return built


def __getattr__(name: str) -> Any:
    """``app``: the whole app, every command registered (built when first asked for, by tests and tools;
    :func:`main` builds only the command it runs)."""
    if name == "app":
        globals()["app"] = whole = build_app()
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _command_word(args: list[str]) -> str | None:
    """The command ``args`` run (``init`` in ``--lang ko init ...``), None when none of the known ones:
    then the whole app parses them (the root help lists every command; a wrong name is click's error)."""
    words = iter(args)
    for arg in words:
        if arg == "--lang":
            next(words, None)
        elif not arg.startswith("-"):
            return arg if arg in COMMAND_NAMES else None
    return None


def _argv_language(argv: list[str]) -> str:
    """The interface language before typer parsed anything (for errors in parsing itself)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return detect_language()


def _help_command(err: typer.TyperException, args: list[str], commands: Any) -> str:
    """``newproj <command> --help`` for the command that refused the input, ``newproj --help``
    for an unknown command (click's parser does not always say which command it was parsing)."""
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        return f"{ctx.command_path} --help"
    named = next((arg for arg in args if arg in commands), None)
    return f"newproj {named} --help" if named else "newproj --help"


def _usage_message(err: typer.TyperException, lang: str, help_command: str = "newproj --help") -> str:
    """typer's (click's) own usage errors, in the interface language, pointing to ``help_command``."""
    option = getattr(err, "option_name", None)
    kind = type(err).__name__
    if kind == "NoSuchOption" and option:
        return t("no_such_option", lang, option=option, help=help_command)
    if kind == "BadOptionUsage" and option and "requires an argument" in err.format_message():
        return t("option_needs_value", lang, option=option, help=help_command)
    return t("usage_error", lang, detail=err.format_message(), help=help_command)


def _error(message: str, code: int, json_mode: bool) -> int:
    typer.echo(f"error: {message}", err=True)
    if json_mode:
        typer.echo(json.dumps({"error": {"code": int(code), "message": message}}, ensure_ascii=False))
    return int(code)


@functools.lru_cache(maxsize=len(LANGUAGES) * (len(COMMAND_NAMES) + 1))
def _command(lang: str, name: str | None = None) -> Any:
    """The click command of the app with command ``name`` only (every command when None), its help in
    ``lang``: a run imports and converts only the command in hand (built once per process)."""
    command = typer.main.get_command(build_app((name,) if name else COMMAND_NAMES))
    translate(command, lang)
    return command


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (the one boundary where errors become exit codes)."""
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]
    lang = _argv_language(args)
    json_mode = "--json" in args
    command = _command(lang, _command_word(args))
    if "--help" in args:  # typer's help panels import rich, which only help needs (a start-up's worth)
        panel_titles(lang)
    try:
        result: Any = command.main(args=args, prog_name="newproj", standalone_mode=False)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except NewprojError as err:
        return _error(err.message(lang), err.exit_code, json_mode)
    except typer.Exit as exit_:
        return int(exit_.exit_code)
    except BrokenPipeError:  # the reader stopped reading (``newproj --help | head -1``)
        return _reader_gone()
    except SystemExit as exit_:
        if isinstance(exit_.__context__, BrokenPipeError):  # rich's way of saying the same
            return _reader_gone()
        raise
    except (KeyboardInterrupt, typer.Abort):
        return _error(Interrupted().message(lang), ExitCode.INTERRUPTED, json_mode)
    except typer.TyperException as err:
        message = _usage_message(err, lang, _help_command(err, args, getattr(command, "commands", {})))
        return _error(message, ExitCode.USAGE, json_mode)
    except Exception as err:  # the last line of defence: one line, unless --debug
        if "--debug" in args:
            traceback.print_exc()
        detail = f"{type(err).__name__}: {err}"
        return _error(t("unexpected", lang, detail=detail), ExitCode.UNEXPECTED, json_mode)


def _reader_gone() -> int:
    """Done: whoever reads stdout has all it wanted. Later writes (Python's own flush at exit
    included) go nowhere, so nothing is printed about the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return ExitCode.OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
