"""The ``newproj`` console script: it imports the CLI inside its own guard, so that Ctrl-C while
Python is still importing (a tenth of a second) ends as any interrupt does: one line, exit 130,
no traceback."""

from __future__ import annotations

import json
import sys


def run() -> None:
    """Console-script entry point."""
    try:
        from newproj.cli.app import run as run_app
    except KeyboardInterrupt:
        sys.exit(interrupted_while_starting(sys.argv[1:]))
    run_app()


def interrupted_while_starting(args: list[str]) -> int:
    """Say "interrupted" as the CLI would (its language, ``--json``'s document); return 130."""
    from newproj.errors import ExitCode, Interrupted
    from newproj.messages.core import LANGUAGES, detect_language

    given = [a.split("=", 1)[1] for a in args if a.startswith("--lang=")]
    given += [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--lang"]
    lang = detect_language(next((g for g in given if g in LANGUAGES), None))
    message = Interrupted().message(lang)
    sys.stderr.write(f"error: {message}\n")
    if "--json" in args:
        sys.stdout.write(json.dumps({"error": {"code": int(ExitCode.INTERRUPTED), "message": message}}, ensure_ascii=False) + "\n")
    return int(ExitCode.INTERRUPTED)
