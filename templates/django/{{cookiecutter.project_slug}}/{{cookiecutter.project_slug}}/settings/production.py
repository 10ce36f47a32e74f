{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "운영 설정: manage.py check --deploy 를 경고 없이 통과합니다." if ko else "Production settings: they pass manage.py check --deploy with no warning." }}"""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")  # noqa: F405

# {{ "정적 파일은 WhiteNoise 가 제공합니다 (SecurityMiddleware 바로 다음)" if ko else "WhiteNoise serves the static files (right after SecurityMiddleware)" }}
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# {{ "HTTPS: 프록시 뒤에서는 X-Forwarded-Proto 를 믿습니다. /health/ 들은 리디렉트하지 않습니다." if ko else "HTTPS: trust X-Forwarded-Proto from the proxy in front; the /health/ pages are never redirected." }}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/live/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(  # noqa: F405
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)  # noqa: F405
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

{%- set key = cookiecutter['__dev_secret_key'] %}
{%- set password = cookiecutter['__dev_db_password'] %}

# {{ "docker/dev.env 에 커밋된 개발용 값으로는 시작하지 않습니다 (운영 비밀 값은 커밋하지 않습니다)." if ko else "Refuse the development values committed in docker/dev.env (real secrets are never committed)." }}
# {{ "표시로 알아봅니다: Django 의 개발용 키처럼 django-insecure- 로 시작하는 키" if ko else "Known by their marker: a key that starts with django-insecure- (as Django's own dev keys do)" }}
{%- if cookiecutter.database != 'sqlite' %}
# {{ "그리고 insecure-dev- 로 시작하는 데이터베이스 비밀번호" if ko else "and a database password that starts with insecure-dev-" }}
{%- endif %}
{%- if key.startswith('django-insecure-') %}
if SECRET_KEY.startswith("django-insecure-"):
{%- else %}
if (
    SECRET_KEY.startswith("django-insecure-")
    or SECRET_KEY == "{{ key }}"
):
{%- endif %}
    raise SystemExit(
{%- if ko %}
        "운영 설정이 시작을 거부합니다: DJANGO_SECRET_KEY 가 개발용 값입니다 "
        "(docker/dev.env 의 값, 또는 django-insecure- 로 시작하는 키). "
        "운영용 비밀 키를 설정하세요."
{%- else %}
        "production settings refuse to start: DJANGO_SECRET_KEY is a development value "
        "(the one in docker/dev.env, or a key that starts with django-insecure-); "
        "set a secret production key"
{%- endif %}
    )
{%- if cookiecutter.database != 'sqlite' %}
_password = str(DATABASES["default"].get("PASSWORD") or "")  # noqa: F405
if _password.startswith("insecure-dev-"){% if not password.startswith('insecure-dev-') %} or _password == "{{ password }}"{% endif %}:
    raise SystemExit(
{%- if ko %}
        "운영 설정이 시작을 거부합니다: DATABASE_URL 의 비밀번호가 개발용 값입니다 "
        "(docker/dev.env 의 값, 또는 insecure-dev- 로 시작하는 비밀번호). "
        "운영용 비밀번호를 설정하세요."
{%- else %}
        "production settings refuse to start: the DATABASE_URL password is a development value "
        "(the one in docker/dev.env, or one that starts with insecure-dev-); "
        "set a secret production password"
{%- endif %}
    )
{%- endif %}
