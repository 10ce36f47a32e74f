"""newproj: Django project scaffolding with Docker.

The library under the ``newproj`` command. It never prints: it returns results and raises
:class:`NewprojError` subclasses whose ``message(lang)`` is fit for a user.
"""

from newproj.answers import FIELDS, AnswerError, Answers, build_answers, validate_field
from newproj.errors import ExitCode, InvalidAnswer, NewprojError, RenderError, TargetExistsError, UsageError
from newproj.render.place import GenerationResult, generate, plan

__version__ = "0.1.0"

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
