{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "시작 앱 테스트: python manage.py test" if ko else "Tests of the starter app: python manage.py test" }}."""

import os
import tempfile
from pathlib import Path
{%- if cookiecutter.use_worker %}
from typing import Any
{%- endif %}
from unittest import mock

{% if cookiecutter.use_worker -%}
from django.core.cache import cache
{% endif -%}
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.test import SimpleTestCase, TestCase{{ ", override_settings" if cookiecutter.use_worker else "" }}
from django.urls import reverse
from django.utils.html import escape
{%- if cookiecutter.use_worker %}
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError
{%- endif %}

import {{ cookiecutter.project_slug }}.settings.base as base_settings
{%- if cookiecutter.use_worker %}
from pages import tasks
{%- endif %}
from pages.context_processors import PROJECT_DESCRIPTION, PROJECT_NAME


def unreachable_database() -> mock.MagicMock:
    """{{ "커서를 열면 연결 오류를 내는 가짜 연결" if cookiecutter.language == 'ko' else "A stand-in connection whose cursor fails to connect" }}."""
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection refused")
    return broken


class HomePageTests(TestCase):
    def test_home_page_renders(self) -> None:
        response = self.client.get(reverse("pages:home"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "pages/home.html")
        self.assertContains(response, reverse("pages:health"))

    def test_home_page_shows_the_name_and_description_as_typed(self) -> None:
        response = self.client.get(reverse("pages:home"))
        self.assertContains(response, f"<h1>{escape(PROJECT_NAME)}</h1>")
        self.assertContains(response, f"<title>{escape(PROJECT_NAME)}</title>")
        self.assertContains(response, f"<p>{escape(PROJECT_DESCRIPTION)}</p>")


class HealthTests(TestCase):
    def test_health_reports_the_database_connected(self) -> None:
        response = self.client.get(reverse("pages:health"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "connected"})

    def test_health_answers_503_when_the_database_is_down(self) -> None:
        with mock.patch("pages.views.connections", {"default": unreachable_database()}):
            response = self.client.get(reverse("pages:health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "error", "database": "unreachable"})


class LivenessTests(SimpleTestCase):
    """{{ "/health/live/ 는 데이터베이스를 묻지 않습니다" if cookiecutter.language == 'ko' else "/health/live/ never asks the database" }}."""

    def test_live_answers_200_while_the_database_is_down(self) -> None:
        broken = unreachable_database()
        with mock.patch("pages.views.connections", {"default": broken}):
            response = self.client.get(reverse("pages:live"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        broken.cursor.assert_not_called()


class SecretFileTests(SimpleTestCase):
    """{{ "NAME_FILE: 시크릿 파일에서 값을 읽습니다" if cookiecutter.language == 'ko' else "NAME_FILE: values read from secret files" }}."""

    def secret_file(self, content: str) -> str:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = Path(folder.name) / "secret"
        path.write_text(content, encoding="utf-8")
        return str(path)

    def test_the_file_is_read_and_its_trailing_newline_dropped(self) -> None:
        path = self.secret_file("s3cret-from-a-file\n")
        with mock.patch.dict(os.environ, {"EXAMPLE_KEY_FILE": path}, clear=False):
            os.environ.pop("EXAMPLE_KEY", None)
            self.assertEqual(base_settings.env_value("EXAMPLE_KEY"), "s3cret-from-a-file")
            self.assertEqual(base_settings.env_required("EXAMPLE_KEY"), "s3cret-from-a-file")

    def test_the_variable_itself_still_works(self) -> None:
        with mock.patch.dict(os.environ, {"EXAMPLE_KEY": "plain"}, clear=False):
            os.environ.pop("EXAMPLE_KEY_FILE", None)
            self.assertEqual(base_settings.env_value("EXAMPLE_KEY"), "plain")

    def test_both_at_once_is_refused(self) -> None:
        path = self.secret_file("from-file")
        both = {"EXAMPLE_KEY": "plain", "EXAMPLE_KEY_FILE": path}
        message = "Set EXAMPLE_KEY or EXAMPLE_KEY_FILE, not both."
        with mock.patch.dict(os.environ, both, clear=False):
            with self.assertRaisesMessage(ImproperlyConfigured, message):
                base_settings.env_value("EXAMPLE_KEY")

    def test_an_unreadable_file_names_the_variable_and_the_path(self) -> None:
        missing = str(Path(tempfile.gettempdir()) / "no-such-secret-file")
        with mock.patch.dict(os.environ, {"EXAMPLE_KEY_FILE": missing}, clear=False):
            os.environ.pop("EXAMPLE_KEY", None)
            message = f"EXAMPLE_KEY_FILE names {missing}, which cannot be read"
            with self.assertRaisesMessage(ImproperlyConfigured, message):
                base_settings.env_value("EXAMPLE_KEY")

    def test_a_missing_required_value_says_what_to_set(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("EXAMPLE_KEY", None)
            os.environ.pop("EXAMPLE_KEY_FILE", None)
            message = "Set EXAMPLE_KEY or EXAMPLE_KEY_FILE in the environment"
            with self.assertRaisesMessage(ImproperlyConfigured, message):
                base_settings.env_required("EXAMPLE_KEY")
{%- if cookiecutter.use_worker %}


LOCAL_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
class SampleTaskTests(SimpleTestCase):
    """{{ "예제 작업: 즉시(eager) 실행하므로 브로커도 worker 도 필요 없습니다" if ko else "The sample tasks, run eagerly: no broker, no worker needed" }}."""

    def test_the_sample_task_runs_eagerly(self) -> None:
        self.assertTrue(tasks.add.app.conf.task_always_eager)
        self.assertEqual(tasks.add.delay(2, 3).get(timeout=1), 5)

    @override_settings(CACHES={"default": {"BACKEND": LOCAL_MEMORY_CACHE}})
    def test_heartbeat_leaves_the_time_it_ran_in_the_cache(self) -> None:
        ran = tasks.heartbeat.delay().get(timeout=1)
        self.assertEqual(cache.get(tasks.HEARTBEAT_KEY), ran)
        response = self.client.get(reverse("pages:heartbeat"))
        self.assertEqual(response.json(), {"last_run": ran})

    def test_beat_schedules_the_heartbeat(self) -> None:
        entry = tasks.add.app.conf.beat_schedule["heartbeat"]
        self.assertEqual(entry["task"], tasks.heartbeat.name)
        self.assertGreater(entry["schedule"], 0)

    def test_the_view_enqueues_the_task_and_names_where_its_result_is(self) -> None:
        response = self.client.post(reverse("pages:enqueue"))
        self.assertEqual(response.status_code, 202)
        task_id = response.json()["id"]
        self.assertEqual(response["Location"], reverse("pages:task", args=[task_id]))

    def test_the_result_page_shows_the_state_and_the_result(self) -> None:
        done = mock.Mock(state="SUCCESS", result=5, **{"successful.return_value": True})
        with mock.patch("pages.views.AsyncResult", return_value=done):
            response = self.client.get(reverse("pages:task", args=["some-id"]))
        self.assertEqual(response.json(), {"id": "some-id", "state": "SUCCESS", "result": 5})


class RedisDownTests(SimpleTestCase):
    """{{ "Redis 가 멈추면 요청은 멈추지 않고 503 과 분명한 오류로 끝납니다" if ko else "With Redis down, requests end at once with a 503 and a clear error" }}."""

    def assert_redis_unreachable(self, response: Any) -> None:
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["redis"], "unreachable")

    def test_enqueueing_answers_503(self) -> None:
        gave_up = RuntimeError("Retry limit exceeded while trying to reconnect")
        for error in (BrokerError("connection refused"), gave_up):
            with self.subTest(error=error):
                with mock.patch.object(tasks.add, "delay", side_effect=error):
                    response = self.client.post(reverse("pages:enqueue"))
                self.assert_redis_unreachable(response)

    def test_a_result_answers_503(self) -> None:
        broken = mock.Mock(**{"successful.side_effect": RedisError("connection refused")})
        with mock.patch("pages.views.AsyncResult", return_value=broken):
            self.assert_redis_unreachable(self.client.get(reverse("pages:task", args=["some-id"])))

    def test_the_settings_give_short_timeouts(self) -> None:
        self.assertLessEqual(base_settings.REDIS_TIMEOUTS["socket_connect_timeout"], 5)
        self.assertLessEqual(tasks.add.app.conf.broker_transport_options["socket_timeout"], 10)
{%- endif %}
