"""The template on its own: plain ``cookiecutter`` on a git clone of this repository gives the same
project as newproj for the same answers (apart from the random secrets and where it came from).

The clone is made from the working tree as it is (tracked and untracked files, minus ignored ones),
committed into a scratch repository, so the test checks the current files, not the last commit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from newproj.model import build_answers
from newproj.render import generate

REPO_ROOT = Path(__file__).resolve().parent.parent
GIT = [
    "git",
    "-c",
    "user.name=newproj tests",
    "-c",
    "user.email=tests@newproj.invalid",
    "-c",
    "commit.gpgsign=false",
]
SECRET_KEYS = re.compile(r"^(DJANGO_SECRET_KEY|\w+_PASSWORD)=.*$", re.MULTILINE)
URL_PASSWORD = re.compile(r"^(DATABASE_URL=\w+://[^:/@]+:)[^@]*@", re.MULTILINE)

CASES = {
    "defaults": {},
    "mariadb-ko-8123": {
        "project_name": "Shop Front",
        "description": '가게 앞 "정문"',
        "author": "Kim Dev",
        "port": "8123",
        "database": "mariadb",
        "database_version": "10.11",
        "language": "ko",
        "python_version": "3.12",
        "django_version": "6.1",
    },
    "sqlite-paris": {
        "project_name": "Tiny",
        "project_slug": "tiny_site",
        "database": "sqlite",
        "time_zone": "Europe/Paris",
    },
    "postgresql18-py3.10": {"database": "postgresql", "database_version": "18", "python_version": "3.10"},
}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git clone of this repository's working tree."""
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip(
            "!!! SKIPPED: not a git checkout (or no git): the standalone cookiecutter path is not tested"
        )
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO_ROOT).split("\0")
    source = tmp_path_factory.mktemp("repo")
    for relative in filter(None, listed):
        path = REPO_ROOT / relative
        if path.is_file() and "__pycache__" not in path.parts:
            (source / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / relative)
    # The template folder is copied whole: its own .gitignore must not hide template files.
    shutil.rmtree(source / "templates", ignore_errors=True)
    shutil.copytree(
        REPO_ROOT / "templates", source / "templates", ignore=shutil.ignore_patterns("__pycache__")
    )
    git("init", "--quiet", "--initial-branch=main", cwd=source)
    git("add", "--all", cwd=source)
    git("add", "--force", "templates", cwd=source)
    git("commit", "--quiet", "--message", "working tree under test", cwd=source)
    target = tmp_path_factory.mktemp("clone") / "newproj"
    git("clone", "--quiet", str(source), str(target), cwd=source.parent)
    return target


def cookiecutter(clone: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "cookiecutter",
            str(clone),
            "--directory",
            "templates/django",
            "-o",
            str(out),
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=out.parent,
    )


