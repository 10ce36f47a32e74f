"""The checks behind ``newproj doctor``: is this machine, and this project, ready to run?

Nothing here prints or changes anything. Every contact with the machine goes through
:class:`Probes`, so tests can fake an engine, a held port or a full disk. The checks themselves
live by domain: :mod:`.machine` (engine, Compose, BuildKit, disk) and :mod:`.project` (port,
compose file, build, line endings, ``.env``); what they share is in :mod:`.base`.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from newproj.doctor.base import PROBLEM, SKIPPED, Check, Outcome, Probes, _Machine
from newproj.doctor.machine import check_buildkit, check_compose, check_disk, check_engine
from newproj.doctor.project import (
    COMPOSE_FILE,
    buildkit_features,
    check_build,
    check_compose_resolves,
    check_env,
    check_line_endings,
    check_port,
    project_port,
    read_env_file,
    template_dockerfile_path,
)
from newproj.errors import UsageError
from newproj.messages import t as say


def diagnose(
    project: Path | None,
    lang: str = "en",
    probes: Probes | None = None,
    template_dockerfile: Path | None = None,
) -> list[Check]:
    """Every check, in order: the machine, then (when ``project`` holds a compose file) the project.

    A ``project`` given that is no folder is a usage error, before anything is checked: a mistyped
    path must not pass for a machine-only check.
    """
    if project is not None and not project.is_dir():
        raise UsageError("doctor_not_dir", path=project)
    probes = probes or Probes()
    machine = _Machine()
    folder = (project or Path.cwd()).absolute()
    dockerfile = folder / "Dockerfile"
    if not (folder / COMPOSE_FILE).is_file():  # the machine alone: what newproj writes
        dockerfile = template_dockerfile or template_dockerfile_path()
    checks = [
        check_engine(probes, lang, machine),
        check_compose(probes, lang, machine),
        check_buildkit(probes, lang, machine, needed=_needs_buildkit(dockerfile)),
    ]
    compose_path = folder / COMPOSE_FILE
    if not compose_path.is_file():  # the machine alone: can it build what newproj writes?
        checks.append(check_disk(probes, lang, machine, folder))
        checks.append(check_build(probes, lang, machine, dockerfile, True))
        checks.append(Check("project", SKIPPED, say("no_project", lang, path=folder)))
        return checks
    compose_text = compose_path.read_text(encoding="utf-8")
    port = project_port(compose_text)
    if port is not None:
        checks.append(check_port(probes, lang, port))
    checks.append(check_disk(probes, lang, machine, folder))
    checks.append(check_compose_resolves(probes, lang, machine, folder))
    checks.append(check_build(probes, lang, machine, dockerfile))
    checks.append(check_line_endings(probes, lang, folder))
    checks.append(check_env(lang, folder, compose_text))
    return checks


def _needs_buildkit(dockerfile: Path) -> bool:
    """Whether ``dockerfile`` uses BuildKit-only syntax; without one to read, assume it does."""
    return not dockerfile.is_file() or bool(buildkit_features(dockerfile.read_text(encoding="utf-8")))


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
    "buildkit_features",
    "diagnose",
    "format_line",
    "read_env_file",
    "ready",
    "summary",
]
