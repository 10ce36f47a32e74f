"""Build offline stand-ins for the python:<X.Y>-slim, postgres, mariadb and mysql images.

There is no container registry here, so the images the generated projects name are built
locally from Debian packages (see README.md). Each image is built only when missing or
out of date (label org.newproj.standin.hash); debootstrapped root file systems are cached
under $NEWPROJ_STANDIN_CACHE (default /var/cache/newproj-standins).

    python .ci/standins/build.py --python 3.11 3.13 \\
        --db postgres:17 mariadb:11.8 mysql:8.4 --requirements a.txt b.txt [--smoke]

or, from Python: ensure_images(["3.11", "3.13"], ["postgres:17"], [Path("a.txt")]).
"""

if __name__ == "__main__" and not __package__:
    # Run as a file: import this module as part of its package, then run it.
    import sys as _sys
    from pathlib import Path as _Path

    _sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))
    from standins.build import main as _main

    raise SystemExit(_main())

import argparse
import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import dockerutil, rootfs, wheelhouse
from .cache import CACHE_ENV, cache_dir, cache_lock
from .catalog import BuildKey, ImageSpec, db_spec, python_spec
from .procs import StandinError, log
from .smoke import smoke
from .wheelhouse import RequirementFile

BUILD_JOBS = 2  # image builds at once (the machines have 2 cores)
RECIPE_VERSION = "1"  # bump to force rebuilds after changing the Python side of a recipe
DESCRIPTION_FILE = "/etc/newproj-standin/description"
DEFAULT_PYTHONS = ["3.11", "3.13"]
DEFAULT_DBS = ["postgres:17", "mariadb:11.8", "mysql:8.4"]
SMOKE_REQUIREMENTS = Path(__file__).resolve().parent / "requirements-smoke.txt"
_INCLUDE_LINE = re.compile(r"^\s*(-r|--requirement|-c|--constraint)[\s=]+(\S+)")


@dataclass
class BuildGroup:
    """Requested tags that are one image (same recipe, release and build arguments)."""

    specs: list[ImageSpec]
    recipe_hash: str

    @property
    def tags(self) -> list[str]:
        """All tags of the group."""
        return [spec.tag for spec in self.specs]

    @property
    def spec(self) -> ImageSpec:
        """The spec the group is built from."""
        return self.specs[0]

    @property
    def is_python(self) -> bool:
        """Whether the image carries a wheelhouse (depends on requirement files)."""
        return self.spec.recipe == "python"

    @property
    def python_version(self) -> str:
        """"X.Y" of a python group's tag python:X.Y-slim."""
        return self.spec.tag.split(":")[1].removesuffix("-slim")


# --- requirement files -----------------------------------------------------------------


