{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "개발 서버(manage.py runserver)를 바로 시작합니다: 프로젝트를 잇달아 두 번 불러오지 않고." if ko else "The development server (manage.py runserver), started at once, not after two loads." }}

{{ "runserver 의 리로더는 요청을 받는 서버를 자식 프로세스에서 돌리고, 코드가 바뀔 때마다 그 자식을" if ko else "runserver's reloader runs the server in a child process, which it starts again on every code" }}
{{ "다시 시작합니다. 부모는 기다리기만 합니다. 그런데 Django 의 부모는 프로젝트를 모두 불러온 뒤에야" if ko else "change; the parent only waits. Yet Django's parent loads the whole project before it starts the" }}
{{ "자식을 띄우고, 자식이 다시 불러옵니다: 서버는 두 번의 불러오기가 차례로 끝나야 답합니다." if ko else "child, which loads it again: the server answers after two loads, one after the other." }}

{{ "그래서 manage.py 는 Django 를 불러오기 전에 start_the_child_first() 를 부릅니다. 부모는 자식을" if ko else "So manage.py calls start_the_child_first() before it loads Django: the parent starts the child" }}
{{ "곧바로 띄우고, DJANGO_MIGRATE_ON_START=1 이면 자식이 불러오는 동안 스레드에서 Django 를 불러와" if ko else "at once and, with DJANGO_MIGRATE_ON_START=1, loads Django and migrates in a thread while the" }}
{{ "마이그레이션합니다. 자식은 부모가 파이프로 끝났다고 알려 준 뒤에 요청을 받고, 실패했으면 종료 코드" if ko else "child loads; the child serves once the parent says through a pipe that it is done, and exits 1" }}
{{ "1 로 끝납니다 (pages/management/commands/runserver.py). 판단은 Django 자신의 것과 같습니다:" if ko else "if the migrations failed (pages/management/commands/runserver.py). The test is Django's own" }}
{{ "ManagementUtility.execute 도 runserver 이고 --noreload 가 없으면 리로더의 부모로 봅니다." if ko else "(ManagementUtility.execute): runserver without --noreload is the reloader's parent." }}
"""

import os
import sys
import threading

#: {{ "자식 프로세스가 부모의 답(1 끝남, 0 실패)을 읽는 파이프의 파일 디스크립터" if ko else "The descriptor of the pipe the child reads the parent's answer from (1 done, 0 failed)" }}
MIGRATED_FD = "DJANGO_MIGRATED_FD"
#: {{ "이 옵션이 있으면 runserver 는 서비스하지 않습니다: Django 의 길로 갑니다" if ko else "With these, runserver serves nothing: Django's own path runs" }}
NOT_SERVING = frozenset({"--noreload", "-h", "--help", "--version"})


def migrate_on_start() -> bool:
    return os.environ.get("DJANGO_MIGRATE_ON_START", "0") == "1"


def migrate() -> None:
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False)
    connections.close_all()  # {{ "기다리는 부모는 연결을 들고 있지 않습니다" if ko else "the waiting parent holds no connection" }}


def migrate_beside_the_child(*, load_django: bool) -> threading.Thread:
    """{{ "자식이 Django 를 불러오는 동안 스레드에서 마이그레이션하고 파이프로 답합니다" if ko else "Migrate in a thread while the child loads Django; answer through a pipe" }}."""
    read_end, write_end = os.pipe()
    os.set_inheritable(read_end, True)  # {{ "자식(과 코드가 바뀐 뒤의 자식)이 물려받습니다" if ko else "every child inherits it" }}
    os.environ[MIGRATED_FD] = str(read_end)

    def work() -> None:
        answer = b""
        try:
            if load_django and not loaded():
                # {{ "b\"\": 같은 코드를 불러오는 자식이 오류를 보여 주고, 고치면 남은 것을 알립니다" if ko else "b\"\": the child loads the same code, shows the error, once fixed names what is left" }}
                return
            answer = b"0"
            migrate()
            answer = b"1"
        finally:  # {{ "실패하면 스레드가 오류를 출력합니다" if ko else "on failure the thread prints the error" }}
            os.write(write_end, answer)
            os.close(write_end)  # {{ "다음 자식들은 바로 EOF 를 읽습니다: 이미 끝남" if ko else "later children read EOF at once: done before" }}

    # {{ "데몬이 아닌 스레드: 부모가 먼저 끝나게 되어도(자식 종료, Ctrl-C) 마이그레이션을 끝까지 합니다" if ko else "not a daemon: should the parent end first (the child exits, Ctrl-C), it finishes the migration" }}
    thread = threading.Thread(target=work, name="migrate")
    thread.start()
    return thread


def loaded() -> bool:
    """{{ "Django 를 불러옵니다. 코드가 깨졌으면 False (Django 의 부모처럼 조용히: 자식이 보여 줌)" if ko else "Load Django; False if the code is broken (quiet, as Django's parent: the child shows it)" }}."""
    import django

    try:
        django.setup()
    except Exception:
        return False
    return True


def wait_for_the_parent() -> bool:
    """{{ "부모가 마이그레이션 중이면 기다립니다: 방금 끝났으면 True, 실패했으면 종료 코드 1" if ko else "While the parent migrates, wait: True when it has just finished; exit 1 if it failed" }}."""
    descriptor = os.environ.get(MIGRATED_FD)
    answer = os.read(int(descriptor), 1) if descriptor is not None else b""
    if answer == b"0":
        sys.stderr.write("The migrations failed (the error is above); runserver stops.\n")
        raise SystemExit(1)
    return answer == b"1"


def start_the_child_first(argv: list[str]) -> None:
    """{{ "리로더의 부모이면 자식을 먼저 띄우고 돌아오지 않습니다. 아니면 바로 돌아옵니다" if ko else "As the reloader's parent, start the child before Django loads and never return" }}."""
    from django.utils import autoreload

    if argv[1:2] != ["runserver"] or NOT_SERVING & set(argv) or os.name != "posix":
        return  # {{ "POSIX 밖에서는 파이프를 물려줄 수 없습니다: Django 의 길" if ko else "off POSIX no pipe is inherited: Django's own path" }}
    if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":
        return  # {{ "자식: Django 의 길로 서비스합니다" if ko else "the child: it serves by Django's own path" }}
    if migrate_on_start():
        migrate_beside_the_child(load_django=True)
    # {{ "부모로서 run_with_reloader 는 자식을 다시 시작하기만 합니다: 함수는 자식에서 돕니다" if ko else "as the parent, run_with_reloader only restarts the child: the function runs in the child" }}
    autoreload.run_with_reloader(lambda: None)
    sys.exit(0)  # {{ "Ctrl-C 뒤에만 여기로 돌아옵니다" if ko else "it returns here only after Ctrl-C" }}
