"""Place a rendered project into its target folder, all or nothing (or list what it would write)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newproj.answers import Answers, files_to_remove
from newproj.errors import CannotWrite, NewprojError, TargetExistsError, UsageError
from newproj.project.composename import ENV_FILE, env_text
from newproj.project.private import DEV_VALUES
from newproj.project.record import carried_values
from newproj.render.engine import build_context, list_files, render_into
from newproj.render.templates import django_template

#: Files a ``--force`` run leaves alone when they exist: new secrets would lock the
#: project out of the database volume created with the old ones.
KEEP_IF_PRESENT = (".env",)


@dataclass(frozen=True)
class GenerationResult:
    """What :func:`generate` wrote."""

    path: Path
    files: tuple[str, ...]
    kept: tuple[str, ...] = ()  # existing files left as they were (a personal .env under --force)
    replaced: tuple[str, ...] = ()  # existing files written over (under --force)


def _render(answers: Answers, output_dir: Path, carried: dict[str, str] | None = None) -> Path:
    """Render the installed template for ``answers`` into ``output_dir``; return the project folder.
    ``carried`` are recorded development values to render again (fresh ones are drawn when None)."""
    template = django_template()
    context = build_context(template, answers.to_context(), carried)
    return render_into(output_dir, template, context, files_to_remove(context))


def plan(answers: Answers, folder_name: str | None = None) -> tuple[str, ...]:
    """The files :func:`generate` would write into a folder named ``folder_name``, relative to it
    (writes nothing)."""
    try:
        with tempfile.TemporaryDirectory(prefix="newproj-plan-") as tmp:
            project = _render(answers, Path(tmp))
            _name_the_compose_project(project, folder_name or answers.project_slug, answers)
            return list_files(project)
    except OSError as err:
        raise _write_error(err, Path(tempfile.gettempdir())) from err


def _name_limits(path: Path) -> tuple[int, int]:
    """(longest name, longest path) in bytes on the file system that would hold ``path``."""
    existing = next((p for p in (path, *path.parents) if os.path.isdir(p)), Path("/"))
    limits = []
    for name, fallback in (("PC_NAME_MAX", 255), ("PC_PATH_MAX", 4096)):
        try:
            limits.append(os.pathconf(existing, name))
        except (OSError, ValueError):
            limits.append(fallback)
    return limits[0], limits[1]


def _shorten(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def check_name_length(target: Path) -> None:
    """Refuse a target whose name (or whole path) the file system cannot hold, before anything is made."""
    name_max, path_max = _name_limits(target)
    for folder in reversed(_missing_parents(target)):  # the names to be made, outermost first
        length = len(os.fsencode(folder.name))
        if length > name_max:
            raise UsageError(
                "target_name_too_long", name=_shorten(folder.name), length=length, limit=name_max
            )
    length = len(os.fsencode(str(target)))
    if length >= path_max:
        raise UsageError("target_path_too_long", name=_shorten(str(target)), length=length, limit=path_max)


def _write_error(err: OSError, fallback: Path) -> NewprojError:
    """The error to report for ``err``: a name too long is a usage error, the rest cannot-write."""
    path = err.filename if err.filename is not None else fallback
    if err.errno == errno.ENAMETOOLONG:
        name = os.fsdecode(path)
        return UsageError(
            "target_path_too_long",
            name=_shorten(name),
            length=len(os.fsencode(name)),
            limit=_name_limits(Path(name))[1],
        )
    return CannotWrite(path=path, detail=err.strerror or err)


def check_target(target: Path, force: bool = False) -> None:
    """Refuse a name too long, a target that is a file or lies under one, or a non-empty folder
    without ``force``. A path that cannot hold a folder is a usage error (choose another path), as
    a target that is a file is: nothing on the machine needs fixing, unlike a cannot-write."""
    check_name_length(target)
    try:
        missing = _missing_parents(target)
        nearest = missing[-1].parent if missing else target
        if missing and nearest.exists() and not nearest.is_dir():
            raise UsageError("target_under_file", path=target, parent=nearest)
        if (target.exists() or target.is_symlink()) and not target.is_dir():  # a dangling link too
            raise UsageError("target_not_dir", path=target)
        if target.is_dir() and any(target.iterdir()) and not force:
            raise TargetExistsError(target)
    except OSError as err:  # e.g. a parent folder we may not enter
        raise _write_error(err, target) from err


def in_the_way(project: Path, relative: str) -> UsageError | None:
    """The refusal when something of the user's stands where ``relative`` is to be written into
    ``project``: a file where a folder is needed, or a folder where the file goes. None when the
    path is free. (Found before anything is written, it is a usage error naming the path, not a
    failed write.)"""
    parts = Path(relative).parts
    for depth in range(1, len(parts)):
        folder = project.joinpath(*parts[:depth])
        if folder.is_dir():
            continue
        if folder.exists() or folder.is_symlink():
            return UsageError("file_in_the_way", path=Path(*parts[:depth]).as_posix())
        return None  # the rest is made new
    if (project / relative).is_dir():
        return UsageError("folder_in_the_way", path=relative)
    return None


class _Moves:
    """Rendered files moved into the target, with what they replaced set aside, so that a
    failure (or Ctrl-C) part-way can put the folder back exactly as it was."""

    def __init__(self, target: Path, backup: Path) -> None:
        self.target = target
        self.backup = backup
        self.placed: list[Path] = []
        self.saved: list[str] = []
        self.made: list[Path] = []

    def place(self, source: Path, relative: str) -> None:
        destination = self.target / relative
        self._make_folders(destination.parent)
        if os.path.lexists(destination):
            if destination.is_dir() and not destination.is_symlink():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(destination))
            saved = self.backup / relative
            saved.parent.mkdir(parents=True, exist_ok=True)
            os.rename(destination, saved)
            self.saved.append(relative)
        os.rename(source, destination)
        self.placed.append(destination)

    def _make_folders(self, folder: Path) -> None:
        missing = []
        while not os.path.lexists(folder):
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            new.mkdir()
            self.made.append(new)

    def undo(self) -> bool:
        """Remove what was placed and put back what was set aside; False if anything could not be."""
        complete = True
        steps = [
            *((os.remove, (path,)) for path in reversed(self.placed)),
            *((os.rename, (self.backup / rel, self.target / rel)) for rel in reversed(self.saved)),
            *((os.rmdir, (folder,)) for folder in reversed(self.made)),
        ]
        for step, args in steps:
            try:
                step(*args)
            except OSError:
                complete = False
        return complete


def existing_files(target: Path, files: Iterable[str]) -> tuple[str, ...]:
    """Those of ``files`` that ``target`` already holds: what ``--force`` writes over (``.env``
    apart, which it keeps)."""
    if not target.is_dir():
        return ()
    return tuple(f for f in files if f not in KEEP_IF_PRESENT and os.path.lexists(target / f))


def check_nothing_in_the_way(target: Path, files: Iterable[str]) -> None:
    """Refuse (exit 2) when a file or folder in an existing ``target`` stands where one of ``files``
    goes; nothing is written then."""
    if not target.is_dir():
        return
    for relative in files:
        if (refusal := in_the_way(target, relative)) is not None:
            raise refusal


def _missing_parents(path: Path) -> list[Path]:
    """``path`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    return missing


def generate(answers: Answers, target: Path | str, force: bool = False) -> GenerationResult:
    """Render the project for ``answers`` into ``target``.

    ``target`` must be missing or empty unless ``force`` is given; then only files the template
    produces are overwritten (an existing ``.env`` is kept) and nothing is deleted.

    All or nothing. A missing ``target`` is rendered beside it in a hidden folder that is renamed
    into place when complete. An existing one (empty, or with ``force``) is never deleted or
    renamed, so it may be a mount point or sit in a folder we may not write: the project is
    rendered in a hidden folder inside it (the same file system), then each file is moved into
    place, what it replaces being set aside first. If anything fails, or Ctrl-C arrives, every
    moved file is removed, every replaced one put back, and folders made for the run removed.
    (Should putting a file back fail too, the set-aside copies stay in ``target/.newproj-*``.)
    """
    with staged(answers, target, force) as staging:
        return staging.place()


class Staging:
    """A project rendered in its hidden folder, its files listed, not placed yet (see :func:`staged`)."""

    def __init__(self, target: Path, force: bool, work: Path, fresh: bool) -> None:
        self.target = target
        self.force = force
        self.fresh = fresh
        self.moves = _Moves(target, work / ".replaced")
        self.project = work
        self.files: tuple[str, ...] = ()
        self.result: GenerationResult | None = None

    def place(self) -> GenerationResult:
        """Move the staged project into its target, all or nothing (see :func:`generate`)."""
        kept = []
        try:
            if not os.path.lexists(self.target):
                os.rename(self.project, self.target)
            else:
                if self.fresh:  # made by someone else while the user was asked
                    check_target(self.target, self.force)
                check_nothing_in_the_way(self.target, self.files)
                for relative in self.files:
                    if self.force and relative in KEEP_IF_PRESENT and os.path.lexists(self.target / relative):
                        kept.append(relative)
                    else:
                        self.moves.place(self.project / relative, relative)
        except OSError as err:
            raise _write_error(err, self.target) from err
        self.result = GenerationResult(
            path=self.target, files=self.files, kept=tuple(kept), replaced=tuple(self.moves.saved)
        )
        return self.result


@contextlib.contextmanager
def staged(answers: Answers, target: Path | str, force: bool = False) -> Iterator[Staging]:
    """Render the project for ``answers`` in its hidden folder (beside ``target``, or inside it when
    it exists) and yield it: its ``files`` are what :meth:`Staging.place` writes. Leaving the block
    without placing (a cancelled confirmation, an error, Ctrl-C) removes everything staged; so
    ``init`` renders once, both for the confirmation's file list and for the files it writes."""
    target = Path(target).absolute()
    check_target(target, force)
    fresh = not os.path.lexists(target)
    created = _missing_parents(target.parent)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".newproj-", dir=target.parent if fresh else target))
    except OSError as err:
        _remove_empty(created)
        raise _write_error(OSError(err.errno, err.strerror), target) from err
    staging = Staging(target, force, work, fresh)
    try:
        try:
            project = _render(answers, work, carried_values(target, tuple(DEV_VALUES)) if force else None)
            _name_the_compose_project(project, target.name, answers)
            staging.project, staging.files = project, list_files(project)
        except OSError as err:
            raise _write_error(err, target) from err
        yield staging
    finally:
        if staging.result is not None or staging.moves.undo():
            shutil.rmtree(work, ignore_errors=True)
        if staging.result is None:
            _remove_empty(created)


def _name_the_compose_project(project: Path, folder_name: str, answers: Answers) -> None:
    """A folder whose name gives Compose no project name gets a ``.env`` naming it (see composename)."""
    text = env_text(folder_name, answers.project_slug, answers.language)
    if text is not None:
        (project / ENV_FILE).write_text(text, encoding="utf-8")


def _remove_empty(folders: list[Path]) -> None:
    """Remove each of ``folders`` (deepest first) that exists and is empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


__all__ = [
    "GenerationResult",
    "Staging",
    "check_nothing_in_the_way",
    "check_target",
    "existing_files",
    "generate",
    "in_the_way",
    "plan",
    "staged",
]
