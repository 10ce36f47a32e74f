{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "개발 설정: docker compose up 과 manage.py test 가 씁니다." if ko else "Development settings, used by docker compose up and manage.py test." }}"""

import os

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", default=True)  # noqa: F405
# {{ "개발용 키가 없으면 개발 전용 키를 씁니다 (운영 설정은 키가 없으면 시작하지 않습니다)" if ko else "Without a key, fall back to a development-only one (production refuses to start without one)" }}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-development-only-key"
