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
from newproj.web.messages import LANGUAGES
from newproj.web.params import resolved

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
                "parameter": field.flag.lstrip("-"),
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


HELP_TEXT = {
    "en": {
        "title": "newproj: a Django project that runs in Docker on the first try.",
        "intro": "This service makes the same project as `newproj init`. Download one with curl:",
        "parameters": "Parameters (the flags of `newproj init`, without the dashes):",
        "head": ("Parameter", "Default", "Description"),
        "choices": "one of",
        "derived": "(answer): the default follows that earlier answer.",
        "examples": "Examples:",
        "default": "A default project, unpacked into ./my_django_project:",
        "custom": "A project with MySQL on port 9000, as a zip named after its package:",
        "post": "With POST and a JSON body, saved as class_demo.tgz:",
        "metadata": "The metadata (every field, choice and rule) as JSON:",
        "errors": "A refused parameter gets 400 and a JSON list of the problems, in the words of the CLI.",
    },
    "ko": {
        "title": "newproj: 처음부터 Docker에서 바로 도는 Django 프로젝트.",
        "intro": "이 서비스는 `newproj init` 과 같은 프로젝트를 만듭니다. curl로 내려받으세요:",
        "parameters": "매개변수 (`newproj init` 의 플래그에서 대시를 뺀 이름):",
        "head": ("Parameter", "Default", "설명"),
        "choices": "고를 수 있는 값",
        "derived": "(답): 기본값이 그 앞의 답에 따라 정해집니다.",
        "examples": "예:",
        "default": "기본 프로젝트를 ./my_django_project 에 풉니다:",
        "custom": "MySQL, 포트 9000 프로젝트를 패키지 이름의 zip으로 받습니다:",
        "post": "POST와 JSON 본문으로 보내 class_demo.tgz 로 저장합니다:",
        "metadata": "메타데이터(모든 항목, 선택지, 규칙)를 JSON으로 받습니다:",
        "errors": "받아들일 수 없는 매개변수는 400과 문제 목록(JSON)을 받습니다. 문구는 CLI와 같습니다.",
    },
}


def _default_shown(field: dict[str, Any], words: dict[str, Any]) -> str:
    rule = field["default_by"] or field["choices_by"]
    if rule:
        return f"({rule['field']})"
    return "" if field["default"] == "" else str(field["default"])


def help_text(base_url: str, lang: str) -> str:
    """The plain-text help of ``GET /`` for curl and HTTPie: parameters, choices, defaults, examples.

    Every line that starts with ``$ `` is a command a test runs exactly as printed.
    """
    words = HELP_TEXT[lang if lang in HELP_TEXT else "en"]
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
    widths = [max(len(row[i]) for row in [words["head"], *rows]) for i in range(2)]
    table = [
        f"  {name:<{widths[0]}}  {default:<{widths[1]}}  {description}"
        for name, default, description in [words["head"], *rows]
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
