"""The checks behind ``newproj doctor``: is this machine, and this project, ready to run?

Nothing here prints or changes anything. Every contact with the machine goes through
:class:`Probes`, so tests can fake an engine, a held port or a full disk.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newproj.doctor_text import say

OK, PROBLEM, SKIPPED = "ok", "problem", "skipped"
#: Free space below which images and volumes are likely to run out (a dev image is ~0.5 GB,
#: the base images and the build cache a few GB more).
DISK_NEED_GB = 5
COMPOSE_FILE = "docker-compose.yml"
#: The database password variable of each database service, as the template names it.
PASSWORD_VARIABLES = ("POSTGRES_PASSWORD", "MYSQL_PASSWORD", "MARIADB_PASSWORD")
USER_VARIABLES = ("POSTGRES_USER", "MYSQL_USER", "MARIADB_USER")
_DEFAULTED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}")


@dataclass(frozen=True)
class Check:
    """One finding: ``status`` is ok, problem or skipped; ``fix`` is empty unless a problem."""

    name: str
    status: str
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a command printed and returned; ``missing`` when the program does not exist."""

    code: int
    out: str = ""
    err: str = ""
    missing: bool = False


def _run(args: list[str], cwd: Path | None = None) -> Outcome:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        return Outcome(127, missing=True)
    except subprocess.TimeoutExpired:
        return Outcome(124, err="timed out after 30 s")
    return Outcome(done.returncode, done.stdout, done.stderr)


def _port_in_use(port: int) -> bool:
    from newproj.ports import port_in_use

    return port_in_use(port)


def _free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


@dataclass(frozen=True)
class Probes:
    """How the doctor touches the machine; tests replace any of these."""

    run: Callable[..., Outcome] = _run
    port_in_use: Callable[[int], bool] = _port_in_use
    free_bytes: Callable[[Path], int] = _free_bytes
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


@dataclass
class _Machine:
    """Facts learned by earlier checks that later ones need."""

    engine_version: str | None = None
    docker_root: str | None = None
    compose: list[str] | None = None
    compose_v1: bool = False
    buildx: bool = False
    #: The docker CLI's version when it builds with BuildKit by itself (a CLI before 23, such as
    #: Debian's docker.io 20.10, with DOCKER_BUILDKIT=1): what Compose 1.29 calls without buildx.
    builtin_buildkit_cli: str | None = None


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def check_engine(probes: Probes, lang: str, machine: _Machine) -> Check:
    """The engine answers, and this user may talk to it."""
    result = probes.run(["docker", "version", "--format", "{{.Server.Version}}"])
    if result.missing:
        return Check("engine", PROBLEM, say("engine_no_client", lang), say("engine_no_client_fix", lang))
    if result.code != 0 or not result.out.strip():
        if "permission denied" in result.err.lower():
            return Check("engine", PROBLEM, say("engine_permission", lang), say("engine_permission_fix", lang))
        return Check("engine", PROBLEM, say("engine_down", lang), say("engine_down_fix", lang))
    machine.engine_version = result.out.strip()
    root = probes.run(["docker", "info", "--format", "{{.DockerRootDir}}"])
    machine.docker_root = root.out.strip() if root.code == 0 and root.out.strip() else None
    return Check("engine", OK, say("engine_ok", lang, version=machine.engine_version))


def check_compose(probes: Probes, lang: str, machine: _Machine) -> Check:
    """Which Compose this machine has: the v2 plugin, the standalone v2 binary or 1.29."""
    plugin = probes.run(["docker", "compose", "version", "--short"])
    if plugin.code == 0 and plugin.out.strip():
        machine.compose = ["docker", "compose"]
        return Check("compose", OK, say("compose_plugin", lang, version=plugin.out.strip()))
    standalone = probes.run(["docker-compose", "version", "--short"])
    version = standalone.out.strip()
    if standalone.code != 0 or not version:
        return Check("compose", PROBLEM, say("compose_missing", lang), say("compose_fix", lang))
    numbers = _version_tuple(version)
    if numbers >= (2,):
        machine.compose = ["docker-compose"]
        return Check("compose", OK, say("compose_standalone", lang, version=version))
    if numbers >= (1, 29):
        machine.compose = ["docker-compose"]
        machine.compose_v1 = True
        return Check("compose", OK, say("compose_v1", lang, version=version))
    return Check("compose", PROBLEM, say("compose_old", lang, version=version), say("compose_fix", lang))


