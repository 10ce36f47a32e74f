"""Write an update's plan into the project. The record (``.cruft.json``) is advanced only when no
conflict remains; otherwise the next record waits in ``.newproj-update.json`` until a later run
finds every conflict resolved."""

from __future__ import annotations

import os
from pathlib import Path

from newproj.answers.prune import remove_file
from newproj.errors import CannotWrite
from newproj.project.record import RECORD_NAME, record_text
from newproj.update.plan import ENV_NAME, PENDING_NAME, UpdatePlan


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
    (project / relative).unlink()
    remove_file(str(project), relative)  # and the folders it leaves empty


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
            _write(target, record_text(pending).encode(), None)
        else:
            target = project / RECORD_NAME
            _write(target, record_text(plan.new_record).encode(), None)
            if (project / PENDING_NAME).exists():
                target = project / PENDING_NAME
                (project / PENDING_NAME).unlink()
    except OSError as err:
        raise CannotWrite(path=target, detail=err.strerror or err) from err


__all__ = ["apply_update"]
