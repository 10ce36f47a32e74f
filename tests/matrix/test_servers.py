"""Generated projects run: their own tests, migrations and ``check --deploy`` against real servers.

SQLite needs nothing. PostgreSQL and MariaDB come from Debian's packages, started on loopback by
``.ci/databases.sh``, which prints ``NEWPROJ_TEST_POSTGRES_URL`` and ``NEWPROJ_TEST_MYSQL_URL``
(a ``scheme://user:password@host:port`` base; each test adds its own database name). The
``mysql`` variant runs against the MariaDB server: both use the same driver, mysqlclient.

One virtual environment per Django version, made once per session with an interpreter that
this Django supports (this one when it fits, else a ``pythonX.Y`` on PATH or under pyenv).
"""

from __future__ import annotations

import ast
import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from newproj.answers import build_answers, rules
from newproj.doctor.checks import read_env_file
from newproj.render.place import generate

pytestmark = pytest.mark.server

_MODEL = rules
DATABASES = ("sqlite", "postgresql", "mariadb", "mysql")
SERVERS = {
    "postgresql": ("NEWPROJ_TEST_POSTGRES_URL", "postgres://newproj:newproj@127.0.0.1:5432", "PostgreSQL"),
    "mariadb": ("NEWPROJ_TEST_MYSQL_URL", "mysql://newproj:newproj@127.0.0.1:3306", "MariaDB"),
    "mysql": (
        "NEWPROJ_TEST_MYSQL_URL",
        "mysql://newproj:newproj@127.0.0.1:3306",
        "MariaDB (standing in for MySQL)",
    ),
}
CASES = [(db, dj, False) for db in DATABASES for dj in _MODEL.DJANGO_VERSIONS] + [
    # the worker feature (Redis cache, Celery): its starter tests run the tasks eagerly, no Redis needed
    ("postgresql", _MODEL.DJANGO_VERSIONS[0], True),
    ("sqlite", _MODEL.DJANGO_VERSIONS[-1], True),
    ("mariadb", _MODEL.DJANGO_VERSIONS[-1], True),
]

#: Run inside the project's venv, with its own driver, to create or drop the test's database.
DATABASE_SCRIPT = r"""
import sys
from urllib.parse import urlsplit

action, url, name = sys.argv[1:]
parts = urlsplit(url)
if parts.scheme.startswith("postgres"):
    import psycopg

    with psycopg.connect(
        host=parts.hostname, port=parts.port, user=parts.username, password=parts.password,
        dbname="postgres", autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'DROP DATABASE IF EXISTS "test_{name}" WITH (FORCE)')
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
else:
    import MySQLdb

    connection = MySQLdb.connect(
        host=parts.hostname, port=parts.port, user=parts.username, password=parts.password
    )
    cursor = connection.cursor()
    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cursor.execute(f"DROP DATABASE IF EXISTS `test_{name}`")
    if action == "create":
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    connection.close()
"""


def _version_of(executable: str) -> str | None:
    try:
        run = subprocess.run(
            [executable, "-c", "import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def find_interpreter(django: str, home: Path) -> tuple[str, str] | None:
    """(executable, "X.Y") of a Python that ``django`` supports: this one, else one on PATH or pyenv's."""
    supported = _MODEL.DJANGO_PYTHON[django]
    current = "{}.{}".format(*sys.version_info[:2])
    if current in supported:
        return sys.executable, current
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or home / ".pyenv")
    for version in supported:
        candidates = [shutil.which(f"python{version}")]
        candidates += sorted(
            glob.glob(str(pyenv_root / "versions" / f"{version}.*" / "bin" / f"python{version}"))
        )
        for candidate in filter(None, candidates):
            if _version_of(candidate) == version:
                return candidate, version
    return None


@pytest.fixture(scope="session")
def interpreters(real_home: Path) -> Callable[[str], tuple[str, str]]:
    """``interpreters(django)`` -> (executable, version); skips loudly when none is found."""
    found: dict[str, tuple[str, str] | None] = {}

    def get(django: str) -> tuple[str, str]:
        if django not in found:
            found[django] = find_interpreter(django, real_home)
        if found[django] is None:
            supported = ", ".join(_MODEL.DJANGO_PYTHON[django])
            pytest.skip(f"!!! SKIPPED: no Python interpreter for Django {django} (needs one of {supported})")
        return found[django]  # type: ignore[return-value]

    return get


@pytest.fixture(scope="session")
def venvs(
    tmp_path_factory: pytest.TempPathFactory, pip_env: Callable[..., dict[str, str]]
) -> Callable[[str, str, Path], Path]:
    """``venvs(django, interpreter, requirements)`` -> the venv's python, with those requirements installed.

    One venv per Django version; each distinct requirements.txt is installed into it once.
    """
    made: dict[str, Path] = {}
    installed: set[tuple[str, str]] = set()

    def get(django: str, interpreter: str, requirements: Path) -> Path:
        if django not in made:
            venv = tmp_path_factory.mktemp(f"venv-django{django}")
            subprocess.run([interpreter, "-m", "venv", str(venv)], check=True, env=pip_env())
            made[django] = venv / "bin" / "python"
        python = made[django]
        key = (django, requirements.read_text(encoding="utf-8"))
        if key not in installed:
            run = subprocess.run(
                [str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)],
                capture_output=True,
                text=True,
                env=pip_env(),
            )
            assert run.returncode == 0, f"pip install -r {requirements} failed:\n{run.stdout}\n{run.stderr}"
            installed.add(key)
        return python

    return get


