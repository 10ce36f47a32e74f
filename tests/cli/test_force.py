"""`--force`: overwrite template files only, keep `.env`, delete nothing."""

from __future__ import annotations

from pathlib import Path

from clikit import Run
from newproj.model import build_answers
from newproj.render import plan

# --- --force -------------------------------------------------------------------------------


def test_force_overwrites_template_files_only_and_deletes_nothing(cli: Run, workdir: Path) -> None:
    target = workdir / "proj"
    (target / "docker" / "db").mkdir(parents=True)
    (target / "README.md").write_text("old readme", encoding="utf-8")
    (target / "notes.txt").write_text("my notes", encoding="utf-8")
    (target / ".env").write_text("MINE=1\n", encoding="utf-8")
    (target / "docker" / "db" / "mysql-init.sql").write_text("-- mine\n", encoding="utf-8")
    result = cli("init", "--no-input", "--force", "proj")
    assert result.code == 0, result.err
    assert "warning: kept your existing .env (its secrets match your database volume)" in result.err_lines
    assert (target / "README.md").read_text(encoding="utf-8") != "old readme"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (target / ".env").read_text(encoding="utf-8") == "MINE=1\n"
    assert (target / "docker" / "db" / "mysql-init.sql").read_text(encoding="utf-8") == "-- mine\n"
    for relative in plan(build_answers({})):
        assert (target / relative).is_file(), relative
    assert not [p.name for p in workdir.iterdir() if p.name.startswith(".newproj-")]


def test_force_into_a_folder_without_env_writes_a_fresh_one(cli: Run, workdir: Path) -> None:
    target = workdir / "proj"
    target.mkdir()
    (target / "notes.txt").write_text("my notes", encoding="utf-8")
    result = cli("init", "--no-input", "--force", "proj")
    assert result.code == 0, result.err
    assert "DJANGO_SECRET_KEY=" in (target / ".env").read_text(encoding="utf-8")
    assert not any("kept your existing .env" in line for line in result.err_lines)
