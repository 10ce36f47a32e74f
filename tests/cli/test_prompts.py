"""The questionary prompts, driven through prompt_toolkit's pipe input.

Each question questionary builds is recorded (its message, choices, default and every verdict of its
validator) and, as it is built, the keys that answer it are sent down the pipe. A question nobody
scripted fails the test, which is how "a given flag is not asked again" is proved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import questionary
from clikit import FEATURE_CHOICE
from newproj.answers import build_answers
from newproj.answers.features import FEATURES
from newproj.cli.given import GivenAnswers
from newproj.cli.prompts import ask_missing, confirm
from newproj.errors import InvalidAnswer
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from ptykit import CLEAR, CTRL_C, DOWN, ENTER, LABELS, UP

#: Seconds after which a stuck prompt is ended (its input closed) instead of hanging the run.
WATCHDOG = 20

#: The question of each field, in the order asked (the confirmation is not a field).
EN_LABELS = {name: label for name, label in LABELS["en"].items() if name != "confirm"}
KO_LABELS = {name: label for name, label in LABELS["ko"].items() if name != "confirm"}
#: Everything but the port, the database and its version, from flags.
MOST = {
    "project_name": "Blog",
    "project_slug": "blog",
    "description": "A blog",
    "author": "Kim",
    "python_version": "3.12",
    "django_version": "5.2",
    "language": "en",
    "time_zone": "UTC",
}


def text(value: str) -> str:
    """Keys that replace a text prompt's default with ``value`` and accept it."""
    return CLEAR + value + ENTER


def pick(downs: int) -> str:
    """Keys that move ``downs`` choices down a select list (up when negative) and accept."""
    return (DOWN * downs if downs >= 0 else UP * -downs) + ENTER


@dataclass
class Asked:
    """One question questionary was asked to build."""

    kind: str
    message: str
    kwargs: dict[str, Any]
    verdicts: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def titles(self) -> list[str]:
        return [choice.title for choice in self.kwargs.get("choices", [])]

    @property
    def shown_default(self) -> Any:
        """A list's preselected value, or the text a text prompt shows greyed until something is typed."""
        if self.kind == "text":
            assert "default" not in self.kwargs  # editable text would be appended to, not replaced
            return "".join(text for _style, text in self.kwargs.get("placeholder") or [])
        return self.kwargs.get("default")

    @property
    def disabled(self) -> dict[str, Any]:
        return {choice.value: choice.disabled for choice in self.kwargs.get("choices", []) if choice.disabled}


@dataclass
class Session:
    """What a scripted run of the prompts asked."""

    asked: list[Asked] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [a.message for a in self.asked]

    def by_message(self, message: str) -> Asked:
        return next(a for a in self.asked if a.message == message)


Drive = Callable[..., tuple[Any, Session]]


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch) -> Iterator[Drive]:
    """``drive(call, keys)`` runs ``call(input=..., output=...)`` answering its questions with ``keys``.

    ``keys`` holds one string per question, in the order they are asked.
    """
    with create_pipe_input() as pipe:

        def run(call: Callable[..., Any], keys: list[str]) -> tuple[Any, Session]:
            session = Session()
            script = list(keys)

            def wrap(kind: str, real: Callable[..., Any]) -> Callable[..., Any]:
                def build(message: str, *args: Any, **kwargs: Any) -> Any:
                    record = Asked(kind, message, dict(kwargs))
                    session.asked.append(record)
                    check = kwargs.get("validate")
                    if check is not None:

                        def recorded(value: str) -> Any:
                            verdict = check(value)
                            record.verdicts.append((value, verdict))
                            return verdict

                        kwargs["validate"] = recorded
                    if not script:
                        raise AssertionError(
                            f"unexpected question {message!r}; asked so far: {session.messages}"
                        )
                    question = real(message, *args, **kwargs)
                    pipe.send_text(script.pop(0))
                    return question

                return build

            for kind in ("text", "select", "confirm", "checkbox"):
                monkeypatch.setattr(questionary, kind, wrap(kind, getattr(questionary, kind)))
            watchdog = threading.Timer(WATCHDOG, pipe.close)
            watchdog.start()
            try:
                result = call(input=pipe, output=DummyOutput())
            finally:
                watchdog.cancel()
            assert script == [], f"questions scripted but never asked: {script}"
            return result, session

        yield run


