"""The answers model, loaded from the template's own ``hooks/answers.py``.

The rules live in the template so that plain ``cookiecutter`` enforces them with no newproj
installed; this module makes that one file importable as part of newproj.
"""

from __future__ import annotations

import importlib.util
import sys

from newproj.templates import django_template

_NAME = "newproj._template_answers"


def _load():
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, django_template() / "hooks" / "answers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


_answers = _load()

AnswerError = _answers.AnswerError
Answers = _answers.Answers
Field = _answers.Field
FIELDS = _answers.FIELDS
FIELD_NAMES = _answers.FIELD_NAMES
FIELDS_BY_NAME = _answers.FIELDS_BY_NAME
SERVER_DATABASES = _answers.SERVER_DATABASES
LANGUAGES = _answers.LANGUAGES
build_answers = _answers.build_answers
check_python_django = _answers.check_python_django
validate_field = _answers.validate_field
default_for = _answers.default_for
warnings_for = _answers.warnings_for
files_to_remove = _answers.files_to_remove
cruft_record = _answers.cruft_record
finish_project = _answers.finish_project
cookiecutter_json = _answers.cookiecutter_json
TEMPLATE_VERSION = _answers.TEMPLATE_VERSION

__all__ = [
    "FIELDS",
    "FIELDS_BY_NAME",
    "FIELD_NAMES",
    "LANGUAGES",
    "SERVER_DATABASES",
    "TEMPLATE_VERSION",
    "AnswerError",
    "Answers",
    "Field",
    "build_answers",
    "check_python_django",
    "cookiecutter_json",
    "cruft_record",
    "default_for",
    "files_to_remove",
    "finish_project",
    "validate_field",
    "warnings_for",
]
