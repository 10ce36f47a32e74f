"""Generated projects in a real Docker Engine: build, compose up, serve, test, tear down.

One generated project per variant is built and started once (a class-scoped fixture); the
tests of the class then probe it in order, and the fixture always tears it down, also when a
test fails. ``VARIANTS`` run the whole battery; ``PYTHON_VARIANTS`` (the other Pythons Debian
ships) run the build, ``up``, ``/health/`` and the project's own tests.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dockerkit import REPORT, build_target, get, run, wait_for
from production import check_production, production_container
from projectkit import (
    RunningProject,
    check_home_and_health,
    check_own_tests_pass,
    running_project,
)
from variants import FOLDER_VARIANTS, PYTHON_VARIANTS, VARIANTS

pytestmark = pytest.mark.docker

@pytest.fixture(scope="class")
def project(request: pytest.FixtureRequest, standin_images: dict[str, str],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningProject]:
    with running_project(request.param, tmp_path_factory.mktemp("e2e")) as running:
        yield running


#: Run in the web container: load what a development server loads (settings, every URL pattern, the
#: middleware, the runserver and migrate commands, the database connection, the date formats of English
#: and Korean) and report which modules of the virtual environment have no bytecode, the languages
#: Django has translations for, and one Korean string.
SERVER_IMPORTS_CHECK = """
import importlib.util, json, os, sys
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import load_command_class
from django.db import connection
from django.urls import get_resolver
from django.utils import translation
WSGIHandler()
load_command_class("django.core", "migrate")
load_command_class("django.contrib.staticfiles", "runserver")
connection.ensure_connection()
def walk(patterns):
    for pattern in patterns:
        walk(getattr(pattern, "url_patterns", []))
walk(get_resolver().url_patterns)
from django.utils import formats
with translation.override("ko"):
    ko_log_in = translation.gettext("Log in")
    formats.get_format("DATE_FORMAT")  # imports the kept languages' formats modules
with translation.override("en-us"):
    formats.get_format("DATE_FORMAT")
venv = [m.__file__ for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith("/opt/venv/") and m.__file__.endswith(".py")]
kept = sorted({name for top, dirs, _ in os.walk("/opt/venv") if os.path.basename(top) == "locale"
               for name in dirs if name != "__pycache__"})
compiled = [f for f in venv if os.path.exists(importlib.util.cache_from_source(f))]
print(json.dumps({"venv_modules": len(venv), "ko_log_in": ko_log_in, "locales": kept,
                  "without_bytecode": sorted(set(venv) - set(compiled))}))
