# GENERATED: the answers model (newproj/answers: messages.py, owned.py, features.py, rules.py, fields.py, prune.py), by `python -m newproj.maintainer.hookgen`; do not edit.
"""Refuse answers the newproj answers model does not accept (same rules, same messages)."""

from __future__ import annotations

import dataclasses
import json
import keyword
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# {% raw %}
# --- newproj/answers/messages.py ----------------------------------------------------------------
"""What the answers model says when it refuses a value, in English and Korean (standard library only).

Copied verbatim into the template's hooks by :mod:`newproj.maintainer.hookgen`.
"""


MODEL_MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "en": "a value is required; type one",
        "ko": "값이 필요합니다. 값을 입력하세요",
    },
    "too_long": {
        "en": "{value!r} is longer than {limit} characters; shorten it",
        "ko": "{value!r}이(가) {limit}자보다 깁니다. 더 짧게 쓰세요",
    },
    "control": {
        "en": "{value!r} contains control characters; use printable text only",
        "ko": "{value!r}에 제어 문자가 있습니다. 출력 가능한 문자만 쓰세요",
    },
    "choice": {
        "en": "{value!r} is not one of {choices}; use one of them",
        "ko": "{value!r}은(는) {choices} 중 하나가 아닙니다. 이 중 하나를 쓰세요",
    },
    "slug_format": {
        "en": "{value!r} is not a valid package name; use lower-case letters, digits and _ "
        "starting with a letter, e.g. {suggestion}",
        "ko": "{value!r}은(는) 올바른 패키지 이름이 아닙니다. 소문자로 시작하는 소문자, 숫자, _ 만 쓰세요 "
        "(예: {suggestion})",
    },
    "slug_length": {
        "en": "{value!r} is longer than {limit} characters; shorten it, e.g. {suggestion}",
        "ko": "{value!r}이(가) {limit}자보다 깁니다. 더 짧게 쓰세요 (예: {suggestion})",
    },
    "slug_keyword": {
        "en": "{value!r} is a Python keyword; choose another name, e.g. {suggestion}",
        "ko": "{value!r}은(는) 파이썬 예약어입니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "slug_shadows_stdlib": {
        "en": "{value!r} would shadow the standard library module {value}; choose another name, e.g. {suggestion}",
        "ko": "{value!r}은(는) 표준 라이브러리 모듈 {value}을(를) 가립니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "slug_shadows_dependency": {
        "en": "{value!r} would shadow the module {value} of a package the project depends on; choose another "
        "name, e.g. {suggestion}",
        "ko": "{value!r}은(는) 프로젝트가 쓰는 패키지의 모듈 {value}을(를) 가립니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "slug_reserved": {
        "en": "{value!r} is reserved by Django or the starter project; choose another name, e.g. {suggestion}",
        "ko": "{value!r}은(는) Django나 시작 프로젝트가 쓰는 이름입니다. 다른 이름을 쓰세요 (예: {suggestion})",
    },
    "port_type": {
        "en": "{value!r} is not a whole number; use a port from 1 to 65535, e.g. 8000",
        "ko": "{value!r}은(는) 정수가 아닙니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)",
    },
    "not_text": {
        "en": "read {value} ({kind}), not text; write the value in quotes",
        "ko": "{value} ({kind})을(를) 읽었습니다. 텍스트가 아닙니다. 값을 따옴표로 감싸 쓰세요",
    },
    "not_applicable": {
        "en": "{value!r} does not apply to {database}, which has no server; leave database_version out",
        "ko": "{value!r}은(는) 서버가 없는 {database}에는 해당하지 않습니다. database_version 을 빼세요",
    },
    "port_range": {
        "en": "{value} is out of range; use a port from 1 to 65535, e.g. 8000",
        "ko": "{value}은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)",
    },
    "port_privileged": {
        "en": "{value} is below 1024; binding it on the host may need administrator rights",
        "ko": "{value}은(는) 1024보다 작습니다. 호스트에서 이 포트를 쓰려면 관리자 권한이 필요할 수 있습니다",
    },
    "python_django": {
        "en": "Django {django} supports Python {low} to {high}, not {python}; "
        "pick a Python in that range or another Django version",
        "ko": "Django {django}은(는) 파이썬 {low}~{high}을(를) 지원하며 {python}은(는) 지원하지 않습니다. "
        "이 범위의 파이썬이나 다른 Django 버전을 고르세요",
    },
    "db_version": {
        "en": "{value!r} is not an offered {database} version; use one of {choices}",
        "ko": "{value!r}은(는) 제공되는 {database} 버전이 아닙니다. {choices} 중 하나를 쓰세요",
    },
    "time_zone": {
        "en": "{value!r} is not a known time zone; use an IANA name such as UTC or Asia/Seoul",
        "ko": "{value!r}은(는) 알 수 없는 시간대입니다. UTC나 Asia/Seoul 같은 IANA 이름을 쓰세요",
    },
    "feature_bool": {
        "en": "read {value} ({kind}), not a yes/no value; write true or false",
        "ko": "{value} ({kind})을(를) 읽었습니다. 예/아니오 값이 아닙니다. true 나 false 를 쓰세요",
    },
    "feature_requires": {
        "en": "the {feature} feature needs {needed}; add {needed} too ({key}=y, --with {needed}) or leave {feature} out",
        "ko": "{feature} 기능에는 {needed} 이(가) 필요합니다. {needed} 도 고르거나 ({key}=y, --with {needed}) {feature} 를 빼세요",
    },
    "feature_excludes": {
        "en": "the {feature} feature cannot go with {other}; leave one of them out",
        "ko": "{feature} 기능은 {other} 와(과) 함께 쓸 수 없습니다. 둘 중 하나를 빼세요",
    },
    "unknown_field": {
        "en": "unknown answer; known answers are {fields}",
        "ko": "알 수 없는 항목입니다. 쓸 수 있는 항목은 {fields} 입니다",
    },
}


