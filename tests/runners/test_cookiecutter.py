"""The template under plain cookiecutter, reached every way users reach it: a relative path, ``.`` plus
``--directory``, an absolute path, a ``git+file://`` URL and a zip archive. Each gives the project newproj
gives for the same answers (apart from the random secrets, and ``.cruft.json``, which only newproj and
cruft write), and each refuses a bad answer with the model's own line, leaving nothing behind.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from clikit import dev_values, project_snapshot
from newproj.answers import build_answers
from newproj.project.private import DEV_MARKERS, DEV_VALUES
from newproj.render.place import generate
from runnerkit import BIN, REPO_ROOT, git

Run = Callable[..., subprocess.CompletedProcess[str]]

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
    # Plain cookiecutter's default Django is its list's first, the newest, which Python 3.10 does not
    # run: it is given, as the reference says.
    "postgresql18-py3.10": {
        "database": "postgresql",
        "database_version": "18",
        "python_version": "3.10",
        "django_version": "5.2",
    },
}


def cookiecutter(template_repo: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(BIN / "cookiecutter"),
            str(template_repo),
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
    """Every file's text, secrets masked; newproj's ``.cruft.json`` left out (plain cookiecutter writes none)."""
    return {name: text for name, text in project_snapshot(root).items() if name != ".cruft.json"}


def plain_and_newproj(template_repo: Path, tmp_path: Path, values: dict[str, str]) -> tuple[Path, Path]:
    out = tmp_path / "cookiecutter"
    out.mkdir()
    run = cookiecutter(template_repo, out, "--no-input", *(f"{k}={v}" for k, v in values.items()))
    assert run.returncode == 0, run.stderr
    [plain] = list(out.iterdir())
    answers = build_answers(values)
    assert plain.name == answers.project_slug
    ours = generate(answers, tmp_path / "newproj" / answers.project_slug).path
    return plain, ours


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_plain_cookiecutter_gives_the_same_project(
    template_repo: Path, tmp_path: Path, values: dict[str, str]
) -> None:
    plain, ours = plain_and_newproj(template_repo, tmp_path, values)
    plain_files, our_files = tree(plain), tree(ours)
    assert sorted(plain_files) == sorted(our_files)
    different = [name for name in our_files if plain_files[name] != our_files[name]]
    assert different == []
    plain_values, our_values = dev_values(plain), dev_values(ours)
    assert "__dev_secret_key" in plain_values
    assert all(plain_values[key].startswith(DEV_MARKERS[key]) for key in plain_values)
    assert {key: len(value) - len(DEV_MARKERS[key]) for key, value in plain_values.items()} == {
        k: DEV_VALUES[k] for k in plain_values
    }
    assert all(plain_values[key] != our_values[key] for key in plain_values), "fresh for each project"


def test_plain_cookiecutter_writes_no_record(template_repo: Path, tmp_path: Path) -> None:
    """Only cruft (which knows the commit) and newproj write ``.cruft.json``; the hooks cannot know the commit."""
    plain, ours = plain_and_newproj(template_repo, tmp_path, {})
    assert not (plain / ".cruft.json").exists()
    assert (ours / ".cruft.json").is_file()


# --- every way to reach the template ------------------------------------------------------------

ANSWERS = CASES["mariadb-ko-8123"]


def runner_args(how: str, repo: Path, scratch: Path) -> tuple[list[str], Path]:
    """The cookiecutter arguments (before -o) and the folder to run in, for one way of reaching the template."""
    if how == "relative":
        return ["templates/django"], repo
    if how == "dot-directory":
        return [".", "--directory", "templates/django"], repo
    if how == "absolute":
        return [str(repo / "templates" / "django")], scratch
    if how == "git+file":
        return [f"git+file://{repo}", "--directory", "templates/django"], scratch
    assert how == "zip"
    archive = shutil.make_archive(str(scratch / "newproj-template"), "zip", repo.parent, repo.name)
    return [archive, "--directory", "templates/django"], scratch


RUNNERS = ["relative", "dot-directory", "absolute", "git+file", "zip"]


@pytest.mark.parametrize("how", RUNNERS)
def test_every_runner_gives_the_newproj_project(
    how: str, template_repo: Path, tmp_path: Path, run: Run
) -> None:
    out = tmp_path / "out"
    args, cwd = runner_args(how, template_repo, tmp_path)
    done = run(
        ["cookiecutter", *args, "--no-input", "-o", str(out), *(f"{k}={v}" for k, v in ANSWERS.items())], cwd
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    answers = build_answers(ANSWERS)
    [plain] = list(out.iterdir())
    ours = generate(answers, tmp_path / "newproj" / answers.project_slug).path
    assert tree(plain) == tree(ours)
    assert git_status(template_repo) == ""  # nothing written into the template's checkout


def git_status(repo: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("how", RUNNERS)
@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ({"port": "70000"}, "error: port: 70000 is out of range; use a port from 1 to 65535, e.g. 8000"),
        (
            {"database": "sqlite", "database_version": "17", "language": "ko"},
            "error: database_version: '17'은(는) 서버가 없는 sqlite에는 해당하지 않습니다. database_version 을 빼세요",
        ),
    ],
    ids=["port", "sqlite-version-ko"],
)
def test_every_runner_refuses_a_bad_answer_with_the_models_line(
    how: str, extra: dict[str, str], line: str, template_repo: Path, tmp_path: Path, run: Run
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args, cwd = runner_args(how, template_repo, tmp_path)
    done = run(
        ["cookiecutter", *args, "--no-input", "-o", str(out), *(f"{k}={v}" for k, v in extra.items())], cwd
    )
    assert done.returncode == 1
    assert line in done.stderr.splitlines(), done.stderr
    assert list(out.iterdir()) == []
    assert git_status(template_repo) == ""


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
    template_repo: Path, tmp_path: Path, typed: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain cookiecutter asks all eleven questions and the eight features (y/n); Enter takes each default,
    derived ones included."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    out = tmp_path / "out"
    choices = json.loads(
        (template_repo / "templates" / "django" / "cookiecutter.json").read_text(encoding="utf-8")
    )
    labels = {label: key for key, label in choices["__prompts__"].items()}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cookiecutter", str(template_repo), "--directory", "templates/django", "-o", str(out)],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )
    asked = []
    while child.expect([r"\[(\d+)/(\d+)\] ([^\r\n]*?) ?(?:\r?\n.*?)?\(([^()\r\n]*)\): ", pexpect.EOF]) == 0:
        number, total, label, _default = child.match.groups()
        label = label.removesuffix(" [y/n]")  # a feature: a yes/no question
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
    assert [name for name in our_files if plain_files[name] != our_files[name]] == []
    assert not (plain / ".cruft.json").exists()


def test_bad_port_fails_with_the_models_message_and_leaves_nothing(
    template_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    run = cookiecutter(template_repo, out, "--no-input", "port=70000")
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
