"""Every sentence newproj says to a person, in English and Korean.

Every catalogue has one shape, ``{key: {"en": ..., "ko": ...}}``, and :func:`t` is the one lookup of
what commands say (``core``, ``update``, ``doctor``, ``serve``). Help texts (``help``) are handed to typer by
:func:`newproj.messages.help.help_text` on top of the same lookup; the answers model's refusals
(:mod:`newproj.answers.messages`) stay beside the model, standard library only, in the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newproj.messages import core, doctor, serve, update

#: What :func:`t` looks up: the keys of these catalogues never repeat (a test holds it).
SAID: tuple[Mapping[str, Mapping[str, str]], ...] = (
    core.MESSAGES,
    update.MESSAGES,
    doctor.MESSAGES,
    serve.MESSAGES,
)
_SAID: dict[str, Mapping[str, str]] = {key: texts for catalogue in SAID for key, texts in catalogue.items()}


def lookup(catalogue: Mapping[str, Mapping[str, str]], key: str, lang: str = "en", /, **params: Any) -> str:
    """The text ``key`` of ``catalogue`` in ``lang`` (English when the language has none), formatted."""
    texts = catalogue[key]
    return texts.get(lang, texts["en"]).format(**params)


def t(key: str, lang: str = "en", /, **params: Any) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``."""
    return lookup(_SAID, key, lang, **params)


__all__ = ["SAID", "lookup", "t"]