#: How a refused non-text value is described in ``not_text``.
KINDS: dict[str, dict[str, str]] = {
    "null": {"en": "an empty value", "ko": "빈 값"},
    "bool": {"en": "a yes/no value", "ko": "예/아니오 값"},
    "number": {"en": "a number", "ko": "숫자"},
    "list": {"en": "a list", "ko": "목록"},
    "mapping": {"en": "a mapping", "ko": "매핑"},
    "other": {"en": "not text", "ko": "텍스트가 아닌 값"},
    "text": {"en": "text", "ko": "텍스트"},
}


# --- newproj/answers/owned.py -------------------------------------------------------------------
"""Which files each feature owns: all the post hook needs to prune a project (standard library only).

A file owned by several features (the worker's Kubernetes manifest) goes when any of them is off.
``{slug}`` stands for the project's package folder.
"""


_K8S = "deploy/k8s/"
OWNED_FILES: dict[str, tuple[str, ...]] = {
    "ci": (".github/workflows/ci.yml",),
    "dependabot": (".github/dependabot.yml",),
    "pre-commit": (".pre-commit-config.yaml", ".editorconfig"),
    "devcontainer": (".devcontainer/devcontainer.json",),
    "swarm": ("deploy/swarm/docker-stack.yml",),
    "k8s": tuple(
        _K8S + name
        for name in (
            "base/data-pvc.yaml base/deployment.yaml base/ingress.yaml base/kustomization.yaml "
            "base/migrate-job.yaml base/networkpolicy.yaml base/service.yaml base/redis.yaml "
            "base/worker.yaml overlays/dev/db.yaml overlays/dev/kustomization.yaml "
            "overlays/dev/namespace.yaml overlays/dev/secrets.env.example "
            "overlays/prod/kustomization.yaml overlays/prod/namespace.yaml "
            "overlays/prod/secrets.env.example"
        ).split()
    ),
    "redis": (_K8S + "base/redis.yaml",),
    "worker": (
        "{slug}/celery.py",
        "pages/tasks.py",
        "docker/celery_healthcheck.py",
        _K8S + "base/worker.yaml",
    ),
}


def feature_key(ident: str) -> str:
    """A feature's answer: ``use_<id>`` (``pre-commit`` -> ``use_pre_commit``)."""
    return "use_" + ident.replace("-", "_")


def feature_files_to_remove(context: Mapping[str, Any]) -> list[str]:
    """The owned files of every feature that ``context`` turns off."""
    slug = str(context.get("project_slug", ""))
    remove: list[str] = []
    for ident, paths in OWNED_FILES.items():
        if not context.get(feature_key(ident)):
            remove += [p.replace("{slug}", slug) for p in paths if p.replace("{slug}", slug) not in remove]
    return remove


# --- newproj/answers/features.py ----------------------------------------------------------------
"""The features a project can contain: what each one is, what it needs, and which files it owns.

Standard library only: :mod:`newproj.maintainer.hookgen` copies this file into the pre hook, whose
rules refuse a worker without Redis, so plain cookiecutter and cruft refuse as newproj does.

A feature is one boolean answer (``use_<id>``, a ``cookiecutter.json`` key). Lines that a feature
adds to shared files are ``{%- if cookiecutter.use_<id> %}`` blocks in the template; the files it
owns (:mod:`newproj.answers.owned`, all the post hook needs) are removed after rendering when it is off.
"""


#: The groups, in the order the checkbox shows them.
GROUPS = {
    "team": {"en": "Team tooling", "ko": "팀 도구"},
    "deploy": {"en": "Deployment", "ko": "배포"},
    "services": {"en": "Services", "ko": "서비스"},
}


