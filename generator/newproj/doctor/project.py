"""The project's checks: its port, its compose file, whether this machine builds it, the line
endings of its shell scripts, and its ``.env``."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newproj.doctor.base import OK, PROBLEM, SKIPPED, Check, Probes, _Machine
from newproj.messages import t as say
from newproj.project.composename import PROJECT_NAME_VARIABLE, compose_project_name
from newproj.render.templates import django_template

COMPOSE_FILE = "docker-compose.yml"
#: The database password variable of each database service, as the template names it.
PASSWORD_VARIABLES = ("POSTGRES_PASSWORD", "MYSQL_PASSWORD", "MARIADB_PASSWORD")
USER_VARIABLES = ("POSTGRES_USER", "MYSQL_USER", "MARIADB_USER")
_DEFAULTED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}")


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


#: Dockerfile syntax only BuildKit builds (the classic builder, which Compose 1.29 uses by itself,
#: refuses it), by how a reader would name it; each pattern is matched against one instruction line.
BUILDKIT_ONLY = {
    "RUN --mount": re.compile(r"--mount="),
    "RUN --network": re.compile(r"^\s*RUN\b.*--network="),
    "RUN --security": re.compile(r"^\s*RUN\b.*--security="),
    "COPY --link": re.compile(r"^\s*(COPY|ADD)\b.*--link\b"),
    "COPY --chmod": re.compile(r"^\s*(COPY|ADD)\b.*--chmod="),
    "COPY --exclude": re.compile(r"^\s*(COPY|ADD)\b.*--exclude="),
    "COPY --parents": re.compile(r"^\s*(COPY|ADD)\b.*--parents\b"),
    "heredoc": re.compile(r"^\s*(RUN|COPY)\b.*<<-?\s*[\"']?[A-Za-z_]"),
}


def buildkit_features(dockerfile: str) -> list[str]:
    """The BuildKit-only features a Dockerfile uses (comments and Jinja lines ignored), in a fixed order."""
    lines = [line for line in dockerfile.splitlines() if not line.lstrip().startswith(("#", "{%", "{#"))]
    return [name for name, pattern in BUILDKIT_ONLY.items() if any(pattern.search(line) for line in lines)]


def template_dockerfile_path() -> Path:
    """The Dockerfile of every project the installed template writes (Jinja source)."""
    return django_template() / "{{cookiecutter.project_slug}}" / "Dockerfile"


def check_build(
    probes: Probes, lang: str, machine: _Machine, dockerfile: Path, template: bool = False
) -> Check:
    """Can this machine's Compose build ``dockerfile`` (a project's, or with ``template`` the one every
    project newproj writes)? Compose 1.29 builds with the classic builder (docker-py), which refuses
    BuildKit-only syntax such as ``RUN --mount``, unless told to call ``docker build`` with BuildKit,
    which needs buildx with a recent CLI. What the Dockerfile needs is read from it, not assumed."""
    features = buildkit_features(dockerfile.read_text(encoding="utf-8")) if dockerfile.is_file() else []
    subject = {"subject": say("build_subject_template" if template else "build_subject", lang)}
    if not features:
        return Check("build", OK, say("build_classic", lang, **subject))
    subject["features"] = ", ".join(features)
    if machine.compose is None:
        return Check("build", SKIPPED, say("needs_compose", lang))
    if not machine.compose_v1:
        return Check("build", OK, say("build_buildkit", lang, command=" ".join(machine.compose), **subject))
    cli_build = (
        probes.environ.get("COMPOSE_DOCKER_CLI_BUILD") == "1" and probes.environ.get("DOCKER_BUILDKIT") == "1"
    )
    if machine.buildx and cli_build:
        return Check("build", OK, say("build_v1_cli", lang, **subject))
    if machine.builtin_buildkit_cli and cli_build:
        return Check(
            "build", OK, say("build_v1_cli_builtin", lang, version=machine.builtin_buildkit_cli, **subject)
        )
    if machine.buildx or machine.builtin_buildkit_cli:
        return Check("build", PROBLEM, say("build_v1_env", lang, **subject), say("build_v1_cli_fix", lang))
    return Check(
        "build", PROBLEM, say("build_v1_classic", lang, **subject), say("build_v1_classic_fix", lang)
    )


def _shell_scripts(project: Path) -> list[Path]:
    skip = {".git", ".venv", "venv", "node_modules"}
    found = []
    for folder, subfolders, files in os.walk(project):
        subfolders[:] = sorted(s for s in subfolders if s not in skip)
        found += [Path(folder) / name for name in sorted(files) if name.endswith(".sh")]
    return found


def _git_writes_lf(probes: Probes, project: Path, files: list[str]) -> bool:
    """Whether git tracks every one of ``files`` and checks it out with LF (``eol=lf``, as the
    project's ``.gitattributes`` says), so that git itself can rewrite them with LF."""
    listed = probes.run(["git", "ls-files", "--eol", "-z", "--", *files], cwd=project)
    if listed.code != 0:  # no git, or no repository
        return False
    attributes: dict[str, list[str]] = {}
    for entry in listed.out.split("\0"):  # "i/lf  w/crlf  attr/text eol=lf\t<path>"
        info, tab, path = entry.partition("\t")
        if tab and "attr/" in info:
            attributes[path] = info.split("attr/", 1)[1].split()
    return all("eol=lf" in attributes.get(name, []) and "-text" not in attributes[name] for name in files)


def check_line_endings(probes: Probes, lang: str, project: Path) -> Check:
    """Every shell script has LF line endings; the fix names the scripts that do not and keeps
    their edits: git rewrites the ones it tracks with LF, anything else is converted in place."""
    scripts = _shell_scripts(project)
    crlf = [p.relative_to(project).as_posix() for p in scripts if b"\r\n" in p.read_bytes()]
    if not crlf:
        return Check("line-endings", OK, say("lf_ok", lang, count=len(scripts)))
    quoted = " ".join(shlex.quote(name) for name in crlf)
    # git checks a file out again only when it looks changed since it was staged, so the fix
    # removes the (just staged) file first; that is why it is offered only for tracked files.
    fix = "lf_crlf_fix_git" if _git_writes_lf(probes, project, crlf) else "lf_crlf_fix_convert"
    return Check(
        "line-endings", PROBLEM, say("lf_crlf", lang, files=", ".join(crlf)), say(fix, lang, files=quoted)
    )


def _recorded_slug(project: Path) -> str | None:
    """The package name ``.cruft.json`` records, if it can be read."""
    import json

    try:
        slug = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"][
            "project_slug"
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return slug if isinstance(slug, str) and compose_project_name(slug) == slug else None


def check_env(lang: str, project: Path, compose_text: str) -> Check:
    """A ``.env`` overrides only what compose reads, with values, and DATABASE_URL agrees with
    the database service's user and password (as ``docker/dev.env`` and the ``.env`` set them)."""
    path = project / ".env"
    env = read_env_file(path) if path.is_file() else {}
    defaults = compose_defaults(compose_text)
    for name, value in env.items():
        if name not in defaults and name != PROJECT_NAME_VARIABLE:  # Compose's own, for the folder's name
            return Check(
                "env", PROBLEM, say("env_unknown", lang, name=name), say("env_unknown_fix", lang, name=name)
            )
        if not value:
            return Check(
                "env", PROBLEM, say("env_empty", lang, name=name), say("env_empty_fix", lang, name=name)
            )
    if not compose_project_name(project.name) and not (
        env.get(PROJECT_NAME_VARIABLE) or os.environ.get(PROJECT_NAME_VARIABLE)
    ):
        name = _recorded_slug(project) or "my_project"
        return Check(
            "env",
            PROBLEM,
            say("env_no_project_name", lang, folder=project.name),
            say("env_no_project_name_fix", lang, name=name),
        )
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


__all__ = [
    "COMPOSE_FILE",
    "check_build",
    "check_compose_resolves",
    "check_env",
    "check_line_endings",
    "check_port",
    "compose_defaults",
    "project_port",
    "read_env_file",
    "service_environment",
]
