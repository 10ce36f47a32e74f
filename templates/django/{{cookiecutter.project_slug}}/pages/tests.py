{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "시작 앱 테스트: python manage.py test" if ko else "Tests of the starter app: python manage.py test" }}."""

import os
import tempfile
from pathlib import Path
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils.html import escape

import {{ cookiecutter.project_slug }}.settings.base as base_settings
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
