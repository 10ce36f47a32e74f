"""Every catalogue of words newproj says: one shape, every key in English and Korean, nothing missing."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from newproj.answers import FIELDS
from newproj.answers.messages import KINDS, MODEL_MESSAGES
from newproj.messages import SAID, core, doctor, serve, t, update
from newproj.messages.core import detect_language
from newproj.messages.help import BUILT_IN, HELP, PANEL_TITLES

PACKAGE = Path(__file__).resolve().parents[2] / "generator" / "newproj"

CATALOGUES = {
    "messages.core": core.MESSAGES,
    "messages.update": update.MESSAGES,
    "messages.doctor": doctor.MESSAGES,
    "messages.serve": serve.MESSAGES,
    "messages.serve.PAGE": serve.PAGE,
    "messages.serve.CURL_HELP": serve.CURL_HELP,
    "messages.help": HELP,
    "messages.help.BUILT_IN": BUILT_IN,
    "messages.help.PANEL_TITLES": PANEL_TITLES,
    "answers.messages": MODEL_MESSAGES,
    "answers.messages.KINDS": KINDS,
    "answers.fields labels": {field.name: field.label for field in FIELDS},
    "answers.fields help": {field.name: field.help for field in FIELDS if field.help},
}


def _parameters(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_key_has_english_and_korean_with_the_same_parameters(name: str) -> None:
    for key, texts in CATALOGUES[name].items():
        assert set(texts) == {"en", "ko"}, f"{name}: {key}"
        assert texts["en"].strip() and texts["ko"].strip(), f"{name}: {key}"
        assert _parameters(texts["en"]) == _parameters(texts["ko"]), f"{name}: {key}"


def test_what_t_looks_up_never_has_a_key_twice() -> None:
    keys = [key for catalogue in SAID for key in catalogue]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


@pytest.mark.parametrize(
    ("call", "catalogue"),
    [(r"\bt", {k for c in SAID for k in c}), (r"\bsay", {k for c in SAID for k in c}), (r"\bhelp_text", set(HELP))],
    ids=["t", "say", "help_text"],
)
def test_every_key_the_package_asks_for_is_in_its_catalogue(call: str, catalogue: set[str]) -> None:
    asked = {
        key
        for path in PACKAGE.rglob("*.py")
        for key in re.findall(call + r'\(\s*f?"([a-z_.]+)"', path.read_text(encoding="utf-8"))
    }
    assert asked and asked - catalogue == set()


def test_t_falls_back_to_english_and_formats() -> None:
    assert t("update_conflict_file", "ko", path="a.py") == "충돌: a.py"
    assert t("update_conflict_file", "fr", path="a.py") == "conflict: a.py"


@pytest.mark.parametrize(
    ("value", "language"),
    [
        ("ko", "ko"),
        ("ko_KR", "ko"),
        ("ko_KR.UTF-8", "ko"),
        ("ko_KR.UTF-8@euro", "ko"),
        ("ko.UTF-8", "ko"),
        ("ko-KR", "ko"),
        ("KO_kr", "ko"),
        ("kok_IN", "en"),  # Konkani, whose code also starts with "ko"
        ("kok", "en"),
        ("kos_FM.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("en_US.UTF-8", "en"),
    ],
)
def test_the_locale_is_korean_only_for_the_language_code_ko(value: str, language: str) -> None:
    assert detect_language(environ={"LANG": value}) == language


def test_the_first_locale_variable_set_decides() -> None:
    assert detect_language(environ={"LC_ALL": "kok_IN.UTF-8", "LANG": "ko_KR.UTF-8"}) == "en"
    assert detect_language(environ={"LC_ALL": "", "LANG": "C.UTF-8", "LANGUAGE": "ko"}) == "en"
    assert detect_language(environ={"LANGUAGE": "ko:en"}) == "ko"
    assert detect_language(environ={"LANGUAGE": "kok:en"}) == "en"
    assert detect_language("ko", environ={"LANG": "kok_IN"}) == "ko"