def server_url(database: str) -> str:
    """The server's base URL, or a loud skip when no variable names one and nothing answers."""
    variable, default, name = SERVERS[database]
    url = os.environ.get(variable) or default
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=3).close()
    except OSError as err:
        if os.environ.get(variable):
            pytest.fail(
                f"{variable}={url} is set but nothing answers on {parts.hostname}:{parts.port} ({err})"
            )
        pytest.skip(
            f"!!! SKIPPED: no {name} server on {parts.hostname}:{parts.port} and {variable} is not set; "
            'run `eval "$(sudo bash .ci/databases.sh)"` to install and start one'
        )
    return url.rstrip("/")


def manage(python: Path, project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "manage.py", *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )


def output(run: subprocess.CompletedProcess[str]) -> str:
    return f"exit {run.returncode}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"


@pytest.mark.parametrize(
    ("database", "django", "worker"), CASES, ids=[f"{db}-dj{dj}{'-worker' if w else ''}" for db, dj, w in CASES]
)
def test_generated_project_runs(
    database: str,
    django: str,
    worker: bool,
    tmp_path: Path,
    interpreters: Callable[[str], tuple[str, str]],
    venvs: Callable[[str, str, Path], Path],
    pip_env: Callable[..., dict[str, str]],
) -> None:
    base_url = server_url(database) if database != "sqlite" else ""
    interpreter, python_version = interpreters(django)
    answers = build_answers(
        {
            # Django template syntax in answers must reach the page as text: the project's own tests check the home page shows it
            "project_name": f"Server {database} {django} {{% bad %}}",
            "project_slug": f"server_{database}_{django.replace('.', '_')}",
            "description": 'A {{ x }} {# c #} <b>"&"</b>',
            "database": database,
            "django_version": django,
            "python_version": python_version,
            "language": "ko" if database in ("postgresql", "mysql") else "en",
            "use_redis": worker,
            "use_worker": worker,
        }
    )
    project = generate(answers, tmp_path / answers.project_slug).path
    python = venvs(django, interpreter, project / "requirements.txt")

    name = re.sub(r"\W", "_", f"newproj_{database}_{django}_{int(worker)}_{os.getpid()}")
    if database == "sqlite":
        url = f"sqlite:///{project / 'db.sqlite3'}"
    else:
        url = f"{base_url}/{name}"
        create = subprocess.run(
            [str(python), "-c", DATABASE_SCRIPT, "create", base_url, name], capture_output=True, text=True
        )
        assert create.returncode == 0, output(create)

    env = pip_env(DATABASE_URL=url)
    for variable in [k for k in env if k.startswith("DJANGO_")]:
        del env[variable]
    try:
        tests = manage(python, project, env, "test", "--noinput", "-v", "2")
        assert tests.returncode == 0, output(tests)
        assert re.search(r"^Ran [1-9]\d* tests? in ", tests.stderr, re.MULTILINE), output(tests)
        for starter in ("test_create_a_user", "test_log_in_to_the_admin"):  # the custom user, on this database
            assert re.search(rf"^{starter} \(accounts\.tests\.\w+\.{starter}\) \.\.\. ok$", tests.stderr, re.M), output(tests)
        assert re.search(r"^OK$", tests.stderr, re.MULTILINE), output(tests)

        migrate = manage(python, project, env, "migrate", "--noinput")
        assert migrate.returncode == 0, output(migrate)
        assert "Applying auth." in migrate.stdout, output(migrate)
        for check in (("migrate", "--check"), ("makemigrations", "--check", "--dry-run")):
            run = manage(python, project, env, *check)
            assert run.returncode == 0, output(run)

        production = dict(
            env,
            DJANGO_SETTINGS_MODULE=f"{answers.project_slug}.settings.production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(48)[:50],
            DJANGO_ALLOWED_HOSTS="example.com",
        )
        deploy = manage(python, project, production, "check", "--deploy", "--fail-level", "WARNING")
        assert deploy.returncode == 0, output(deploy)
        assert (deploy.stdout + deploy.stderr).strip() == "System check identified no issues (0 silenced).", (
            output(deploy)
        )
    finally:
        if database != "sqlite":
            subprocess.run([str(python), "-c", DATABASE_SCRIPT, "drop", base_url, name], capture_output=True)


