"""The docs are checked against the code, so they cannot drift.

Each check reads the code (the typer command, ``ExitCode``, the answers model, the generated
project) and looks for it in ``docs/en`` and ``docs/ko``: deleting an option's row, a key's row,
an exit code's row, a line of a quoted file or a section of one language fails a test here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import newproj
import newproj.cli.app
import newproj.cli.init
import pytest
import typer
from docskit import code_spans, quick_start
from newproj.answers import FIELDS, FIELDS_BY_NAME, AnswerError, check_python_django, default_for
from newproj.answers.features import FEATURES
from newproj.cli.given import read_answers_file
from newproj.errors import ExitCode

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS = REPO_ROOT / "docs"
LANGS = ("en", "ko")
PAGES = (
    "getting-started.md",
    "reference.md",
    "docker-concepts.md",
    "orchestrators.md",
    "teams.md",
    "update.md",
    "features.md",
)
EXAMPLE = DOCS / "en" / "answers.example.yml"
#: ``<!-- generated: Dockerfile 20-25 -->`` before a fenced block: those lines of the generated project.
GENERATED_MARK = re.compile(r"<!-- generated: (?P<path>\S+) (?P<start>\d+)-(?P<end>\d+) -->\n```[\w-]*\n")

ROOT_COMMAND = typer.main.get_command(newproj.cli.app.app)
INIT_COMMAND = ROOT_COMMAND.commands["init"]
DOCTOR_COMMAND = ROOT_COMMAND.commands["doctor"]
#: Commands whose options are documented on a page of their own, in its options table.
OWN_PAGES = {"update": "update.md", "serve": "serve.md"}
#: The first header cell of an options table, in each language.
OPTION_HEADERS = {"en": ("Option", "Argument or option"), "ko": ("옵션", "인자 또는 옵션")}


def all_params(command: Any) -> list[Any]:
    """The command's parameters (``command.params``) plus the ``--help`` option click adds."""
    return command.get_params(typer.Context(command))


# --- reading markdown -------------------------------------------------------------------


def read(lang: str, page: str) -> str:
    return (DOCS / lang / page).read_text(encoding="utf-8")


def outside_code(text: str) -> list[str]:
    """The lines of ``text`` that are not inside a fenced code block."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def _cells(line: str) -> list[str]:
    """The cells of a table line; an escaped ``\\|`` (``--lang en\\|ko``) stays inside its cell, as GitHub reads it."""
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every markdown table outside code, as (header, data rows).

    Like GitHub, a block of ``|`` lines is a table only when its second line is the separator
    (``| --- |``): a table that lost its header or separator is no table at all.
    """
    blocks: list[list[str]] = []
    previous = ""
    for line in outside_code(text):
        if line.startswith("|"):
            if not previous.startswith("|"):
                blocks.append([])
            blocks[-1].append(line)
        previous = line
    found = []
    for block in blocks:
        if len(block) >= 2 and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", block[1].strip()):
            found.append((_cells(block[0]), [_cells(line) for line in block[2:]]))
    return found


def table_rows(text: str) -> list[list[str]]:
    """The data rows of every table (headers and separators left out)."""
    return [row for _header, rows in tables(text) for row in rows]


def rows_named(text: str, name: str) -> list[list[str]]:
    """Rows whose first cell holds ``name`` as a code span (``--port NUMBER`` counts for ``--port``)."""
    return [row for row in table_rows(text) if any(span.split()[0] == name for span in code_spans(row[0]))]


def section(text: str, title_span: str) -> str:
    """The ``## `` section whose heading holds the code span ``title_span``, down to the next one."""
    parts = re.split(r"^(?=## )", text, flags=re.M)
    found = [
        part for part in parts if part.startswith("## ") and title_span in code_spans(part.splitlines()[0])
    ]
    return found[0] if found else ""


def headings(text: str) -> list[int]:
    """The level of every heading, in order."""
    return [len(m.group(1)) for line in outside_code(text) if (m := re.match(r"(#+) ", line))]


def heading_anchors(text: str) -> set[str]:
    return {anchor(m.group(1)) for line in outside_code(text) if (m := re.match(r"#+ (.*)", line))}


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


# --- the reference against the CLI ------------------------------------------------------


