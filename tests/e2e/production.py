"""The production stage of a running e2e project: a gunicorn container on a free port."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import ports
from dockerkit import get, run, wait_for

if TYPE_CHECKING:
    from projectkit import RunningProject

PORT_ATTEMPTS = 5


@contextmanager
def production_container(project: RunningProject, image: str, environment: dict[str, str]) -> Iterator[str]:
    """Run ``image`` on the project's network with production settings and ``environment``;
    yield its base URL.

    The host port is reserved free (``ports.reserve``); if Docker still finds it taken,
    another is tried. The container is removed on exit.
    """
    container = f"{project.compose.project}-prod"
    for _ in range(PORT_ATTEMPTS):
        held = ports.reserve()
        try:
            started = run(["docker", "run", "-d", "--name", container,
                           "--network", f"{project.compose.project}_default",
                           *(arg for name, value in environment.items() for arg in ("-e", f"{name}={value}")),
                           "-e", f"DJANGO_SETTINGS_MODULE={project.answers.project_slug}.settings.production",
                           "-p", f"127.0.0.1:{held.port}:{project.answers.port}", image], check=False)
            if started.returncode != 0:
                run(["docker", "rm", "-f", "-v", container], check=False)
                if ports.taken_by_someone_else(started.stderr):
                    continue
                raise AssertionError(f"docker run of the production image failed:\n{started.stderr[-3000:]}")
            try:
                yield f"http://127.0.0.1:{held.port}"
            finally:
                run(["docker", "rm", "-f", "-v", container], check=False)
            return
        finally:
            held.release()
    raise AssertionError(f"another program took the chosen port {PORT_ATTEMPTS} times in a row")


def check_production(project: RunningProject, base: str) -> None:
    """gunicorn as PID 1 and UID 10001, https redirect, no debug page, WhiteNoise, check --deploy."""
    container = f"{project.compose.project}-prod"
    try:
        wait_for(lambda: get(f"{base}/health/").status == 200, 90, "gunicorn to answer /health/")
    except AssertionError as err:
        logs = run(["docker", "logs", container], check=False)
        raise AssertionError(f"{err}\n{(logs.stdout + logs.stderr)[-3000:]}") from None
    assert run(["docker", "exec", container, "id", "-u"]).stdout.strip() == "10001"
    cmdline = run(["docker", "exec", container, "cat", "/proc/1/cmdline"]).stdout.split("\0")
    # A script's PID 1 reads "<venv python> <venv>/bin/gunicorn ...".
    assert any(part.endswith("/gunicorn") for part in cmdline[:2]), cmdline
    # Plain http is sent to https; behind a TLS proxy the page is served.
    assert get(f"{base}/").status == 301
    https = {"X-Forwarded-Proto": "https"}
    assert get(f"{base}/", https).status == 200
    missing = get(f"{base}/no-such-page/", https)
    assert missing.status == 404
    assert "URLconf" not in missing.body  # DEBUG is off: no debug page
    assert get(f"{base}/static/admin/css/base.css", https).status == 200  # WhiteNoise
    check = run(["docker", "exec", container, "python", "manage.py", "check", "--deploy",
                 "--fail-level", "WARNING"], check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout
