"""Render a template folder — a released snapshot or the installed template — into memory.

``newproj update`` renders twice: the recorded answers with the recorded release (the merge base)
and the new answers with the installed template. Each release brings its own answers model
(``hooks/answers.py``), loaded in-process, so its own validation and post-generation rules (which
files to remove) apply to its own render.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import string
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from newproj.errors import InvalidAnswer, RenderError
from newproj.origin import TEMPLATE_ID

#: ``{{ random_ascii_string(N) }}`` after an optional literal marker (``django-insecure-``).
_RANDOM = re.compile(r"^([A-Za-z0-9_-]*)\{\{\s*random_ascii_string\((\d+)\)\s*\}\}$")


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


#: Where a generated hook's Jinja wrapper starts: the model's plain Python source is above it.
_HOOK_MAIN = "# {% endraw %}"


def model_source(template_dir: Path) -> tuple[Path, str]:
    """The answers model a template release carries, as Python source.

    Release 1 keeps it in ``hooks/answers.py``; later releases carry it inside the generated
    ``hooks/post_gen_project.py`` (the model and its post-generation rules, above the Jinja part).
    """
    hooks = template_dir / "hooks"
    answers = hooks / "answers.py"
    if answers.is_file():
        return answers, answers.read_text(encoding="utf-8")
    post = hooks / "post_gen_project.py"
    text = post.read_text(encoding="utf-8") if post.is_file() else ""
    if _HOOK_MAIN not in text:
        raise RenderError(f"{template_dir} carries no answers model (hooks/answers.py or a generated hook)")
    return post, text.split(_HOOK_MAIN, 1)[0]


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
def slug_allowed(model: ModuleType, slug: str) -> Iterator[None]:
    """Within the block, ``model`` does not refuse ``slug`` for being importable: a project's own
    package is, from its folder or once the team installs it, and it was accepted when generated."""
    original = getattr(model, "_is_installed", None)
    if original is None:
        yield
        return
    model._is_installed = lambda name: name != slug and original(name)
    try:
        yield
    finally:
        model._is_installed = original


@contextlib.contextmanager
def refusals_as_usage(model: ModuleType, sources: Mapping[str, str] | None = None) -> Iterator[None]:
    """Within the block, a refusal by ``model`` (a loaded template's own answers model, whose
    ``AnswerError`` is another class than the package's) is the usage error every refusal is,
    naming where the value came from (``--port``, ``.cruft.json``)."""
    try:
        yield
    except getattr(model, "AnswerError", ValueError) as err:
        field = getattr(err, "field", "")
        raise InvalidAnswer(err, (sources or {}).get(field, "")) from err


def draw(length: int) -> str:
    """A fresh random value drawn with :mod:`secrets` from the letters cookiecutter's
    ``random_ascii_string`` uses (safe unquoted in URLs, YAML and ``.env``)."""
    return "".join(secrets.choice(string.ascii_letters) for _ in range(length))


def private_context(
    template_dir: Path, carried: Mapping[str, Any], answers: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The template's private keys: values the project carries win; ``random_ascii_string(N)``, after
    an optional marker, is drawn with :mod:`secrets`; other ``__`` keys are rendered as cookiecutter
    renders them."""
    defaults = json.loads((template_dir / "cookiecutter.json").read_text(encoding="utf-8"))
    private: dict[str, Any] = {}
    for key, value in defaults.items():
        if not key.startswith("_") or key == "__prompts__":
            continue
        if key in carried:
            private[key] = carried[key]
        elif isinstance(value, str) and (match := _RANDOM.match(value)):
            private[key] = match.group(1) + draw(int(match.group(2)))
        elif key.startswith("__") and isinstance(value, str) and "{" in value:
            private[key] = _render_value(value, {**(answers or {}), **private})
        else:
            private[key] = value
    return private


def _render_value(raw: str, context: Mapping[str, Any]) -> str:
    from cookiecutter.environment import StrictEnvironment

    return (
        StrictEnvironment(context={"cookiecutter": dict(context)})
        .from_string(raw)
        .render(cookiecutter=context)
    )


def _bytecode_cache() -> Any:
    """render.py's Jinja bytecode cache when it offers one (compiling is most of a render's time)."""
    from newproj import render

    maker = getattr(render, "_bytecode_cache", None)
    return maker() if maker else None


def _read_tree(root: Path) -> dict[str, RenderedFile]:
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            files[path.relative_to(root).as_posix()] = RenderedFile(
                path.read_bytes(), path.stat().st_mode & 0o777
            )
    return files


def render(
    template_dir: Path, model: ModuleType, answers: Mapping[str, Any], carried: Mapping[str, Any]
) -> Rendering:
    """Render ``template_dir`` for ``answers`` (validated by ``model``) into memory.

    ``carried`` are the project's own private values (``__dev_*``), passed as inputs so that two
    renders agree on them. The release's ``finish_project`` prunes files and writes the record.
    """
    from cookiecutter.exceptions import CookiecutterException, UndefinedVariableInTemplate
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError

    known = {name: answers[name] for name in model.FIELD_NAMES if name in answers}
    slug = str(answers.get("project_slug", ""))
    with slug_allowed(model, slug), refusals_as_usage(model):
        values = model.build_answers(known).to_context()
    with tempfile.TemporaryDirectory(prefix="newproj-update-") as tmp:
        cache = _bytecode_cache()
        context = {
            **private_context(template_dir, carried, values),
            **values,
            "_template": TEMPLATE_ID,
            "_repo_dir": str(template_dir),
            "_output_dir": tmp,
            "_checkout": None,
        }
        env_vars = {"_jinja2_env_vars": {"bytecode_cache": cache}} if cache else {}
        try:
            project = Path(
                generate_files(
                    repo_dir=str(template_dir),
                    context={"cookiecutter": {**context, **env_vars}},
                    output_dir=tmp,
                    accept_hooks=False,
                )
            )
        except UndefinedVariableInTemplate as err:
            raise RenderError(f"{err.message}: {err.error.message}") from err
        except (CookiecutterException, TemplateError) as err:
            raise RenderError(str(err)) from err
        with slug_allowed(model, slug):
            model.finish_project(str(project), context)
        files = _read_tree(project)
    record = json.loads(files.pop(".cruft.json").data)
    return Rendering(files, record, context)


__all__ = [
    "TEMPLATE_ID",
    "RenderedFile",
    "slug_allowed",
    "Rendering",
    "draw",
    "load_model",
    "private_context",
    "refusals_as_usage",
    "render",
]