def read_requirements(path: Path, seen: frozenset[Path] = frozenset()) -> str:
    """The text of a requirements file with its -r includes inlined (and -c paths absolute)."""
    path = path.resolve()
    if path in seen:
        raise StandinError(f"requirement files include each other: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StandinError(f"cannot read requirements file {path}: {exc}") from exc
    lines = []
    for line in text.splitlines():
        match = _INCLUDE_LINE.match(line)
        if match is None:
            lines.append(line)
        elif match.group(1) in ("-r", "--requirement"):
            lines.append(read_requirements(path.parent / match.group(2), seen | {path}))
        else:
            lines.append(f"{match.group(1)} {(path.parent / match.group(2)).resolve()}")
    return "\n".join(lines) + "\n"


def requirement_sha(req: RequirementFile) -> str:
    """Short content hash of a requirement file."""
    return hashlib.sha256(req.content.encode()).hexdigest()[:16]


def requirement_name(path: Path) -> str:
    """A short name for reports: the file name with its directory's name."""
    path = Path(path).resolve()
    return f"{path.parent.name}/{path.name}"


def load_requirements(files: list[Path], cache: Path) -> list[RequirementFile]:
    """Read requirement files and remember them in the cache (for later unions)."""
    reqs = []
    for path in files:
        req = RequirementFile(name=requirement_name(path), content=read_requirements(Path(path)))
        store = cache / "requirements" / requirement_sha(req)
        store.mkdir(parents=True, exist_ok=True)
        (store / "requirements.txt").write_text(req.content, encoding="utf-8")
        (store / "name").write_text(req.name, encoding="utf-8")
        reqs.append(req)
    return reqs


def recall_requirements(cache: Path, shas: set[str]) -> list[RequirementFile]:
    """Requirement files seen before, by content hash (those still in the cache)."""
    reqs = []
    for sha in sorted(shas):
        store = cache / "requirements" / sha
        if (store / "requirements.txt").is_file() and (store / "name").is_file():
            reqs.append(RequirementFile(name=(store / "name").read_text(encoding="utf-8"),
                                        content=(store / "requirements.txt").read_text(encoding="utf-8")))
    return reqs


# --- planning --------------------------------------------------------------------------


def recipe_hash(spec: ImageSpec) -> str:
    """Hash of the recipe files, build arguments and base root file system of a spec."""
    digest = hashlib.sha256()
    for part in (RECIPE_VERSION, spec.recipe, spec.suite, repr(spec.build_args),
                 rootfs.rootfs_key(spec.suite)):
        digest.update(part.encode() + b"\0")
    files = sorted(p for p in spec.recipe_dir.rglob("*") if p.is_file())
    if spec.recipe == "python":
        files.append(Path(wheelhouse.__file__))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def plan(specs: list[ImageSpec]) -> list[BuildGroup]:
    """Group specs that are the same image, keeping the request order."""
    groups: dict[BuildKey, BuildGroup] = {}
    for spec in specs:
        if spec.build_key in groups:
            if spec.tag not in groups[spec.build_key].tags:
                groups[spec.build_key].specs.append(spec)
        else:
            groups[spec.build_key] = BuildGroup([spec], recipe_hash(spec))
    return list(groups.values())


def full_hash(recipe: str, requirement_shas: set[str]) -> str:
    """The org.newproj.standin.hash label: recipe plus requirement contents."""
    text = recipe + "\0" + " ".join(sorted(requirement_shas))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def is_current(labels: dict[str, str] | None, group: BuildGroup, wanted: set[str]) -> bool:
    """Whether an image with `labels` is the group's recipe with all `wanted` requirements."""
    if labels is None or labels.get(dockerutil.RECIPE_LABEL) != group.recipe_hash:
        return False
    included = set(labels.get(dockerutil.REQUIREMENTS_LABEL, "").split())
    return labels.get(dockerutil.HASH_LABEL) == full_hash(group.recipe_hash, included) and (
        wanted <= included
    )


def current_tag(group: BuildGroup, wanted: set[str]) -> str | None:
    """A tag of the group whose image is current, if any."""
    for tag in group.tags:
        if is_current(dockerutil.image_labels(tag), group, wanted):
            return tag
    return None


# --- building --------------------------------------------------------------------------


def retag(group: BuildGroup, source: str) -> None:
    """Point every tag of the group at the image of `source`."""
    source_id = dockerutil.image_id(source)
    for tag in group.tags:
        if dockerutil.image_id(tag) != source_id:
            log(f"tagging {tag} (same image as {source})")
            dockerutil.tag_image(source, tag)


def wheelhouse_requirements(group: BuildGroup, reqs: list[RequirementFile],
                            cache: Path) -> list[RequirementFile]:
    """The requested requirement files plus those an older build of the tags included."""
    wanted = {requirement_sha(req) for req in reqs}
    previous: set[str] = set()
    for tag in group.tags:
        labels = dockerutil.image_labels(tag) or {}
        previous |= set(labels.get(dockerutil.REQUIREMENTS_LABEL, "").split())
    return reqs + recall_requirements(cache, previous - wanted)


def build_group(group: BuildGroup, reqs: list[RequirementFile], cache: Path, base: str) -> None:
    """Build the group's image from its recipe on `base`, under all its tags."""
    spec = group.spec
    args = {"BASE_IMAGE": base, "SUITE": spec.suite, **dict(spec.build_args)}
    (cache / "tmp").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="context-", dir=cache / "tmp") as tmp:
        context = Path(tmp)
        shutil.copytree(spec.recipe_dir, context, dirs_exist_ok=True)
        shas: set[str] = set()
        if group.is_python:
            reqs = wheelhouse_requirements(group, reqs, cache)
            shas = {requirement_sha(req) for req in reqs}
            pip = wheelhouse.pip_command(cache)
            report = wheelhouse.build_wheelhouse(group.python_version, reqs, context / "wheelhouse", pip)
            args["WHEELHOUSE_NOTE"] = report.note()
        labels = {
            dockerutil.RECIPE_LABEL: group.recipe_hash,
            dockerutil.REQUIREMENTS_LABEL: " ".join(sorted(shas)),
            dockerutil.HASH_LABEL: full_hash(group.recipe_hash, shas),
        }
        name = re.sub(r"[^A-Za-z0-9.]+", "-", group.tags[0])
        previous = {image for tag in group.tags if (image := dockerutil.image_id(tag))}
        dockerutil.build(context, group.tags, args, labels, cache / "logs" / f"build-{name}.log")
    remove_replaced(previous, group.tags[0])


