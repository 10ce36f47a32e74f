#!/usr/bin/env python
"""{{ "Django 관리 명령 (python manage.py help)." if cookiecutter.language == 'ko' else "Django's command-line utility for administrative tasks (python manage.py help)." }}"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
