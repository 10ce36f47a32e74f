"""The one render path: cookiecutter's ``generate_files`` into a folder, then pruning and the record.

``newproj init`` renders into the target (or a staging folder beside it), ``--dry-run`` into a
temporary folder, and ``newproj update`` renders twice in memory: the recorded answers with the
recorded release (the merge base) and the new answers with the installed template. All four go
through :func:`render_into`; a release's own answers model says only which files its answers leave
out (``remove``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newproj.answers.prune import prune
from newproj.errors import RenderError
from newproj.project.origin import installed_origin
from newproj.project.private import private_context
from newproj.project.record import RECORD_NAME, cruft_record, record_text


@dataclass(frozen=True)
class RenderedFile:
    data: bytes
    mode: int


@dataclass(frozen=True)
class Rendering:
    """The files of one render by path, the record it wrote, and the context it used."""

    files: dict[str, RenderedFile]
    record: dict[str, Any]
    context: dict[str, Any]


def bytecode_cache(template_version: str) -> Any:
    """A Jinja bytecode cache in the user's cache folder: compiling the templates is most of a
    render's time. Jinja keys entries on each template's source checksum, so an updated
    template is never served stale. None when the folder cannot be made.

    Jinja names an entry by the template's path alone, so each template version gets its own
    folder: ``newproj update`` renders the recorded release and the installed template, whose
    files share paths, and would otherwise evict each other's entries (and the next ``init``'s).

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
    folder = os.path.join(base, "newproj", "jinja", template_version)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return ForgivingBytecodeCache(folder)


def build_context(
    template_dir: Path, answers: Mapping[str, Any], carried: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The cookiecutter context of a render: the template's private keys (``carried`` values kept,
    the others drawn), the validated answers, and where the template came from."""
    origin = installed_origin()  # a git URL and commit when newproj was installed from git
    return {
        **private_context(template_dir, carried, answers),
        **answers,
        "_template": origin.template,
        "_commit": origin.commit,
        "_repo_dir": str(template_dir),
        "_checkout": None,
    }


def render_into(folder: Path, template_dir: Path, context: Mapping[str, Any], remove: Iterable[str]) -> Path:
    """Render ``template_dir`` with ``context`` into ``folder`` with cookiecutter's own generation
    code, remove the files ``remove`` names, and write the record; return the project folder.

    Hooks are not run: the model already validated the answers, and pruning is the same function
    the template's hook calls, run in-process.
    """
    from cookiecutter.exceptions import CookiecutterException, UndefinedVariableInTemplate
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError

    cache = bytecode_cache(str(context["_newproj_template_version"]))
    full = {
        **context,
        "_output_dir": str(folder),
        # cookiecutter passes these to its Jinja environment
        "_jinja2_env_vars": {"bytecode_cache": cache} if cache else {},
    }
    try:
        project = Path(
            generate_files(
                repo_dir=str(template_dir),
                context={"cookiecutter": full},
                output_dir=str(folder),
                accept_hooks=False,
            )
        )
    except UndefinedVariableInTemplate as err:
        raise RenderError(f"{err.message}: {err.error.message}") from err
    except (CookiecutterException, TemplateError) as err:
        raise RenderError(str(err)) from err
    prune(str(project), remove)
    (project / RECORD_NAME).write_text(record_text(cruft_record(context)), encoding="utf-8")
    return project


def list_files(root: Path) -> tuple[str, ...]:
    """The files under ``root``, as sorted POSIX paths relative to it."""
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def render_in_memory(template_dir: Path, context: Mapping[str, Any], remove: Iterable[str]) -> Rendering:
    """:func:`render_into` a temporary folder, read back: the files, the record, the context."""
    with tempfile.TemporaryDirectory(prefix="newproj-render-") as tmp:
        project = render_into(Path(tmp), template_dir, context, remove)
        files = {
            relative: RenderedFile((project / relative).read_bytes(), (project / relative).stat().st_mode & 0o777)
            for relative in list_files(project)
        }
    record = cruft_record(context)
    files.pop(RECORD_NAME)
    return Rendering(files, record, dict(context))


__all__ = [
    "RenderedFile",
    "Rendering",
    "build_context",
    "bytecode_cache",
    "list_files",
    "render_in_memory",
    "render_into",
]
