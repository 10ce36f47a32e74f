"""Write an update's plan into the project. The record (``.cruft.json``) is advanced only when no
conflict remains; otherwise the next record waits in ``.newproj-update.json`` until a later run
finds every conflict resolved."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from newproj.answers.prune import remove_file
from newproj.errors import CannotWrite
from newproj.project.record import RECORD_NAME, record_text
from newproj.render.place import in_the_way
from newproj.update.plan import ENV_NAME, PENDING_NAME, UpdatePlan

#: The suffix of a file written beside its final path before every file is in place.
STAGED_SUFFIX = ".newproj-tmp"


class _Staging:
    """Files written beside their final paths, moved into place only once all of them are written:
    a failure before that (a full disk, a permission) removes what was staged and the folders made
    for it, and leaves the project as it was."""

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []  # (staged file, final path)
        self.made: list[Path] = []  # folders made for them, outermost first

    def write(self, path: Path, data: bytes, mode: int | None) -> None:
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            self.made.append(folder)
        staged = path.with_name(f".{path.name}{STAGED_SUFFIX}")
        self.staged.append((staged, path))
        staged.write_bytes(data)
        if mode is not None:
            os.chmod(staged, mode)
        elif path.exists():
            os.chmod(staged, path.stat().st_mode & 0o777)

    def discard(self) -> None:
        for staged, _ in self.staged:
            with contextlib.suppress(OSError):
                staged.unlink()
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def commit(self) -> None:
        """Move every staged file into place (a rename: no space is needed). Should one fail, the
        staged files not yet moved are removed and the error names the final path."""
        for index, (staged, path) in enumerate(self.staged):
            try:
                os.replace(staged, path)
            except OSError as err:
                for rest, _ in self.staged[index:]:
                    with contextlib.suppress(OSError):
                        rest.unlink()
                err.filename = str(path)
                raise


def _remove(project: Path, relative: str) -> None:
    (project / relative).unlink()
    remove_file(str(project), relative)  # and the folders it leaves empty


def apply_update(plan: UpdatePlan) -> None:
    """Write the plan into the project, all or nothing; the record moves on only when no conflict
    is left.

    Raises :class:`UsageError` before anything is written when a file or folder of the user's
    stands where the update writes, and :class:`CannotWrite` when writing fails (nothing changed)."""
    project = plan.project
    writes: list[tuple[str, bytes, int | None]] = [
        (change.path, change.data, change.mode)
        for change in plan.changes
        if change.action != "removed" and change.data is not None
    ]
    if plan.env_changed and plan.env is not None:
        writes.append((ENV_NAME, plan.env.text.encode(), None if plan.env_before else 0o600))
    if plan.conflicted:
        pending = {"record": plan.new_record, "conflicted": plan.conflicted}
        writes.append((PENDING_NAME, record_text(pending).encode(), None))
    else:
        writes.append((RECORD_NAME, record_text(plan.new_record).encode(), None))
    removed = {change.path for change in plan.changes if change.action == "removed"}
    for relative, _, _ in writes:
        if (refusal := in_the_way(project, relative)) is not None and refusal.params["path"] not in removed:
            raise refusal
    staging = _Staging()
    target = project
    try:
        for relative, data, mode in writes:
            target = project / relative
            staging.write(target, data, mode)
    except OSError as err:
        staging.discard()
        raise CannotWrite(path=target, detail=err.strerror or err) from err
    try:
        try:
            staging.commit()
        except OSError as err:
            target = Path(err.filename)
            raise
        for change in plan.changes:
            target = project / change.path
            if change.action == "removed":
                _remove(project, change.path)
            elif change.data is not None and change.source:
                target = project / change.source
                _remove(project, change.source)
        if not plan.conflicted and (project / PENDING_NAME).exists():
            target = project / PENDING_NAME
            (project / PENDING_NAME).unlink()
    except OSError as err:
        raise CannotWrite(path=target, detail=err.strerror or err) from err


__all__ = ["apply_update"]
