"""A template release as ``newproj update`` renders it: its folder and its answers model.

The installed template's model is :mod:`newproj.answers` itself. An older release brings its own
model (release 1 in ``hooks/answers.py``, later ones inside a generated hook), loaded in-process
under a private name; :class:`ReleaseModel` is all ``newproj update`` asks of it, and its refusals
become the same :class:`~newproj.errors.InvalidAnswer` as the package's.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import newproj.answers
from newproj.errors import InvalidAnswer, RenderError, UsageError
from newproj.render.engine import Rendering, build_context, render_in_memory
from newproj.render.snapshots import RELEASES_DIR, base_key, cached_snapshot, released_versions
from newproj.render.templates import django_template


class ReleaseModel(Protocol):
    """What ``newproj update`` uses of a release's answers model (every release has these)."""

    FIELD_NAMES: tuple[str, ...]
    AnswerError: type[Exception]

    def build_answers(self, values: Mapping[str, Any]) -> Any: ...

    def files_to_remove(self, context: Mapping[str, Any]) -> list[str]: ...


#: Where a generated hook's Jinja wrapper starts: the model's plain Python source is above it.
_HOOK_MAIN = "# {% endraw %}"


def model_source(template_dir: Path) -> tuple[Path, str]:
    """The answers model a template release carries, as Python source.

    Release 1 keeps it in ``hooks/answers.py``; later releases carry it inside a generated hook
    (the whole model above the Jinja part): the post-generation hook up to release 6, the
    pre-generation hook since.
    """
    hooks = template_dir / "hooks"
    answers = hooks / "answers.py"
    if answers.is_file():
        return answers, answers.read_text(encoding="utf-8")
    for name in ("pre_gen_project.py", "post_gen_project.py"):
        path = hooks / name
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        model = text.split(_HOOK_MAIN, 1)[0]
        if _HOOK_MAIN in text and "def files_to_remove(" in model and "def build_answers(" in model:
            return path, model
    raise RenderError(f"{template_dir} carries no answers model (hooks/answers.py or a generated hook)")


def load_model(template_dir: Path, name: str) -> ModuleType:
    """Load the answers model of ``template_dir`` as module ``name`` (its hooks folder on the path)."""
    if name in sys.modules:
        return sys.modules[name]
    path, source = model_source(template_dir)
    module = ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module  # dataclasses look their module up here
    sys.path.insert(0, str(path.parent))  # a release's model may import its siblings
    try:
        exec(compile(source, str(path), "exec"), module.__dict__)
    except Exception:
        del sys.modules[name]
        raise
    finally:
        sys.path.remove(str(path.parent))
    return module


@contextlib.contextmanager
def _slug_accepted(model: Any, slug: str) -> Iterator[None]:
    """Within the block, an older release's ``model`` does not refuse ``slug`` for being importable
    (those releases judged a name by what was installed): a project's own package is, from its
    folder or once the team installs it, and it was accepted when generated. Today's model never
    looks at what is installed."""
    original = getattr(model, "_is_installed", None)  # a loaded release's own module, patched alone
    if original is None:
        yield
        return
    model._is_installed = lambda name: name != slug and original(name)
    try:
        yield
    finally:
        model._is_installed = original


@dataclass(frozen=True)
class Release:
    """A template folder and the answers model that judges its answers."""

    template_dir: Path
    model: ReleaseModel

    def answers(self, values: Mapping[str, Any], sources: Mapping[str, str] | None = None) -> dict[str, Any]:
        """``values`` validated by this release's model, as context values. The recorded package name
        is accepted although importable; a refusal is the usage error naming ``sources[field]``."""
        known = {name: values[name] for name in self.model.FIELD_NAMES if name in values}
        try:
            with _slug_accepted(self.model, str(values.get("project_slug", ""))):
                return self.model.build_answers(known).to_context()
        except self.model.AnswerError as err:
            field = getattr(err, "field", "")
            raise InvalidAnswer(err, (sources or {}).get(field, "")) from err

    def render(self, answers: Mapping[str, Any], carried: Mapping[str, Any]) -> Rendering:
        """Render this release for ``answers`` into memory; ``carried`` are the project's own private
        values (``__dev_*``), passed as inputs so that two renders agree on them."""
        values = self.answers(answers)
        context = build_context(self.template_dir, values, carried)
        return render_in_memory(self.template_dir, context, self.model.files_to_remove(context))

    @property
    def version(self) -> str:
        from newproj.project.private import template_defaults

        return str(template_defaults(self.template_dir)["_newproj_template_version"])


def installed() -> Release:
    """The installed template, judged by the package's own model."""
    return Release(django_template(), newproj.answers)


def released(version: str, releases_dir: Path = RELEASES_DIR, commit: str | None = None) -> Release:
    """Release ``version`` from the snapshots the wheel carries, with its own model. A template
    ``commit`` (cruft records it) that carried other content under that number gives that content."""
    if version not in released_versions(releases_dir):
        raise UsageError(
            "update_unknown_release", version=version, known=", ".join(released_versions(releases_dir))
        )
    template = cached_snapshot(base_key(version, commit, releases_dir), releases_dir)
    return Release(template, load_model(template, f"newproj._release_{version}_{abs(hash(template))}_answers"))


__all__ = ["Release", "ReleaseModel", "installed", "load_model", "model_source", "released"]
