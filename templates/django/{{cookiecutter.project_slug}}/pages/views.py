{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "홈 페이지와 /health/ (데이터베이스 연결 상태)" if ko else "The home page and /health/ (the database connection)" }}{{ (", 예제 작업 (/tasks/)" if ko else ", the sample task (/tasks/)") if cookiecutter.use_worker else "" }}."""

{% if cookiecutter.use_worker -%}
from celery.result import AsyncResult
from django.core.cache import cache
{% endif -%}
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
{%- if cookiecutter.use_worker %}
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from pages import tasks

#: {{ "Redis 에 닿지 않을 때의 오류: 요청은 멈추지 않고 503 으로 바로 끝납니다 (설정의 짧은 대기 시간)" if ko else "Redis out of reach: the request ends at once with a 503 (the short timeouts of the settings)" }}
REDIS_DOWN = (BrokerError, RedisError, OSError)
#: {{ "작업을 넣을 때: Celery 의 결과 구독은 다시 연결을 포기하면" if ko else "On enqueueing: Celery's result subscriber raises RuntimeError once it" }}
#: {{ "RuntimeError 를 냅니다 (Redis 가 돌아오면 다시 연결합니다)" if ko else "gives up reconnecting (it connects again when Redis is back)" }}
ENQUEUE_FAILED = (*REDIS_DOWN, RuntimeError)
{%- endif %}


def home(request: HttpRequest) -> HttpResponse:
    """{{ "시작 페이지" if ko else "The start page" }}."""
    return render(request, "pages/home.html")


def database_connected(alias: str = "default") -> bool:
    """{{ "데이터베이스에 SELECT 1 을 보내 응답하면 True" if ko else "True when the database answers a SELECT 1" }}."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def health(request: HttpRequest) -> JsonResponse:
    """{{ "정상이면 200, 데이터베이스에 닿지 않으면 503" if ko else "200 when healthy, 503 when the database cannot be reached" }}."""
    if database_connected():
        return JsonResponse({"status": "ok", "database": "connected"})
    return JsonResponse({"status": "error", "database": "unreachable"}, status=503)


def live(request: HttpRequest) -> JsonResponse:
    """{{ "프로세스가 답하면 200. 데이터베이스는 묻지 않습니다" if ko else "200 while the process answers; the database is not asked" }}.

    {{ "Kubernetes livenessProbe 용: DB 장애로 모든 파드가 재시작되지 않도록." if ko else "For the Kubernetes livenessProbe: a database outage must not restart every pod." }}
    """
    return JsonResponse({"status": "ok"})
{%- if cookiecutter.use_worker %}


def redis_unreachable() -> JsonResponse:
    """{{ "Redis 가 멈췄을 때의 분명한 오류" if ko else "A clear error when Redis is down" }}."""
    message = "{{ "Redis 에 닿지 않습니다: docker compose ps redis 를 확인하세요" if ko else "Redis cannot be reached; check docker compose ps redis" }}"
    return JsonResponse({"status": "error", "redis": "unreachable", "message": message}, status=503)


@require_POST
def enqueue_sample(request: HttpRequest) -> JsonResponse:
    """{{ "예제 작업 add(2, 3) 을 넣고, 결과를 볼 주소를 돌려줍니다 (202)" if ko else "Enqueue the sample task add(2, 3); answer 202 with where to see its result" }}."""
    try:
        result = tasks.add.delay(2, 3)
    except ENQUEUE_FAILED:
        return redis_unreachable()
    url = reverse("pages:task", args=[result.id])
    return JsonResponse({"id": result.id, "url": url}, status=202, headers={"Location": url})


@require_GET
def task_result(request: HttpRequest, task_id: str) -> JsonResponse:
    """{{ "작업의 상태와 결과 (PENDING, STARTED, SUCCESS, FAILURE)" if ko else "A task's state and result (PENDING, STARTED, SUCCESS, FAILURE)" }}."""
    result = AsyncResult(task_id, app=tasks.add.app)
    try:
        state = result.state
        value = result.result if result.successful() else None
    except REDIS_DOWN:
        return redis_unreachable()
    return JsonResponse({"id": task_id, "state": state, "result": value})


@require_GET
def heartbeat(request: HttpRequest) -> JsonResponse:
    """{{ "beat 가 heartbeat 작업을 마지막으로 실행한 시각 (아직 없으면 null)" if ko else "When the heartbeat task scheduled by beat last ran (null before it first does)" }}."""
    try:
        last = cache.get(tasks.HEARTBEAT_KEY)
    except REDIS_DOWN:
        return redis_unreachable()
    return JsonResponse({"last_run": last})
{%- endif %}
