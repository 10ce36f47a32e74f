from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """{{ "사용자 계정: 프로젝트의 사용자 모델 (AUTH_USER_MODEL)" if cookiecutter.language == 'ko' else "User accounts: the project's user model (AUTH_USER_MODEL)" }}."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
