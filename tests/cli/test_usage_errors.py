"""Exit codes 2 (bad usage or answer) and 3 (the target exists and is not empty)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from clikit import SLUG, Run, assert_one_error
from newproj.errors import ExitCode

# --- exit code 2: bad usage or answer -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("--port", "0"), "error: --port: 0 is out of range; use a port from 1 to 65535, e.g. 8000"),
        (
            ("--port", "9" * 5000),
            "error: --port: " + "9" * 37 + "... is out of range; use a port from 1 to 65535, e.g. 8000",
        ),
        (
            ("--database", "sqlite", "--database-version", "17"),
            "error: --database-version: '17' does not apply to sqlite, which has no server; "
            "leave database_version out",
        ),
        (("--port", "70000"), "error: --port: 70000 is out of range; use a port from 1 to 65535, e.g. 8000"),
        (
            ("--port", "abc"),
            "error: --port: 'abc' is not a whole number; use a port from 1 to 65535, e.g. 8000",
        ),
        (
            ("--slug", "class"),
            "error: --slug: 'class' is a Python keyword; choose another name, e.g. my_class",
        ),
        (
            ("--slug", "json"),
            "error: --slug: 'json' would shadow the standard library module json; choose another name, e.g. my_json",
        ),
        (
            ("--slug", "My-Blog"),
            "error: --slug: 'My-Blog' is not a valid package name; use lower-case letters, digits and _ starting "
            "with a letter, e.g. my_blog",
        ),
        (
            ("--python", "3.10", "--django", "6.1"),
            "error: --python: Django 6.1 supports Python 3.12 to 3.15, not 3.10; pick a Python in that range or "
            "another Django version",
        ),
        (
            ("--python", "2.7"),
            "error: --python: '2.7' is not one of 3.10, 3.11, 3.12, 3.13, 3.14, 3.15; use one of them",
        ),
        (
            ("--database", "oracle"),
            "error: --database: 'oracle' is not one of postgresql, sqlite, mysql, mariadb; use one of them",
        ),
        (
            ("--database", "mysql", "--database-version", "17"),
            "error: --database-version: '17' is not an offered mysql version; use one of 8.4",
        ),
        (
            ("--time-zone", "Mars/Base"),
            "error: --time-zone: 'Mars/Base' is not a known time zone; use an IANA name such as UTC or Asia/Seoul",
        ),
        (("--name", ""), "error: --name: a value is required; type one"),
        (
            ("--project-language", "fr"),
            "error: --project-language: 'fr' is not one of en, ko; use one of them",
        ),
        (("--bogus",), "error: no such option: --bogus; see newproj init --help for the options"),
        (("--port",), "error: --port needs a value, e.g. --port VALUE; see newproj init --help"),
        (("--lang", "fr"), "error: --lang 'fr' is not supported; use en or ko"),
    ],
    ids=[
        "port-0",
        "port-5000-digits",
        "sqlite-version",
        "port-70000",
        "port-abc",
        "slug-keyword",
        "slug-shadows-json",
        "slug-format",
        "python-django-pair",
        "python-unknown",
        "database-oracle",
        "database-version",
        "time-zone",
        "empty-name",
        "project-language",
        "unknown-option",
        "option-without-value",
        "bad-lang",
    ],
)
def test_usage_errors(cli: Run, workdir: Path, args: tuple[str, ...], line: str) -> None:
    result = cli("init", "--no-input", *args)
    assert_one_error(result, line, ExitCode.USAGE)
    assert result.out == ""
    assert list(workdir.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("bogus",), "error: No such command 'bogus'. (see: newproj --help)"),
        (("--bogus",), "error: no such option: --bogus; see newproj --help for the options"),
        (("doctor", "--bogus"), "error: no such option: --bogus; see newproj doctor --help for the options"),
        (("update", "--port"), "error: --port needs a value, e.g. --port VALUE; see newproj update --help"),
        (("update", "a", "b"), "error: Got unexpected extra argument(s) (b) (see: newproj update --help)"),
        (("--lang", "ko", "bogus"), "error: 잘못된 사용법: No such command 'bogus'. (newproj --help 를 참고하세요)"),
    ],
)
def test_a_usage_error_points_to_the_help_of_its_command(cli: Run, workdir: Path, args, line) -> None:
    assert_one_error(cli(*args), line, ExitCode.USAGE)
    assert list(workdir.iterdir()) == []


def test_target_that_is_a_file(cli: Run, workdir: Path) -> None:
    (workdir / "afile").write_text("x", encoding="utf-8")
    result = cli("init", "--no-input", "afile")
    assert_one_error(result, f"error: {workdir / 'afile'} exists and is not a folder; choose another path", 2)
    assert [p.name for p in workdir.iterdir()] == ["afile"]


def test_a_dangling_link_as_target_is_a_usage_error(cli: Run, workdir: Path) -> None:
    (workdir / "site1").symlink_to(workdir / "nowhere")
    result = cli("init", "--no-input", "site1")
    assert_one_error(result, f"error: {workdir / 'site1'} exists and is not a folder; choose another path", 2)
    assert [p.name for p in workdir.iterdir()] == ["site1"]


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
@pytest.mark.parametrize(
    ("make", "line"),
    [
        ("pages", "error: pages is a file where newproj needs a folder; move or rename it, then run the command again"),
        (
            "Dockerfile/",
            "error: Dockerfile is a folder where newproj writes a file; move or rename it, then run the command again",
        ),
    ],
    ids=["file-for-a-folder", "folder-for-a-file"],
)
def test_with_force_a_path_in_the_way_is_named_and_nothing_is_written(
    cli: Run, workdir: Path, tree: Callable[[Path], list[str]], make: str, line: str, dry_run: bool
) -> None:
    """--force writes over the template's own files, but a file where the project needs a folder
    (or a folder where it writes a file) is the user's to move: one line, exit 2, nothing written."""
    (workdir / "site1").mkdir()
    if make.endswith("/"):
        (workdir / "site1" / make).mkdir()
        (workdir / "site1" / make / "mine.txt").write_text("mine", encoding="utf-8")
    else:
        (workdir / "site1" / make).write_text("mine", encoding="utf-8")
    before = tree(workdir)
    result = cli("init", "--no-input", "--force", *(["--dry-run"] if dry_run else []), "site1")
    assert_one_error(result, line, ExitCode.USAGE)
    assert tree(workdir) == before


