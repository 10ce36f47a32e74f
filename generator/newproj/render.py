"""Render the Django template with cookiecutter into the target folder, all or nothing."""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newproj.composename import ENV_FILE, env_text
from newproj.errors import CannotWrite, NewprojError, RenderError, TargetExistsError, UsageError
from newproj.model import DEV_VALUES, Answers, cookiecutter_json, finish_project, private_values
from newproj.origin import installed_origin
from newproj.templates import django_template

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
    template is never served stale. None when the folder cannot be made.

    A cache is only an optimisation: a folder left unwritable by an earlier ``sudo newproj``,
    a full disk or a damaged entry makes a render slower, never fail.
    """
    from jinja2 import FileSystemBytecodeCache

    class ForgivingBytecodeCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # an unreadable or damaged entry: compile from source
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "newproj", "jinja")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return ForgivingBytecodeCache(folder)


def build_context(
    answers: Answers, output_dir: Path, dev_values: dict[str, str] | None = None
) -> dict[str, Any]:
    """The cookiecutter context: the template's private keys plus the validated answers.

    ``dev_values`` are the committed development values (a recorded set, to render again);
    fresh ones are drawn when it is None."""
    private = {key: value for key, value in cookiecutter_json().items() if key.startswith("_")}
    template = django_template()
    cache = _bytecode_cache()
    origin = installed_origin()  # a git URL and commit when newproj was installed from git
    return {
        "cookiecutter": {
            **private,
            **(private_values() if dev_values is None else dev_values),
            **answers.to_context(),
            "_template": origin.template,
            "_commit": origin.commit,
            "_repo_dir": str(template),
            "_output_dir": str(output_dir),
            "_checkout": None,
            # cookiecutter passes these to its Jinja environment
            "_jinja2_env_vars": {"bytecode_cache": cache} if cache else {},
        }
    }


def recorded_dev_values(project: Path) -> dict[str, str] | None:
    """The development values in ``project``'s ``.cruft.json``, or None when there are none:
    rendering over a project keeps them, so its database volume still opens."""
    try:
        record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
        values = {key: record["context"]["cookiecutter"][key] for key in DEV_VALUES}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return values if all(isinstance(value, str) and value for value in values.values()) else None


def _render(answers: Answers, output_dir: Path, dev_values: dict[str, str] | None = None) -> Path:
    """Render into ``output_dir`` with cookiecutter's own generation code; return the project folder."""
    from cookiecutter.exceptions import CookiecutterException, UndefinedVariableInTemplate
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError

    context = build_context(answers, output_dir, dev_values)
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
    finish_project(str(project), context["cookiecutter"], context["cookiecutter"]["_commit"])
    return project


