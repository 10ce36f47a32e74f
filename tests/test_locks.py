"""The hashed dependency locks the template ships (made by ``tools/locks.py``).

Offline: every supported (Python, Django, driver) combination has its lock, locked from the
current ``requirements.in``, and the check notices a missing, extra or stale lock. With the
network (marker ``network``): every lock installs on the Python it claims, hashes checked.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import locks  # noqa: E402


def test_every_combination_has_a_current_lock() -> None:
    assert locks.problems() == []
    pairs = sum(len(pythons) for pythons in locks.rules.DJANGO_PYTHON.values())
    assert len(locks.combinations()) == pairs * 3 * 3  # drivers x dependency sets of the features
    assert sorted(p.name for p in locks.LOCKS.glob("python*.txt")) == sorted(
        c.lock.name for c in locks.combinations()
    )


def test_each_lock_pins_its_own_django_and_driver_with_hashes() -> None:
    for combination in locks.combinations():
        text = combination.lock.read_text(encoding="utf-8")
        pins = locks.pinned(text)
        assert pins["django"].startswith(f"{combination.django}."), combination
        assert ("psycopg" in pins) is (combination.driver == "psycopg"), combination
        assert ("mysqlclient" in pins) is (combination.driver == "mysqlclient"), combination
        assert f"Python {combination.python}," in text.splitlines()[1], combination
        # every pinned requirement carries at least one hash, so pip and uv enter hash-checking mode
        assert text.count("==") == len(pins) and text.count("    --hash=sha256:") >= len(pins)


@pytest.fixture
def copied_locks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locks"
    shutil.copytree(locks.LOCKS, folder)
    monkeypatch.setattr(locks, "LOCKS", folder)
    monkeypatch.setattr(locks, "UV_LOCK", folder / "uv.txt")
    return folder


def test_check_names_a_stale_a_missing_and_an_extra_lock(copied_locks: Path) -> None:
    first, second = locks.combinations()[:2]
    stale = copied_locks / first.lock.name
    text = stale.read_text(encoding="utf-8")
    digest_line = next(line for line in text.splitlines() if line.startswith("# requirements.in sha256: "))
    stale.write_text(text.replace(digest_line, "# requirements.in sha256: " + "0" * 64), encoding="utf-8")
    (copied_locks / second.lock.name).unlink()
    (copied_locks / "python3.9-django4.2-none.txt").write_text("django==4.2\n", encoding="utf-8")

    assert locks.problems() == [
        "python3.9-django4.2-none.txt: no supported combination uses it",
        f"{first.lock.name}: stale (requirements.in or docker/lock.py changed since)",
        f"{second.lock.name}: missing",
    ]
    assert locks.main(["--check"]) == 1


def test_check_names_a_direct_requirement_the_lock_lacks(copied_locks: Path) -> None:
    combination = next(c for c in locks.combinations() if c.driver == "psycopg")
    lock = copied_locks / combination.lock.name
    lock.write_text(locks.without(lock.read_text(encoding="utf-8"), {"psycopg"}), encoding="utf-8")
    assert locks.problems() == [f"{combination.lock.name}: does not pin psycopg"]


def test_without_drops_a_whole_requirement_block() -> None:
    lock = (
        "a==1 \\\n    --hash=sha256:aa\n    # via -r requirements.in\n"
        "mysqlclient==2.2 \\\n    --hash=sha256:bb \\\n    --hash=sha256:cc\n    # via -r requirements.in\n"
        "z==3 \\\n    --hash=sha256:dd\n"
    )
    assert locks.without(lock, {"mysqlclient"}) == (
        "a==1 \\\n    --hash=sha256:aa\n    # via -r requirements.in\nz==3 \\\n    --hash=sha256:dd\n"
    )


def test_the_generated_lock_is_the_shipped_lock(tmp_path: Path) -> None:
    """The template includes, byte for byte, the lock of the answers' combination."""
    import newproj

    answers = newproj.build_answers(
        {"project_name": "Shop", "database": "mariadb", "python_version": "3.12", "django_version": "6.1"}
    )
    project = newproj.generate(answers, tmp_path / "shop").path
    shipped = locks.LOCKS / "python3.12-django6.1-mysqlclient.txt"
    assert (project / "requirements.txt").read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
    assert (project / "docker" / "requirements-uv.txt").read_text(
        encoding="utf-8"
    ) == locks.UV_LOCK.read_text(encoding="utf-8")


def test_the_pypi_lookup_is_asked_again_after_a_transient_failure_and_gives_up_after_its_attempts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import socket
    import urllib.error
    import urllib.request

    calls: list[str] = []

    def flaky(request, timeout):  # the first two lookups lose their DNS answer
        calls.append(request.full_url)
        if len(calls) <= 2:
            raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))
        return io.BytesIO(b'{"files": []}')

    monkeypatch.setattr(urllib.request, "urlopen", flaky)
    monkeypatch.setattr(locks.time, "sleep", lambda seconds: None)
    locks.pypi_simple.cache_clear()
    assert locks.pypi_simple("flakypkg") == '{"files": []}'
    assert calls == ["https://pypi.org/simple/flakypkg/"] * 3

    calls.clear()
    with pytest.raises(urllib.error.URLError):
        locks.pypi_simple("downpkg", attempts=2)
    assert calls == ["https://pypi.org/simple/downpkg/"] * 2
    locks.pypi_simple.cache_clear()


@pytest.mark.network
def test_every_lock_installs_on_the_python_it_claims() -> None:
    """uv installs each lock for its Python on x86_64 glibc Linux from PyPI, every hash checked."""
    from concurrent.futures import ThreadPoolExecutor

    uv = locks.uv_binary()
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = [p for p in pool.map(lambda c: locks.install_problem(c, uv), locks.combinations()) if p]
    assert found == []


@pytest.mark.network
def test_install_check_notices_a_wrong_hash_and_a_wrong_python(copied_locks: Path) -> None:
    uv = locks.uv_binary()
    combination = locks.Combination("3.10", "5.2", "none")
    lock = copied_locks / combination.lock.name
    text = lock.read_text(encoding="utf-8")
    block = re.search(r"^django==\S+(?: \\\n    --hash=sha256:\w+)+", text, re.M)[0]
    lock.write_text(text.replace(block, re.sub(r"sha256:\w+", "sha256:" + "0" * 64, block)), encoding="utf-8")
    assert "Hash mismatch for `django==" in (locks.install_problem(combination, uv) or "")

    newer = locks.Combination("3.15", "6.1", "none")
    (copied_locks / newer.lock.name).write_text(
        (locks.ROOT / "templates/django/templates/locks" / newer.lock.name).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    shutil.copy(copied_locks / newer.lock.name, lock)  # Django 6.1's lock claimed for Python 3.10
    problem = locks.install_problem(combination, uv) or ""
    assert problem.startswith(f"{combination.lock.name}: does not install on Python 3.10:"), problem
