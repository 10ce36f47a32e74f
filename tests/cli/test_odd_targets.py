"""Odd targets and odd machines (long names, folders we may not write, an unwritable cache), through the command line.

Each case must end in a valid project, or in one line, the documented exit code and nothing
written or lost. Permissions do not bind root, so the cases about unwritable folders run
``newproj`` as the user ``nobody`` (``setpriv``); a mount point needs ``mount -t tmpfs``. Both
are skipped, with the reason, only where this machine cannot do that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

import pytest

Run = Callable[..., object]

LONG_NAME_LINE = (
    "error: the name xxxxxxxxxxxxxxxxxxxx… is 256 bytes long, more than this file system allows (255); "
    "choose a shorter name"
)


def assert_one_error(result: object, line: str, code: int) -> None:
    assert result.err_lines == [line]  # type: ignore[attr-defined]
    assert "Traceback" not in result.err + result.out  # type: ignore[attr-defined]
    assert result.code == code  # type: ignore[attr-defined]


# --- item 2: a name the file system cannot hold ---------------------------------------------


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
def test_a_target_name_too_long_is_one_line_and_exit_2(cli: Run, workdir: Path, dry_run: bool) -> None:
    args = ["init", "--no-input", *(["--dry-run"] if dry_run else []), "--", "x" * 256]
    assert_one_error(cli(*args), LONG_NAME_LINE, 2)
    assert list(workdir.iterdir()) == []


def test_a_slug_too_long_for_the_file_system_is_one_line_in_korean(cli: Run, workdir: Path) -> None:
    """No folder given: the target is the slug, here a Korean name too long in bytes."""
    result = cli("init", "--no-input", "--lang", "ko", "--", "가" * 90)
    assert_one_error(
        result,
        "error: 이름 " + "가" * 20 + "… 은(는) 270바이트로, 이 파일 시스템이 허용하는 255바이트보다 깁니다. "
        "더 짧은 이름을 고르세요",
        2,
    )
    assert list(workdir.iterdir()) == []


# --- running as someone else ------------------------------------------------------------------


def _nobody_python() -> str:
    """A Python interpreter the user nobody may run, of this interpreter's version."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("!!! SKIPPED: needs root and setpriv to run newproj as the user nobody")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (sys.executable, shutil.which(version), f"/usr/bin/{version}"):
        if candidate and _as_nobody([candidate, "-c", "pass"], Path("/")).returncode == 0:
            return candidate
    pytest.skip(
        f"!!! SKIPPED: no {version} that the user nobody may run (this one lives under a private home)"
    )