@dataclass(frozen=True)
class Feature:
    """One thing a project may contain, chosen at ``init`` and added or removed by ``update``."""

    id: str
    group: str
    label: dict[str, str]
    description: dict[str, str]
    default: bool
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Its answer: the ``cookiecutter.json`` key and the model field (``use_pre_commit``)."""
        return feature_key(self.id)

    @property
    def files(self) -> tuple[str, ...]:
        """The files it owns (``{slug}``: the package folder), removed when it is off."""
        return OWNED_FILES[self.id]


FEATURES: tuple[Feature, ...] = (
    Feature(
        "ci",
        "team",
        {"en": "CI workflow", "ko": "CI 워크플로"},
        {
            "en": "GitHub Actions: build the image, run the tests, check --deploy",
            "ko": "GitHub Actions: 이미지 빌드, 테스트, check --deploy",
        },
        True,
    ),
    Feature(
        "dependabot",
        "team",
        {"en": "Dependabot", "ko": "Dependabot"},
        {
            "en": "weekly pull requests that update the lock, the images and the actions",
            "ko": "잠금 파일, 이미지, 액션을 올리는 주간 풀 리퀘스트",
        },
        True,
    ),
    Feature(
        "pre-commit",
        "team",
        {"en": "pre-commit", "ko": "pre-commit"},
        {
            "en": "checks before each commit (ruff, hadolint, the lock) and shared editor settings",
            "ko": "커밋 전 검사 (ruff, hadolint, 잠금 파일)와 공통 편집기 설정",
        },
        True,
    ),
    Feature(
        "devcontainer",
        "team",
        {"en": "Dev container", "ko": "개발 컨테이너"},
        {
            "en": "open the web container in VS Code Dev Containers or Codespaces",
            "ko": "VS Code Dev Containers 나 Codespaces 에서 web 컨테이너로 열기",
        },
        True,
    ),
    Feature(
        "swarm",
        "deploy",
        {"en": "Docker Swarm stack", "ko": "Docker Swarm 스택"},
        {
            "en": "a stack file in deploy/swarm/: replicas, rolling updates, secrets",
            "ko": "deploy/swarm/ 의 스택 파일: 복제본, 롤링 업데이트, 시크릿",
        },
        False,
    ),
    Feature(
        "k8s",
        "deploy",
        {"en": "Kubernetes manifests", "ko": "Kubernetes 매니페스트"},
        {
            "en": "deploy/k8s/: Kustomize base with dev and prod overlays",
            "ko": "deploy/k8s/: Kustomize base 와 dev, prod overlay",
        },
        False,
    ),
    Feature(
        "redis",
        "services",
        {"en": "Redis cache", "ko": "Redis 캐시"},
        {
            "en": "a redis container and Django's built-in Redis cache backend",
            "ko": "redis 컨테이너와 Django 내장 Redis 캐시 백엔드",
        },
        False,
    ),
    Feature(
        "worker",
        "services",
        {"en": "Celery worker", "ko": "Celery 워커"},
        {
            "en": "worker and beat containers (Celery, Redis as broker) and a sample task",
            "ko": "worker 와 beat 컨테이너 (Celery, 브로커는 Redis)와 예제 작업",
        },
        False,
        requires=("redis",),
    ),
)
#: What a project recorded before features existed holds: every file of the team and deployment features.
BEFORE_FEATURES = {feature.key: feature.group != "services" for feature in FEATURES}
FEATURES_BY_ID = {feature.id: feature for feature in FEATURES}
FEATURE_KEYS = tuple(feature.key for feature in FEATURES)
FEATURES_BY_KEY = {feature.key: feature for feature in FEATURES}


def with_requirements(ids: set[str]) -> set[str]:
    """``ids`` and everything they require, transitively (``--with worker`` brings Redis)."""
    wanted = set(ids)
    while True:
        more = {needed for ident in wanted for needed in FEATURES_BY_ID[ident].requires} - wanted
        if not more:
            return wanted
        wanted |= more


def selected(context: Mapping[str, Any]) -> tuple[str, ...]:
    """The ids of the features ``context`` turns on, in catalogue order."""
    return tuple(feature.id for feature in FEATURES if context.get(feature.key))


def owned_files(ident: str, context: Mapping[str, Any]) -> tuple[str, ...]:
    """The files feature ``ident`` owns in a project of ``context`` (its package folder named)."""
    slug = str(context.get("project_slug", ""))
    return tuple(path.replace("{slug}", slug) for path in OWNED_FILES[ident])


# --- newproj/answers/rules.py -------------------------------------------------------------------
"""The rules of each answer: the offered choices, the derived defaults and one validator per field.

