{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "runserver (개발 서버): DJANGO_MIGRATE_ON_START=1 이면 마이그레이션이 끝난 뒤에 요청을 받습니다." if ko else "runserver (the development server): with DJANGO_MIGRATE_ON_START=1, serves once migrated." }}

{{ "부모 프로세스가 마이그레이션하고, 자식은 끝났다는 답을 받은 뒤 요청을 받습니다:" if ko else "The parent process migrates; the child serves once the parent says it is done:" }}
{{ (cookiecutter.project_slug ~ "/devserver.py 참고.") if ko else ("see " ~ cookiecutter.project_slug ~ "/devserver.py.") }}
{{ "manage.py 로 시작하면 부모는 Django 를 불러오기 전에 자식을 띄웁니다. 다른 길" if ko else "Started by manage.py, the parent starts the child before it loads Django; started" }}
{{ "(django-admin runserver)로 시작하면 Django 의 부모가 여기서 마이그레이션합니다." if ko else "another way (django-admin runserver), Django's parent migrates here." }}
{{ "gunicorn 앞에서는 docker/entrypoint.sh 가 마이그레이션합니다. 이 명령이 staticfiles 의" if ko else "Before gunicorn, docker/entrypoint.sh migrates. pages comes before staticfiles in" }}
{{ "runserver 를 대신하도록 INSTALLED_APPS 에서 pages 가 앞에 있습니다." if ko else "INSTALLED_APPS, so this command replaces staticfiles' runserver." }}
"""

import os

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserver,
)
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from {{ cookiecutter.project_slug }}.devserver import (
    migrate,
    migrate_beside_the_child,
    migrate_on_start,
    wait_for_the_parent,
)


class Command(StaticfilesRunserver):
    just_migrated = False

    def check_migrations(self) -> None:
        if not self.just_migrated:  # {{ "부모가 방금 모두 적용했으면 다시 묻지 않습니다" if ko else "the parent has just applied them all: no need to ask" }}
            super().check_migrations()

    def run(self, **options: object) -> None:
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # {{ "다시 시작하는 자식" if ko else "the child that restarts" }}
            self.just_migrated = wait_for_the_parent()
        elif migrate_on_start():
            if options.get("use_reloader") and os.name == "posix":
                migrate_beside_the_child(load_django=False)
            else:
                migrate()
        super().run(**options)
