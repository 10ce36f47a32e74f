#!/bin/sh
# {{ "컨테이너 시작 시: gunicorn 을 띄울 때 DJANGO_MIGRATE_ON_START=1 이면 마이그레이션 후 CMD 실행." if cookiecutter.language == 'ko' else "On container start: before gunicorn, migrate when DJANGO_MIGRATE_ON_START=1; then run the CMD." }}
# {{ "runserver 는 같은 변수를 보고 스스로 마이그레이션합니다 (pages/management/commands/runserver.py: 프로세스 하나를 아낍니다)." if cookiecutter.language == 'ko' else "runserver reads the same variable and migrates itself (pages/management/commands/runserver.py: one process fewer)." }}
# {{ "docker compose run web python docker/lock.py 같은 일회성 명령은 데이터베이스 없이도 바로 실행됩니다." if cookiecutter.language == 'ko' else "A one-off command (docker compose run web python docker/lock.py) runs at once, with no database needed." }}
set -e
case "$*" in
    gunicorn*) serving=1 ;;
    *) serving=0 ;;
esac
if [ "$serving" = "1" ] && [ "${DJANGO_MIGRATE_ON_START:-0}" = "1" ]; then
    python manage.py migrate --noinput
fi
exec "$@"
