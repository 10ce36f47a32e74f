"""Docker tier: the service's own image (deploy/serve), built and run as its compose file says.

The image is built with the repository as its context by the Compose v2 binary, started, and asked
what a user asks: the text help at ``/`` for curl, and an archive that equals ``newproj init`` with
the same answers. It must pass its own healthcheck and serve as a user other than root. Everything
it made (container, network, image) is removed.

Run by hand under the engine lock:
    flock /tmp/newproj-docker.lock .venv/bin/python -m pytest -m docker tests/web/test_docker_image.py
"""

from __future__ import annotations

import re
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from newproj.cli.app import main
from webkit import archive_files, folder_files, without_dev_values

E2E = Path(__file__).resolve().parents[1] / "e2e"
if str(E2E) not in sys.path:
    sys.path.insert(0, str(E2E))

import ports  # noqa: E402
from dockerkit import Compose, engine_available, get, run, wait_for  # noqa: E402

pytestmark = pytest.mark.docker
_NO_ENGINE = engine_available()
ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "deploy" / "serve" / "compose.yaml"
SERVICE = "newproj"
#: The Dockerfile's healthcheck probes every 30 s (20 s start period): healthy after the first probe,
#: within a minute; the bound leaves room for a loaded machine.
HEALTHY_WITHIN = 150


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The stand-in for the Dockerfile's base image, its wheelhouse holding what the build installs."""
    if _NO_ENGINE is not None:
        pytest.skip(f"DOCKER END-TO-END TESTS SKIPPED: {_NO_ENGINE}")
    from standins.build import ensure_images
    from variants import serve_python, serve_requirements

    python = serve_python()
    folder = tmp_path_factory.mktemp("serve-requirements")
    return ensure_images([python], [], {python: [serve_requirements(folder)]})


@pytest.fixture
def service(images, tmp_path: Path) -> Iterator[Compose]:
    """The compose file's service built and started on a free port under a unique project name
    and image tag (never replacing a newproj-serve image someone built on this engine); torn
    down with its image afterwards, and nothing of it left."""
    name = f"npserve{uuid.uuid4().hex[:8]}"
    image = f"{name}:test"
    override = tmp_path / "compose.override.yaml"
    override.write_text(f"services:\n  {SERVICE}:\n    image: {image}\n", encoding="utf-8")
    compose = Compose(ROOT, name, files=(COMPOSE_FILE, override))
    try:
        compose("build", timeout=900)
        for _attempt in range(3):
            held = ports.reserve()  # held until the test ends
            compose.env["NEWPROJ_SERVE_PUBLISH"] = str(held.port)
            up = compose("up", "-d", timeout=300, check=False)
            if up.returncode == 0 or not ports.taken_by_someone_else(up.stdout + up.stderr):
                break
            compose("down", "--timeout", "5", check=False)
            held.release()
        assert up.returncode == 0, up.stderr[-3000:]
        yield compose
    finally:
        compose("down", "-v", "--remove-orphans", "--rmi", "all", "--timeout", "5", check=False, timeout=300)
    assert compose.resources() == {"containers": [], "volumes": [], "networks": []}
    assert run(["docker", "images", "-q", image]).stdout.split() == []


def download(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read(), dict(answer.headers)


def test_the_service_image_builds_runs_healthy_as_a_user_and_serves_the_cli_project(
    service: Compose, tmp_path: Path
) -> None:
    compose = service
    container = compose("ps", "-q", SERVICE).stdout.strip()
    url = f"http://127.0.0.1:{compose.env['NEWPROJ_SERVE_PUBLISH']}"

    def health() -> str:
        return run(["docker", "inspect", "-f", "{{.State.Health.Status}}", container]).stdout.strip()

    try:
        wait_for(lambda: health() == "healthy", HEALTHY_WITHIN, "the image's healthcheck to pass", interval=2)
    except AssertionError as err:
        raise AssertionError(f"{err}\n{compose.logs()}") from None

    # The server (PID 1 of the container) runs as the image's unprivileged user.
    status = run(["docker", "exec", container, "cat", "/proc/1/status"]).stdout
    uids = re.search(r"^Uid:\s+(.*)$", status, re.M)
    assert uids is not None and set(uids.group(1).split()) == {"10001"}, status

    help_ = get(url + "/", headers={"User-Agent": "curl/8.5.0", "Accept": "*/*"})
    assert help_.status == 200, help_.body
    assert help_.headers["content-type"] == "text/plain; charset=utf-8"
    assert "/starter.zip" in help_.body

    data, headers = download(url + "/starter.zip?name=Demo")
    assert headers["content-disposition"] == 'attachment; filename="demo.zip"'
    assert main(["init", "--no-input", "--name", "Demo", str(tmp_path / "demo")]) == 0
    served = archive_files(data, "zip")
    written = folder_files(tmp_path / "demo", "demo")
    assert served.keys() == written.keys()
    assert without_dev_values(served, "demo") == without_dev_values(written, "demo")
