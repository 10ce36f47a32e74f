"""Answers given before any prompt (an answers file, flags), each value remembering where it came from.

Values are kept exactly as read: the model refuses anything but the type a field takes, and the
refusal names the true source (``--port``, ``team.yml: port``; a typed answer names its field).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newproj.answers import FIELD_NAMES, FIELDS, FIELDS_BY_NAME, AnswerError, Answers, Ask, build_answers
from newproj.answers.features import FEATURES_BY_KEY
from newproj.errors import InvalidAnswer, UsageError


@dataclass
class GivenAnswers:
    """Values by field name, and where each came from (``--port``, ``team.yml: port``)."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def add_flags(self, flags: Mapping[str, str | None]) -> None:
        """Values typed after a flag (``None``: the flag was not given)."""
        for name, value in flags.items():
            if value is not None:
                self.values[name] = value
                self.sources[name] = FIELDS_BY_NAME[name].flag

    def add_features(self, values: Mapping[str, bool], sources: Mapping[str, str]) -> None:
        """``use_<id>`` answers of ``--with``/``--without``/``--minimal``, each naming its flag."""
        self.values.update(values)
        self.sources.update(sources)

    def add_file(self, path: Path, values: Mapping[str, Any]) -> None:
        """Values of an answers file, as read (a YAML ``null`` is a value, and is refused)."""
        for name, value in values.items():
            self.values[name] = value
            self.sources[name] = f"{path}: {name}"

    def build(self, defaults: Mapping[str, Any] | None = None, ask: Ask | None = None) -> Answers:
        """:func:`newproj.answers.build_answers` whose error names where the refused value came from."""
        try:
            return build_answers(self.values, defaults, ask)
        except AnswerError as err:
            raise InvalidAnswer(err, self.sources.get(err.field, "")) from err

    def missing(self, defaults: Mapping[str, Any] | None = None) -> list[str]:
        """The answers that apply and are not given (a server version for SQLite never is); validates nothing.

        Features are not counted: they have defaults and are asked only along with other questions.
        """
        settled: dict[str, Any] = {}
        missing = []
        for item in FIELDS:
            if item.name in self.values:
                settled[item.name] = self.values[item.name]
            elif item.asked(settled) and item.name not in FEATURES_BY_KEY:
                missing.append(item.name)
            else:
                settled[item.name] = (defaults or {}).get(item.name, item.default(settled))
        return missing


def read_answers_file(path: Path) -> dict[str, Any]:
    """Read a YAML or JSON mapping of answers; refuse unknown keys naming the key and the file."""
    if path.is_dir():
        raise UsageError("answers_file_is_dir", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise UsageError("answers_file_missing", path=path) from err
    except UnicodeDecodeError as err:
        raise UsageError("answers_file_parse", path=path, detail=f"not UTF-8 text: {err.reason}") from err
    except OSError as err:
        raise UsageError("answers_file_parse", path=path, detail=err.strerror) from err
    data = _parse(path, text)
    if not isinstance(data, dict):
        raise UsageError("answers_file_shape", path=path)
    for key, value in data.items():
        if key not in FIELDS_BY_NAME:
            raise UsageError("answers_file_key", path=path, key=str(key), fields=", ".join(FIELD_NAMES))
        if isinstance(value, _OtherNotation):
            raise UsageError("answers_file_notation", path=path, key=key, written=value.written, value=int(value))
    return data


class _OtherNotation(int):
    """A YAML 1.1 integer not written in plain decimal (``010`` is octal 8, ``0x1F``, ``1_000``,
    ``1:30``): refused, as its value is not what the file shows."""

    written: str


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise UsageError("answers_file_parse", path=path, detail=f"line {err.lineno}: {err.msg}") from err
        except ValueError as err:  # a number of more than 4,300 digits
            raise UsageError("answers_file_parse", path=path, detail=_TOO_LONG) from err
    import yaml

    class Loader(yaml.SafeLoader):
        """YAML without implicit floats: ``python_version: 3.10`` stays "3.10", not 3.1."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
        value = yaml.SafeLoader.construct_yaml_int(loader, node)
        if re.fullmatch(r"[-+]?(0|[1-9][0-9]*)", node.value):
            return value
        marked = _OtherNotation(value)
        marked.written = node.value
        return marked

    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise UsageError(
            "answers_file_parse", path=path, detail=f"{where}{getattr(err, 'problem', err)}"
        ) from err
    except ValueError as err:  # a number of more than 4,300 digits
        raise UsageError("answers_file_parse", path=path, detail=_TOO_LONG) from err


#: Python refuses to convert a number of more than 4,300 digits (``sys.int_info.default_max_str_digits``).
_TOO_LONG = "a number of more than 4300 digits"
