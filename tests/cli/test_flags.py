"""Every field of the answers model has a flag of `newproj init`, and each flag sets its field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clikit import FEATURE_FLAGS, FLAG_VALUES, QUESTION_NAMES, Run, init_command, one_json
from newproj.answers import FIELD_NAMES, FIELDS
from newproj.answers.features import FEATURES

# --- every field has a flag -------------------------------------------------------------

#: What each flag value becomes in the answers (the port is a number; everything else is kept as typed).
FLAG_RESULTS = {**FLAG_VALUES, "port": 8123}


def test_flag_values_cover_every_field() -> None:
    assert set(FLAG_VALUES) | set(FEATURE_FLAGS) == set(FIELD_NAMES)
    assert not set(FLAG_VALUES) & set(FEATURE_FLAGS)


def test_every_field_flag_is_in_init_help(cli: Run) -> None:
    result = cli("init", "--help")
    assert result.code == 0
    for field in FIELDS:
        assert field.flag in result.out, f"{field.flag} ({field.name}) missing from `newproj init --help`"


def test_every_field_flag_is_an_option_of_init() -> None:
    options = {opt for param in init_command().params for opt in getattr(param, "opts", [])}
    missing = [field.flag for field in FIELDS if field.flag not in options]
    assert missing == []


@pytest.mark.parametrize("field", QUESTION_NAMES)
def test_flag_sets_its_field(cli: Run, field: str) -> None:
    flag = next(f.flag for f in FIELDS if f.name == field)
    result = cli("init", "--no-input", "--dry-run", "--json", flag, FLAG_VALUES[field])
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"][field] == FLAG_RESULTS[field]


@pytest.mark.parametrize("field", list(FEATURE_FLAGS))
def test_with_or_without_sets_each_feature(cli: Run, field: str) -> None:
    args, value = FEATURE_FLAGS[field]
    result = cli("init", "--no-input", "--dry-run", "--json", *args)
    assert result.code == 0, result.err
    assert one_json(result.out)["answers"][field] is value


def test_every_feature_is_listed_with_its_description_in_init_help(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # rich cuts a word longer than a narrow column
    result = cli("init", "--help")
    flat = "".join(result.out.replace("│", " ").split())  # the help is wrapped anywhere, even at a hyphen
    for feature in FEATURES:
        assert "".join(f"{feature.id}: {feature.description['en']}".split()) in flat, feature.id
    assert "--minimal" in flat and "--without" in flat


def test_all_flags_together_write_that_project(cli: Run, workdir: Path) -> None:
    args = [arg for name in QUESTION_NAMES for arg in (FIELDS[FIELD_NAMES.index(name)].flag, FLAG_VALUES[name])]
    args += [arg for flag_args, _value in FEATURE_FLAGS.values() for arg in flag_args]
    args[args.index("--database-version") + 1] = "11.4"  # a MariaDB version
    result = cli("init", "--no-input", *args)
    assert result.code == 0, result.err
    record = json.loads((workdir / "flagblog" / ".cruft.json").read_text(encoding="utf-8"))
    context = record["context"]["cookiecutter"]
    assert {name: context[name] for name in FIELD_NAMES} == {
        **FLAG_VALUES,
        **{key: value for key, (_args, value) in FEATURE_FLAGS.items()},
        "port": 8123,
        "database_version": "11.4",
    }


def test_python_alone_takes_a_django_that_supports_it(cli, workdir) -> None:
    """``--python 3.15`` with no ``--django``: the default Django follows (6.1), never a refusal."""
    result = cli("init", "--no-input", "--python", "3.15", "--json", "--dry-run")
    assert (result.code, result.err.count("error")) == (0, 0), result.err
    import json

    answers = json.loads(result.out)["answers"]
    assert (answers["python_version"], answers["django_version"]) == ("3.15", "6.1")
