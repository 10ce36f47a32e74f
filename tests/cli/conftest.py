"""Fixtures for the CLI tier: run ``newproj`` in-process through :func:`newproj.cli.app.main`, or as the
installed console script, in an empty working folder, with an English locale unless a test says otherwise.

``HOME`` is isolated by the autouse fixture of ``tests/conftest.py``.
"""

from __future__ import annotations

import io
import os
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from clikit import project_snapshot
from newproj.cli.app import main

#: The console script installed beside the interpreter running the tests.
NEWPROJ = Path(sys.executable).with_name("newproj")
#: Locale variables that decide the interface language; tests start from a plain English locale.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANGUAGE")


@dataclass(frozen=True)
class Result:
    """What one run of ``newproj`` left: the exit code and both streams."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()


class FakeTerminal(io.StringIO):
    """A stdin that claims to be a terminal (the prompts themselves are monkeypatched)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English interface, whatever the developer's locale; stdin is not a terminal."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder for the run; the project lands in it."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def cli(workdir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli("init", "--no-input")`` runs :func:`newproj.cli.app.main` in ``workdir`` and returns a :class:`Result`."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def tty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``sys.stdin.isatty()`` true, so ``init`` takes the interactive path."""
    monkeypatch.setattr(sys, "stdin", FakeTerminal(""))


@pytest.fixture(autouse=True)
def held_ports(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """Only ports a test holds itself count as in use: a CLI test must not see the port-in-use warning
    because something else on this machine (a developer's server, CI holding 8000) listens on a port.

    The real check still runs for a held port (see ``busy_port``), so the warning is tested for real.
    """
    import newproj.cli.report

    real = newproj.cli.report.port_in_use
    held: set[int] = set()

    def port_in_use(port: int, host: str = "127.0.0.1", timeout: float = 0.2) -> bool:
        return port in held and real(port, host, timeout)

    monkeypatch.setattr(newproj.cli.report, "port_in_use", port_in_use)
    return held


@pytest.fixture
def free_port() -> Iterator[int]:
    """A port nobody else gets while the test runs (bound, not listening), for answers that name a port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def busy_port(held_ports: set[int]) -> Iterator[int]:
    """A port with a listening socket on it for the duration of the test: the port-in-use warning shows."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        held_ports.add(port)
        yield port


@pytest.fixture
def console_script() -> Path:
    """The installed ``newproj`` console script (skipped loudly when it is not installed)."""
    if not NEWPROJ.exists():
        pytest.skip(f"the newproj console script is not installed beside {sys.executable}")
    return NEWPROJ


# Helpers are handed out as fixtures: test modules cannot import them reliably, as several
# ``conftest.py`` files (outside packages) share the module name ``conftest``.


@pytest.fixture
def child_env() -> Callable[..., dict[str, str]]:
    """:func:`subprocess_env`: the environment for a child ``newproj``."""
    return subprocess_env


@pytest.fixture
def tree() -> Callable[[Path], list[str]]:
    """:func:`listing`: every file and folder under a root."""
    return listing


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, str]]:
    """:func:`project_snapshot`: a project's files and texts, secrets masked."""
    return project_snapshot


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a child ``newproj``: the isolated HOME, an English locale, plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if key not in LOCALE_VARIABLES}
    env.update(LANG="C.UTF-8", TERM="xterm", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def listing(root: Path) -> list[str]:
    """Every file and folder under ``root``, relative, sorted (``[]`` when ``root`` is missing)."""
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() + ("/" if p.is_dir() else "") for p in root.rglob("*"))
