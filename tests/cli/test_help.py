"""`--no-input`, `--help` and `--version`: what a first run prints."""

from __future__ import annotations

from pathlib import Path

import newproj
import pytest
from clikit import DEFAULTS, SLUG, Run, one_json

# --- --no-input, --help, --version ------------------------------------------------------


def test_no_input_takes_the_defaults(cli: Run, workdir: Path) -> None:
    result = cli("init", "--no-input", "--json")
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"] == DEFAULTS
    assert (workdir / SLUG / "manage.py").is_file()


def test_no_input_prints_what_was_done_and_next_steps(cli: Run, workdir: Path) -> None:
    result = cli("init", "--no-input")
    assert result.code == 0, result.err
    count = sum(1 for p in (workdir / SLUG).rglob("*") if p.is_file())
    assert result.out_lines == [
        f"Created {SLUG} ({count} files).",
        "Next steps:",
        f"  cd {SLUG}",
        "  docker compose up --build",
        "  open http://localhost:8000/",
    ]


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert (result.code, result.out, result.err) == (0, f"newproj {newproj.__version__}\n", "")


@pytest.mark.parametrize("args", [("--help",), ("init", "--help")], ids=["newproj", "init"])
def test_help_lists_the_exit_codes(cli: Run, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.code == 0
    text = " ".join(result.out.split())
    assert (
        "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 target exists, 4 conflicts, "
        "5 doctor found problems, 6 cannot write, 130 interrupted"
    ) in text


def test_help_of_newproj_lists_init(cli: Run) -> None:
    result = cli("--help")
    assert "init" in result.out and "--version" in result.out


def test_bare_newproj_shows_help_without_an_empty_error(cli: Run) -> None:
    result = cli()
    assert "Usage: newproj" in result.out
    assert result.err == ""


# --- --help shows the model's choices and defaults, in the interface language ---------------------


def help_rows(cli: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    """The help's lines, drawn wide enough that no row wraps, without the panel borders."""
    monkeypatch.setenv("COLUMNS", "300")
    result = cli(*args)
    assert (result.code, result.err) == (0, "")
    return [" ".join(line.strip(" │╭╮╰╯─").split()) for line in result.out_lines]


@pytest.mark.parametrize(
    ("flag", "row"),
    [
        (
            "--python",
            "--python [3.10|3.11|3.12|3.13|3.14|3.15] Python version (python_version). "
            "One of: 3.10, 3.11, 3.12, 3.13, 3.14, 3.15. Default: 3.13.",
        ),
        (
            "--django",
            "--django [5.2|6.1] Django version (django_version). One of: 5.2, 6.1. "
            "Default: the newest that supports the chosen --python (6.1 for 3.13). "
            "5.2 is the long-term support release.",
        ),
        (
            "--database",
            "--database [postgresql|sqlite|mysql|mariadb] Database (database). "
            "One of: postgresql, sqlite, mysql, mariadb. Default: postgresql.",
        ),
        (
            "--database-version",
            "--database-version <str> Database server version (database_version). "
            "One of: postgresql: 16, 17, 18; mysql: 8.4; mariadb: 10.11, 11.4, 11.8; none for sqlite. "
            "Default: the first of its database (postgresql 17, mysql 8.4, mariadb 11.8).",
        ),
        ("--port", "--port <str> Port (port). Default: 8000."),
        (
            "--project-language",
            "--project-language [en|ko] Project language (language). One of: en, ko. Default: --lang.",
        ),
    ],
    ids=lambda v: v if v.startswith("--") else "",
)
def test_init_help_shows_choices_and_defaults_from_the_model(
    cli: Run, monkeypatch: pytest.MonkeyPatch, flag: str, row: str
) -> None:
    assert row in help_rows(cli, monkeypatch, "init", "--help")


def test_help_lists_the_exit_codes_on_one_line(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 target exists, 4 conflicts, 5 doctor found problems, "
        "6 cannot write, 130 interrupted"
    ) in help_rows(cli, monkeypatch, "init", "--help")


KOREAN_ROWS = [
    "질문에 답하거나 플래그로 값을 주고 프로젝트를 만듭니다.",
    "--database [postgresql|sqlite|mysql|mariadb] 데이터베이스 (database). "
    "고를 수 있는 값: postgresql, sqlite, mysql, mariadb. 기본값: postgresql.",
    "--dry-run 답과 파일 목록만 보여 주고 아무것도 쓰지 않습니다.",
    "--help 이 도움말을 보여 주고 끝냅니다.",
    "종료 코드: 0 ok, 1 unexpected, 2 usage, 3 target exists, 4 conflicts, 5 doctor found problems, "
    "6 cannot write, 130 interrupted",
]


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("init", "--help", "--lang", "ko"), None),
        (("--lang", "ko", "init", "--help"), None),
        (("init", "--help"), "ko_KR.UTF-8"),
    ],
    ids=["init --lang ko", "newproj --lang ko init", "LANG=ko_KR"],
)
def test_init_help_in_korean(
    cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], env: str | None
) -> None:
    if env:
        monkeypatch.setenv("LANG", env)
    rows = help_rows(cli, monkeypatch, *args)
    assert [row for row in KOREAN_ROWS if row not in rows] == []
    assert "╭─ 옵션 " in cli(*args).out


