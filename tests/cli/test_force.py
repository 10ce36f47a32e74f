"""`--force`: overwrite template files only, leave a personal `.env` alone, delete nothing."""

from __future__ import annotations

from pathlib import Path

from clikit import Run
from newproj.answers import build_answers
from newproj.render.place import plan

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
    assert not any("kept your existing .env" in line for line in result.err_lines)  # .env is not rendered
    assert (target / "README.md").read_text(encoding="utf-8") != "old readme"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (target / ".env").read_text(encoding="utf-8") == "MINE=1\n"
    assert (target / "docker" / "db" / "mysql-init.sql").read_text(encoding="utf-8") == "-- mine\n"
    for relative in plan(build_answers({})):
        assert (target / relative).is_file(), relative
    assert not [p.name for p in workdir.iterdir() if p.name.startswith(".newproj-")]


def test_force_into_a_folder_without_env_writes_none(cli: Run, workdir: Path) -> None:
    """.env is optional, for personal overrides: newproj never writes one."""
    target = workdir / "proj"
    target.mkdir()
    (target / "notes.txt").write_text("my notes", encoding="utf-8")
    result = cli("init", "--no-input", "--force", "proj")
    assert result.code == 0, result.err
    assert not (target / ".env").exists()
    assert (target / ".env.example").is_file()
