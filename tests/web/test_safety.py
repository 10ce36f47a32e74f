"""Safety of the service: one temporary folder per request, always removed; limits on concurrency
and render time (503 with Retry-After); no secret in the logs."""

from __future__ import annotations

import asyncio
import http.client
import random
import socket
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from newproj.web.app import create_app
from newproj.web.pool import Limits
from webkit import archive_files, dev_values, start_server, stop_server


async def _burst(limits: Limits, count: int) -> list[httpx.Response]:
    app = create_app(limits)
    app.state.pool.start()  # ASGITransport runs no lifespan
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/starter.zip") for _ in range(count)))
    finally:
        app.state.pool.stop()


def test_past_n_renders_and_the_queue_503_with_retry_after() -> None:
    responses = asyncio.run(_burst(Limits(workers="thread", renders=1, queue=1), 6))
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(200) >= 2 and 503 in statuses
    busy = next(r for r in responses if r.status_code == 503)
    assert busy.headers["retry-after"] == "2"
    assert busy.json()["errors"][0]["message"] == "the service is busy (1 projects being made); retry in 2 s"


def test_a_render_past_the_time_limit_is_503_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    [response] = asyncio.run(_burst(Limits(workers="thread", seconds=0.001), 1))
    assert response.status_code == 503
    assert (
        response.json()["errors"][0]["message"]
        == "making the project took longer than 0.001 s; retry in a moment"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_worker_process_is_interrupted_by_the_time_limit(tmp_path: Path) -> None:
    process, server = start_server(tmp_path, NEWPROJ_SERVE_SECONDS="0.02")
    try:
        response = httpx.get(server.url + "/starter.tgz", timeout=30)
    finally:
        stop_server(process)
    assert response.status_code == 503 and response.headers["retry-after"] == "2"
    assert server.leftovers() == []


# --- thousands of requests, failed and cancelled ones among them ---------------------------------


def _cancelled(url: str, path: str) -> None:
    """Send a request and go away without reading the answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(random.random() * 0.05)


def _one(url: str, index: int) -> int:
    """One request of a mix: 10% projects, 5% cancelled, 40% refused, 25% checks, 20% odd paths."""
    kind = index % 20
    rng = random.Random(index)
    if kind in (0, 1):  # a project, one of three forms
        path = rng.choice(["/starter.zip", "/starter.tgz", "/preview"]) + f"?name=Load+{index}"
    elif kind == 2:
        _cancelled(url, f"/starter.zip?name=Gone+{index}")
        return 0
    elif kind < 11:
        path = rng.choice(["/starter.zip?port=abc", "/starter.tgz?python=1&slug=class", "/preview?bogus=1"])
    elif kind < 16:
        path = rng.choice(["/validate?name=X", "/validate?port=0", "/healthz"])
    else:
        path = rng.choice(["/nowhere", "/static/none.js", "/starter.zip?" + "a" * 17000])
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.slow
def test_after_thousands_of_requests_nothing_is_left(tmp_path: Path) -> None:
    process, server = start_server(tmp_path)
    try:
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda i: _one(server.url, i), range(2000)))
        archive = httpx.get(server.url + "/starter.zip?name=Secret+Check", timeout=30).content
        deadline = time.monotonic() + 30  # renders of cancelled requests finish on their own
        while server.leftovers() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop_server(process)
    assert 500 not in statuses
    assert statuses.count(200) >= 700 and statuses.count(400) >= 700
    assert server.leftovers() == []
    log = server.log_text()
    for value in dev_values(archive_files(archive, "zip"), "secret_check"):
        assert value not in log
    assert "Traceback" not in log
