{%- import "escape.jinja" as escape -%}
{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "모든 템플릿에 프로젝트 이름과 설명을 넘깁니다 (Django가 HTML 이스케이프합니다)" if ko else "The project's name and description for every template (Django escapes them as HTML)" }}."""

from django.http import HttpRequest

PROJECT_NAME = {{ escape.python(cookiecutter.project_name) }}  # noqa: E501
PROJECT_DESCRIPTION = {{ escape.python(cookiecutter.description) }}  # noqa: E501


def project(request: HttpRequest) -> dict[str, str]:
    """{{ "템플릿 변수 project_name, project_description" if ko else "The template variables project_name and project_description" }}."""
    return {"project_name": PROJECT_NAME, "project_description": PROJECT_DESCRIPTION}
