{%- set ko = cookiecutter.language == 'ko' -%}
#!/bin/sh
# {{ "컨테이너 시작: 서버(runserver, gunicorn) 앞에서 마이그레이션한 뒤 CMD 를 실행합니다." if ko else "Container start: migrate before a server (runserver, gunicorn), then run the CMD." }}
# {{ "DJANGO_MIGRATE_ON_START=1 일 때만 (compose 는 1, 여러 복제본은 0 으로 두고 한 번만 실행)." if ko else "Only with DJANGO_MIGRATE_ON_START=1 (compose sets 1; replicas keep 0 and migrate once)." }}
# {{ "다른 명령 (docker compose run web python docker/lock.py) 은 바로 실행됩니다." if ko else "Other commands (docker compose run web python docker/lock.py) run at once." }}
set -e
case "$*" in
    *" manage.py runserver"* | gunicorn*) server=1 ;;
    *) server=0 ;;
esac
if [ "$server" = "1" ] && [ "${DJANGO_MIGRATE_ON_START:-0}" = "1" ]; then
    python manage.py migrate --noinput
fi
exec "$@"
