{%- set ko = cookiecutter.language == 'ko' -%}
{%- set custom_user = cookiecutter['__user_model'] == 'accounts.User' -%}
"""{{ "공통 설정. 값은 환경 변수(.env)에서 읽습니다." if ko else "Settings shared by every environment, read from the environment (.env)." }}"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """{{ "1/true/yes/on 이면 True" if ko else "True for 1, true, yes or on" }}."""
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """{{ "쉼표로 나눈 목록" if ko else "A comma-separated list" }}."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_value(name: str, default: str = "") -> str:
    """{{ "NAME 값, 또는 NAME_FILE 이 가리키는 파일의 내용 (시크릿)" if ko else "NAME, or the content of the file NAME_FILE names (secrets)" }}."""
    path = os.environ.get(f"{name}_FILE", "")
    if not path:
        return os.environ.get(name, default)
    if os.environ.get(name):
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as err:
        message = f"{name}_FILE names {path}, which cannot be read: {err.strerror}."
        raise ImproperlyConfigured(message) from err


def env_required(name: str) -> str:
    """{{ "없으면 무엇을 설정해야 하는지 알려 주고 멈춥니다" if ko else "Stop with a clear message when a required variable is missing" }}."""
    value = env_value(name)
    if not value:
        message = f"Set {name} or {name}_FILE in the environment (see .env.example)."
        raise ImproperlyConfigured(message)
    return value


DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "http://localhost:{{ cookiecutter.port }},http://127.0.0.1:{{ cookiecutter.port }}",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
{%- if custom_user %}
    "accounts",
{%- endif %}
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "{{ cookiecutter.project_slug }}.urls"
WSGI_APPLICATION = "{{ cookiecutter.project_slug }}.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.project",
            ],
        },
    },
]

# {{ "데이터베이스: DATABASE_URL (또는 DATABASE_URL_FILE) 하나로 설정합니다 (dj-database-url)" if ko else "The database, from one DATABASE_URL or DATABASE_URL_FILE (dj-database-url)" }}
DATABASES = {
    "default": dj_database_url.parse(
        env_value("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# {{ "서버가 멈췄을 때 /health/ 가 빨리 503 을 돌려주도록 연결 대기 시간을 짧게" if ko else "A short connect timeout, so /health/ answers 503 quickly when the server is down" }}
_database = DATABASES["default"]
if _database["ENGINE"].endswith("postgresql"):
    _database.setdefault("OPTIONS", {})["connect_timeout"] = 5
elif _database["ENGINE"].endswith("mysql"):
    _database.setdefault("OPTIONS", {}).update({"charset": "utf8mb4", "connect_timeout": 5})
    _database["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}

{% if custom_user -%}
# {{ "사용자 모델: accounts.User (처음부터 직접 정의, Django 문서가 새 프로젝트에 권하는 방식)" if ko else "The user model: accounts.User, defined from the start as Django's docs advise" }}
AUTH_USER_MODEL = "accounts.User"

{% endif -%}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "{{ 'ko-kr' if ko else 'en-us' }}"
TIME_ZONE = "{{ cookiecutter.time_zone }}"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# {{ "로그는 표준 출력으로 (docker compose logs 로 봅니다). 헬스 체크 요청은 기록하지 않습니다." if ko else "Logs go to stdout (read them with docker compose logs); health-check requests are not logged." }}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "skip_health_checks": {
            "()": "django.utils.log.CallbackFilter",
            "callback": lambda record: "/health/" not in record.getMessage(),
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "server": {"class": "logging.StreamHandler", "filters": ["skip_health_checks"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
}
{%- if cookiecutter.use_redis %}

# {{ "Redis: Django 내장 캐시 백엔드" ~ (" 이자 워커의 브로커" if cookiecutter.use_worker else "") if ko else "Redis: Django's built-in cache backend" ~ (" and the worker's broker" if cookiecutter.use_worker else "") }}.
# {{ "주소는 compose, Swarm, Kubernetes 모두 서비스 이름 redis" if ko else "Its address is the service name redis in compose, Swarm and Kubernetes alike." }}
# {{ "짧은 대기 시간: Redis 가 멈추면 캐시를 쓰는 요청이" if ko else "Short timeouts: when Redis is down, a request that uses the cache" }}
# {{ "멈춰 있지 않고 바로 오류를 냅니다" if ko else "fails at once instead of hanging" }}
REDIS_URL = env_value("REDIS_URL", "redis://redis:6379/0")
REDIS_TIMEOUTS = {"socket_connect_timeout": 2, "socket_timeout": 2}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": REDIS_TIMEOUTS,
    }
}
{%- endif %}
{%- if cookiecutter.use_worker %}

# {{ "Celery: worker 와 beat 컨테이너 (같은 이미지)." if ko else "Celery: the worker and beat containers (the same image)." }}
# {{ "브로커와 결과 저장소는 Redis" if ko else "Redis is the broker and keeps the results" }}
CELERY_BROKER_URL = env_value("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_value("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TRACK_STARTED = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# {{ "Redis 가 멈추면 작업을 넣는 요청은 몇 초 안에" if ko else "When Redis is down, a request that enqueues a task ends" }}
# {{ "오류로 끝납니다 (기다리며 멈추지 않습니다)" if ko else "with an error within seconds (it never hangs)" }}
CELERY_BROKER_TRANSPORT_OPTIONS = {**REDIS_TIMEOUTS, "socket_timeout": 5, "max_retries": 1}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1}}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
# {{ "beat 가 예약하는 작업: 예제 heartbeat 가" if ko else "What beat schedules: the sample heartbeat leaves" }}
# {{ "캐시에 마지막 시각을 남깁니다 (/tasks/heartbeat/)" if ko else "the time it ran in the cache (/tasks/heartbeat/)" }}
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "pages.tasks.heartbeat",
        "schedule": float(os.environ.get("HEARTBEAT_SECONDS", "60")),
    },
}
{%- endif %}