#: Every feature at its default, given: the questions without the features' checkbox.
FEATURE_DEFAULTS = {feature.key: feature.default for feature in FEATURES}


def given(values: dict[str, Any], file: str | None = None, features: bool = False) -> GivenAnswers:
    """Values given by flags, or read from the answers file ``file``; the features given at their defaults
    unless ``features`` (then they are asked in their checkbox)."""
    values = values if features or any(key in values for key in FEATURE_DEFAULTS) else {**FEATURE_DEFAULTS, **values}
    answers = GivenAnswers()
    if file is None:
        answers.add_flags(values)
    else:
        answers.add_file(Path(file), values)
    return answers


def ask(
    drive: Drive,
    values: dict[str, Any],
    keys: list[str],
    lang: str = "en",
    defaults: dict[str, Any] | None = None,
    features: bool = False,
) -> tuple[dict[str, Any], Session]:
    answers, session = drive(
        lambda **io: ask_missing(given(values, features=features), lang, defaults or {"language": lang}, **io), keys
    )
    return answers.to_context(), session


# --- answering -----------------------------------------------------------------------------------

SPACE = " "


def test_the_features_come_in_one_checkbox_with_the_defaults_ticked(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items()}
    values, session = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [ENTER], features=True)
    [checkbox] = [a for a in session.asked if a.kind == "checkbox"]
    assert checkbox.message == "Features"
    choices = [c for c in checkbox.kwargs["choices"] if not isinstance(c, questionary.Separator)]
    assert [c.value for c in choices] == [feature.id for feature in FEATURES]
    assert {c.value for c in choices if c.checked} == {"ci", "dependabot", "pre-commit", "devcontainer"}
    assert choices[-1].title == "worker: Celery worker — worker and beat containers (Celery, Redis as broker) and a sample task"
    assert {k: values[k] for k in FEATURE_DEFAULTS} == FEATURE_DEFAULTS


def test_ticking_the_worker_alone_is_refused_where_it_is_made_then_redis_too_is_accepted(drive: Drive) -> None:
    # down to the worker (the last of eight; three separators are skipped), tick it, Enter: refused;
    # up to Redis, tick it, Enter: accepted
    keys = [DOWN * 7 + SPACE + ENTER + "\x1b[A" + SPACE + ENTER]
    values, session = ask(drive, {**MOST, "port": 8000, "database": "sqlite"}, keys, features=True)
    [checkbox] = [a for a in session.asked if a.kind == "checkbox"]
    refused = [verdict for _value, verdict in checkbox.verdicts if verdict is not True]
    assert set(refused) == {
        "the worker feature needs redis; add redis too (use_redis=y, --with redis) or leave worker out"
    }
    assert values["use_worker"] is values["use_redis"] is True


def test_the_checkbox_selects_what_the_flags_select(drive: Drive) -> None:
    """The choice ``tests/runners/test_features_everywhere.py`` makes with flags, an answers file,
    cookiecutter's booleans and update, made here with the keys: the same answers."""
    # untick ci; down to k8s (the sixth), tick it; redis and worker below it, tick both
    keys = [SPACE + DOWN * 5 + SPACE + DOWN + SPACE + DOWN + SPACE + ENTER]
    values, _ = ask(drive, {**MOST, "port": 8000, "database": "sqlite"}, keys, features=True)
    assert {key: values[key] for key in FEATURE_CHOICE} == FEATURE_CHOICE


def test_the_checkbox_speaks_korean(drive: Drive) -> None:
    _, session = ask(drive, {**MOST, "port": 8000, "database": "sqlite"}, [ENTER], lang="ko", features=True)
    [checkbox] = [a for a in session.asked if a.kind == "checkbox"]
    assert checkbox.message == "기능"
    assert checkbox.kwargs["instruction"] == "(스페이스로 고르고 Enter 로 확정)"
    titles = [c.title for c in checkbox.kwargs["choices"] if not isinstance(c, questionary.Separator)]
    assert "redis: Redis 캐시 — redis 컨테이너와 Django 내장 Redis 캐시 백엔드" in titles


