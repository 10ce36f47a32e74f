"""The command's surface: init's answer flags, a project that cannot be written (exit 6), and a machine
without git (exit 2)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys

import newproj.cli.app
import newproj.cli.init
import pytest
import typer
from newproj.answers import FIELDS
from newproj.answers.features import FEATURES_BY_KEY
from updatekit import record

COMMANDS = typer.main.get_command(newproj.cli.app.app).commands


def _options(command: str) -> dict[str, str]:
    return {
        opt: param.help for param in COMMANDS[command].params for opt in param.opts if opt.startswith("--")
    }


def test_update_takes_inits_answer_flags_with_the_same_help() -> None:
    init, update = _options("init"), _options("update")
    for flag in ["--answers", "--json", "--lang", "--debug"]:
        assert update[flag] == init[flag], flag
    assert {field.flag for field in FIELDS} <= set(update)
    assert {"--no-input", "--dry-run", "--allow-dirty"} <= set(update)


def test_update_help_says_an_answer_left_out_keeps_its_recorded_value() -> None:
    """init's defaults ("Default: 8000") do not apply to update: what is not given stays as recorded."""
    init, update = _options("init"), _options("update")
    for field in FIELDS:
        if field.name in FEATURES_BY_KEY:  # one --with for every feature: checked below
            continue
        label, _, _ = init[field.flag].partition(" Default:")
        assert update[field.flag].startswith(label.rsplit(".", 1)[0]), field.flag  # label and choices as init's
        assert "Default: the recorded answer (.cruft.json), kept" in update[field.flag], field.flag
        assert update[field.flag].count("Default:") == 1, f"{field.flag}: init's default shown too"
        assert "Default: the recorded answer" not in init[field.flag]
    assert update["--port"] == "Port (port). Default: the recorded answer (.cruft.json), kept."
    assert "Default: the recorded features (.cruft.json), kept." in update["--with"]
    assert "Default: ci, dependabot" in init["--with"] and "recorded" not in init["--with"]
    assert update["--database-version"].endswith(
        "Default: the recorded answer (.cruft.json), kept; with another --database, the first of that database."
    )


def test_update_help_in_korean_says_the_same(capsys) -> None:
    assert newproj.cli.app.main(["update", "--help", "--lang", "ko"]) == 0
    shown = " ".join(capsys.readouterr().out.replace("│", " ").split())
    assert "포트 (port). 기본값: 기록된 답(.cruft.json)을 그대로 씁니다." in shown
    assert "8000" not in shown and "My Django Project" not in shown
    assert "postgresql 17, mysql 8.4" not in shown  # init's database-version default


def test_a_project_that_cannot_be_written_exits_6_with_the_reason(generated, update, monkeypatch) -> None:
    project = generated(project_name="Blog")
    real_replace = os.replace

    def disk_full(source, destination):
        if str(destination).endswith("Dockerfile"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", disk_full)
    result = update(str(project), "--no-input", "--port", "9000")
    assert result.code == 6
    assert result.err == (
        f"error: could not write {project / 'Dockerfile'}: No space left on device; "
        "check the folder's permissions and free space\n"
    )
    assert record(project)["context"]["cookiecutter"]["port"] == 8000


def _tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_write_that_fails_leaves_every_file_as_it_was(generated, update, monkeypatch) -> None:
    """All or nothing: the update writes nothing into place until every file is written beside it,
    so a full disk halfway leaves the project as it was, with no staged file behind."""
    from pathlib import Path

    project = generated(project_name="Blog")
    before = _tree(project)
    real_write = Path.write_bytes
    written: list[str] = []

    def disk_full(self, data):
        if self.name.startswith(".docker-compose.yml"):  # the staged compose file, after others
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(self.name)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    result = update(str(project), "--no-input", "--port", "9000", "--with", "k8s,worker")
    assert result.code == 6, result.err
    assert result.err == (
        f"error: could not write {project / 'docker-compose.yml'}: No space left on device; "
        "check the folder's permissions and free space\n"
    )
    assert written, "the failure came after other files were staged"
    assert _tree(project) == before
    assert not (project / "deploy" / "k8s").exists()  # the folders made for new files are gone too


def test_a_file_where_the_update_needs_a_folder_is_named_before_anything_is_written(generated, update) -> None:
    project = generated(project_name="Blog")
    (project / "deploy").write_text("notes\n")
    before = _tree(project)
    result = update(str(project), "--no-input", "--port", "9000", "--with", "k8s")
    assert result.code == 2
    assert result.err == (
        "error: deploy is a file where newproj needs a folder; move or rename it, then run the command again\n"
    )
    assert _tree(project) == before


def test_a_folder_where_the_update_writes_a_file_is_named_before_anything_is_written(generated, update) -> None:
    project = generated(project_name="Blog")
    mine = project / "deploy" / "k8s" / "base" / "deployment.yaml"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("mine\n")
    before = _tree(project)
    result = update(str(project), "--no-input", "--allow-dirty", "--with", "k8s", "--lang", "ko")
    assert result.code == 2, result.err
    assert result.err.startswith(
        "error: deploy/k8s/base/deployment.yaml 은(는) 폴더인데 newproj 는 그 자리에 파일을 씁니다."
    )
    assert _tree(project) == before


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "error: git merge-file is needed to merge and failed (No such file or directory); install git"),
        ("ko", "error: 병합에 git merge-file 이 필요한데 실패했습니다 (No such file or directory). git 을 설치하세요"),
    ],
    ids=["en", "ko"],
)
def test_without_git_a_merge_exits_2_naming_git(generated, update, monkeypatch, tmp_path, lang, line) -> None:
    """A machine without git is a known condition with a known fix, not an unexpected error (exit 1)."""
    project = generated(project_name="Blog")
    compose = project / "docker-compose.yml"
    compose.write_text("# our own note\n" + compose.read_text())  # the update merges this file
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    bin_without_git = tmp_path / "bin"
    bin_without_git.mkdir()
    (bin_without_git / "python").symlink_to(sys.executable)
    monkeypatch.setenv("PATH", str(bin_without_git))
    assert shutil.which("git") is None

    result = update(str(project), "--no-input", "--port", "9000", "--lang", lang)
    assert (result.code, result.err) == (2, line + "\n")
    assert {path: path.read_bytes() for path in project.rglob("*") if path.is_file()} == before


