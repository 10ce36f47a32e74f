"""{{ "URL 설정" if cookiecutter.language == 'ko' else "URL configuration" }}."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("pages.urls")),
]