Standard library only: :mod:`newproj.maintainer.hookgen` copies this file into the template's hooks,
which run under whatever interpreter runs cookiecutter or cruft.
"""


TEMPLATE_VERSION = "10"

LANGUAGES = ("en", "ko")
PYTHON_VERSIONS = ("3.13", "3.12", "3.14", "3.15", "3.11", "3.10")
#: The Django releases offered, newest first: the first is plain cookiecutter's default, and the
#: default for the default Python (see :func:`default_django_version`).
DJANGO_VERSIONS = ("6.1", "5.2")
#: The long-term support release among them (the help and the prompt say which it is).
DJANGO_LTS = "5.2"
#: Python versions each Django release supports, from Django's own release notes and
#: "What Python version can I use with Django?" FAQ.
DJANGO_PYTHON = {
    "5.2": ("3.10", "3.11", "3.12", "3.13", "3.14"),
    "6.1": ("3.12", "3.13", "3.14", "3.15"),
}
DATABASES = ("postgresql", "sqlite", "mysql", "mariadb")
#: Server versions (the major of the official image) offered for each database; first is default.
DATABASE_VERSIONS = {
    "postgresql": ("17", "18", "16"),
    "mysql": ("8.4",),
    "mariadb": ("11.8", "11.4", "10.11"),
    "sqlite": ("",),
}
SERVER_DATABASES = ("postgresql", "mysql", "mariadb")
#: Files of the tz folder that ``zoneinfo.available_timezones()`` leaves out (see validate_time_zone).
NOT_ZONES = re.compile(r"(posix|right)/.*|posixrules|localtime")

#: MySQL user names stop at 32 characters; the slug names the database user.
SLUG_MAX = 30
TEXT_MAX = 200
#: Names a project package must not take: Django's own and the starter apps' (pages, accounts).
#: Names Django or the starter project uses: Django itself and its test runner's folders, the
#: starter apps, and the project's own top-level folders (``docker``, ``deploy``), beside which the
#: package folder is made.
RESERVED_SLUGS = frozenset(
    {"django", "test", "tests", "pages", "accounts", "config", "site", "manage", "app", "docker", "deploy"}
)
#: The standard library's top-level modules in every Python offered (3.10 to 3.15; from each
#: release's ``sys.stdlib_module_names``, private names left out): a project package of that name
#: would shadow one. A fixed list, not the running interpreter's, so that the same answers pass
#: on every machine; a test checks that the running Python's names are all here.
STDLIB_MODULES = frozenset(
    """
    abc aifc annotationlib antigravity argparse array ast asynchat asyncio asyncore atexit
    audioop base64 bdb binascii binhex bisect builtins bz2 cProfile calendar cgi cgitb chunk
    cmath cmd code codecs codeop collections colorsys compileall compression concurrent
    configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses
    datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno
    faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath
    getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib
    imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale
    logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt
    multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os
    ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix
    posixpath pprint profile profiling pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat
    queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select
    selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd
    sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct
    subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios
    textwrap this threading time timeit tkinter token tokenize tomllib trace traceback
    tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv
    warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile
    zipimport zlib zoneinfo
    """.split()
)
#: Soft keywords of every Python offered (``type`` became one in 3.12).
SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})
#: The top-level modules of the generated project's own dependencies, every database and version
#: (the template's locks, ``templates/locks/*.txt``, and ``requirements.in``): a package of that
#: name would shadow one the project imports. A test derives this set from the locks, so it follows
#: them. What is installed where newproj runs plays no part: the same answers pass on every machine.
PROJECT_MODULES = frozenset(
    {
        "amqp",
        "asgiref",
        "async_timeout",
        "billiard",
        "celery",
        "click",
        "click_didyoumean",
        "click_plugins",
        "click_repl",
        "dj_database_url",
        "django",
        "exceptiongroup",
        "gunicorn",
        "kombu",
        "mysqldb",
        "packaging",
        "prompt_toolkit",
        "psycopg",
        "psycopg_binary",
        "python_dateutil",
        "redis",
        "six",
        "sqlparse",
        "typing_extensions",
        "tzlocal",
        "uv",
        "vine",
        "wcwidth",
        "whitenoise",
    }
)


class AnswerError(ValueError):
    """A value that the model refuses; ``message(lang)`` says what is wrong and how to fix it."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        self.field = field
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def text(self, lang: str = "en") -> str:
        """What is wrong and how to fix it, in ``lang`` (``en`` or ``ko``), without the field name."""
        lang = lang if lang in LANGUAGES else "en"
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = KINDS[params["kind"]][lang]
        return MODEL_MESSAGES[self.code][lang].format(**params)

    def message(self, lang: str = "en", label: str | None = None) -> str:
        """The one-line message, led by ``label`` (a flag, a file key) or else the field name."""
        return f"{label or self.field}: {self.text(lang)}"


# --- derived defaults -------------------------------------------------------------------


def slugify(name: str) -> str:
    """The package name derived from a project name ("My Blog!" -> "my_blog").

    Uses python-slugify (a cookiecutter dependency) when present, exactly as the
    ``cookiecutter.json`` default does, so both paths derive the same slug.
    """
    try:
        from slugify import slugify as _slugify
    except ImportError:  # plain stdlib fallback: the hook never derives a slug
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    return _slugify(name, separator="_")


def default_time_zone(language: str) -> str:
    """Korean projects default to Seoul time, the rest to UTC."""
    return "Asia/Seoul" if language == "ko" else "UTC"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def django_preference(python_version: str) -> tuple[str, ...]:
    """The Django releases in the order a default takes them for ``python_version``: those that
    support it, newest first, then the rest."""
    supporting = sorted((d for d in DJANGO_VERSIONS if python_version in DJANGO_PYTHON[d]), key=_version_key)
    return (*reversed(supporting), *(d for d in DJANGO_VERSIONS if d not in supporting))


def default_django_version(python_version: str) -> str:
    """The default Django: the newest that supports ``python_version``, as ``pip install django``
    would pick on that Python, so a default is never refused next to a valid Python."""
    return django_preference(python_version)[0]


def default_database_version(database: str) -> str:
    """The pinned server major offered first for ``database``."""
    return DATABASE_VERSIONS.get(database, ("",))[0]


def language_code(language: str) -> str:
    """Django's LANGUAGE_CODE for the project language."""
    return {"ko": "ko-kr"}.get(language, "en-us")


# --- one validator per field ------------------------------------------------------------


