"""What the web service says that the answers model does not, in English and Korean.

The model's own refusals (``AnswerError.message``) are used as they are: the service never
rewords them, so a refused parameter reads exactly as the refused flag does in a terminal.
"""

from __future__ import annotations

import re
from typing import Any

LANGUAGES = ("en", "ko")

MESSAGES: dict[str, dict[str, str]] = {
    "given_twice": {
        "en": "{parameter} is given more than once; give it once",
        "ko": "{parameter} 이(가) 여러 번 주어졌습니다. 한 번만 주세요",
    },
    "not_utf8": {
        "en": "the parameters are not UTF-8 text; encode them as UTF-8 (curl --data-urlencode does)",
        "ko": "매개변수가 UTF-8 텍스트가 아닙니다. UTF-8로 인코딩하세요 (curl --data-urlencode 가 해 줍니다)",
    },
    "bad_json": {
        "en": 'the body is not a JSON object of parameters; send e.g. {{"name": "My Site"}}',
        "ko": '본문이 매개변수의 JSON 객체가 아닙니다. 예: {{"name": "My Site"}} 처럼 보내세요',
    },
    "bad_json_value": {
        "en": "{parameter} must be text or a number in JSON, not {kind}; send it as a string",
        "ko": "{parameter} 은(는) JSON에서 텍스트나 숫자여야 합니다 ({kind} 아님). 문자열로 보내세요",
    },
    "media_type": {
        "en": "a body of type {media_type} is not understood; send application/x-www-form-urlencoded or application/json",
        "ko": "{media_type} 형식의 본문은 읽을 수 없습니다. application/x-www-form-urlencoded 나 application/json 으로 보내세요",
    },
    "too_large": {
        "en": "the request is larger than {limit} bytes; send fewer or shorter parameters",
        "ko": "요청이 {limit}바이트보다 큽니다. 매개변수를 줄이거나 짧게 보내세요",
    },
    "busy": {
        "en": "the service is busy ({limit} projects being made); retry in {seconds} s",
        "ko": "서비스가 바쁩니다 (프로젝트 {limit}개를 만드는 중). {seconds}초 뒤에 다시 시도하세요",
    },
    "timeout": {
        "en": "making the project took longer than {seconds} s; retry in a moment",
        "ko": "프로젝트를 만드는 데 {seconds}초보다 오래 걸렸습니다. 잠시 뒤에 다시 시도하세요",
    },
    "not_acceptable": {
        "en": "none of the accepted types is offered; ask for one of {types}",
        "ko": "요청한 형식을 줄 수 없습니다. {types} 중 하나를 요청하세요",
    },
    "not_found": {
        "en": "no such page; see / for the API",
        "ko": "그런 페이지가 없습니다. / 에서 API를 확인하세요",
    },
    "method": {
        "en": "{method} is not allowed here; use {allowed}",
        "ko": "여기서는 {method} 를 쓸 수 없습니다. {allowed} 를 쓰세요",
    },
    "missing_extra": {
        "en": "newproj serve needs {module}, which is not installed; run pip install 'newproj[web]'",
        "ko": "newproj serve 에 필요한 {module} 이(가) 설치되어 있지 않습니다. pip install 'newproj[web]' 을 실행하세요",
    },
    "cannot_listen": {
        "en": "cannot listen on {where}: {detail}; choose another --port or --host",
        "ko": "{where} 에서 받을 수 없습니다: {detail}. 다른 --port 나 --host 를 고르세요",
    },
    "failed": {
        "en": "the project could not be made ({detail}); retry, and report it if it persists",
        "ko": "프로젝트를 만들지 못했습니다 ({detail}). 다시 시도하고, 계속되면 알려 주세요",
    },
}


def web_text(key: str, lang: str, **params: Any) -> str:
    """One sentence of :data:`MESSAGES` in ``lang`` (English for any other)."""
    return MESSAGES[key][lang if lang in LANGUAGES else "en"].format(**params)


_RANGE = re.compile(r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*$")


def accept_language(header: str | None) -> str:
    """The best of ``en``/``ko`` for an ``Accept-Language`` header; English when none fits."""
    best, best_q = "en", 0.0
    for position, item in enumerate((header or "").split(",")[:32]):
        match = _RANGE.match(item)
        if not match:
            continue
        try:
            q = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        primary = match.group(1).lower()
        # Ties go to the earlier range: the header lists preferences in order.
        if primary in LANGUAGES and q > best_q and q > 0:
            best, best_q = primary, q - position * 1e-6
    return best
