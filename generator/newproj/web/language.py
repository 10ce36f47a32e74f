"""The language of an answer: English or Korean, from the request's ``Accept-Language``."""

from __future__ import annotations

import re

from newproj.messages.core import LANGUAGES

_RANGE = re.compile(r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*$")


def accept_language(header: str | None) -> str:
    """The best of ``en``/``ko`` for an ``Accept-Language`` header; English when none fits."""
    best, best_q = "en", 0.0
    for item in (header or "").split(",")[:32]:
        match = _RANGE.match(item)
        if not match:
            continue
        try:
            q = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        primary = match.group(1).lower()
        # Ties go to the earlier range: the header lists preferences in order, so only a higher q wins.
        if primary in LANGUAGES and q > best_q and q > 0:
            best, best_q = primary, q
    return best
