"""`--answers FILE`: YAML or JSON answers, flags over the file, bad files refused naming key and file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from clikit import DEFAULTS, KNOWN_KEYS, Run, assert_one_error, one_json, write
from newproj.errors import ExitCode

# --- --answers ---------------------------------------------------------------------------


ANSWERS_YAML = """\
    project_name: Team Blog
    python_version: "3.12"
    port: 8100
    database: mysql
    author: Park
"""
ANSWERS_JSON = '{"project_name": "Team Blog", "python_version": "3.12", "port": 8100, "database": "mysql", "author": "Park"}'


@pytest.mark.parametrize(("name", "text"), [("team.yml", ANSWERS_YAML), ("team.json", ANSWERS_JSON)])
def test_answers_file(cli: Run, workdir: Path, name: str, text: str) -> None:
    write(workdir / name, text)
    result = cli("init", "--answers", name, "--no-input", "--dry-run", "--json")
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"] == {
        **DEFAULTS,
        "project_name": "Team Blog",
        "project_slug": "team_blog",
        "python_version": "3.12",
        "port": 8100,
        "database": "mysql",
        "database_version": "8.4",
        "author": "Park",
    }


def test_answers_file_alone_needs_no_prompt(cli: Run, workdir: Path) -> None:
    """A file that answers everything is enough without --no-input, even with no terminal."""
    complete = {**DEFAULTS, "project_name": "Full", "project_slug": "full", "port": 8101}
    write(workdir / "all.json", json.dumps(complete))
    result = cli("init", "--answers", "all.json", "--json")
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"] == complete


def test_flags_override_the_answers_file(cli: Run, workdir: Path) -> None:
    write(workdir / "team.yml", ANSWERS_YAML)
    result = cli(
        "init",
        "--answers",
        "team.yml",
        "--port",
        "9100",
        "--database",
        "sqlite",
        "--no-input",
        "--dry-run",
        "--json",
    )
    assert result.code == 0, result.err
    answers = one_json(result.out)["answers"]
    assert (answers["port"], answers["database"], answers["database_version"]) == (9100, "sqlite", "")
    assert answers["project_name"] == "Team Blog"


def test_answers_file_unquoted_python_310(cli: Run, workdir: Path) -> None:
    write(workdir / "team.yml", "python_version: 3.10\n")
    result = cli("init", "--answers", "team.yml", "--no-input", "--dry-run", "--json")
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"]["python_version"] == "3.10"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "team.yml",
            "port: 8000\ncolour: blue\n",
            f"error: team.yml: unknown key 'colour'; known keys are {KNOWN_KEYS}",
        ),
        (
            "team.json",
            '{"colour": "blue"}',
            f"error: team.json: unknown key 'colour'; known keys are {KNOWN_KEYS}",
        ),
        (
            "team.yml",
            "port: 70000\n",
            "error: team.yml: port: 70000 is out of range; use a port from 1 to 65535, e.g. 8000",
        ),
        (
            "team.json",
            '{"port": "abc"}',
            "error: team.json: port: 'abc' is not a whole number; use a port from 1 to 65535, e.g. 8000",
        ),
        (
            "team.yml",
            "project_slug: class\n",
            "error: team.yml: project_slug: 'class' is a Python keyword; choose another name, e.g. my_class",
        ),
        (
            "team.yml",
            "database: oracle\n",
            "error: team.yml: database: 'oracle' is not one of postgresql, sqlite, mysql, mariadb; use one of them",
        ),
        (
            "team.yml",
            "- port\n- 8000\n",
            "error: team.yml: expected a mapping of answer names to values; write one 'name: value' per line",
        ),
        (
            "team.json",
            "[8000]",
            "error: team.json: expected a mapping of answer names to values; write one 'name: value' per line",
        ),
        (
            "team.yml",
            "port: [8000\n",
            "error: team.yml: not valid YAML or JSON (line 2: expected ',' or ']', but got '<stream end>'); fix the file",
        ),
        (
            "team.json",
            '{"port": 8000',
            "error: team.json: not valid YAML or JSON (line 1: Expecting ',' delimiter); fix the file",
        ),
    ],
    ids=[
        "unknown-key-yaml",
        "unknown-key-json",
        "port-range",
        "port-type-json",
        "slug-keyword",
        "database",
        "list-yaml",
        "list-json",
        "unparsable-yaml",
        "unparsable-json",
    ],
)
def test_bad_answers_file(
    cli: Run, workdir: Path, tree: Callable[[Path], list[str]], name: str, text: str, line: str
) -> None:
    write(workdir / name, text)
    result = cli("init", "--answers", name, "--no-input")
    assert_one_error(result, line, ExitCode.USAGE)
    assert tree(workdir) == [name]


def test_a_file_value_is_checked_against_a_flag(cli: Run, workdir: Path) -> None:
    """A Django version from the file and a Python version from a flag: the error names the flag."""
    write(workdir / "team.yml", 'django_version: "6.1"\n')
    result = cli("init", "--answers", "team.yml", "--python", "3.10", "--no-input")
    assert_one_error(
        result,
        "error: --python: Django 6.1 supports Python 3.12 to 3.15, not 3.10; "
        "pick a Python in that range or another Django version",
        ExitCode.USAGE,
    )


def test_missing_answers_file(cli: Run, workdir: Path) -> None:
    result = cli("init", "--answers", "nope.yml", "--no-input")
    assert_one_error(result, "error: nope.yml: no such answers file; check the path given to --answers", 2)
    assert list(workdir.iterdir()) == []


def test_a_folder_given_to_answers_has_its_own_message(cli: Run, workdir: Path) -> None:
    (workdir / "answers").mkdir()
    result = cli("init", "--answers", "answers", "--no-input")
    assert_one_error(result, "error: answers is a folder; give --answers a YAML or JSON file", ExitCode.USAGE)
    assert [p.name for p in workdir.iterdir()] == ["answers"]


# --- values are read as written: anything but text is refused, naming the key, the file and the value ---

NOT_TEXT = "not text; write the value in quotes"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "team.yml",
            "project_name: yes\n",
            f"error: team.yml: project_name: read true (a yes/no value), {NOT_TEXT}",
        ),
        (
            "team.yml",
            "description: 010\n",
            "error: team.yml: description: YAML reads 010 as the number 8, not as written; write it in decimal "
            "without a leading zero, or in quotes for text",
        ),
        (
            "team.yml",
            "port: 010\n",  # not port 8 behind the user's back
            "error: team.yml: port: YAML reads 010 as the number 8, not as written; write it in decimal "
            "without a leading zero, or in quotes for text",
        ),
        (
            "team.yml",
            "port: 0x1F90\n",
            "error: team.yml: port: YAML reads 0x1F90 as the number 8080, not as written; write it in decimal "
            "without a leading zero, or in quotes for text",
        ),
        (
            "team.yml",
            "project_name: Null\n",
            f"error: team.yml: project_name: read null (an empty value), {NOT_TEXT}",
        ),
        ("team.yml", "author:\n", f"error: team.yml: author: read null (an empty value), {NOT_TEXT}"),
        (
            "team.json",
            '{"project_name": ["a", {"b": 1}]}',
            f'error: team.json: project_name: read ["a", {{"b": 1}}] (a list), {NOT_TEXT}',
        ),
        (
            "team.json",
            '{"python_version": 3.12}',
            f"error: team.json: python_version: read 3.12 (a number), {NOT_TEXT}",
        ),
        (
            "team.json",
            '{"time_zone": {"a": 1}}',
            f'error: team.json: time_zone: read {{"a": 1}} (a mapping), {NOT_TEXT}',
        ),
        (
            "team.json",
            '{"port": true}',
            "error: team.json: port: 'true' is not a whole number; use a port from 1 to 65535, e.g. 8000",
        ),
        (
            "team.yml",
            f"port: {'9' * 5000}\n",
            "error: team.yml: not valid YAML or JSON (a number of more than 4300 digits); fix the file",
        ),
        (
            "team.json",
            f'{{"port": {"9" * 5000}}}',
            "error: team.json: not valid YAML or JSON (a number of more than 4300 digits); fix the file",
        ),
        (
            "team.yml",
            "database: sqlite\ndatabase_version: '17'\n",
            "error: team.yml: database_version: '17' does not apply to sqlite, which has no server; "
            "leave database_version out",
        ),
    ],
    ids=[
        "yes",
        "octal-010",
        "octal-port",
        "hex-port",
        "Null",
        "empty",
        "list",
        "float",
        "mapping",
        "port-bool",
        "huge-yaml",
        "huge-json",
        "sqlite-version",
    ],
)
def test_non_text_values_are_refused_not_coerced(
    cli: Run, workdir: Path, name: str, text: str, line: str
) -> None:
    write(workdir / name, text)
    result = cli("init", "--answers", name, "--no-input")
    assert_one_error(result, line, ExitCode.USAGE)
    assert [p.name for p in workdir.iterdir()] == [name]


def test_non_text_refusal_in_korean(cli: Run, workdir: Path) -> None:
    write(workdir / "team.yml", "project_name: yes\n")
    result = cli("init", "--answers", "team.yml", "--no-input", "--lang", "ko")
    assert_one_error(
        result,
        "error: team.yml: project_name: true (예/아니오 값)을(를) 읽었습니다. 텍스트가 아닙니다. 값을 따옴표로 감싸 쓰세요",
        ExitCode.USAGE,
    )
