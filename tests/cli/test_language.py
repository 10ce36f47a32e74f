"""The interface language (`--lang`, the locale) and the project language."""

from __future__ import annotations

from pathlib import Path

import pytest
from clikit import SLUG, Run, assert_one_error, one_json, write

# --- the interface language ------------------------------------------------------------


def korean_done(count: int, port: int = 8000) -> list[str]:
    return [
        f"{SLUG} 을(를) 만들었습니다 (파일 {count}개).",
        "다음 단계:",
        f"  cd {SLUG}",
        "  docker compose up --build",
        f"  http://localhost:{port}/ 열기",
    ]


def test_lang_ko(cli: Run, workdir: Path) -> None:
    result = cli("init", "--no-input", "--lang", "ko")
    assert result.code == 0, result.err
    count = sum(1 for p in (workdir / SLUG).rglob("*") if p.is_file())
    assert result.out_lines == korean_done(count)


def test_korean_locale(cli: Run, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    result = cli("init", "--no-input")
    assert result.code == 0, result.err
    count = sum(1 for p in (workdir / SLUG).rglob("*") if p.is_file())
    assert result.out_lines == korean_done(count)


def test_konkani_locale_is_not_korean(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "kok_IN")
    result = cli("init", "--no-input", "--port", "0")
    assert_one_error(result, "error: --port: 0 is out of range; use a port from 1 to 65535, e.g. 8000", 2)


def test_lang_flag_beats_the_locale(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    result = cli("init", "--no-input", "--lang", "en", "--dry-run")
    assert result.out_lines[-1] == "dry run: nothing was written"


@pytest.mark.parametrize("how", ["flag", "flag=", "locale"])
def test_korean_error_line(cli: Run, workdir: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    args = {"flag": ["--lang", "ko"], "flag=": ["--lang=ko"], "locale": []}[how]
    if how == "locale":
        monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    result = cli("init", "--no-input", "--port", "0", *args)
    assert_one_error(
        result, "error: --port: 0은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)", 2
    )
    assert list(workdir.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("--bogus",), "error: --bogus 이라는 옵션은 없습니다. newproj init --help 로 옵션을 확인하세요"),
        (("--port",), "error: --port 에 값이 필요합니다 (예: --port 값). newproj init --help 를 참고하세요"),
    ],
    ids=["unknown-option", "option-without-value"],
)
def test_typer_usage_errors_in_korean(cli: Run, args: tuple[str, ...], line: str) -> None:
    result = cli("init", "--no-input", "--lang", "ko", *args)
    assert (result.code, result.err_lines) == (2, [line])


def test_korean_target_exists(cli: Run, workdir: Path) -> None:
    (workdir / "site1").mkdir()
    (workdir / "site1" / "keep.txt").write_text("mine", encoding="utf-8")
    result = cli("init", "--no-input", "--lang", "ko", "site1")
    assert_one_error(
        result,
        f"error: {workdir / 'site1'} 폴더가 이미 있고 비어 있지 않습니다. 다른 폴더를 고르거나 --force 로 그 안에 쓰세요",
        3,
    )


@pytest.mark.parametrize(
    ("args", "env_lang", "language", "time_zone"),
    [
        ((), "C.UTF-8", "en", "UTC"),
        (("--lang", "ko"), "C.UTF-8", "ko", "Asia/Seoul"),
        ((), "ko_KR.UTF-8", "ko", "Asia/Seoul"),
        (("--lang", "ko", "--project-language", "en"), "C.UTF-8", "en", "UTC"),
        (("--lang", "en", "--project-language", "ko"), "ko_KR.UTF-8", "ko", "Asia/Seoul"),
    ],
    ids=["english", "lang-ko", "locale-ko", "ko-ui-en-project", "en-ui-ko-project"],
)
def test_project_language_defaults_to_the_interface_language(
    cli: Run,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env_lang: str,
    language: str,
    time_zone: str,
) -> None:
    monkeypatch.setenv("LANG", env_lang)
    result = cli("init", "--no-input", "--dry-run", "--json", *args)
    assert result.code == 0, result.err
    answers = one_json(result.out)["answers"]
    assert (answers["language"], answers["time_zone"]) == (language, time_zone)


def test_project_language_from_the_answers_file_beats_the_interface(cli: Run, workdir: Path) -> None:
    write(workdir / "team.yml", "language: en\n")
    result = cli("init", "--answers", "team.yml", "--lang", "ko", "--no-input", "--dry-run", "--json")
    assert one_json(result.out)["answers"]["language"] == "en"


# --- one rule for --lang, before the command or after it -----------------------------------


@pytest.mark.parametrize("command", [["init", "--no-input"], ["update"], ["doctor"]])
@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("value", ["", "fr"])
def test_a_bad_lang_is_refused_wherever_it_stands(
    cli: Run, workdir: Path, command: list[str], where: str, value: str
) -> None:
    """``--lang=`` (empty) is a value like any other: refused before the command and after it."""
    args = ["--lang=" + value, *command] if where == "before" else [*command, "--lang=" + value]
    result = cli(*args)
    assert_one_error(result, f"error: --lang {value!r} is not supported; use en or ko", 2)
    assert list(workdir.iterdir()) == []


@pytest.mark.parametrize("command", ["update", "doctor"])
def test_lang_before_any_command_is_its_interface_language(cli: Run, workdir: Path, command: str) -> None:
    result = cli("--lang", "ko", command, str(workdir / "nope"))
    assert result.code == 2
    assert "폴더가 아닙니다" in result.err