def _kind(value: Any) -> str:
    """What sort of value a file gave, when it is not text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return "list" if isinstance(value, (list, tuple)) else "mapping" if isinstance(value, dict) else "other"


def _shown(value: Any) -> str:
    """``value`` as the file wrote it (JSON spelling), shortened to one readable piece."""
    try:
        shown = json.dumps(value, ensure_ascii=False, default=repr)
    except ValueError:  # an integer too long to print
        shown = "<a number of more than 4300 digits>"
    return _short(shown)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _require_text(field: str, value: Any) -> str:
    """Refuse anything but text: ``yes``, ``010`` or a list in a file is not silently turned into text."""
    if not isinstance(value, str):
        raise AnswerError(field, "not_text", value=_shown(value), kind=_kind(value))
    return value


def _text(field: str, value: Any, required: bool = True) -> str:
    text = _require_text(field, value).strip()
    if required and not text:
        raise AnswerError(field, "required")
    if len(text) > TEXT_MAX:
        raise AnswerError(field, "too_long", value=text[:20] + "…", limit=TEXT_MAX)
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise AnswerError(field, "control", value=text)
    return text


def display_order(choices: tuple[str, ...]) -> tuple[str, ...]:
    """Choices as people read them: version numbers ascending, other words as given."""
    if all(re.fullmatch(r"[0-9]+(\.[0-9]+)*", c) for c in choices):
        return tuple(sorted(choices, key=_version_key))
    return choices


def _choice(field: str, value: Any, choices: tuple[str, ...]) -> str:
    text = _require_text(field, value).strip().lower()
    if text not in choices:
        raise AnswerError(field, "choice", value=str(value), choices=", ".join(display_order(choices)))
    return text


def _slug_problem(slug: str) -> str | None:
    """The message code of the first rule ``slug`` breaks, or None when it is acceptable."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", slug):
        return "slug_format"
    if len(slug) > SLUG_MAX:
        return "slug_length"
    if keyword.iskeyword(slug) or slug in SOFT_KEYWORDS:
        return "slug_keyword"
    if slug in RESERVED_SLUGS:
        return "slug_reserved"
    if slug in STDLIB_MODULES:
        return "slug_shadows_stdlib"
    if slug in PROJECT_MODULES:
        return "slug_shadows_dependency"
    return None


def _suggest(value: str) -> str:
    """An acceptable name close to ``value``: its slug form, else that prefixed with ``my_``."""
    slug = re.sub(r"[^a-z0-9_]+", "_", slugify(value).lower()).strip("_")[:SLUG_MAX].rstrip("_")
    if slug and _slug_problem(slug) is None:
        return slug
    prefixed = f"my_{slug}"[:SLUG_MAX].rstrip("_") if slug else "my_project"
    return prefixed if _slug_problem(prefixed) is None else "my_project"


def default_slug(name: str) -> str:
    """The package name ``name`` gives when none is chosen: its slug form cut to :data:`SLUG_MAX`
    characters, exactly as ``cookiecutter.json``'s ``slugify(separator='_', max_length=30)``, so that
    plain cookiecutter accepts and refuses the same names. (A name that gives no acceptable package
    name, such as ``123``, is refused with a suggestion.)"""
    return slugify(name)[:SLUG_MAX].strip("_")


def validate_project_name(value: Any) -> str:
    """A human name for the project: printable, non-empty."""
    return _text("project_name", value)


def validate_project_slug(value: Any) -> str:
    """A lower-case identifier that is no keyword and shadows no module of the standard library or
    of the project's dependencies."""
    slug = _require_text("project_slug", value).strip()
    if not slug:
        raise AnswerError("project_slug", "required")
    problem = _slug_problem(slug)
    if problem == "slug_length":
        raise AnswerError(
            "project_slug", problem, value=slug, limit=SLUG_MAX, suggestion=_suggest(slug[:SLUG_MAX])
        )
    if problem:
        raise AnswerError("project_slug", problem, value=slug, suggestion=_suggest(slug))
    return slug


def validate_description(value: Any) -> str:
    """Free text, may be empty."""
    return _text("description", value, required=False)


def validate_author(value: Any) -> str:
    """Free text, may be empty."""
    return _text("author", value, required=False)


def validate_python_version(value: Any) -> str:
    """One of the Python versions offered."""
    return _choice("python_version", value, PYTHON_VERSIONS)


def validate_django_version(value: Any) -> str:
    """One of the Django releases offered."""
    return _choice("django_version", value, DJANGO_VERSIONS)


