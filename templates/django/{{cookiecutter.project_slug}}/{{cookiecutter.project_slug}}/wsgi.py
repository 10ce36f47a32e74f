"""{{ "WSGI 진입점 (gunicorn)" if cookiecutter.language == 'ko' else "WSGI entry point (gunicorn)" }}."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.production")

application = get_wsgi_application()
