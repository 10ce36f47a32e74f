"""A Windows checkout (``core.autocrlf=true``) of a generated project keeps LF where the
container needs it, thanks to the project's ``.gitattributes``; without it the doctor objects, and
the fix it gives, run as printed, converts the scripts and keeps every uncommitted edit."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from newproj.doctor.checks import Probes, check_line_endings

GIT = ["git", "-c", "user.name=Lead", "-c", "user.email=lead@example.com", "-c", "init.defaultBranch=main"]
LF_FILES = ("docker/entrypoint.sh", "Dockerfile", "docker-compose.yml", "manage.py")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="!!! SKIPPED: no git")


def commit_and_clone_on_windows(project: Path, tmp_path: Path) -> Path:
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "init"], cwd=project, check=True)
    clone = tmp_path / "windows-clone"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", "--config", "core.autocrlf=true",
                    str(project), str(clone)], check=True)
    return clone


def test_an_autocrlf_clone_keeps_lf(generated: Callable[..., Path], tmp_path: Path) -> None:
    clone = commit_and_clone_on_windows(generated(project_name="Shop", database="mariadb"), tmp_path)
    for relative in LF_FILES:
        assert b"\r\n" not in (clone / relative).read_bytes(), relative
    assert check_line_endings(Probes(), "en", clone).status == "ok"


def test_without_gitattributes_the_same_clone_gets_crlf(generated: Callable[..., Path], tmp_path: Path) -> None:
    """The control: what a Windows teammate got before .gitattributes, and what the doctor says."""
    project = generated(project_name="Shop", database="mariadb")
    (project / ".gitattributes").unlink()
    clone = commit_and_clone_on_windows(project, tmp_path)
    assert b"\r\n" in (clone / "docker" / "entrypoint.sh").read_bytes()
    check = check_line_endings(Probes(), "en", clone)
    assert (check.status, check.detail) == (
        "problem",
        "docker/entrypoint.sh has Windows (CRLF) line endings; the container fails with /bin/sh^M",
    )
    # git would check the file out with CRLF again: the fix converts it in place instead.
    assert check.fix.startswith("save docker/entrypoint.sh with LF line endings in your editor, or run perl ")


# --- the fix, run as the doctor prints it ---------------------------------------------------

SCRIPT = "docker/entrypoint.sh"
EDIT = b"echo 'a line of our own'\r\n"


def run_the_fix(fix: str, project: Path) -> None:
    """Run the command a fix names (the text before its parenthesised reason, or after "run ")."""
    command = fix.split(" (")[0] if fix.startswith("git ") else fix.split(", or run ", 1)[1]
    done = subprocess.run(["sh", "-c", command], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def edit_with_crlf(project: Path, edit: bool) -> bytes:
    """Give the script CRLF line endings, as a Windows editor saves it, with a line of our own or without;
    return the content it should end up with (LF)."""
    script = project / SCRIPT
    text = script.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + (EDIT if edit else b"")
    script.write_bytes(text)
    return text.replace(b"\r\n", b"\n")


def assert_converted(project: Path, expected: bytes) -> None:
    assert (project / SCRIPT).read_bytes() == expected
    assert check_line_endings(Probes(), "en", project).status == "ok"


@pytest.mark.parametrize("edit", [True, False], ids=["edited", "unedited"])
def test_the_git_fix_keeps_uncommitted_edits_and_writes_lf(
    generated: Callable[..., Path], edit: bool
) -> None:
    """The repository's other uncommitted changes are untouched too (``git reset --hard`` lost them)."""
    project = generated(project_name="Shop")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
        subprocess.run([*GIT, *args], cwd=project, check=True)
    readme = project / "README.md"
    readme.write_bytes(readme.read_bytes() + b"Our own notes.\n")
    expected = edit_with_crlf(project, edit)

    check = check_line_endings(Probes(), "en", project)
    assert check.fix == (
        f"git add --renormalize -- {SCRIPT} && rm -- {SCRIPT} && git checkout -- {SCRIPT} (keeps your edits: "
        "git stages them with LF, then writes the file again with LF, as .gitattributes says)"
    )
    run_the_fix(check.fix, project)
    assert_converted(project, expected)
    assert readme.read_bytes().endswith(b"Our own notes.\n")
    assert ((project / SCRIPT).stat().st_mode & 0o111) != 0


def test_the_git_fix_converts_a_clone_made_before_gitattributes(
    generated: Callable[..., Path], tmp_path: Path
) -> None:
    """A Windows clone made before the project had ``.gitattributes`` keeps its CRLF scripts after
    pulling it (git sees nothing changed): the fix rewrites them."""
    project = generated(project_name="Shop")
    attributes = (project / ".gitattributes").read_bytes()
    (project / ".gitattributes").unlink()
    clone = commit_and_clone_on_windows(project, tmp_path)
    (project / ".gitattributes").write_bytes(attributes)
    subprocess.run([*GIT, "add", ".gitattributes"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "line endings"], cwd=project, check=True)
    subprocess.run([*GIT, "pull", "-q"], cwd=clone, check=True)
    assert b"\r\n" in (clone / SCRIPT).read_bytes()
    expected = (clone / SCRIPT).read_bytes().replace(b"\r\n", b"\n") + EDIT.replace(b"\r\n", b"\n")
    (clone / SCRIPT).write_bytes((clone / SCRIPT).read_bytes() + EDIT)

    check = check_line_endings(Probes(), "en", clone)
    assert check.fix.startswith(f"git add --renormalize -- {SCRIPT} && ")
    run_the_fix(check.fix, clone)
    assert_converted(clone, expected)


@pytest.mark.skipif(shutil.which("perl") is None, reason="!!! SKIPPED: no perl")
@pytest.mark.parametrize("where", ["no-repository", "untracked"])
def test_outside_git_the_fix_names_no_git_command_and_converts_in_place(
    generated: Callable[..., Path], where: str
) -> None:
    """Not a repository, or a script git does not track: a git command would fail (and rm would lose
    an untracked file), so the fix converts the file where it is."""
    project = generated(project_name="Shop")
    if where == "untracked":
        subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    expected = edit_with_crlf(project, edit=True)

    check = check_line_endings(Probes(), "en", project)
    assert check.fix == (
        f"save {SCRIPT} with LF line endings in your editor, or run perl -pi -e 's/\\r$//' {SCRIPT}"
    )
    run_the_fix(check.fix, project)
    assert_converted(project, expected)
