"""``--help`` in the interface language: one catalogue of help texts, English and Korean.

How a command module uses it (``init``, ``doctor``, ``update``)::

    from newproj.helptext import define_help, help_text

    define_help("doctor.json", en="Print one JSON document on stdout.", ko="표준 출력에 JSON 문서 하나를 씁니다.")

    @app.command(help=help_text("doctor"), epilog=help_text("exit_codes"))
    def doctor(json_output: Annotated[bool, typer.Option("--json", help=help_text("doctor.json"))] = False): ...

``help_text(key)`` returns the English text (what typer stores). When ``newproj`` runs with
``--lang ko`` or a Korean locale, :func:`newproj.cli.main` calls :func:`translate` on the click
command tree, which swaps every text that came from the catalogue for its Korean one.
"""

from __future__ import annotations

from typing import Any

from newproj.errors import ExitCode

HELP: dict[str, dict[str, str]] = {
    "app": {
        "en": "Generate a Django project that runs in Docker on the first try.",
        "ko": "처음부터 Docker에서 바로 도는 Django 프로젝트를 만듭니다.",
    },
    "root": {
        "en": "newproj: Django + Docker project scaffolding. Run `newproj init` to start.",
        "ko": "newproj: Django + Docker 프로젝트 뼈대 생성기. `newproj init` 으로 시작하세요.",
    },
    "version": {"en": "Show the version and exit.", "ko": "버전을 보여 주고 끝냅니다."},
    "init": {
        "en": "Ask the questions (or take flags) and generate the project.",
        "ko": "질문에 답하거나 플래그로 값을 주고 프로젝트를 만듭니다.",
    },
    "init.directory": {
        "en": "Folder to create (default: ./<project slug>).",
        "ko": "만들 폴더 (기본값: ./<패키지 이름>).",
    },
    "init.field": {"en": "{label} ({name}).", "ko": "{label} ({name})."},
    "init.choices": {"en": "One of: {choices}.", "ko": "고를 수 있는 값: {choices}."},
    "init.default": {"en": "Default: {default}.", "ko": "기본값: {default}."},
    "default.project_slug": {
        "en": "Default: derived from the project name.",
        "ko": "기본값: 프로젝트 이름에서 만듭니다.",
    },
    "default.database_version": {
        "en": "Default: the first of its database ({defaults}).",
        "ko": "기본값: 데이터베이스마다 첫 번째 ({defaults}).",
    },
    "default.language": {"en": "Default: --lang.", "ko": "기본값: --lang."},
    "default.time_zone": {
        "en": "Default: Asia/Seoul for a Korean project, else UTC.",
        "ko": "기본값: 한국어 프로젝트는 Asia/Seoul, 그 밖에는 UTC.",
    },
    "choices.database_version": {
        "en": "One of: {choices}; none for sqlite.",
        "ko": "고를 수 있는 값: {choices}. sqlite 에는 없습니다.",
    },
    "init.answers": {
        "en": "YAML or JSON file of answers; flags override it.",
        "ko": "답을 담은 YAML 또는 JSON 파일. 플래그가 파일보다 우선합니다.",
    },
    "init.no_input": {
        "en": "Ask nothing; take defaults for the rest.",
        "ko": "아무것도 묻지 않고 나머지는 기본값을 씁니다.",
    },
    "init.yes": {"en": "Write without the confirmation question.", "ko": "확인 질문 없이 씁니다."},
    "init.dry_run": {
        "en": "Show the answers and files; write nothing.",
        "ko": "답과 파일 목록만 보여 주고 아무것도 쓰지 않습니다.",
    },
    "json": {"en": "Print one JSON document on stdout.", "ko": "표준 출력에 JSON 문서 하나를 씁니다."},
    "init.force": {
        "en": "Write into a non-empty folder (overwrites template files only).",
        "ko": "비어 있지 않은 폴더에 씁니다 (템플릿 파일만 덮어씁니다).",
    },
    "lang": {
        "en": "Interface language: en or ko (default: from the locale).",
        "ko": "화면 언어: en 또는 ko (기본값: 로캘에서).",
    },
    "debug": {
        "en": "Show the traceback of an unexpected error.",
        "ko": "예상하지 못한 오류의 traceback 을 보여 줍니다.",
    },
    "exit_codes": {"en": "Exit codes: {codes}", "ko": "종료 코드: {codes}"},
}

