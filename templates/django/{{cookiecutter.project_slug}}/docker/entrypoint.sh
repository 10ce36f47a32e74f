#!/bin/sh
# {{ "컨테이너 시작 시: DJANGO_MIGRATE_ON_START=1 이면 마이그레이션 후 CMD 실행" if cookiecutter.language == 'ko' else "On container start: migrate when DJANGO_MIGRATE_ON_START=1, then run the CMD" }}
set -e
if [ "${DJANGO_MIGRATE_ON_START:-0}" = "1" ]; then
    python manage.py migrate --noinput
fi
exec "$@"
