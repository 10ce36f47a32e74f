"""The answers model: every rule, with the exact message a user sees.

The model is a plain module of the package (``newproj.model``, ``newproj.rules``); the template's
hooks are generated from it (``python -m newproj.hookgen``). The last tests prove that the generated
``pre_gen_project`` hook, run by cookiecutter's own machinery, refuses the same inputs with the same
message, and that the generated files are not stale.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.generate import generate_context
from cookiecutter.hooks import run_script_with_context
from cookiecutter.prompt import prompt_for_config
from cookiecutter.utils import create_env_with_context
from newproj.answers import AnswerError, Answers, build_answers, fields, rules, validate_field, warnings_for
from newproj.maintainer import hookgen
from newproj.render.templates import django_template

TEMPLATE = django_template()
FIELD_ORDER = [
    "project_name",
    "project_slug",
    "description",
    "author",
    "python_version",
    "django_version",
    "port",
    "database",
    "database_version",
    "language",
    "time_zone",
    "use_ci",
    "use_dependabot",
    "use_pre_commit",
    "use_devcontainer",
    "use_swarm",
    "use_k8s",
    "use_redis",
    "use_worker",
]


def refusal(values: dict[str, Any]) -> AnswerError:
    """The error ``build_answers`` raises for ``values`` (fails the test if it accepts them)."""
    with pytest.raises(AnswerError) as info:
        build_answers(values)
    return info.value


def field_refusal(name: str, value: Any, answers: dict[str, Any] | None = None) -> AnswerError:
    with pytest.raises(AnswerError) as info:
        validate_field(name, value, answers)
    return info.value


# --- port -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "port: 0 is out of range; use a port from 1 to 65535, e.g. 8000"),
        (0, "port: 0 is out of range; use a port from 1 to 65535, e.g. 8000"),
        ("70000", "port: 70000 is out of range; use a port from 1 to 65535, e.g. 8000"),
        (65536, "port: 65536 is out of range; use a port from 1 to 65535, e.g. 8000"),
        ("abc", "port: 'abc' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
        ("-1", "port: -1 is out of range; use a port from 1 to 65535, e.g. 8000"),
        (-1, "port: -1 is out of range; use a port from 1 to 65535, e.g. 8000"),
        ("8.5", "port: '8.5' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
        (8.5, "port: '8.5' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
        (True, "port: 'true' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
        (False, "port: 'false' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
        ("", "port: '' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
    ],
    ids=repr,
)
def test_port_refused(value: Any, message: str) -> None:
    error = field_refusal("port", value)
    assert (error.field, error.message()) == ("port", message)
    assert str(error) == message
    assert refusal({"port": value}).message() == message


@pytest.mark.parametrize(
    ("value", "port"), [(1, 1), ("8000", 8000), (" 8123 ", 8123), (65535, 65535), (1024, 1024)]
)
def test_port_accepted_without_warning(value: Any, port: int) -> None:
    answers = build_answers({"port": value})
    assert answers.port == port
    assert isinstance(answers.port, int)
    assert (warnings_for(answers) == []) is (port >= 1024)


def test_privileged_port_is_accepted_with_a_warning() -> None:
    answers = build_answers({"port": "80"})
    assert answers.port == 80
    [warning] = warnings_for(answers)
    assert warning.field == "port"
    assert warning.message() == "port: 80 is below 1024; binding it on the host may need administrator rights"
    assert warning.message("ko") == (
        "port: 80은(는) 1024보다 작습니다. 호스트에서 이 포트를 쓰려면 관리자 권한이 필요할 수 있습니다"
    )
    assert warnings_for(build_answers({"port": 1023})) and not warnings_for(build_answers({"port": 1024}))


def test_port_messages_in_korean() -> None:
    assert field_refusal("port", "70000").message("ko") == (
        "port: 70000은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)"
    )
    assert field_refusal("port", "abc").message("ko") == (
        "port: 'abc'은(는) 정수가 아닙니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)"
    )


# --- project slug -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("class", "project_slug: 'class' is a Python keyword; choose another name, e.g. my_class"),
        ("match", "project_slug: 'match' is a Python keyword; choose another name, e.g. my_match"),
        (
            "_",
            "project_slug: '_' is not a valid package name; use lower-case letters, digits and _ "
            "starting with a letter, e.g. my_project",
        ),
        (
            "json",
            "project_slug: 'json' would shadow the standard library module json; "
            "choose another name, e.g. my_json",
        ),
        (
            "email",
            "project_slug: 'email' would shadow the standard library module email; "
            "choose another name, e.g. my_email",
        ),
        (
            "django",
            "project_slug: 'django' is reserved by Django or the starter project; "
            "choose another name, e.g. my_django",
        ),
        (
            "pages",
            "project_slug: 'pages' is reserved by Django or the starter project; "
            "choose another name, e.g. my_pages",
        ),
        (
            "gunicorn",
            "project_slug: 'gunicorn' would shadow the module gunicorn of a package the project depends on; "
            "choose another name, e.g. my_gunicorn",
        ),
        (
            "psycopg",
            "project_slug: 'psycopg' would shadow the module psycopg of a package the project depends on; "
            "choose another name, e.g. my_psycopg",
        ),
        (
            "My-App",
            "project_slug: 'My-App' is not a valid package name; use lower-case letters, digits and _ "
            "starting with a letter, e.g. my_app",
        ),
        (
            "1abc",
            "project_slug: '1abc' is not a valid package name; use lower-case letters, digits and _ "
            "starting with a letter, e.g. my_1abc",
        ),
        ("a" * 31, f"project_slug: '{'a' * 31}' is longer than 30 characters; shorten it, e.g. {'a' * 30}"),
        ("", "project_slug: a value is required; type one"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_slug_refused(value: str, message: str) -> None:
    error = field_refusal("project_slug", value)
    assert (error.field, error.message()) == ("project_slug", message)
    assert refusal({"project_slug": value}).message() == message


@pytest.mark.parametrize("value", ["rich", "yaml", "jinja2", "typer", "arrow", "cookiecutter"])
def test_a_slug_is_judged_the_same_on_every_machine(value: str) -> None:
    """Modules importable where newproj runs (rich, yaml, typer are, here) play no part: the project
    does not depend on them, so another machine must accept the same answer, and this one does."""
    assert build_answers({"project_slug": value}).project_slug == value
    assert build_answers({"project_name": value.title()}).project_slug == value


def _lock_modules() -> set[str]:
    """The top-level modules of every package the template's locks and requirements.in pin."""
    import re

    import_names = {"mysqlclient": "mysqldb", "psycopg-binary": "psycopg_binary"}  # where they differ
    locks = TEMPLATE / "templates" / "locks"
    requirements_in = TEMPLATE / "{{cookiecutter.project_slug}}" / "requirements.in"
    texts = [p.read_text(encoding="utf-8") for p in sorted(locks.glob("*.txt"))]
    texts.append(requirements_in.read_text(encoding="utf-8"))
    names = set()
    for text in texts:
        for line in text.splitlines():
            match = re.match(r"([A-Za-z][A-Za-z0-9._-]*)\s*(\[|==|>=|<|;|$)", line)
            if match and not line.startswith(("{", "#")):
                name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
                names.add(import_names.get(name, name.replace("-", "_")))
    return names