def _list_files(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def plan(answers: Answers, folder_name: str | None = None) -> tuple[str, ...]:
    """The files :func:`generate` would write into a folder named ``folder_name``, relative to it
    (writes nothing)."""
    try:
        with tempfile.TemporaryDirectory(prefix="newproj-plan-") as tmp:
            project = _render(answers, Path(tmp))
            _name_the_compose_project(project, folder_name or answers.project_slug, answers)
            return _list_files(project)
    except OSError as err:
        raise _write_error(err, Path(tempfile.gettempdir())) from err


def _name_limits(path: Path) -> tuple[int, int]:
    """(longest name, longest path) in bytes on the file system that would hold ``path``."""
    existing = next((p for p in (path, *path.parents) if os.path.isdir(p)), Path("/"))
    limits = []
    for name, fallback in (("PC_NAME_MAX", 255), ("PC_PATH_MAX", 4096)):
        try:
            limits.append(os.pathconf(existing, name))
        except (OSError, ValueError):
            limits.append(fallback)
    return limits[0], limits[1]


def _shorten(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def check_name_length(target: Path) -> None:
    """Refuse a target whose name (or whole path) the file system cannot hold, before anything is made."""
    name_max, path_max = _name_limits(target)
    for folder in reversed(_missing_parents(target)):  # the names to be made, outermost first
        length = len(os.fsencode(folder.name))
        if length > name_max:
            raise UsageError(
                "target_name_too_long", name=_shorten(folder.name), length=length, limit=name_max
            )
    length = len(os.fsencode(str(target)))
    if length >= path_max:
        raise UsageError("target_path_too_long", name=_shorten(str(target)), length=length, limit=path_max)


def _write_error(err: OSError, fallback: Path) -> NewprojError:
    """The error to report for ``err``: a name too long is a usage error, the rest cannot-write."""
    path = err.filename if err.filename is not None else fallback
    if err.errno == errno.ENAMETOOLONG:
        name = os.fsdecode(path)
        return UsageError(
            "target_path_too_long",
            name=_shorten(name),
            length=len(os.fsencode(name)),
            limit=_name_limits(Path(name))[1],
        )
    return CannotWrite(path=path, detail=err.strerror or err)


def check_target(target: Path, force: bool = False) -> None:
    """Refuse a name too long, a target that is a file, or a non-empty folder without ``force``."""
    check_name_length(target)
    try:
        if target.exists() and not target.is_dir():
            raise UsageError("target_not_dir", path=target)
        if target.is_dir() and any(target.iterdir()) and not force:
            raise TargetExistsError(target)
    except OSError as err:  # e.g. a parent folder we may not enter
        raise _write_error(err, target) from err


class _Moves:
    """Rendered files moved into the target, with what they replaced set aside, so that a
    failure (or Ctrl-C) part-way can put the folder back exactly as it was."""

    def __init__(self, target: Path, backup: Path) -> None:
        self.target = target
        self.backup = backup
        self.placed: list[Path] = []
        self.saved: list[str] = []
        self.made: list[Path] = []

    def place(self, source: Path, relative: str) -> None:
        destination = self.target / relative
        self._make_folders(destination.parent)
        if os.path.lexists(destination):
            if destination.is_dir() and not destination.is_symlink():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(destination))
            saved = self.backup / relative
            saved.parent.mkdir(parents=True, exist_ok=True)
            os.rename(destination, saved)
            self.saved.append(relative)
        os.rename(source, destination)
        self.placed.append(destination)

    def _make_folders(self, folder: Path) -> None:
        missing = []
        while not os.path.lexists(folder):
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            new.mkdir()
            self.made.append(new)

    def undo(self) -> bool:
        """Remove what was placed and put back what was set aside; False if anything could not be."""
        complete = True
        steps = [
            *((os.remove, (path,)) for path in reversed(self.placed)),
            *((os.rename, (self.backup / rel, self.target / rel)) for rel in reversed(self.saved)),
            *((os.rmdir, (folder,)) for folder in reversed(self.made)),
        ]
        for step, args in steps:
            try:
                step(*args)
            except OSError:
                complete = False
        return complete


def _missing_parents(path: Path) -> list[Path]:
    """``path`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    return missing


def generate(answers: Answers, target: Path | str, force: bool = False) -> GenerationResult:
    """Render the project for ``answers`` into ``target``.

    ``target`` must be missing or empty unless ``force`` is given; then only files the template
    produces are overwritten (an existing ``.env`` is kept) and nothing is deleted.

    All or nothing. A missing ``target`` is rendered beside it in a hidden folder that is renamed
    into place when complete. An existing one (empty, or with ``force``) is never deleted or
    renamed, so it may be a mount point or sit in a folder we may not write: the project is
    rendered in a hidden folder inside it (the same file system), then each file is moved into
    place, what it replaces being set aside first. If anything fails, or Ctrl-C arrives, every
    moved file is removed, every replaced one put back, and folders made for the run removed.
    (Should putting a file back fail too, the set-aside copies stay in ``target/.newproj-*``.)
    """
    target = Path(target).absolute()
    check_target(target, force)
    fresh = not os.path.lexists(target)
    created = _missing_parents(target.parent)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".newproj-", dir=target.parent if fresh else target))
    except OSError as err:
        _remove_empty(created)
        raise _write_error(OSError(err.errno, err.strerror), target) from err
    moves = _Moves(target, work / ".replaced")
    done = False
    try:
        try:
            project = _render(answers, work, recorded_dev_values(target) if force else None)
            _name_the_compose_project(project, target.name, answers)
            files = _list_files(project)
            kept = []
            if fresh:
                os.rename(project, target)
            for relative in () if fresh else files:
                if force and relative in KEEP_IF_PRESENT and os.path.lexists(target / relative):
                    kept.append(relative)
                else:
                    moves.place(project / relative, relative)
        except OSError as err:
            raise _write_error(err, target) from err
        done = True
        return GenerationResult(path=target, files=files, kept=tuple(kept))
    finally:
        if done or moves.undo():
            shutil.rmtree(work, ignore_errors=True)
        if not done:
            _remove_empty(created)


def _name_the_compose_project(project: Path, folder_name: str, answers: Answers) -> None:
    """A folder whose name gives Compose no project name gets a ``.env`` naming it (see composename)."""
    text = env_text(folder_name, answers.project_slug, answers.language)
    if text is not None:
        (project / ENV_FILE).write_text(text, encoding="utf-8")


def _remove_empty(folders: list[Path]) -> None:
    """Remove each of ``folders`` (deepest first) that exists and is empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


__all__ = [
    "GenerationResult",
    "NewprojError",
    "build_context",
    "check_target",
    "generate",
    "plan",
    "recorded_dev_values",
]
