"""Smoke checks of the stand-in images (no pytest needed): `build.py --smoke` runs them.

Database tags: start the server on a fresh named volume with an init script, wait for
the healthcheck a compose file would use, connect as the created user from a second
container (and fail with a wrong password), stop it (clean and within 10 s), start a
new container on the same volume without any settings (no re-init), connect again.
Python tags: the interpreter version, and a `docker build` that installs the compilers
with apt, creates a venv and pip-installs Django and mysqlclient (built from its sdist)
from the wheelhouse. Everything created is removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import dockerutil
from .cache import cache_dir
from .catalog import db_spec, python_spec
from .procs import StandinError, log, run, run_logged, tail

PASSWORD = "smoke-pw-1"
ROOT_PASSWORD = "smoke-root-pw-1"
HEALTH_TIMEOUT = 120.0
STOP_LIMIT = 10.0
INIT_SQL = "CREATE TABLE smoke_init (id integer);\nINSERT INTO smoke_init VALUES (1);\n"

PYTHON_DOCKERFILE = """\
FROM {tag}
RUN apt-get update \\
 && apt-get install -y --no-install-recommends \\
        gcc libc6-dev pkg-config default-libmysqlclient-dev libmariadb3 \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir Django mysqlclient
RUN groupadd -r app && useradd -r -g app app
USER app
RUN /opt/venv/bin/python -c "import sys, django, MySQLdb; \\
print('smoke:', sys.version.split()[0], 'Django', django.get_version(), 'mysqlclient', MySQLdb.version_info)"
"""


@dataclass
class DbCase:
    """How to configure, health-check and connect to one database stand-in."""

    tag: str
    env: dict[str, str]
    health: list[str]
    client: Callable[[str, str], list[str]]  # (host, password) -> command printing "1"
    server_args: tuple[str, ...] = ()  # a compose file's `command:`


def db_case(tag: str) -> DbCase:
    """The smoke case of a database tag."""
    recipe = db_spec(tag).recipe
    if recipe == "postgres":
        return DbCase(
            tag,
            {"POSTGRES_USER": "smoke", "POSTGRES_PASSWORD": PASSWORD, "POSTGRES_DB": "smokedb"},
            ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "smoke", "-d", "smokedb"],
            lambda host, pw: ["psql", f"postgresql://smoke:{pw}@{host}:5432/smokedb",
                              "-tAc", "SELECT count(*) FROM smoke_init"],
        )
    if tag.startswith("mysql:"):
        return DbCase(
            tag,
            {"MYSQL_ROOT_PASSWORD": ROOT_PASSWORD, "MYSQL_DATABASE": "smokedb",
             "MYSQL_USER": "smoke", "MYSQL_PASSWORD": PASSWORD},
            ["mysqladmin", "ping", "-h", "127.0.0.1", "-u", "root", f"-p{ROOT_PASSWORD}"],
            lambda host, pw: ["mysql", "-h", host, "-u", "smoke", f"-p{pw}", "smokedb",
                              "-N", "-e", "SELECT count(*) FROM smoke_init"],
            # MySQL-only options that compose files for mysql:8 pass; must not break it.
            ("--character-set-server=utf8mb4", "--default-authentication-plugin=mysql_native_password",
             "--mysql-native-password=ON"),
        )
    return DbCase(
        tag,
        {"MARIADB_ROOT_PASSWORD": ROOT_PASSWORD, "MARIADB_DATABASE": "smokedb",
         "MARIADB_USER": "smoke", "MARIADB_PASSWORD": PASSWORD},
        ["healthcheck.sh", "--connect", "--innodb_initialized"],
        lambda host, pw: ["mariadb", "-h", host, "-u", "smoke", f"-p{pw}", "smokedb",
                          "-N", "-e", "SELECT count(*) FROM smoke_init"],
    )


# --- resources removed in finally blocks ------------------------------------------------


def _remove_quietly(*cmd: str) -> None:
    """Run a docker removal command, reporting (not raising) a failure."""
    proc = run(list(cmd), check=False)
    if proc.returncode != 0 and "No such" not in proc.stderr:
        log(f"cleanup: {' '.join(cmd)} failed: {proc.stderr.strip()}")


@contextmanager
def docker_network(name: str) -> Iterator[str]:
    """A user-defined bridge network (container names resolve), removed afterwards."""
    run(["docker", "network", "create", name])
    try:
        yield name
    finally:
        _remove_quietly("docker", "network", "rm", name)


@contextmanager
def docker_volume(name: str) -> Iterator[str]:
    """A named volume, removed afterwards."""
    run(["docker", "volume", "create", name])
    try:
        yield name
    finally:
        _remove_quietly("docker", "volume", "rm", "-f", name)


@contextmanager
def init_dir() -> Iterator[Path]:
    """A host directory holding an init script, readable by the server's user."""
    path = Path(tempfile.mkdtemp(prefix="standin-smoke-initdb-"))
    try:
        path.chmod(0o755)
        script = path / "01-smoke.sql"
        script.write_text(INIT_SQL)
        script.chmod(0o644)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def container(name: str, run_args: list[str]) -> Iterator[str]:
    """A detached container started with `docker run -d`, force-removed afterwards."""
    try:
        run(["docker", "run", "-d", "--name", name, *run_args])
        yield name
    finally:
        _remove_quietly("docker", "rm", "-f", "-v", name)


# --- checks ----------------------------------------------------------------------------


def container_logs(name: str) -> str:
    """The tail of a container's output."""
    proc = run(["docker", "logs", "--tail", "40", name], check=False)
    return tail(proc.stdout + proc.stderr)