def test_every_question_is_asked_in_model_order(drive: Drive) -> None:
    keys = [
        text("Blog"),  # project name
        ENTER,  # slug: the one derived from the name
        text("Notes and posts"),
        text("Kim"),
        pick(-1),  # Python 3.12, just before the default 3.13 (versions oldest first)
        ENTER,  # Django 6.1, the newest that supports Python 3.12
        text("8080"),
        pick(3),  # mariadb
        pick(-1),  # 11.4, just before the default 11.8
        pick(1),  # ko
        ENTER,  # time zone: the default for a Korean project
    ]
    values, session = ask(drive, {}, keys)
    assert values == {
        **FEATURE_DEFAULTS,
        "project_name": "Blog",
        "project_slug": "blog",
        "description": "Notes and posts",
        "author": "Kim",
        "python_version": "3.12",
        "django_version": "6.1",
        "port": 8080,
        "database": "mariadb",
        "database_version": "11.4",
        "language": "ko",
        "time_zone": "Asia/Seoul",
    }
    assert session.messages == [label for key, label in EN_LABELS.items() if key != "features"]
    assert build_answers(values).to_context() == values


def test_defaults_are_shown_and_derived_from_earlier_answers(drive: Drive) -> None:
    keys = [text("My Blog!"), ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, pick(2), ENTER, pick(1), ENTER]
    values, session = ask(drive, {}, keys)
    defaults = {a.message: a.shown_default for a in session.asked}
    assert defaults == {
        "Project name": "My Django Project",
        "Python package name": "my_blog",
        "Short description": "A Django project generated by newproj",
        "Author": "",
        "Python version": "3.13",
        "Django version": "6.1",
        "Port": "8000",
        "Database": "postgresql",
        "Database server version": "8.4",  # MySQL's, as MySQL was picked
        "Project language": "en",
        "Time zone": "Asia/Seoul",  # Korean was picked
    }
    assert values["project_slug"] == "my_blog"
    assert (values["database"], values["database_version"]) == ("mysql", "8.4")


def test_project_language_default_follows_the_interface(drive: Drive) -> None:
    values, session = ask(
        drive,
        {k: v for k, v in MOST.items() if k not in ("language", "time_zone")},
        [ENTER, ENTER, ENTER, ENTER, ENTER],
        lang="ko",
    )
    assert session.by_message("프로젝트 언어").kwargs["default"] == "ko"
    assert (values["language"], values["time_zone"]) == ("ko", "Asia/Seoul")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("70000", "70000 is out of range; use a port from 1 to 65535, e.g. 8000"),
        ("0", "0 is out of range; use a port from 1 to 65535, e.g. 8000"),
        ("abc", "'abc' is not a whole number; use a port from 1 to 65535, e.g. 8000"),
    ],
)
def test_a_bad_port_is_refused_and_the_next_answer_accepted(drive: Drive, bad: str, message: str) -> None:
    values, session = ask(drive, {**MOST, "database": "sqlite"}, [text(bad) + text("8080")])
    assert values["port"] == 8080
    assert session.messages == ["Port"]  # asked once: the same prompt took the second answer
    port = session.asked[0]
    assert (bad, message) in port.verdicts
    assert port.verdicts[-1] == ("8080", True)


def test_a_bad_slug_is_refused_with_a_suggestion(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k != "project_slug"}
    values, session = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [text("class") + text("blog")])
    assert values["project_slug"] == "blog"
    assert ("class", "'class' is a Python keyword; choose another name, e.g. my_class") in session.asked[
        0
    ].verdicts


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_spaces_at_an_optional_text_are_an_empty_answer_and_enter_alone_the_default(
    drive: Drive, lang: str
) -> None:
    """What is typed is what is kept: a space at "Short description" is an empty description, never
    silently the default; Enter alone is the default, and the prompt says so."""
    rest = {k: v for k, v in MOST.items() if k not in ("description", "author")}
    values, session = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [" " + ENTER, ENTER], lang)
    assert (values["description"], values["author"]) == ("", "")
    hint = {
        "en": "Enter alone keeps the default; a space and Enter leaves it empty",
        "ko": "Enter 만 누르면 기본값, 공백 하나와 Enter 는 빈 값",
    }[lang]
    assert session.asked[0].kwargs["instruction"] == hint
    assert "instruction" not in session.asked[1].kwargs or session.asked[1].kwargs["instruction"] is None


def test_enter_alone_at_an_optional_text_is_the_default(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k != "description"}
    values, _ = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [ENTER])
    assert values["description"] == "A Django project generated by newproj"


