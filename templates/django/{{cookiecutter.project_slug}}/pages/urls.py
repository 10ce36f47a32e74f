from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("health/live/", views.live, name="live"),
{%- if cookiecutter.use_worker %}
    path("tasks/", views.enqueue_sample, name="enqueue"),
    path("tasks/heartbeat/", views.heartbeat, name="heartbeat"),
    path("tasks/<str:task_id>/", views.task_result, name="task"),
{%- endif %}
]
