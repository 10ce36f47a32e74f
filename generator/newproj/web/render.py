"""One render per request, in its own temporary folder, packed as a zip, a tar.gz or a preview.

Runs in a worker process (see :mod:`newproj.web.pool`): the folder is removed in ``finally``
whatever happens (success, refusal, the time limit's alarm), and the time limit interrupts the
render itself, not only the wait for it. Standard library over newproj's public API.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import stat
import tarfile
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import newproj

KINDS = ("zip", "tgz", "preview")
#: Files larger than this are listed in a preview without their text (none of the template's is).
PREVIEW_TEXT_MAX = 256 * 1024
#: The folders of every request sit in one parent, so a test (and an operator) can see that none is left.
FOLDER_PREFIX = "newproj-serve-"


class RenderTimeout(BaseException):
    """The render took longer than its limit (a BaseException, so no `except Exception` in a library swallows it)."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise RenderTimeout()


def make(values: dict[str, Any], kind: str, seconds: float) -> tuple[str, bytes | dict[str, Any]]:
    """Render ``values`` (already checked) and pack it as ``kind``; return (slug, archive or preview).

    In a process's main thread the limit is a real-time alarm that interrupts the render; elsewhere
    (the thread pool used by tests) it is checked between the steps.
    """
    answers = newproj.build_answers(values)
    use_alarm = threading.current_thread() is threading.main_thread()
    deadline = time.monotonic() + seconds
    folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX)
    try:
        try:
            if use_alarm:
                signal.signal(signal.SIGALRM, _alarm)
                signal.setitimer(signal.ITIMER_REAL, seconds)
            project = Path(folder) / answers.project_slug
            newproj.generate(answers, project)
            if time.monotonic() > deadline:
                raise RenderTimeout()
            packed = _pack(project, answers.project_slug, kind)
            if time.monotonic() > deadline:
                raise RenderTimeout()
            return answers.project_slug, packed
        finally:
            # The alarm fires once: should it fire here, the outer finally still removes the folder.
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _entries(project: Path) -> list[tuple[str, Path, os.stat_result]]:
    """Every folder and regular file under ``project``, sorted, as (relative POSIX path, path, lstat).

    Links are never followed nor packed: only what is really in the folder goes out.
    """
    found = []
    for root, folders, files in os.walk(project):
        folders.sort()
        for name in [*folders, *sorted(files)]:
            path = Path(root) / name
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode):
                found.append((path.relative_to(project).as_posix(), path, info))
    return sorted(found)


def _pack(project: Path, slug: str, kind: str) -> bytes | dict[str, Any]:
    entries = _entries(project)
    if kind == "zip":
        return _zip(entries, slug)
    if kind == "tgz":
        return _tgz(entries, slug)
    return _preview(entries, slug)


def _zip(entries: list[tuple[str, Path, os.stat_result]], slug: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, path, info in entries:
            is_dir = stat.S_ISDIR(info.st_mode)
            entry = zipfile.ZipInfo(f"{slug}/{relative}" + ("/" if is_dir else ""), _zip_time(info))
            entry.external_attr = (stat.S_IFMT(info.st_mode) | stat.S_IMODE(info.st_mode)) << 16
            entry.create_system = 3  # Unix, so that unzip restores the modes (an executable stays one)
            if is_dir:
                entry.external_attr |= 0x10  # MS-DOS directory flag
                archive.writestr(entry, b"")
            else:
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, path.read_bytes())
    return buffer.getvalue()


def _zip_time(info: os.stat_result) -> tuple[int, int, int, int, int, int]:
    return time.gmtime(max(info.st_mtime, 315532800))[:6]  # zip cannot hold a time before 1980


def _tgz(entries: list[tuple[str, Path, os.stat_result]], slug: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as archive:
        for relative, path, info in entries:
            entry = tarfile.TarInfo(f"{slug}/{relative}")
            entry.mode = stat.S_IMODE(info.st_mode)
            entry.mtime = int(info.st_mtime)
            entry.uname = entry.gname = ""  # the service's user means nothing to whoever unpacks it
            if stat.S_ISDIR(info.st_mode):
                entry.type = tarfile.DIRTYPE
                archive.addfile(entry)
            else:
                data = path.read_bytes()
                entry.size = len(data)
                archive.addfile(entry, io.BytesIO(data))
    return buffer.getvalue()


def _preview(entries: list[tuple[str, Path, os.stat_result]], slug: str) -> dict[str, Any]:
    files = []
    for relative, path, info in entries:
        if stat.S_ISDIR(info.st_mode):
            continue
        data = path.read_bytes()
        text: str | None = None
        if len(data) <= PREVIEW_TEXT_MAX:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = None
        files.append(
            {"path": relative, "size": len(data), "executable": bool(info.st_mode & 0o111), "text": text}
        )
    return {"project": slug, "files": files}


def warm() -> None:
    """Import and compile what a render needs, so a worker's first request is as fast as the rest."""
    with tempfile.TemporaryDirectory(prefix=FOLDER_PREFIX) as folder:
        newproj.generate(newproj.build_answers({}), Path(folder) / "warm")
