"""Released template versions the wheel carries, so ``newproj update`` can render any of them offline.

Each release is one file, ``newproj/releases/django-<version>.tar.gz``: the template folder as it was
at that release (template files, ``cookiecutter.json``, hooks and the answers model with its
post-generation rules). ``releases/renames.json`` maps, per release, the rendered paths that release
moved (``{"2": {"old/path": "new/path"}}``); ``newproj update`` also detects renames by content.

A release number names one template: ``releases/index.json`` records the digest of each release's
content (``"releases"``). A number once cut with other content (two branches each cutting it, or a
cut made again) keeps that content too, named by it (``django-3.f6b8622c.tar.gz``), and
``"commits"`` maps the template commits that carried it (what ``cruft create`` records) to it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

RELEASES_DIR = Path(__file__).resolve().parent.parent / "releases"
_ARCHIVE = re.compile(r"django-([0-9]+)\.tar\.gz")
#: Files of a template folder that are no part of a release (byte code pip or Python leaves).
_SKIP_PARTS = ("__pycache__",)
#: Written last into an unpacked snapshot in the cache: the unpacking finished.
_COMPLETE = ".newproj-complete"


INDEX_NAME = "index.json"


def content_digest(files: dict[str, bytes]) -> str:
    """The SHA-256 of a template's files (names and contents): what a release number stands for."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def read_index(releases_dir: Path = RELEASES_DIR) -> dict[str, dict[str, str]]:
    """``{"releases": {version: digest}, "commits": {commit: snapshot key}}`` (empty when absent)."""
    path = releases_dir / INDEX_NAME
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return {"releases": data.get("releases", {}), "commits": data.get("commits", {})}


def write_index(index: dict[str, dict[str, str]], releases_dir: Path = RELEASES_DIR) -> Path:
    path = releases_dir / INDEX_NAME
    path.write_text(json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def base_key(version: str, commit: str | None, releases_dir: Path = RELEASES_DIR) -> str:
    """The snapshot a project's record renders its merge base from: the content its template commit
    carried when that differs from the release stored under its number, else the release."""
    commits = read_index(releases_dir)["commits"]
    return commits.get(commit or "", version)


def _version_key(version: str) -> int:
    return int(version) if version.isdigit() else -1


def released_versions(releases_dir: Path = RELEASES_DIR) -> list[str]:
    """The template versions with a snapshot, oldest first."""
    found = [m.group(1) for p in releases_dir.glob("django-*.tar.gz") if (m := _ARCHIVE.fullmatch(p.name))]
    return sorted(found, key=_version_key)


def snapshot_path(version: str, releases_dir: Path = RELEASES_DIR) -> Path:
    """Where the snapshot of ``version`` lives (whether or not it exists)."""
    return releases_dir / f"django-{version}.tar.gz"


def template_files(template_dir: Path) -> dict[str, bytes]:
    """The files of a template folder that a release keeps, by POSIX path relative to the folder."""
    files = {}
    for path in sorted(template_dir.rglob("*")):
        relative = path.relative_to(template_dir)
        if path.is_file() and not any(part in _SKIP_PARTS for part in relative.parts):
            if path.suffix != ".pyc":
                files[relative.as_posix()] = path.read_bytes()
    return files


def snapshot_files(version: str, releases_dir: Path = RELEASES_DIR) -> dict[str, bytes]:
    """The files stored in the snapshot of ``version``."""
    with tarfile.open(snapshot_path(version, releases_dir), "r:gz") as archive:
        return {
            member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile()
        }


def write_snapshot(template_dir: Path, version: str, releases_dir: Path = RELEASES_DIR) -> Path:
    """Store ``template_dir`` as the snapshot of ``version``, byte for byte reproducible."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in template_files(template_dir).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o755 if (template_dir / name).stat().st_mode & 0o111 else 0o644
            archive.addfile(info, io.BytesIO(data))
    target = snapshot_path(version, releases_dir)
    releases_dir.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as packed:
        packed.write(buffer.getvalue())
    return target


def extract_snapshot(version: str, destination: Path, releases_dir: Path = RELEASES_DIR) -> Path:
    """Unpack the snapshot of ``version`` into ``destination``; return the template folder."""
    with tarfile.open(snapshot_path(version, releases_dir), "r:gz") as archive:
        try:
            archive.extractall(destination, filter="data")
        except TypeError:  # Python without extraction filters (before 3.10.12 / 3.11.4)
            archive.extractall(destination)  # noqa: S202 - our own archive, shipped in the wheel
    return destination


def cached_snapshot(version: str, releases_dir: Path = RELEASES_DIR) -> Path:
    """The snapshot of ``version`` unpacked once into the user's cache folder (keyed on the archive's
    digest, so a changed archive is unpacked again). A stable path lets Jinja's bytecode cache
    serve the release's compiled templates on every later run. Falls back to a fresh temporary
    folder when the cache cannot be written."""
    archive = snapshot_path(version, releases_dir)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()[:16]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "newproj" / "releases" / f"django-{version}-{digest}"
    if (folder / _COMPLETE).is_file():
        return folder
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=folder.parent))
        extract_snapshot(version, staging, releases_dir)
        (staging / _COMPLETE).write_text(digest)
        try:
            staging.rename(folder)
        except OSError:  # another run unpacked it first
            shutil.rmtree(staging, ignore_errors=True)
        return folder
    except OSError:
        return extract_snapshot(version, Path(tempfile.mkdtemp(prefix="newproj-release-")), releases_dir)


def renames(releases_dir: Path = RELEASES_DIR) -> dict[str, dict[str, str]]:
    """Per release, the rendered paths it moved: ``{version: {old: new}}``."""
    path = releases_dir / "renames.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def renames_between(old: str, new: str, releases_dir: Path = RELEASES_DIR) -> dict[str, str]:
    """The moves from release ``old`` to ``new``, chained (a → b in 2 and b → c in 3 give a → c)."""
    moved: dict[str, str] = {}
    for version, mapping in sorted(renames(releases_dir).items(), key=lambda item: _version_key(item[0])):
        if _version_key(old) < _version_key(version) <= _version_key(new):
            earlier_targets = set(moved.values())  # paths the old release did not have
            moved = {source: mapping.get(target, target) for source, target in moved.items()}
            for source, target in mapping.items():
                if source not in earlier_targets:
                    moved.setdefault(source, target)
    return moved


__all__ = [
    "INDEX_NAME",
    "RELEASES_DIR",
    "base_key",
    "cached_snapshot",
    "content_digest",
    "extract_snapshot",
    "read_index",
    "released_versions",
    "renames",
    "renames_between",
    "snapshot_files",
    "snapshot_path",
    "template_files",
    "write_index",
    "write_snapshot",
]