def validate_port(value: Any) -> int:
    """An integer from 1 to 65535, given as a number or as its digits (bools, fractions refused).

    Digits are checked before any conversion: Python refuses to convert more than 4,300 digits.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 65535:
            raise AnswerError("port", "port_range", value=_shown(value))
        return value
    if not isinstance(value, str):
        raise AnswerError("port", "port_type", value=_shown(value))
    text = value.strip()
    if not re.fullmatch(r"-?[0-9]+", text):
        raise AnswerError("port", "port_type", value=_short(text))
    digits = text.lstrip("-").lstrip("0")
    if text.startswith("-") or len(digits) > 5 or not 1 <= int(digits or "0") <= 65535:
        raise AnswerError("port", "port_range", value=_short(text))
    return int(digits)


def validate_database(value: Any) -> str:
    """One of the databases Django supports that the template wires end to end."""
    return _choice("database", value, DATABASES)


def validate_database_version(value: Any, database: str) -> str:
    """A server version offered for ``database``; SQLite has none, so only "" (no answer) fits it."""
    text = _require_text("database_version", value).strip()
    choices = DATABASE_VERSIONS[database]
    if database not in SERVER_DATABASES and text:
        raise AnswerError("database_version", "not_applicable", value=text, database=database)
    if text not in choices:
        raise AnswerError(
            "database_version",
            "db_version",
            value=text,
            database=database,
            choices=", ".join(display_order(choices)) or "''",
        )
    return text


def validate_language(value: Any) -> str:
    """``en`` or ``ko``."""
    return _choice("language", value, LANGUAGES)


def validate_time_zone(value: Any) -> str:
    """A time zone of the IANA database, as ``zoneinfo.available_timezones()`` lists them.

    The tz folder also holds names that are no zone of the database: ``posixrules`` and the
    ``posix/`` and ``right/`` copies (``right/`` counts leap seconds, so clocks would be off by about
    half a minute; neither is shipped by the ``tzdata`` package a slim image may rely on). They are
    refused by name rather than by listing every zone, which costs a directory walk on each run.
    ``localtime`` is refused too, though some systems list it: it names this host's zone, which the
    container does not share.
    """
    text = _require_text("time_zone", value).strip()
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", text) or NOT_ZONES.fullmatch(text):
        raise AnswerError("time_zone", "time_zone", value=text)
    try:
        import zoneinfo
    except ImportError:  # pragma: no cover - Python without zoneinfo
        return text
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as err:
        # Without any tz database (Windows with no tzdata) nothing can be checked: accept.
        if zoneinfo.available_timezones():
            raise AnswerError("time_zone", "time_zone", value=text) from err
    return text


def check_python_django(python_version: str, django_version: str) -> None:
    """Refuse a Python/Django pair that Django does not support, naming the supported range."""
    supported = DJANGO_PYTHON[django_version]
    if python_version not in supported:
        low, high = supported[0], supported[-1]
        raise AnswerError(
            "python_version",
            "python_django",
            django=django_version,
            python=python_version,
            low=low,
            high=high,
        )


# --- features --------------------------------------------------------------------------


def validate_feature(field: str, value: Any) -> bool:
    """A feature's answer: a real yes/no value (``true``/``false``), never text."""
    if isinstance(value, bool):
        return value
    kind = "text" if isinstance(value, str) else _kind(value)
    raise AnswerError(field, "feature_bool", value=_shown(value), kind=kind)


def check_features(chosen: Mapping[str, Any], given_only: bool = False) -> None:
    """Refuse a feature whose requirement is off or whose exclusion is on (by ``use_*`` key).

    ``given_only``: judge only the pairs whose both answers are in ``chosen`` (the rest may still
    be asked), so a refused pair of given answers is reported before any question.
    """
    for feature in FEATURES:
        if not chosen.get(feature.key):
            continue
        for needed in feature.requires:
            needed_key = FEATURES_BY_ID[needed].key
            if given_only and needed_key not in chosen:
                continue
            if not chosen.get(needed_key):
                raise AnswerError(
                    feature.key, "feature_requires", feature=feature.id, needed=needed, key=needed_key
                )
        for excluded in feature.excludes:
            if chosen.get(FEATURES_BY_ID[excluded].key):
                raise AnswerError(feature.key, "feature_excludes", feature=feature.id, other=excluded)


# --- newproj/answers/fields.py ------------------------------------------------------------------
"""The answers model: every field, how it is asked and defaulted, and the one pass that builds
:class:`Answers`. Standard library only (see :mod:`newproj.maintainer.hookgen`, which copies it into the hooks).

The rules of each value live in :mod:`newproj.answers.rules`, their messages in :mod:`newproj.answers.messages`.
"""


# --- the model --------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """How one answer is asked, defaulted and validated."""

    name: str
    label: dict[str, str]
    flag: str
    default: Callable[[dict[str, Any]], Any]
    validate: Callable[..., Any]
    choices: Callable[[dict[str, Any]], tuple[str, ...]] | None = None
    help: dict[str, str] = dataclasses.field(default_factory=dict)
    #: ``cookiecutter.json`` expression of the default (Jinja, in terms of earlier answers).
    cookiecutter_default: Any = None
    asked: Callable[[dict[str, Any]], bool] = lambda _answers: True


