{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "사용자 모델 테스트: python manage.py test accounts" if ko else "Tests of the user model: python manage.py test accounts" }}."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from accounts.models import User


class UserTests(TestCase):
    def test_the_project_uses_its_own_user_model(self) -> None:
        self.assertIs(get_user_model(), User)

    def test_create_a_user(self) -> None:
        user = User.objects.create_user("ada", "ada@example.com", "a long passphrase 42")
        self.assertTrue(user.check_password("a long passphrase 42"))
        self.assertFalse(user.is_staff)
        self.assertEqual(User.objects.get(username="ada").email, "ada@example.com")


class AdminTests(TestCase):
    def setUp(self) -> None:
        User.objects.create_superuser("admin", "admin@example.com", "a long passphrase 42")

    def test_log_in_to_the_admin(self) -> None:
        login = reverse("admin:login")
        credentials = {"username": "admin", "password": "a long passphrase 42"}
        response = self.client.post(login, {**credentials, "next": reverse("admin:index")})
        self.assertRedirects(response, reverse("admin:index"))
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)

    def test_the_users_are_in_the_admin(self) -> None:
        self.client.login(username="admin", password="a long passphrase 42")
        response = self.client.get(reverse("admin:accounts_user_changelist"))
        self.assertContains(response, "admin@example.com")
