"""Render the Django template with cookiecutter, atomically, into the target folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newproj.errors import NewprojError, RenderError, TargetExistsError, UsageError
from newproj.model import Answers, cookiecutter_json, finish_project
from newproj.templates import django_template

TEMPLATE_ID = "newproj:django"
#: Files a ``--force`` run leaves alone when they exist: new secrets would lock the
#: project out of the database volume created with the old ones.
KEEP_IF_PRESENT = (".env",)


@dataclass(frozen=True)
class GenerationResult:
    """What :func:`generate` wrote."""

    path: Path
    files: tuple[str, ...]
    kept: tuple[str, ...] = ()


def _bytecode_cache() -> Any:
    """A Jinja bytecode cache in the user's cache folder: compiling the templates is most of a
    render's time. Jinja keys entries on each template's source checksum, so an updated
    template is never served stale. None when the folder cannot be made."""
    from jinja2 import FileSystemBytecodeCache

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "newproj", "jinja")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(folder)


def build_context(answers: Answers, output_dir: Path) -> dict[str, Any]:
    """The cookiecutter context: the template's private keys plus the validated answers."""
    private = {key: value for key, value in cookiecutter_json().items() if key.startswith("_")}
    template = django_template()
    cache = _bytecode_cache()
    return {
        "cookiecutter": {
            **private,
            **answers.to_context(),
            "_template": TEMPLATE_ID,
            "_repo_dir": str(template),
            "_output_dir": str(output_dir),
            "_checkout": None,
            # cookiecutter passes these to its Jinja environment
            "_jinja2_env_vars": {"bytecode_cache": cache} if cache else {},
        }
    }


def _render(answers: Answers, output_dir: Path) -> Path:
    """Render into ``output_dir`` with cookiecutter's own generation code; return the project folder."""
    from cookiecutter.exceptions import CookiecutterException, UndefinedVariableInTemplate
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError

    context = build_context(answers, output_dir)
    try:
        # Hooks are not run here: the model already validated the answers, and the
        # post-generation step is the same function the hook calls, run in-process.
        project = Path(
            generate_files(
                repo_dir=str(django_template()),
                context=context,
                output_dir=str(output_dir),
                accept_hooks=False,
            )
        )
    except UndefinedVariableInTemplate as err:
        raise RenderError(f"{err.message}: {err.error.message}") from err
    except (CookiecutterException, TemplateError) as err:
        raise RenderError(str(err)) from err
    finish_project(str(project), context["cookiecutter"])
    return project


def _list_files(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def plan(answers: Answers) -> tuple[str, ...]:
    """The files :func:`generate` would write, relative to the project folder (writes nothing)."""
    with tempfile.TemporaryDirectory(prefix="newproj-plan-") as tmp:
        return _list_files(_render(answers, Path(tmp)))


def check_target(target: Path, force: bool = False) -> None:
    """Refuse a target that is a file, or a non-empty folder without ``force``."""
    if target.exists() and not target.is_dir():
        raise UsageError("target_not_dir", path=target)
    if target.is_dir() and any(target.iterdir()) and not force:
        raise TargetExistsError(target)


def _merge(project: Path, target: Path, files: tuple[str, ...]) -> tuple[str, ...]:
    """Move rendered files into an existing folder, overwriting only those, deleting nothing."""
    kept = []
    for relative in files:
        destination = target / relative
        if relative in KEEP_IF_PRESENT and destination.exists():
            kept.append(relative)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(project / relative, destination)
    return tuple(kept)


def _missing_parents(path: Path) -> list[Path]:
    missing = []
    for parent in path.parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing


def generate(answers: Answers, target: Path | str, force: bool = False) -> GenerationResult:
    """Render the project for ``answers`` into ``target``.

    The project is rendered into a temporary folder beside ``target`` and moved into place
    only when complete, so an error or Ctrl-C leaves nothing behind. ``target`` must be
    missing or empty unless ``force`` is given; then only files the template produces are
    overwritten (an existing ``.env`` is kept) and nothing is deleted.
    """
    target = Path(target).absolute()
    check_target(target, force)
    created = _missing_parents(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".newproj-", dir=target.parent))
    except OSError as err:
        raise UsageError("write_failed", path=target.parent, detail=err.strerror or err) from err
    done = False
    try:
        try:
            project = _render(answers, staging)
        except OSError as err:
            raise UsageError("write_failed", path=target, detail=err.strerror or err) from err
        files = _list_files(project)
        kept: tuple[str, ...] = ()
        try:
            if target.is_dir() and not any(target.iterdir()):
                target.rmdir()
            if target.exists():
                kept = _merge(project, target, files)
            else:
                os.rename(project, target)
        except OSError as err:
            raise UsageError("write_failed", path=target, detail=err.strerror or err) from err
        done = True
        return GenerationResult(path=target, files=files, kept=kept)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done:
            for folder in created:
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()


__all__ = ["GenerationResult", "NewprojError", "build_context", "check_target", "generate", "plan"]