"""


def wait_until_served(project: RunningProject, views: Path, wanted: Callable[[str], bool], what: str) -> float:
    """Poll the home page until its body is ``wanted``, giving ``views`` a newer time at each
    poll that is not.

    Django's StatReloader takes the time at which it first sees a file as that file's base,
    and it sees a module only at its first tick after the module was imported. An edit made
    between a restart and that tick is never noticed: under CPU load that took more than the
    3 s this test used to sleep, and the restarted server served the old code for good. A
    newer time on a later tick is a change it notices.
    """

    def served() -> bool:
        if wanted(get(f"{project.url}/").body):
            return True
        os.utime(views)
        return False

    return wait_for(served, 60, what)


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
        check_home_and_health(project)

    def test_the_projects_own_tests_pass_in_the_web_container(self, project: RunningProject) -> None:
        check_own_tests_pass(project)

    def test_no_migration_is_pending(self, project: RunningProject) -> None:
        result = project.compose("exec", "-T", "web", "python", "manage.py", "migrate", "--check", check=False)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_the_entrypoint_migrated_once_before_runserver_served(self, project: RunningProject) -> None:
        # docker/entrypoint.sh migrates (DJANGO_MIGRATE_ON_START=1), then runs Django's own runserver
        logs = project.compose("logs", "--no-color", "--no-log-prefix", "web").stdout
        assert logs.count("Running migrations:") == 1, logs[-3000:]
        assert "Applying auth.0001_initial... OK" in logs, logs[-3000:]
        assert "Quit the server with" in logs, logs[-3000:]  # Django 5.2 and 6.1 both print it once serving
        assert logs.index("Running migrations:") < logs.index("Quit the server with"), logs[-3000:]

    def test_what_a_server_imports_has_bytecode_and_every_translation(self, project: RunningProject) -> None:
        # A plain pip install compiles the bytecode of every package and keeps every language Django has:
        # a module without its .pyc would be compiled again by every process at start.
        result = project.compose("exec", "-T", "web", "python", "-c", SERVER_IMPORTS_CHECK, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        report = json.loads(result.stdout)
        assert report["venv_modules"] > 200, report  # Django, its apps and the driver were loaded
        assert report["without_bytecode"] == [], report
        assert report["ko_log_in"] not in ("", "Log in"), report  # the admin's Korean catalogue (.mo) is there
        assert {"en", "ja", "ko", "pt_BR"} <= set(report["locales"]), report  # nothing pruned

    def test_web_runs_as_the_non_root_user(self, project: RunningProject) -> None:
        assert project.compose("exec", "-T", "web", "id", "-u").stdout.strip() == "10001"

    def test_editing_a_view_on_the_host_reloads_without_rebuild(self, project: RunningProject) -> None:
        views = project.path / "pages" / "views.py"
        original = views.read_text(encoding="utf-8")
        marker = f"edited-{uuid.uuid4().hex[:6]}"
        edited = original.replace('return render(request, "pages/home.html")', f'return HttpResponse("{marker}")')
        assert edited != original
        views.write_text(edited, encoding="utf-8")
        try:
            took = wait_until_served(project, views, lambda body: marker in body, "runserver to reload the edit")
            REPORT.append(f"{project.variant.id}: a view edited on the host was served after {took:.1f} s")
        finally:
            views.write_text(original, encoding="utf-8")
        wait_until_served(project, views, lambda body: marker not in body, "runserver to reload the original")

    def test_the_readme_relock_command_runs_without_the_database(self, project: RunningProject) -> None:
        """The README's one command to re-lock, in the web container, run with ``--check`` (the real one
        needs PyPI): a one-off command neither waits for nor migrates the database."""
        readme = (project.path / "README.md").read_text(encoding="utf-8")
        [line] = {m for m in re.findall(r"^docker compose run .*docker/lock\.py$", readme, re.M)}
        args = shlex.split(line.replace("$(id -u):$(id -g)", f"{os.getuid()}:{os.getgid()}"))
        assert args[:3] == ["docker", "compose", "run"]
        if project.answers.database != "sqlite":
            project.compose("stop", "db", timeout=120)
        try:
            result = project.compose(*args[2:], "--check", check=False, timeout=300)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "migrat" not in (result.stdout + result.stderr).lower()
        finally:
            if project.answers.database != "sqlite":
                project.compose("start", "db", timeout=120)
        wait_for(lambda: get(f"{project.url}/health/").status == 200, 180, "/health/ to answer 200 again")

    def test_health_follows_the_database(self, project: RunningProject) -> None:
        if project.answers.database == "sqlite":
            pytest.skip("SQLite has no server to stop")
        project.compose("stop", "db", timeout=120)
        try:
            wait_for(lambda: get(f"{project.url}/health/").status == 503, 60, "/health/ to answer 503")
            down = get(f"{project.url}/health/")
            assert down.json() == {"status": "error", "database": "unreachable"}
        finally:  # a failure here must not leave the later tests without a database
            project.compose("start", "db", timeout=120)
        wait_for(lambda: get(f"{project.url}/health/").status == 200, 180, "/health/ to answer 200 again")

    def test_production_stage(self, project: RunningProject) -> None:
        image = f"{project.compose.project}-production"
        build_target(project.path, "production", image)
        try:
            # Production refuses the committed development values: a fresh key, and a fresh password
            # given to the database user of the running development server.
            environment = {
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(48)[:50],
                "DATABASE_URL": production_database_url(project),
            }
            with production_container(project, image, environment) as base:
                check_production(project, base)
        finally:
            run(["docker", "rmi", "-f", image], check=False)

    def test_down_leaves_nothing_behind(self, project: RunningProject) -> None:
        assert any(project.compose.resources().values())
        project.compose("down", "-v", "--remove-orphans", "--timeout", "5", timeout=300)
        assert project.compose.resources() == {"containers": [], "volumes": [], "networks": []}


@pytest.mark.parametrize("project", PYTHON_VARIANTS, ids=[v.id for v in PYTHON_VARIANTS], indirect=True,
                         scope="class")
class TestOtherPythons:
    """Forky's interpreters: the image builds, serves, and the project's own tests pass."""

    def test_serves_home_and_health_on_the_chosen_port(self, project: RunningProject) -> None:
        check_home_and_health(project)

    def test_the_projects_own_tests_pass_in_the_web_container(self, project: RunningProject) -> None:
        check_own_tests_pass(project)



@pytest.mark.parametrize("project", FOLDER_VARIANTS, ids=[v.id for v in FOLDER_VARIANTS], indirect=True,
                         scope="class")
class TestAFolderNamedInKorean:
    """``newproj init -- '팀 프로젝트'``: Compose cannot name the project after that folder (v2 refuses to
    start, 1.29 calls it "default"); the project's .env names it, and both Compose versions agree."""

    def test_compose_v2_starts_it_under_the_name_in_env_and_serves(self, project: RunningProject) -> None:
        assert project.path.name == project.variant.folder
        assert (project.path / ".env").read_text(encoding="utf-8").endswith(
            f"\nCOMPOSE_PROJECT_NAME={project.answers.project_slug}\n"
        )
        check_home_and_health(project)
        assert project.compose.resources()["containers"], "no container labelled with the package name"

    def test_compose_1_29_finds_the_same_project(self, project: RunningProject) -> None:
        v1 = shutil.which("docker-compose")
        if v1 is None:
            pytest.skip("!!! SKIPPED: no Compose 1.29 docker-compose on PATH (apt-get install docker-compose)")
        env = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
        listed = subprocess.run([v1, "ps", "-q"], cwd=project.path, capture_output=True, text=True, env=env,
                                timeout=120)
        assert listed.returncode == 0, listed.stderr
        short = sorted(container[:12] for container in listed.stdout.split())  # docker ps prints 12 digits
        assert short == sorted(container[:12] for container in project.compose.resources()["containers"])
        assert listed.stdout.split()

    def test_the_projects_own_tests_pass_in_the_web_container(self, project: RunningProject) -> None:
        check_own_tests_pass(project)