def wait_healthy(name: str, health: list[str]) -> float:
    """Run the health command in the container until it succeeds; return seconds taken."""
    started = time.monotonic()
    while time.monotonic() - started < HEALTH_TIMEOUT:
        if run(["docker", "exec", name, *health], check=False).returncode == 0:
            return time.monotonic() - started
        if run(["docker", "inspect", "-f", "{{.State.Running}}", name]).stdout.strip() != "true":
            raise StandinError(f"{name} exited before becoming healthy:\n{container_logs(name)}")
        time.sleep(1)
    raise StandinError(f"{name}: {' '.join(health)} kept failing for {HEALTH_TIMEOUT:.0f} s:\n"
                       f"{container_logs(name)}")


def connect(case: DbCase, network: str, host: str, password: str) -> str:
    """Run the case's client in a second container; return its (stripped) output."""
    proc = run(["docker", "run", "--rm", "--network", network, "--entrypoint", "",
                case.tag, *case.client(host, password)], check=False)
    if proc.returncode != 0:
        raise StandinError(f"client could not query {host} as the created user:\n"
                           f"{tail(proc.stderr or proc.stdout)}")
    return proc.stdout.strip()


def check_rejects_wrong_password(case: DbCase, network: str, host: str) -> None:
    """Password authentication is really on for connections from other containers."""
    proc = run(["docker", "run", "--rm", "--network", network, "--entrypoint", "",
                case.tag, *case.client(host, "wrong-password")], check=False)
    if proc.returncode == 0:
        raise StandinError(f"{case.tag}: a wrong password was accepted from another container")


def stop_cleanly(name: str) -> float:
    """`docker stop` the container; it must exit with status 0 within the 10 s grace."""
    started = time.monotonic()
    run(["docker", "stop", name], timeout=60)
    took = time.monotonic() - started
    code = run(["docker", "inspect", "-f", "{{.State.ExitCode}}", name]).stdout.strip()
    if code != "0" or took >= STOP_LIMIT:
        raise StandinError(f"{name}: docker stop took {took:.1f} s, exit code {code}:\n"
                           f"{container_logs(name)}")
    return took


def data_volume(tag: str) -> str:
    """The (single) VOLUME the image declares: where a compose file mounts its volume."""
    info = dockerutil.image_inspect(tag)
    volumes = sorted(((info or {}).get("Config") or {}).get("Volumes") or {})
    if len(volumes) != 1:
        raise StandinError(f"{tag}: expected one declared volume, found {volumes}")
    return str(volumes[0])


def smoke_db(tag: str) -> None:
    """All checks of one database tag."""
    case = db_case(tag)
    data_dir = data_volume(tag)
    suffix = uuid.uuid4().hex[:8]
    first, second = f"newproj-smoke-{suffix}-a", f"newproj-smoke-{suffix}-b"
    with docker_network(f"newproj-smoke-{suffix}") as net, \
            docker_volume(f"newproj-smoke-{suffix}") as vol, init_dir() as initdb:
        env_args = [arg for key, value in case.env.items() for arg in ("-e", f"{key}={value}")]
        with container(first, ["--network", net, "-v", f"{vol}:{data_dir}",
                               "-v", f"{initdb}:/docker-entrypoint-initdb.d:ro",
                               *env_args, tag, *case.server_args]):
            took = wait_healthy(first, case.health)
            if connect(case, net, first, PASSWORD) != "1":
                raise StandinError(f"{tag}: the init script's table is not there")
            check_rejects_wrong_password(case, net, first)
            stopped = stop_cleanly(first)
        with container(second, ["--network", net, "-v", f"{vol}:{data_dir}", tag]):
            wait_healthy(second, case.health)
            if connect(case, net, second, PASSWORD) != "1":
                raise StandinError(f"{tag}: data lost on restart")
            if "skipping initialization" not in container_logs(second):
                raise StandinError(f"{tag}: second start did not skip initialization")
            stop_cleanly(second)
    log(f"smoke ok: {tag} (healthy after {took:.1f} s, stopped in {stopped:.1f} s, "
        f"restart on the volume skipped init)")


def smoke_python(version: str) -> None:
    """The interpreter version, and an offline venv + pip install in a docker build."""
    tag = python_spec(version).tag
    out = run(["docker", "run", "--rm", "--network", "none", tag, "python", "-c",
               "import sys; print(sys.version)"]).stdout.strip()
    if not out.startswith(version + "."):
        raise StandinError(f"{tag}: python is {out}, not {version}")
    smoke_tag = f"newproj-standin-smoke:{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="standin-smoke-") as tmp:
        (Path(tmp) / "Dockerfile").write_text(PYTHON_DOCKERFILE.format(tag=tag))
        log_path = cache_dir() / "logs" / f"smoke-python-{version}.log"
        try:
            run_logged(["docker", "build", "--rm", "--force-rm", "-t", smoke_tag, tmp], log_path,
                       env=dockerutil.BUILD_ENV, echo=lambda line: line.startswith("smoke:"))
        finally:
            _remove_quietly("docker", "rmi", "-f", smoke_tag)
    log(f"smoke ok: {tag} (python {out.split()[0]}, venv + pip install from the wheelhouse)")


def smoke(python_versions: list[str], db_tags: list[str]) -> None:
    """Run every smoke check; raise StandinError on the first failure."""
    for tag in db_tags:
        log(f"smoke: {tag}")
        smoke_db(tag)
    for version in python_versions:
        log(f"smoke: python:{version}-slim")
        smoke_python(version)
    log("smoke: all checks passed")
