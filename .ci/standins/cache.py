"""The stand-ins' cache directory (root file systems, requirement files, logs) and its lock."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .procs import StandinError, log

DEFAULT_CACHE = Path("/var/cache/newproj-standins")
CACHE_ENV = "NEWPROJ_STANDIN_CACHE"


def cache_dir() -> Path:
    """The cache directory ($NEWPROJ_STANDIN_CACHE or /var/cache/newproj-standins)."""
    path = Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StandinError(f"cannot create cache directory {path} ({exc}); set {CACHE_ENV}") from exc
    return path


@contextmanager
def cache_lock(cache: Path) -> Iterator[None]:
    """Hold an exclusive lock on the cache, so parallel test suites build things once."""
    with (cache / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"waiting for another build holding {cache / '.lock'}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