def test_the_refused_dependency_names_are_the_locks_own() -> None:
    """``rules.PROJECT_MODULES`` follows the template's locks: a package added to them is refused as a
    package name, one dropped from them is allowed again."""
    assert _lock_modules() == set(rules.PROJECT_MODULES)
    assert not rules.PROJECT_MODULES & sys.stdlib_module_names


@pytest.mark.parametrize("value", sorted(rules.PROJECT_MODULES | {"json", "email", "typing"}))
def test_every_dependency_and_standard_module_is_refused(value: str) -> None:
    with pytest.raises(AnswerError):
        build_answers({"project_slug": value})


def test_the_standard_library_list_holds_the_running_pythons_modules() -> None:
    assert {name for name in sys.stdlib_module_names if not name.startswith("_")} <= rules.STDLIB_MODULES


@pytest.mark.parametrize(
    "value",
    # each a standard module of some offered Python only: binhex (3.10), tomllib (3.11 on),
    # telnetlib (up to 3.12), annotationlib (3.14 on); and type, a soft keyword from 3.12 on
    ["binhex", "tomllib", "telnetlib", "annotationlib", "type"],
)
def test_which_names_are_refused_does_not_depend_on_the_python_running_newproj(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for stdlib in (frozenset(), frozenset({"blog"})):
        monkeypatch.setattr(sys, "stdlib_module_names", stdlib)
        with pytest.raises(AnswerError):
            build_answers({"project_slug": value})
        assert build_answers({"project_slug": "blog"}).project_slug == "blog"


def test_no_folder_of_the_project_can_be_its_package_name(generated) -> None:
    """The package folder sits beside the project's own folders: a slug equal to one of them
    (``docker``, ``deploy``, …) would render two things into one folder."""
    features = {feature.key: True for feature in fields.FEATURES}
    project = generated(project_slug="blog", **features)
    folders = {p.name for p in project.iterdir() if p.is_dir() and p.name.isidentifier()} - {"blog"}
    assert folders >= {"docker", "deploy", "pages", "accounts"}
    for folder in sorted(folders):
        assert refusal({"project_slug": folder}).code == "slug_reserved", folder


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Library Study Room Booking System", "library_study_room_booking_sys"),
        ("A Very Long Name For A Project Indeed", "a_very_long_name_for_a_project"),
        ("My Django Project", "my_django_project"),
    ],
)
def test_the_default_slug_is_cut_to_the_longest_allowed_as_plain_cookiecutter_cuts_it(
    name: str, slug: str, tmp_path: Path
) -> None:
    assert build_answers({"project_name": name}).project_slug == slug
    assert hook_context({"project_name": name}, tmp_path)["cookiecutter"]["project_slug"] == slug