def _fixed(value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda _answers: value


FIELDS: tuple[Field, ...] = (
    Field(
        "project_name",
        {"en": "Project name", "ko": "프로젝트 이름"},
        "--name",
        _fixed("My Django Project"),
        validate_project_name,
        cookiecutter_default="My Django Project",
    ),
    Field(
        "project_slug",
        {"en": "Python package name", "ko": "파이썬 패키지 이름"},
        "--slug",
        lambda a: default_slug(a.get("project_name", "")),
        validate_project_slug,
        help={
            "en": "lower-case identifier used for the settings package",
            "ko": "설정 패키지에 쓰는 소문자 이름",
        },
        cookiecutter_default=f"{{{{ cookiecutter.project_name|slugify(separator='_', max_length={SLUG_MAX}) }}}}",
    ),
    Field(
        "description",
        {"en": "Short description", "ko": "짧은 설명"},
        "--description",
        _fixed("A Django project generated by newproj"),
        validate_description,
        cookiecutter_default="A Django project generated by newproj",
    ),
    Field(
        "author",
        {"en": "Author", "ko": "작성자"},
        "--author",
        _fixed(""),
        validate_author,
        cookiecutter_default="",
    ),
    Field(
        "python_version",
        {"en": "Python version", "ko": "파이썬 버전"},
        "--python",
        _fixed(PYTHON_VERSIONS[0]),
        validate_python_version,
        choices=lambda _a: PYTHON_VERSIONS,
        cookiecutter_default=list(PYTHON_VERSIONS),
    ),
    Field(
        "django_version",
        {"en": "Django version", "ko": "Django 버전"},
        "--django",
        lambda a: default_django_version(a.get("python_version", PYTHON_VERSIONS[0])),
        validate_django_version,
        choices=lambda _a: DJANGO_VERSIONS,
        help={"en": f"{DJANGO_LTS} is the long-term support release", "ko": f"{DJANGO_LTS}는 장기 지원(LTS) 버전입니다"},
        # cookiecutter's default is its list's first entry, fixed: it checks given values against the
        # list as written, so a list rendered per Python would refuse ``django_version=6.1``.
        cookiecutter_default=list(DJANGO_VERSIONS),
    ),
    Field(
        "port", {"en": "Port", "ko": "포트"}, "--port", _fixed(8000), validate_port, cookiecutter_default=8000
    ),
    Field(
        "database",
        {"en": "Database", "ko": "데이터베이스"},
        "--database",
        _fixed(DATABASES[0]),
        validate_database,
        choices=lambda _a: DATABASES,
        cookiecutter_default=list(DATABASES),
    ),
    Field(
        "database_version",
        {"en": "Database server version", "ko": "데이터베이스 서버 버전"},
        "--database-version",
        lambda a: default_database_version(a.get("database", DATABASES[0])),
        lambda value, answers=None: validate_database_version(
            value, (answers or {}).get("database", DATABASES[0])
        ),
        choices=lambda a: DATABASE_VERSIONS[a.get("database", DATABASES[0])],
        cookiecutter_default="{{ "
        + json.dumps({k: v[0] for k, v in DATABASE_VERSIONS.items()}, separators=(", ", ": "))
        + "[cookiecutter.database] }}",
        asked=lambda a: a.get("database", DATABASES[0]) in SERVER_DATABASES,
    ),
    Field(
        "language",
        {"en": "Project language", "ko": "프로젝트 언어"},
        "--project-language",
        _fixed(LANGUAGES[0]),
        validate_language,
        choices=lambda _a: LANGUAGES,
        help={
            "en": "language of the README, comments and LANGUAGE_CODE",
            "ko": "README, 주석, LANGUAGE_CODE의 언어",
        },
        cookiecutter_default=list(LANGUAGES),
    ),
    Field(
        "time_zone",
        {"en": "Time zone", "ko": "시간대"},
        "--time-zone",
        lambda a: default_time_zone(a.get("language", LANGUAGES[0])),
        validate_time_zone,
        cookiecutter_default="{{ 'Asia/Seoul' if cookiecutter.language == 'ko' else 'UTC' }}",
    ),
)


def _feature_field(feature: Any) -> Field:
    """A feature as an answer: a yes/no field, asked in one checkbox with the other features."""
    return Field(
        feature.key,
        feature.label,
        "--with",
        _fixed(feature.default),
        lambda value, _key=feature.key: validate_feature(_key, value),
        help=feature.description,
        cookiecutter_default=feature.default,
    )


#: Every feature, after the questions above (one ``use_<id>`` boolean each).
FIELDS += tuple(_feature_field(feature) for feature in FEATURES)
FIELD_NAMES = tuple(f.name for f in FIELDS)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}


@dataclass(frozen=True)
class Answers:
    """A complete, validated set of answers. Build it with :func:`build_answers`."""

    project_name: str
    project_slug: str
    description: str
    author: str
    python_version: str
    django_version: str
    port: int
    database: str
    database_version: str
    language: str
    time_zone: str
    #: The features (:mod:`newproj.answers.features`), defaulted as the model defaults them.
    use_ci: bool = True
    use_dependabot: bool = True
    use_pre_commit: bool = True
    use_devcontainer: bool = True
    use_swarm: bool = False
    use_k8s: bool = False
    use_redis: bool = False
    use_worker: bool = False

    def to_context(self) -> dict[str, Any]:
        """The values as ``cookiecutter.json`` keys (port as an int)."""
        return dataclasses.asdict(self)

    @property
    def language_code(self) -> str:
        return language_code(self.language)

    @property
    def server_database(self) -> bool:
        return self.database in SERVER_DATABASES

    @property
    def features(self) -> tuple[str, ...]:
        """The ids of the features it turns on, in catalogue order."""
        return selected(self.to_context())


def validate_field(name: str, value: Any, answers: Mapping[str, Any] | None = None) -> Any:
    """Validate one answer, given the answers before it; raise :class:`AnswerError`."""
    if name not in FIELDS_BY_NAME:
        raise AnswerError(name, "unknown_field", fields=", ".join(FIELD_NAMES))
    validator = FIELDS_BY_NAME[name].validate
    if name == "database_version":
        return validator(value, dict(answers or {}))
    return validator(value)


def default_for(name: str, answers: Mapping[str, Any]) -> Any:
    """The default of ``name`` given the answers before it."""
    return FIELDS_BY_NAME[name].default(dict(answers))


