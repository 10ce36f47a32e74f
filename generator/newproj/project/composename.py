"""The Compose project name of a folder, and the ``.env`` line that gives one where the folder cannot.

Compose names a project after its folder: Compose v2 (compose-go's ``NormalizeProjectName``) keeps
the lower-cased ASCII letters, digits, ``-`` and ``_`` and trims leading ``-``/``_``; with nothing left
(a folder named ``팀 프로젝트``) it refuses to run ("project name must not be empty"), and Compose 1.29
calls the project ``default``. A top-level ``name:`` in the compose file would do, but Compose 1.29
refuses that key. Both read ``COMPOSE_PROJECT_NAME`` from the project's ``.env``, the file for this
checkout's own settings: the folder's name belongs to the checkout, not to the team's repository.
"""

from __future__ import annotations

import re

#: The variable both Compose versions read (from the environment or ``.env``) before the folder's name.
PROJECT_NAME_VARIABLE = "COMPOSE_PROJECT_NAME"
ENV_FILE = ".env"

_COMMENT = {
    "en": (
        "# Compose names a project after its folder, and {folder!r} has no ASCII letter or digit to make a\n"
        "# name of (Compose v2 would refuse to start; 1.29 would call it \"default\"). This checkout names it here.\n"
        "# A clone in a folder whose name has an ASCII letter or digit needs no .env.\n"
    ),
    "ko": (
        "# Compose 는 폴더 이름으로 프로젝트 이름을 짓는데, {folder!r} 에는 이름에 쓸 ASCII 글자나 숫자가 없습니다\n"
        "# (Compose v2 는 시작하지 않고, 1.29 는 \"default\" 라고 부릅니다). 그래서 이 체크아웃은 여기서 이름을 정합니다.\n"
        "# ASCII 글자나 숫자가 있는 이름의 폴더에 클론하면 .env 가 필요 없습니다.\n"
    ),
}


def compose_project_name(folder_name: str) -> str:
    """The project name Compose v2 derives from a folder's name ('' when it cannot derive one)."""
    return "".join(re.findall(r"[a-z0-9_-]", folder_name.lower())).lstrip("_-")


def env_text(folder_name: str, slug: str, language: str) -> str | None:
    """The ``.env`` a project in ``folder_name`` needs to start under both Compose versions, or None
    when its folder's name already gives one."""
    if compose_project_name(folder_name):
        return None
    comment = _COMMENT.get(language, _COMMENT["en"]).format(folder=folder_name)
    return f"{comment}{PROJECT_NAME_VARIABLE}={slug}\n"


__all__ = ["ENV_FILE", "PROJECT_NAME_VARIABLE", "compose_project_name", "env_text"]