@pytest.mark.parametrize(
    ("field", "lang", "message"),
    [
        ("project_name", "en", "only spaces: type a value, or erase them and press Enter for the default "
         "(My Django Project)"),
        ("project_name", "ko", "공백뿐입니다. 값을 입력하거나, 공백을 지우고 Enter 를 누르면 기본값(My Django Project)을 "
         "씁니다"),
        ("port", "en", "only spaces: type a value, or erase them and press Enter for the default (8000)"),
    ],
)
def test_spaces_at_a_required_text_are_refused_in_place(drive: Drive, field: str, lang: str, message: str) -> None:
    rest = {k: v for k, v in {**MOST, "port": 8000, "database": "sqlite"}.items() if k != field}
    if field == "project_name":
        rest.pop("project_slug")
        keys = ["   " + ENTER + CLEAR + "Shop" + ENTER, ENTER]
    else:
        keys = ["   " + ENTER + CLEAR + "8080" + ENTER]
    values, session = ask(drive, rest, keys, lang)
    assert values[field] == ("Shop" if field == "project_name" else 8080)
    assert ("   ", message) in session.asked[0].verdicts


# --- choices ---------------------------------------------------------------------------------------


def test_choices_come_with_descriptions(drive: Drive) -> None:
    values, session = ask(drive, {**MOST, "port": 8000}, [ENTER, ENTER])
    database = session.by_message("Database")
    assert database.kind == "select"
    assert database.titles == [
        "postgresql (default) — server in its own container (recommended)",
        "sqlite — file database, no server container",
        "mysql — server in its own container",
        "mariadb — server in its own container",
    ]
    assert database.kwargs["instruction"] == "(arrow keys, Enter)"
    assert session.by_message("Database server version").titles == ["16", "17 (default)", "18"]
    assert values["database_version"] == "17"


def test_language_and_django_choices_are_described(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k not in ("django_version", "language", "time_zone")}
    _, session = ask(drive, {**rest, "port": 8000, "database": "sqlite", "time_zone": "UTC"}, [ENTER, ENTER])
    assert session.by_message("Django version").titles == [
        "5.2 — long-term support",
        "6.1 (default) — latest release",
    ]
    assert session.by_message("Project language").titles == ["en (default) — English", "ko — Korean"]


PAIR = (
    "Django 6.1 supports Python 3.12 to 3.15, not 3.10; pick a Python in that range or another Django version"
)


def test_django_61_is_disabled_after_python_310(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k not in ("python_version", "django_version")}
    values, session = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [pick(-3), pick(1)])
    assert values["python_version"] == "3.10"
    django = session.by_message("Django version")
    assert django.disabled == {"6.1": PAIR}
    assert values["django_version"] == "5.2"  # the cursor cannot land on the disabled choice


def test_django_61_is_disabled_when_python_310_came_from_a_flag(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k != "django_version"}
    values, session = ask(
        drive, {**rest, "python_version": "3.10", "port": 8000, "database": "sqlite"}, [ENTER]
    )
    assert session.by_message("Django version").disabled == {"6.1": PAIR}
    assert values["django_version"] == "5.2"


def test_both_djangos_enabled_for_python_312(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k != "django_version"}
    values, session = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [pick(-1)])
    assert session.by_message("Django version").disabled == {}
    assert values["django_version"] == "5.2"


def test_versions_are_offered_oldest_first_with_the_default_preselected(drive: Drive) -> None:
    """As help and error messages list them; the cursor starts on the default, wherever it sits."""
    rest = {k: v for k, v in MOST.items() if k not in ("python_version", "django_version", "database_version")}
    values, session = ask(drive, {**rest, "port": 8000, "database": "postgresql"}, [ENTER, ENTER, ENTER])
    python = session.by_message("Python version")
    assert [c.value for c in python.kwargs["choices"]] == ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
    assert python.kwargs["default"] == "3.13"
    server = session.by_message("Database server version")
    assert [c.value for c in server.kwargs["choices"]] == ["16", "17", "18"]
    assert server.kwargs["default"] == "17"
    assert (values["python_version"], values["django_version"], values["database_version"]) == ("3.13", "6.1", "17")