#: ``ask(field, default, settled)``: the value of a missing answer (a prompt, or a recorder of what is missing).
Ask = Callable[[Field, Any, dict[str, Any]], Any]


def _check_given(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the given values that can be judged alone, so a bad one is refused before anything is asked.

    A server version waits for its database unless that is given too; the Python/Django pair is
    checked when both are given.
    """
    checked: dict[str, Any] = {}
    for field in FIELDS:
        if field.name in values and (field.name != "database_version" or "database" in checked):
            checked[field.name] = validate_field(field.name, values[field.name], checked)
    if "python_version" in checked and "django_version" in checked:
        check_python_django(checked["python_version"], checked["django_version"])
    check_features(checked, given_only=True)
    return checked


def build_answers(
    values: Mapping[str, Any], defaults: Mapping[str, Any] | None = None, ask: Ask | None = None
) -> Answers:
    """The one pass from given values to :class:`Answers`, used by every path (flags, file, prompts, hook).

    Fields are settled in model order, so derived defaults (slug, database version, time zone)
    follow the answers before them. A given value is validated as it is: ``None`` or ``True`` are
    refused, not taken for "no answer", and a server version given for SQLite is refused. A missing
    answer that applies is asked with ``ask`` when given, else takes its default (``defaults``
    override the model's). Each value is validated once; raises the first :class:`AnswerError`.
    """
    for name in values:
        if name not in FIELDS_BY_NAME:
            raise AnswerError(name, "unknown_field", fields=", ".join(FIELD_NAMES))
    settled = _check_given(values)
    for field in FIELDS:
        if field.name in settled:
            continue
        if field.name in values:
            raw = values[field.name]
        else:
            default = (defaults or {}).get(field.name, field.default(settled))
            raw = ask(field, default, settled) if ask and field.asked(settled) else default
        settled[field.name] = validate_field(field.name, raw, settled)
        if field.name in ("python_version", "django_version") and {"python_version", "django_version"} <= set(
            settled
        ):
            check_python_django(settled["python_version"], settled["django_version"])
    check_features(settled)
    return Answers(**{field.name: settled[field.name] for field in FIELDS})


def warnings_for(answers: Answers) -> list[AnswerError]:
    """Accepted answers that still deserve a word (a privileged port)."""
    if answers.port < 1024:
        return [AnswerError("port", "port_privileged", value=answers.port)]
    return []


# --- newproj/answers/prune.py -------------------------------------------------------------------
"""After rendering: remove the files the answers do not use.

Standard library only: the template's post-generation hook is this file (see
:mod:`newproj.maintainer.hookgen`), and newproj runs the same functions after its own renders.
"""


#: The app of the custom user model, which a project generated before it never gets.
ACCOUNTS_FILES = (
    "__init__.py",
    "admin.py",
    "apps.py",
    "models.py",
    "tests.py",
    "migrations/__init__.py",
    "migrations/0001_initial.py",
)


def files_to_remove(context: Mapping[str, Any]) -> list[str]:
    """Paths, relative to the generated project, that the chosen answers do not use: the files of each
    feature that is off, and what the database does not use."""
    remove: list[str] = feature_files_to_remove(context)
    if context["database"] not in ("mysql", "mariadb"):
        remove.append("docker/db/mysql-init.sql")
    if context["database"] == "sqlite":  # one replica, migrated by an initContainer on its volume
        remove += ["deploy/k8s/base/migrate-job.yaml", "deploy/k8s/overlays/dev/db.yaml"]
    else:
        remove.append("deploy/k8s/base/data-pvc.yaml")
    if context.get("__user_model", "accounts.User") != "accounts.User":  # a project from before it
        remove += [f"accounts/{name}" for name in ACCOUNTS_FILES]
    return remove


def remove_file(project_dir: str, relative: str) -> None:
    """Remove ``relative`` (when it is a file), then the folders it leaves empty, up to ``project_dir``."""
    path = os.path.join(project_dir, relative)
    if os.path.isfile(path):
        os.remove(path)
    parent = os.path.dirname(path)
    while parent != project_dir and os.path.isdir(parent) and not os.listdir(parent):
        os.rmdir(parent)
        parent = os.path.dirname(parent)


def prune(project_dir: str, paths: Iterable[str]) -> None:
    """Remove ``paths`` (what :func:`files_to_remove` names), the folders they leave empty, and ``__pycache__``.

    Byte-code folders come from pip compiling the template's ``.py`` files when it installs the
    wheel; cookiecutter would copy them along.
    """
    for folder, subfolders, _files in os.walk(project_dir):
        if "__pycache__" in subfolders:
            shutil.rmtree(os.path.join(folder, "__pycache__"))
            subfolders.remove("__pycache__")
    for relative in paths:
        remove_file(project_dir, relative)


# {% endraw %}
CONTEXT = json.loads({{cookiecutter | jsonify | tojson}})  # noqa: F821  (Jinja, rendered by the runner)

try:
    build_answers({name: CONTEXT[name] for name in FIELD_NAMES if name in CONTEXT})
except AnswerError as error:
    language = CONTEXT.get("language")
    print(f"error: {error.message(language if language in LANGUAGES else 'en')}", file=sys.stderr)
    sys.exit(1)