#: Texts click and typer write themselves, and the titles of typer's help panels.
BUILT_IN = {
    "Show this message and exit.": "이 도움말을 보여 주고 끝냅니다.",
    "Install completion for the current shell.": "지금 셸에 자동 완성을 설치합니다.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "지금 셸의 자동 완성 스크립트를 보여 줍니다 (복사하거나 설치를 바꿀 때)."
    ),
}
PANEL_TITLES = {
    "ARGUMENTS_PANEL_TITLE": "인자",
    "OPTIONS_PANEL_TITLE": "옵션",
    "COMMANDS_PANEL_TITLE": "명령",
}

#: English text -> its Korean text, for every text handed out by :func:`help_text`.
_HANDED_OUT: dict[str, str] = {}


def define_help(key: str, *, en: str, ko: str) -> None:
    """Add a help text to the catalogue (for command modules that bring their own)."""
    HELP[key] = {"en": en, "ko": ko}


def help_text(key: str, lang: str = "en", **params: Any) -> str:
    """The help text ``key`` in ``lang``; typer is handed the English one (the default).

    A parameter may differ by language: give it as ``{"en": ..., "ko": ...}``.
    """
    texts = HELP[key]

    def formatted(language: str) -> str:
        values = {k: v[language] if isinstance(v, dict) else v for k, v in params.items()}
        return texts[language].format(**values)

    english = formatted("en")
    _HANDED_OUT[english] = formatted("ko")
    return english if lang == "en" else _HANDED_OUT[english]


def joined(*texts: str) -> str:
    """Several help texts as one (each translated on its own: keeps :func:`translate` working)."""
    english = " ".join(texts)
    _HANDED_OUT[english] = " ".join(_HANDED_OUT.get(text, text) for text in texts)
    return english


def exit_codes_help() -> str:
    """``Exit codes: 0 ok, 1 unexpected, ...`` (the code names stay English: they are identifiers)."""
    codes = ", ".join(f"{code.value} {code.name.lower().replace('_', ' ')}" for code in ExitCode)
    return help_text("exit_codes", codes=codes)


def translate(command: Any, lang: str) -> None:
    """Swap the help of ``command`` (a click command or group), its options and subcommands into ``lang``."""
    panel_titles(lang)
    if lang == "en":
        return
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text in _HANDED_OUT:
            setattr(command, attribute, _HANDED_OUT[text])
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if text in _HANDED_OUT or text in BUILT_IN:
            param.help = _HANDED_OUT.get(text) or BUILT_IN[text]
    _translate_help_option(command)
    for sub in getattr(command, "commands", {}).values():
        translate(sub, lang)


_ENGLISH_PANELS: dict[str, str] = {}


def panel_titles(lang: str) -> None:
    """typer draws its help panels with module-level titles: set them for this run (English restored).

    Call it on every run: unlike the command's own texts, the titles are shared by the whole process.
    """
    try:
        from typer import rich_utils
    except ImportError:  # typer without rich: plain click help, no panels
        return
    for name, title in PANEL_TITLES.items():
        _ENGLISH_PANELS.setdefault(name, getattr(rich_utils, name))
        setattr(rich_utils, name, title if lang == "ko" else _ENGLISH_PANELS[name])


def _translate_help_option(command: Any) -> None:
    """click makes ``--help`` itself, when help is asked for: translate it as it is made."""
    make = getattr(command, "get_help_option", None)
    if make is None:
        return

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None and option.help in BUILT_IN:
            option.help = BUILT_IN[option.help]
        return option

    command.get_help_option = get_help_option