def test_newproj_help_in_korean(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = help_rows(cli, monkeypatch, "--lang", "ko", "--help")
    assert "newproj: Django + Docker 프로젝트 뼈대 생성기. `newproj init` 으로 시작하세요." in rows
    assert "--version 버전을 보여 주고 끝냅니다." in rows


def test_english_help_after_korean_help_in_the_same_process(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    help_rows(cli, monkeypatch, "init", "--help", "--lang", "ko")
    rows = help_rows(cli, monkeypatch, "init", "--help")
    assert "--dry-run Show the answers and files; write nothing." in rows
    assert "--help Show this message and exit." in rows
    assert "╭─ Options " in cli("init", "--help").out


def test_every_help_text_of_every_command_has_korean() -> None:
    """The catalogue covers every command and option (doctor and update included once they register)."""
    import typer
    from newproj.cli.app import app
    from newproj.messages.help import translate

    command = typer.main.get_command(app)
    translate(command, "ko")
    untranslated = []
    for sub in [command, *command.commands.values()]:  # type: ignore[attr-defined]
        for text in [sub.help, *(p.help for p in sub.params if getattr(p, "help", None))]:
            if text and not any("\uac00" <= ch <= "\ud7a3" for ch in text):
                untranslated.append(f"{sub.name}: {text}")
    assert untranslated == []


# --- wide characters wrap, never cut ---------------------------------------------------------------

WIDTHS = (70, 80, 100, 120, 160)


def _help_texts(lang: str, name: str) -> list[str]:
    """Every text the help of ``name`` ("" for newproj itself) shows, in ``lang``, from the command tree."""
    from newproj.cli.app import _command

    root = _command(lang)
    command = root.commands[name] if name else root
    texts = [command.help, command.epilog]
    texts += [param.help for param in command.params if getattr(param, "help", None)]
    return [text for text in texts if text]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["", "init", "update", "doctor"])
def test_every_word_of_every_help_text_is_shown_at_any_width(
    cli: Run, monkeypatch: pytest.MonkeyPatch, width: int, lang: str, name: str
) -> None:
    """Help wraps Korean as it wraps English: no word is cut short ("고를  …" lost 수) or dropped."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*([name] if name else []), "--help", "--lang", lang)
    assert (result.code, result.err) == (0, "")
    assert "…" not in result.out
    assert max(len(line) for line in result.out_lines) <= width  # cells, for ASCII-only lines
    shown = result.out.split()
    missing = [word for text in _help_texts(lang, name) for word in text.split() if word not in shown]
    assert missing == []
