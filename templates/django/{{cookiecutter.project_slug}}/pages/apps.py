from django.apps import AppConfig


class PagesConfig(AppConfig):
    """{{ "시작 앱: 홈 페이지와 헬스 체크" if cookiecutter.language == 'ko' else "The starter app: a home page and a health check" }}."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
