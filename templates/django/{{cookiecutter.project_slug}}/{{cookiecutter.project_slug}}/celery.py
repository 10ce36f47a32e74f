{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "Celery 앱: worker 와 beat 컨테이너가 씁니다." if ko else "The Celery app, run by the worker and beat containers:" }}

    celery -A {{ cookiecutter.project_slug }} worker

{{ "설정은 Django 설정의 CELERY_ 로 시작하는 값에서 읽고, 작업은 각 앱의 tasks.py 에서 찾습니다." if ko else "Its settings are the CELERY_ values of the Django settings; tasks are found in each app's tasks.py." }}
"""

import os

from celery import Celery

SETTINGS_MODULE = "{{ cookiecutter.project_slug }}.settings.development"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
