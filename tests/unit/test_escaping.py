"""Answers inside files other languages read: each gets that language's escaping, so no answer breaks a file.

Free text (project name, description, author) lands in a few known places, each checked here by
reading the file back with that language's own parser. Every other answer is pasted as it is,
which is safe only because the model limits it to a safe alphabet: checked here too. And a test
fails as soon as free text lands in a file not in the table (say a label in the compose file),
so a new place cannot go unescaped.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt
from newproj.answers import FIELD_NAMES, AnswerError, build_answers, validate_field
from newproj.render.place import generate
from newproj.render.templates import django_template

tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")

#: Printable text the model accepts, each hostile to at least one language the answers land in.
HOSTILE = [
    pytest.param("A {% bad %}", id="django-tag"),
    pytest.param("{{ x }} and {# c #} vanish", id="django-variable-comment"),
    pytest.param('<script>alert("x")</script> & co', id="html"),
    pytest.param('Say "hi" \\ to TOML\\', id="quote-backslash"),
    pytest.param("'''triple''' \"\"\"triple\"\"\" \\n \\u0041 \\N{BULLET}", id="python-escapes"),
    pytest.param("key: value # not a comment, - [a] {b: c} !!str &anchor *alias", id="yaml"),
    pytest.param("$(rm -rf ~) ${HOME} `whoami` ; | && > out", id="shell"),
    pytest.param(
        "# *bold* _it_ [link](http://x) ![i](y) <b> | a | b | ~~s~~ $x$ &amp; \\*", id="markdown-inline"
    ),
    pytest.param("- item", id="markdown-list"),
    pytest.param("1. first", id="markdown-ordered"),
    pytest.param("---", id="markdown-rule"),
    pytest.param("> quote", id="markdown-quote"),
    pytest.param("KEY=value # x 'y' \"z\"", id="dotenv"),
    pytest.param('한국어 "따옴표" \\ 설명 🚀 café', id="non-ascii"),
    pytest.param("one\u2028two\u2029three\u00a0four", id="unicode-separators"),
]

#: Where each free-text answer lands, and in which language.
LANDS = {
    "project_name": {"README.md": "markdown", "pages/context_processors.py": "python", ".cruft.json": "json"},
    "description": {
        "README.md": "markdown",
        "pages/context_processors.py": "python",
        "pyproject.toml": "toml",
        ".cruft.json": "json",
    },
    "author": {"pyproject.toml": "toml", ".cruft.json": "json"},
}
FREE_TEXT = tuple(LANDS)


def render(tmp_path: Path, text: str, **values: str) -> Path:
    answers = {"project_slug": "shop", **{field: text for field in FREE_TEXT}, **values}
    return generate(build_answers(answers), tmp_path / "shop").path


def first_blocks(markdown: str, count: int = 2) -> list[tuple[str, str, set[str]]]:
    """(tag, plain text, token kinds) of the first headings and paragraphs; markup shows as other kinds."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    found = []
    for opening, inline in pairwise(tokens):
        if inline.type == "inline" and opening.type in ("heading_open", "paragraph_open"):
            children = inline.children or []
            text = "".join(child.content for child in children)
            found.append((opening.tag, text, {child.type for child in children}))
    return found[:count]


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("database", ["sqlite", "mariadb"])
def test_free_text_lands_only_in_the_files_that_escape_it(
    tmp_path: Path, language: str, database: str
) -> None:
    marks = {field: f"Zq{field.replace('_', '')}Qz" for field in FREE_TEXT}  # no markup in the mark
    project = generate(
        build_answers({"project_slug": "shop", "language": language, "database": database, **marks}),
        tmp_path / "shop",
    ).path
    for field, mark in marks.items():
        holding = {
            path.relative_to(project).as_posix()
            for path in project.rglob("*")
            if path.is_file() and mark in path.read_text(encoding="utf-8")
        }
        assert holding == set(LANDS[field]), f"{field} lands in {sorted(holding)}, not {sorted(LANDS[field])}"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_free_text_reads_back_exactly_in_every_file(tmp_path: Path, text: str) -> None:
    project = render(tmp_path, text)

    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == text
    assert pyproject["project"]["authors"] == [{"name": text}]

    module = ast.parse((project / "pages" / "context_processors.py").read_text(encoding="utf-8"))
    constants = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in module.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert constants == {"PROJECT_NAME": text, "PROJECT_DESCRIPTION": text}

    blocks = first_blocks((project / "README.md").read_text(encoding="utf-8"))
    assert blocks == [("h1", text, {"text"}), ("p", text, {"text"})]

    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]
    assert [record[field] for field in FREE_TEXT] == [text] * 3


