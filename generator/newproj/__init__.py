"""newproj: Django project scaffolding with Docker.

The library under the ``newproj`` command. It never prints: it returns results and raises
:class:`NewprojError` subclasses whose ``message(lang)`` is fit for a user.

Its names are imported when first used (PEP 562): importing a submodule, as the command's entry
point does first, costs nothing more, so a Ctrl-C during the start-up is caught there.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_WHERE = {
    "FIELDS": "newproj.answers",
    "AnswerError": "newproj.answers",
    "Answers": "newproj.answers",
    "build_answers": "newproj.answers",
    "validate_field": "newproj.answers",
    "ExitCode": "newproj.errors",
    "InvalidAnswer": "newproj.errors",
    "NewprojError": "newproj.errors",
    "RenderError": "newproj.errors",
    "TargetExistsError": "newproj.errors",
    "UsageError": "newproj.errors",
    "GenerationResult": "newproj.render.place",
    "generate": "newproj.render.place",
    "plan": "newproj.render.place",
}

if TYPE_CHECKING:
    from newproj.answers import FIELDS, AnswerError, Answers, build_answers, validate_field
    from newproj.errors import (
        ExitCode,
        InvalidAnswer,
        NewprojError,
        RenderError,
        TargetExistsError,
        UsageError,
    )
    from newproj.render.place import GenerationResult, generate, plan


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'newproj' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "FIELDS",
    "AnswerError",
    "Answers",
    "ExitCode",
    "GenerationResult",
    "InvalidAnswer",
    "NewprojError",
    "RenderError",
    "TargetExistsError",
    "UsageError",
    "__version__",
    "build_answers",
    "generate",
    "plan",
    "validate_field",
]
