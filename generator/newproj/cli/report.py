"""What ``newproj init`` tells a person (stdout, or stderr under ``--json``) and a script (one JSON document)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import typer

from newproj.answers import FIELDS, FIELDS_BY_NAME, Answers, warnings_for
from newproj.answers.features import FEATURES_BY_KEY
from newproj.doctor.ports import port_in_use
from newproj.messages import t
from newproj.messages.core import display_width, pad


@dataclass(frozen=True)
class Output:
    """Where people's text goes: stdout, or stderr when stdout carries JSON."""

    lang: str
    json_mode: bool

    def say(self, text: str = "") -> None:
        typer.echo(text, err=self.json_mode)

    def warn(self, text: str) -> None:
        typer.echo(t("warning", self.lang, text=text), err=True)


def warnings(answers: Answers, lang: str) -> list[str]:
    """What deserves a word before writing: the model's warnings, a port already taken."""
    found = [w.message(lang, FIELDS_BY_NAME[w.field].flag) for w in warnings_for(answers)]
    if port_in_use(answers.port):
        found.append(t("port_in_use", lang, port=answers.port))
    return found


def display(target: Path) -> str:
    """``target`` relative to the current folder when it is inside it."""
    try:
        return str(target.relative_to(Path.cwd()))
    except ValueError:
        return str(target)


def next_steps(answers: Answers, target: Path, lang: str) -> list[str]:
    return [
        t("step_cd", lang, path=display(target)),
        t("step_up", lang),
        t("step_open", lang, port=answers.port),
    ]


def summary(out: Output, answers: Answers, target: Path, files: tuple[str, ...]) -> None:
    """The answers that apply and the file tree, before a confirmation or for ``--dry-run``."""
    out.say(t("summary_title", out.lang, path=display(target)))
    values = answers.to_context()
    questions = [field for field in FIELDS if field.name not in FEATURES_BY_KEY]
    title = t("features_title", out.lang)
    width = max(display_width(text) for text in [*(field.label[out.lang] for field in questions), title])
    for field in questions:
        if field.asked(values):
            out.say(f"  {pad(field.label[out.lang], width)}  {values[field.name]}")
    out.say(f"  {pad(title, width)}  {', '.join(answers.features) or t('features_none', out.lang)}")
    out.say(t("summary_files", out.lang, count=len(files)))
    for line in format_tree(target.name, files):
        out.say(f"  {line}")


def done(out: Output, answers: Answers, target: Path, count: int) -> None:
    out.say(t("done", out.lang, path=display(target), count=count))
    out.say(t("next_steps", out.lang))
    for step in next_steps(answers, target, out.lang):
        out.say(f"  {step}")


def emit_json(
    out: Output,
    answers: Answers,
    target: Path,
    files: tuple[str, ...],
    found_warnings: list[str],
    *,
    written: bool,
    cancelled: bool = False,
    dry_run: bool = False,
    replaced: tuple[str, ...] = (),
) -> None:
    """The one JSON document of ``--json`` (nothing without it). ``replaced``: the files there
    before that ``--force`` writes over (or, in a dry run, would)."""
    if not out.json_mode:
        return
    document = {
        "answers": answers.to_context(),
        "features": list(answers.features),
        "path": str(target),
        "files": list(files),
        "replaced": list(replaced),
        "dry_run": dry_run,
        "written": written,
        "cancelled": cancelled,
        "next_steps": next_steps(answers, target, out.lang) if written else [],
        "warnings": found_warnings,
    }
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))

def shown(paths: tuple[str, ...], limit: int = 5) -> str:
    """The first ``limit`` of ``paths``, comma-separated, with "…" when there are more."""
    return ", ".join(paths[:limit]) + (", …" if len(paths) > limit else "")


def format_tree(root: str, files: tuple[str, ...] | list[str]) -> list[str]:
    """Lines of an indented tree of ``files`` (relative posix paths) under ``root``."""
    lines = [f"{root}/"]
    shown: set[str] = set()
    for path in sorted(files):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in shown:
                shown.add(folder)
                lines.append("  " * depth + parts[depth - 1] + "/")
        lines.append("  " * len(parts) + parts[-1])
    return lines
