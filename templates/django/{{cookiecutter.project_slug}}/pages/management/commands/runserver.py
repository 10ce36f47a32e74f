{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "runserver (개발 서버): DJANGO_MIGRATE_ON_START=1 이면 마이그레이션이 끝난 뒤에 요청을 받습니다." if ko else "runserver (the development server): with DJANGO_MIGRATE_ON_START=1, serves once migrated." }}

{{ "runserver 는 코드가 바뀔 때마다 다시 시작하는 자식 프로세스를 띄우고, 부모는 기다리기만" if ko else "runserver starts a child process that restarts on every code change; the parent only" }}
{{ "합니다. 그래서 마이그레이션은 Django 를 이미 불러온 부모가 한 번, 자식이 Django 를" if ko else "waits. So the parent, which has loaded Django already, migrates once, while the child" }}
{{ "불러오는 동안 함께 합니다. 자식은 파이프로 끝났다는 답을 받은 뒤에 요청을 받고, 실패하면" if ko else "loads Django; the child serves once the parent says through a pipe that it is done, and" }}
{{ "부모와 함께 종료 코드 1 로 끝납니다. 따로 manage.py migrate 프로세스를 띄우지 않아" if ko else "exits 1 with the parent if the migrations failed. With no separate manage.py migrate" }}
{{ "컨테이너가 1초 넘게 빨리 준비됩니다. gunicorn 앞에서는 docker/entrypoint.sh 가" if ko else "process, the container is ready over a second sooner. Before gunicorn, the entrypoint" }}
{{ "마이그레이션합니다. 이 명령이 staticfiles 의 runserver 를 대신하도록 INSTALLED_APPS 에서" if ko else "(docker/entrypoint.sh) migrates. pages comes before staticfiles in INSTALLED_APPS, so" }}
{{ "pages 가 앞에 있습니다." if ko else "this command replaces staticfiles' runserver." }}
"""

import os
import sys
import threading

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserver,
)
from django.core.management import call_command
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

#: {{ "자식 프로세스가 부모의 답(1 끝남, 0 실패)을 읽는 파이프의 파일 디스크립터" if ko else "The descriptor of the pipe the child reads the parent's answer from (1 done, 0 failed)" }}
MIGRATED_FD = "DJANGO_MIGRATED_FD"


def migrate() -> None:
    call_command("migrate", interactive=False)
    connections.close_all()  # {{ "기다리는 부모는 연결을 들고 있지 않습니다" if ko else "the waiting parent holds no connection" }}


def migrate_beside_the_child() -> threading.Thread:
    """{{ "자식이 Django 를 불러오는 동안 스레드에서 마이그레이션하고 파이프로 답합니다" if ko else "Migrate in a thread while the child loads Django; answer through a pipe" }}."""
    read_end, write_end = os.pipe()
    os.set_inheritable(read_end, True)  # {{ "자식(과 코드가 바뀐 뒤의 자식)이 물려받습니다" if ko else "every child inherits it" }}
    os.environ[MIGRATED_FD] = str(read_end)

    def work() -> None:
        answer = b"0"
        try:
            migrate()
            answer = b"1"
        finally:  # {{ "실패하면 스레드가 오류를 출력합니다" if ko else "on failure the thread prints the error" }}
            os.write(write_end, answer)
            os.close(write_end)  # {{ "다음 자식들은 바로 EOF 를 읽습니다: 이미 끝남" if ko else "later children read EOF at once: done before" }}

    # {{ "데몬이 아닌 스레드: 부모가 먼저 끝나게 되어도(자식 종료, Ctrl-C) 마이그레이션을 끝까지 합니다" if ko else "not a daemon: should the parent end first (the child exits, Ctrl-C), it finishes the migration" }}
    thread = threading.Thread(target=work, name="migrate")
    thread.start()
    return thread


def wait_for_the_parent() -> bool:
    """{{ "부모가 마이그레이션 중이면 기다립니다: 방금 끝났으면 True, 실패했으면 종료 코드 1" if ko else "While the parent migrates, wait: True when it has just finished; exit 1 if it failed" }}."""
    descriptor = os.environ.get(MIGRATED_FD)
    answer = os.read(int(descriptor), 1) if descriptor is not None else b""
    if answer == b"0":
        sys.stderr.write("The migrations failed (the error is above); runserver stops.\n")
        raise SystemExit(1)
    return answer == b"1"


class Command(StaticfilesRunserver):
    just_migrated = False

    def check_migrations(self) -> None:
        if not self.just_migrated:  # {{ "부모가 방금 모두 적용했으면 다시 묻지 않습니다" if ko else "the parent has just applied them all: no need to ask" }}
            super().check_migrations()

    def run(self, **options: object) -> None:
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # {{ "다시 시작하는 자식" if ko else "the child that restarts" }}
            self.just_migrated = wait_for_the_parent()
        elif os.environ.get("DJANGO_MIGRATE_ON_START", "0") == "1":
            if options.get("use_reloader") and os.name == "posix":
                migrate_beside_the_child()
            else:
                migrate()
        super().run(**options)
