{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "시스템 검사: 쓰는 언어마다 Django 의 번역이 설치되어 있는지 (manage.py check)." if ko else "A system check: Django's translations are installed for every language in use." }}

{{ "이미지를 작게, 빌드를 빠르게 하려고 Dockerfile 은 Django 의 번역 가운데" if ko else "To keep the image small and its build fast, the Dockerfile keeps Django's translations" }}
{{ "몇 언어만 남깁니다 (find ... locale 단계). 다른 언어를 쓰면 관리자 화면이" if ko else "for a few languages only (its find ... locale step). Using another language stops" }}
{{ "말없이 영어로 나오는 대신 이 검사가 멈춥니다." if ko else "here, instead of the admin silently showing English." }}
"""

import gettext
from pathlib import Path

import django
from django.conf import global_settings, settings
from django.core import checks
from django.utils.translation import to_locale

DJANGO_LOCALE = Path(django.__file__).resolve().parent / "conf" / "locale"
OFFERED = {code for code, _name in global_settings.LANGUAGES}


def languages_in_use() -> set[str]:
    """{{ "LANGUAGE_CODE, 그리고 LocaleMiddleware 가 있으면 LANGUAGES 의 모든 언어" if ko else "LANGUAGE_CODE, and with LocaleMiddleware every language of LANGUAGES" }}."""
    codes = {settings.LANGUAGE_CODE}
    if "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE:
        codes.update(code for code, _name in settings.LANGUAGES)
    return codes


def translations_missing(code: str) -> bool:
    """{{ "Django 가 번역을 주는 언어(ko-kr 이면 ko)인데 설치된 번역이 없으면 True" if ko else "True when Django offers the language (ko for ko-kr) but it is not installed" }}."""
    code = code.lower()
    if code not in OFFERED and code.split("-")[0] not in OFFERED:
        return False  # {{ "Django 에 번역이 없는 언어: 지운 것이 없습니다" if ko else "Django has no translations for it: nothing removed" }}
    return gettext.find("django", str(DJANGO_LOCALE), [to_locale(code)]) is None


@checks.register(checks.Tags.translation)
def check_translations_installed(
    app_configs: object = None, **kwargs: object
) -> list[checks.CheckMessage]:
    missing = sorted(code for code in languages_in_use() if translations_missing(code))
    if not missing:
        return []
    return [
        checks.Error(
            f"Django's translations for {', '.join(missing)} are not installed "
            "(the Dockerfile removed them).",
            hint="Add ! -name <language> to the Dockerfile's find ... locale step for each "
            f"(e.g. ! -name {to_locale(missing[0])}), or set LANGUAGES to the languages you serve; "
            "then rebuild the image.",
            id="pages.E001",
        )
    ]
