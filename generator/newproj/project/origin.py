"""Where the installed template came from, as the record (``.cruft.json``) names it.

When newproj was installed from git (``pip install git+https://…/newproj``), pip wrote PEP 610's
``direct_url.json`` with the repository's URL and the commit: the record then names them, as
``cruft create`` would, so that ``cruft check``, ``diff`` and ``update`` work on a project newproj
made. Any other install (a wheel, a local folder) has no commit anyone else can fetch, so the
record names the template ``newproj:django``; only ``newproj update`` reads it then.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

#: The record's ``template`` when newproj was not installed from a git URL.
TEMPLATE_ID = "newproj:django"


@dataclass(frozen=True)
class Origin:
    template: str
    commit: str | None = None


UNKNOWN = Origin(TEMPLATE_ID)


def origin_from_direct_url(text: str | None) -> Origin:
    """The origin a ``direct_url.json`` text gives: a git URL and commit, else :data:`UNKNOWN`."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return UNKNOWN
    if not isinstance(data, dict):
        return UNKNOWN
    vcs = data.get("vcs_info")
    url = data.get("url")
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not isinstance(url, str):
        return UNKNOWN
    commit = vcs.get("commit_id")
    if not isinstance(commit, str) or not commit:
        return UNKNOWN
    return Origin(url.removeprefix("git+"), commit)


def installed_direct_url() -> str | None:
    """The installed newproj distribution's ``direct_url.json``, if pip wrote one."""
    from importlib import metadata  # imported when asked: it costs a start-up more than the rest here

    try:
        return metadata.distribution("newproj").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def installed_origin() -> Origin:
    """The origin of the installed newproj distribution (:data:`UNKNOWN` when it cannot tell)."""
    return origin_from_direct_url(installed_direct_url())


__all__ = ["TEMPLATE_ID", "UNKNOWN", "Origin", "installed_direct_url", "installed_origin", "origin_from_direct_url"]
