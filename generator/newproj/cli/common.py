"""What every command shares: the interface language, Ctrl-C, where prompts draw, the exit-code help."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import typer

from newproj.errors import ExitCode, Interrupted, UsageError
from newproj.messages.core import LANGUAGES, detect_language
from newproj.messages.help import help_text


def exit_codes_help() -> str:
    """``Exit codes: 0 ok, 1 unexpected, ...`` (the code names stay English: they are identifiers)."""
    codes = ", ".join(f"{code.value} {code.name.lower().replace('_', ' ')}" for code in ExitCode)
    return help_text("exit_codes", codes=codes)


EXIT_CODES_HELP = exit_codes_help()


def command_language(ctx: typer.Context, lang: str | None) -> str:
    """The interface language of a command: its own ``--lang``, else the one before the command
    (``newproj --lang ko init``), else the locale's. One rule in both places: a value given, even
    empty, is checked (``--lang=`` is refused wherever it stands)."""
    return language(lang if lang is not None else ctx.find_root().params.get("lang"))


def language(lang: str | None) -> str:
    """The interface language: ``--lang`` (checked), else the locale's."""
    if lang is not None and lang not in LANGUAGES:
        raise UsageError("bad_lang", value=lang)
    return detect_language(lang)


def interruptible(command: Callable[..., None]) -> Callable[..., None]:
    """Turn Ctrl-C inside a command into :class:`Interrupted` (typer would exit 130 silently)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            raise Interrupted() from None

    return wrapper


def prompt_io() -> dict[str, Any]:
    """Draw prompts on the terminal even when stdout is redirected (``--json > out.json``)."""
    from prompt_toolkit.output import create_output

    return {"output": create_output(always_prefer_tty=True)}