def test_the_django_default_follows_the_python_picked(drive: Drive) -> None:
    """Python 3.15, which Django 5.2 (the LTS) does not support: Django's default is the newest that does,
    and the LTS is disabled."""
    rest = {k: v for k, v in MOST.items() if k not in ("python_version", "django_version")}
    values, session = ask(drive, {**rest, "port": 8000, "database": "sqlite"}, [pick(2), ENTER])
    assert values["python_version"] == "3.15"
    django = session.by_message("Django version")
    assert django.kwargs["default"] == "6.1"
    assert django.disabled == {
        "5.2": "Django 5.2 supports Python 3.10 to 3.14, not 3.15; pick a Python in that range or another "
        "Django version"
    }
    assert values["django_version"] == "6.1"


# --- Korean ------------------------------------------------------------------------------------


def test_korean_labels_choices_and_messages(drive: Drive) -> None:
    keys = [
        text("Blog"),
        ENTER,
        ENTER,
        ENTER,
        ENTER,
        ENTER,
        text("70000") + text("8080"),
        ENTER,
        ENTER,
        ENTER,
        ENTER,
    ]
    values, session = ask(drive, {}, keys, lang="ko")
    assert session.messages == [label for key, label in KO_LABELS.items() if key != "features"]
    assert session.by_message("데이터베이스").titles == [
        "postgresql (기본값) — 별도 컨테이너의 서버 (추천)",
        "sqlite — 파일 데이터베이스, 서버 컨테이너 없음",
        "mysql — 별도 컨테이너의 서버",
        "mariadb — 별도 컨테이너의 서버",
    ]
    assert session.by_message("데이터베이스").kwargs["instruction"] == "(화살표 키, Enter)"
    assert session.by_message("Django 버전").titles == ["5.2 — 장기 지원(LTS)", "6.1 (기본값) — 최신 버전"]
    assert session.by_message("프로젝트 언어").titles == ["en — 영어", "ko (기본값) — 한국어"]
    assert session.by_message("파이썬 패키지 이름").kwargs["instruction"] == "설정 패키지에 쓰는 소문자 이름"
    assert ("70000", "70000은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)") in (
        session.by_message("포트").verdicts
    )
    assert (values["port"], values["language"], values["time_zone"]) == (8080, "ko", "Asia/Seoul")


def test_korean_disabled_choice_reason(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k != "django_version"}
    _, session = ask(
        drive, {**rest, "python_version": "3.10", "port": 8000, "database": "sqlite"}, [ENTER], lang="ko"
    )
    assert session.by_message("Django 버전").disabled == {
        "6.1": "Django 6.1은(는) 파이썬 3.12~3.15을(를) 지원하며 3.10은(는) 지원하지 않습니다. "
        "이 범위의 파이썬이나 다른 Django 버전을 고르세요"
    }


# --- given answers ---------------------------------------------------------------------------------


def test_given_answers_are_not_asked_again(drive: Drive) -> None:
    values, session = ask(drive, {"port": "9000", "database": "sqlite", "author": "Lee"}, [ENTER] * 7)
    assert session.messages == [
        "Project name",
        "Python package name",
        "Short description",
        "Python version",
        "Django version",
        "Project language",
        "Time zone",
    ]
    assert (values["port"], values["database"], values["database_version"], values["author"]) == (
        9000,
        "sqlite",
        "",
        "Lee",
    )


def test_everything_given_asks_nothing(drive: Drive) -> None:
    values, session = ask(
        drive, {**MOST, "port": 8000, "database": "postgresql", "database_version": "16"}, []
    )
    assert session.asked == []
    assert values["database_version"] == "16"


def test_a_bad_given_value_is_refused_naming_its_source(drive: Drive) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        drive(
            lambda **io: ask_missing(given({"project_name": "x" * 201}, "team.yml"), "en", {}, **io),
            [],
        )
    assert (
        caught.value.message("en")
        == "team.yml: project_name: 'xxxxxxxxxxxxxxxxxxxx…' is longer than 200 characters; shorten it"
    )
    assert caught.value.exit_code == 2


def test_a_bad_given_value_is_refused_before_any_question(drive: Drive) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        drive(lambda **io: ask_missing(given({"time_zone": "Mars/Base"}), "en", {}, **io), [])
    assert caught.value.message("en").startswith("--time-zone: 'Mars/Base' is not a known time zone")


