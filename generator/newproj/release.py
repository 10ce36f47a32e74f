"""Cut a template release, in one step, for maintainers: ``python -m newproj.release``.

When the template differs from the newest snapshot, the next version number is written into the
answers model (``TEMPLATE_VERSION``) and ``cookiecutter.json``, then the template is stored as
``generator/newproj/releases/django-<version>.tar.gz``. ``--rename OLD=NEW`` (repeatable) records
a file the release moved (rendered paths, ``{{cookiecutter.project_slug}}`` allowed) so that
``newproj update`` carries a team's edits to the new path.

Run it from a source checkout (an editable install); commit the files it names.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from newproj.snapshots import (
    RELEASES_DIR,
    released_versions,
    snapshot_files,
    template_files,
    write_snapshot,
)
from newproj.templates import django_template

_VERSION_LINE = re.compile(r'^TEMPLATE_VERSION = "([0-9]+)"$', re.MULTILINE)
_JSON_VERSION = re.compile(r'("_newproj_template_version": )"([0-9]+)"')


@dataclass(frozen=True)
class Release:
    """What :func:`cut_release` did: the version, and the files it wrote (empty when nothing changed)."""

    version: str
    written: tuple[Path, ...]


def version_files(template_dir: Path, package_dir: Path | None = None) -> list[Path]:
    """The files holding ``TEMPLATE_VERSION = "N"``: the answers model in the template, or in the
    package beside ``releases/`` should it move there."""
    candidates = [
        *sorted(template_dir.rglob("*.py")),
        *(sorted(package_dir.glob("*.py")) if package_dir else []),
    ]
    return [
        path for path in candidates if path.name != "release.py" and _VERSION_LINE.search(path.read_text())
    ]


def current_version(template_dir: Path, package_dir: Path | None = None) -> str:
    """The ``TEMPLATE_VERSION`` the template declares."""
    for path in version_files(template_dir, package_dir):
        match = _VERSION_LINE.search(path.read_text())
        if match:
            return match.group(1)
    raise SystemExit(f"no TEMPLATE_VERSION line found under {template_dir}")


def is_released(template_dir: Path, releases_dir: Path = RELEASES_DIR) -> bool:
    """True when the template is byte for byte its newest snapshot, and declares that version."""
    versions = released_versions(releases_dir)
    if not versions or current_version(template_dir, releases_dir.parent) != versions[-1]:
        return False
    return template_files(template_dir) == snapshot_files(versions[-1], releases_dir)


def _bump(template_dir: Path, package_dir: Path, version: str) -> list[Path]:
    changed = []
    for path in version_files(template_dir, package_dir):
        path.write_text(_VERSION_LINE.sub(f'TEMPLATE_VERSION = "{version}"', path.read_text()))
        changed.append(path)
    cookiecutter_json = template_dir / "cookiecutter.json"
    text = cookiecutter_json.read_text(encoding="utf-8")
    if _JSON_VERSION.search(text):
        cookiecutter_json.write_text(_JSON_VERSION.sub(rf'\g<1>"{version}"', text), encoding="utf-8")
        changed.append(cookiecutter_json)
    return changed


def _record_renames(version: str, moves: dict[str, str], releases_dir: Path) -> Path:
    path = releases_dir / "renames.json"
    table = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    table.setdefault(version, {}).update(moves)
    path.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def cut_release(
    template_dir: Path, releases_dir: Path = RELEASES_DIR, moves: dict[str, str] | None = None
) -> Release:
    """Snapshot the template as the next version when it changed since the newest snapshot."""
    versions = released_versions(releases_dir)
    declared = current_version(template_dir, releases_dir.parent)
    if is_released(template_dir, releases_dir):
        return Release(versions[-1], ())
    written: list[Path] = []
    version = declared
    if versions and int(declared) <= int(versions[-1]):
        version = str(int(versions[-1]) + 1)
        written += _bump(template_dir, releases_dir.parent, version)
    if moves:
        written.append(_record_renames(version, moves, releases_dir))
    written.append(write_snapshot(template_dir, version, releases_dir))
    return Release(version, tuple(written))


def _parse_moves(values: list[str]) -> dict[str, str]:
    moves = {}
    for value in values:
        old, sep, new = value.partition("=")
        if not sep or not old or not new:
            raise SystemExit(f"--rename {value!r}: write OLD=NEW (paths inside a generated project)")
        moves[old] = new
    return moves


def main(argv: list[str] | None = None) -> int:
    """The maintainer command; prints what it wrote."""
    parser = argparse.ArgumentParser(prog="python -m newproj.release", description=__doc__.splitlines()[0])
    parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW")
    parser.add_argument("--check", action="store_true", help="exit 1 when the template needs a release")
    args = parser.parse_args(argv)
    template_dir = django_template()
    if args.check:
        released = is_released(template_dir)
        print("template is released" if released else "template changed: run python -m newproj.release")
        return 0 if released else 1
    release = cut_release(template_dir, moves=_parse_moves(args.rename))
    if not release.written:
        print(f"template unchanged since release {release.version}; nothing to do")
        return 0
    print(f"release {release.version}:")
    for path in release.written:
        print(f"  wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
