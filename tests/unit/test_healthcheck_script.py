"""The generated web healthcheck (``docker/healthcheck.py``), run as Docker runs it, against a real server."""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import newproj
import pytest
from newproj.answers import build_answers


class Recorder(BaseHTTPRequestHandler):
    """Answers 200 on /health/, 503 on /down/, 301 on /moved/; remembers each request line and Host."""

    seen: list[tuple[str, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        Recorder.seen.append((self.requestline, self.headers.get("Host")))
        status = {"/health/": 200, "/down/": 503, "/moved/": 301}.get(self.path, 404)
        body = b'{"status": "ok"}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


@pytest.fixture(scope="module", params=["en", "ko"])
def script(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    answers = build_answers({"project_name": "Probe", "language": request.param, "database": "sqlite"})
    project = newproj.generate(answers, tmp_path_factory.mktemp(request.param) / "probe").path
    return project / "docker" / "healthcheck.py"


def probe(script: Path, url: str) -> int:
    # -I: only the standard library and the script itself, as in the image's virtual environment
    return subprocess.run([sys.executable, "-I", str(script), url], capture_output=True, timeout=30).returncode


def test_healthy_only_when_the_url_answers_200(script: Path, server: int) -> None:
    Recorder.seen.clear()
    assert probe(script, f"http://127.0.0.1:{server}/health/") == 0
    assert Recorder.seen == [("GET /health/ HTTP/1.0", f"127.0.0.1:{server}")]
    assert probe(script, f"http://127.0.0.1:{server}/down/") == 1  # the database is unreachable
    assert probe(script, f"http://127.0.0.1:{server}/moved/") == 1  # a redirect is not health
    assert probe(script, f"http://localhost:{server}/health/") == 0  # the Swarm stack's URL


def test_unhealthy_when_nothing_listens(script: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        assert probe(script, f"http://127.0.0.1:{port}/health/") == 1


def test_the_check_loads_no_ssl_or_email_modules(script: Path, server: int) -> None:
    """It runs every 10 s for as long as the container runs: only what a GET needs."""
    loaded = subprocess.run(
        [sys.executable, "-I", "-c",
         "import runpy, sys\n"
         "sys.argv = [sys.argv[1], sys.argv[2]]\n"
         "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
         "except SystemExit as done:\n    print(done.code, sorted(sys.modules))\n",
         str(script), f"http://127.0.0.1:{server}/health/"],
        capture_output=True, text=True, timeout=30, check=True,
    ).stdout.split(" ", 1)
    assert loaded[0] == "0"
    assert not {"ssl", "_ssl", "email", "http.client", "urllib.request"} & set(ast.literal_eval(loaded[1]))
