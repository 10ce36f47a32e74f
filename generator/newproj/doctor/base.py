"""What a doctor check is made of: its finding (:class:`Check`), the one way it touches the machine
(:class:`Probes`, which tests replace), and the facts the machine's checks hand to later ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

OK, PROBLEM, SKIPPED = "ok", "problem", "skipped"


@dataclass(frozen=True)
class Check:
    """One finding: ``status`` is ok, problem or skipped; ``fix`` is empty unless a problem."""

    name: str
    status: str
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a command printed and returned; ``missing`` when the program does not exist."""

    code: int
    out: str = ""
    err: str = ""
    missing: bool = False


def _run(args: list[str], cwd: Path | None = None) -> Outcome:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        return Outcome(127, missing=True)
    except subprocess.TimeoutExpired:
        return Outcome(124, err="timed out after 30 s")
    return Outcome(done.returncode, done.stdout, done.stderr)


def _port_in_use(port: int) -> bool:
    from newproj.doctor.ports import port_in_use

    return port_in_use(port)


def _free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


@dataclass(frozen=True)
class Probes:
    """How the doctor touches the machine; tests replace any of these."""

    run: Callable[..., Outcome] = _run
    port_in_use: Callable[[int], bool] = _port_in_use
    free_bytes: Callable[[Path], int] = _free_bytes
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


@dataclass
class _Machine:
    """Facts learned by earlier checks that later ones need."""

    engine_version: str | None = None
    docker_root: str | None = None
    compose: list[str] | None = None
    compose_v1: bool = False
    buildx: bool = False
    #: The docker CLI's version when it builds with BuildKit by itself (a CLI before 23, such as
    #: Debian's docker.io 20.10, with DOCKER_BUILDKIT=1): what Compose 1.29 calls without buildx.
    builtin_buildkit_cli: str | None = None


__all__ = ["OK", "PROBLEM", "SKIPPED", "Check", "Outcome", "Probes"]