def test_an_unsupported_given_pair_is_refused_before_any_question(drive: Drive) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        drive(
            lambda **io: ask_missing(
                given({"python_version": "3.10", "django_version": "6.1"}), "en", {}, **io
            ),
            [],
        )
    assert caught.value.message("en") == f"--python: {PAIR}"


def test_pythons_unsupported_by_the_given_django_are_disabled(drive: Drive) -> None:
    rest = {k: v for k, v in MOST.items() if k != "python_version"}
    _, session = ask(drive, {**rest, "django_version": "6.1", "port": 8000, "database": "sqlite"}, [ENTER])
    assert set(session.by_message("Python version").disabled) == {"3.10", "3.11"}


# --- confirmation and Ctrl-C -------------------------------------------------------------------------


@pytest.mark.parametrize(("keys", "answer"), [(ENTER, True), ("y", True), ("n", False)])
def test_confirm(drive: Drive, keys: str, answer: bool) -> None:
    result, session = drive(lambda **io: confirm("en", **io), [keys])
    assert result is answer
    assert session.messages == ["Write these files?"]
    assert session.asked[0].kwargs["default"] is True


def test_confirm_in_korean(drive: Drive) -> None:
    _, session = drive(lambda **io: confirm("ko", **io), [ENTER])
    assert session.messages == ["이 파일들을 쓸까요?"]


@pytest.mark.parametrize("at", ["text", "select", "confirm"])
def test_ctrl_c_raises_keyboard_interrupt(drive: Drive, at: str) -> None:
    """``unsafe_ask`` lets Ctrl-C out as KeyboardInterrupt (``ask`` would return None as an answer)."""
    with pytest.raises(KeyboardInterrupt):
        if at == "confirm":
            drive(lambda **io: confirm("en", **io), [CTRL_C])
        elif at == "select":
            ask(drive, {k: v for k, v in MOST.items() if k != "python_version"} | {"port": 8000}, [CTRL_C])
        else:
            ask(drive, {}, [CTRL_C])


# --- the target folder is checked as soon as it is known ---------------------------------------


def _request(tmp_path: Path, flags: dict[str, Any], **kwargs: Any) -> Any:
    from newproj.cli.collect import InitRequest

    return InitRequest(lang=kwargs.pop("lang", "en"), flags=flags, terminal=True, **kwargs)


@pytest.fixture
def taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder where ./blog exists and is not empty."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "notes.txt").write_text("mine")
    return tmp_path / "blog"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_typed_package_name_whose_folder_exists_is_refused_at_its_question(
    drive: Drive, taken: Path, tmp_path: Path, lang: str
) -> None:
    from newproj.cli.collect import collect
    from newproj.errors import TargetExistsError

    given = {**MOST, **FEATURE_DEFAULTS, "port": "8000", "database": "sqlite"}
    flags = {k: v for k, v in given.items() if k != "project_slug"}
    request = _request(tmp_path, flags, lang=lang)
    collected, session = drive(lambda **io: collect(request, lambda: io), [ENTER + text("blog_two")])
    assert session.messages == [EN_LABELS["project_slug"] if lang == "en" else KO_LABELS["project_slug"]]
    assert ("", TargetExistsError(taken).message(lang)) in session.asked[0].verdicts
    assert collected.answers.project_slug == "blog_two"
    assert collected.target == tmp_path / "blog_two"


def test_a_given_package_name_whose_folder_exists_is_refused_before_any_question(
    drive: Drive, taken: Path, tmp_path: Path
) -> None:
    from newproj.cli.collect import collect
    from newproj.errors import TargetExistsError

    request = _request(tmp_path, {"project_slug": "blog"})  # ten answers left to ask
    with pytest.raises(TargetExistsError):
        drive(lambda **io: collect(request, lambda: io), [])


def test_force_lets_a_typed_package_name_write_into_its_folder(drive: Drive, taken: Path, tmp_path: Path) -> None:
    from newproj.cli.collect import collect

    given = {**MOST, **FEATURE_DEFAULTS, "port": "8000", "database": "sqlite"}
    flags = {k: v for k, v in given.items() if k != "project_slug"}
    request = _request(tmp_path, flags, force=True)
    collected, _ = drive(lambda **io: collect(request, lambda: io), [ENTER])
    assert collected.target == taken
