"""Maintainer command: the hashed dependency locks the template ships, one per supported combination.

    python tools/locks.py            # re-lock every (Python, Django, driver, services) combination (needs PyPI)
    python tools/locks.py --missing  # lock only the combinations without a lock yet (needs PyPI)
    python tools/locks.py --check    # offline: fail when a lock is missing, extra or stale
    python tools/locks.py --check-install   # also: each lock installs on its Python (needs PyPI)

For each supported (Python, Django) pair of the answers model, each database driver (none,
psycopg, mysqlclient) and each dependency set the features make (none; redis-py for the Redis
cache; redis-py and Celery for the worker) it renders the template's ``requirements.in`` and ``docker/lock.py`` for that
combination and runs that very ``docker/lock.py`` (with this environment's ``uv``), so the locks
the template ships are made exactly as a generated project re-locks itself. The result goes to
``templates/django/templates/locks/python<X.Y>-django<A.B>-<driver>[-redis[-celery]].txt``, which the template's
``requirements.txt`` includes at render time. ``locks/uv.txt`` pins the uv the generated
Dockerfile installs, at this environment's uv version, with hashes.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newproj.answers import build_answers, rules

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "django"
PROJECT = TEMPLATE / "{{cookiecutter.project_slug}}"
LOCKS = TEMPLATE / "templates" / "locks"
#: The database whose answers pick each driver (the driver decides the lock, not the server).
DRIVERS = {"none": "sqlite", "psycopg": "postgresql", "mysqlclient": "mysql"}
#: The dependency sets the features make, by lock-name suffix: the answers that give each.
SERVICES = {
    "": {},
    "-redis": {"use_redis": True},
    "-redis-celery": {"use_redis": True, "use_worker": True},
}
UV_LOCK = LOCKS / "uv.txt"
UV_CACHE = os.environ.get("UV_CACHE_DIR") or str(Path.home() / ".cache" / "uv")
#: PyPI ships mysqlclient as a source distribution only (it is compiled in the image's builder stage).
SDIST_ONLY = frozenset({"mysqlclient"})


@dataclass(frozen=True)
class Combination:
    python: str
    django: str
    driver: str
    services: str = ""

    @property
    def lock(self) -> Path:
        return LOCKS / f"python{self.python}-django{self.django}-{self.driver}{self.services}.txt"

    def context(self) -> dict:
        answers = build_answers(
            {
                "project_name": "Lock",
                "python_version": self.python,
                "django_version": self.django,
                "database": DRIVERS[self.driver],
                **SERVICES[self.services],
            }
        )
        return answers.to_context()


def combinations() -> list[Combination]:
    """Every supported (Python, Django) pair times every driver times every dependency set."""
    return [
        Combination(python, django, driver, services)
        for django, pythons in rules.DJANGO_PYTHON.items()
        for python in pythons
        for driver in DRIVERS
        for services in SERVICES
    ]


def render(relative: str, context: dict) -> str:
    """One template file rendered for `context`, as cookiecutter renders it."""
    from cookiecutter.environment import StrictEnvironment
    from jinja2 import FileSystemLoader

    env = StrictEnvironment(context={"cookiecutter": context}, keep_trailing_newline=True)
    env.loader = FileSystemLoader([str(PROJECT), str(TEMPLATE / "templates")])
    return env.get_template(relative).render(cookiecutter=context)


def render_locker(combination: Combination, folder: Path) -> Path:
    """A folder holding the combination's requirements.in and docker/lock.py, as a project has them."""
    context = combination.context()
    (folder / "docker").mkdir(parents=True)
    for relative in ("requirements.in", "docker/lock.py"):
        (folder / relative).write_text(render(relative, context), encoding="utf-8")
    return folder


