"""Where the cookiecutter templates are: inside the installed package, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_root() -> Path:
    """The folder holding the templates.

    A wheel carries them as ``newproj/templates``; an editable install or a source checkout
    keeps them at the top of the repository (``generator/newproj`` -> ``templates``).
    """
    for candidate in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent.parent / "templates"):
        if (candidate / "django" / "cookiecutter.json").is_file():
            return candidate
    raise FileNotFoundError(f"newproj's templates are missing beside {_PACKAGE_DIR}; reinstall newproj")


def django_template() -> Path:
    """The Django project template (a cookiecutter template folder)."""
    return templates_root() / "django"


__all__ = ["django_template", "templates_root"]
