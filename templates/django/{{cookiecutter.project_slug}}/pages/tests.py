{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "시작 앱 테스트: python manage.py test" if ko else "Tests of the starter app: python manage.py test" }}."""

import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver
{% if cookiecutter.use_worker -%}
from django.core.cache import cache
{% endif -%}
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands, load_command_class
from django.db import OperationalError
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.html import escape
{%- if cookiecutter.use_worker %}
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError
{%- endif %}

import {{ cookiecutter.project_slug }}.devserver as devserver
import {{ cookiecutter.project_slug }}.settings.base as base_settings
from pages import checks{{ ", tasks" if cookiecutter.use_worker else "" }}
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


class TranslationsCheckTests(SimpleTestCase):
    """{{ "pages.E001: 쓰는 언어의 번역이 지워졌으면 check 가 멈춥니다" if ko else "pages.E001: check stops when a language in use lost its translations" }}."""

    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        # {{ "Dockerfile 이 남기는 언어만 있는 가짜 locale 폴더" if ko else "a stand-in locale folder with only the languages the Dockerfile keeps" }}
        for locale in ("en", "ko"):
            catalog = Path(folder.name) / locale / "LC_MESSAGES"
            catalog.mkdir(parents=True)
            (catalog / "django.mo").touch()
        patcher = mock.patch.object(checks, "DJANGO_LOCALE", Path(folder.name))
        patcher.start()
        self.addCleanup(patcher.stop)

    def errors(self) -> list[str]:
        return [f"{error.id}: {error.msg}" for error in checks.check_translations_installed()]

    def test_the_kept_languages_pass_with_their_regional_codes(self) -> None:
        for code in ("en-us", "en", "ko-kr", "ko"):
            with self.subTest(code=code), override_settings(LANGUAGE_CODE=code):
                self.assertEqual(self.errors(), [])

    def test_a_removed_language_code_is_named_with_the_fix(self) -> None:
        with override_settings(LANGUAGE_CODE="ja"):
            [error] = checks.check_translations_installed()
        self.assertEqual(error.id, "pages.E001")
        self.assertIn("translations for ja are not installed", error.msg)
        self.assertIn("! -name ja", error.hint)

    def test_locale_middleware_makes_every_language_of_languages_count(self) -> None:
        middleware = [*base_settings.MIDDLEWARE, "django.middleware.locale.LocaleMiddleware"]
        languages = [("en", "English"), ("fr", "French"), ("pt-br", "Brazilian Portuguese")]
        with override_settings(MIDDLEWARE=middleware, LANGUAGES=languages):
            [error] = self.errors()
        self.assertIn("pages.E001: Django's translations for fr, pt-br are not installed", error)
        # {{ "LocaleMiddleware 가 없으면 LANGUAGE_CODE 만" if ko else "without LocaleMiddleware, only LANGUAGE_CODE counts" }}
        with override_settings(LANGUAGES=languages):
            self.assertEqual(self.errors(), [])

    def test_a_language_django_has_no_translations_for_is_not_reported(self) -> None:
        with override_settings(LANGUAGE_CODE="tlh"):
            self.assertEqual(self.errors(), [])

    def test_this_install_has_the_translations_of_its_own_settings(self) -> None:
        installed = Path(checks.django.__file__).resolve().parent / "conf" / "locale"
        with mock.patch.object(checks, "DJANGO_LOCALE", installed):
            self.assertEqual(self.errors(), [])


class DevserverTestCase(SimpleTestCase):
    """{{ "runserver 가 읽는 변수가 없는 환경 (테스트가 끝나면 되돌림)" if ko else "An environment without the variables runserver reads (restored after each test)" }}."""

    def setUp(self) -> None:
        self.started(mock.patch.dict(os.environ))
        for name in ("DJANGO_MIGRATE_ON_START", DJANGO_AUTORELOAD_ENV, devserver.MIGRATED_FD):
            os.environ.pop(name, None)

    def started(self, patcher: Any) -> Any:
        self.addCleanup(patcher.stop)
        return patcher.start()


class RunserverTests(DevserverTestCase):
    """{{ "runserver 는 부모에서 한 번 마이그레이션, 자식은 끝난 뒤 서비스" if ko else "DJANGO_MIGRATE_ON_START=1: runserver migrates once in the parent; the child serves after" }}."""

    def setUp(self) -> None:
        super().setUp()
        self.call = self.started(mock.patch("django.core.management.call_command"))
        self.serve = self.started(mock.patch.object(StaticfilesRunserver, "run"))

    def run_command(self, **options: object) -> None:
        load_command_class("pages", "runserver").run(**options)

    def answer_of_the_parent(self) -> bytes:
        descriptor = int(os.environ[devserver.MIGRATED_FD])
        self.addCleanup(os.close, descriptor)
        return os.read(descriptor, 1)  # {{ "스레드가 끝날 때까지 기다립니다" if ko else "blocks until the thread is done" }}

    def pipe_holding(self, answer: bytes) -> None:
        read_end, write_end = os.pipe()
        os.write(write_end, answer)
        os.close(write_end)
        self.addCleanup(os.close, read_end)
        os.environ[devserver.MIGRATED_FD] = str(read_end)

    def test_pages_runserver_replaces_staticfiles_runserver(self) -> None:
        self.assertEqual(get_commands()["runserver"], "pages")
        self.assertIsInstance(load_command_class("pages", "runserver"), StaticfilesRunserver)

    def test_without_the_reloader_it_migrates_then_serves(self) -> None:
        os.environ["DJANGO_MIGRATE_ON_START"] = "1"
        self.run_command(use_reloader=False)
        self.call.assert_called_once_with("migrate", interactive=False)
        self.serve.assert_called_once_with(use_reloader=False)
        self.assertNotIn(devserver.MIGRATED_FD, os.environ)

    def test_the_parent_migrates_beside_the_child_and_says_when_done(self) -> None:
        os.environ["DJANGO_MIGRATE_ON_START"] = "1"
        self.run_command(use_reloader=True)
        self.serve.assert_called_once_with(use_reloader=True)  # {{ "자식은 바로 시작합니다" if ko else "the child starts at once" }}
        self.assertEqual(self.answer_of_the_parent(), b"1")
        self.call.assert_called_once_with("migrate", interactive=False)

    def test_a_failed_migration_is_answered_0(self) -> None:
        self.call.side_effect = RuntimeError("database gone")
        with mock.patch("threading.excepthook") as printed:
            migration = devserver.migrate_beside_the_child(load_django=False)
            self.assertEqual(self.answer_of_the_parent(), b"0")
            migration.join()  # {{ "스레드는 답한 뒤에 오류를 출력합니다" if ko else "the thread prints the error after it answers" }}
        self.assertIn("database gone", str(printed.call_args.args[0].exc_value))

    def test_broken_code_is_answered_with_nothing_and_left_to_the_child(self) -> None:
        # {{ "Django 의 부모처럼: 같은 코드를 불러오는 자식이 오류를 보여 주고 고쳐지기를 기다립니다" if ko else "as Django's parent does: the child loads the same code, shows the error, waits for a fix" }}
        with mock.patch("django.setup", side_effect=SyntaxError("broken models.py")):
            migration = devserver.migrate_beside_the_child(load_django=True)
            self.assertEqual(self.answer_of_the_parent(), b"")
            migration.join()
        self.call.assert_not_called()

    def test_the_child_serves_once_the_parent_is_done(self) -> None:
        os.environ.update({"DJANGO_MIGRATE_ON_START": "1", DJANGO_AUTORELOAD_ENV: "true"})
        # {{ "b\"\": 코드가 바뀐 뒤의 자식 (이미 끝남): 새 마이그레이션 파일이 있는지 다시 묻습니다" if ko else "b\"\": a child after a code change (done before): it asks again for new migrations" }}
        for answer, just_migrated in ((b"1", True), (b"", False)):
            with self.subTest(answer=answer):
                self.pipe_holding(answer)
                command = load_command_class("pages", "runserver")
                command.run(use_reloader=True)
                self.assertIs(command.just_migrated, just_migrated)
                with mock.patch.object(StaticfilesRunserver, "check_migrations") as asked:
                    command.check_migrations()
                self.assertEqual(asked.call_count, 0 if just_migrated else 1)
        self.call.assert_not_called()
        self.assertEqual(self.serve.call_count, 2)

    def test_the_child_stops_with_exit_code_1_when_the_migrations_failed(self) -> None:
        os.environ.update({"DJANGO_MIGRATE_ON_START": "1", DJANGO_AUTORELOAD_ENV: "true"})
        self.pipe_holding(b"0")
        with mock.patch("sys.stderr"), self.assertRaises(SystemExit) as stopped:
            self.run_command(use_reloader=True)
        self.assertEqual(stopped.exception.code, 1)
        self.serve.assert_not_called()

    def test_without_the_variable_it_only_serves(self) -> None:
        for value in (None, "0"):
            with self.subTest(value=value):
                if value is not None:
                    os.environ["DJANGO_MIGRATE_ON_START"] = value
                self.run_command(use_reloader=True)
        self.call.assert_not_called()
        self.assertEqual(self.serve.call_count, 2)
        self.assertNotIn(devserver.MIGRATED_FD, os.environ)


class StartTheChildFirstTests(DevserverTestCase):
    """{{ "manage.py runserver: 부모는 Django 를 불러오기 전에 자식을 띄웁니다" if ko else "manage.py runserver: the parent starts the child before it loads Django" }}."""

    def setUp(self) -> None:
        super().setUp()
        self.reloader = self.started(mock.patch("django.utils.autoreload.run_with_reloader"))
        self.migration = self.started(mock.patch.object(devserver, "migrate_beside_the_child"))

    def started_the_child(self, *argv: str) -> bool:
        try:
            devserver.start_the_child_first(["manage.py", *argv])
        except SystemExit as exited:
            self.assertEqual(exited.code, 0)
            return True
        return False

    def test_runserver_starts_the_child_and_never_returns(self) -> None:
        self.assertTrue(self.started_the_child("runserver", "0.0.0.0:{{ cookiecutter.port }}"))
        self.reloader.assert_called_once()
        self.migration.assert_not_called()  # {{ "변수가 없으면 부모는 Django 를 불러오지 않습니다" if ko else "without the variable the parent never loads Django" }}

    def test_with_the_variable_the_parent_migrates_beside_the_child(self) -> None:
        os.environ["DJANGO_MIGRATE_ON_START"] = "1"
        self.assertTrue(self.started_the_child("runserver"))
        self.migration.assert_called_once_with(load_django=True)

    def test_every_other_command_goes_django_s_own_way(self) -> None:
        os.environ["DJANGO_MIGRATE_ON_START"] = "1"
        others = (("test",), ("migrate",), ("runserver", "--noreload"), ("runserver", "--help"), ())
        for argv in others:
            with self.subTest(argv=argv):
                self.assertFalse(self.started_the_child(*argv))
        os.environ[DJANGO_AUTORELOAD_ENV] = "true"  # {{ "자식 자신" if ko else "the child itself" }}
        self.assertFalse(self.started_the_child("runserver"))
        self.reloader.assert_not_called()
        self.migration.assert_not_called()
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