@pytest.mark.parametrize("value", ["blog", "my_shop2", "a" * 30, "x"])
def test_slug_accepted(value: str) -> None:
    assert build_answers({"project_slug": value}).project_slug == value


def test_slug_messages_in_korean() -> None:
    assert field_refusal("project_slug", "class").message("ko") == (
        "project_slug: 'class'은(는) 파이썬 예약어입니다. 다른 이름을 쓰세요 (예: my_class)"
    )
    assert field_refusal("project_slug", "django").message("ko") == (
        "project_slug: 'django'은(는) Django나 시작 프로젝트가 쓰는 이름입니다. 다른 이름을 쓰세요 (예: my_django)"
    )


@pytest.mark.parametrize("value", ["json", "gunicorn"])
def test_slug_shadow_message_is_all_korean(value: str) -> None:
    message = field_refusal("project_slug", value).message("ko")
    assert "standard library" not in message and "installed" not in message, message


# --- text fields --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("project_name", "", "project_name: a value is required; type one"),
        ("project_name", "   ", "project_name: a value is required; type one"),
        (
            "project_name",
            "a\x07b",
            "project_name: 'a\\x07b' contains control characters; use printable text only",
        ),
        (
            "project_name",
            "x" * 201,
            "project_name: 'xxxxxxxxxxxxxxxxxxxx…' is longer than 200 characters; shorten it",
        ),
        (
            "description",
            "line\nbreak",
            "description: 'line\\nbreak' contains control characters; use printable text only",
        ),
        ("author", "y" * 201, "author: 'yyyyyyyyyyyyyyyyyyyy…' is longer than 200 characters; shorten it"),
    ],
    ids=lambda v: repr(v)[:16],
)
def test_text_refused(name: str, value: str, message: str) -> None:
    assert field_refusal(name, value).message() == message


def test_description_and_author_may_be_empty() -> None:
    answers = build_answers({"description": "", "author": ""})
    assert (answers.description, answers.author) == ("", "")


def test_text_is_stripped() -> None:
    assert build_answers({"project_name": "  Shop  "}).project_name == "Shop"


# --- Python and Django ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("python", "django", "message"),
    [
        (
            "3.10",
            "6.1",
            "python_version: Django 6.1 supports Python 3.12 to 3.15, not 3.10; "
            "pick a Python in that range or another Django version",
        ),
        (
            "3.11",
            "6.1",
            "python_version: Django 6.1 supports Python 3.12 to 3.15, not 3.11; "
            "pick a Python in that range or another Django version",
        ),
        (
            "3.15",
            "5.2",
            "python_version: Django 5.2 supports Python 3.10 to 3.14, not 3.15; "
            "pick a Python in that range or another Django version",
        ),
    ],
)
def test_unsupported_python_django_pair_refused(python: str, django: str, message: str) -> None:
    assert refusal({"python_version": python, "django_version": django}).message() == message


def test_python_django_message_in_korean() -> None:
    assert refusal({"python_version": "3.10", "django_version": "6.1"}).message("ko") == (
        "python_version: Django 6.1은(는) 파이썬 3.12~3.15을(를) 지원하며 3.10은(는) 지원하지 않습니다. "
        "이 범위의 파이썬이나 다른 Django 버전을 고르세요"
    )


@pytest.mark.parametrize(
    ("python", "django"),
    [(p, d) for d, pythons in rules.DJANGO_PYTHON.items() for p in pythons],
)
def test_supported_pairs_accepted(python: str, django: str) -> None:
    answers = build_answers({"python_version": python, "django_version": django})
    assert (answers.python_version, answers.django_version) == (python, django)


