"""{{ "ASGI 진입점" if cookiecutter.language == 'ko' else "ASGI entry point" }}."""

import os

from django.core.asgi import get_asgi_application

settings_module = "{{ cookiecutter.project_slug }}.settings.production"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)

application = get_asgi_application()
