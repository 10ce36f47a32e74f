"""Request parameters to answers: named as the CLI's flags, refused with the CLI's own words.

``?port=abc`` is refused as ``newproj init --port abc`` is: the same model, the same message
(``--port: 'abc' is not a whole number; ...``), in the language asked for. Every field that is
wrong is listed, not only the first.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import newproj
from newproj.answers import warnings_for
from newproj.answers.features import FEATURES, FEATURES_BY_KEY
from newproj.answers.rules import display_order
from newproj.messages import t


def parameter_of(item: newproj.Field) -> str:
    """A field's parameter: its flag without the dashes (``--database-version`` -> ``database-version``);
    a feature's is its answer (``use_worker``), since the CLI's ``--with`` takes them all."""
    return item.name if item.name in FEATURES_BY_KEY else item.flag.lstrip("-")


PARAMETERS: dict[str, str] = {parameter_of(f): f.name for f in newproj.FIELDS}
FLAGS: dict[str, str] = {f.name: f.flag for f in newproj.FIELDS}
#: How a feature's yes or no is written in a query string or a form (anything else is refused by the model).
YES_NO = {"true": True, "1": True, "on": True, "yes": True, "y": True,
          "false": False, "0": False, "off": False, "no": False, "n": False}
#: More parameters than there are fields is a mistake or an attack; stop reading there.
MAX_PARAMETERS = 64


@dataclass
class Problem:
    """One refused parameter: the field (None for an unknown parameter) and the CLI's line."""

    parameter: str | None
    field: str | None
    message: str
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"parameter": self.parameter, "field": self.field, "message": self.message, "text": self.text}


@dataclass
class Checked:
    """The outcome of checking parameters: the answers, or the problems (never both)."""

    values: dict[str, Any] = field(default_factory=dict)
    answers: newproj.Answers | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class BadParameters(Exception):
    """Parameters that cannot even be read (not UTF-8, not a JSON object): one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _problem(key: str, lang: str, parameter: str | None = None, **params: Any) -> Problem:
    text = t(key, lang, parameter=parameter, **params)
    return Problem(parameter, None, text, text)


def pairs_from_query(raw: bytes, lang: str) -> list[tuple[str, str]]:
    """``a=1&b=2`` (a query string or a form body) as pairs; refuse what is not UTF-8."""
    try:
        return parse_qsl(
            raw.decode("ascii", "strict") if raw.isascii() else raw.decode("utf-8"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_PARAMETERS,
        )
    except (UnicodeDecodeError, ValueError) as err:
        if isinstance(err, UnicodeDecodeError) or "UTF-8" in str(err) or "codec" in str(err):
            raise BadParameters(_problem("serve_not_utf8", lang)) from err
        raise BadParameters(_problem("serve_too_many", lang, limit=MAX_PARAMETERS)) from err


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that keeps its members in order, repeated names included (a dict keeps the last)."""

    members: list[tuple[Any, Any]]


def _json_object(members: list[tuple[Any, Any]]) -> _Object:
    found = _Object(members)
    found.members = members
    return found