def test_django_table_covers_every_offered_version() -> None:
    assert set(rules.DJANGO_PYTHON) == set(rules.DJANGO_VERSIONS)
    assert set().union(*rules.DJANGO_PYTHON.values()) == set(rules.PYTHON_VERSIONS)
    # Newest first: plain cookiecutter's default (the first entry) is then the model's default for
    # the default Python.
    assert rules.DJANGO_VERSIONS == tuple(
        sorted(rules.DJANGO_VERSIONS, key=lambda d: tuple(map(int, d.split("."))), reverse=True)
    )
    assert rules.DJANGO_VERSIONS[0] == fields.default_for("django_version", {})
    assert rules.DJANGO_LTS in rules.DJANGO_VERSIONS


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "python_version",
            "3.9",
            "python_version: '3.9' is not one of 3.10, 3.11, 3.12, 3.13, 3.14, 3.15; use one of them",
        ),
        ("django_version", "4.2", "django_version: '4.2' is not one of 5.2, 6.1; use one of them"),
        (
            "database",
            "oracle",
            "database: 'oracle' is not one of postgresql, sqlite, mysql, mariadb; use one of them",
        ),
        ("language", "fr", "language: 'fr' is not one of en, ko; use one of them"),
    ],
)
def test_choice_refused(name: str, value: str, message: str) -> None:
    assert field_refusal(name, value).message() == message
    assert refusal({name: value}).message() == message


def test_unknown_database_in_korean() -> None:
    assert field_refusal("database", "oracle").message("ko") == (
        "database: 'oracle'은(는) postgresql, sqlite, mysql, mariadb 중 하나가 아닙니다. 이 중 하나를 쓰세요"
    )


# --- database versions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("database", "version", "message"),
    [
        (
            "postgresql",
            "9",
            "database_version: '9' is not an offered postgresql version; use one of 16, 17, 18",
        ),
        ("mysql", "11.8", "database_version: '11.8' is not an offered mysql version; use one of 8.4"),
        (
            "mariadb",
            "8.4",
            "database_version: '8.4' is not an offered mariadb version; use one of 10.11, 11.4, 11.8",
        ),
    ],
)
def test_database_version_not_offered_for_the_database(database: str, version: str, message: str) -> None:
    assert refusal({"database": database, "database_version": version}).message() == message
    assert field_refusal("database_version", version, {"database": database}).message() == message


@pytest.mark.parametrize(
    ("database", "version"),
    [(db, v) for db, versions in rules.DATABASE_VERSIONS.items() for v in versions if v],
)
def test_offered_database_versions_accepted(database: str, version: str) -> None:
    assert build_answers({"database": database, "database_version": version}).database_version == version


def test_sqlite_takes_an_empty_version() -> None:
    assert build_answers({"database": "sqlite"}).database_version == ""
    assert build_answers({"database": "sqlite", "database_version": ""}).database_version == ""


NOT_APPLICABLE = (
    "database_version: '17' does not apply to sqlite, which has no server; leave database_version out"
)


def test_a_server_version_for_sqlite_is_refused_the_same_way_everywhere() -> None:
    """Given with the database, given alone, or validated as a field: one message, never dropped silently."""
    assert refusal({"database": "sqlite", "database_version": "17"}).message() == NOT_APPLICABLE
    assert field_refusal("database_version", "17", {"database": "sqlite"}).message() == NOT_APPLICABLE
    assert refusal({"database": "sqlite", "database_version": "17"}).message("ko") == (
        "database_version: '17'은(는) 서버가 없는 sqlite에는 해당하지 않습니다. database_version 을 빼세요"
    )


# --- time zone --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "Asia/Seoul; rm -rf /", "../etc", ""])
def test_time_zone_refused(value: str) -> None:
    assert field_refusal("time_zone", value).message() == (
        f"time_zone: {value!r} is not a known time zone; use an IANA name such as UTC or Asia/Seoul"
    )


@pytest.mark.parametrize("value", ["UTC", "Asia/Seoul", "Europe/Paris", "America/Argentina/Buenos_Aires"])
def test_time_zone_accepted(value: str) -> None:
    assert build_answers({"time_zone": value}).time_zone == value


# --- derived defaults -------------------------------------------------------------------


def test_defaults() -> None:
    assert build_answers({}) == Answers(
        project_name="My Django Project",
        project_slug="my_django_project",
        description="A Django project generated by newproj",
        author="",
        python_version="3.13",
        django_version="6.1",
        port=8000,
        database="postgresql",
        database_version="17",
        language="en",
        time_zone="UTC",
    )


@pytest.mark.parametrize(
    ("name", "slug"), [("My Blog!", "my_blog"), ("Café Crème", "cafe_creme"), ("  Shop 2 Go ", "shop_2_go")]
)
def test_slug_derived_from_name(name: str, slug: str) -> None:
    assert build_answers({"project_name": name}).project_slug == slug


def test_explicit_slug_wins_over_the_derived_one() -> None:
    assert build_answers({"project_name": "My Blog", "project_slug": "journal"}).project_slug == "journal"


def test_name_with_no_letters_gives_no_slug() -> None:
    assert refusal({"project_name": "!!!"}).message() == "project_slug: a value is required; type one"


@pytest.mark.parametrize(
    ("database", "version"), [("postgresql", "17"), ("mysql", "8.4"), ("mariadb", "11.8"), ("sqlite", "")]
)
def test_database_version_derived_from_database(database: str, version: str) -> None:
    assert build_answers({"database": database}).database_version == version