def _as_nobody(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    environment = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(
        [*drop, *command], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder under /tmp that nobody may enter (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="newproj-nobody-"))
    folder.chmod(0o755)
    home = folder / "home"
    home.mkdir()
    shutil.chown(home, "nobody")
    yield folder
    shutil.rmtree(folder)


def _runtime_distributions() -> list[metadata.Distribution]:
    """newproj's installed run-time dependencies, all the way down (extras left out)."""
    seen: dict[str, metadata.Distribution] = {}
    wanted = _requirement_names(metadata.distribution("newproj"))
    while wanted:
        name = wanted.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            seen[key] = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a dependency for another Python or platform
        wanted += _requirement_names(seen[key])
    return list(seen.values())


def _requirement_names(distribution: metadata.Distribution) -> list[str]:
    names = []
    for requirement in distribution.requires or []:
        if "extra ==" in requirement.replace('"', "").replace("'", ""):
            continue
        names.append(re.match(r"[A-Za-z0-9._-]+", requirement).group(0))
    return names


@pytest.fixture(scope="module")
def readable_newproj() -> Iterator[Path]:
    """newproj and its run-time dependencies, copied into a folder everyone may read.

    The checkout (and so its .venv, and an editable install's source) may sit under a folder others may
    not enter: Ubuntu's homes are 0750, ``mktemp -d`` makes 0700. The copy holds the same files the
    installed package runs, laid out as a wheel installs them (the templates inside the package)."""
    import newproj
    from newproj.render.templates import templates_root

    root = Path(tempfile.mkdtemp(prefix="newproj-readable-"))
    lib = root / "lib"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(Path(newproj.__file__).parent, lib / "newproj", ignore=ignore)
    if not (lib / "newproj" / "templates").exists():
        shutil.copytree(templates_root(), lib / "newproj" / "templates", ignore=ignore)
    for distribution in _runtime_distributions():
        for file in distribution.files or []:
            source = Path(distribution.locate_file(file)).resolve()
            if file.parts[0] == ".." or "__pycache__" in file.parts or not source.is_file():
                continue  # scripts outside site-packages, bytecode
            (lib / file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, lib / file)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield lib
    shutil.rmtree(root)


def test_the_readable_copy_is_what_nobody_runs(readable_newproj: Path) -> None:
    """The copy is complete (newproj imports from it alone, templates included) and is the checkout's code."""
    import newproj
    from newproj.render.templates import django_template

    probe = (
        f"import sys; sys.path[:0] = [{str(readable_newproj)!r}]; import newproj, newproj.cli, cookiecutter.main; "
        "from newproj.render.templates import django_template; print(newproj.__file__); print(django_template())"
    )
    done = subprocess.run([sys.executable, "-I", "-S", "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    module, template = done.stdout.splitlines()
    assert Path(module) == readable_newproj / "newproj" / "__init__.py"
    assert (Path(module).parent / "cli" / "app.py").read_bytes() == (Path(newproj.__file__).parent / "cli" / "app.py").read_bytes()
    assert (Path(template) / "cookiecutter.json").read_bytes() == (django_template() / "cookiecutter.json").read_bytes()


@pytest.fixture
def newproj_as_nobody(
    shared_tmp: Path, free_port: int, readable_newproj: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``newproj_as_nobody(*args, cwd=..., **env)`` runs ``newproj`` as nobody, HOME in ``shared_tmp/home``.

    ``init`` gets a port this test holds free: the default 8000 may be in use on this machine, and
    these tests are not about the port-in-use warning."""
    python = _nobody_python()
    program = (
        f"import site, sys; site.addsitedir({str(readable_newproj)!r}); sys.argv[0] = 'newproj'; "
        "from newproj.cli.entry import run; run()"
    )

    def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
        home = str(shared_tmp / "home")
        port = ["--port", str(free_port)] if args[:1] == ("init",) else []
        return _as_nobody([python, "-c", program, *args, *port], cwd, HOME=home, **env)

    return run


def owned_by_nobody(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.chown(folder, "nobody")
    return folder


# --- item 4: an empty target in a folder we may not write ---------------------------------------


def test_an_empty_target_whose_parent_is_not_writable_is_filled(
    newproj_as_nobody: Callable[..., subprocess.CompletedProcess[str]], shared_tmp: Path
) -> None:
    parent = shared_tmp / "parent"  # root's, 755: nobody may not write here
    parent.mkdir()
    target = owned_by_nobody(parent / "shop")
    run = newproj_as_nobody("init", "--no-input", "--slug", "kiosk", "shop", cwd=parent)
    assert (run.returncode, run.stderr) == (0, "")
    assert (target / "manage.py").is_file() and (target / "kiosk" / "settings" / "base.py").is_file()
    assert sorted(p.name for p in parent.iterdir()) == ["shop"]
    assert not list(target.glob(".newproj-*"))


def test_a_target_that_cannot_be_made_is_exit_6_with_the_reason(
    newproj_as_nobody: Callable[..., subprocess.CompletedProcess[str]], shared_tmp: Path
) -> None:
    parent = shared_tmp / "parent"
    parent.mkdir()
    run = newproj_as_nobody("init", "--no-input", "shop", cwd=parent)
    assert run.stderr.splitlines() == [
        f"error: could not write {parent / 'shop'}: Permission denied; check the folder's permissions and free space"
    ]
    assert run.returncode == 6
    assert list(parent.iterdir()) == []


def test_an_empty_mount_point_is_filled_and_stays_mounted(cli: Run, workdir: Path) -> None:
    """The issue's reproduction: ``mount -t tmpfs tmpfs proj && newproj init --no-input proj``."""
    target = workdir / "proj"
    target.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(target)], capture_output=True, text=True)
    if mount.returncode != 0:
        pytest.skip(f"!!! SKIPPED: cannot mount a tmpfs here ({mount.stderr.strip()})")
    try:
        result = cli("init", "--no-input", "--slug", "shop", "proj")
        assert (result.code, result.err) == (0, "")
        assert (target / "shop" / "settings" / "base.py").is_file()
        assert os.path.ismount(target)
        assert not list(target.glob(".newproj-*"))
    finally:
        subprocess.run(["umount", str(target)], check=True)
    assert list(target.iterdir()) == []


# --- item 5: a template cache that cannot be written ----------------------------------------------


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
def test_an_unwritable_template_cache_is_done_without(
    newproj_as_nobody: Callable[..., subprocess.CompletedProcess[str]], shared_tmp: Path, dry_run: bool
) -> None:
    """The issue's reproduction: a cache left read-only (say by an earlier ``sudo newproj``)."""
    cache = owned_by_nobody(shared_tmp / "c" / "newproj" / "jinja")
    cache.chmod(0o555)
    work = owned_by_nobody(shared_tmp / "work")
    args = ["init", "--no-input", *(["--dry-run"] if dry_run else []), "proj"]
    run = newproj_as_nobody(*args, cwd=work, XDG_CACHE_HOME=str(shared_tmp / "c"))
    assert (run.returncode, run.stderr) == (0, "")
    assert (work / "proj" / "manage.py").is_file() is not dry_run
    assert list(cache.iterdir()) == []
