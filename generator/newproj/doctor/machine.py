"""The machine's checks: the Docker engine, Compose, BuildKit, and room on the disk."""

from __future__ import annotations

import re
from pathlib import Path

from newproj.doctor.base import OK, PROBLEM, SKIPPED, Check, Probes, _Machine
from newproj.messages import t as say

#: Free space below which images and volumes are likely to run out (a dev image is ~0.5 GB,
#: the base images and the build cache a few GB more).
DISK_NEED_GB = 5


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def check_engine(probes: Probes, lang: str, machine: _Machine) -> Check:
    """The engine answers, and this user may talk to it."""
    result = probes.run(["docker", "version", "--format", "{{.Server.Version}}"])
    if result.missing:
        return Check("engine", PROBLEM, say("engine_no_client", lang), say("engine_no_client_fix", lang))
    if result.code != 0 or not result.out.strip():
        if "permission denied" in result.err.lower():
            return Check(
                "engine", PROBLEM, say("engine_permission", lang), say("engine_permission_fix", lang)
            )
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
    BuildKit-only syntax (``needed`` False) builds with the classic builder as well."""
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


__all__ = ["DISK_NEED_GB", "check_buildkit", "check_compose", "check_disk", "check_engine"]
