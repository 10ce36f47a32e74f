{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "예제 작업: worker 컨테이너가 실행합니다. 테스트는 즉시(eager) 실행합니다." if ko else "Sample tasks, run by the worker container (the tests run them eagerly)." }}"""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

#: {{ "beat 가 heartbeat 를 마지막으로 실행한 시각을 담는 캐시 키" if ko else "The cache key holding when beat last had heartbeat run" }}
HEARTBEAT_KEY = "pages:heartbeat"


@shared_task
def add(x: int, y: int) -> int:
    """{{ "두 수의 합: web 이 넣고 worker 가 실행하는 예제" if ko else "The sum of two numbers: the web app enqueues it, the worker runs it" }}."""
    return x + y


@shared_task
def heartbeat() -> str:
    """{{ "beat 가 예약하는 예제: 실행한 시각을 캐시에 남깁니다" if ko else "Scheduled by beat: leaves the time it ran in the cache" }}."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
