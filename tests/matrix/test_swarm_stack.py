"""deploy/swarm/docker-stack.yml in every variant: the Docker CLI's own loader accepts it
(``docker stack config``, no daemon needed) and it has the shape the issue asks for. The real
deployment is tests/e2e/test_swarm.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from matrixkit import REPRESENTATIVES, Variant
from newproj.render.place import generate

pytestmark = pytest.mark.matrix

DEPLOY_ENV = {"IMAGE": "registry.example.com/shop:1.4", "DJANGO_ALLOWED_HOSTS": "www.example.com"}


def stack_config(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    docker = shutil.which("docker")
    if docker is None:
        pytest.fail("the docker client is not on PATH (docker stack config needs no engine)")
    clean = {k: v for k, v in os.environ.items() if k not in DEPLOY_ENV}
    return subprocess.run([docker, "stack", "config", "-c", "deploy/swarm/docker-stack.yml"], cwd=folder,
                          capture_output=True, text=True, env={**clean, **env}, timeout=60)


@pytest.fixture(scope="module")
def stacks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("stacks")
    found = {}
    for index, variant in enumerate(REPRESENTATIVES):
        project = generate(variant.answers, root / f"v{index:02d}-{variant.answers.project_slug}").path
        result = stack_config(project, DEPLOY_ENV)
        assert (result.returncode, result.stderr) == (0, ""), f"{variant.id}: {result.stderr}"
        found[variant.id] = (project, yaml.safe_load(result.stdout))
    return found


params = pytest.mark.parametrize("variant", REPRESENTATIVES, ids=[v.id for v in REPRESENTATIVES])


@params
def test_web_and_migrate(variant: Variant, stacks: dict) -> None:
    answers = variant.answers
    _project, stack = stacks[variant.id]
    sqlite = answers.database == "sqlite"
    services = stack["services"]
    features = ({"redis"} if answers.use_redis else set()) | ({"worker", "beat"} if answers.use_worker else set())
    assert set(services) == ({"web", "migrate"} if sqlite else {"web", "migrate", "db"}) | features
    web, migrate = services["web"], services["migrate"]
    assert web["image"] == migrate["image"] == DEPLOY_ENV["IMAGE"]
    assert "build" not in web and "command" not in web  # the production stage's gunicorn
    assert web["environment"]["DJANGO_SETTINGS_MODULE"] == f"{answers.project_slug}.settings.production"
    assert web["environment"]["DJANGO_ALLOWED_HOSTS"] == "www.example.com,localhost"
    assert web["environment"]["DJANGO_MIGRATE_ON_START"] == "0" == migrate["environment"]["DJANGO_MIGRATE_ON_START"]
    # the image's own check script, by the name ALLOWED_HOSTS always lets in (localhost)
    assert web["healthcheck"]["test"] == ["CMD", "python", "docker/healthcheck.py",
                                          f"http://localhost:{answers.port}/health/"]
    assert web["stop_grace_period"] == "35s"
    deploy = web["deploy"]
    assert deploy["replicas"] == (1 if sqlite else 2)
    assert deploy["update_config"] | {"delay": None, "monitor": None} == {
        "parallelism": 1, "order": "start-first", "failure_action": "rollback", "delay": None, "monitor": None,
    }
    assert deploy["rollback_config"]["order"] == "start-first"
    assert web["ports"] == [{"mode": "ingress", "target": answers.port, "published": answers.port, "protocol": "tcp"}]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["deploy"]["mode"] == "replicated-job"
    assert migrate["deploy"]["restart_policy"]["condition"] == "on-failure"
    pin = [f"node.labels.{answers.project_slug}.db == true"]
    if sqlite:  # one file on one node: web and migrate both live there
        assert deploy["placement"]["constraints"] == pin == migrate["deploy"]["placement"]["constraints"]
        assert "sqlite-data:/data" in [f"{v['source']}:{v['target']}" for v in web["volumes"]]
    else:
        db = services["db"]
        assert db["deploy"]["placement"]["constraints"] == pin
        assert db["deploy"]["replicas"] == 1
        assert [v["type"] for v in db["volumes"]] == ["volume"]
        assert "placement" not in deploy


@params
def test_secrets_are_docker_secrets_read_through_file_variables(variant: Variant, stacks: dict) -> None:
    answers = variant.answers
    _project, stack = stacks[variant.id]
    web = stack["services"]["web"]
    env = web["environment"]
    assert env["DJANGO_SECRET_KEY_FILE"] == "/run/secrets/django_secret_key"
    assert "DJANGO_SECRET_KEY" not in env
    mounted = {s["source"] for s in web["secrets"]}
    if answers.database == "sqlite":
        assert env["DATABASE_URL"] == "sqlite:////data/db.sqlite3" and mounted == {"django_secret_key"}
    else:
        assert env["DATABASE_URL_FILE"] == "/run/secrets/database_url" and "DATABASE_URL" not in env
        assert mounted == {"django_secret_key", "database_url"}
        db_env = stack["services"]["db"]["environment"]
        assert [k for k in db_env if k.endswith("PASSWORD_FILE")] and not [k for k in db_env if k.endswith("PASSWORD")]
    for name, secret in stack["secrets"].items():
        assert secret == {"external": True, "name": f"{answers.project_slug}_{name}"}


def test_deploy_refuses_to_run_without_an_image(stacks: dict) -> None:
    project, _stack = next(iter(stacks.values()))
    result = stack_config(project, {"DJANGO_ALLOWED_HOSTS": "www.example.com"})
    assert result.returncode != 0
    assert "set IMAGE to the production image in your registry" in result.stderr


@params
def test_redis_worker_and_beat(variant: Variant, stacks: dict) -> None:
    """The worker and beat are services of the web image with another command, beat a single replica
    replaced stop-first (never two at once); Redis keeps nothing on disk; every check asks every 30 s."""
    answers = variant.answers
    _project, stack = stacks[variant.id]
    services = stack["services"]
    if not answers.use_worker:
        assert "worker" not in services and "beat" not in services
        return
    web = services["web"]
    for name in ("worker", "beat"):
        service = services[name]
        assert service["image"] == web["image"] and service["environment"] == web["environment"]
        assert service["command"][:4] == ["celery", "-A", answers.project_slug, name]
        assert service["healthcheck"]["test"] == ["CMD", "python", "docker/celery_healthcheck.py", name]
        assert service["healthcheck"]["interval"] == "30s"
        assert service["deploy"]["replicas"] == 1
    assert services["beat"]["deploy"]["update_config"]["order"] == "stop-first"
    redis = services["redis"]
    assert redis["image"] == "redis:8" and redis["command"] == ["redis-server", "--save", "", "--appendonly", "no"]
