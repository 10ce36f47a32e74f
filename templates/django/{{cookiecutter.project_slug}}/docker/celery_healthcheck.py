{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "worker 와 beat 컨테이너의 헬스 체크 (docker-compose.yml)." if ko else "The healthcheck of the worker and beat containers (docker-compose.yml)." }}

    python docker/celery_healthcheck.py worker  # {{ "이 worker 에 ping (브로커를 거쳐)" if ko else "ping this worker, through the broker" }}
    python docker/celery_healthcheck.py beat  # {{ "beat 가 시작했고 브로커에 닿는지" if ko else "beat started and reaches the broker" }}

{{ "30초마다 한 번 (조용히): 한 번의 검사는 Celery 를 불러오는 파이썬 프로세스 하나입니다." if ko else "Once every 30 s (quietly): each check is one Python process that loads Celery." }}
"""

import glob
import os
import socket
import sys
from pathlib import Path

from celery import Celery
from kombu.exceptions import OperationalError

# {{ "python docker/... 로 실행하면 파이썬은 docker/ 만 찾아보므로, 프로젝트 폴더를 더합니다" if ko else "Run as python docker/..., Python looks in docker/ only: add the project folder" }}
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: {{ "docker-compose.yml 의 beat 명령이 주는 --schedule" if ko else "The --schedule the beat command of docker-compose.yml gives" }}
SCHEDULE = "/tmp/celerybeat-schedule"


def celery_app() -> Celery:
    settings_module = "{{ cookiecutter.project_slug }}.settings.development"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    from {{ cookiecutter.project_slug }}.celery import app

    return app


def worker_answers() -> bool:
    """{{ "이 컨테이너의 worker (celery@호스트 이름)가 5초 안에 ping 에 답하면 True" if ko else "True when this container's worker (celery@hostname) answers a ping within 5 s" }}."""
    replies = celery_app().control.ping(destination=[f"celery@{socket.gethostname()}"], timeout=5)
    return bool(replies)


def beat_is_running() -> bool:
    """{{ "beat 가 예약 파일을 만들었고 브로커가 답하면 True (예약한 작업을 넣을 수 있음)" if ko else "True when beat made its schedule file and the broker answers (it can enqueue what is due)" }}."""
    if not glob.glob(f"{SCHEDULE}*"):
        return False
    with celery_app().connection_for_write() as connection:
        try:
            connection.ensure_connection(max_retries=1)
        except (OperationalError, OSError):
            return False
    return True


if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else "worker"
    sys.exit(0 if (worker_answers() if role == "worker" else beat_is_running()) else 1)