def _option_cases() -> list[Any]:
    cases = []
    for lang in LANGS:
        commands = (
            ("newproj", all_params(ROOT_COMMAND)),
            ("init", all_params(INIT_COMMAND)),
            ("doctor", all_params(DOCTOR_COMMAND)),
        )
        for command, params in commands:
            for param in params:
                names = [param.name.upper()] if param.param_type_name == "argument" else param.opts
                names = names + list(param.secondary_opts)
                for name in names:
                    title = "newproj" if command == "newproj" else f"newproj {command}"
                    cases.append(pytest.param(lang, title, name, id=f"{lang}-{command}-{name}"))
    return cases


@pytest.mark.parametrize(("lang", "command", "name"), _option_cases())
def test_every_option_has_a_row_in_the_reference(lang: str, command: str, name: str) -> None:
    """Each option has a row in the section of its command (``## `newproj` …``, ``## `newproj init```)."""
    rows = rows_named(section(read(lang, "reference.md"), command), name)
    assert rows, f"docs/{lang}/reference.md: no table row for {name} in the section of `{command}`"
    if command == "newproj init" and name != "--help":
        # Meaning and default: at least three cells, the last (the default) filled in.
        assert any(len(row) >= 3 and row[-1] for row in rows), (
            f"docs/{lang}/reference.md: the row of {name} needs its meaning and default"
        )


def _param_names(command: Any) -> list[str]:
    """What ``--help`` lists for each parameter: an argument's name in capitals, an option's flags."""
    names = []
    for param in all_params(command):
        names += [param.name.upper()] if param.param_type_name == "argument" else param.opts
        names += list(param.secondary_opts)
    return names


def _own_page_cases() -> list[Any]:
    return [
        pytest.param(lang, command, name, id=f"{lang}-{command}-{name}")
        for lang in LANGS
        for command in OWN_PAGES
        for name in _param_names(ROOT_COMMAND.commands[command])
    ]


def test_every_command_has_its_options_documented() -> None:
    """A command is either in the reference (a ``## `newproj <command>``` section) or has a page of its own."""
    in_reference = {name for name in ROOT_COMMAND.commands if section(read("en", "reference.md"), f"newproj {name}")}
    assert set(ROOT_COMMAND.commands) == in_reference | set(OWN_PAGES)


@pytest.mark.parametrize(("lang", "command", "name"), _own_page_cases())
def test_every_option_has_a_row_on_its_commands_page(lang: str, command: str, name: str) -> None:
    """Each argument and option ``newproj <command> --help`` lists has a row, with its meaning, in the
    options table of the command's own page (``update.md``, ``serve.md``)."""
    page = OWN_PAGES[command]
    rows = [
        row
        for header, body in tables(read(lang, page))
        if header[0] in OPTION_HEADERS[lang]
        for row in body
        if any(span.split()[0] == name for span in code_spans(row[0]))
    ]
    assert rows, f"docs/{lang}/{page}: no row for {name} in the options table of `newproj {command}`"
    assert all(row[-1] for row in rows), f"docs/{lang}/{page}: the row of {name} needs its meaning"


@pytest.mark.parametrize("lang", LANGS)
def test_the_reference_names_every_command(lang: str) -> None:
    prose = [line for line in outside_code(section(read(lang, "reference.md"), "newproj")) if not line.startswith("|")]
    named = set(code_spans("\n".join(prose)))
    missing = sorted(set(ROOT_COMMAND.commands) - named)
    assert not missing, f"docs/{lang}/reference.md: the `newproj` section does not name the commands {missing}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", list(ExitCode), ids=lambda code: code.name)
def test_every_exit_code_has_a_row_in_the_reference(lang: str, code: ExitCode) -> None:
    rows = [
        row
        for row in table_rows(read(lang, "reference.md"))
        if len(row) >= 3 and row[0] == str(code.value) and code_spans(row[1]) == [code.name]
    ]
    assert rows and rows[0][2], (
        f"docs/{lang}/reference.md: no row '| {code.value} | `{code.name}` | meaning |'"
    )


def _default_text(name: str) -> str:
    """The default of a field when nothing else is answered, as the docs write it ('' for none)."""
    value = default_for(name, {})
    if isinstance(value, bool):  # a feature: YAML's and JSON's spelling
        return str(value).lower()
    return "" if value in ("", None) else str(value)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
