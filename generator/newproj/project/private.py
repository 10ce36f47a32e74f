"""The template's private keys: inputs nobody is asked for, declared once and drawn once.

A committed development value (``__dev_db_password``) is declared here with the marker the
production settings refuse, so ``cookiecutter.json`` carries it as ``random_ascii_string(N)`` for
plain cookiecutter and cruft. newproj draws it itself, with :func:`draw`, from the letters
cookiecutter's ``random_ascii_string`` uses, and reads the keys of any template release from that
release's own ``cookiecutter.json``.
"""

from __future__ import annotations

import json
import re
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: ``{{ random_ascii_string(N) }}`` after an optional literal marker (``django-insecure-``).
_RANDOM = re.compile(r"^([A-Za-z0-9_-]*)\{\{\s*random_ascii_string\((\d+)\)\s*\}\}$")


@dataclass(frozen=True)
class PrivateKey:
    """A template input nobody is asked for, and what plain cookiecutter draws for it."""

    name: str
    cookiecutter_default: str


#: Committed development values, by name and length of their random part: they protect nothing
#: outside the compose network, and the production settings refuse them by their marker.
DEV_VALUES = {"__dev_db_password": 24, "__dev_secret_key": 50}

#: The marker each development value starts with (the key's is Django's own ``django-insecure-``):
#: what the production settings refuse, whatever the random part.
DEV_MARKERS = {"__dev_db_password": "insecure-dev-", "__dev_secret_key": "django-insecure-"}

#: Private keys of the template, declared here so that ``cookiecutter.json`` carries them.
PRIVATE_KEYS: tuple[PrivateKey, ...] = tuple(
    PrivateKey(name, f"{DEV_MARKERS[name]}{{{{ random_ascii_string({length}) }}}}")
    for name, length in DEV_VALUES.items()
) + (
    # The user model: a new project's own, from its first migration. It is recorded, and a record
    # without it predates it (its database holds auth.User), so an update keeps that (record.py).
    PrivateKey("__user_model", "accounts.User"),
)


def draw(length: int) -> str:
    """A fresh random value drawn with :mod:`secrets` from the letters cookiecutter's
    ``random_ascii_string`` uses (safe unquoted in URLs, YAML and ``.env``)."""
    return "".join(secrets.choice(string.ascii_letters) for _ in range(length))


def template_defaults(template_dir: Path) -> dict[str, Any]:
    """The template's own ``cookiecutter.json``."""
    return json.loads((template_dir / "cookiecutter.json").read_text(encoding="utf-8"))


def private_context(
    template_dir: Path, carried: Mapping[str, Any] | None = None, answers: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The template's private keys: values the project carries win; ``random_ascii_string(N)``, after
    an optional marker, is drawn with :func:`draw`; other ``__`` keys are rendered as cookiecutter
    renders them."""
    carried = carried or {}
    private: dict[str, Any] = {}
    for key, value in template_defaults(template_dir).items():
        if not key.startswith("_") or key == "__prompts__":
            continue
        if key in carried:
            private[key] = carried[key]
        elif isinstance(value, str) and (match := _RANDOM.match(value)):
            private[key] = match.group(1) + draw(int(match.group(2)))
        elif key.startswith("__") and isinstance(value, str) and "{" in value:
            private[key] = _render_value(value, {**(answers or {}), **private})
        else:
            private[key] = value
    return private


def _render_value(raw: str, context: Mapping[str, Any]) -> str:
    from cookiecutter.environment import StrictEnvironment

    return (
        StrictEnvironment(context={"cookiecutter": dict(context)})
        .from_string(raw)
        .render(cookiecutter=context)
    )


__all__ = ["DEV_MARKERS", "DEV_VALUES", "PRIVATE_KEYS", "PrivateKey", "draw", "private_context", "template_defaults"]
