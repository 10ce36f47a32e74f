"""The feature options of ``init`` and ``update``: ``--with``, ``--without`` and ``--minimal``.

They become ``use_<id>`` answers with the flag as their source, so the model's refusals name it
(``--with: the worker feature needs redis; ...``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import typer

from newproj.answers.features import FEATURES, FEATURES_BY_ID, with_requirements
from newproj.errors import UsageError
from newproj.messages.help import help_text


def with_option(recorded: bool = False) -> Any:
    """``--with``; ``recorded`` for update, where a feature not named keeps what the record says."""
    listing = {lang: "; ".join(f"{f.id}: {f.description[lang]}" for f in FEATURES) for lang in ("en", "ko")}
    defaults = ", ".join(f.id for f in FEATURES if f.default)
    key = "features.with_recorded" if recorded else "features.with"
    text = help_text(key, listing=listing, defaults=defaults)
    return typer.Option("--with", help=text, metavar="FEATURES", show_default=False)


def without_option() -> Any:
    return typer.Option(
        "--without", help=help_text("features.without"), metavar="FEATURES", show_default=False
    )


def minimal_option() -> Any:
    return typer.Option("--minimal", help=help_text("features.minimal"))


@dataclass(frozen=True)
class FeatureFlags:
    """Answers given by the feature flags, and the flag each came from."""

    values: dict[str, bool] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def _ids(flag: str, given: Sequence[str] | None) -> set[str]:
    ids: set[str] = set()
    for item in given or ():
        for ident in (part.strip() for part in item.split(",")):
            if not ident:
                continue
            if ident not in FEATURES_BY_ID:
                raise UsageError(
                    "unknown_feature", flag=flag, value=ident, known=", ".join(f.id for f in FEATURES)
                )
            ids.add(ident)
    return ids


def feature_flags(
    added: Sequence[str] | None, removed: Sequence[str] | None, minimal: bool = False
) -> FeatureFlags:
    """``--with``/``--without``/``--minimal`` as ``use_<id>`` answers.

    ``--with`` brings each feature's requirements, except one named by ``--without`` too (then
    the model refuses the pair, naming ``--with``). ``--minimal`` turns off every feature not added.
    """
    wanted = _ids("--with", added)
    unwanted = _ids("--without", removed)
    both = sorted(wanted & unwanted)
    if both:
        raise UsageError("feature_both", value=", ".join(both))
    values: dict[str, bool] = {}
    sources: dict[str, str] = {}
    if minimal:
        for feature in FEATURES:
            values[feature.key], sources[feature.key] = False, "--minimal"
    for ident in unwanted:
        values[FEATURES_BY_ID[ident].key], sources[FEATURES_BY_ID[ident].key] = False, "--without"
    for ident in with_requirements(wanted) - unwanted:
        values[FEATURES_BY_ID[ident].key], sources[FEATURES_BY_ID[ident].key] = True, "--with"
    return FeatureFlags(values, sources)
