{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "시작 앱 테스트: python manage.py test" if ko else "Tests of the starter app: python manage.py test" }}."""

from unittest import mock

from django.db import OperationalError
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from pages.context_processors import PROJECT_DESCRIPTION, PROJECT_NAME


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
        broken = mock.MagicMock()
        broken.cursor.side_effect = OperationalError("connection refused")
        with mock.patch("pages.views.connections", {"default": broken}):
            response = self.client.get(reverse("pages:health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "error", "database": "unreachable"})
