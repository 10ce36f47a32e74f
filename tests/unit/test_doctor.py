"""``newproj doctor``: each check passes and fails, with fake probes (an engine, a port, a disk)
where the machine cannot be arranged, and with the real machine where it can."""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import newproj.doctor.checks
import pytest
from newproj.cli import app as cli
from newproj.doctor import base
from newproj.doctor import checks as doctor
from newproj.doctor.checks import Check, Outcome, Probes, diagnose, format_line

ENGINE = ("docker", "version", "--format", "{{.Server.Version}}")
ROOT = ("docker", "info", "--format", "{{.DockerRootDir}}")
PLUGIN = ("docker", "compose", "version", "--short")
STANDALONE = ("docker-compose", "version", "--short")
BUILDX = ("docker", "buildx", "version")
CLIENT = ("docker", "version", "--format", "{{.Client.Version}}")
MISSING = Outcome(127, missing=True)
#: A machine where everything is in order: Engine 27, the Compose plugin, buildx.
HEALTHY = {
    ENGINE: Outcome(0, "27.3.1\n"),
    ROOT: Outcome(0, "/var/lib/docker\n"),
    PLUGIN: Outcome(0, "2.29.7\n"),
    STANDALONE: MISSING,
    BUILDX: Outcome(0, "github.com/docker/buildx v0.17.1 257815a\n"),
    ("docker", "compose", "config", "-q"): Outcome(0),
}


class FakeMachine:
    """Answers commands from a table; records what was run and where."""

    def __init__(self, table: dict[tuple[str, ...], Outcome]) -> None:
        self.table = table
        self.calls: list[tuple[tuple[str, ...], Path | None]] = []

    def __call__(self, args: list[str], cwd: Path | None = None) -> Outcome:
        self.calls.append((tuple(args), cwd))
        return self.table.get(tuple(args), MISSING)


def probes(changes: dict[tuple[str, ...], Outcome] | None = None, *, busy: set[int] = frozenset(),
           free: float = 80e9, environ: dict[str, str] | None = None) -> Probes:
    return Probes(
        run=FakeMachine({**HEALTHY, **(changes or {})}),
        port_in_use=lambda port: port in busy,
        free_bytes=lambda _path: int(free),
        environ=environ or {},
    )


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {check.name: check for check in checks}


@pytest.fixture
def project(generated: Callable[..., Path]) -> Path:
    return generated(project_name="Shop", database="postgresql", port=8123)


def dev_password(project: Path) -> str:
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    return record["context"]["cookiecutter"]["__dev_db_password"]


# --- a healthy machine and project ----------------------------------------------------------


def test_a_ready_machine_and_project(project: Path) -> None:
    checks = diagnose(project, "en", probes())
    assert [format_line(c) for c in checks] == [
        "ok  engine: Docker Engine 27.3.1 answers",
        "ok  compose: Compose v2 plugin 2.29.7: docker compose up --wait works",
        "ok  buildkit: BuildKit through docker buildx v0.17.1",
        "ok  port: port 8123 is free on this machine",
        "ok  disk: 80.0 GB free on /var/lib/docker",
        "ok  compose-file: docker compose config resolves the file",
        "ok  build: the Dockerfile needs no BuildKit-only feature; any builder builds it",
        "ok  line-endings: every shell script (1) has LF line endings",
        "ok  env: no .env: the committed development values (docker/dev.env) and compose defaults apply",
    ]
    assert doctor.ready(checks)
    assert doctor.summary(checks) == "ready: nothing to fix"


def test_outside_a_project_only_the_machine_is_checked(tmp_path: Path) -> None:
    checks = diagnose(tmp_path, "en", probes())
    assert [c.name for c in checks] == ["engine", "compose", "buildkit", "disk", "build", "project"]
    assert by_name(checks)["project"] == Check(
        "project", "skipped", f"no docker-compose.yml in {tmp_path}: the project checks are skipped"
    )
    assert doctor.ready(checks)


MOUNTING = "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install django\n"
PLAIN = "FROM python:3.13-slim\n# a cache mount (RUN --mount) would need BuildKit\nRUN pip install django\n"