def tree(root: Path) -> dict[str, str]:
    """Every file's text, with secrets masked in .env and .cruft.json left out (compared on its own)."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            relative = path.relative_to(root).as_posix()
            text = path.read_text(encoding="utf-8")
            if relative == ".env":
                text = URL_PASSWORD.sub(r"\1<secret>@", SECRET_KEYS.sub(r"\1=<secret>", text))
            files[relative] = text
    return files


def plain_and_newproj(clone: Path, tmp_path: Path, values: dict[str, str]) -> tuple[Path, Path]:
    out = tmp_path / "cookiecutter"
    out.mkdir()
    run = cookiecutter(clone, out, "--no-input", *(f"{k}={v}" for k, v in values.items()))
    assert run.returncode == 0, run.stderr
    [plain] = list(out.iterdir())
    answers = build_answers(values)
    assert plain.name == answers.project_slug
    ours = generate(answers, tmp_path / "newproj" / answers.project_slug).path
    return plain, ours


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_plain_cookiecutter_gives_the_same_project(
    clone: Path, tmp_path: Path, values: dict[str, str]
) -> None:
    plain, ours = plain_and_newproj(clone, tmp_path, values)
    plain_files, our_files = tree(plain), tree(ours)
    assert sorted(plain_files) == sorted(our_files)
    different = [name for name in our_files if name != ".cruft.json" and plain_files[name] != our_files[name]]
    assert different == []
    assert (plain / ".env").read_text() != (ours / ".env").read_text(), "secrets are fresh for each project"


def _answers_recorded(record: dict) -> dict:
    return {k: v for k, v in record["context"]["cookiecutter"].items() if not k.startswith("_")}


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_cruft_json_records_the_template_commit_and_equivalent_answers(
    clone: Path, tmp_path: Path, values: dict[str, str]
) -> None:
    plain, ours = plain_and_newproj(clone, tmp_path, values)
    plain_record = json.loads((plain / ".cruft.json").read_text(encoding="utf-8"))
    our_record = json.loads((ours / ".cruft.json").read_text(encoding="utf-8"))
    assert plain_record["template"] == str(clone)
    assert plain_record["commit"] == git("rev-parse", "HEAD", cwd=clone)
    assert plain_record["context"]["cookiecutter"]["_template"] == str(clone)
    assert {k: plain_record[k] for k in ("checkout", "directory", "template_version")} == {
        k: our_record[k] for k in ("checkout", "directory", "template_version")
    }
    assert build_answers(_answers_recorded(plain_record)) == build_answers(values)
    assert build_answers(_answers_recorded(our_record)) == build_answers(values)


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_cruft_json_records_the_same_answers_as_newproj(
    clone: Path, tmp_path: Path, values: dict[str, str]
) -> None:
    plain, ours = plain_and_newproj(clone, tmp_path, values)
    plain_record = json.loads((plain / ".cruft.json").read_text(encoding="utf-8"))
    our_record = json.loads((ours / ".cruft.json").read_text(encoding="utf-8"))
    assert _answers_recorded(plain_record) == _answers_recorded(our_record)


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param({}, id="all-defaults"),
        pytest.param(
            {"Project name": "Pty Shop", "Database": "mariadb", "Project language": "ko"}, id="some-typed"
        ),
    ],
)
def test_interactive_cookiecutter_in_a_terminal(
    clone: Path, tmp_path: Path, typed: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain cookiecutter asks all eleven questions; Enter takes each default, derived ones included."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    out = tmp_path / "out"
    choices = json.loads((clone / "templates" / "django" / "cookiecutter.json").read_text(encoding="utf-8"))
    labels = {label: key for key, label in choices["__prompts__"].items()}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cookiecutter", str(clone), "--directory", "templates/django", "-o", str(out)],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )
    asked = []
    while child.expect([r"\[(\d+)/(\d+)\] ([^\r\n]*?) ?(?:\r?\n.*?)?\(([^()\r\n]*)\): ", pexpect.EOF]) == 0:
        number, total, label, _default = child.match.groups()
        asked.append(label)
        answer = typed.get(label, "")
        key = labels[label]
        if answer and isinstance(choices[key], list):
            answer = str(choices[key].index(answer) + 1)
        child.sendline(answer)
    child.close()
    assert child.exitstatus == 0, child.before
    assert asked == list(choices["__prompts__"].values())

    values = {labels[label]: value for label, value in typed.items()}
    answers = build_answers(values)
    [plain] = list(out.iterdir())
    ours = generate(answers, tmp_path / "newproj" / answers.project_slug).path
    plain_files, our_files = tree(plain), tree(ours)
    assert sorted(plain_files) == sorted(our_files)
    assert [
        name for name in our_files if name != ".cruft.json" and plain_files[name] != our_files[name]
    ] == []
    recorded = json.loads((plain / ".cruft.json").read_text(encoding="utf-8"))
    assert build_answers(_answers_recorded(recorded)) == answers


def test_bad_port_fails_with_the_models_message_and_leaves_nothing(clone: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    run = cookiecutter(clone, out, "--no-input", "port=70000")
    assert run.returncode != 0
    assert (
        "error: port: 70000 is out of range; use a port from 1 to 65535, e.g. 8000" in run.stderr.splitlines()
    )
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_every_template_file_is_tracked_by_git() -> None:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("!!! SKIPPED: not a git checkout (or no git)")
    tracked = set(git("ls-files", "-z", "templates", cwd=REPO_ROOT).split("\0")) - {""}
    on_disk = {
        p.relative_to(REPO_ROOT).as_posix()
        for p in (REPO_ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert on_disk - tracked == set()
