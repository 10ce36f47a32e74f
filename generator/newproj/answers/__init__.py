"""The answers model: every field, its rules, its messages, and what the answers leave out of a project.

STANDARD LIBRARY ONLY. :mod:`newproj.maintainer.hookgen` copies these modules into the template's
hooks, which run under whatever interpreter runs cookiecutter or cruft (an import-linter contract
in ``pyproject.toml`` holds the rule). Nothing here knows about rendering, records or the CLI.
"""

from newproj.answers.fields import (
    FIELD_NAMES,
    FIELDS,
    FIELDS_BY_NAME,
    Answers,
    Ask,
    Field,
    build_answers,
    default_for,
    validate_field,
    warnings_for,
)
from newproj.answers.prune import files_to_remove, prune
from newproj.answers.rules import TEMPLATE_VERSION, AnswerError, check_python_django

__all__ = [
    "FIELDS",
    "FIELDS_BY_NAME",
    "FIELD_NAMES",
    "TEMPLATE_VERSION",
    "AnswerError",
    "Answers",
    "Ask",
    "Field",
    "build_answers",
    "check_python_django",
    "default_for",
    "files_to_remove",
    "prune",
    "validate_field",
    "warnings_for",
]
