"""What the answers model says when it refuses a value, in English and Korean (standard library only).

Copied verbatim into the template's hooks by :mod:`newproj.maintainer.hookgen`.
"""

from __future__ import annotations

MODEL_MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "en": "a value is required; type one",
        "ko": "값이 필요합니다. 값을 입력하세요",
    },
    "too_long": {
        "en": "{value!r} is longer than {limit} characters; shorten it",
        "ko": "{value!r}이(가) {limit}자보다 깁니다. 더 짧게 쓰세요",
    },
    "control": {
        "en": "{value!r} contains control characters; use printable text only",
        "ko": "{value!r}에 제어 문자가 있습니다. 출력 가능한 문자만 쓰세요",
    },
    "choice": {
        "en": "{value!r} is not one of {choices}; use one of them",
        "ko": "{value!r}은(는) {choices} 중 하나가 아닙니다. 이 중 하나를 쓰세요",
    },
    "slug_format": {
        "en": "{value!r} is not a valid package name; use lower-case letters, digits and _ "
        "starting with a letter, e.g. {suggestion}",
        "ko": "{value!r}은(는) 올바른 패키지 이름이 아닙니다. 소문자로 시작하는 소문자, 숫자, _ 만 쓰세요 "
        "(예: {suggestion})",
    },
    "slug_length": {
        "en": "{value!r} is longer than {limit} characters; shorten it, e.g. {suggestion}",
        "ko": "{value!r}이(가) {limit}자보다 깁니다. 더 짧게 쓰세요 (예: {suggestion})",
    },
    "slug_keyword": {
        "en": "{value!r} is a Python keyword; choose another name, e.g. {suggestion}",
        "ko": "{value!r}은(는) 파이썬 예약어입니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "slug_shadows_stdlib": {
        "en": "{value!r} would shadow the standard library module {value}; choose another name, e.g. {suggestion}",
        "ko": "{value!r}은(는) 표준 라이브러리 모듈 {value}을(를) 가립니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "slug_shadows_dependency": {
        "en": "{value!r} would shadow the module {value} of a package the project depends on; choose another "
        "name, e.g. {suggestion}",
        "ko": "{value!r}은(는) 프로젝트가 쓰는 패키지의 모듈 {value}을(를) 가립니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "slug_reserved": {
        "en": "{value!r} is reserved by Django or the starter project; choose another name, e.g. {suggestion}",
        "ko": "{value!r}은(는) Django나 시작 프로젝트가 쓰는 이름입니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "port_type": {
        "en": "{value!r} is not a whole number; use a port from 1 to 65535, e.g. 8000",
        "ko": "{value!r}은(는) 정수가 아닙니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)",
    },
    "not_text": {
        "en": "read {value} ({kind}), not text; write the value in quotes",
        "ko": "{value} ({kind})을(를) 읽었습니다. 텍스트가 아닙니다. 값을 따옴표로 감싸 쓰세요",
    },
    "not_applicable": {
        "en": "{value!r} does not apply to {database}, which has no server; leave database_version out",
        "ko": "{value!r}은(는) 서버가 없는 {database}에는 해당하지 않습니다. database_version 을 빼세요",
    },
    "port_range": {
        "en": "{value} is out of range; use a port from 1 to 65535, e.g. 8000",
        "ko": "{value}은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)",
    },
    "port_privileged": {
        "en": "{value} is below 1024; binding it on the host may need administrator rights",
        "ko": "{value}은(는) 1024보다 작습니다. 호스트에서 이 포트를 쓰려면 관리자 권한이 필요할 수 있습니다",
    },
    "python_django": {
        "en": "Django {django} supports Python {low} to {high}, not {python}; "
        "pick a Python in that range or another Django version",
        "ko": "Django {django}은(는) 파이썬 {low}~{high}을(를) 지원하며 {python}은(는) 지원하지 않습니다. "
        "이 범위의 파이썬이나 다른 Django 버전을 고르세요",
    },
    "db_version": {
        "en": "{value!r} is not an offered {database} version; use one of {choices}",
        "ko": "{value!r}은(는) 제공되는 {database} 버전이 아닙니다. {choices} 중 하나를 쓰세요",
    },
    "time_zone": {
        "en": "{value!r} is not a known time zone; use an IANA name such as UTC or Asia/Seoul",
        "ko": "{value!r}은(는) 알 수 없는 시간대입니다. UTC나 Asia/Seoul 같은 IANA 이름을 쓰세요",
    },
    "feature_bool": {
        "en": "read {value} ({kind}), not a yes/no value; write true or false",
        "ko": "{value} ({kind})을(를) 읽었습니다. 예/아니오 값이 아닙니다. true 나 false 를 쓰세요",
    },
    "feature_requires": {
        "en": "the {feature} feature needs {needed}; add {needed} too ({key}=y, --with {needed}) or leave {feature} out",
        "ko": "{feature} 기능에는 {needed} 이(가) 필요합니다. {needed} 도 고르거나 ({key}=y, --with {needed}) {feature} 를 빼세요",
    },
    "feature_excludes": {
        "en": "the {feature} feature cannot go with {other}; leave one of them out",
        "ko": "{feature} 기능은 {other} 와(과) 함께 쓸 수 없습니다. 둘 중 하나를 빼세요",
    },
    "unknown_field": {
        "en": "unknown answer; known answers are {fields}",
        "ko": "알 수 없는 항목입니다. 쓸 수 있는 항목은 {fields} 입니다",
    },
}


#: How a refused non-text value is described in ``not_text``.
KINDS: dict[str, dict[str, str]] = {
    "null": {"en": "an empty value", "ko": "빈 값"},
    "bool": {"en": "a yes/no value", "ko": "예/아니오 값"},
    "number": {"en": "a number", "ko": "숫자"},
    "list": {"en": "a list", "ko": "목록"},
    "mapping": {"en": "a mapping", "ko": "매핑"},
    "other": {"en": "not text", "ko": "텍스트가 아닌 값"},
    "text": {"en": "text", "ko": "텍스트"},
}