def test_own_tests_run_without_warnings(
    tmp_path: Path,
    interpreters: Callable[[str], tuple[str, str]],
    venvs: Callable[[str, str, Path], Path],
    pip_env: Callable[..., dict[str, str]],
) -> None:
    django = _MODEL.DJANGO_VERSIONS[0]
    interpreter, python_version = interpreters(django)
    answers = build_answers(
        {"database": "sqlite", "django_version": django, "python_version": python_version}
    )
    project = generate(answers, tmp_path / answers.project_slug).path
    python = venvs(django, interpreter, project / "requirements.txt")
    env = pip_env(DATABASE_URL=f"sqlite:///{project / 'db.sqlite3'}", PYTHONWARNINGS="default")
    tests = manage(python, project, env, "test", "--noinput")
    assert tests.returncode == 0, output(tests)
    assert "Warning" not in tests.stderr, output(tests)


@pytest.mark.parametrize(
    ("database", "language", "variable", "line"),
    [
        (
            "sqlite",
            "en",
            "DJANGO_SECRET_KEY",
            "production settings refuse to start: DJANGO_SECRET_KEY is a development value "
            "(the one in docker/dev.env, or a key that starts with django-insecure-); "
            "set a secret production key",
        ),
        (
            "postgresql",
            "ko",
            "DATABASE_URL",
            "운영 설정이 시작을 거부합니다: DATABASE_URL 의 비밀번호가 개발용 값입니다 "
            "(docker/dev.env 의 값, 또는 insecure-dev- 로 시작하는 비밀번호). "
            "운영용 비밀번호를 설정하세요.",
        ),
    ],
    ids=["secret-key-en", "database-password-ko"],
)
def test_production_refuses_the_committed_development_values(
    database: str,
    language: str,
    variable: str,
    line: str,
    tmp_path: Path,
    interpreters: Callable[[str], tuple[str, str]],
    venvs: Callable[[str, str, Path], Path],
    pip_env: Callable[..., dict[str, str]],
) -> None:
    django = _MODEL.DJANGO_VERSIONS[0]
    interpreter, python_version = interpreters(django)
    answers = build_answers(
        {"database": database, "language": language, "django_version": django, "python_version": python_version}
    )
    project = generate(answers, tmp_path / answers.project_slug).path
    python = venvs(django, interpreter, project / "requirements.txt")
    slug = answers.project_slug
    secret = secrets.token_urlsafe(48)[:50]
    production = {
        "DJANGO_SETTINGS_MODULE": f"{slug}.settings.production",
        "DJANGO_SECRET_KEY": secret,
        "DATABASE_URL": f"sqlite:///{project / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "example.com",
    }
    development_values = read_env_file(project / "docker" / "dev.env")  # what a careless deploy would pass
    refused = manage(python, project, pip_env(**{**production, variable: development_values[variable]}), "check")
    assert (refused.returncode, refused.stdout, refused.stderr) == (1, "", line + "\n"), output(refused)
    accepted = manage(python, project, pip_env(**production), "check", "--deploy", "--fail-level", "WARNING")
    assert accepted.returncode == 0, output(accepted)


STOCK_FILES = {"manage.py": "development", "{slug}/wsgi.py": "production", "{slug}/asgi.py": "production"}


class _SettingsModule(ast.NodeTransformer):
    """Replace the settings module startproject writes (``<slug>.settings``) by the one given."""

    def __init__(self, stock: str, ours: str) -> None:
        self.stock, self.ours = stock, ours

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant(self.ours) if node.value == self.stock else node


@pytest.mark.parametrize("slug", ["shop", "abcdefghij_abcdefghij_abcdefgh"], ids=["short-slug", "longest-slug"])
@pytest.mark.parametrize("django", _MODEL.DJANGO_VERSIONS)
def test_manage_wsgi_and_asgi_are_what_startproject_writes(
    django: str,
    slug: str,
    tmp_path: Path,
    interpreters: Callable[[str], tuple[str, str]],
    venvs: Callable[[str, str, Path], Path],
    pip_env: Callable[..., dict[str, str]],
) -> None:
    """The same syntax tree as ``django-admin startproject`` writes for the same name (formatting may
    differ), but for the settings module: ``<slug>.settings.development`` or ``.production``."""
    interpreter, python_version = interpreters(django)
    answers = build_answers(
        {"project_slug": slug, "database": "sqlite", "django_version": django, "python_version": python_version}
    )
    project = generate(answers, tmp_path / "ours").path
    python = venvs(django, interpreter, project / "requirements.txt")
    stock = tmp_path / "stock"
    stock.mkdir()
    made = subprocess.run(
        [str(python), "-m", "django", "startproject", slug, str(stock)],
        capture_output=True, text=True, env=pip_env(),
    )
    assert made.returncode == 0, made.stderr
    for pattern, settings in STOCK_FILES.items():
        relative = pattern.format(slug=slug)
        theirs = ast.parse((stock / relative).read_text(encoding="utf-8"))
        theirs = _SettingsModule(f"{slug}.settings", f"{slug}.settings.{settings}").visit(theirs)
        ours = ast.parse((project / relative).read_text(encoding="utf-8"))
        assert ast.dump(ours) == ast.dump(theirs), relative
