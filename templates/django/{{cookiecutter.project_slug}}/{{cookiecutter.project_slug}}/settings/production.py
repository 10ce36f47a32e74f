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
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)  # noqa: F405
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# {{ "docker-compose.yml 에 커밋된 개발용 값으로는 시작하지 않습니다 (운영 비밀 값은 커밋하지 않습니다)" if ko else "Refuse the development values committed in docker-compose.yml (real secrets are never committed)" }}
if SECRET_KEY == "{{ cookiecutter['__dev_secret_key'] }}":
    raise SystemExit(
{%- if ko %}
        "운영 설정이 시작을 거부합니다: DJANGO_SECRET_KEY 가 "
        "docker-compose.yml 의 개발용 값입니다. 운영용 비밀 키를 설정하세요."
{%- else %}
        "production settings refuse to start: DJANGO_SECRET_KEY is the development value "
        "from docker-compose.yml; set a secret production key"
{%- endif %}
    )
{%- if cookiecutter.database != 'sqlite' %}
if DATABASES["default"].get("PASSWORD") == "{{ cookiecutter['__dev_db_password'] }}":  # noqa: F405
    raise SystemExit(
{%- if ko %}
        "운영 설정이 시작을 거부합니다: DATABASE_URL 의 비밀번호가 "
        "docker-compose.yml 의 개발용 값입니다. 운영용 비밀번호를 설정하세요."
{%- else %}
        "production settings refuse to start: the DATABASE_URL password is the development value "
        "from docker-compose.yml; set a secret production password"
{%- endif %}
    )
{%- endif %}
