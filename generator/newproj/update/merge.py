"""Three-way merges: one file with ``git merge-file``, and a whole project file by file.

base = the recorded answers rendered with the recorded release; theirs = the new render; ours =
the files on disk. Overlapping changes get conflict markers inside the file, never a ``.rej`` file,
and the user's own lines are never moved out of it.
"""

from __future__ import annotations

import difflib
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newproj.errors import NewprojError, UsageError
from newproj.render.engine import RenderedFile

OURS_LABEL = "your project"
THEIRS_LABEL = "newproj update"
CONFLICT_START = f"<<<<<<< {OURS_LABEL}".encode()
#: How alike a dropped and an added file must be to count as a rename.
RENAME_SIMILARITY = 0.6


class MergeToolMissing(NewprojError):
    """``git merge-file`` is not available."""

    key = "update_no_git"


@dataclass(frozen=True)
class Merged:
    data: bytes
    conflicted: bool


@dataclass(frozen=True)
class FileChange:
    """One file's fate: ``changed``, ``added``, ``removed``, ``renamed`` or ``kept`` (dropped, but edited)."""

    path: str
    action: str
    data: bytes | None = None
    mode: int | None = None
    conflicted: bool = False
    source: str | None = None  # the old path of a rename


def merge3(ours: bytes, base: bytes, theirs: bytes) -> Merged:
    """Merge ``theirs``' changes since ``base`` into ``ours``; conflicts become markers."""
    if ours == base or ours == theirs:
        return Merged(theirs, False)
    if base == theirs:
        return Merged(ours, False)
    with tempfile.TemporaryDirectory(prefix="newproj-merge-") as tmp:
        paths = []
        for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(str(path))
        labels = ["-L", OURS_LABEL, "-L", "base", "-L", THEIRS_LABEL]
        try:
            done = subprocess.run(["git", "merge-file", "-p", *labels, *paths], capture_output=True)
        except OSError as err:  # no git on this machine: a usage error, with its fix in the message
            raise UsageError("update_no_git", detail=err.strerror or err) from err
    if done.returncode < 0 or done.returncode > 127:
        raise MergeToolMissing(detail=done.stderr.decode(errors="replace").strip())
    return Merged(done.stdout, done.returncode > 0)


def _similarity(a: bytes, b: bytes) -> float:
    matcher = difflib.SequenceMatcher(None, a.decode(errors="replace"), b.decode(errors="replace"), False)
    return matcher.ratio() if matcher.quick_ratio() >= RENAME_SIMILARITY else 0.0


def find_renames(
    base: Mapping[str, RenderedFile], theirs: Mapping[str, RenderedFile], declared: Mapping[str, str]
) -> dict[str, str]:
    """Dropped path → added path: the moves a release declared, then look-alikes by content."""
    dropped = [path for path in base if path not in theirs]
    added = [path for path in theirs if path not in base]
    moves = {old: new for old, new in declared.items() if old in dropped and new in added}
    for old in dropped:
        if old in moves:
            continue
        # Ties (two empty __init__.py files are equally alike) go to the same name, then the closer path.
        scores = [
            (
                _similarity(base[old].data, theirs[new].data),
                _same_name(old, new),
                _path_likeness(old, new),
                new,
            )
            for new in added
            if new not in moves.values()
        ]
        best = max(scores, default=(0.0, False, 0.0, ""))
        if best[0] >= RENAME_SIMILARITY:
            moves[old] = best[-1]
    return moves


def _same_name(a: str, b: str) -> bool:
    return a.rsplit("/", 1)[-1] == b.rsplit("/", 1)[-1]


def _path_likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, False).ratio()


def merge_trees(
    base: Mapping[str, RenderedFile],
    theirs: Mapping[str, RenderedFile],
    read_ours: Callable[[str], bytes | None],
    declared_renames: Mapping[str, str],
) -> list[FileChange]:
    """What to do to each file so that the project takes the update; nothing for untouched files.

    ``read_ours(path)`` gives a file on disk, or None when it is missing.
    """
    moves = find_renames(base, theirs, declared_renames)
    targets = set(moves.values())
    changes: list[FileChange] = []
    for path in sorted(set(base) | set(theirs)):
        ours = read_ours(path)
        if path in moves:
            changes += _moved(path, moves[path], base[path], theirs[moves[path]], ours, read_ours)
        elif path in targets:
            continue
        elif path in base and path in theirs:
            if ours is not None and base[path].data != theirs[path].data:
                merged = merge3(ours, base[path].data, theirs[path].data)
                if merged.data != ours:
                    changes.append(FileChange(path, "changed", merged.data, None, merged.conflicted))
        elif path in theirs:  # the template added it
            changes += _added(path, theirs[path], ours)
        elif ours is not None:  # the template dropped it
            changes.append(FileChange(path, "removed" if ours == base[path].data else "kept"))
    return changes


def _added(path: str, new: RenderedFile, ours: bytes | None) -> list[FileChange]:
    if ours is None:
        return [FileChange(path, "added", new.data, new.mode)]
    if ours == new.data:
        return []
    merged = merge3(ours, b"", new.data)  # the team made a file of the same name: both sides show
    return [FileChange(path, "changed", merged.data, None, merged.conflicted)]


def _moved(
    old: str,
    new: str,
    base: RenderedFile,
    theirs: RenderedFile,
    ours: bytes | None,
    read_ours: Callable[[str], bytes | None],
) -> list[FileChange]:
    if ours is None:  # the user deleted it: it stays deleted under its new name too
        return []
    merged = merge3(ours, base.data, theirs.data)
    if read_ours(new) is not None:
        merged = merge3(read_ours(new) or b"", b"", merged.data)
    return [FileChange(new, "renamed", merged.data, theirs.mode, merged.conflicted, source=old)]


__all__ = ["CONFLICT_START", "FileChange", "Merged", "find_renames", "merge3", "merge_trees"]
