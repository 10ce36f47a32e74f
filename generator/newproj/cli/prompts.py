"""The interactive questions, asked with questionary, each answer checked where it is typed.

questionary (and prompt_toolkit under it) is imported here only, and this module only when a
prompt is actually shown, so non-interactive runs do not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import questionary

from newproj.answers import AnswerError, Answers, Ask, Field, check_python_django, validate_field
from newproj.answers.features import FEATURES, GROUPS
from newproj.answers.rules import check_features, display_order
from newproj.cli.given import GivenAnswers
from newproj.errors import NewprojError
from newproj.messages import t


def _choice_note(field: Field, value: str, settled: dict[str, Any], lang: str) -> tuple[str, str | None]:
    """A short description of a choice, and why it is disabled (if it is)."""
    if field.name == "django_version":
        try:
            check_python_django(settled["python_version"], value)
        except AnswerError as err:
            return "", err.text(lang)
        return t(f"django_{value}", lang), None
    if field.name == "python_version" and "django_version" in settled:  # Django given by flag or file
        try:
            check_python_django(value, settled["django_version"])
        except AnswerError as err:
            return "", err.text(lang)
        return "", None
    if field.name == "database":
        return t(f"db_{value}", lang), None
    if field.name == "language":
        return t(f"lang_{value}", lang), None
    return "", None


def _ask_choice(field: Field, default: Any, settled: dict[str, Any], lang: str, **io: Any) -> str:
    choices = []
    enabled = []
    for value in display_order(field.choices(settled)):  # as help and errors list them; the default preselected
        note, disabled = _choice_note(field, value, settled, lang)
        marker = f" ({t('default_marker', lang)})" if value == default else ""
        title = f"{value}{marker}" + (f" — {note}" if note else "")
        choices.append(questionary.Choice(title=title, value=value, disabled=disabled))
        if not disabled:
            enabled.append(value)
    selected = default if default in enabled else enabled[0]
    return questionary.select(
        field.label[lang], choices=choices, default=selected, instruction=t("ask_choice_hint", lang), **io
    ).unsafe_ask()


def _may_be_empty(field: Field, settled: dict[str, Any]) -> bool:
    try:
        validate_field(field.name, "", settled)
    except AnswerError:
        return False
    return True


#: ``checks[field]``: a further check of a typed value (the target folder a package name makes),
#: raising :class:`newproj.errors.NewprojError`; its message is shown in place, and asked again.
Checks = Mapping[str, Callable[[Any], None]]


def _ask_text(
    field: Field, default: Any, settled: dict[str, Any], lang: str, checks: Checks | None = None, **io: Any
) -> str:
    """Ask for text. The default is shown greyed as a placeholder, not as editable text, so what
    is typed replaces it (cookiecutter's ``[default]``); Enter alone takes it.

    Whatever is typed is the answer, spaces too, so the answer shown is the answer kept: spaces
    give an empty answer where the field may be empty (a description), and are refused in place
    where it may not (a name, a port).
    """
    shown = str(default)
    optional = _may_be_empty(field, settled)

    def chosen(text: str) -> str:
        return text if text else shown

    def check(text: str) -> bool | str:
        if text and not text.strip() and not optional:
            return t("ask_blank", lang, default=shown) if shown else t("ask_blank_no_default", lang)
        try:
            value = validate_field(field.name, chosen(text), settled)
            if checks and field.name in checks:
                checks[field.name](value)
        except AnswerError as err:
            return err.text(lang)
        except NewprojError as err:
            return err.message(lang)
        return True

    hints = [field.help.get(lang)]
    if optional and shown:
        hints.append(t("ask_may_be_empty", lang))
    placeholder = [("fg:ansibrightblack", shown)] if shown else None
    answer = questionary.text(
        field.label[lang],
        validate=check,
        instruction="; ".join(hint for hint in hints if hint) or None,
        placeholder=placeholder,
        **io,
    ).unsafe_ask()
    return chosen(answer)


def _ask_features(
    settled: dict[str, Any], defaults: dict[str, Any], lang: str, **io: Any
) -> dict[str, bool]:
    """One checkbox for every feature not given (space toggles, Enter accepts the ticked ones).

    A choice that breaks a requirement (the worker without Redis) is refused where it is made,
    and the checkbox asked again.
    """
    asked = [feature for feature in FEATURES if feature.key not in settled]
    choices: list[Any] = []
    for group, title in GROUPS.items():
        members = [feature for feature in asked if feature.group == group]
        if members:
            choices.append(questionary.Separator(f"— {title[lang]} —"))
        for feature in members:
            ticked = bool(defaults.get(feature.key, feature.default))
            choices.append(
                questionary.Choice(
                    f"{feature.id}: {feature.label[lang]} — {feature.description[lang]}", feature.id, checked=ticked
                )
            )

    def chosen(ids: list[str]) -> dict[str, bool]:
        return {feature.key: feature.id in ids for feature in asked}

    def check(ids: list[str]) -> bool | str:
        try:
            check_features({**settled, **chosen(ids)})
        except AnswerError as err:
            return err.text(lang)
        return True

    ids = questionary.checkbox(
        t("features_title", lang), choices=choices, validate=check, instruction=t("features_hint", lang), **io
    ).unsafe_ask()
    return chosen(ids)


def asker(
    lang: str, checks: Checks | None = None, defaults: dict[str, Any] | None = None, **io: Any
) -> Ask:
    """The ``ask`` of :func:`newproj.answers.build_answers`: one question per missing answer.

    ``settled`` holds the answers so far, given ones included (validated before any question), so a
    Django version given by flag or file limits the Pythons offered. ``io`` is passed to prompt_toolkit
    (``input=``/``output=``) so tests can drive the prompts. Ctrl-C raises ``KeyboardInterrupt``
    (``unsafe_ask``), handled once at the CLI edge.
    """

    features: dict[str, bool] = {}

    def ask(field: Field, default: Any, settled: dict[str, Any]) -> Any:
        if field.name in {feature.key for feature in FEATURES}:
            if field.name not in features:  # the first feature asked asks them all, in one checkbox
                features.update(_ask_features(settled, {**(defaults or {}), field.name: default}, lang, **io))
            return features[field.name]
        if field.choices:
            return _ask_choice(field, default, settled, lang, **io)
        return _ask_text(field, default, settled, lang, checks, **io)

    return ask


def ask_missing(
    given: GivenAnswers,
    lang: str,
    defaults: dict[str, Any] | None = None,
    checks: Checks | None = None,
    **io: Any,
) -> Answers:
    """The answers, asking (in model order) each one that applies and was not given.

    A refused given value is reported, naming its source, before any question. ``checks`` add
    their own refusals to typed values, shown in place.
    """
    return given.build(defaults, asker(lang, checks, defaults, **io))


def confirm(lang: str, question: str = "confirm", **io: Any) -> bool:
    """Ask whether to go on (default yes); ``question`` is the message key (init's: write the files)."""
    return bool(questionary.confirm(t(question, lang), default=True, **io).unsafe_ask())
