"""The service's own Dockerfile and compose file (deploy/serve): lint, non-root, healthcheck, valid compose."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "serve"
E2E = ROOT / "tests" / "e2e"
if str(E2E) not in sys.path:
    sys.path.insert(0, str(E2E))

from dockerkit import compose_binary  # noqa: E402


def test_the_dockerfile_passes_hadolint_and_runs_as_a_user_with_a_healthcheck() -> None:
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run([str(hadolint), str(DEPLOY / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (DEPLOY / "Dockerfile").read_text().splitlines()
    assert [line for line in lines if line.startswith("USER ")] == ["USER 10001"]
    assert any(line.startswith("HEALTHCHECK ") for line in lines)
    assert not any("--mount" in line for line in lines)  # any builder builds it, BuildKit or not


def test_the_compose_file_is_valid_for_compose_v2() -> None:
    result = subprocess.run(
        [str(compose_binary()), "-f", str(DEPLOY / "compose.yaml"), "config", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    service = json.loads(result.stdout)["services"]["newproj"]
    assert service["read_only"] is True
    assert "/tmp" in service["tmpfs"]
