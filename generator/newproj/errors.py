"""One error hierarchy, each error with its exit code and a message in English or Korean."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from newproj.messages import t


class ExitCode(IntEnum):
    """The exit codes of ``newproj``, listed in ``newproj --help`` and the docs."""

    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    TARGET_EXISTS = 3
    #: ``newproj update`` left files with conflict markers (listed on stderr); the record was not advanced.
    CONFLICTS = 4
    #: ``newproj doctor`` found something on this machine or in the project to fix.
    DOCTOR_FOUND_PROBLEMS = 5
    #: A file or folder could not be written (disk full, permission denied, read-only file system).
    CANNOT_WRITE = 6
    INTERRUPTED = 130


class NewprojError(Exception):
    """Base of every error newproj reports to a user."""

    exit_code = ExitCode.UNEXPECTED
    key = "unexpected"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """One line: what failed and how to fix it."""
        return t(self.key, lang, **self.params)


class UsageError(NewprojError):
    """A bad flag, file or answer: exit code 2."""

    exit_code = ExitCode.USAGE

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.key = message_key
        super().__init__(**params)


class InvalidAnswer(UsageError):
    """An answer the model refuses; ``source`` says where it came from (a flag, a file)."""

    def __init__(self, error: Any, source: str = "") -> None:
        self.error = error
        self.source = source
        super().__init__("invalid_answer")

    def message(self, lang: str = "en") -> str:
        return self.error.message(lang, self.source or None)


class TargetExistsError(NewprojError):
    """The target folder exists and is not empty: exit code 3."""

    exit_code = ExitCode.TARGET_EXISTS
    key = "target_exists"

    def __init__(self, path: Any) -> None:
        super().__init__(path=path)


class RenderError(NewprojError):
    """The template failed to render (a bug in the template or the environment)."""

    key = "render_failed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail)


class CannotWrite(NewprojError):
    """A file or folder could not be written (permission, full disk, read-only): exit code 6.

    ``detail`` is the operating system's reason, e.g. "Permission denied".
    """

    exit_code = ExitCode.CANNOT_WRITE
    key = "write_failed"

    def __init__(self, path: Any, detail: Any) -> None:
        super().__init__(path=path, detail=detail)


class Interrupted(NewprojError):
    """Ctrl-C: exit code 130."""

    exit_code = ExitCode.INTERRUPTED
    key = "interrupted"