def test_the_projects_own_importable_package_is_no_reason_to_refuse(generated, update, monkeypatch) -> None:
    """Run from the project folder (or with the project installed) its package is importable: the
    recorded name was accepted when the project was made and stays accepted."""
    project = generated(project_name="Blog")
    monkeypatch.syspath_prepend(str(project))
    monkeypatch.chdir(project)
    result = update("--no-input", "--port", "9000")
    assert result.code == 0, result.err
    assert record(project)["context"]["cookiecutter"]["port"] == 9000


def test_private_values_are_carried_drawn_or_rendered(tmp_path) -> None:
    from newproj.project.private import private_context

    (tmp_path / "cookiecutter.json").write_text(
        '{"port": 8000, "_raw": "{{ kept }}", "__dev_password": "{{ random_ascii_string(24) }}",'
        ' "__dev_key": "{{ random_ascii_string(12) }}", "__label": "{{ cookiecutter.port }}-x",'
        ' "__marked": "django-insecure-{{ random_ascii_string(20) }}", "__prompts__": {"port": "Port"}}'
    )
    private = private_context(tmp_path, {"__dev_key": "recorded"}, {"port": 9000})
    assert private["_raw"] == "{{ kept }}"
    assert private["__dev_key"] == "recorded"
    assert len(private["__dev_password"]) == 24 and private["__dev_password"].isalpha()
    marker, drawn = private["__marked"][:16], private["__marked"][16:]
    assert (marker, len(drawn), drawn.isalpha()) == ("django-insecure-", 20, True)
    assert private["__label"] == "9000-x"
    assert "__prompts__" not in private


def test_a_recorded_answer_the_model_no_longer_has_is_dropped(generated, update) -> None:
    project = generated(project_name="Blog")
    data = record(project)
    data["context"]["cookiecutter"]["use_celery"] = True  # an answer of some other release
    (project / ".cruft.json").write_text(json.dumps(data, indent=2) + "\n")
    result = update(str(project), "--no-input", "--port", "9000")
    assert result.code == 0, result.err
    assert "use_celery" not in record(project)["context"]["cookiecutter"]


def test_a_recorded_answer_the_model_refuses_names_the_record(generated, update) -> None:
    project = generated(project_name="Blog")
    data = record(project)
    data["context"]["cookiecutter"]["port"] = "eighty"
    (project / ".cruft.json").write_text(json.dumps(data, indent=2) + "\n")
    result = update(str(project), "--no-input")
    assert result.code == 2
    assert result.err == (
        "error: .cruft.json: port: 'eighty' is not a whole number; use a port from 1 to 65535, e.g. 8000\n"
    )


def test_help_is_korean_with_lang_ko(capsys) -> None:
    assert newproj.cli.app.main(["--lang", "ko", "update", "--help"]) == 0
    shown = capsys.readouterr().out
    assert "새 답이나 설치된 템플릿을 프로젝트에 3-way 병합으로 가져옵니다." in shown
    assert "업데이트할 프로젝트 (기본값: 지금 폴더)." in shown