@pytest.mark.parametrize(
    ("dockerfile", "changes", "line"),
    [
        (MOUNTING, V1_NO_BUILDX_MACHINE := {("docker", "compose", "version", "--short"): MISSING,
                                          ("docker-compose", "version", "--short"): Outcome(0, "1.29.2\n"),
                                          ("docker", "buildx", "version"): MISSING},
         "problem  build: the Dockerfile of the projects newproj writes uses RUN --mount, which Compose 1.29 "
         "cannot build without buildx (classic builder); fix: install the Compose v2 plugin "
         "(docker-compose-plugin), or docker-buildx-plugin and set COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1"),
        (PLAIN, V1_NO_BUILDX_MACHINE,
         "ok  build: the Dockerfile of the projects newproj writes needs no BuildKit-only feature; any builder "
         "builds it"),
        (MOUNTING, {},
         "ok  build: the Dockerfile of the projects newproj writes uses RUN --mount; docker compose builds it "
         "with BuildKit"),
    ],
    ids=["v1-cannot", "v1-plain-dockerfile", "v2"],
)  # fmt: skip
def test_outside_a_project_the_machine_is_judged_by_what_newproj_writes(
    tmp_path: Path, dockerfile: str, changes: dict, line: str
) -> None:
    """What the machine can build is read from the template's Dockerfile: when it needs BuildKit and
    the machine has none, outside a project too, the doctor says so (exit 5), never "ready"."""
    template = tmp_path / "Dockerfile"
    template.write_text(dockerfile, encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    checks = diagnose(folder, "en", probes(changes), template)
    assert format_line(by_name(checks)["build"]) == line
    assert doctor.ready(checks) == line.startswith("ok")


def test_outside_a_project_the_installed_templates_dockerfile_decides(tmp_path: Path) -> None:
    """Whatever the template's Dockerfile needs today, a machine without BuildKit hears it."""
    from newproj.doctor.project import buildkit_features, template_dockerfile_path

    needs = buildkit_features(template_dockerfile_path().read_text(encoding="utf-8"))
    build = by_name(diagnose(tmp_path, "en", probes(V1_NO_BUILDX_MACHINE)))["build"]
    assert build.status == ("problem" if needs else "ok")


@pytest.mark.parametrize(
    ("line", "features"),
    [
        ("RUN --mount=type=cache,target=/root/.cache/pip pip install x", ["RUN --mount"]),
        ("    --mount=type=bind,source=requirements.txt,target=/tmp/r.txt \\", ["RUN --mount"]),
        ("COPY --link . /app", ["COPY --link"]),
        ("COPY --chmod=755 entrypoint.sh /", ["COPY --chmod"]),
        ("RUN <<EOF", ["heredoc"]),
        ("RUN --network=none make", ["RUN --network"]),
        ("# RUN --mount=type=cache is what we avoid", []),
        ("COPY --chown=app:app . /app", []),
        ("RUN pip install -r requirements.txt", []),
    ],
)
def test_buildkit_only_syntax_is_recognised(line: str, features: list[str]) -> None:
    assert doctor.buildkit_features(f"FROM python:3.13-slim\n{line}\n") == features


def test_the_doctor_changes_nothing(project: Path) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    fake = probes()
    diagnose(project, "en", fake)
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    # only questions are asked of the machine: versions, the engine's folder, a config check
    assert [args for args, _cwd in fake.run.calls] == [  # type: ignore[attr-defined]
        ENGINE, ROOT, PLUGIN, BUILDX, ("docker", "compose", "config", "-q")
    ]


# --- the engine ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "line"),
    [
        (MISSING, "problem  engine: no docker command on PATH; fix: install Docker Engine (Linux) or Docker Desktop"),
        (
            Outcome(1, err="permission denied while trying to connect to the Docker daemon socket at "
                    "unix:///var/run/docker.sock: Get ...: dial unix /var/run/docker.sock: connect: permission denied"),
            "problem  engine: permission denied on the Docker socket; "
            "fix: sudo usermod -aG docker $USER, then log out and in again",
        ),
        (
            Outcome(1, err="Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
                    "Is the docker daemon running?"),
            "problem  engine: the Docker Engine does not answer; "
            "fix: start it: sudo systemctl start docker, or open Docker Desktop",
        ),
    ],
    ids=["no-client", "permission", "stopped"],
)
def test_engine_problems(tmp_path: Path, outcome: Outcome, line: str) -> None:
    checks = by_name(diagnose(tmp_path, "en", probes({ENGINE: outcome})))
    assert format_line(checks["engine"]) == line
    assert format_line(checks["buildkit"]) == "skipped  buildkit: needs a reachable Docker Engine"


