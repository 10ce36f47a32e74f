"""``newproj update``: take new answers or a newer template into an existing project, three ways.

:func:`plan_update` renders the merge base (recorded answers, recorded release, from the snapshot the
wheel carries) and the new render (new answers, installed template), and merges them into the files
on disk in memory. :func:`apply_update` writes the result. The record (``.cruft.json``) is advanced
only when no conflict remains; otherwise the next record waits in ``.newproj-update.json`` until a
later run finds every conflict resolved.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newproj.envmerge import EnvMerge, dev_values_from_env, example_keys, merge_env, parse, retire_env
from newproj.errors import CannotWrite, UsageError
from newproj.merge import CONFLICT_START, FileChange, merge_trees
from newproj.origin import installed_origin
from newproj.record import RECORD_NAME, Record, read_record
from newproj.rerender import Rendering, load_model, render
from newproj.snapshots import cached_snapshot, released_versions, renames_between
from newproj.templates import django_template
from newproj.update_answers import INSTALLED_MODEL

ENV_NAME = ".env"
EXAMPLE_NAME = ".env.example"
DEV_ENV_NAME = "docker/dev.env"
PENDING_NAME = ".newproj-update.json"


@dataclass
class UpdatePlan:
    """What an update would do, before anything is written."""

    project: Path
    record: Record
    answers_before: dict[str, Any]
    answers_after: dict[str, Any]
    version_before: str
    version_after: str
    new_record: dict[str, Any]
    changes: list[FileChange] = field(default_factory=list)
    env: EnvMerge | None = None
    env_before: str = ""
    finishing: bool = False  # a run after conflicts: only the record is left to advance
    unresolved: list[str] = field(default_factory=list)

    def paths(self, action: str) -> list[str]:
        return [c.path for c in self.changes if c.action == action and not c.conflicted]

    @property
    def conflicted(self) -> list[str]:
        return self.unresolved or [c.path for c in self.changes if c.conflicted]

    @property
    def env_changed(self) -> bool:
        return self.env is not None and self.env.text != self.env_before


def _installed_version() -> str:
    return str(load_model(django_template(), INSTALLED_MODEL).TEMPLATE_VERSION)


def _base_render(record: Record) -> Rendering:
    version = record.template_version
    if version not in released_versions():
        raise UsageError("update_unknown_release", version=version, known=", ".join(released_versions()))
    template = cached_snapshot(version)
    model = load_model(template, f"newproj._release_{version}_answers")
    return render(template, model, record.answers, record.carried)


def _new_render(answers: dict[str, Any], carried: dict[str, Any]) -> Rendering:
    template = django_template()
    return render(template, load_model(template, INSTALLED_MODEL), answers, carried)


def _read(project: Path, relative: str) -> bytes | None:
    path = project / relative
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError as err:
        raise UsageError("update_unreadable", path=path, detail=err.strerror or err) from err


def _next_record(record: Record, new: Rendering) -> dict[str, Any]:
    """The new render's record, naming the installed template's git origin when there is one, and
    keeping where a cruft-made project's template comes from."""
    data = dict(new.record)
    origin = installed_origin()
    data["template"], data["commit"] = origin.template, origin.commit
    data["context"]["cookiecutter"]["_template"] = origin.template
    if "skip" in record.data:
        data["skip"] = record.data["skip"]
    if record.data.get("template") != data.get("template"):
        for key in ("template", "commit", "checkout", "directory"):
            if key in record.data:
                data[key] = record.data[key]
        data["context"]["cookiecutter"]["_template"] = record.data.get("template")
    return data


