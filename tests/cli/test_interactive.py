"""The interactive path with the prompts stubbed (the real prompts: test_prompts, test_pty)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clikit import DEFAULTS, SLUG, Run, explode, one_json, write
from newproj.answers import Answers, build_answers
from newproj.render.place import plan

# --- the interactive path, with the prompts stubbed (the real ones: test_prompts, test_pty) ---------


def test_interactive_summary_confirmation_and_result(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch, free_port: int
) -> None:
    import newproj.cli.prompts

    seen: dict[str, Any] = {}

    def ask(given: Any, lang: str, defaults: dict[str, Any], **io: Any) -> Answers:
        seen.update(given=dict(given.values), sources=dict(given.sources), lang=lang, defaults=defaults)
        return build_answers({**DEFAULTS, **given.values, "database": "sqlite", "database_version": ""})

    def confirm(lang: str, **io: Any) -> bool:
        seen["confirm"] = lang
        return True

    monkeypatch.setattr(newproj.cli.prompts, "ask_missing", ask)
    monkeypatch.setattr(newproj.cli.prompts, "confirm", confirm)
    result = cli("init", "--port", str(free_port))
    assert result.code == 0, result.err
    assert seen == {
        "given": {"port": str(free_port)},
        "sources": {"port": "--port"},
        "lang": "en",
        "defaults": {"language": "en"},
        "confirm": "en",
    }
    lines = result.out_lines
    assert lines[0] == f"newproj will create {SLUG} with:"
    assert f"  Port                     {free_port}" in lines
    assert not any(line.startswith("  Database server version") for line in lines)  # not asked for SQLite
    count = sum(1 for p in (workdir / SLUG).rglob("*") if p.is_file())
    assert f"Files ({count}):" in lines
    assert lines[-5:] == [
        f"Created {SLUG} ({count} files).",
        "Next steps:",
        f"  cd {SLUG}",
        "  docker compose up --build",
        f"  open http://localhost:{free_port}/",
    ]


def test_interactive_korean_passes_the_language_to_the_prompts(
    cli: Run, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    seen: dict[str, Any] = {}

    def ask(given: Any, lang: str, defaults: dict[str, Any], **io: Any) -> dict[str, Any]:
        seen.update(lang=lang, defaults=defaults)
        raise KeyboardInterrupt

    monkeypatch.setattr(newproj.cli.prompts, "ask_missing", ask)
    cli("init", "--lang", "ko")
    assert seen == {"lang": "ko", "defaults": {"language": "ko"}}


def test_answers_file_values_are_given_to_the_prompts_with_their_source(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    seen: dict[str, Any] = {}

    def ask(given: Any, lang: str, defaults: dict[str, Any], **io: Any) -> dict[str, Any]:
        seen.update(values=dict(given.values), sources=dict(given.sources))
        raise KeyboardInterrupt

    monkeypatch.setattr(newproj.cli.prompts, "ask_missing", ask)
    write(workdir / "team.yml", "port: 8100\ndatabase: mysql\n")
    cli("init", "--answers", "team.yml", "--database", "sqlite")
    assert {name: str(value) for name, value in seen["values"].items()} == {
        "port": "8100",
        "database": "sqlite",
    }
    assert seen["sources"] == {"port": "team.yml: port", "database": "--database"}


def test_yes_skips_the_confirmation(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    monkeypatch.setattr(
        newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
    )
    monkeypatch.setattr(newproj.cli.prompts, "confirm", explode)
    result = cli("init", "--yes")
    assert result.code == 0, result.err
    assert result.out_lines[0].startswith(f"Created {SLUG} (")


def test_no_at_the_confirmation_writes_nothing(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    monkeypatch.setattr(
        newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
    )
    monkeypatch.setattr(newproj.cli.prompts, "confirm", lambda lang, **io: False)
    result = cli("init")
    assert result.code == 0
    assert result.out_lines[-1] == "cancelled; nothing was written"
    assert list(workdir.iterdir()) == []


def test_no_at_the_confirmation_with_json_still_gives_one_document(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    monkeypatch.setattr(
        newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
    )
    monkeypatch.setattr(newproj.cli.prompts, "confirm", lambda lang, **io: False)
    result = cli("init", "--json")
    assert result.code == 0
    assert result.err_lines[-1] == "cancelled; nothing was written"
    assert one_json(result.out) == {
        "answers": DEFAULTS,
        "features": ["ci", "dependabot", "pre-commit", "devcontainer"],
        "path": str(workdir / SLUG),
        "files": list(plan(build_answers(DEFAULTS))),
        "replaced": [],
        "dry_run": False,
        "written": False,
        "cancelled": True,
        "next_steps": [],
        "warnings": [],
    }
    assert list(workdir.iterdir()) == []


def test_the_confirmation_lists_the_one_render_it_then_places(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One render for the confirmation's file list and the files written: while the user is asked,
    the project waits in its hidden folder; confirmed, exactly those files are placed."""
    import cookiecutter.generate
    import newproj.cli.init
    import newproj.cli.prompts

    renders = []
    real = cookiecutter.generate.generate_files

    def counted(*args: Any, **kwargs: Any) -> Any:
        renders.append(kwargs.get("output_dir"))
        return real(*args, **kwargs)

    staged_while_asked: list[str] = []

    def confirm(lang: str, **io: Any) -> bool:
        staged_while_asked.extend(p.name for p in workdir.iterdir())
        return True

    listed: list[str] = []
    real_summary = newproj.cli.init.summary

    def summary(out: Any, answers: Any, target: Path, files: Any) -> None:
        listed.extend(files)
        real_summary(out, answers, target, files)

    monkeypatch.setattr(cookiecutter.generate, "generate_files", counted)
    monkeypatch.setattr(newproj.cli.init, "summary", summary)
    monkeypatch.setattr(
        newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
    )
    monkeypatch.setattr(newproj.cli.prompts, "confirm", confirm)
    result = cli("init")
    assert result.code == 0, result.err
    assert len(renders) == 1
    assert len(staged_while_asked) == 1 and staged_while_asked[0].startswith(".newproj-")
    written = sorted(p.relative_to(workdir / SLUG).as_posix() for p in (workdir / SLUG).rglob("*") if p.is_file())
    assert sorted(listed) == written
    assert [p.name for p in workdir.iterdir()] == [SLUG]


def test_ctrl_c_at_the_confirmation_leaves_nothing_staged(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    def interrupt(lang: str, **io: Any) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(
        newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
    )
    monkeypatch.setattr(newproj.cli.prompts, "confirm", interrupt)
    result = cli("init", str(workdir / "new" / "site"))
    assert result.code == 130
    assert list(workdir.iterdir()) == []  # neither the staged folder nor the parent made for it


def test_no_at_the_confirmation_with_force_leaves_the_folder_as_it_was(
    cli: Run, workdir: Path, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    target = workdir / "site"
    target.mkdir()
    write(target / "notes.txt", "mine\n")
    monkeypatch.setattr(
        newproj.cli.prompts, "ask_missing", lambda given, lang, defaults, **io: build_answers(DEFAULTS)
    )
    monkeypatch.setattr(newproj.cli.prompts, "confirm", lambda lang, **io: False)
    result = cli("init", str(target), "--force")
    assert result.code == 0, result.err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text() == "mine\n"


def test_no_input_never_prompts_even_on_a_terminal(
    cli: Run, tty_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newproj.cli.prompts

    monkeypatch.setattr(newproj.cli.prompts, "ask_missing", explode)
    monkeypatch.setattr(newproj.cli.prompts, "confirm", explode)
    result = cli("init", "--no-input")
    assert result.code == 0, result.err
