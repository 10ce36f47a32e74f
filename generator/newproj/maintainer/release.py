"""Cut a template release, in one step, for maintainers: ``python -m newproj.maintainer.release``.

When the template differs from the newest snapshot, the next version number is written into the
answers model (``TEMPLATE_VERSION`` in the module :mod:`newproj.answers.rules`, found by import),
the hooks and ``cookiecutter.json`` are generated again from it, then the template is stored as
``generator/newproj/releases/django-<version>.tar.gz``. ``--rename OLD=NEW`` (repeatable) records
a file the release moved (rendered paths, ``{{cookiecutter.project_slug}}`` allowed) so that
``newproj update`` carries a team's edits to the new path.

Run it from a source checkout (an editable install); commit the files it names.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from newproj.answers import rules
from newproj.render.snapshots import (
    RELEASES_DIR,
    content_digest,
    read_index,
    released_versions,
    snapshot_files,
    template_files,
    write_index,
    write_snapshot,
)
from newproj.render.templates import django_template

#: The module that declares ``TEMPLATE_VERSION``, wherever the package keeps it.
VERSION_FILE = Path(rules.__file__)
_VERSION_KEY = "_newproj_template_version"


@dataclass(frozen=True)
class Release:
    """What :func:`cut_release` did: the version, and the files it wrote (empty when nothing changed)."""

    version: str
    written: tuple[Path, ...]


def current_version(template_dir: Path) -> str:
    """The version the template declares (its ``cookiecutter.json``, generated from the model)."""
    return str(json.loads((template_dir / "cookiecutter.json").read_text(encoding="utf-8"))[_VERSION_KEY])


def is_released(template_dir: Path, releases_dir: Path = RELEASES_DIR) -> bool:
    """True when the template is byte for byte its newest snapshot, and declares that version."""
    versions = released_versions(releases_dir)
    if not versions or current_version(template_dir) != versions[-1]:
        return False
    return template_files(template_dir) == snapshot_files(versions[-1], releases_dir)


def _bump(template_dir: Path, version: str) -> list[Path]:
    """Declare ``version``: in the model, and the hooks generated from it, when ``template_dir`` is
    the package's own template; in ``cookiecutter.json`` in any case (a copy, in tests)."""
    changed = []
    if template_dir.resolve() == django_template().resolve():
        text = VERSION_FILE.read_text(encoding="utf-8")
        VERSION_FILE.write_text(
            text.replace(f'TEMPLATE_VERSION = "{rules.TEMPLATE_VERSION}"', f'TEMPLATE_VERSION = "{version}"', 1),
            encoding="utf-8",
        )
        # A fresh interpreter imports the model as it now is.
        subprocess.run([sys.executable, "-m", "newproj.maintainer.hookgen"], check=True, capture_output=True)
        changed += [VERSION_FILE, template_dir / "hooks" / "pre_gen_project.py", template_dir / "hooks" / "post_gen_project.py"]
    path = template_dir / "cookiecutter.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[_VERSION_KEY] = version
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*changed, path]


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
    declared = current_version(template_dir)
    if is_released(template_dir, releases_dir):
        return Release(versions[-1], ())
    written: list[Path] = []
    version = declared
    if versions and int(declared) <= int(versions[-1]):
        version = str(int(versions[-1]) + 1)
        written += _bump(template_dir, version)
    if moves:
        written.append(_record_renames(version, moves, releases_dir))
    written.append(write_snapshot(template_dir, version, releases_dir))
    index = read_index(releases_dir)
    index["releases"][version] = content_digest(template_files(template_dir))
    written.append(write_index(index, releases_dir))
    return Release(version, tuple(written))


# --- a number cut twice: keep each content, and which template commits carried it --------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _archive_files(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}  # type: ignore[union-attr]


def _template_at(repo: Path, commit: str, folder: str) -> dict[str, bytes]:
    """The template files at ``commit`` (as :func:`template_files` reads a folder); {} when absent."""
    done = _git(repo, "archive", commit, folder)
    if done.returncode != 0:
        return {}
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        return {
            m.name[len(folder) + 1 :]: archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile() and "__pycache__" not in m.name.split("/") and not m.name.endswith(".pyc")
        }


@dataclass(frozen=True)
class OtherCut:
    """Content once stored under release ``version`` that is not the release stored now."""

    version: str
    digest: str
    cut_in: str  # the commit that stored it
    commits: tuple[str, ...]  # template commits that carried it (declaring ``version``)

    @property
    def key(self) -> str:
        return f"{self.version}.{self.digest[:8]}"


def other_cuts(repo: Path, releases_dir: Path = RELEASES_DIR, template: str = "templates/django") -> list[OtherCut]:
    """From the history of HEAD (what is merged, so what ships): every content a release archive held
    that differs from the one stored now, with the template commits that carried it. Empty outside a
    git checkout."""
    folder = releases_dir.resolve().relative_to(repo.resolve()).as_posix()
    found: dict[tuple[str, str], str] = {}
    for version in released_versions(releases_dir):
        current = content_digest(snapshot_files(version, releases_dir))
        path = f"{folder}/django-{version}.tar.gz"
        for rev in _git(repo, "log", "HEAD", "--format=%H", "--", path).stdout.decode().split():
            blob = _git(repo, "show", f"{rev}:{path}")
            if blob.returncode == 0 and (digest := content_digest(_archive_files(blob.stdout))) != current:
                found.setdefault((version, digest), rev)
    if not found:
        return []
    carried: dict[tuple[str, str], list[str]] = {key: [] for key in found}
    for commit in _git(repo, "rev-list", "HEAD").stdout.decode().split():
        files = _template_at(repo, commit, template)
        if "cookiecutter.json" in files:
            version = str(json.loads(files["cookiecutter.json"]).get("_newproj_template_version", ""))
            if (version, content_digest(files)) in carried:
                carried[(version, content_digest(files))].append(commit)
    return [OtherCut(v, d, rev, tuple(sorted(carried[(v, d)]))) for (v, d), rev in sorted(found.items())]


def keep_other_cuts(repo: Path, releases_dir: Path = RELEASES_DIR, template: str = "templates/django") -> list[Path]:
    """Store each other cut under its content name and map the commits that carried it."""
    written: list[Path] = []
    index = read_index(releases_dir)
    for cut in other_cuts(repo, releases_dir, template):
        blob = _git(repo, "show", f"{cut.cut_in}:{releases_dir.resolve().relative_to(repo.resolve()).as_posix()}"
                    f"/django-{cut.version}.tar.gz")
        target = releases_dir / f"django-{cut.key}.tar.gz"
        target.write_bytes(blob.stdout)
        written.append(target)
        index["commits"].update({commit: cut.key for commit in cut.commits})
    for version in released_versions(releases_dir):
        index["releases"][version] = content_digest(snapshot_files(version, releases_dir))
    written.append(write_index(index, releases_dir))
    return written


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
    parser = argparse.ArgumentParser(prog="python -m newproj.maintainer.release", description=__doc__.splitlines()[0])
    parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW")
    parser.add_argument("--check", action="store_true", help="exit 1 when the template needs a release")
    parser.add_argument(
        "--keep-other-cuts",
        action="store_true",
        help="store every other content a release number was cut with (from git history) and map its commits",
    )
    args = parser.parse_args(argv)
    template_dir = django_template()
    if args.keep_other_cuts:
        repo = Path(__file__).resolve().parents[3]
        for path in keep_other_cuts(repo):
            print(f"  wrote {path}")
        return 0
    if args.check:
        released = is_released(template_dir)
        print("template is released" if released else "template changed: run python -m newproj.maintainer.release")
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
