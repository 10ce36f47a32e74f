"""A generated project built and running in Docker, for the e2e test modules (they import it from
here, never from one another): start it on a free port, check its pages and its own tests, POST to
it as its forms do, read its services' health, stop it."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newproj
import ports
import pytest
from dockerkit import PYTHONS_RUN, REPORT, Compose, Response, get
from variants import Variant

UP_TIMEOUT = 420
PORT_ATTEMPTS = 5
#: The last lines of a passing `manage.py test` run (unittest's summary).
TESTS_PASSED = re.compile(r"^Ran [1-9]\d* tests? in \d+\.\d+s\n\nOK(?: \([^)]*\))?$", re.MULTILINE)


@dataclass
class RunningProject:
    variant: Variant
    answers: newproj.Answers
    path: Path
    compose: Compose
    startup_seconds: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.answers.port}"


def start_project(variant: Variant, root: Path, held: ports.HeldPort, attempt: int,
                  env: dict[str, str] | None = None) -> RunningProject | None:
    """Generate the variant on ``held``'s port, build and start it; None if the port was taken.

    ``env``: personal overrides written to the project's ``.env`` before it starts."""
    answers = variant.answers(held.port)
    path = newproj.generate(answers, root / f"attempt{attempt}" / (variant.folder or answers.project_slug)).path
    if env:
        (path / ".env").write_text("".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8")
    if variant.folder:  # as a user runs it: Compose finds the project's name itself
        compose = Compose(path, answers.project_slug, pass_name=False)
    else:
        compose = Compose(path, f"npe2e{uuid.uuid4().hex[:8]}")
    compose("build", timeout=900)
    start = time.monotonic()
    result = compose("up", "-d", "--wait", "--wait-timeout", str(UP_TIMEOUT), timeout=UP_TIMEOUT + 60, check=False)
    if result.returncode == 0:
        return RunningProject(variant, answers, path, compose, time.monotonic() - start)
    output = result.stdout + result.stderr
    logs = compose.logs()
    compose.down()
    if ports.taken_by_someone_else(output):
        return None
    pytest.fail(f"docker compose up --wait failed:\n{output[-3000:]}\n{logs}")


@contextlib.contextmanager
def running_project(variant: Variant, root: Path, env: dict[str, str] | None = None) -> Iterator[RunningProject]:
    """The variant built and started on a free port (another one if a program takes it), torn down after."""
    for attempt in range(PORT_ATTEMPTS):
        held = ports.reserve()
        try:
            running = start_project(variant, root, held, attempt, env)
            if running is None:
                continue
            try:
                yield running
            finally:
                running.compose.down()
            return
        finally:
            held.release()
    pytest.fail(f"another program took the chosen port {PORT_ATTEMPTS} times in a row")


def check_home_and_health(project: RunningProject) -> None:
    home = get(f"{project.url}/")
    assert home.status == 200, home.body[:500]
    assert project.answers.project_name in home.body
    health = get(f"{project.url}/health/")
    assert health.status == 200, health.body
    assert health.json() == {"status": "ok", "database": "connected"}
    REPORT.append(f"{project.variant.id}: docker compose up --wait took {project.startup_seconds:.1f} s "
                  f"(port {project.answers.port})")


def check_own_tests_pass(project: RunningProject) -> None:
    result = project.compose("exec", "-T", "web", "python", "manage.py", "test", "--noinput", check=False)
    output = (result.stdout + result.stderr).replace("\r\n", "\n")
    assert result.returncode == 0, output[-3000:]
    assert TESTS_PASSED.search(output), output[-1000:]
    version = project.compose("exec", "-T", "web", "python", "-c",
                              "import platform; print(platform.python_version())").stdout.strip()
    assert version.startswith(project.variant.python + "."), version
    PYTHONS_RUN.setdefault(version, []).append(project.variant.id)


def post(project: RunningProject, path: str, timeout: float = 30) -> Response:
    """POST as the home page's form does: the CSRF cookie from a GET, the token in a header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{project.url}/", timeout=timeout) as home:
        home.read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    request = urllib.request.Request(f"{project.url}{path}", data=b"", method="POST",
                                     headers={"X-CSRFToken": token})
    try:
        with opener.open(request, timeout=timeout) as answer:
            return Response(answer.status, answer.read().decode(), dict(answer.headers))
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read().decode(errors="replace"), dict(err.headers))


def services(project: RunningProject) -> dict[str, str]:
    """Each running service and its health (``healthy``, ``starting``, or ``""`` without a check)."""
    found = {}
    for line in project.compose("ps", "--format", "json").stdout.splitlines():
        for item in json.loads(line) if line.startswith("[") else [json.loads(line)]:
            found[item["Service"]] = item.get("Health", "")
    return found