def remove_replaced(previous: set[str], tag: str) -> None:
    """Remove the images `tag` and its group pointed to before a rebuild, if now unused.

    `docker rmi` without force leaves an image that a container still uses, or that
    another tag still names; that is fine.
    """
    current = dockerutil.image_id(tag)
    for image in sorted(previous - {current}):
        if dockerutil.remove_image(image):
            log(f"removed the replaced image {image[:19]}")


def build_all(stale: list[tuple[BuildGroup, list[RequirementFile]]], cache: Path) -> None:
    """Build the stale groups (each with its requirement files), BUILD_JOBS at a time, each
    once its base image is ready.

    The base images of all needed releases are prepared in parallel first (debootstrap
    is mostly network-bound); the first failure cancels the builds not yet started.
    """
    if not stale:
        return
    if any(group.is_python for group, _ in stale):
        wheelhouse.pip_command(cache)  # create the download venv before threads race for it
    suites = {group.spec.suite for group, _ in stale}
    with ThreadPoolExecutor(max_workers=len(suites)) as base_pool, \
            ThreadPoolExecutor(max_workers=BUILD_JOBS) as build_pool:
        bases = {suite: base_pool.submit(rootfs.ensure_base_image, suite, cache) for suite in suites}

        def build(group: BuildGroup, reqs: list[RequirementFile]) -> None:
            build_group(group, reqs, cache, bases[group.spec.suite].result())

        futures = [build_pool.submit(build, group, reqs) for group, reqs in stale]
        try:
            for future in futures:
                future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def describe(spec: ImageSpec) -> str:
    """One line saying what backs a tag."""
    text = f"{spec.tag} = {dockerutil.read_file(spec.tag, DESCRIPTION_FILE)}"
    return f"{text}; {spec.note}" if spec.note else text


def ensure_images(
    python_versions: list[str], db_tags: list[str],
    requirement_files: Sequence[Path] | Mapping[str, Sequence[Path]],
) -> dict[str, str]:
    """Make sure the stand-in images exist and are current; return tag -> description.

    python_versions are "X.Y" (python:X.Y-slim), db_tags are like "postgres:17",
    "mariadb:11.8" or "mysql:8.4". Python images get a wheelhouse for the union of
    `requirement_files`: one list for every version, or a list per "X.Y" (then a version
    downloads only its own files; files that do not resolve for a version are skipped).
    """
    specs = [python_spec(v) for v in python_versions] + [db_spec(t) for t in db_tags]
    if not isinstance(requirement_files, Mapping):
        requirement_files = {version: requirement_files for version in python_versions}
    cache = cache_dir()
    with cache_lock(cache):
        stale: list[tuple[BuildGroup, list[RequirementFile]]] = []
        for group in plan(specs):
            reqs = []
            if group.is_python:
                reqs = load_requirements(list(requirement_files.get(group.python_version, ())), cache)
            tag = current_tag(group, {requirement_sha(req) for req in reqs})
            if tag is None:
                stale.append((group, reqs))
            else:
                log(f"up to date: {', '.join(group.tags)}")
                retag(group, tag)
        build_all(stale, cache)
        return {spec.tag: describe(spec) for spec in specs}


# --- command line ----------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line options."""
    parser = argparse.ArgumentParser(
        description="Build (when missing) the offline stand-in images used by the e2e tests.")
    parser.add_argument("--python", nargs="*", metavar="X.Y", default=None,
                        help=f"python:X.Y-slim stand-ins (default: {' '.join(DEFAULT_PYTHONS)})")
    parser.add_argument("--db", nargs="*", metavar="TAG", default=None,
                        help=f"database stand-ins (default: {' '.join(DEFAULT_DBS)})")
    parser.add_argument("--requirements", nargs="*", type=Path, default=[], metavar="FILE",
                        help="requirement files whose packages go into the wheelhouse")
    parser.add_argument("--smoke", action="store_true",
                        help="after building, run the smoke checks of every requested image")
    parser.add_argument("--cache", type=Path, help=f"cache directory (sets {CACHE_ENV})")
    args = parser.parse_args(argv)
    if args.python is None and args.db is None:
        args.python, args.db = DEFAULT_PYTHONS, DEFAULT_DBS
    args.python = args.python or []
    args.db = args.db or []
    if args.smoke and args.python and not args.requirements:
        args.requirements = [SMOKE_REQUIREMENTS]
    return args


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    args = parse_args(argv)
    if args.cache:
        os.environ[CACHE_ENV] = str(args.cache)
    started = time.monotonic()
    try:
        descriptions = ensure_images(args.python, args.db, args.requirements)
        log(f"images ready in {time.monotonic() - started:.1f} s")
        for line in descriptions.values():
            print(line)
        if args.smoke:
            smoke(args.python, args.db)
    except StandinError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
