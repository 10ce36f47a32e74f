"""The generated Docker Swarm stack, deployed for real on a one-node swarm of the local engine.

A PostgreSQL project (Python 3.13) with the worker (Redis, Celery worker and beat) is built three times from its production stage: v1, v2 (the
home page names its release) and a broken release whose /health/ always answers 503. The module
fixture creates a swarm, deploys deploy/swarm/docker-stack.yml with the no-IPVS override of
swarmkit.py and always tears everything down (stack, job containers, volumes, secrets, the swarm,
docker_gwbridge, the images). Swarm mode is engine-wide: the fixture holds /tmp/newproj-swarm.lock
and skips, saying why, when the engine is already in a swarm it did not create.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newproj
import pytest
import yaml
from dockerkit import REPORT, build_target, get, run, wait_for
from swarmkit import (
    EDGE_SCRIPT,
    RequestLoop,
    free_port,
    healthy_containers,
    job_runs,
    leftovers,
    no_ipvs_override,
    service_state,
    swarm_lock,
    swarm_state,
    task_states,
    teardown,
)

pytestmark = [pytest.mark.docker, pytest.mark.swarm]

SLUG = "e2e_swarm"
WEB_PORT = 8123  # inside the overlay network only; nothing on the host binds it
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front of a real cluster sends
HEARTBEAT_SECONDS = 3  # beat's schedule here (a minute by default)


@dataclass
class Deployment:
    stack: str
    folder: Path
    stack_file: Path
    images: dict[str, str]
    edge: str
    env: dict[str, str]
    deploy_seconds: float

    def deploy(self, release: str) -> None:
        run(["docker", "stack", "deploy", "--resolve-image", "never", "--detach=true", "-c", str(self.stack_file),
             self.stack], env={**self.env, "IMAGE": self.images[release]}, timeout=180)

    @property
    def web(self) -> str:
        return f"{self.stack}_web"


def _answers() -> newproj.Answers:
    return newproj.build_answers({"project_name": "E2E swarm", "project_slug": SLUG, "python_version": "3.13",
                                  "django_version": "5.2", "port": WEB_PORT, "database": "postgresql",
                                  "database_version": "17", "language": "en",
                                  "use_swarm": True, "use_redis": True, "use_worker": True})


def _build_releases(project: Path, tag: str) -> dict[str, str]:
    """v1, v2 and broken, each the production stage of a copy of ``project``."""
    images = {}
    for release in ("v1", "v2", "broken"):
        copy = project.parent / f"{project.name}-{release}"
        shutil.copytree(project, copy)
        home = copy / "pages/templates/pages/home.html"
        home.write_text(home.read_text(encoding="utf-8") + f"\n<!-- release {release} -->\n", encoding="utf-8")
        if release == "broken":
            views = copy / "pages/views.py"
            source = views.read_text(encoding="utf-8")
            assert "    if database_connected():" in source
            views.write_text(source.replace("    if database_connected():", "    if False:"), encoding="utf-8")
        images[release] = f"{tag}-{release}"  # build_target uses the name as a compose project: no ":"
        build_target(copy, "production", images[release])
    return images


def _secret(name: str, value: str) -> None:
    created = subprocess.run(["docker", "secret", "create", name, "-"], input=value, text=True,
                             capture_output=True, timeout=60)
    assert created.returncode == 0, created.stderr


@pytest.fixture(scope="module")
def swarm(standin_images: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    if swarm_state() != "inactive":
        pytest.skip(f"SWARM TESTS SKIPPED: the engine is already in swarm mode ({swarm_state()}), "
                    "and not for us; leave it with `docker swarm leave --force` when it is yours")
    with swarm_lock():
        if swarm_state() != "inactive":
            pytest.skip("SWARM TESTS SKIPPED: another suite put the engine in swarm mode while we waited")
        stack = f"npswarm{uuid.uuid4().hex[:6]}"
        project = newproj.generate(_answers(), tmp_path_factory.mktemp("swarm") / SLUG).path
        images: dict[str, str] = {}
        try:
            images = _build_releases(project, stack)
            run(["docker", "swarm", "init", "--advertise-addr", "127.0.0.1"], timeout=60)
            node = run(["docker", "info", "--format", "{{.Swarm.NodeID}}"]).stdout.strip()
            run(["docker", "node", "update", "--label-add", f"{SLUG}.db=true", node])  # the db's pin
            password = secrets.token_hex(16)
            _secret(f"{SLUG}_django_secret_key", secrets.token_urlsafe(50))
            _secret(f"{SLUG}_db_password", password)
            _secret(f"{SLUG}_database_url", f"postgres://{SLUG}:{password}@db:5432/{SLUG}")

            folder = project / "deploy" / "swarm"
            generated = yaml.safe_load((folder / "docker-stack.yml").read_text(encoding="utf-8"))
            edge_port = free_port()
            (folder / "edge.py").write_text(EDGE_SCRIPT, encoding="utf-8")
            stack_file = folder / "test-stack.yml"
            override = no_ipvs_override(generated, "python:3.13-slim", edge_port, WEB_PORT)
            override["services"]["beat"]["environment"]["HEARTBEAT_SECONDS"] = str(HEARTBEAT_SECONDS)
            stack_file.write_text(yaml.safe_dump(override), encoding="utf-8")
            deployment = Deployment(stack, folder, stack_file, images, f"http://127.0.0.1:{edge_port}",
                                    {"DJANGO_ALLOWED_HOSTS": "127.0.0.1"}, 0.0)
            start = time.monotonic()
            deployment.deploy("v1")
            wait_for(lambda: healthy_containers(deployment.web) == 2 and task_states(deployment.web) == ["running"] * 2,
                     240, "2/2 healthy web replicas", interval=0.5)
            deployment.deploy_seconds = time.monotonic() - start
            yield deployment
        finally:
            teardown(stack, list(images.values()))


class TestSwarmStack:
    def test_two_healthy_replicas_and_a_completed_migrate_job(self, swarm: Deployment) -> None:
        REPORT.append(f"swarm: stack deploy to 2/2 healthy web replicas took {swarm.deploy_seconds:.1f} s")
        wait_for(lambda: job_runs(f"{swarm.stack}_migrate")[1].endswith("(1/1 completed)"), 120,
                 "the migrate job to complete")
        logs = run(["docker", "service", "logs", "--raw", f"{swarm.stack}_migrate"], timeout=60)
        assert "Applying auth.0001_initial... OK" in logs.stdout + logs.stderr
        web_logs = run(["docker", "service", "logs", "--raw", swarm.web], timeout=60)
        assert "Applying" not in web_logs.stdout + web_logs.stderr  # web never migrates on start
        db = run(["docker", "service", "inspect", "-f", "{{json .Spec.TaskTemplate.Placement.Constraints}}",
                  f"{swarm.stack}_db"]).stdout
        assert f"node.labels.{SLUG}.db == true" in db

    def test_home_and_health_answer_through_the_edge(self, swarm: Deployment) -> None:
        health = wait_for(lambda: get(f"{swarm.edge}/health/").status == 200, 60, "the edge to answer")
        assert health < 60
        answer = get(f"{swarm.edge}/health/")
        assert answer.json() == {"status": "ok", "database": "connected"}
        assert get(f"{swarm.edge}/health/live/").json() == {"status": "ok"}
        home = get(f"{swarm.edge}/", HTTPS)
        assert home.status == 200, home.body[:300]
        assert "E2E swarm" in home.body and "<!-- release v1 -->" in home.body
        assert get(f"{swarm.edge}/").status == 301  # plain http goes to https, as in production

    def test_secrets_are_files_and_web_runs_as_the_image_user(self, swarm: Deployment) -> None:
        [container, *_] = run(["docker", "ps", "-q", "--filter",
                               f"label=com.docker.swarm.service.name={swarm.web}"]).stdout.split()
        env = dict(line.split("=", 1) for line in run(["docker", "exec", container, "env"]).stdout.splitlines())
        assert env["DJANGO_SECRET_KEY_FILE"] == "/run/secrets/django_secret_key"
        assert env["DATABASE_URL_FILE"] == "/run/secrets/database_url"
        assert "DJANGO_SECRET_KEY" not in env and "DATABASE_URL" not in env
        assert run(["docker", "exec", container, "id", "-u"]).stdout.strip() == "10001"

    def test_the_worker_and_beat_run_beside_web_and_beat_schedules_through_redis(self, swarm: Deployment) -> None:
        for role in ("worker", "beat"):
            wait_for(lambda role=role: healthy_containers(f"{swarm.stack}_{role}") == 1, 180,
                     f"a healthy {role} (its check asks every 30 s)", interval=1)

        def beat_ran() -> bool:
            return get(f"{swarm.edge}/tasks/heartbeat/", HTTPS).json()["last_run"] is not None

        took = wait_for(beat_ran, 90, "beat's heartbeat, run by the worker, in the cache", interval=1)
        REPORT.append(f"swarm: beat's first heartbeat seen through the web app {took:.1f} s after the worker was healthy")

    def test_rolling_update_v1_to_v2_fails_no_request(self, swarm: Deployment) -> None:
        migrations, _ = job_runs(f"{swarm.stack}_migrate")
        with RequestLoop(f"{swarm.edge}/", HTTPS) as loop:
            start = time.monotonic()
            swarm.deploy("v2")
            wait_for(lambda: service_state(swarm.web) in ("completed", "paused", "rollback_completed"), 240,
                     "the rolling update to finish", interval=0.5)
            took = time.monotonic() - start
            time.sleep(1)
        assert service_state(swarm.web) == "completed"
        releases = [("v1" if "release v1" in body else "v2" if "release v2" in body else "?")
                    for status, body, _ in loop.results if status == 200]
        REPORT.append(f"swarm: rolling update v1 -> v2 took {took:.1f} s; {loop.count} requests, "
                      f"{len(loop.failures)} failed, {loop.retried} retried by the edge on another task")
        assert loop.failures == []
        assert loop.count >= 50
        assert releases[0] == "v1" and releases[-1] == "v2" and "?" not in releases
        assert "<!-- release v2 -->" in get(f"{swarm.edge}/", HTTPS).body
        wait_for(lambda: job_runs(f"{swarm.stack}_migrate")[0] > migrations
                 and job_runs(f"{swarm.stack}_migrate")[1].endswith("(1/1 completed)"), 120,
                 "the migrate job to run again for v2")

    def test_a_broken_release_rolls_back_by_itself(self, swarm: Deployment) -> None:
        with RequestLoop(f"{swarm.edge}/", HTTPS) as loop:
            start = time.monotonic()
            swarm.deploy("broken")
            wait_for(lambda: service_state(swarm.web) in ("completed", "paused", "rollback_completed",
                                                         "rollback_paused"), 300,
                     "the broken update to end", interval=0.5)
            took = time.monotonic() - start
        assert service_state(swarm.web) == "rollback_completed"
        REPORT.append(f"swarm: broken release rolled back in {took:.1f} s; {loop.count} requests, "
                      f"{len(loop.failures)} failed")
        assert loop.failures == []
        image = run(["docker", "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
                     swarm.web]).stdout.strip()
        assert image == f"{swarm.images['v2']}:latest"  # the spec is v2's again
        assert "<!-- release v2 -->" in get(f"{swarm.edge}/", HTTPS).body

    def test_teardown_leaves_the_engine_as_it_was(self, swarm: Deployment) -> None:
        assert leftovers(swarm.stack)["services"]
        teardown(swarm.stack, [])
        assert swarm_state() == "inactive"
        assert leftovers(swarm.stack) == {"containers": [], "volumes": [], "networks": []}
