"""Answers given before any prompt: an answers file and flags, each value remembering its source."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newproj.errors import InvalidAnswer, UsageError
from newproj.model import (
    FIELD_NAMES,
    FIELDS,
    FIELDS_BY_NAME,
    AnswerError,
    Answers,
    build_answers,
    check_python_django,
    validate_field,
)


@dataclass
class GivenAnswers:
    """Values by field name, and where each came from (``--port``, ``team.yml: port``)."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def update(self, values: Mapping[str, Any], source: str) -> None:
        """Add values from one source; ``source`` may hold ``{flag}`` or ``{name}``."""
        for name, value in values.items():
            if value is None:
                continue
            self.values[name] = value
            self.sources[name] = source.format(flag=FIELDS_BY_NAME[name].flag, name=name)

    def label(self, name: str) -> str | None:
        return self.sources.get(name)

    def missing(self) -> list[str]:
        """Fields neither given nor irrelevant (a server version for SQLite is never missing)."""
        settled: dict[str, Any] = {}
        missing = []
        for item in FIELDS:
            if item.name in self.values:
                settled[item.name] = self.values[item.name]
            elif item.asked(settled):
                missing.append(item.name)
        return missing

    def check(self) -> dict[str, Any]:
        """Validate the given values alone, in model order, before anything is asked.

        A server version waits for its database; the Python/Django pair is checked when both
        are given. Returns the validated values; raises :class:`InvalidAnswer` naming the source.
        """
        checked: dict[str, Any] = {}
        try:
            for item in FIELDS:
                if item.name not in self.values:
                    continue
                if item.name == "database_version" and "database" not in checked:
                    continue
                checked[item.name] = validate_field(item.name, self.values[item.name], checked)
            if "python_version" in checked and "django_version" in checked:
                check_python_django(checked["python_version"], checked["django_version"])
        except AnswerError as err:
            raise InvalidAnswer(err, self.sources.get(err.field, "")) from err
        return checked

    def build(self) -> Answers:
        """Validate into :class:`Answers`, naming the source of a refused value."""
        return build_checked(self.values, self.sources)


def build_checked(values: Mapping[str, Any], sources: Mapping[str, str]) -> Answers:
    """``build_answers`` whose error names where the refused value came from."""
    try:
        return build_answers(values)
    except AnswerError as err:
        raise InvalidAnswer(err, sources.get(err.field, "")) from err


def read_answers_file(path: Path) -> dict[str, Any]:
    """Read a YAML or JSON mapping of answers; refuse unknown keys naming the key and the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise UsageError("answers_file_missing", path=path) from err
    except OSError as err:
        raise UsageError("answers_file_parse", path=path, detail=err.strerror) from err
    data = _parse(path, text)
    if not isinstance(data, dict):
        raise UsageError("answers_file_shape", path=path)
    for key in data:
        if key not in FIELDS_BY_NAME:
            raise UsageError("answers_file_key", path=path, key=str(key), fields=", ".join(FIELD_NAMES))
    return data


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise UsageError("answers_file_parse", path=path, detail=f"line {err.lineno}: {err.msg}") from err
    import yaml

    class Loader(yaml.SafeLoader):
        """YAML without implicit floats: ``python_version: 3.10`` stays "3.10", not 3.1."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise UsageError(
            "answers_file_parse", path=path, detail=f"{where}{getattr(err, 'problem', err)}"
        ) from err
