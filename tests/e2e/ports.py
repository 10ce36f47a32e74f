"""Free TCP ports for the Docker tier, chosen at run time and held while a test uses them.

A port is handed out only while this process holds an exclusive ``flock`` on a file named
after it (so two test runs on one machine never pick the same port) and only after a bind
on all addresses succeeded (so nothing else listens on it). The lock is kept until the test
releases the port; the bind socket is closed at once, because Docker must bind the port
itself. Between that close and Docker's bind, an unrelated program could still take the
port: the caller retries with another port when Docker says it is already allocated.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

#: Below Linux's ephemeral range (32768-60999), above the ports developers and CI hold
#: (8000, 18000-18099).
CANDIDATES = range(20000, 32000)
LOCK_DIR = Path(tempfile.gettempdir()) / "newproj-e2e-ports"
#: What Docker or docker-proxy says when a published port is taken after all.
TAKEN_MESSAGES = ("port is already allocated", "address already in use")


@dataclass
class HeldPort:
    """A port reserved for this process until ``release``."""

    port: int
    _lock: IO[str]

    def release(self) -> None:
        """Give the port back to other test runs."""
        self._lock.close()


def bindable(port: int) -> bool:
    """Whether a listening socket on 0.0.0.0:``port`` can be made now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("0.0.0.0", port))
            sock.listen(1)
        except OSError as err:
            if err.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def reserve(candidates: range = CANDIDATES, rng: random.Random | None = None) -> HeldPort:
    """Lock and bind-check candidate ports in random order; return the first free one."""
    LOCK_DIR.mkdir(parents=True, exist_ok=True)
    order = list(candidates)
    (rng or random.Random()).shuffle(order)
    for port in order:
        handle = (LOCK_DIR / f"{port}.lock").open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        if bindable(port):
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            return HeldPort(port, handle)
        handle.close()
    raise RuntimeError(f"no free TCP port in {candidates.start}-{candidates.stop - 1}")


def taken_by_someone_else(output: str) -> bool:
    """Whether Docker's output says a published port was already in use."""
    lowered = output.lower()
    return any(message in lowered for message in TAKEN_MESSAGES)
