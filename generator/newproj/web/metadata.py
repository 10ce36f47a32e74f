"""The metadata of ``GET /``: every field from the model, with its parameter, choices, default,
rules and labels in both languages, and the plain-text help that ``curl`` gets.

Nothing here names a field: a field (or a feature) added to the model appears in the metadata,
the help and the page with no change here.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

import newproj
from newproj.messages.core import LANGUAGES
from newproj.messages.serve import CURL_HELP
from newproj.web.params import YES_NO, parameter_of, resolved

#: The versioned media type of the metadata (``application/json`` gets the same, latest, version).
METADATA_TYPE = "application/vnd.newproj.metadata.v1+json"


def _kind(field: Any, default: Any) -> str:
    if field.choices is not None:
        return "choice"
    if isinstance(default, bool):
        return "boolean"
    return "integer" if isinstance(default, int) else "text"


def _rule(field: Any, key: str) -> dict[str, Any] | None:
    """How one property of ``field`` (its choices, its default, whether it applies) follows an earlier
    choice field, found by asking the model with each of that field's choices; None when it does not."""
    base = resolved({})[field.name][key]
    for earlier in newproj.FIELDS:
        if earlier.name == field.name:
            return None
        if earlier.choices is None:
            continue
        by_value = {
            choice: resolved({earlier.name: choice})[field.name][key] for choice in earlier.choices({})
        }
        if any(value != base for value in by_value.values()):
            return {"field": earlier.name, "values": by_value}
    return None


def _conflicts(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs of choices the model refuses together though each goes with some choice of the other (a
    Python that one Django release does not support), found by asking the model; with the refusal in
    both languages, so a client can disable a choice before it is sent.

    Only fields whose choices follow no other answer: a server version that follows the database is
    a rule of its own (``choices_by``), not a conflict.
    """
    fixed = [f for f in fields if f["type"] == "choice" and f["choices_by"] is None]
    found = []
    for i, first in enumerate(fixed):
        for second in fixed[i + 1 :]:
            refused: dict[tuple[str, str], newproj.AnswerError] = {}
            for a in first["choices"]:
                for b in second["choices"]:
                    try:
                        newproj.build_answers({first["name"]: a, second["name"]: b})
                    except newproj.AnswerError as err:
                        refused[a, b] = err
            for (a, b), err in refused.items():
                # A value refused with every choice of the other is refused for another reason.
                if all((a, other) in refused for other in second["choices"]):
                    continue
                if all((other, b) in refused for other in first["choices"]):
                    continue
                found.append(
                    {
                        "answers": {first["name"]: a, second["name"]: b},
                        "field": err.field,
                        "text": {lang: err.text(lang) for lang in LANGUAGES},
                    }
                )
    return found


@lru_cache(maxsize=1)
def metadata() -> dict[str, Any]:
    """Every field of the model, in the model's order, for clients and for the page."""
    fields = []
    base = resolved({})
    for field in newproj.FIELDS:
        default = base[field.name]["default"]
        fields.append(
            {
                "name": field.name,
                "parameter": parameter_of(field),
                "flag": field.flag,
                "type": _kind(field, default),
                "label": {lang: field.label.get(lang, field.label["en"]) for lang in LANGUAGES},
                "help": {lang: field.help.get(lang, "") for lang in LANGUAGES},
                "default": default,
                "choices": base[field.name]["choices"],
                "applies": base[field.name]["applies"],
                # Rules that follow an earlier answer (a server version follows the database).
                "choices_by": _rule(field, "choices"),
                "default_by": _rule(field, "default"),
                "applies_by": _rule(field, "applies"),
            }
        )
    return {
        "version": 1,
        "newproj": newproj.__version__,
        "fields": fields,
        "conflicts": _conflicts(fields),
        # How a yes/no field may be written in a query string (a share link), as the API reads it.
        "yes_no": YES_NO,
        "links": {
            "zip": "/starter.zip",
            "tgz": "/starter.tgz",
            "preview": "/preview",
            "validate": "/validate",
        },
    }


@lru_cache(maxsize=1)
def metadata_body() -> tuple[bytes, str]:
    """The metadata as JSON bytes and its ETag (a hash of those bytes: it changes with the model)."""
    body = json.dumps(metadata(), ensure_ascii=False, separators=(",", ":")).encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _default_shown(field: dict[str, Any], words: dict[str, Any]) -> str:
    rule = field["default_by"] or field["choices_by"]
    if rule:
        return f"({rule['field']})"
    return "" if field["default"] == "" else str(field["default"])


def help_text(base_url: str, lang: str) -> str:
    """The plain-text help of ``GET /`` for curl and HTTPie: parameters, choices, defaults, examples.

    Every line that starts with ``$ `` is a command a test runs exactly as printed.
    """
    lang = lang if lang in LANGUAGES else "en"
    words = {key: texts[lang] for key, texts in CURL_HELP.items()}
    head = (words["head_parameter"], words["head_default"], words["head_description"])
    base = base_url.rstrip("/")
    rows = []
    for field in metadata()["fields"]:
        description = field["label"][lang]
        if field["choices"] and not field["choices_by"]:
            description += f"; {words['choices']}: {', '.join(field['choices'])}"
        elif field["choices_by"]:
            rule = field["choices_by"]
            listed = "; ".join(f"{k}: {', '.join(v)}" for k, v in rule["values"].items() if any(v))
            description += f"; {words['choices']} ({rule['field']}) {listed}"
        rows.append((field["parameter"], _default_shown(field, words) or "-", description))
    # The description comes last, unpadded: Korean letters take two columns in a terminal.
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(2)]
    table = [
        f"  {name:<{widths[0]}}  {default:<{widths[1]}}  {description}"
        for name, default, description in [head, *rows]
    ]
    return "\n".join(
        [
            words["title"],
            "",
            words["intro"],
            "",
            words["parameters"],
            *table,
            "  " + words["derived"],
            "",
            words["examples"],
            "",
            words["default"],
            f"$ curl -sS -f {base}/starter.tgz | tar -xzf -",
            "",
            words["custom"],
            f"$ curl -sS -f -O -J '{base}/starter.zip?name=Team+Site&database=mysql&port=9000'",
            "",
            words["post"],
            f"$ curl -sS -f -H 'Content-Type: application/json' -d '{{\"name\": \"Class Demo\"}}' "
            f"-o class_demo.tgz {base}/starter.tgz",
            "",
            words["metadata"],
            f"$ curl -sS -f -H 'Accept: application/json' {base}/",
            "",
            words["errors"],
            "",
        ]
    )
