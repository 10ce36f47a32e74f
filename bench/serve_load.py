"""The archive endpoint of ``newproj serve`` under load, next to ``newproj init`` for the same answers.

Starts a real ``newproj serve`` (uvicorn, worker processes) on loopback with its own temporary folder,
then asks ``GET /starter.zip`` for one set of answers:
- at 1, 8 and 32 concurrent clients (keep-alive connections): requests per second, p50 and p95
  latency, errors (any answer but 200);
- the resident memory of the service (server and workers) after 100 requests and after 2,000;
- the single-request time (p50 at 1 client) next to ``newproj init --no-input`` with the same answers
  (a fresh process into an empty folder, as a user runs it), alternating in one run.

Goals, printed with the figures: no errors; p95 at 8 clients <= 4x the single-request time; memory
growth from 100 to 2,000 requests <= 10%; nothing left in the service's temporary folder. Also printed,
to read the p95 goal by: the machine's load average before and after (other work on the cores shows in
every latency), and how much work ran at once at 8 clients (requests per second times the single
request): with renders that each keep a core busy, 8 clients on 2 cores wait for one another, and the
mean latency is at least 8 / 2 = 4x the single request.

    python bench/serve_load.py                  # 2,000 requests in all
    python bench/serve_load.py --requests 600 --json

A benchmark, not a test: exits 0 whatever the figures; 1 only when the service cannot start.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

QUERY = "/starter.zip?name=Bench+Site&database=postgresql&port=9000"
ANSWERS = ["--name", "Bench Site", "--database", "postgresql", "--port", "9000"]
NEWPROJ = Path(sys.executable).with_name("newproj")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(tmp: Path, renders: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "NEWPROJ_SERVE_RENDERS": str(renders)}
    process = subprocess.Popen(
        [str(NEWPROJ), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("newproj serve did not start")


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (from /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        pending += [int(child) for child in children]
    return total


def load(port: int, clients: int, requests: int) -> dict[str, float]:
    """``requests`` GETs of the archive spread over ``clients`` keep-alive connections."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                connection.request("GET", QUERY)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "clients": clients,
        "requests": requests,
        "req_per_s": requests / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
        "errors": errors[0],
    }


def init_times(rounds: int, port: int) -> tuple[float, float]:
    """Median of ``newproj init`` (fresh process) and of one request, alternating A B A B."""
    cli, single = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            subprocess.run(
                [str(NEWPROJ), "init", "--no-input", *ANSWERS, str(Path(folder) / "p")],
                check=True,
                capture_output=True,
            )
            cli.append(time.perf_counter() - start)
        single.append(load(port, 1, 1)["p50_ms"] / 1000)
    return statistics.median(cli), statistics.median(single)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests in all (default 2000)")
    parser.add_argument("--renders", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    options = parser.parse_args()
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="newproj-serve-bench-"))
    try:
        process, port = start(tmp, options.renders)
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    try:
        load(port, options.renders, 2 * options.renders)  # every worker has rendered once
        single_phase = load(port, 1, 100)
        rss_100 = rss_kib(process.pid)
        phases = [single_phase, load(port, 8, 300), load(port, 32, 300)]
        done = 100 + 600 + 2 * options.renders
        if options.requests > done:
            phases.append(load(port, 8, options.requests - done))
        rss_end = rss_kib(process.pid)
        init_s, single_s = init_times(9, port)
    finally:
        process.terminate()
        process.wait(timeout=30)
    left = sorted(os.listdir(tmp))
    shutil.rmtree(tmp, ignore_errors=True)
    load_after = os.getloadavg()[0]
    single_ms = single_phase["p50_ms"]
    at8 = phases[1]
    # Eight clients on renders that each take one core's time: a request waits for the ones ahead
    # of it, so the mean latency cannot be below 8 / (renders at once) times the single request.
    parallel = min(options.renders, os.cpu_count() or 1)
    results = {
        "phases": phases,
        "single_request_ms": single_ms,
        "init_ms": 1000 * init_s,
        "single_vs_init": single_s / init_s,
        "rss_kib_after_100": rss_100,
        "rss_kib_after_all": rss_end,
        "requests": max(options.requests, done),
        "left_in_tmp": left,
        "goals": {
            "no_errors": all(phase["errors"] == 0 for phase in phases),
            "p95_at_8_le_4x_single": at8["p95_ms"] <= 4 * single_ms,
            "memory_growth_le_10pct": rss_end <= 1.10 * rss_100,
            "nothing_left": not left,
        },
        "cores": os.cpu_count(),
        "load_average_1min": {"before": load_before, "after": load_after},
        "renders_at_once_at_8": at8["req_per_s"] * single_ms / 1000,
        "queueing_floor_at_8": 8 / parallel,
    }
    if options.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"newproj serve, GET {QUERY}, {options.renders} render workers, {os.cpu_count()} cores")
    print(f"{'clients':>8} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for phase in phases:
        print(
            f"{phase['clients']:>8} {phase['requests']:>9} {phase['req_per_s']:>8.1f} "
            f"{phase['p50_ms']:>8.1f} {phase['p95_ms']:>8.1f} {phase['errors']:>7}"
        )
    print(
        f"single request (p50, 1 client): {single_ms:.1f} ms; newproj init, same answers: "
        f"{1000 * init_s:.0f} ms; request / init (alternating medians): {single_s / init_s:.2f}"
    )
    print(
        f"memory (server + workers): {rss_100 / 1024:.1f} MiB after 100 requests, "
        f"{rss_end / 1024:.1f} MiB after {results['requests']} ({100 * (rss_end / rss_100 - 1):+.1f}%)"
    )
    print(f"left in the temporary folder: {len(left)}")
    print(
        f"at 8 clients: {results['renders_at_once_at_8']:.2f} single-request times of work done at once "
        f"(of {parallel}); the mean latency cannot be below {8 / parallel:.1f}x single when renders are CPU-bound"
    )
    print(f"load average (1 min) of the machine: {load_before:.2f} before, {load_after:.2f} after")
    goals = results["goals"]
    print("goals:")
    print(f"  no errors: {'met' if goals['no_errors'] else 'MISSED'}")
    print(
        f"  p95 at 8 clients <= 4x single: {at8['p95_ms']:.1f} ms vs {4 * single_ms:.1f} ms: "
        f"{'met' if goals['p95_at_8_le_4x_single'] else 'MISSED'} ({at8['p95_ms'] / single_ms:.2f}x)"
    )
    print(f"  memory growth <= 10%: {'met' if goals['memory_growth_le_10pct'] else 'MISSED'}")
    print(f"  nothing left in the temporary folder: {'met' if goals['nothing_left'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
