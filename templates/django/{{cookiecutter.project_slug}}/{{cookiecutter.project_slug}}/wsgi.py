"""{{ "WSGI 진입점 (gunicorn)" if cookiecutter.language == 'ko' else "WSGI entry point (gunicorn)" }}."""

import os

from django.core.wsgi import get_wsgi_application

settings_module = "{{ cookiecutter.project_slug }}.settings.production"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)

application = get_wsgi_application()