def test_the_home_page_template_holds_no_answer(tmp_path: Path) -> None:
    """The issue's reproduction: ``--description='{# c #}'`` left ``{#`` in home.html for Django to eat."""
    project = render(tmp_path, "{# c #}")
    html = (project / "pages" / "templates" / "pages" / "home.html").read_text(encoding="utf-8")
    assert "{#" not in html
    assert "<h1>{{ project_name }}</h1>" in html
    assert "<p>{{ project_description }}</p>" in html
    settings = (project / "shop" / "settings" / "base.py").read_text(encoding="utf-8")
    assert '"pages.context_processors.project",' in settings


def test_the_longest_answers_pass_the_projects_own_lint(tmp_path: Path) -> None:
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip(f"!!! SKIPPED: ruff is not installed beside {sys.executable}; pip install -e '.[test]'")
    project = render(tmp_path, ('Long "quoted" \\ text ' * 10)[:200])  # the longest allowed
    run = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=project, capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "All checks passed!\n")


def quoted(text: str) -> str:
    """The template's own ``escape.quoted`` macro, applied outside cookiecutter."""
    environment = Environment(
        loader=FileSystemLoader(django_template() / "templates"), undefined=StrictUndefined
    )
    template = environment.from_string('{%- import "escape.jinja" as escape -%}{{ escape.quoted(text) }}')
    return template.render(text=text)


@pytest.mark.parametrize("text", HOSTILE)
def test_quoted_is_one_string_in_python_toml_yaml_and_json(text: str) -> None:
    literal = quoted(text)
    assert "\n" not in literal
    assert ast.literal_eval(literal) == text
    assert tomllib.loads(f"key = {literal}\n") == {"key": text}
    assert yaml.safe_load(f"key: {literal}\n") == {"key": text}
    assert json.loads(literal) == text


def python_literal(text: str) -> str:
    """The template's own ``escape.python`` macro, applied outside cookiecutter."""
    environment = Environment(
        loader=FileSystemLoader(django_template() / "templates"), undefined=StrictUndefined
    )
    template = environment.from_string('{%- import "escape.jinja" as escape -%}{{ escape.python(text) }}')
    return template.render(text=text)


#: Texts whose quotes decide which quotes ruff format writes (more double quotes: single quotes).
QUOTE_MIXES = ['Team "Alpha"', "It's", 'He said "it\'s"', '"a" "b" \'c\'', "'x' \"y\"", '""\'']


def test_the_python_literal_reads_back_and_is_what_ruff_format_writes(tmp_path: Path) -> None:
    """A name such as ``Team "Alpha"`` must not leave a file the project's own pre-commit hook
    (ruff format) rewrites on the first commit."""
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip(f"!!! SKIPPED: ruff is not installed beside {sys.executable}; pip install -e '.[test]'")
    texts = [param.values[0] for param in HOSTILE] + QUOTE_MIXES
    literals = [python_literal(text) for text in texts]
    assert [ast.literal_eval(literal) for literal in literals] == texts
    module = tmp_path / "names.py"
    module.write_text("".join(f"NAME_{i} = {literal}  # noqa: E501\n" for i, literal in enumerate(literals)))
    run = subprocess.run(
        [str(ruff), "format", "--no-cache", "--diff", str(module)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


#: Answers pasted into files unescaped: the model must keep them to a safe alphabet.
PASTED_AS_IS = tuple(name for name in FIELD_NAMES if name not in FREE_TEXT)


@pytest.mark.parametrize("field", PASTED_AS_IS)
@pytest.mark.parametrize("text", HOSTILE)
def test_answers_pasted_as_they_are_refuse_hostile_text(field: str, text: str) -> None:
    settled = {"project_name": "Shop", "database": "postgresql", "language": "en"}
    with pytest.raises(AnswerError):
        validate_field(field, text, settled)
