"""What ``init`` and every command say (errors, notes, the interactive flow), and the interface language.

The interface language comes from ``--lang`` or, failing that, from the locale
(``LANG=ko_KR.UTF-8`` gives Korean). :func:`newproj.messages.t` formats a message.
"""

from __future__ import annotations

import os
import re
import unicodedata

LANGUAGES = ("en", "ko")

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "unexpected": {
        "en": "unexpected error: {detail}; rerun with --debug for the traceback",
        "ko": "예상하지 못한 오류: {detail}. --debug 를 붙여 다시 실행하면 자세한 내용이 나옵니다",
    },
    "invalid_answer": {"en": "invalid answer", "ko": "잘못된 답"},
    "target_exists": {
        "en": "{path} exists and is not empty; choose another folder or pass --force to write into it",
        "ko": "{path} 폴더가 이미 있고 비어 있지 않습니다. 다른 폴더를 고르거나 --force 로 그 안에 쓰세요",
    },
    "target_not_dir": {
        "en": "{path} exists and is not a folder; choose another path",
        "ko": "{path} 은(는) 폴더가 아닙니다. 다른 경로를 고르세요",
    },
    "target_under_file": {
        "en": "{parent} is a file, so no folder {path} can be made under it; choose another path",
        "ko": "{parent} 은(는) 파일이라 그 아래에 {path} 폴더를 만들 수 없습니다. 다른 경로를 고르세요",
    },
    "target_name_too_long": {
        "en": "the name {name} is {length} bytes long, more than this file system allows ({limit}); "
        "choose a shorter name",
        "ko": "이름 {name} 은(는) {length}바이트로, 이 파일 시스템이 허용하는 {limit}바이트보다 깁니다. "
        "더 짧은 이름을 고르세요",
    },
    "target_path_too_long": {
        "en": "the path {name} is {length} bytes long, more than this system allows ({limit}); "
        "choose a shorter path",
        "ko": "경로 {name} 은(는) {length}바이트로, 이 시스템이 허용하는 {limit}바이트보다 깁니다. "
        "더 짧은 경로를 고르세요",
    },
    "render_failed": {
        "en": "the template failed to render: {detail}; please report this with --debug output",
        "ko": "템플릿을 만들지 못했습니다: {detail}. --debug 출력과 함께 알려 주세요",
    },
    "write_failed": {
        "en": "could not write {path}: {detail}; check the folder's permissions and free space",
        "ko": "{path} 에 쓰지 못했습니다: {detail}. 폴더 권한과 남은 공간을 확인하세요",
    },
    "file_in_the_way": {
        "en": "{path} is a file where newproj needs a folder; move or rename it, then run the command again",
        "ko": "{path} 은(는) 파일인데 newproj 는 그 자리에 폴더가 필요합니다. 옮기거나 이름을 바꾼 뒤 다시 실행하세요",
    },
    "folder_in_the_way": {
        "en": "{path} is a folder where newproj writes a file; move or rename it, then run the command again",
        "ko": "{path} 은(는) 폴더인데 newproj 는 그 자리에 파일을 씁니다. 옮기거나 이름을 바꾼 뒤 다시 실행하세요",
    },
    "interrupted": {"en": "interrupted; nothing was written", "ko": "중단했습니다. 아무것도 쓰지 않았습니다"},
    "no_tty": {
        "en": "no terminal to ask {fields} on; pass them as flags ({flags}), use --answers FILE, or --no-input "
        "for the defaults",
        "ko": "{fields} 을(를) 물어볼 터미널이 없습니다. 플래그({flags})로 주거나 --answers FILE, 기본값은 "
        "--no-input 을 쓰세요",
    },
    "unknown_feature": {
        "en": "{flag}: unknown feature {value!r}; known features are {known}",
        "ko": "{flag}: 알 수 없는 기능 {value!r} 입니다. 쓸 수 있는 기능은 {known} 입니다",
    },
    "feature_both": {
        "en": "{value} given to both --with and --without; keep it in one of them",
        "ko": "{value} 을(를) --with 와 --without 에 모두 주었습니다. 한쪽에만 쓰세요",
    },
    "features_title": {"en": "Features", "ko": "기능"},
    "features_hint": {
        "en": "(space toggles, Enter accepts)",
        "ko": "(스페이스로 고르고 Enter 로 확정)",
    },
    "features_none": {"en": "none", "ko": "없음"},
    "answers_file_missing": {
        "en": "{path}: no such answers file; check the path given to --answers",
        "ko": "{path}: 답 파일이 없습니다. --answers 에 준 경로를 확인하세요",
    },
    "answers_file_is_dir": {
        "en": "{path} is a folder; give --answers a YAML or JSON file",
        "ko": "{path} 은(는) 폴더입니다. --answers 에는 YAML 또는 JSON 파일을 주세요",
    },
    "answers_file_parse": {
        "en": "{path}: not valid YAML or JSON ({detail}); fix the file",
        "ko": "{path}: 올바른 YAML이나 JSON이 아닙니다 ({detail}). 파일을 고치세요",
    },
    "answers_file_shape": {
        "en": "{path}: expected a mapping of answer names to values; write one 'name: value' per line",
        "ko": "{path}: 항목 이름과 값의 매핑이어야 합니다. 한 줄에 'name: value' 하나씩 쓰세요",
    },
    "answers_file_notation": {
        "en": "{path}: {key}: YAML reads {written} as the number {value}, not as written; write it in decimal "
        "without a leading zero, or in quotes for text",
        "ko": "{path}: {key}: YAML 은 {written} 을(를) 숫자 {value} 로 읽습니다. 쓴 그대로가 아닙니다. "
        "앞에 0 이 없는 10진수로 쓰거나, 텍스트라면 따옴표로 감싸 쓰세요",
    },
    "answers_file_key": {
        "en": "{path}: unknown key {key!r}; known keys are {fields}",
        "ko": "{path}: 알 수 없는 키 {key!r}. 쓸 수 있는 키는 {fields} 입니다",
    },
    "no_such_option": {
        "en": "no such option: {option}; see {help} for the options",
        "ko": "{option} 이라는 옵션은 없습니다. {help} 로 옵션을 확인하세요",
    },
    "option_needs_value": {
        "en": "{option} needs a value, e.g. {option} VALUE; see {help}",
        "ko": "{option} 에 값이 필요합니다 (예: {option} 값). {help} 를 참고하세요",
    },
    "usage_error": {
        "en": "{detail} (see: {help})",
        "ko": "잘못된 사용법: {detail} ({help} 를 참고하세요)",
    },
    "bad_lang": {
        "en": "--lang {value!r} is not supported; use en or ko",
        "ko": "--lang {value!r} 은(는) 지원하지 않습니다. en 이나 ko 를 쓰세요",
    },
    # warnings and notes
    "warning": {"en": "warning: {text}", "ko": "경고: {text}"},
    "port_in_use": {
        "en": "port {port} is already in use on this machine; stop what uses it or pick another with --port",
        "ko": "포트 {port} 을(를) 이 컴퓨터에서 이미 쓰고 있습니다. 그 프로그램을 멈추거나 --port 로 다른 포트를 고르세요",
    },
    "files_replaced": {
        "en": "wrote over {count} file(s) that were there (--force): {files}",
        "ko": "원래 있던 파일 {count}개를 덮어썼습니다 (--force): {files}",
    },
    "files_would_be_replaced": {
        "en": "would write over {count} file(s) that are there (--force): {files}",
        "ko": "지금 있는 파일 {count}개를 덮어쓰게 됩니다 (--force): {files}",
    },
    "env_kept": {
        "en": "kept your existing .env (its secrets match your database volume)",
        "ko": "기존 .env 는 그대로 두었습니다 (비밀 값이 데이터베이스 볼륨과 맞아야 합니다)",
    },
    # interactive flow
    "summary_title": {
        "en": "newproj will create {path} with:",
        "ko": "newproj 가 {path} 에 다음으로 만듭니다:",
    },
    "summary_files": {"en": "Files ({count}):", "ko": "파일 ({count}개):"},
    "confirm": {"en": "Write these files?", "ko": "이 파일들을 쓸까요?"},
    "cancelled": {"en": "cancelled; nothing was written", "ko": "취소했습니다. 아무것도 쓰지 않았습니다"},
    "dry_run": {"en": "dry run: nothing was written", "ko": "시험 실행: 아무것도 쓰지 않았습니다"},
    "done": {"en": "Created {path} ({count} files).", "ko": "{path} 을(를) 만들었습니다 (파일 {count}개)."},
    "next_steps": {"en": "Next steps:", "ko": "다음 단계:"},
    "step_cd": {"en": "cd {path}", "ko": "cd {path}"},
    "step_up": {"en": "docker compose up --build", "ko": "docker compose up --build"},
    "step_open": {"en": "open http://localhost:{port}/", "ko": "http://localhost:{port}/ 열기"},
    "ask_choice_hint": {"en": "(arrow keys, Enter)", "ko": "(화살표 키, Enter)"},
    "db_sqlite": {"en": "file database, no server container", "ko": "파일 데이터베이스, 서버 컨테이너 없음"},
    "db_postgresql": {"en": "server in its own container (recommended)", "ko": "별도 컨테이너의 서버 (추천)"},
    "db_mysql": {"en": "server in its own container", "ko": "별도 컨테이너의 서버"},
    "db_mariadb": {"en": "server in its own container", "ko": "별도 컨테이너의 서버"},
    "lang_en": {"en": "English", "ko": "영어"},
    "lang_ko": {"en": "Korean", "ko": "한국어"},
    "django_5.2": {"en": "long-term support", "ko": "장기 지원(LTS)"},
    "django_6.1": {"en": "latest release", "ko": "최신 버전"},
    "default_marker": {"en": "default", "ko": "기본값"},
    "ask_blank": {
        "en": "only spaces: type a value, or erase them and press Enter for the default ({default})",
        "ko": "공백뿐입니다. 값을 입력하거나, 공백을 지우고 Enter 를 누르면 기본값({default})을 씁니다",
    },
    "ask_blank_no_default": {"en": "only spaces: type a value", "ko": "공백뿐입니다. 값을 입력하세요"},
    "ask_may_be_empty": {
        "en": "Enter alone keeps the default; a space and Enter leaves it empty",
        "ko": "Enter 만 누르면 기본값, 공백 하나와 Enter 는 빈 값",
    },
}


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Hangul and other wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def detect_language(explicit: str | None = None, environ: dict[str, str] | None = None) -> str:
    """``explicit`` when given, else the locale's language when it is Korean, else English."""
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "ko" if _locale_language(value) == "ko" else "en"
    return "en"


def _locale_language(value: str) -> str:
    """The language code of a locale name, ``language[_TERRITORY][.codeset][@modifier]`` (or a
    ``LANGUAGE`` list's first entry): ``ko_KR.UTF-8`` gives ``ko``, ``kok_IN`` (Konkani) ``kok``."""
    return re.split(r"[_.@:-]", value, maxsplit=1)[0].lower()
