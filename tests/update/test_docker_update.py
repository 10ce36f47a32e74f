"""Docker tier: a SQLite project updated to PostgreSQL builds, comes up healthy and passes its own tests.

Run by hand under the engine lock:  flock /tmp/newproj-docker.lock .venv/bin/python -m pytest -m docker tests/update
"""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parents[1] / "e2e"
if str(E2E) not in sys.path:
    sys.path.insert(0, str(E2E))

import ports  # noqa: E402
from dockerkit import REPORT, Compose, engine_available, get  # noqa: E402
from newproj.answers import TEMPLATE_VERSION  # noqa: E402
from newproj.doctor.checks import read_env_file  # noqa: E402
from updatekit import record  # noqa: E402

pytestmark = pytest.mark.docker
_NO_ENGINE = engine_available()
UP_TIMEOUT = 420


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if _NO_ENGINE is not None:
        pytest.skip(f"DOCKER END-TO-END TESTS SKIPPED: {_NO_ENGINE}")
    from standins.build import ensure_images
    from variants import requirement_files

    return ensure_images(["3.13"], ["postgres:17"], requirement_files(tmp_path_factory.mktemp("reqs")))


def test_sqlite_project_updated_to_postgresql_runs(images, repo_project, update) -> None:
    project = repo_project(
        project_name="Moved", project_slug="moved", database="sqlite", python_version="3.13"
    )
    held = ports.reserve()  # held until the test ends
    port = held.port

    result = update(str(project), "--no-input", "--database", "postgresql", "--port", str(port))
    assert result.code == 0, result.err
    assert record(project)["context"]["cookiecutter"]["database"] == "postgresql"
    dev_env = read_env_file(project / "docker" / "dev.env")  # the committed values: one password on both lines
    assert dev_env["DATABASE_URL"] == f"postgres://moved:{dev_env['POSTGRES_PASSWORD']}@db:5432/moved"

    compose = Compose(project, f"npupd{uuid.uuid4().hex[:8]}")
    try:
        compose("build", timeout=900)
        up = compose(
            "up", "-d", "--wait", "--wait-timeout", str(UP_TIMEOUT), timeout=UP_TIMEOUT + 60, check=False
        )
        assert up.returncode == 0, f"{up.stderr[-3000:]}\n{compose.logs()}"
        health = get(f"http://127.0.0.1:{port}/health/")
        assert (health.status, health.json()) == (200, {"status": "ok", "database": "connected"})
        tests = compose("exec", "-T", "web", "python", "manage.py", "test", "--noinput", check=False)
        output = tests.stdout + tests.stderr
        assert tests.returncode == 0, output[-3000:]
        assert re.search(r"Ran [1-9]\d* tests?", output)
        engine = compose(
            "exec",
            "-T",
            "web",
            "python",
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; print(connection.vendor)",
        )
        assert engine.stdout.strip().splitlines()[-1] == "postgresql"  # after the shell's own notice
        REPORT.append(f"update sqlite -> postgresql: served on port {port}, project tests passed")
    finally:
        compose(
            "down", "-v", "--remove-orphans", "--rmi", "local", "--timeout", "5", check=False, timeout=300
        )
        held.release()


def test_a_release_6_project_updated_to_the_stock_shape_serves_under_compose_1_29(
    images, released_project, update
) -> None:
    """A project of the last release (a BuildKit-only Dockerfile, a patched runserver), with a team's
    page, updated to the template as it is now: Debian's docker-compose 1.29 builds it with the
    classic builder and serves it, the team's page included, and its own tests pass."""
    import shutil
    import subprocess

    from dockerkit import plain_environment, wait_for

    if shutil.which("docker-compose") is None:
        pytest.skip("!!! SKIPPED: no Debian docker-compose (Compose 1.29)")
    held = ports.reserve()
    port = held.port
    project = released_project(
        "6", project_name="Blog", database="postgresql", python_version="3.13", port=port
    )
    version = TEMPLATE_VERSION  # the template as it is now is the newest release
    views = project / "pages" / "views.py"
    views.write_text(views.read_text() + '\n\ndef about(request: HttpRequest) -> HttpResponse:\n'
                     '    return HttpResponse("the team\'s own page")\n')
    urls = project / "pages" / "urls.py"
    urls.write_text(urls.read_text().replace('    path("", views.home, name="home"),\n',
                                             '    path("", views.home, name="home"),\n'
                                             '    path("about/", views.about, name="about"),\n'))

    result = update(str(project), "--no-input")
    assert result.code == 0, result.err
    assert record(project)["template_version"] == version
    assert record(project)["context"]["cookiecutter"]["__user_model"] == "auth.User"

    name = f"npupd6{uuid.uuid4().hex[:8]}"
    command = ["docker-compose", "-p", name]
    try:
        up = subprocess.run([*command, "up", "-d"], cwd=project, capture_output=True, text=True,
                            timeout=1500, env=plain_environment())
        assert up.returncode == 0, up.stderr[-3000:]
        assert "Step 1/" in up.stdout + up.stderr  # the classic builder
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: get(f"{url}/health/").status == 200, UP_TIMEOUT, "/health/ 200 under Compose 1.29")
        assert get(f"{url}/about/").body == "the team's own page"
        tests = subprocess.run([*command, "exec", "-T", "web", "python", "manage.py", "test", "--noinput"],
                               cwd=project, capture_output=True, text=True, timeout=600)
        assert tests.returncode == 0, (tests.stdout + tests.stderr)[-3000:]
        REPORT.append(f"release 6 -> {version} with a team's page: docker-compose 1.29 served it, tests passed")
    finally:
        subprocess.run([*command, "down", "-v", "--rmi", "local", "--timeout", "5"], cwd=project,
                       capture_output=True, timeout=300)
        held.release()