TZ_ODDITIES = ["posix/UTC", "right/UTC", "posixrules", "posix/Asia/Seoul", "right/Europe/Paris"]


@pytest.mark.parametrize("value", TZ_ODDITIES)
def test_time_zone_files_that_are_no_zone_names_are_refused(value: str) -> None:
    """Decision: a zone is a name of ``zoneinfo.available_timezones()``; ``right/`` zones count leap
    seconds (clocks off by ~27 s) and ``posix/``, ``posixrules`` are copies the ``tzdata`` package lacks."""
    import zoneinfo

    assert value not in zoneinfo.available_timezones()
    assert field_refusal("time_zone", value).message() == (
        f"time_zone: {value!r} is not a known time zone; use an IANA name such as UTC or Asia/Seoul"
    )


def test_localtime_is_refused_even_where_it_is_listed() -> None:
    """``localtime`` names the host's zone (some systems list it as available); a container has its own."""
    assert field_refusal("time_zone", "localtime").code == "time_zone"


def test_time_zone_accepts_exactly_the_available_zones() -> None:
    """Every name ``zoneinfo.available_timezones()`` lists is accepted, but ``localtime`` (the decision, whole)."""
    import zoneinfo

    refused = []
    for name in sorted(zoneinfo.available_timezones() - {"localtime"}):
        try:
            validate_field("time_zone", name)
        except AnswerError:
            refused.append(name)
    assert refused == []


# --- non-text values: refused, never turned into text (a file's yes, 010 or list is no answer) ---


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "true (a yes/no value)"),
        (8, "8 (a number)"),
        (None, "null (an empty value)"),
        (["a", {"b": 1}], '["a", {"b": 1}] (a list)'),
        ({"a": 1}, '{"a": 1} (a mapping)'),
        (1.5, "1.5 (a number)"),
    ],
    ids=repr,
)
@pytest.mark.parametrize(
    "name",
    [
        name
        for name in FIELD_ORDER
        if name not in ("port", "database_version") and not name.startswith("use_")
    ],
)
def test_non_text_values_are_refused_for_every_text_field(name: str, value: Any, shown: str) -> None:
    assert refusal({name: value}).message() == f"{name}: read {shown}, not text; write the value in quotes"


# --- features: real yes/no values, requirements -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("y", '"y" (text)'),
        ("true", '"true" (text)'),
        (1, "1 (a number)"),
        (None, "null (an empty value)"),
        (["worker"], '["worker"] (a list)'),
    ],
    ids=repr,
)
@pytest.mark.parametrize("name", [name for name in FIELD_ORDER if name.startswith("use_")])
def test_a_feature_takes_only_a_yes_no_value(name: str, value: Any, shown: str) -> None:
    assert (
        refusal({name: value}).message() == f"{name}: read {shown}, not a yes/no value; write true or false"
    )
    together = {name: True, "use_redis": True}  # the worker needs Redis
    assert getattr(build_answers(together), name) is True


def test_the_worker_requires_redis_with_the_same_message_on_every_path() -> None:
    error = refusal({"use_worker": True})
    english = "use_worker: the worker feature needs redis; add redis too (use_redis=y, --with redis) or leave worker out"
    assert error.message() == english
    assert error.message("ko") == (
        "use_worker: worker 기능에는 redis 이(가) 필요합니다. redis 도 고르거나 (use_redis=y, --with redis) worker 를 빼세요"
    )
    assert refusal({"use_worker": True, "use_redis": False}).message() == english
    answers = build_answers({"use_worker": True, "use_redis": True})
    assert answers.features == ("ci", "dependabot", "pre-commit", "devcontainer", "redis", "worker")


def test_feature_defaults_team_tooling_on_deployment_and_services_off() -> None:
    assert build_answers({}).features == ("ci", "dependabot", "pre-commit", "devcontainer")


def test_non_text_refusal_in_korean() -> None:
    assert refusal({"project_name": True}).message("ko") == (
        "project_name: true (예/아니오 값)을(를) 읽었습니다. 텍스트가 아닙니다. 값을 따옴표로 감싸 쓰세요"
    )


@pytest.mark.parametrize("digits", [6, 4301, 5000, 100_000])
def test_a_huge_port_is_an_answer_error_not_a_crash(digits: int) -> None:
    """Python refuses to convert more than 4,300 digits; the model never asks it to (as text or as a number)."""
    shown = "9" * 37 + "..."
    assert refusal({"port": "9" * digits}).message() == (
        f"port: {shown if digits > 40 else '9' * digits} is out of range; use a port from 1 to 65535, e.g. 8000"
    )