def check_buildkit(probes: Probes, lang: str, machine: _Machine, needed: bool = True) -> Check:
    """BuildKit builds the images: through buildx, or built into the engine. A Dockerfile without
    BuildKit-only instructions (``needed`` False) builds with the classic builder as well."""
    if probes.environ.get("DOCKER_BUILDKIT", "").strip() == "0":
        if not needed:
            return Check("buildkit", OK, say("buildkit_not_needed", lang))
        return Check("buildkit", PROBLEM, say("buildkit_disabled", lang), say("buildkit_disabled_fix", lang))
    if machine.engine_version is None:
        return Check("buildkit", SKIPPED, say("needs_engine", lang))
    buildx = probes.run(["docker", "buildx", "version"])
    if buildx.code == 0 and buildx.out.strip():
        machine.buildx = True
        version = next((w for w in buildx.out.split() if re.match(r"v?\d+\.\d+", w)), buildx.out.strip())
        return Check("buildkit", OK, say("buildkit_buildx", lang, version=version))
    client = probes.run(["docker", "version", "--format", "{{.Client.Version}}"])
    if client.code == 0 and client.out.strip() and (18, 9) <= _version_tuple(client.out.strip()) < (23,):
        machine.builtin_buildkit_cli = client.out.strip()
    if _version_tuple(machine.engine_version) >= (18, 9):
        return Check("buildkit", OK, say("buildkit_engine", lang, version=machine.engine_version))
    if not needed:
        return Check("buildkit", OK, say("buildkit_not_needed", lang))
    return Check(
        "buildkit",
        PROBLEM,
        say("buildkit_old", lang, version=machine.engine_version),
        say("buildkit_old_fix", lang),
    )


def check_disk(probes: Probes, lang: str, machine: _Machine, fallback: Path) -> Check:
    """Room for images and volumes where the engine keeps them (else where the project is)."""
    path = Path(machine.docker_root) if machine.docker_root else fallback
    try:
        free = probes.free_bytes(path)
    except OSError:
        path = fallback
        free = probes.free_bytes(path)
    gigabytes = f"{free / 1e9:.1f}"
    if free < DISK_NEED_GB * 1e9:
        return Check(
            "disk",
            PROBLEM,
            say("disk_low", lang, free=gigabytes, path=path, need=DISK_NEED_GB),
            say("disk_low_fix", lang),
        )
    return Check("disk", OK, say("disk_ok", lang, free=gigabytes, path=path))


# --- the project -----------------------------------------------------------------------------


