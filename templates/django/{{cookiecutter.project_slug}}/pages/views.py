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
