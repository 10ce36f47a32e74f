{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "홈 페이지와 /health/ (데이터베이스 연결 상태)" if ko else "The home page and /health/ (the database connection)" }}."""

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


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