def test_a_stopped_engine_for_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real docker client, pointed at a socket where no engine listens."""
    if subprocess.run(["sh", "-c", "command -v docker"], capture_output=True).returncode != 0:
        pytest.skip("!!! SKIPPED: no docker client on PATH")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    engine = diagnose(tmp_path, "en")[0]
    assert format_line(engine) == (
        "problem  engine: the Docker Engine does not answer; "
        "fix: start it: sudo systemctl start docker, or open Docker Desktop"
    )


# --- Compose and BuildKit --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plugin", "standalone", "status", "detail"),
    [
        (Outcome(0, "2.29.7\n"), MISSING, "ok", "Compose v2 plugin 2.29.7: docker compose up --wait works"),
        (MISSING, Outcome(0, "2.40.3\n"), "ok",
         "standalone Compose v2 2.40.3: type docker-compose for docker compose; up --wait works"),
        (Outcome(1, err="docker: 'compose' is not a docker command."), Outcome(0, "1.29.2\n"), "ok",
         "Compose 1.29.2 (docker-compose): the project runs; no --wait, check health with docker-compose ps"),
        (MISSING, Outcome(0, "1.25.0\n"), "problem",
         "Compose 1.25.0 is older than 1.29 and cannot read this compose file"),
        (MISSING, MISSING, "problem", "no Docker Compose found"),
    ],
    ids=["plugin", "standalone-v2", "v1.29", "v1.25", "none"],
)
def test_compose_flavours(tmp_path: Path, plugin: Outcome, standalone: Outcome, status: str, detail: str) -> None:
    check = by_name(diagnose(tmp_path, "en", probes({PLUGIN: plugin, STANDALONE: standalone})))["compose"]
    assert (check.status, check.detail) == (status, detail)
    fix = "install the Compose v2 plugin (package docker-compose-plugin, or Docker Desktop)"
    assert check.fix == (fix if status == "problem" else "")


@pytest.mark.parametrize(
    ("changes", "environ", "line"),
    [
        ({}, {}, "ok  buildkit: BuildKit through docker buildx v0.17.1"),
        ({BUILDX: Outcome(1, err="docker: 'buildx' is not a docker command.")}, {},
         "ok  buildkit: BuildKit is built into Engine 27.3.1; Compose uses it (no buildx plugin)"),
        ({}, {"DOCKER_BUILDKIT": "0"},
         "problem  buildkit: DOCKER_BUILDKIT=0 turns BuildKit off; fix: unset DOCKER_BUILDKIT (or set it to 1)"),
        ({ENGINE: Outcome(0, "18.06.3-ce\n"), BUILDX: MISSING}, {},
         "problem  buildkit: Engine 18.06.3-ce predates BuildKit (18.09); "
         "fix: upgrade Docker Engine, or install the docker-buildx-plugin package"),
    ],
    ids=["buildx", "engine-only", "disabled", "too-old"],
)
def test_buildkit(tmp_path: Path, changes: dict, environ: dict[str, str], line: str) -> None:
    """For a Dockerfile that needs BuildKit (release 6's cache mount); one that does not is below."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache pip install django\n")
    found = diagnose(tmp_path, "en", probes(changes, environ=environ), template_dockerfile=dockerfile)
    assert format_line(by_name(found)["buildkit"]) == line


# --- port and disk -------------------------------------------------------------------------------


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port something really listens on."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def test_a_held_port_is_a_problem(held_port: int, generated: Callable[..., Path]) -> None:
    project = generated(project_name="Shop", database="sqlite", port=held_port)
    port = by_name(diagnose(project, "en", replace(probes(), port_in_use=base._port_in_use)))["port"]
    assert format_line(port) == (
        f"problem  port: port {held_port} is already in use on this machine; "
        "fix: stop what uses it (docker compose down, if it is this project already running)"
    )


def test_a_free_port_for_real(generated: Callable[..., Path]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    project = generated(project_name="Shop", database="sqlite", port=free)
    port = by_name(diagnose(project, "en", replace(probes(), port_in_use=base._port_in_use)))["port"]
    assert port == Check("port", "ok", f"port {free} is free on this machine")


def test_low_disk(project: Path) -> None:
    disk = by_name(diagnose(project, "en", probes(free=2.14e9)))["disk"]
    assert format_line(disk) == (
        "problem  disk: only 2.1 GB free on /var/lib/docker; images and volumes need about 5 GB; "
        "fix: free some space, e.g. docker system prune"
    )


def test_disk_falls_back_to_the_project_when_the_engine_root_is_unreadable(project: Path) -> None:
    def free_bytes(path: Path) -> int:
        if path == Path("/var/lib/docker"):
            raise PermissionError(13, "Permission denied")
        return 9 * 10**9

    disk = by_name(diagnose(project, "en", replace(probes(), free_bytes=free_bytes)))["disk"]
    assert disk == Check("disk", "ok", f"9.0 GB free on {project}")


# --- the project's files ---------------------------------------------------------------------------


def test_compose_file_refused(project: Path) -> None:
    refusal = Outcome(1, err="ERROR: The Compose file './docker-compose.yml' is invalid because:\n"
                      "'name' does not match any of the regexes: '^x-'\n")
    table = {PLUGIN: MISSING, STANDALONE: Outcome(0, "1.29.2\n"), ("docker-compose", "config", "-q"): refusal}
    fake = probes(table)
    check = by_name(diagnose(project, "en", fake))["compose-file"]
    assert format_line(check) == (
        "problem  compose-file: docker-compose config refuses the file: "
        "'name' does not match any of the regexes: '^x-'; "
        "fix: fix docker-compose.yml (or the .env line) the message names"
    )
    assert ((("docker-compose", "config", "-q"), project)) in fake.run.calls  # type: ignore[attr-defined]


def test_compose_file_needs_compose(project: Path) -> None:
    check = by_name(diagnose(project, "en", probes({PLUGIN: MISSING})))["compose-file"]
    assert format_line(check) == "skipped  compose-file: needs Docker Compose"


def test_compose_file_resolves_for_real_with_compose_1_29(project: Path) -> None:
    """Debian's docker-compose 1.29 on the generated file, through the real probes."""
    if subprocess.run(["sh", "-c", "command -v docker-compose"], capture_output=True).returncode != 0:
        pytest.skip("!!! SKIPPED: no docker-compose on PATH")
    real = Probes()
    table = {PLUGIN: MISSING}
    fake = replace(real, run=lambda args, cwd=None: table.get(tuple(args)) or base._run(args, cwd))
    checks = by_name(diagnose(project, "en", fake))
    assert checks["compose"].detail.startswith("Compose 1.29")
    assert checks["compose-file"] == Check("compose-file", "ok", "docker-compose config resolves the file")


V1_NO_BUILDX = {PLUGIN: MISSING, STANDALONE: Outcome(0, "1.29.2\n"), BUILDX: MISSING}


@pytest.mark.parametrize(
    ("changes", "environ", "line"),
    [
        ({}, {}, "ok  build: the Dockerfile uses RUN --mount; docker compose builds it with BuildKit"),
        (V1_NO_BUILDX, {},
         "problem  build: the Dockerfile uses RUN --mount, which Compose 1.29 cannot build without buildx "
         "(classic builder); fix: install the Compose v2 plugin (docker-compose-plugin), or docker-buildx-plugin "
         "and set COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1"),
        ({**V1_NO_BUILDX, BUILDX: HEALTHY[BUILDX]}, {},
         "problem  build: the Dockerfile uses RUN --mount; docker-compose 1.29 uses the classic builder unless "
         "told otherwise; fix: set COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 for docker-compose builds"),
        ({**V1_NO_BUILDX, BUILDX: HEALTHY[BUILDX]}, {"COMPOSE_DOCKER_CLI_BUILD": "1", "DOCKER_BUILDKIT": "1"},
         "ok  build: the Dockerfile uses RUN --mount; docker-compose builds it through docker buildx"),
        ({**V1_NO_BUILDX, CLIENT: Outcome(0, "20.10.24+dfsg1\n")},
         {"COMPOSE_DOCKER_CLI_BUILD": "1", "DOCKER_BUILDKIT": "1"},
         "ok  build: the Dockerfile uses RUN --mount; docker-compose builds it through docker CLI 20.10.24+dfsg1, "
         "which has BuildKit built in"),
        ({**V1_NO_BUILDX, CLIENT: Outcome(0, "20.10.24+dfsg1\n")}, {},
         "problem  build: the Dockerfile uses RUN --mount; docker-compose 1.29 uses the classic builder unless "
         "told otherwise; fix: set COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 for docker-compose builds"),
        ({**V1_NO_BUILDX, CLIENT: Outcome(0, "28.2.2\n")},  # a CLI of 23 or later builds only through buildx
         {"COMPOSE_DOCKER_CLI_BUILD": "1", "DOCKER_BUILDKIT": "1"},
         "problem  build: the Dockerfile uses RUN --mount, which Compose 1.29 cannot build without buildx "
         "(classic builder); fix: install the Compose v2 plugin (docker-compose-plugin), or docker-buildx-plugin "
         "and set COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1"),
    ],
    ids=["v2", "v1-classic", "v1-buildx-unset", "v1-buildx-set", "v1-cli-20.10-set", "v1-cli-20.10-unset",
         "v1-cli-28-no-buildx"],
)
def test_a_dockerfile_with_buildkit_mounts(project: Path, changes: dict, environ: dict[str, str], line: str) -> None:
    dockerfile = project / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text(encoding="utf-8").replace(
        "RUN pip install", "RUN --mount=type=cache,target=/root/.cache/pip pip install", 1), encoding="utf-8")
    check = by_name(diagnose(project, "en", probes(changes, environ=environ)))["build"]
    assert format_line(check) == line


@pytest.mark.parametrize(
    ("changes", "environ"),
    [(V1_NO_BUILDX, {}), (V1_NO_BUILDX, {"DOCKER_BUILDKIT": "0"}),
     ({ENGINE: Outcome(0, "18.06.3-ce\n"), BUILDX: MISSING}, {})],
    ids=["v1-no-buildx", "buildkit-off", "engine-too-old"],
)
def test_the_generated_dockerfile_needs_no_buildkit(project: Path, changes: dict, environ: dict[str, str]) -> None:
    """The generated Dockerfile has no BuildKit-only instruction: Compose 1.29's classic builder, a
    DOCKER_BUILDKIT=0 shell and an engine without BuildKit all build it."""
    assert "--mount" not in (project / "Dockerfile").read_text(encoding="utf-8")
    checks = by_name(diagnose(project, "en", probes(changes, environ=environ)))
    assert format_line(checks["build"]) == (
        "ok  build: the Dockerfile needs no BuildKit-only feature; any builder builds it")
    assert checks["buildkit"].status == "ok"
    if environ or ENGINE in changes:  # BuildKit off, or an engine without it: no longer a problem
        assert format_line(checks["buildkit"]) == (
            "ok  buildkit: not needed: the Dockerfile has no BuildKit-only instruction, any builder builds it")


LS_FILES = ("git", "ls-files", "--eol", "-z", "--", "docker/entrypoint.sh")


@pytest.mark.parametrize(
    ("changes", "fix"),
    [
        ({}, "save docker/entrypoint.sh with LF line endings in your editor, or run perl -pi -e 's/\\r$//' "
             "docker/entrypoint.sh"),
        ({LS_FILES: Outcome(128, err="fatal: not a git repository")},
         "save docker/entrypoint.sh with LF line endings in your editor, or run perl -pi -e 's/\\r$//' "
         "docker/entrypoint.sh"),
        ({LS_FILES: Outcome(0, "i/lf    w/crlf  attr/text eol=lf        \tdocker/entrypoint.sh\0")},
         "git add --renormalize -- docker/entrypoint.sh && rm -- docker/entrypoint.sh && git checkout -- "
         "docker/entrypoint.sh (keeps your edits: git stages them with LF, then writes the file again with LF, "
         "as .gitattributes says)"),
        ({LS_FILES: Outcome(0, "i/lf    w/crlf  attr/                 \tdocker/entrypoint.sh\0")},
         "save docker/entrypoint.sh with LF line endings in your editor, or run perl -pi -e 's/\\r$//' "
         "docker/entrypoint.sh"),
    ],
    ids=["no-git", "no-repository", "tracked-eol-lf", "tracked-without-gitattributes"],
)  # fmt: skip
def test_crlf_shell_script(project: Path, changes: dict, fix: str) -> None:
    """The fix names the script and keeps its edits: git rewrites it only when git tracks it and checks
    it out with LF; otherwise it is converted in place (no git command that would fail)."""
    script = project / "docker" / "entrypoint.sh"
    script.write_bytes(script.read_bytes().replace(b"\n", b"\r\n"))
    machine = probes(changes)
    check = by_name(diagnose(project, "en", machine))["line-endings"]
    assert format_line(check) == (
        "problem  line-endings: docker/entrypoint.sh has Windows (CRLF) line endings; the container fails "
        f"with /bin/sh^M; fix: {fix}"
    )
    assert (LS_FILES, project) in machine.run.calls
    assert "reset --hard" not in check.fix


def test_crlf_fix_in_korean_names_the_files_quoted_for_the_shell(project: Path) -> None:
    for name in ("docker/entrypoint.sh", "docker/my script.sh"):
        (project / name).write_bytes(b"#!/bin/sh\r\necho hi\r\n")
    check = by_name(diagnose(project, "ko", probes()))["line-endings"]
    assert (check.detail, check.fix) == (
        "docker/entrypoint.sh, docker/my script.sh 이(가) Windows(CRLF) 줄 끝이라 컨테이너가 /bin/sh^M 로 실패합니다",
        "편집기에서 docker/entrypoint.sh 'docker/my script.sh' 을(를) LF 줄 끝으로 저장하거나 "
        "perl -pi -e 's/\\r$//' docker/entrypoint.sh 'docker/my script.sh' 를 실행하세요",
    )


FIX_MISMATCH = (
    "fix: make them the same value in docker/dev.env (then docker compose down -v if the database volume has the old one)"
)


@pytest.mark.parametrize(
    ("env", "line"),
    [
        ("DJANGO_DEBUG=0\n", "ok  env: .env overrides DJANGO_DEBUG, consistently"),
        ("# only a comment\n", "ok  env: .env overrides nothing"),
        (
            "POSTGRES_PASSWORD=mine\n",
            "problem  env: .env sets POSTGRES_PASSWORD, which docker-compose.yml does not read; fix: remove the "
            "line (a secret key or password goes in docker/dev.env), or add ${POSTGRES_PASSWORD:-...} to a "
            "service's environment",
        ),
        (
            "SECRET=1\n",
            "problem  env: .env sets SECRET, which docker-compose.yml does not read; fix: remove the line (a "
            "secret key or password goes in docker/dev.env), or add ${SECRET:-...} to a service's environment",
        ),
        (
            "DJANGO_DEBUG=\n",
            "problem  env: .env sets DJANGO_DEBUG to an empty value; "
            "fix: give DJANGO_DEBUG a value or delete the line (the committed value applies)",
        ),
    ],
    ids=["debug", "empty-file", "password-in-env", "unknown", "empty-value"],
)
def test_env_overrides(project: Path, env: str, line: str) -> None:
    (project / ".env").write_text(env, encoding="utf-8")
    check = by_name(diagnose(project, "en", probes()))["env"]
    assert format_line(check) == line


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("{password}", "mine", "ok  env: no .env: the committed development values (docker/dev.env) and compose defaults apply"),
        (
            "POSTGRES_PASSWORD={password}",
            "POSTGRES_PASSWORD=mine",
            "problem  env: the password in DATABASE_URL differs from POSTGRES_PASSWORD; " + FIX_MISMATCH,
        ),
        (
            "postgres://shop:",
            "postgres://someone:",
            "problem  env: the user in DATABASE_URL differs from POSTGRES_USER; " + FIX_MISMATCH,
        ),
    ],
    ids=["both-changed", "password-only", "user-differs"],
)
def test_dev_env_edits(project: Path, old: str, new: str, line: str) -> None:
    """A teammate's edit of the committed development values: the database and DATABASE_URL must agree."""
    dev_env = project / "docker" / "dev.env"
    password = dev_password(project)
    text = dev_env.read_text(encoding="utf-8")
    assert old.format(password=password) in text
    dev_env.write_text(text.replace(old.format(password=password), new), encoding="utf-8")
    check = by_name(diagnose(project, "en", probes()))["env"]
    assert format_line(check) == line


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def fake_machine(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make ``newproj doctor`` see a machine built from :func:`probes`' arguments."""

    def use(*args: object, **kwargs: object) -> None:
        fake = probes(*args, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(newproj.doctor.checks, "diagnose", lambda path, lang: diagnose(path, lang, fake))

    return use


def test_command_ready_exits_0(project: Path, fake_machine, capsys: pytest.CaptureFixture[str]) -> None:
    fake_machine()
    assert cli.main(["doctor", str(project), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "ok  engine: Docker Engine 27.3.1 answers"
    assert out[-1] == "ready: nothing to fix"
    assert len(out) == 10


def test_command_with_problems_exits_5(project: Path, fake_machine, capsys: pytest.CaptureFixture[str]) -> None:
    fake_machine({ENGINE: MISSING}, busy={8123})
    assert cli.main(["doctor", str(project), "--lang", "en"]) == 5
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "2 to fix"
    assert [line.split(":")[0] for line in out if line.startswith("problem")] == [
        "problem  engine",
        "problem  port",
    ]


def test_command_json_shape(project: Path, fake_machine, capsys: pytest.CaptureFixture[str]) -> None:
    fake_machine(free=1e9)
    assert cli.main(["doctor", str(project), "--json", "--lang", "en"]) == 5
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["checks"]
    assert [list(check) for check in document["checks"]] == [["name", "status", "detail", "fix"]] * 9
    assert [c["name"] for c in document["checks"]] == [
        "engine", "compose", "buildkit", "port", "disk", "compose-file", "build", "line-endings", "env",
    ]
    assert {c["status"] for c in document["checks"]} == {"ok", "problem"}
    [disk] = [c for c in document["checks"] if c["status"] == "problem"]
    assert disk["fix"] == "free some space, e.g. docker system prune"
    assert all(c["fix"] == "" for c in document["checks"] if c["status"] == "ok")


def test_command_in_korean(project: Path, fake_machine, capsys: pytest.CaptureFixture[str]) -> None:
    fake_machine({ENGINE: MISSING}, busy={8123})
    dev_env = project / "docker" / "dev.env"
    password = dev_password(project)
    dev_env.write_text(
        dev_env.read_text(encoding="utf-8").replace(f"POSTGRES_PASSWORD={password}", "POSTGRES_PASSWORD=mine"),
        encoding="utf-8",
    )
    assert cli.main(["doctor", str(project), "--lang", "ko"]) == 5
    assert capsys.readouterr().out.splitlines() == [
        "문제  engine: PATH 에 docker 명령이 없습니다; 해결: Docker Engine(Linux) 이나 Docker Desktop 을 설치하세요",
        "정상  compose: Compose v2 플러그인 2.29.7: docker compose up --wait 를 쓸 수 있습니다",
        "건너뜀  buildkit: 응답하는 Docker Engine 이 필요합니다",
        "문제  port: 포트 8123 을(를) 이 컴퓨터에서 이미 쓰고 있습니다; "
        "해결: 그 프로그램을 멈추세요 (이 프로젝트가 이미 돌고 있다면 docker compose down)",
        f"정상  disk: {project} 에 80.0 GB 남아 있습니다",
        "정상  compose-file: docker compose config 가 파일을 읽습니다",
        "정상  build: Dockerfile 이 BuildKit 전용 기능을 쓰지 않아 어느 빌더로도 빌드됩니다",
        "정상  line-endings: 셸 스크립트 1개 모두 LF 줄 끝입니다",
        "문제  env: DATABASE_URL 의 비밀번호 이(가) POSTGRES_PASSWORD 와(과) 다릅니다; "
        "해결: docker/dev.env 에서 둘을 같은 값으로 맞추세요 (볼륨에 예전 값이 있으면 docker compose down -v)",
        "고칠 것 3개",
    ]


def test_command_help_names_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["doctor", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "5 doctor found problems" in text
    assert "--json" in text and "--lang" in text


@pytest.mark.parametrize("kind", ["missing", "file"])
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "error: {path} is not a folder; give the folder of a project, or no path to check this machine only"),
        ("ko", "error: {path} 은(는) 폴더가 아닙니다. 프로젝트 폴더를 주거나, 이 컴퓨터만 점검하려면 경로를 빼세요"),
    ],
)
def test_command_refuses_a_path_that_is_no_folder(
    tmp_path: Path, kind: str, lang: str, expected: str, fake_machine, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped path is a usage error (2), as for update, never a machine-only "ready"."""
    fake_machine()
    path = tmp_path / "nope"
    if kind == "file":
        path.write_text("x")
    assert cli.main(["doctor", str(path), "--lang", lang]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [expected.format(path=path)]
