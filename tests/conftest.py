"""Fixtures shared by every test tier.

Every test runs with ``HOME`` and the XDG folders inside a temporary folder, so that neither
newproj nor a ``cookiecutter`` subprocess ever reads the user's ``~/.cookiecutterrc`` or writes
to their replay folder. Subprocesses that install packages get the user's real pip cache
(the ``pip_env`` fixture) so that venvs build quickly and offline where the cache allows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import newproj
import pytest

#: The user's real home and pip cache, read before any fixture isolates ``HOME``.
REAL_HOME = Path(os.environ.get("HOME") or Path.home())
REAL_PIP_CACHE = Path(os.environ.get("PIP_CACHE_DIR") or REAL_HOME / ".cache" / "pip")

_ISOLATED_VARIABLES = ("COOKIECUTTER_CONFIG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: takes more than about 20 seconds (building and installing a wheel)"
    )


def _isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    """Point HOME and the XDG folders at ``home`` and drop variables that change what tests see."""
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        mp.setenv(name, str(folder))
    for name in _ISOLATED_VARIABLES:
        mp.delenv(name, raising=False)


@pytest.fixture(scope="session", autouse=True)
def _isolated_session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Isolate HOME for session-scoped fixtures too (they run before function fixtures)."""
    home = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, home)
        yield home


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME (and XDG folders) per test: cookiecutter never sees the user's config or replay."""
    home = tmp_path_factory.mktemp("home")
    _isolate(monkeypatch, home)
    return home


def _pip_environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PIP_CACHE_DIR=str(REAL_PIP_CACHE), PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    for name in ("VIRTUAL_ENV", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV"):
        env.pop(name, None)
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def pip_env() -> Callable[..., dict[str, str]]:
    """``pip_env(**extra)``: the environment for a subprocess that runs pip or a venv's Python.

    HOME stays isolated, but pip uses the user's real cache, so venvs build fast (and offline
    where the cache already holds every wheel).
    """
    return _pip_environment


@pytest.fixture(scope="session")
def real_home() -> Path:
    """The user's home as it was before the tests isolated HOME (to find e.g. pyenv's Pythons)."""
    return REAL_HOME


@pytest.fixture
def generated(tmp_path: Path) -> Callable[..., Path]:
    """A factory: ``generated(database="mariadb", ...)`` renders those answers into tmp and returns the project.

    Missing answers take the model's defaults. ``target=`` chooses the folder (default: tmp/<slug>).
    """

    def make(target: Path | str | None = None, **values: Any) -> Path:
        answers = newproj.build_answers(values)
        destination = Path(target) if target is not None else tmp_path / answers.project_slug
        return newproj.generate(answers, destination).path

    return make