def test_every_answer_has_its_key_flag_choices_and_default(lang: str, field: Any) -> None:
    text = read(lang, "reference.md")
    where = f"docs/{lang}/reference.md"
    key_rows = rows_named(text, field.name)
    assert key_rows, f"{where}: no row for the answers-file key {field.name}"
    row = key_rows[0]
    assert any(span == field.flag or span.startswith(f"{field.flag} ") for span in code_spans(row[1])), (
        f"{where}: the row of {field.name} does not name {field.flag}"
    )
    flag_rows = [r for r in rows_named(text, field.flag) if len(r) >= 4]
    assert flag_rows and field.name in code_spans(flag_rows[0][1]), (
        f"{where}: the options table has no row '| `{field.flag} …` | `{field.name}` | … |'"
    )
    spans = set(code_spans(" ".join(row)))
    if field.choices is not None and field.name != "database_version":
        missing = [choice for choice in field.choices({}) if choice not in spans]
        assert not missing, f"{where}: the row of {field.name} does not list {missing}"
    default = _default_text(field.name)
    if default:
        assert default in spans, f"{where}: the row of {field.name} does not give its default `{default}`"


@pytest.mark.parametrize("lang", LANGS)
def test_python_django_table_follows_the_model(lang: str) -> None:
    pythons = FIELDS_BY_NAME["python_version"].choices({})
    djangos = FIELDS_BY_NAME["django_version"].choices({})
    header, rows = next(
        (
            (head, body)
            for head, body in tables(read(lang, "reference.md"))
            if all(any(f"Django {d}" in cell for cell in head) for d in djangos)
        ),
        (None, []),
    )
    assert header, f"docs/{lang}/reference.md: no table with a column per Django version {djangos}"
    columns = {d: next(i for i, c in enumerate(header) if f"Django {d}" in c) for d in djangos}
    by_python = {r[0]: r for r in rows if r[0] in pythons and len(r) == len(header)}
    assert sorted(by_python) == sorted(pythons), f"docs/{lang}/reference.md: a row per Python {pythons}"
    for python in pythons:
        for django, column in columns.items():
            try:
                check_python_django(python, django)
                expected = "✓"
            except AnswerError:
                expected = "—"
            assert by_python[python][column] == expected, (
                f"docs/{lang}/reference.md: Python {python} with Django {django} should be {expected}"
            )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("database", FIELDS_BY_NAME["database"].choices({}))
def test_database_versions_follow_the_model(lang: str, database: str) -> None:
    offered = [v for v in FIELDS_BY_NAME["database_version"].choices({"database": database}) if v]
    rows = [r for r in rows_named(read(lang, "reference.md"), database) if len(r) >= 3]
    assert rows, f"docs/{lang}/reference.md: no row for the database {database}"
    # The versions cell lists the offered versions in the model's order: the first is the default.
    assert any(code_spans(r[2]) == offered for r in rows), (
        f"docs/{lang}/reference.md: {database} offers {offered} (first is the default)"
    )


# --- the example answers ----------------------------------------------------------------


