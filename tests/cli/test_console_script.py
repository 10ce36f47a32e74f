"""The installed console script in a subprocess: no terminal, imports."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from clikit import NO_TTY_ALL, SLUG, one_json, run_script

# --- no terminal, imports: the real console script in a subprocess ---------------------------------


def test_no_terminal_and_answers_missing(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]]
) -> None:
    done = run_script(console_script, ["init"], workdir, child_env())
    assert (done.returncode, done.stdout, done.stderr) == (2, "", NO_TTY_ALL + "\n")
    assert list(workdir.iterdir()) == []


def test_no_terminal_names_only_the_missing_flags(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]]
) -> None:
    done = run_script(
        console_script,
        ["init", "--name", "Blog", "--database", "sqlite", "--port", "8100"],
        workdir,
        child_env(),
    )
    assert done.returncode == 2
    assert done.stderr == (
        "error: no terminal to ask project_slug, description, author, python_version, django_version, "
        "language, time_zone on; pass them as flags (--slug … --description … --author … --python … "
        "--django … --project-language … --time-zone …), use --answers FILE, or --no-input for the defaults\n"
    )


def test_no_terminal_in_korean(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]]
) -> None:
    done = run_script(
        console_script,
        [
            "init",
            "--name",
            "Blog",
            "--database",
            "sqlite",
            "--port",
            "8100",
            "--slug",
            "blog",
            "--description",
            "d",
            "--author",
            "a",
            "--python",
            "3.12",
            "--django",
            "5.2",
            "--time-zone",
            "UTC",
        ],
        workdir,
        child_env(LANG="ko_KR.UTF-8"),
    )
    assert done.returncode == 2
    assert done.stderr == (
        "error: language 을(를) 물어볼 터미널이 없습니다. 플래그(--project-language …)로 주거나 "
        "--answers FILE, 기본값은 --no-input 을 쓰세요\n"
    )


def test_console_script_no_input_works(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]]
) -> None:
    done = run_script(console_script, ["init", "--no-input", "--json"], workdir, child_env())
    assert done.returncode == 0, done.stderr
    assert one_json(done.stdout)["path"] == str(workdir / SLUG)


IMPORT_PROBE = """
import json, sys
from newproj.cli.app import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": sorted(m for m in ("questionary", "prompt_toolkit") if m in sys.modules)}),
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["init", "--no-input"], 0),
        (["init", "--no-input", "--dry-run"], 0),
        (["init", "--port", "0"], 2),
        (["init"], 2),
    ],
    ids=["no-input", "dry-run", "error", "no-terminal"],
)
def test_questionary_is_not_imported_without_a_prompt(
    workdir: Path, child_env: Callable[..., dict[str, str]], args: list[str], code: int
) -> None:
    done = run_script(Path(sys.executable), ["-c", IMPORT_PROBE, *args], workdir, child_env())
    probe = json.loads(done.stderr.splitlines()[-1])
    assert probe == {"code": code, "loaded": []}


HELP_WITHOUT_TEMPLATES = """
import sys
import newproj.render.templates

def missing():
    raise FileNotFoundError("templates are missing")

newproj.render.templates.templates_root = missing
newproj.render.templates.django_template = missing
from newproj.cli.app import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("args", [["--help"], ["init", "--help"], ["--version"]], ids=" ".join)
def test_help_needs_no_template(
    workdir: Path, child_env: Callable[..., dict[str, str]], args: list[str]
) -> None:
    """The model is a module of the package: even with the templates missing, help and version work."""
    done = run_script(
        Path(sys.executable), ["-c", HELP_WITHOUT_TEMPLATES, *args], workdir, child_env(COLUMNS="100")
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "newproj" in done.stdout


# --- a reader that stops reading -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["--help"], ["init", "--help"], ["update", "--help"], ["doctor", "--help"], ["--version"],
     ["init", "--no-input", "--dry-run", "--json"]],
    ids=["help", "init-help", "update-help", "doctor-help", "version", "dry-run-json"],
)
def test_a_closed_stdout_is_a_quiet_exit_0(
    console_script: Path, workdir: Path, child_env: Callable[..., dict[str, str]], args: list[str]
) -> None:
    """``newproj --help | head -1``: the reader has what it wanted; no traceback, no error, exit 0.
    The pipe is closed before newproj starts, so every write fails, whatever the timing."""
    import os
    import subprocess

    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [str(console_script), *args], cwd=workdir, env=child_env(), stdin=subprocess.DEVNULL,
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    finally:
        os.close(write)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr and "error" not in done.stderr.lower()
    if "--json" not in args:  # under --json the human summary goes to stderr, as it should
        assert done.stderr == ""
    assert list(workdir.iterdir()) == []


# --- Ctrl-C before the CLI is even imported ------------------------------------------------------

#: A Python that runs the console script's entry point and is interrupted while it imports the CLI,
#: as Ctrl-C in the first tenth of a second does (a real signal cannot be timed that precisely).
INTERRUPTED_WHILE_IMPORTING = """
import builtins, sys
real_import = builtins.__import__
def interrupted(name, *args, **kwargs):
    if name == "newproj.cli.app":
        raise KeyboardInterrupt
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupted
sys.argv = ["newproj", *sys.argv[1:]]
from newproj.cli.entry import run
run()
"""


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["init", "--no-input"], "error: interrupted; nothing was written"),
        (["--lang", "ko", "init", "--json"], "error: 중단했습니다. 아무것도 쓰지 않았습니다"),
    ],
    ids=["en", "ko-json"],
)
def test_ctrl_c_while_starting_is_one_line_and_exit_130(
    workdir: Path, child_env: Callable[..., dict[str, str]], args: list[str], line: str
) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_IMPORTING, *args],
        cwd=workdir, env=child_env(), capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 130
    assert done.stderr.splitlines() == [line], done.stderr
    if "--json" in args:
        assert one_json(done.stdout) == {"error": {"code": 130, "message": line.removeprefix("error: ")}}
    assert list(workdir.iterdir()) == []


def test_importing_the_package_imports_no_part_of_it() -> None:
    """``import newproj`` is what every entry point pays first: its names load on first use."""
    import subprocess

    probe = "import sys, newproj; print(sorted(m for m in sys.modules if m.startswith(('newproj.', 'jinja2', 'cookiecutter'))))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    use = "import newproj; print(newproj.build_answers({}).port, newproj.generate.__module__)"
    used = subprocess.run([sys.executable, "-c", use], capture_output=True, text=True, check=True)
    assert used.stdout.split() == ["8000", "newproj.render.place"]
