#!/usr/bin/env python
"""{{ "Django 관리 명령 (python manage.py help)." if cookiecutter.language == 'ko' else "Django's command-line utility for administrative tasks (python manage.py help)." }}"""

import os
import sys


def main() -> None:
    settings_module = "{{ cookiecutter.project_slug }}.settings.development"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    from {{ cookiecutter.project_slug }}.devserver import start_the_child_first

    # {{ "runserver: 자식이 Django 를 불러오는 동안 부모가 마이그레이션합니다" if cookiecutter.language == 'ko' else "runserver: the child loads Django while the parent migrates (not one load after the other)" }}
    start_the_child_first(sys.argv)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