def check_clean(project: Path) -> None:
    """Refuse a git work tree with uncommitted changes under ``project`` (a merge would mix them)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(project), "status", "--porcelain", "--", "."], capture_output=True, text=True
        )
    except OSError:
        return
    if done.returncode == 0 and done.stdout.strip():
        raise UsageError("update_dirty", path=project)


def _pending(project: Path) -> dict[str, Any] | None:
    path = project / PENDING_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _finish_plan(project: Path, record: Record, pending: dict[str, Any]) -> UpdatePlan:
    left = [p for p in pending["conflicted"] if CONFLICT_START in (_read(project, p) or b"")]
    after = pending["record"]
    return UpdatePlan(
        project,
        record,
        record.answers,
        {k: v for k, v in after["context"]["cookiecutter"].items() if not k.startswith("_")},
        record.template_version,
        str(after.get("template_version", "")),
        after,
        finishing=True,
        unresolved=left,
    )


def plan_update(project: Path, overrides: dict[str, Any] | None = None, lang: str = "en") -> UpdatePlan:
    """Render both sides and merge them into ``project`` in memory; nothing is written."""
    project = project.absolute()
    record = read_record(project)
    pending = _pending(project)
    if pending is not None:
        if overrides:
            raise UsageError("update_pending", path=project / PENDING_NAME)
        return _finish_plan(project, record, pending)
    after = {**record.answers, **(overrides or {})}
    base = _base_render(record)
    drawn = {k: v for k, v in base.context.items() if k.startswith("__")}  # both renders agree
    env_before = (_read(project, ENV_NAME) or b"").decode()
    # A release-1 project kept its development values in .env; they move into docker/dev.env as they are.
    carried = {**dev_values_from_env(env_before), **record.carried}
    new = _new_render(after, {**drawn, **carried})
    version_after = _installed_version()
    declared = renames_between(record.template_version, version_after)
    moves = _slugged(declared, record.answers, after)
    changes = [
        c
        for c in merge_trees(base.files, new.files, lambda p: _read(project, p), moves)
        if not _skipped(record, c)
    ]
    env = _merge_env(env_before, base, new, record.answers.get("database") == after.get("database"), lang)
    changes = [c for c in changes if c.path != ENV_NAME]
    return UpdatePlan(
        project,
        record,
        record.answers,
        {k: v for k, v in new.context.items() if not k.startswith("_")},
        record.template_version,
        version_after,
        _next_record(record, new),
        changes,
        env,
        env_before,
    )


def _merge_env(ours: str, base: Rendering, new: Rendering, same_database: bool, lang: str) -> EnvMerge | None:
    """``.env`` by key: merged with the new render's, or, when the template stopped writing one,
    reduced to what still overrides something (None when there is nothing to do)."""
    base_env = base.files[ENV_NAME].data.decode() if ENV_NAME in base.files else ""
    if ENV_NAME in new.files:
        return merge_env(ours, base_env, new.files[ENV_NAME].data.decode(), lang)
    if ours and base_env and EXAMPLE_NAME in new.files:
        used = example_keys(new.files[EXAMPLE_NAME].data.decode())
        committed = parse(new.files[DEV_ENV_NAME].data.decode()) if DEV_ENV_NAME in new.files else {}
        return retire_env(ours, base_env, used, same_database, lang, committed)
    return None


def _slugged(declared: dict[str, str], before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """Declared moves as rendered paths: the old path with the old package name, the new with the new."""
    slug = "{{cookiecutter.project_slug}}"
    old_slug, new_slug = str(before.get("project_slug", "")), str(after.get("project_slug", ""))
    return {old.replace(slug, old_slug): new.replace(slug, new_slug) for old, new in declared.items()}


def _skipped(record: Record, change: FileChange) -> bool:
    """Paths the record's ``skip`` list (cruft's) keeps out of updates: a file or a folder."""
    skip = record.data.get("skip") or []
    return any(change.path == entry or change.path.startswith(entry.rstrip("/") + "/") for entry in skip)


def _write(path: Path, data: bytes, mode: int | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.newproj-tmp")
    staged.write_bytes(data)
    if mode is not None:
        os.chmod(staged, mode)
    elif path.exists():
        os.chmod(staged, path.stat().st_mode & 0o777)
    os.replace(staged, path)


def _remove(project: Path, relative: str) -> None:
    path = project / relative
    path.unlink()
    parent = path.parent
    while parent != project and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _record_text(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def apply_update(plan: UpdatePlan) -> None:
    """Write the plan into the project; the record moves on only when no conflict is left."""
    project = plan.project
    target = project
    try:
        for change in plan.changes:
            target = project / change.path
            if change.action == "removed":
                _remove(project, change.path)
            elif change.data is not None:
                _write(target, change.data, change.mode)
                if change.source:
                    target = project / change.source
                    _remove(project, change.source)
        if plan.env_changed and plan.env is not None:
            target = project / ENV_NAME
            _write(target, plan.env.text.encode(), None if plan.env_before else 0o600)
        if plan.conflicted:
            pending = {"record": plan.new_record, "conflicted": plan.conflicted}
            target = project / PENDING_NAME
            _write(target, _record_text(pending), None)
        else:
            target = project / RECORD_NAME
            _write(target, _record_text(plan.new_record), None)
            if (project / PENDING_NAME).exists():
                target = project / PENDING_NAME
                (project / PENDING_NAME).unlink()
    except OSError as err:
        raise CannotWrite(path=target, detail=err.strerror or err) from err


__all__ = ["PENDING_NAME", "UpdatePlan", "apply_update", "check_clean", "plan_update"]