def test_force_says_which_files_it_writes_over(cli: Run, workdir: Path) -> None:
    """--force writes over the template's files, as documented, but never silently: the files it
    replaces are named before (dry run) and after (a warning, and ``replaced`` in the JSON)."""
    (workdir / "site1").mkdir()
    (workdir / "site1" / "README.md").write_text("# mine\n", encoding="utf-8")
    (workdir / "site1" / "notes.txt").write_text("mine\n", encoding="utf-8")
    line = "warning: {} over 1 file(s) {} there (--force): README.md"
    dry = cli("init", "--no-input", "--force", "--dry-run", "site1")
    assert dry.code == 0 and line.format("would write", "that are") in dry.err_lines
    assert (workdir / "site1" / "README.md").read_text(encoding="utf-8") == "# mine\n"
    written = cli("init", "--no-input", "--force", "--json", "site1")
    assert written.code == 0, written.err
    assert line.format("wrote", "that were") in written.err_lines
    assert json.loads(written.out)["replaced"] == ["README.md"]
    assert (workdir / "site1" / "notes.txt").read_text(encoding="utf-8") == "mine\n"  # not the template's: untouched


@pytest.mark.parametrize("below", ["sub", "sub/deeper"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
def test_target_under_a_file_is_a_usage_error(cli: Run, workdir: Path, below: str, dry_run: bool) -> None:
    """A path that cannot hold a folder is the user's to change (2), like a target that is a file,
    not the machine's to fix (6)."""
    (workdir / "team.yml").write_text("x", encoding="utf-8")
    result = cli("init", "--no-input", *(["--dry-run"] if dry_run else []), f"team.yml/{below}")
    line = (
        f"error: {workdir / 'team.yml'} is a file, so no folder {workdir / 'team.yml' / below} can be made "
        "under it; choose another path"
    )
    assert_one_error(result, line, ExitCode.USAGE)
    assert [p.name for p in workdir.iterdir()] == ["team.yml"]


# --- exit code 3: the target exists and is not empty --------------------------------------


@pytest.mark.parametrize("as_argument", [True, False], ids=["directory-argument", "default-slug-folder"])
def test_existing_non_empty_target(
    cli: Run, workdir: Path, tree: Callable[[Path], list[str]], as_argument: bool
) -> None:
    name = "site1" if as_argument else SLUG
    (workdir / name).mkdir()
    (workdir / name / "keep.txt").write_text("mine", encoding="utf-8")
    result = cli("init", "--no-input", *([name] if as_argument else []))
    assert_one_error(
        result,
        f"error: {workdir / name} exists and is not empty; choose another folder or pass --force to write into it",
        ExitCode.TARGET_EXISTS,
    )
    assert tree(workdir) == [f"{name}/", f"{name}/keep.txt"]
    assert (workdir / name / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_existing_empty_target_is_fine(cli: Run, workdir: Path) -> None:
    (workdir / "site1").mkdir()
    result = cli("init", "--no-input", "site1")
    assert result.code == 0, result.err
    assert (workdir / "site1" / "manage.py").is_file()


def test_directory_argument_is_checked_before_any_prompt(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("asked questions although the target folder was refused")

    monkeypatch.setattr(newproj.cli.prompts, "ask_missing", never)
    (workdir / "site1").mkdir()
    (workdir / "site1" / "keep.txt").write_text("mine", encoding="utf-8")
    result = cli("init", "site1")
    assert result.code == 3


# --- exit code 6: a file could not be written -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "error: could not write /x/site: Permission denied; check the folder's permissions and free space",
        ),
        ("ko", "error: /x/site 에 쓰지 못했습니다: Permission denied. 폴더 권한과 남은 공간을 확인하세요"),
    ],
)
def test_a_failed_write_exits_6_with_the_os_reason(
    cli: Run, monkeypatch: pytest.MonkeyPatch, lang: str, line: str
) -> None:
    import newproj.cli.app
    import newproj.cli.init
    from newproj.errors import CannotWrite

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise CannotWrite("/x/site", "Permission denied")

    monkeypatch.setattr(newproj.cli.init, "generate", refuse)
    result = cli("init", "--no-input", "--lang", lang)
    assert_one_error(result, line, ExitCode.CANNOT_WRITE)
