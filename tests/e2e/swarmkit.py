"""Helpers for the Swarm end-to-end test: the engine-wide lock, the test-only stack override, a
small edge proxy, a bounded request loop, and a teardown that leaves the engine as it found it.

This kernel has no IPVS, so neither the ingress routing mesh nor service VIPs answer here. The
test therefore deploys the generated stack with one override, made here and never shipped in the
generated project: every service resolves by DNS round robin (``endpoint_mode: dnsrr``), web
publishes nothing, and an ``edge`` service published with ``mode: host`` proxies to the web tasks.
"""

from __future__ import annotations

import copy
import fcntl
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dockerkit import get, run

SWARM_LOCK = Path("/tmp/newproj-swarm.lock")

#: The edge: an HTTP proxy to ``tasks.web`` that tries the next task when one refuses or drops the
#: connection (what a load balancer in front of a real cluster does: nginx's proxy_next_upstream,
#: Traefik's retry). It reports how many tasks it tried in ``X-Edge-Attempts``.
EDGE_SCRIPT = '''\
import http.client, http.server, os, random, socket

UPSTREAM, PORT = os.environ["UPSTREAM"], int(os.environ["UPSTREAM_PORT"])


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        try:
            addresses = sorted({a[4][0] for a in socket.getaddrinfo(UPSTREAM, PORT, type=socket.SOCK_STREAM)})
        except OSError:
            addresses = []
        random.shuffle(addresses)
        for attempt, address in enumerate(addresses, 1):
            try:
                connection = http.client.HTTPConnection(address, PORT, timeout=15)
                connection.request("GET", self.path, headers=dict(self.headers))
                answer = connection.getresponse()
                body = answer.read()
            except (OSError, http.client.HTTPException):
                continue
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Edge-Attempts", str(attempt))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_error(502, "no web task answered")

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["EDGE_PORT"])), Proxy).serve_forever()
'''


def swarm_state() -> str:
    return run(["docker", "info", "--format", "{{.Swarm.LocalNodeState}}"]).stdout.strip()


@contextmanager
def swarm_lock(timeout: float = 900) -> Iterator[None]:
    """Hold the engine-wide swarm lock (a second suite waits for the first to leave the swarm)."""
    with open(SWARM_LOCK, "a") as handle:
        start = time.monotonic()
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - start > timeout:
                    raise AssertionError(f"{SWARM_LOCK} still held after {timeout:.0f} s") from None
                time.sleep(2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def free_port() -> int:
    """A TCP port nobody listens on right now (chosen at run time, never a fixed one)."""
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))
        return probe.getsockname()[1]


def no_ipvs_override(stack: dict[str, Any], edge_image: str, edge_port: int, web_port: int) -> dict[str, Any]:
    """The generated stack with the no-IPVS override of this kernel (see the module docstring)."""
    result = copy.deepcopy(stack)
    for service in result["services"].values():
        service.setdefault("deploy", {})["endpoint_mode"] = "dnsrr"
    del result["services"]["web"]["ports"]
    result["services"]["edge"] = {
        "image": edge_image,
        "command": ["python", "/edge.py"],
        "environment": {"UPSTREAM": "tasks.web", "UPSTREAM_PORT": str(web_port), "EDGE_PORT": str(edge_port)},
        "configs": [{"source": "edge", "target": "/edge.py"}],
        "ports": [{"target": edge_port, "published": edge_port, "protocol": "tcp", "mode": "host"}],
        "deploy": {"endpoint_mode": "dnsrr"},
    }
    result["configs"] = {"edge": {"file": "./edge.py"}}
    return result


