"""Every catalogue of words newproj says: one shape, every key in English and Korean, nothing missing."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from newproj.answers import FIELDS
from newproj.answers.messages import KINDS, MODEL_MESSAGES
from newproj.messages import SAID, core, doctor, serve, t, update
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