def test_leading_zeros_and_huge_ints_as_numbers() -> None:
    assert build_answers({"port": "0" * 5000 + "8000"}).port == 8000
    assert refusal({"port": 10**5000}).message() == (
        "port: <a number of more than 4300 digits> is out of range; use a port from 1 to 65535, e.g. 8000"
    )


@pytest.mark.parametrize(
    ("language", "time_zone", "code"), [("en", "UTC", "en-us"), ("ko", "Asia/Seoul", "ko-kr")]
)
def test_time_zone_and_language_code_follow_language(language: str, time_zone: str, code: str) -> None:
    answers = build_answers({"language": language})
    assert (answers.time_zone, answers.language_code) == (time_zone, code)
    assert build_answers({"language": language, "time_zone": "Europe/Paris"}).time_zone == "Europe/Paris"


def test_server_database_flag() -> None:
    assert [
        build_answers({"database": db}).server_database for db in ("sqlite", "postgresql", "mysql", "mariadb")
    ] == [
        False,
        True,
        True,
        True,
    ]


# --- build_answers and Answers ------------------------------------------------------------


def test_unknown_key_refused() -> None:
    error = refusal({"colour": "red"})
    assert error.field == "colour"
    assert error.message() == (
        "colour: unknown answer; known answers are project_name, project_slug, description, author, "
        "python_version, django_version, port, database, database_version, language, time_zone, use_ci, "
        "use_dependabot, use_pre_commit, use_devcontainer, use_swarm, use_k8s, use_redis, use_worker"
    )
    assert error.message("ko") == (
        "colour: 알 수 없는 항목입니다. 쓸 수 있는 항목은 project_name, project_slug, description, author, "
        "python_version, django_version, port, database, database_version, language, time_zone, use_ci, "
        "use_dependabot, use_pre_commit, use_devcontainer, use_swarm, use_k8s, use_redis, use_worker 입니다"
    )
    assert field_refusal("colour", "red").message() == error.message()


def test_first_error_in_model_order_is_raised() -> None:
    assert refusal({"time_zone": "Nowhere", "port": "0"}).field == "port"