def _is_unicode(text: str) -> bool:
    """False for text with a lone surrogate (JSON's ``\\udc80`` escape), which no file can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def pairs_from_json(raw: bytes, lang: str) -> list[tuple[str, str]]:
    """A JSON object of parameters; numbers are taken as their digits (``"port": 9000``), and
    ``true``/``false`` as yes or no for the fields that are yes or no (the features).

    A name given twice is kept twice, so :func:`check` refuses it as it refuses ``?port=1&port=2``.
    """
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_json_object) if raw.strip() else _Object()
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise BadParameters(_problem("serve_bad_json", lang)) from err
    if not isinstance(data, _Object):
        raise BadParameters(_problem("serve_bad_json", lang))
    members = getattr(data, "members", [])
    if len(members) > MAX_PARAMETERS:
        raise BadParameters(_problem("serve_too_many", lang, limit=MAX_PARAMETERS))
    pairs = []
    for key, value in members:
        if not _is_unicode(key) or (isinstance(value, str) and not _is_unicode(value)):
            raise BadParameters(_problem("serve_not_unicode", lang))
        if isinstance(value, bool) and PARAMETERS.get(key) in FEATURES_BY_KEY:
            value = "true" if value else "false"
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            kind = "null" if value is None else "dict" if isinstance(value, dict) else type(value).__name__
            raise BadParameters(_problem("serve_bad_json_value", lang, parameter=key, kind=kind))
        pairs.append((key, str(value)))
    return pairs


def check(pairs: list[tuple[str, str]], lang: str) -> Checked:
    """Check parameters against the model: every problem, or the answers and their warnings."""
    checked = Checked()
    seen: set[str] = set()
    for parameter, value in pairs:
        if parameter in seen:
            checked.problems.append(_problem("serve_given_twice", lang, parameter=parameter))
        elif parameter not in PARAMETERS:
            text = t("no_such_option", lang, option="--" + parameter, help="newproj init --help")
            checked.problems.append(Problem(parameter, None, text, text))
        else:
            name = PARAMETERS[parameter]
            yes_no = YES_NO.get(value.strip().lower()) if name in FEATURES_BY_KEY else None
            checked.values[name] = value if yes_no is None else yes_no
        seen.add(parameter)
    checked.problems += _field_problems(checked.values, lang)
    if checked.problems:
        return checked
    try:
        checked.answers = newproj.build_answers(checked.values)
    except newproj.AnswerError as err:  # a rule across fields (a Python that Django does not support)
        checked.problems.append(_refusal(err, checked.values, lang))
        return checked
    checked.warnings = [_refusal(w, checked.values, lang) for w in warnings_for(checked.answers)]
    return checked


def _field_problems(values: dict[str, Any], lang: str) -> list[Problem]:
    """Each given value judged alone, given the answers before it (their defaults where refused)."""
    problems, settled = [], {}
    for item in newproj.FIELDS:
        if item.name in values:
            try:
                settled[item.name] = newproj.validate_field(item.name, values[item.name], settled)
                continue
            except newproj.AnswerError as err:
                problems.append(_refusal(err, values, lang))
        settled[item.name] = item.default(settled)
    return problems


def _refusal(err: newproj.AnswerError, values: dict[str, Any], lang: str) -> Problem:
    """The line the CLI prints after ``error: `` for this refusal (led by the flag when one was given)."""
    given = err.field in values
    fields = {f.name: f for f in newproj.FIELDS}
    parameter = parameter_of(fields[err.field]) if err.field in fields else None
    return Problem(
        parameter if given else None,
        err.field,
        err.message(lang, FLAGS[err.field] if given else None),
        err.text(lang),
    )


def resolved(answers_or_values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For the page: each field's value, default, choices and whether it applies, given the values so far."""
    fields, settled = {}, {}
    for item in newproj.FIELDS:
        default = item.default(settled)
        value = answers_or_values.get(item.name, default)
        try:
            settled[item.name] = newproj.validate_field(item.name, value, settled)
        except newproj.AnswerError:
            settled[item.name] = default
        fields[item.name] = {
            "default": default,
            # as the CLI's help, errors and prompts list them: versions oldest first
            "choices": list(display_order(tuple(item.choices(settled)))) if item.choices else None,
            "applies": bool(item.asked(settled)),
        }
    return fields


def command_line(answers: newproj.Answers) -> str:
    """``newproj init --no-input ...`` for these answers (every answer that applies, shell-quoted)."""
    context = answers.to_context()
    parts = ["newproj", "init", "--no-input"]
    for item in newproj.FIELDS:
        if item.asked(context) and item.name not in FEATURES_BY_KEY:
            parts += [item.flag, shlex.quote(str(context[item.name]))]
    added = [f.id for f in FEATURES if context[f.key] and not f.default]
    removed = [f.id for f in FEATURES if f.default and not context[f.key]]
    parts += ["--with", ",".join(added)] if added else []
    parts += ["--without", ",".join(removed)] if removed else []
    return " ".join(parts)


def answers_file(answers: newproj.Answers) -> str:
    """The answers file (``newproj init --answers FILE``) for these answers, as YAML."""
    import yaml

    context = answers.to_context()
    data = {item.name: context[item.name] for item in newproj.FIELDS if item.asked(context)}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
