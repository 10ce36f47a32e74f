"""Fixtures for the web tier: the application in-process (Starlette's TestClient), and a real
``newproj serve`` on loopback with its own temporary folder (for curl, the browser and the load)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from newproj.web.app import create_app
from newproj.web.pool import Limits
from starlette.testclient import TestClient
from webkit import LiveServer, start_server, stop_server


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The application in-process, rendering in threads (no worker processes to start)."""
    with TestClient(
        create_app(Limits(workers="thread", renders=2)), raise_server_exceptions=True
    ) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    process, server = start_server(tmp_path_factory.mktemp("serve"))
    try:
        yield server
    finally:
        stop_server(process)