def test_answers_are_frozen() -> None:
    answers = build_answers({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        answers.port = 9000  # type: ignore[misc]


def test_answers_context_has_the_cookiecutter_keys_and_an_int_port() -> None:
    context = build_answers({"port": "8123"}).to_context()
    assert list(context) == FIELD_ORDER
    assert context["port"] == 8123


def test_answer_error_message_falls_back_to_english() -> None:
    assert field_refusal("port", "0").message("fr") == field_refusal("port", "0").message("en")


# --- cookiecutter.json is derived from the model --------------------------------------------


def test_cookiecutter_json_is_the_model_output() -> None:
    on_disk = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    assert on_disk == hookgen.cookiecutter_json()


def test_generated_template_files_are_not_stale() -> None:
    """cookiecutter.json and both hooks are what `python -m newproj.maintainer.hookgen` writes today."""
    done = subprocess.run(
        [sys.executable, "-m", "newproj.maintainer.hookgen", "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_a_changed_rule_makes_the_hooks_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "django"
    (copy / "hooks").mkdir(parents=True)
    for path, text in hookgen.generated_files().items():
        (copy / path.relative_to(TEMPLATE)).write_text(text, encoding="utf-8")
    assert hookgen.stale_files(copy) == []
    real = hookgen.module_body
    monkeypatch.setattr(
        hookgen, "module_body", lambda name: real(name).replace("SLUG_MAX = 30", "SLUG_MAX = 31")
    )
    assert hookgen.stale_files(copy) == [copy / "hooks" / "pre_gen_project.py"]  # the post hook only prunes


#: What a project keeps of these files, by database: the post hook removes the rest.
PRUNED_FILES = (
    "docker/db/mysql-init.sql",
    "deploy/k8s/base/data-pvc.yaml",
    "deploy/k8s/base/migrate-job.yaml",
    "deploy/k8s/overlays/dev/db.yaml",
    "manage.py",
)
KEPT_FILES = {
    "sqlite": ["deploy/k8s/base/data-pvc.yaml", "manage.py"],
    "mariadb": [
        "deploy/k8s/base/migrate-job.yaml",
        "deploy/k8s/overlays/dev/db.yaml",
        "docker/db/mysql-init.sql",
        "manage.py",
    ],
}


def run_hook_isolated(
    hook: str, extra: dict[str, str], folder: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Render ``hook`` as cookiecutter does and run it under ``python -I -S``: no site-packages, no
    user site, no current folder on the path, so only the standard library can be imported."""
    context = hook_context(extra, folder)
    source = (TEMPLATE / "hooks" / hook).read_text(encoding="utf-8")
    script = folder / hook
    script.write_text(
        create_env_with_context(context).from_string(source).render(**context), encoding="utf-8"
    )
    return subprocess.run([sys.executable, "-I", "-S", str(script)], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("database", ["sqlite", "mariadb"])
def test_both_hooks_run_on_the_standard_library_alone(database: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    for relative in PRUNED_FILES:
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text("")
    for hook in ("pre_gen_project.py", "post_gen_project.py"):
        done = run_hook_isolated(hook, {"database": database, "use_k8s": "y"}, tmp_path, project)
        assert (done.returncode, done.stderr) == (0, ""), hook
    kept = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert kept == KEPT_FILES[database]


def test_the_pre_hook_refuses_on_the_standard_library_alone(tmp_path: Path) -> None:
    done = run_hook_isolated("pre_gen_project.py", {"port": "0"}, tmp_path, tmp_path)
    assert (done.returncode, done.stderr) == (
        1,
        "error: port: 0 is out of range; use a port from 1 to 65535, e.g. 8000\n",
    )


def test_the_post_hook_carries_only_the_pruning() -> None:
    text = (TEMPLATE / "hooks" / "post_gen_project.py").read_text(encoding="utf-8")
    assert "def prune(" in text and "def build_answers(" not in text
    assert "OWNED_FILES" in text and "MODEL_MESSAGES" not in text  # which files each feature owns, no texts
    # the pruning, the files each feature owns and the accounts app's files: nothing else
    assert len(text.splitlines()) < 140


def test_cookiecutter_json_keys_are_the_answers_fields() -> None:
    on_disk = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    keys = [key for key in on_disk if not key.startswith("_")]
    assert keys == [field.name for field in dataclasses.fields(Answers)] == FIELD_ORDER
    assert list(on_disk["__prompts__"]) == keys


# --- the pre_gen hook enforces the same rules with the same messages -------------------------

HOOK_CASES: list[dict[str, str]] = [
    {"port": "0"},
    {"port": "70000"},
    {"port": "abc"},
    {"port": "-1"},
    {"port": "8.5"},
    {"port": "True"},
    {"project_slug": "class"},
    {"project_slug": "match"},
    {"project_slug": "json"},
    {"project_slug": "email"},
    {"project_slug": "django"},
    {"project_slug": "gunicorn"},
    {"project_slug": "My-App"},
    {"project_slug": "1abc"},
    {"project_slug": "a" * 31},
    {"project_name": ""},
    {"project_name": "!!!"},
    {"python_version": "3.10", "django_version": "6.1"},
    {"python_version": "3.15", "django_version": "5.2"},
    {"database": "postgresql", "database_version": "9"},
    {"database": "mariadb", "database_version": "8.4"},
    {"time_zone": "Mars/Olympus_Mons"},
    {"author": "a\x07b"},
    {"language": "ko", "port": "70000"},
    {"language": "ko", "project_slug": "class"},
    {"language": "ko", "python_version": "3.15", "django_version": "5.2"},
]


def hook_context(extra: dict[str, str], output_dir: Path) -> dict[str, Any]:
    """The context plain ``cookiecutter --no-input`` builds from ``extra``, with its private keys."""
    context = generate_context(context_file=str(TEMPLATE / "cookiecutter.json"), extra_context=extra)
    context["cookiecutter"] = prompt_for_config(context, no_input=True)
    context["cookiecutter"].update(_template=str(TEMPLATE), _commit="0" * 40)  # all cruft gives a hook
    return context


def run_pre_gen_hook(extra: dict[str, str], folder: Path) -> subprocess.CompletedProcess[str]:
    """Render the pre_gen hook exactly as cookiecutter does (its Jinja env and context) and run it."""
    context = hook_context(extra, folder)
    source = (TEMPLATE / "hooks" / "pre_gen_project.py").read_text(encoding="utf-8")
    script = folder / "pre_gen_project.py"
    script.write_text(
        create_env_with_context(context).from_string(source).render(**context), encoding="utf-8"
    )
    return subprocess.run([sys.executable, str(script)], cwd=folder, capture_output=True, text=True)


def case_id(case: dict[str, str]) -> str:
    return ",".join(f"{k}={v[:12]!s}" for k, v in case.items()) or "defaults"


ACCEPTED_CASES: list[dict[str, str]] = [
    {},
    {"port": "80"},
    {"database": "sqlite", "language": "ko"},
    {"python_version": "3.15", "django_version": "6.1"},
]


@pytest.fixture(scope="module")
def hook_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every hook case run once, a few at a time (each is a Python subprocess)."""
    cases = HOOK_CASES + ACCEPTED_CASES
    folders = [tmp_path_factory.mktemp("hook") for _ in cases]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(run_pre_gen_hook, cases, folders))
    return {case_id(case): run for case, run in zip(cases, runs, strict=True)}


@pytest.mark.parametrize("extra", HOOK_CASES, ids=case_id)
def test_pre_gen_hook_refuses_with_the_models_message(
    extra: dict[str, str], hook_runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    expected = refusal(dict(extra)).message(extra.get("language", "en"))
    run = hook_runs[case_id(extra)]
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"error: {expected}"]


@pytest.mark.parametrize("extra", ACCEPTED_CASES, ids=case_id)
def test_pre_gen_hook_accepts_what_the_model_accepts(
    extra: dict[str, str], hook_runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    build_answers(dict(extra))
    run = hook_runs[case_id(extra)]
    assert (run.returncode, run.stderr) == (0, "")


def test_pre_gen_hook_runs_inside_cookiecutter(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """The same hook through cookiecutter's own runner: it fails the generation with the same line."""
    with pytest.raises(FailedHookException):
        run_script_with_context(
            TEMPLATE / "hooks" / "pre_gen_project.py", tmp_path, hook_context({"port": "0"}, tmp_path)
        )
    assert capfd.readouterr().err.splitlines() == [f"error: {refusal({'port': '0'}).message()}"]


@pytest.mark.parametrize(
    "extra",
    [
        {"port": "70000"},
        {"project_slug": "json", "language": "ko"},
        {"python_version": "3.10", "django_version": "6.1"},
    ],
    ids=case_id,
)
def test_plain_cookiecutter_refuses_with_the_models_message_and_leaves_nothing(
    extra: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [f"{key}={value}" for key, value in extra.items()]
    run = subprocess.run(
        [sys.executable, "-m", "cookiecutter", str(TEMPLATE), "--no-input", "-o", str(out), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    expected = f"error: {refusal(dict(extra)).message(extra.get('language', 'en'))}"
    assert run.returncode != 0
    assert expected in run.stderr.splitlines(), run.stderr
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- private keys: render inputs nobody is asked for ----------------------------------------------


def test_private_keys_declared_once_reach_cookiecutter_json_and_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newproj.project.private import PrivateKey, private_context
    from newproj.project.record import cruft_record

    monkeypatch.setattr(
        hookgen, "PRIVATE_KEYS", (PrivateKey("__dev_db_password", "{{ random_ascii_string(24) }}"),)
    )
    data = hookgen.cookiecutter_json()
    assert data["__dev_db_password"] == "{{ random_ascii_string(24) }}"
    assert [k for k in data if not k.startswith("_")] == FIELD_ORDER  # still no question for it
    (tmp_path / "cookiecutter.json").write_text(json.dumps(data), encoding="utf-8")
    private = private_context(tmp_path)
    drawn = private["__dev_db_password"]
    assert len(drawn) == 24 and drawn.isascii() and drawn.isalpha()
    context = {**private, **build_answers({}).to_context(), "_template": "newproj:django"}
    recorded = cruft_record(context)["context"]["cookiecutter"]
    assert recorded["__dev_db_password"] == drawn
    assert "__prompts__" not in recorded


def test_draw_gives_letters_only_from_secrets_as_cookiecutter_does() -> None:
    from newproj.project.private import draw

    drawn = {draw(24) for _ in range(50)}
    assert len(drawn) == 50
    assert all(len(text) == 24 and text.isascii() and text.isalpha() for text in drawn)


# --- a default is never refused next to a valid answer -----------------------------------------


def _one_valid_answer_each() -> list[dict[str, str]]:
    """Every offered choice of every field with choices, alone (a server version with its database)."""
    found = [{field.name: value} for field in fields.FIELDS if field.choices for value in field.choices({})]
    found = [values for values in found if "database_version" not in values]
    found += [
        {"database": database, "database_version": version}
        for database in rules.SERVER_DATABASES
        for version in rules.DATABASE_VERSIONS[database]
    ]
    return found


@pytest.mark.parametrize("given", _one_valid_answer_each(), ids=lambda v: ",".join(f"{k}={v[k]}" for k in v))
def test_the_defaults_accept_every_valid_answer(given: dict[str, str]) -> None:
    """Whatever one valid answer is given, the defaults of the rest follow it (Python 3.15 takes
    Django 6.1, the newest that supports it), never refuse it."""
    answers = build_answers(given)
    assert {name: getattr(answers, name) for name in given} == given


@pytest.mark.parametrize("python", rules.PYTHON_VERSIONS)
def test_the_default_django_is_the_newest_that_supports_the_python(python: str) -> None:
    supporting = [d for d in rules.DJANGO_VERSIONS if python in rules.DJANGO_PYTHON[d]]
    expected = max(supporting, key=lambda d: tuple(map(int, d.split("."))))
    assert build_answers({"python_version": python}).django_version == expected
    assert fields.default_for("django_version", {"python_version": python}) == expected
