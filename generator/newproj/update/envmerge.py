"""``.env`` merged by key: it holds secrets and is never committed, so no line-based merge.

- A key the project has keeps its value when it is a secret, or when the team changed it;
  otherwise it follows the new render (a port in ``DJANGO_CSRF_TRUSTED_ORIGINS``).
- A key the new answers need and the project lacks is added with the new render's fresh value;
  the password inside ``DATABASE_URL`` is then made the one the database is given.
- A key the template set but the new answers no longer use is commented out with a note.
- Lines the team added are left where they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from newproj.messages import t

_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
_SECRET_NAME = re.compile(r"(PASSWORD|SECRET_KEY|SECRET|TOKEN)$")
_URL_PASSWORD = re.compile(r"^([a-z0-9+]+://[^:/@]*:)([^@]*)(@.*)$")
_EXAMPLE_KEY = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=")

#: The ``.env`` keys in which release 1 kept what later releases call the development values.
LEGACY_DEV_KEYS = {
    "__dev_secret_key": ("DJANGO_SECRET_KEY",),
    "__dev_db_password": ("POSTGRES_PASSWORD", "MYSQL_PASSWORD", "MARIADB_PASSWORD"),
}


@dataclass(frozen=True)
class EnvMerge:
    text: str
    added: tuple[str, ...]
    updated: tuple[str, ...]
    retired: tuple[str, ...]


def parse(text: str) -> dict[str, str]:
    """``KEY=value`` pairs of a ``.env`` text (comments and blank lines skipped)."""
    pairs = {}
    for line in text.splitlines():
        match = _ASSIGNMENT.match(line.strip())
        if match:
            pairs[match.group(1)] = match.group(2)
    return pairs


def is_secret(key: str) -> bool:
    return bool(_SECRET_NAME.search(key))


def url_password(value: str) -> str | None:
    """The password of a ``scheme://user:password@host`` value, or None."""
    match = _URL_PASSWORD.match(value)
    return match.group(2) if match else None


def _masked(value: str) -> str:
    match = _URL_PASSWORD.match(value)
    return f"{match.group(1)}***{match.group(3)}" if match else value


def _settle(key: str, ours: str, base: str | None, theirs: str) -> str:
    if is_secret(key):
        return ours
    if base is not None and _masked(ours) == _masked(base):  # untouched by the team: follow the template
        return theirs  # a URL's password is set by _consistent
    return ours


def _consistent(values: dict[str, str], theirs: Mapping[str, str]) -> None:
    """Make each URL carry the password its database is given: in the new render both were
    the same value, so the key holding that value names the password the URL must use."""
    for key, value in values.items():
        password = url_password(theirs.get(key, ""))
        if password is None or url_password(value) is None:
            continue
        holders = [k for k, v in theirs.items() if k != key and v == password and k in values]
        if holders:
            match = _URL_PASSWORD.match(value)
            assert match is not None  # url_password(value) found one
            values[key] = f"{match.group(1)}{values[holders[0]]}{match.group(3)}"


def merge_env(ours: str, base: str, theirs: str, lang: str = "en") -> EnvMerge:
    """Merge the new render's ``.env`` (``theirs``) into the project's (``ours``), by key."""
    ours_pairs, base_pairs, theirs_pairs = parse(ours), parse(base), parse(theirs)
    settled = {
        key: _settle(key, ours_pairs[key], base_pairs.get(key), value) if key in ours_pairs else value
        for key, value in theirs_pairs.items()
    }
    _consistent(settled, theirs_pairs)
    retired = tuple(k for k in ours_pairs if k not in theirs_pairs and k in base_pairs)
    lines = []
    for line in ours.splitlines():
        match = _ASSIGNMENT.match(line.strip())
        key = match.group(1) if match else None
        if key in settled:
            lines.append(f"{key}={settled[key]}")
        elif key in retired:
            lines += [t("env_note_unused", lang), f"# {line}"]
        else:
            lines.append(line)
    added = tuple(k for k in theirs_pairs if k not in ours_pairs)
    lines += [f"{key}={settled[key]}" for key in added]
    updated = tuple(k for k in ours_pairs if k in settled and settled[k] != ours_pairs[k])
    text = "\n".join(lines) + "\n" if lines else ""
    return EnvMerge(text, added, updated, retired)


def example_keys(text: str) -> set[str]:
    """The keys a ``.env.example`` offers, set or commented out (``# KEY=``)."""
    return {m.group(1) for line in text.splitlines() if (m := _EXAMPLE_KEY.match(line.strip()))}


def dev_values_from_env(text: str) -> dict[str, str]:
    """The development values a release-1 ``.env`` holds, by private key (``__dev_db_password``):
    carried into the committed files of a later release, so that the database volume, which
    remembers its first password, still matches."""
    pairs = parse(text)
    found = {}
    for name, keys in LEGACY_DEV_KEYS.items():
        value = next((pairs[key] for key in keys if pairs.get(key)), None)
        if value is not None:
            found[name] = value
    return found


def retire_env(
    ours: str,
    base: str,
    used: set[str],
    same_database: bool,
    lang: str = "en",
    committed: Mapping[str, str] | None = None,
) -> EnvMerge:
    """The template no longer writes ``.env`` (its values moved into committed files, ``.env`` only
    overrides them): comment out what the team never changed, so the new committed values apply.

    A key whose value the new render now commits as it is (``committed``, from ``docker/dev.env``)
    and which ``.env`` can no longer override is commented out too: it was carried there.
    Kept: other secrets (a database volume remembers its password), the team's own values and keys,
    and a database URL carrying a kept password while the database stays the same (they must agree).
    """
    ours_pairs, base_pairs = parse(ours), parse(base)
    committed = committed or {}
    unused, defaulted, moved = [], [], []
    for key, value in ours_pairs.items():
        if key not in used and committed.get(key) == value:
            moved.append(key)
            continue
        if key not in base_pairs or is_secret(key):
            continue
        if key not in used:
            unused.append(key)
        elif _masked(value) == _masked(base_pairs[key]) and not (same_database and url_password(value)):
            defaulted.append(key)
    lines = []
    for line in ours.splitlines():
        match = _ASSIGNMENT.match(line.strip())
        key = match.group(1) if match else None
        if key in unused:
            lines += [t("env_note_unused", lang), f"# {line}"]
        elif key in defaulted:
            lines += [t("env_note_default", lang), f"# {line}"]
        elif key in moved:
            lines += [t("env_note_moved", lang), f"# {line}"]
        else:
            lines.append(line)
    text = "\n".join(lines) + "\n" if lines else ""
    return EnvMerge(text, (), (), tuple(unused + defaulted + moved))


def mask_secrets(text: str) -> str:
    """``text`` with secret values and URL passwords shown as ``***`` (for a printed diff)."""
    out = []
    for line in text.splitlines(keepends=True):
        match = _ASSIGNMENT.match(line.strip())
        if match and is_secret(match.group(1)):
            line = f"{match.group(1)}=***\n"
        elif match:
            line = f"{match.group(1)}={_masked(match.group(2))}\n"
        out.append(line)
    return "".join(out)


__all__ = [
    "EnvMerge",
    "dev_values_from_env",
    "example_keys",
    "is_secret",
    "mask_secrets",
    "merge_env",
    "parse",
    "retire_env",
    "url_password",
]