def _dry_run(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = newproj.cli.app.main(["init", "--no-input", "--answers", str(path), "--dry-run", "--json"])
    captured = capsys.readouterr()
    assert code == 0, f"{path} is refused: {captured.err.strip()}"
    return json.loads(captured.out)


def test_example_answers_file_generates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    data = read_answers_file(EXAMPLE)
    assert set(data) == {field.name for field in FIELDS}, "the example should show every key"
    document = _dry_run(EXAMPLE, capsys)
    assert {key: str(value) for key, value in document["answers"].items()} == {
        key: str(value) for key, value in data.items()
    }
    assert document["dry_run"] is True and document["written"] is False
    assert list(tmp_path.iterdir()) == [], "--dry-run wrote something"


def _yaml_examples(lang: str) -> list[str]:
    text = read(lang, "reference.md")
    return [block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "project_name:" in block]


@pytest.mark.parametrize("lang", LANGS)
def test_reference_yaml_examples_generate(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = _yaml_examples(lang)
    assert blocks, f"docs/{lang}/reference.md: no example answers file"
    for index, block in enumerate(blocks):
        path = tmp_path / f"example-{index}.yml"
        path.write_text(block, encoding="utf-8")
        _dry_run(path, capsys)


def test_english_reference_example_is_the_example_file(tmp_path: Path) -> None:
    (block,) = _yaml_examples("en")
    quoted = tmp_path / "quoted.yml"
    quoted.write_text(block, encoding="utf-8")
    assert read_answers_file(quoted) == read_answers_file(EXAMPLE)


# --- docker-concepts: quoted lines are the generated project's ---------------------------


@pytest.fixture(scope="session")
def default_projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project ``newproj init --no-input --lang <lang> --with swarm,k8s`` writes, for each language
    (the orchestrators page walks through the stack and the manifests)."""
    root = tmp_path_factory.mktemp("docs-projects")
    deploy = {"use_swarm": True, "use_k8s": True}
    return {
        lang: newproj.generate(newproj.build_answers({"language": lang, **deploy}), root / lang).path
        for lang in LANGS
    }


#: How the docs show the development values drawn for each project.
#: The marker each value starts with stays visible: it is what the production settings refuse.
DEV_VALUE_MASKS = {
    "__dev_secret_key": "django-insecure-<development secret key>",
    "__dev_db_password": "insecure-dev-<development password>",
}


def masked(project: Path, relative: str) -> str:
    """A generated file's text with the project's own development values shown as placeholders."""
    text = (project / relative).read_text(encoding="utf-8")
    context = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]
    for key, mask in DEV_VALUE_MASKS.items():
        text = text.replace(context[key], mask)
    return text


@pytest.mark.parametrize("lang", LANGS)
def test_quoted_lines_match_the_generated_project(lang: str, default_projects: dict[str, Path]) -> None:
    text = read(lang, "docker-concepts.md")
    marks = list(GENERATED_MARK.finditer(text))
    assert marks, f"docs/{lang}/docker-concepts.md quotes no generated file"
    for mark in marks:
        block = text[mark.end() :].split("```", 1)[0].splitlines()
        start, end = int(mark["start"]), int(mark["end"])
        lines = masked(default_projects[lang], mark["path"]).splitlines()
        assert block == lines[start - 1 : end], (
            f"docs/{lang}/docker-concepts.md quotes {mark['path']} lines {start}-{end}, which now read:\n"
            + "\n".join(lines[start - 1 : end])
        )


def test_both_languages_quote_the_same_lines() -> None:
    def quoted(lang: str) -> list[tuple[str, str, str]]:
        return [
            m.group("path", "start", "end") for m in GENERATED_MARK.finditer(read(lang, "docker-concepts.md"))
        ]

    assert quoted("en") == quoted("ko")


@pytest.mark.parametrize(
    "concept", ["image", "layer", "dockerfile", "container", "compose", "volume", "network", "healthcheck"]
)
@pytest.mark.parametrize("lang", LANGS)
def test_docker_concepts_names_every_idea(concept: str, lang: str) -> None:
    terms = concept_map_terms(read(lang, "docker-concepts.md"))
    assert any(concept in term.lower() for term in terms), (
        f"docs/{lang}/docker-concepts.md: no row of the concept map names {concept!r}: {terms}"
    )


def concept_map_terms(text: str) -> list[str]:
    """The first cells of the page's first table (the map of Docker ideas), header excluded."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            rows.append(line.strip("|").split("|")[0].strip())
        elif rows:
            break
    return rows[2:]  # the header and its --- line


# --- both languages, links, getting started ----------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_english_and_korean_have_the_same_sections(page: str) -> None:
    assert headings(read("en", page)) == headings(read("ko", page))


def _markdown_files() -> list[Path]:
    return [DOCS / "README.md"] + [DOCS / lang / page for lang in LANGS for page in PAGES]


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: str(p.relative_to(DOCS)))
def test_links_resolve(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", "\n".join(outside_code(text))):
        if re.match(r"[a-z]+:", target):
            continue  # http(s) and mailto links are not checked offline
        file_part, _, fragment = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        assert linked.is_file(), f"{path.relative_to(REPO_ROOT)}: broken link {target}"
        if fragment and linked.suffix == ".md":
            assert fragment in heading_anchors(linked.read_text(encoding="utf-8")), (
                f"{path.relative_to(REPO_ROOT)}: no heading for #{fragment} in {file_part or path.name}"
            )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "snippet",
    [
        "pip install .",
        "newproj init",
        "--no-input",
        "--answers",
        "cd my_django_project",
        "docker compose up --build",
        "http://localhost:8000/",
        "cookiecutter <repo-url> --directory templates/django",
    ],
)
def test_getting_started_walks_through_every_step(lang: str, snippet: str) -> None:
    assert snippet in read(lang, "getting-started.md")


@pytest.mark.parametrize("lang", LANGS)
def test_docs_index_links_every_page(lang: str) -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"({lang}/{page})" in index, f"docs/README.md does not link {lang}/{page}"


# --- orchestrators: the commands and paths it names are the generated project's ---------------


@pytest.mark.parametrize("lang", LANGS)
def test_orchestrators_page_covers_stack_and_kubernetes(lang: str, default_projects: dict[str, Path]) -> None:
    text = read(lang, "orchestrators.md")
    project = default_projects[lang]
    for snippet in ("docker stack deploy", "UpdateStatus.State", "rollback_completed", "kubectl apply -k",
                    "docker push", "kubernetes-validate --strict", "/health/live/", "Helm"):
        assert snippet in text, snippet
    swarm, kubernetes = text.split("\n## Docker Swarm\n")[1].split("\n## Kubernetes\n")
    assert "python manage.py createsuperuser" in swarm and "python manage.py createsuperuser" in kubernetes
    paths = set(re.findall(r"deploy/(?:swarm|k8s)/[\w./-]+[\w]", text))
    assert {"deploy/swarm/docker-stack.yml", "deploy/k8s/overlays/prod"} <= paths
    for path in paths:
        assert (project / path).exists() or path.endswith("/secrets.env"), path
    stack = (project / "deploy/swarm/docker-stack.yml").read_text(encoding="utf-8")
    for name in re.findall(r"docker secret create (\S+) -", text):
        assert f"name: {name}\n" in stack, name


def onboarding_script(lang: str) -> str:
    """The onboarding script exactly as docs/<lang>/teams.md prints it."""
    [script] = re.findall(r"```sh\n(#!/bin/sh\n.*?)```", read(lang, "teams.md"), re.S)
    return script


def test_onboarding_script_is_the_same_in_both_languages() -> None:
    assert onboarding_script("en") == onboarding_script("ko")
    assert "newproj doctor\n" in onboarding_script("en")


# --- documented refusals, run against the CLI ----------------------------------------------------

#: The words that state a refusal or an ignored value in an options row, per language, and how each
#: language writes the exit code of a refusal.
BEHAVIOUR_WORDS = {"en": ("refused", "ignored"), "ko": ("거절", "무시")}
EXIT_IN_TEXT = {"en": r"\(exit (?:code )?(\d+)\)", "ko": r"\(종료 코드 (\d+)\)"}


def _nonempty(tmp_path: Path) -> list[str]:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine\n", encoding="utf-8")
    return ["site"]


#: Every documented refusal (or ignored value) of ``newproj init``: the option's row, the arguments that
#: reproduce it (after ``init --no-input --dry-run``; a callable builds them in the test's folder), and the
#: arguments with which the same input is accepted.
DOCUMENTED_CASES: dict[str, tuple[Any, list[str]]] = {
    "--database-version": (["--database", "sqlite", "--database-version", "17", "site"],
                           ["--database", "sqlite", "site"]),
    "DIRECTORY": (_nonempty, ["--force", "site"]),
}


def _row_option(row: list[str]) -> str | None:
    """The option a row of reference.md documents: an ``init`` option or argument, or an answers-file key
    (as its flag)."""
    spans = code_spans(row[0])
    if not spans:
        return None
    first = spans[0].split()[0]
    if first in FIELDS_BY_NAME:
        return FIELDS_BY_NAME[first].flag
    names = {name for param in all_params(INIT_COMMAND) for name in [param.name.upper(), *param.opts]}
    return first if first in names else None


def documented_behaviours(lang: str) -> dict[str, set[int]]:
    """Option -> the exit codes its rows in reference.md promise for a refused (or ignored) value."""
    found: dict[str, set[int]] = {}
    for row in table_rows(read(lang, "reference.md")):
        option = _row_option(row)
        text = " ".join(row)
        if option is None or not any(word in text for word in BEHAVIOUR_WORDS[lang]):
            continue
        codes = {int(code) for code in re.findall(EXIT_IN_TEXT[lang], text)}
        if BEHAVIOUR_WORDS[lang][1] in text:
            codes.add(0)  # ignored: accepted
        assert codes, f"docs/{lang}/reference.md: the row of {option} says what is refused but not its exit code"
        found.setdefault(option, set()).update(codes)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_documented_refusal_is_checked_and_both_languages_document_the_same(lang: str) -> None:
    documented = documented_behaviours(lang)
    assert set(documented) == set(DOCUMENTED_CASES), (
        f"docs/{lang}/reference.md documents refusals for {sorted(documented)}; this test checks {sorted(DOCUMENTED_CASES)}"
    )
    assert documented == documented_behaviours("en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("option", sorted(DOCUMENTED_CASES))
def test_the_cli_does_what_the_reference_says(
    lang: str, option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    refused, accepted = DOCUMENTED_CASES[option]
    args = refused(tmp_path) if callable(refused) else refused
    [expected] = documented_behaviours(lang)[option]
    code = newproj.cli.app.main(["--lang", lang, "init", "--no-input", "--dry-run", *args])
    err = capsys.readouterr().err
    assert code == expected, f"docs/{lang}/reference.md: {option} {args} exits {expected}; the CLI exits {code}: {err}"
    if code:
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        if option.startswith("--"):
            assert option in err
    assert newproj.cli.app.main(["--lang", lang, "init", "--no-input", "--dry-run", *accepted]) == 0


def _section_paragraph(lang: str, page: str, heading: str) -> str:
    """The prose of a ``## `` section up to its first bold paragraph (code blocks left out)."""
    part = [p for p in re.split(r"^(?=## )", read(lang, page), flags=re.M) if p.startswith(f"## {heading}")]
    assert part, f"docs/{lang}/{page}: no section {heading!r}"
    return "\n".join(outside_code(part[0].split("\n**", 1)[0]))


@pytest.mark.parametrize("lang", LANGS)
def test_the_database_switch_names_the_files_the_update_writes(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """update.md's "SQLite to PostgreSQL" names the files and keys the update really changes."""
    heading = {"en": "SQLite to PostgreSQL", "ko": "SQLite 에서 PostgreSQL 로"}[lang]
    spans = code_spans(_section_paragraph(lang, "update.md", heading))
    paths = [s for s in spans if re.fullmatch(r"[\w.-]*\.\w+|[\w.-]+/[\w./-]+", s)]
    keys = [s for s in spans if re.fullmatch(r"[A-Z][A-Z_]*\*?", s)]
    assert {"docker-compose.yml", "requirements.txt"} <= set(paths) and keys, spans
    project = newproj.generate(newproj.build_answers({"database": "sqlite"}), tmp_path / "site").path
    monkeypatch.chdir(project)
    capsys.readouterr()
    code = newproj.cli.app.main(["update", "--no-input", "--database", "postgresql", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    changed = set(json.loads(out)["changed"])
    assert set(paths) <= changed, f"docs/{lang}/update.md names {sorted(set(paths) - changed)}, which the update does not change"
    written = "\n".join((project / p).read_text(encoding="utf-8") for p in paths)
    for key in keys:
        assert re.search(rf"^\s*{key.replace('*', '[A-Z_]+')}[=:]", written, re.M), (
            f"docs/{lang}/update.md: {key} is in none of {paths}"
        )


# --- the README's Quick start, as a shell reads it ------------------------------------------------

ACTIVATE = re.compile(r"^(?:\.|source) \.venv/bin/activate\b")


def test_the_quick_start_puts_newproj_on_path_before_using_it() -> None:
    """``pip install`` into .venv does not put newproj on PATH: every bare ``newproj`` comes after the
    venv is activated (or is spelled ``.venv/bin/newproj``)."""
    lines, prose = quick_start()
    assert prose, "README.md: the Quick start no longer shows `newproj update`"
    active = False
    for command in [part.strip() for line in lines for part in line.split("&&")] + prose:
        active = active or bool(ACTIVATE.match(command))
        for word in re.findall(r"(?:^|&& )(\S*newproj)\b", command):
            assert active or word.endswith(".venv/bin/newproj"), (
                f"README.md: `{command}` runs newproj, which is not on PATH before `. .venv/bin/activate`"
            )


# --- features: the files each preset writes ------------------------------------------------------

PRESET_COUNTS = {
    "en": re.compile(r"`--minimal` writes (\d+) files, the defaults (\d+), every\s+feature (\d+)"),
    "ko": re.compile(r"`--minimal` 은 (\d+)개, 기본값은 (\d+)개, 모든 기능은 (\d+)개"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_files_per_preset_are_what_init_writes(lang: str, tmp_path: Path) -> None:
    """features.md's counts (``.cruft.json`` included) are those of a project generated with no
    feature, the defaults and every feature."""
    found = PRESET_COUNTS[lang].search(read(lang, "features.md"))
    assert found, f"docs/{lang}/features.md: the sentence with the files per preset is gone"
    keys = [feature.key for feature in FEATURES]
    presets = {"minimal": dict.fromkeys(keys, False), "defaults": {}, "every": dict.fromkeys(keys, True)}
    written = []
    for name, values in presets.items():
        project = newproj.generate(newproj.build_answers(values), tmp_path / name).path
        written.append(sum(1 for path in project.rglob("*") if path.is_file()))
    assert [int(n) for n in found.groups()] == written, f"docs/{lang}/features.md: generated {written}"