@dataclass
class RequestLoop:
    """GET ``url`` over and over in a thread (at most ``limit`` requests) until stopped."""

    url: str
    headers: dict[str, str]
    limit: int = 4000
    results: list[tuple[int, str, int]] = field(default_factory=list)  # (status, body, edge attempts)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set() and len(self.results) + len(self.errors) < self.limit:
            try:
                answer = get(self.url, self.headers, timeout=20)
                self.results.append((answer.status, answer.body, int(answer.headers.get("X-Edge-Attempts", "0"))))
            except OSError as err:
                self.errors.append(repr(err))
            time.sleep(0.05)

    def __enter__(self) -> RequestLoop:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    @property
    def count(self) -> int:
        return len(self.results) + len(self.errors)

    @property
    def failures(self) -> list[str]:
        return self.errors + [f"HTTP {status}" for status, _body, _tries in self.results if status != 200]

    @property
    def retried(self) -> int:
        return sum(1 for _status, _body, tries in self.results if tries > 1)


def service_state(service: str) -> str:
    """``UpdateStatus.State`` of a service: updating, completed, rollback_started, rollback_completed..."""
    result = run(["docker", "service", "inspect", "-f", "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}",
                  service], check=False)
    return result.stdout.strip()


def task_states(service: str) -> list[str]:
    """The current state of each task the service wants running (or complete, for a job)."""
    ids = run(["docker", "service", "ps", "-q", "--filter", "desired-state=running", service]).stdout.split()
    ids += run(["docker", "service", "ps", "-q", "--filter", "desired-state=complete", service]).stdout.split()
    if not ids:
        return []
    return run(["docker", "inspect", "-f", "{{.Status.State}}", *ids]).stdout.split()


def job_runs(service: str) -> tuple[int, str]:
    """(the job's iteration, ``docker service ls``'s REPLICAS such as ``0/1 (1/1 completed)``)."""
    index = run(["docker", "service", "inspect", "-f", "{{.JobStatus.JobIteration.Index}}", service]).stdout
    replicas = run(["docker", "service", "ls", "--filter", f"name={service}", "--format", "{{.Replicas}}"]).stdout
    return int(index.strip() or 0), replicas.strip()


def healthy_containers(service: str) -> int:
    return len(run(["docker", "ps", "-q", "--filter", f"label=com.docker.swarm.service.name={service}",
                    "--filter", "health=healthy"]).stdout.split())


def leftovers(stack: str) -> dict[str, list[str]]:
    """What a stack left in the engine: services, containers, volumes, secrets, swarm networks."""
    label = f"label=com.docker.stack.namespace={stack}"
    found = {
        "containers": run(["docker", "ps", "-aq", "--filter", label]).stdout.split(),
        "volumes": run(["docker", "volume", "ls", "-q", "--filter", label]).stdout.split(),
        "networks": run(["docker", "network", "ls", "-q", "--filter", "name=docker_gwbridge"]).stdout.split(),
    }
    if swarm_state() == "active":
        found["services"] = run(["docker", "service", "ls", "-q", "--filter", label]).stdout.split()
        found["secrets"] = run(["docker", "secret", "ls", "-q"]).stdout.split()
    return found


def teardown(stack: str, images: list[str]) -> None:
    """Remove the stack, its finished job containers and volumes, leave the swarm, drop the bridge."""
    label = f"label=com.docker.stack.namespace={stack}"
    if swarm_state() == "active":
        run(["docker", "stack", "rm", stack], check=False, timeout=120)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and run(["docker", "ps", "-q", "--filter", label]).stdout.strip():
            time.sleep(1)
        secrets = run(["docker", "secret", "ls", "-q"], check=False).stdout.split()
        if secrets:
            run(["docker", "secret", "rm", *secrets], check=False)
        run(["docker", "swarm", "leave", "--force"], check=False, timeout=120)
    containers = run(["docker", "ps", "-aq", "--filter", label]).stdout.split()
    if containers:  # finished job containers outlive stack rm
        run(["docker", "rm", "-f", "-v", *containers], check=False, timeout=120)
    volumes = run(["docker", "volume", "ls", "-q", "--filter", label]).stdout.split()
    if volumes:
        run(["docker", "volume", "rm", "-f", *volumes], check=False)
    if run(["docker", "network", "ls", "-q", "--filter", "name=docker_gwbridge"]).stdout.strip():
        run(["docker", "network", "rm", "docker_gwbridge"], check=False)
    for image in images:
        run(["docker", "rmi", "-f", image], check=False)