def read_env_file(path: Path) -> dict[str, str]:
    """``NAME=value`` lines of a ``.env`` file, as Compose reads them (comments and blanks skipped,
    one pair of surrounding quotes removed)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        name = name.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def compose_defaults(compose_text: str) -> dict[str, str]:
    """Each ``${NAME:-value}`` of the compose file (comments skipped): what applies without .env."""
    lines = [line for line in compose_text.splitlines() if not line.lstrip().startswith("#")]
    return dict(_DEFAULTED.findall("\n".join(lines)))


def service_environment(compose_text: str, env: Mapping[str, str], project: Path) -> dict[str, str]:
    """Every service's environment, as the containers get it: its ``env_file`` (the committed
    ``docker/dev.env``), then its ``environment`` with ``env`` (the .env) applied over it."""
    import yaml

    def resolve(value: object) -> str:
        return _DEFAULTED.sub(lambda m: env.get(m.group(1)) or m.group(2), str(value))

    try:
        services = yaml.safe_load(compose_text)["services"]
    except (yaml.YAMLError, KeyError, TypeError):
        return {}
    found: dict[str, str] = {}
    for service in services.values():
        env_files = (service or {}).get("env_file") or []
        for name in [env_files] if isinstance(env_files, str) else env_files:
            if isinstance(name, str) and (project / name).is_file():
                found.update(read_env_file(project / name))
        environment = (service or {}).get("environment") or {}
        if isinstance(environment, dict):
            found.update({name: resolve(value) for name, value in environment.items()})
    return found


def project_port(compose_text: str) -> int | None:
    """The host port of the ``web`` service (the first published one)."""
    import yaml

    try:
        ports = yaml.safe_load(compose_text)["services"]["web"]["ports"]
        host = str(ports[0]).split(":")[-2]
    except (yaml.YAMLError, KeyError, IndexError, TypeError):
        return None
    match = re.fullmatch(r"(?:\$\{[A-Za-z_]+:-)?(\d+)\}?", host)
    return int(match.group(1)) if match else None


def check_port(probes: Probes, lang: str, port: int) -> Check:
    if probes.port_in_use(port):
        return Check("port", PROBLEM, say("port_taken", lang, port=port), say("port_taken_fix", lang))
    return Check("port", OK, say("port_free", lang, port=port))


def check_compose_resolves(probes: Probes, lang: str, machine: _Machine, project: Path) -> Check:
    if machine.compose is None:
        return Check("compose-file", SKIPPED, say("needs_compose", lang))
    command = " ".join(machine.compose)
    result = probes.run([*machine.compose, "config", "-q"], cwd=project)
    if result.code != 0:
        lines = [line.strip() for line in result.err.splitlines() if line.strip()]
        error = lines[-1] if lines else f"exit {result.code}"
        return Check(
            "compose-file",
            PROBLEM,
            say("compose_refused", lang, command=command, error=error),
            say("compose_refused_fix", lang),
        )
    return Check("compose-file", OK, say("compose_resolves", lang, command=command))


def _needs_buildkit(project: Path) -> bool:
    """Whether ``project``'s Dockerfile needs BuildKit (``RUN --mount``); with none, assume so."""
    dockerfile = project / "Dockerfile"
    return not dockerfile.is_file() or "--mount=" in dockerfile.read_text(encoding="utf-8")


def check_build(probes: Probes, lang: str, machine: _Machine, project: Path) -> Check:
    """Can this machine's Compose build the project's Dockerfile? Compose 1.29 builds with the
    classic builder (docker-py), which refuses BuildKit-only instructions such as ``RUN --mount``,
    unless told to call ``docker build`` with BuildKit, which needs buildx with a recent CLI."""
    dockerfile = project / "Dockerfile"
    if not (dockerfile.is_file() and _needs_buildkit(project)):
        return Check("build", OK, say("build_classic", lang))
    if machine.compose is None:
        return Check("build", SKIPPED, say("needs_compose", lang))
    if not machine.compose_v1:
        return Check("build", OK, say("build_buildkit", lang, command=" ".join(machine.compose)))
    cli_build = probes.environ.get("COMPOSE_DOCKER_CLI_BUILD") == "1" and probes.environ.get("DOCKER_BUILDKIT") == "1"
    if machine.buildx and cli_build:
        return Check("build", OK, say("build_v1_cli", lang))
    if machine.builtin_buildkit_cli and cli_build:
        return Check("build", OK, say("build_v1_cli_builtin", lang, version=machine.builtin_buildkit_cli))
    if machine.buildx or machine.builtin_buildkit_cli:
        return Check("build", PROBLEM, say("build_v1_env", lang), say("build_v1_cli_fix", lang))
    return Check("build", PROBLEM, say("build_v1_classic", lang), say("build_v1_classic_fix", lang))


def _shell_scripts(project: Path) -> list[Path]:
    skip = {".git", ".venv", "venv", "node_modules"}
    found = []
    for folder, subfolders, files in os.walk(project):
        subfolders[:] = sorted(s for s in subfolders if s not in skip)
        found += [Path(folder) / name for name in sorted(files) if name.endswith(".sh")]
    return found


