from django.apps import AppConfig


class PagesConfig(AppConfig):
    """{{ "시작 앱: 홈 페이지와 헬스 체크" if cookiecutter.language == 'ko' else "The starter app: a home page and a health check" }}."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"

    def ready(self) -> None:
        from . import checks  # noqa: F401  {{ "시스템 검사 등록" if cookiecutter.language == 'ko' else "registers the system check" }}
