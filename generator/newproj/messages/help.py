"""``--help`` in the interface language: one catalogue of help texts, English and Korean.

A command's texts are entries of :data:`HELP`; a command module passes ``help_text(key)`` to typer.

``help_text(key)`` returns the English text (what typer stores). When ``newproj`` runs with
``--lang ko`` or a Korean locale, :func:`newproj.cli.app.main` calls :func:`translate` on the click
command tree, which swaps every text that came from the catalogue for its Korean one.
"""

from __future__ import annotations

from typing import Any

from newproj.messages import lookup

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
    "default.django_version": {
        "en": "Default: the newest that supports the chosen --python ({newest} for {python}). {lts} is the long-term support release.",
        "ko": "기본값: 고른 --python 을 지원하는 가장 새 버전 ({python} 이면 {newest}). {lts} 는 장기 지원(LTS) 버전입니다.",
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
    "update.default": {
        "en": "Default: the recorded answer (.cruft.json), kept.",
        "ko": "기본값: 기록된 답(.cruft.json)을 그대로 씁니다.",
    },
    "update.default_database_version": {
        "en": "Default: the recorded answer (.cruft.json), kept; with another --database, the first of that database.",
        "ko": "기본값: 기록된 답(.cruft.json)을 그대로 씁니다. --database 를 바꾸면 그 데이터베이스의 첫 번째.",
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
    "serve": {
        "en": "Serve the page and the HTTP API that make projects (needs newproj's optional web extra).",
        "ko": "프로젝트를 만드는 웹 페이지와 HTTP API를 띄웁니다 (newproj 의 선택 기능 web 필요).",
    },
    "serve.host": {
        "en": "Address to listen on; 0.0.0.0 for every interface, as in a container. Default: 127.0.0.1.",
        "ko": "받을 주소. 모든 인터페이스는 0.0.0.0 (컨테이너 안에서처럼). 기본값: 127.0.0.1.",
    },
    "serve.port": {"en": "Port to listen on. Default: 8080.", "ko": "받을 포트. 기본값: 8080."},
    "doctor": {
        "en": "Check this machine (and the project) for what it takes to run; change nothing. "
        "Exit 5 when something needs fixing.",
        "ko": "이 컴퓨터(와 프로젝트)가 실행할 준비가 됐는지 점검합니다. 아무것도 바꾸지 않습니다. "
        "고칠 것이 있으면 종료 코드 5.",
    },
    "doctor.project_dir": {
        "en": "A generated project to check too (default: the current folder).",
        "ko": "함께 점검할 생성된 프로젝트 (기본값: 현재 폴더).",
    },
    "update": {
        "en": "Take new answers or the installed template into a project, merged three ways.",
        "ko": "새 답이나 설치된 템플릿을 프로젝트에 3-way 병합으로 가져옵니다.",
    },
    "update.directory": {
        "en": "The project to update (default: the current folder).",
        "ko": "업데이트할 프로젝트 (기본값: 지금 폴더).",
    },
    "update.no_input": {
        "en": "Ask nothing; keep the recorded answers not given as flags.",
        "ko": "아무것도 묻지 않습니다. 플래그로 주지 않은 답은 기록된 값을 씁니다.",
    },
    "update.dry_run": {
        "en": "Print the unified diff the update would apply; write nothing.",
        "ko": "적용할 unified diff 를 출력하고 아무것도 쓰지 않습니다.",
    },
    "features.with": {
        "en": "Features to add, comma-separated or repeated ({listing}). Default: {defaults}. "
        "A feature brings what it needs (worker brings redis).",
        "ko": "더할 기능, 쉼표로 나누거나 여러 번 ({listing}). 기본값: {defaults}. "
        "기능에 필요한 것도 함께 더합니다 (worker 는 redis 를).",
    },
    "features.with_recorded": {
        "en": "Features to add, comma-separated or repeated ({listing}). "
        "Default: the recorded features (.cruft.json), kept. A feature brings what it needs (worker brings redis).",
        "ko": "더할 기능, 쉼표로 나누거나 여러 번 ({listing}). 기본값: 기록된 기능(.cruft.json)을 그대로 씁니다. "
        "기능에 필요한 것도 함께 더합니다 (worker 는 redis 를).",
    },
    "features.without": {
        "en": "Features to leave out, comma-separated or repeated (the ids of --with).",
        "ko": "뺄 기능, 쉼표로 나누거나 여러 번 (--with 의 이름).",
    },
    "features.minimal": {
        "en": "No feature: Dockerfile, compose file, Django code, README, ignore and attribute files "
        "(add some back with --with).",
        "ko": "기능 없이: Dockerfile, compose 파일, Django 코드, README, ignore 와 attributes 파일 "
        "(--with 로 몇 가지를 다시 더할 수 있습니다).",
    },
    "update.allow_dirty": {
        "en": "Update even when the git work tree has uncommitted changes.",
        "ko": "git 작업 트리에 커밋하지 않은 변경이 있어도 업데이트합니다.",
    },
    "update.yes": {
        "en": "On a terminal, update without showing the summary and asking to confirm.",
        "ko": "터미널에서 요약을 보여 주고 확인을 묻는 단계 없이 업데이트합니다.",
    },
}

#: Texts click and typer write themselves (their English is click's and typer's own).
BUILT_IN: dict[str, dict[str, str]] = {
    "help_option": {"en": "Show this message and exit.", "ko": "이 도움말을 보여 주고 끝냅니다."},
    "install_completion": {
        "en": "Install completion for the current shell.",
        "ko": "지금 셸에 자동 완성을 설치합니다.",
    },
    "show_completion": {
        "en": "Show completion for the current shell, to copy it or customize the installation.",
        "ko": "지금 셸의 자동 완성 스크립트를 보여 줍니다 (복사하거나 설치를 바꿀 때).",
    },
}
#: The titles of typer's help panels, by the name typer keeps each under (English as typer's own).
PANEL_TITLES: dict[str, dict[str, str]] = {
    "ARGUMENTS_PANEL_TITLE": {"en": "Arguments", "ko": "인자"},
    "OPTIONS_PANEL_TITLE": {"en": "Options", "ko": "옵션"},
    "COMMANDS_PANEL_TITLE": {"en": "Commands", "ko": "명령"},
}
#: click's English -> Korean, for :func:`translate`.
_BUILT_IN_KO = {texts["en"]: texts["ko"] for texts in BUILT_IN.values()}

#: English text -> its Korean text, for every text handed out by :func:`help_text`.
_HANDED_OUT: dict[str, str] = {}


def help_text(key: str, lang: str = "en", **params: Any) -> str:
    """The help text ``key`` in ``lang``; typer is handed the English one (the default).

    A parameter may differ by language: give it as ``{"en": ..., "ko": ...}``.
    """

    def formatted(language: str) -> str:
        return lookup(HELP, key, language, **{k: v[language] if isinstance(v, dict) else v for k, v in params.items()})

    english = formatted("en")
    _HANDED_OUT[english] = formatted("ko")
    return english if lang == "en" else _HANDED_OUT[english]


def joined(*texts: str) -> str:
    """Several help texts as one (each translated on its own: keeps :func:`translate` working)."""
    english = " ".join(texts)
    _HANDED_OUT[english] = " ".join(_HANDED_OUT.get(text, text) for text in texts)
    return english


def translate(command: Any, lang: str) -> None:
    """Swap the help of ``command`` (a click command or group), its options and subcommands into ``lang``
    (the panel titles are :func:`panel_titles`' business, when help is shown)."""
    if lang == "en":
        return
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text in _HANDED_OUT:
            setattr(command, attribute, _HANDED_OUT[text])
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if text in _HANDED_OUT or text in _BUILT_IN_KO:
            param.help = _HANDED_OUT.get(text) or _BUILT_IN_KO[text]
    _translate_help_option(command)
    for sub in getattr(command, "commands", {}).values():
        translate(sub, lang)


_ENGLISH_PANELS: dict[str, str] = {}


def panel_titles(lang: str) -> None:
    """typer draws its help panels with module-level titles: set them for this run (English restored).

    Call it on every run: unlike the command's own texts, the titles are shared by the whole process.
    """
    wrap_wide_text()
    try:
        from typer import rich_utils
    except ImportError:  # typer without rich: plain click help, no panels
        return
    for name, titles in PANEL_TITLES.items():
        _ENGLISH_PANELS.setdefault(name, getattr(rich_utils, name))
        setattr(rich_utils, name, titles["ko"] if lang == "ko" else _ENGLISH_PANELS[name])


def wrap_wide_text() -> None:
    """Let rich wrap text with wide characters (Hangul) without cutting it.

    When rich wraps a line it drops the spaces that stick out past the width, but it measures the
    line in characters (``Text.rstrip_end``), not in terminal cells: a Korean line whose trailing
    space sticks out keeps it, and the table then shortens the line with "…", losing its last
    syllable. Measured in cells, the space goes and every character stays. Only trailing spaces
    are affected, so English help renders exactly as before.
    """
    try:
        from rich.cells import cell_len
        from rich.text import Text
    except ImportError:  # typer without rich: click wraps plain text itself
        return
    if getattr(Text.rstrip_end, "_newproj_cells", False):
        return

    def rstrip_end(self: Any, size: int) -> None:
        excess = cell_len(self.plain) - size
        if excess > 0:
            spaces = len(self.plain) - len(self.plain.rstrip())
            if spaces:
                self.right_crop(min(spaces, excess))

    rstrip_end._newproj_cells = True  # type: ignore[attr-defined]
    Text.rstrip_end = rstrip_end  # type: ignore[method-assign]


def _translate_help_option(command: Any) -> None:
    """click makes ``--help`` itself, when help is asked for: translate it as it is made."""
    make = getattr(command, "get_help_option", None)
    if make is None:
        return

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None and option.help in _BUILT_IN_KO:
            option.help = _BUILT_IN_KO[option.help]
        return option

    command.get_help_option = get_help_option
