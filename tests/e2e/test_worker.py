"""The worker feature in a real Docker Engine: Redis, a Celery worker and beat beside the web app.

With PostgreSQL and with SQLite: ``compose up``; the web app enqueues the sample task and the
worker runs it, the result visible through the web app; beat schedules the heartbeat; a stopped
Redis gives a clear 503 at once, not a hung request; ``down`` leaves nothing behind.

Run by hand under the engine lock:
    flock /tmp/newproj-docker.lock .venv/bin/python -m pytest -m docker tests/e2e/test_worker.py
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from dockerkit import REPORT, get, wait_for
from projectkit import (
    RunningProject,
    check_home_and_health,
    check_own_tests_pass,
    post,
    running_project,
    services,
)
from variants import WORKER_VARIANTS

pytestmark = pytest.mark.docker

#: beat's schedule in the test (the template's default is a minute).
HEARTBEAT_SECONDS = 3
#: A request that meets a stopped Redis must end well before this (the settings' timeouts are seconds).
CLEAR_ERROR_WITHIN = 15.0


@pytest.fixture(scope="class")
def project(request: pytest.FixtureRequest, standin_images: dict[str, str],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningProject]:
    env = {"HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS)}
    with running_project(request.param, tmp_path_factory.mktemp("e2e-worker"), env) as running:
        yield running


@pytest.mark.parametrize("project", WORKER_VARIANTS, ids=[v.id for v in WORKER_VARIANTS], indirect=True,
                         scope="class")
class TestWorker:
    def test_web_redis_worker_and_beat_are_up_and_healthy(self, project: RunningProject) -> None:
        check_home_and_health(project)
        running = services(project)
        assert {"web", "redis", "worker", "beat"} <= running.keys(), running
        assert {running[name] for name in ("web", "redis", "worker", "beat")} == {"healthy"}, running

    def test_the_projects_own_tests_pass_in_the_web_container(self, project: RunningProject) -> None:
        check_own_tests_pass(project)

    def test_the_web_app_enqueues_the_task_and_shows_what_the_worker_returned(self, project: RunningProject) -> None:
        started = time.monotonic()
        answer = post(project, "/tasks/")
        assert answer.status == 202, answer.body
        location = answer.json()["url"]
        assert answer.headers["Location"] == location

        def done() -> bool:
            return get(f"{project.url}{location}").json()["state"] == "SUCCESS"

        wait_for(done, 60, "the worker to run the sample task", interval=0.2)
        REPORT.append(f"{project.variant.id}: enqueue to result through the worker in "
                      f"{time.monotonic() - started:.1f} s")
        result = get(f"{project.url}{location}").json()
        assert result["result"] == 5, result
        assert "pages.tasks.add" in project.compose("logs", "--no-color", "worker").stdout

    def test_beat_schedules_the_heartbeat(self, project: RunningProject) -> None:
        def beat_ran() -> bool:
            return get(f"{project.url}/tasks/heartbeat/").json()["last_run"] is not None

        wait_for(beat_ran, 60, "beat's heartbeat to run in the worker", interval=0.5)
        first = get(f"{project.url}/tasks/heartbeat/").json()["last_run"]
        wait_for(lambda: get(f"{project.url}/tasks/heartbeat/").json()["last_run"] != first,
                 HEARTBEAT_SECONDS * 10, "beat to schedule the heartbeat again", interval=0.5)

    def test_a_stopped_redis_gives_a_clear_error_not_a_hung_request(self, project: RunningProject) -> None:
        project.compose("stop", "redis", timeout=120)
        try:
            for method, path in (("POST", "/tasks/"), ("GET", "/tasks/heartbeat/")):
                started = time.monotonic()
                answer = post(project, path) if method == "POST" else get(f"{project.url}{path}", timeout=30)
                took = time.monotonic() - started
                REPORT.append(f"{project.variant.id}: {method} {path} with Redis stopped: {answer.status} in {took:.1f} s")
                assert answer.status == 503, answer.body
                assert answer.json()["redis"] == "unreachable", answer.body
                assert took < CLEAR_ERROR_WITHIN, took
            assert get(f"{project.url}/health/").status == 200  # the database page does not need Redis
        finally:
            project.compose("start", "redis", timeout=120)
        wait_for(lambda: post(project, "/tasks/").status == 202, 60, "enqueueing to work again once Redis is back")

    def test_down_leaves_nothing_behind(self, project: RunningProject) -> None:
        assert any(project.compose.resources().values())
        project.compose("down", "-v", "--remove-orphans", "--timeout", "5", timeout=300)
        assert project.compose.resources() == {"containers": [], "volumes": [], "networks": []}
