"""Re-lock requirements.txt from requirements.in: exact versions and hashes for the image's Python.

Run it in the container, so nobody needs the tools on the host:

    docker compose run --rm --no-deps -u "$(id -u):$(id -g)" web python docker/lock.py

It installs uv (pinned with hashes in docker/requirements-uv.txt) into a temporary folder and runs
``uv pip compile --generate-hashes``. ``python docker/lock.py --check`` only checks, without the
network, that requirements.txt was locked from the current requirements.in (CI runs it).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PYTHON = "{{ cookiecutter.python_version }}"
PLATFORM = "x86_64-manylinux_2_28"
HERE = Path(__file__).resolve().parent.parent
DIGEST_PREFIX = "# requirements.in sha256: "


def digest(requirements_in: str) -> str:
    """A hash of the requirement lines (comments, blank lines and spacing do not count)."""
    lines = [line.split("#", 1)[0].strip() for line in requirements_in.splitlines()]
    return hashlib.sha256("\n".join(line for line in lines if line).encode()).hexdigest()


def header(requirements_in: str) -> str:
    return (
        "# Exact versions with hashes, locked from requirements.in by docker/lock.py\n"
        f"# (uv pip compile --generate-hashes, Python {PYTHON}, {PLATFORM}).\n"
        "# Do not edit: edit requirements.in, then re-lock as the README says.\n"
        f"{DIGEST_PREFIX}{digest(requirements_in)}\n"
    )


def uv(scratch: Path) -> str:
    """The uv to lock with: $UV if set, else the pinned one installed into `scratch` by pip."""
    if os.environ.get("UV"):
        return os.environ["UV"]
    python = os.path.join(sys.base_prefix, "bin", "python3")  # the image's pip, not the venv's
    pinned = HERE / "docker" / "requirements-uv.txt"
    target = scratch / "uv"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-cache-dir"]
        + ["--require-hashes", "--only-binary=:all:", "--target", str(target), "-r", str(pinned)],
        check=True,
    )
    return str(scratch / "uv" / "bin" / "uv")


def lock() -> None:
    source = (HERE / "requirements.in").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="lock-") as scratch:
        cache = os.environ.get("UV_CACHE_DIR", str(Path(scratch) / "cache"))
        compiled = subprocess.run(
            [uv(Path(scratch)), "pip", "compile", "requirements.in", "--quiet", "--no-header"]
            + ["--generate-hashes", "--python-version", PYTHON, "--python-platform", PLATFORM],
            cwd=HERE,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "UV_CACHE_DIR": cache},
        ).stdout
    (HERE / "requirements.txt").write_text(header(source) + compiled, encoding="utf-8")
    print("requirements.txt locked from requirements.in")


def check() -> int:
    """0 when requirements.txt was locked from the current requirements.in, else 1 with a hint."""
    source = (HERE / "requirements.in").read_text(encoding="utf-8")
    locked = (HERE / "requirements.txt").read_text(encoding="utf-8").splitlines()
    if f"{DIGEST_PREFIX}{digest(source)}" in locked:
        return 0
    print(
        "requirements.txt is out of date with requirements.in; re-lock with:\n"
        '  docker compose run --rm --no-deps -u "$(id -u):$(id -g)" web python docker/lock.py',
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        raise SystemExit(check())
    lock()
