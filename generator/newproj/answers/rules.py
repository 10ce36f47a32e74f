"""The rules of each answer: the offered choices, the derived defaults and one validator per field.

Standard library only: :mod:`newproj.maintainer.hookgen` copies this file into the template's hooks,
which run under whatever interpreter runs cookiecutter or cruft.
"""

from __future__ import annotations

import json
import keyword
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from newproj.answers.features import FEATURES, FEATURES_BY_ID
from newproj.answers.messages import KINDS, MODEL_MESSAGES

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