def load_locker(folder: Path):
    """The rendered docker/lock.py of `folder`, imported (for its digest and header)."""
    spec = importlib.util.spec_from_file_location(f"lock_{abs(hash(folder))}", folder / "docker" / "lock.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def uv_binary() -> str:
    found = shutil.which("uv", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if not found:
        raise SystemExit("uv is not installed; install the test extras: pip install -e '.[test]'")
    return found


def lock_one(combination: Combination, uv: str) -> Path:
    with tempfile.TemporaryDirectory(prefix="newproj-lock-") as scratch:
        folder = render_locker(combination, Path(scratch))
        subprocess.run(
            [sys.executable, "docker/lock.py"],
            cwd=folder,
            check=True,
            capture_output=True,
            env={**os.environ, "UV": uv, "UV_CACHE_DIR": UV_CACHE},
        )
        combination.lock.write_text(
            (folder / "requirements.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return combination.lock


def lock_uv(uv: str) -> Path:
    """locks/uv.txt: the uv the Dockerfile installs (this environment's version), with hashes."""
    version = subprocess.run([uv, "--version"], check=True, capture_output=True, text=True).stdout.split()[1]
    with tempfile.TemporaryDirectory(prefix="newproj-lock-") as scratch:
        (Path(scratch) / "requirements-uv.in").write_text(f"uv=={version}\n")
        compiled = subprocess.run(
            [
                uv,
                "pip",
                "compile",
                "requirements-uv.in",
                "--quiet",
                "--no-header",
                "--generate-hashes",
                "--python-platform",
                "x86_64-manylinux_2_28",
            ],
            cwd=scratch,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    UV_LOCK.write_text(
        f"# uv, the installer the Dockerfile uses, pinned with hashes (made by newproj's tools/locks.py).\n{compiled}",
        encoding="utf-8",
    )
    return UV_LOCK


def problems() -> list[str]:
    """What is wrong with the shipped locks, offline: missing, extra, or stale against requirements.in."""
    found: list[str] = []
    expected = {c.lock for c in combinations()}
    for extra in sorted(set(LOCKS.glob("python*.txt")) - expected):
        found.append(f"{extra.name}: no supported combination uses it")
    for combination in combinations():
        if not combination.lock.is_file():
            found.append(f"{combination.lock.name}: missing")
            continue
        with tempfile.TemporaryDirectory(prefix="newproj-lock-") as scratch:
            folder = render_locker(combination, Path(scratch))
            locker = load_locker(folder)
            source = (folder / "requirements.in").read_text(encoding="utf-8")
        text = combination.lock.read_text(encoding="utf-8")
        if not text.startswith(locker.header(source)):
            found.append(f"{combination.lock.name}: stale (requirements.in or docker/lock.py changed since)")
        missing = direct_names(source) - pinned(text).keys()
        if missing:
            found.append(f"{combination.lock.name}: does not pin {', '.join(sorted(missing))}")
    if not UV_LOCK.is_file() or not re.search(r"^uv==", UV_LOCK.read_text(encoding="utf-8"), re.M):
        found.append(f"{UV_LOCK.name}: missing or pins no uv")
    return found


def without(lock: str, names: set[str]) -> str:
    """`lock` without the requirements named (each with its hash lines and comments)."""
    kept: list[str] = []
    skipping = False
    for line in lock.splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", line)
        if match:
            skipping = normalise(match[1]) in names
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def install_problem(combination: Combination, uv: str) -> str | None:
    """Why the lock does not install on its Python (x86_64 glibc Linux, hashes checked), or None.

    Every binary is really downloaded and its hash checked (``uv pip install --target``, for the
    lock's Python version whatever this interpreter is). mysqlclient has no wheels: its sdist's
    sha256 and Requires-Python are checked against PyPI's JSON API instead.
    """
    text = combination.lock.read_text(encoding="utf-8")
    pins = pinned(text)
    with tempfile.TemporaryDirectory(prefix="newproj-lock-install-") as scratch:
        binary = Path(scratch) / "binary.txt"
        binary.write_text(without(text, set(SDIST_ONLY)), encoding="utf-8")
        run = subprocess.run(
            [
                uv,
                "pip",
                "install",
                "--quiet",
                "--target",
                str(Path(scratch) / "target"),
                "--require-hashes",
                "--only-binary",
                ":all:",
                "--python-version",
                combination.python,
                "--python-platform",
                "x86_64-manylinux_2_28",
                "-r",
                str(binary),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "UV_CACHE_DIR": UV_CACHE, "UV_LINK_MODE": "hardlink", "UV_HTTP_RETRIES": "6"},
        )
    if run.returncode != 0:
        return (
            f"{combination.lock.name}: does not install on Python {combination.python}:\n{run.stderr.strip()}"
        )
    for name in sorted(SDIST_ONLY & pins.keys()):
        problem = sdist_problem(name, pins[name], combination.python, text)
        if problem:
            return f"{combination.lock.name}: {problem}"
    return None


@functools.cache
def pypi_simple(name: str, attempts: int = 5) -> str:
    """PyPI's JSON simple page for `name`, asked again after a transient network failure.

    A lookup failing once (a DNS answer lost, a reset connection) says nothing about the lock, so
    it is retried with a growing pause, as uv and pip retry their own downloads; a failure that
    outlasts the retries is raised. The page is cached: every lock asks for the same package.
    """
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"https://pypi.org/simple/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == attempts - 1:
                raise
        except OSError:  # URLError included: no answer at all
            if attempt == attempts - 1:
                raise
        time.sleep(2**attempt)
    raise AssertionError("unreachable")


def sdist_problem(name: str, version: str, python: str, lock: str) -> str | None:
    """Whether PyPI's source distribution of name==version matches a hash of `lock` and admits `python`."""
    import json

    from packaging.specifiers import SpecifierSet

    files = json.loads(pypi_simple(name))["files"]
    sdists = [f for f in files if f["filename"].lower() == f"{name}-{version}.tar.gz".lower()]
    if not sdists:
        return f"{name}=={version} has no source distribution on PyPI"
    block = re.search(
        rf"^{re.escape(name)}=={re.escape(version)}(?:\s*\\\n\s*--hash=sha256:\w+)+", lock, re.M | re.I
    )
    hashes = set(re.findall(r"sha256:(\w+)", block[0])) if block else set()
    if not any(s["hashes"].get("sha256") in hashes for s in sdists):
        return f"{name}=={version}: no hash in the lock matches PyPI's source distribution"
    requires = sdists[0].get("requires-python") or ""
    if requires and python not in SpecifierSet(requires):
        return f"{name}=={version} requires Python {requires}, not {python}"
    return None


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_names(requirements_in: str) -> set[str]:
    names = set()
    for line in requirements_in.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(normalise(re.split(r"[\[<>=!~;\s]", line, maxsplit=1)[0]))
    return names


def pinned(lock: str) -> dict[str, str]:
    """{normalised name: version} of every ``name==version`` line of a lock."""
    return {normalise(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", lock, re.M)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only check (offline); exit 1 on any problem")
    parser.add_argument(
        "--check-install",
        action="store_true",
        help="also install every lock for its Python from PyPI, hashes checked",
    )
    parser.add_argument(
        "--missing",
        action="store_true",
        help="lock only the combinations that have no lock yet (the others and uv.txt stay as they are)",
    )
    args = parser.parse_args(argv)
    if args.check or args.check_install:
        found = problems()
        if args.check_install:
            uv = uv_binary()
            with ThreadPoolExecutor(max_workers=4) as pool:
                found += filter(None, pool.map(lambda c: install_problem(c, uv), combinations()))
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    uv = uv_binary()
    LOCKS.mkdir(parents=True, exist_ok=True)
    for stale in set(LOCKS.glob("python*.txt")) - {c.lock for c in combinations()}:
        stale.unlink()
    todo = [c for c in combinations() if not (args.missing and c.lock.is_file())]
    if not args.missing:
        print(lock_uv(uv).relative_to(ROOT))
    with ThreadPoolExecutor(max_workers=4) as pool:
        for path in pool.map(lambda c: lock_one(c, uv), todo):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
