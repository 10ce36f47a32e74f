{%- set call = 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "' ~ cookiecutter.project_slug ~ '.settings.production")' -%}
"""
WSGI config for {{ cookiecutter.project_slug }} project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/{{ cookiecutter.django_version }}/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

{% if call|length <= 100 %}{{ call }}
{% else %}os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.production"
)
{% endif %}
application = get_wsgi_application()
