"""Every database, two Python versions, in a real Docker Engine: build, compose up, serve.

One generated project per variant is built and started once (a class-scoped fixture); the
tests of the class then probe it in order, and the fixture always tears it down, also when a
test fails.
"""

from __future__ import annotations

import json
import re
import secrets
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newproj
import pytest
from dockerkit import REPORT, Compose, build_target, get, run, wait_for
from variants import VARIANTS, Variant

pytestmark = pytest.mark.docker

UP_TIMEOUT = 420


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


@pytest.fixture(scope="class")
def project(request: pytest.FixtureRequest, standin_images: dict[str, str],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningProject]:
    variant: Variant = request.param
    answers = variant.answers
    path = newproj.generate(answers, tmp_path_factory.mktemp("e2e") / answers.project_slug).path
    compose = Compose(path, f"npe2e{uuid.uuid4().hex[:8]}")
    try:
        compose("build", timeout=900)
        start = time.monotonic()
        result = compose("up", "-d", "--wait", "--wait-timeout", str(UP_TIMEOUT), timeout=UP_TIMEOUT + 60,
                         check=False)
        if result.returncode != 0:
            pytest.fail(f"docker compose up --wait failed:\n{result.stderr[-3000:]}\n{compose.logs()}")
        yield RunningProject(variant, answers, path, compose, time.monotonic() - start)
    finally:
        compose("down", "-v", "--remove-orphans", "--rmi", "local", "--timeout", "5", check=False, timeout=300)


def production_database_url(project: RunningProject) -> str:
    """A DATABASE_URL with a password other than the committed development one, set on the
    database user of the running ``db`` service (SQLite has no password)."""
    answers = project.answers
    slug = answers.project_slug
    if answers.database == "sqlite":
        return "sqlite:////data/db.sqlite3"
    password = secrets.token_hex(16)
    record = json.loads((project.path / ".cruft.json").read_text(encoding="utf-8"))
    development = record["context"]["cookiecutter"]["__dev_db_password"]
    if answers.database == "postgresql":
        project.compose("exec", "-T", "db", "psql", "-U", slug, "-d", slug, "-c",
                        f"ALTER USER {slug} PASSWORD '{password}'")
        return f"postgres://{slug}:{password}@db:5432/{slug}"
    project.compose("exec", "-T", "db", "mysql", "-uroot", f"-p{development}", "-e",
                    f"ALTER USER '{slug}'@'%' IDENTIFIED BY '{password}'")
    return f"mysql://{slug}:{password}@db:3306/{slug}"


@pytest.mark.parametrize("project", VARIANTS, ids=[v.id for v in VARIANTS], indirect=True, scope="class")
class TestComposeProject:
    def test_serves_home_and_health_on_the_chosen_port(self, project: RunningProject) -> None:
        home = get(f"{project.url}/")
        assert home.status == 200, home.body[:500]
        assert project.answers.project_name in home.body
        health = get(f"{project.url}/health/")
        assert health.status == 200, health.body
        assert health.json() == {"status": "ok", "database": "connected"}
        REPORT.append(f"{project.variant.id}: docker compose up --wait took {project.startup_seconds:.1f} s")

    def test_the_projects_own_tests_pass_in_the_web_container(self, project: RunningProject) -> None:
        result = project.compose("exec", "-T", "web", "python", "manage.py", "test", "--noinput", check=False)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output[-3000:]
        assert re.search(r"Ran [1-9]\d* tests?", output), output[-1000:]
        assert "OK" in output

    def test_no_migration_is_pending(self, project: RunningProject) -> None:
        result = project.compose("exec", "-T", "web", "python", "manage.py", "migrate", "--check", check=False)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_web_runs_as_the_non_root_user(self, project: RunningProject) -> None:
        assert project.compose("exec", "-T", "web", "id", "-u").stdout.strip() == "10001"

    def test_editing_a_view_on_the_host_reloads_without_rebuild(self, project: RunningProject) -> None:
        views = project.path / "pages" / "views.py"
        original = views.read_text(encoding="utf-8")
        marker = f"edited-{uuid.uuid4().hex[:6]}"
        views.write_text(
            original.replace('return render(request, "pages/home.html")',
                             f'return HttpResponse("{marker}")'),
            encoding="utf-8",
        )
        try:
            took = wait_for(lambda: marker in get(f"{project.url}/").body, 60, "runserver to reload the edit")
            REPORT.append(f"{project.variant.id}: a view edited on the host was served after {took:.1f} s")
            # Django's reloader takes its first snapshot of file times a moment after it starts;
            # an edit before that snapshot would go unseen (a test artefact, not a user's pace).
            time.sleep(3)
        finally:
            views.write_text(original, encoding="utf-8")
        wait_for(lambda: marker not in get(f"{project.url}/").body, 60, "runserver to reload the original")

    def test_health_follows_the_database(self, project: RunningProject) -> None:
        if project.answers.database == "sqlite":
            pytest.skip("SQLite has no server to stop")
        project.compose("stop", "db", timeout=120)
        wait_for(lambda: get(f"{project.url}/health/").status == 503, 60, "/health/ to answer 503")
        down = get(f"{project.url}/health/")
        assert down.json() == {"status": "error", "database": "unreachable"}
        project.compose("start", "db", timeout=120)
        wait_for(lambda: get(f"{project.url}/health/").status == 200, 180, "/health/ to answer 200 again")

    def test_production_stage(self, project: RunningProject) -> None:
        slug = project.answers.project_slug
        image = f"{project.compose.project}-production"
        container = f"{project.compose.project}-prod"
        port = project.answers.port + 1000
        build_target(project.path, "production", image)
        try:
            # Production refuses the committed development values: a fresh key, and a fresh password
            # given to the database user of the running development server.
            run(["docker", "run", "-d", "--name", container, "--network", f"{project.compose.project}_default",
                 "-e", f"DJANGO_SECRET_KEY={secrets.token_urlsafe(48)[:50]}",
                 "-e", f"DATABASE_URL={production_database_url(project)}",
                 "-e", f"DJANGO_SETTINGS_MODULE={slug}.settings.production",
                 "-p", f"127.0.0.1:{port}:{project.answers.port}", image])
            base = f"http://127.0.0.1:{port}"
            try:
                wait_for(lambda: get(f"{base}/health/").status == 200, 90, "gunicorn to answer /health/")
            except AssertionError:
                raise AssertionError(run(["docker", "logs", container], check=False).stderr[-3000:]) from None
            assert run(["docker", "exec", container, "id", "-u"]).stdout.strip() == "10001"
            cmdline = run(["docker", "exec", container, "cat", "/proc/1/cmdline"]).stdout.replace("\0", " ")
            assert "gunicorn" in cmdline
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
            assert "no issues" in check.stdout
        finally:
            run(["docker", "rm", "-f", container], check=False)
            run(["docker", "rmi", "-f", image], check=False)

    def test_down_leaves_nothing_behind(self, project: RunningProject) -> None:
        assert any(project.compose.resources().values())
        project.compose("down", "-v", "--remove-orphans", "--timeout", "5", timeout=300)
        assert project.compose.resources() == {"containers": [], "volumes": [], "networks": []}