def check_line_endings(lang: str, project: Path) -> Check:
    scripts = _shell_scripts(project)
    crlf = [p.relative_to(project).as_posix() for p in scripts if b"\r\n" in p.read_bytes()]
    if crlf:
        return Check(
            "line-endings", PROBLEM, say("lf_crlf", lang, files=", ".join(crlf)), say("lf_crlf_fix", lang)
        )
    return Check("line-endings", OK, say("lf_ok", lang, count=len(scripts)))


def check_env(lang: str, project: Path, compose_text: str) -> Check:
    """A ``.env`` overrides only what compose reads, with values, and DATABASE_URL agrees with
    the database service's user and password (as ``docker/dev.env`` and the ``.env`` set them)."""
    path = project / ".env"
    env = read_env_file(path) if path.is_file() else {}
    defaults = compose_defaults(compose_text)
    for name, value in env.items():
        if name not in defaults:
            return Check("env", PROBLEM, say("env_unknown", lang, name=name), say("env_unknown_fix", lang, name=name))
        if not value:
            return Check("env", PROBLEM, say("env_empty", lang, name=name), say("env_empty_fix", lang, name=name))
    effective = service_environment(compose_text, env, project)
    url = urlsplit(effective.get("DATABASE_URL", ""))
    pairs = [("part_password", PASSWORD_VARIABLES, url.password), ("part_user", USER_VARIABLES, url.username)]
    for part, names, in_url in pairs:
        for name in names:
            if name in effective and in_url is not None and unquote(in_url) != effective[name]:
                return Check(
                    "env",
                    PROBLEM,
                    say("env_mismatch", lang, part=say(part, lang), name=name),
                    say("env_mismatch_fix", lang),
                )
    if not path.is_file():
        return Check("env", OK, say("env_absent", lang))
    if not env:
        return Check("env", OK, say("env_nothing", lang))
    return Check("env", OK, say("env_ok", lang, names=", ".join(sorted(env))))


def diagnose(project: Path | None, lang: str = "en", probes: Probes | None = None) -> list[Check]:
    """Every check, in order: the machine, then (when ``project`` holds a compose file) the project."""
    probes = probes or Probes()
    machine = _Machine()
    folder = (project or Path.cwd()).absolute()
    checks = [
        check_engine(probes, lang, machine),
        check_compose(probes, lang, machine),
        check_buildkit(probes, lang, machine, needed=_needs_buildkit(folder)),
    ]
    compose_path = folder / COMPOSE_FILE
    if not compose_path.is_file():
        checks.append(check_disk(probes, lang, machine, folder))
        checks.append(Check("project", SKIPPED, say("no_project", lang, path=folder)))
        return checks
    compose_text = compose_path.read_text(encoding="utf-8")
    port = project_port(compose_text)
    if port is not None:
        checks.append(check_port(probes, lang, port))
    checks.append(check_disk(probes, lang, machine, folder))
    checks.append(check_compose_resolves(probes, lang, machine, folder))
    checks.append(check_build(probes, lang, machine, folder))
    checks.append(check_line_endings(lang, folder))
    checks.append(check_env(lang, folder, compose_text))
    return checks


def ready(checks: list[Check]) -> bool:
    """True when no check found a problem."""
    return all(check.status != PROBLEM for check in checks)


def as_json(checks: list[Check]) -> dict[str, list[dict[str, str]]]:
    """The ``--json`` document: ``{"checks": [{"name", "status", "detail", "fix"}]}``."""
    return {"checks": [asdict(check) for check in checks]}


def format_line(check: Check, lang: str = "en") -> str:
    """One line: the status, the check's name, what was found and, for a problem, the fix."""
    line = f"{say('status_' + check.status, lang)}  {check.name}: {check.detail}"
    return f"{line}; {say('fix_label', lang)}: {check.fix}" if check.fix else line


def summary(checks: list[Check], lang: str = "en") -> str:
    problems = sum(check.status == PROBLEM for check in checks)
    return say("summary_problems", lang, count=problems) if problems else say("summary_ready", lang)


__all__ = [
    "Check",
    "Outcome",
    "Probes",
    "as_json",
    "diagnose",
    "format_line",
    "read_env_file",
    "ready",
    "summary",
]
