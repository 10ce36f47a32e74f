{%- if cookiecutter.use_worker -%}
"""{{ "Django 와 함께 Celery 앱을 불러옵니다: @shared_task 가 이 앱을 씁니다." if cookiecutter.language == 'ko' else "The Celery app loads with Django, so @shared_task uses it." }}"""

from .celery import app as celery_app

__all__ = ("celery_app",)
{% endif -%}
