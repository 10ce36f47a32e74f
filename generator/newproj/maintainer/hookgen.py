"""Write the template's ``cookiecutter.json`` and its two hooks from the answers model.

    python -m newproj.maintainer.hookgen          # rewrite them
    python -m newproj.maintainer.hookgen --check  # exit 1, naming the stale files, when they differ

The hooks run under whatever interpreter runs cookiecutter or cruft, from a temporary copy, in
the generated project's folder: they can import neither newproj nor a file beside them. So each
hook carries the model's own source (standard-library modules of this package, copied verbatim
minus their ``from newproj...`` imports) and a few lines of its own. The rules stay written once.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

import newproj.answers
from newproj.answers import FIELDS, TEMPLATE_VERSION
from newproj.project.private import PRIVATE_KEYS
from newproj.render.templates import django_template

_ANSWERS = Path(newproj.answers.__file__).resolve().parent
#: The modules of :mod:`newproj.answers` the pre-generation hook carries, in dependency order: the
#: whole model, so that ``newproj update`` can load a release's model from its hook.
MODEL_MODULES = ("messages", "owned", "features", "rules", "fields", "prune")

HEADER = '''\
# GENERATED: the answers model (newproj/answers: {modules}), by `python -m newproj.maintainer.hookgen`; do not edit.
"""{doc}"""

from __future__ import annotations

{imports}
# {{% raw %}}
'''
PRE_MAIN = """
# {% endraw %}
CONTEXT = json.loads({{cookiecutter | jsonify | tojson}})  # noqa: F821  (Jinja, rendered by the runner)

try:
    build_answers({name: CONTEXT[name] for name in FIELD_NAMES if name in CONTEXT})
except AnswerError as error:
    language = CONTEXT.get("language")
    print(f"error: {error.message(language if language in LANGUAGES else 'en')}", file=sys.stderr)
    sys.exit(1)
"""
POST_MAIN = """
# {% endraw %}
CONTEXT = json.loads({{cookiecutter | jsonify | tojson}})  # noqa: F821  (Jinja, rendered by the runner)

prune(os.getcwd(), files_to_remove(CONTEXT))
"""
HOOKS = {
    "pre_gen_project.py": (
        "Refuse answers the newproj answers model does not accept (same rules, same messages).",
        MODEL_MODULES,
        PRE_MAIN,
        ("json", "sys"),
    ),
    "post_gen_project.py": (
        "Remove the files that the chosen answers do not use (cruft writes .cruft.json itself).",
        ("owned", "prune"),
        POST_MAIN,
        ("json", "os"),
    ),
}


def module_body(name: str) -> str:
    """The source of ``newproj.answers.<name>`` without its imports and ``__all__`` (the hook gathers
    imports once)."""
    text = (_ANSWERS / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(text)
    drop: set[int] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["__all__"]
        ):
            drop.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    kept = [line for number, line in enumerate(text.splitlines(), 1) if number not in drop]
    body = re.sub(r"\n{3,}", "\n\n\n", "\n".join(kept)).strip("\n")
    return f"# --- newproj/answers/{name}.py " + "-" * (72 - len(name)) + "\n" + body


def imports_of(modules: tuple[str, ...], own: tuple[str, ...] = ()) -> str:
    """The standard-library imports the modules (and the hook's own lines) need, merged and sorted
    as ruff's isort wants them."""
    plain: set[str] = set(own)
    froms: dict[str, set[str]] = {}
    for name in modules:
        for node in ast.parse((_ANSWERS / f"{name}.py").read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                plain.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module not in (None, "__future__"):
                if not node.module.startswith("newproj"):
                    froms.setdefault(node.module, set()).update(alias.name for alias in node.names)
    lines = [f"import {module}" for module in sorted(plain)]
    lines += [f"from {module} import {', '.join(sorted(names))}" for module, names in sorted(froms.items())]
    return "\n".join(lines) + "\n"


def hook_text(file_name: str) -> str:
    """The full text of one hook (a Jinja template: cookiecutter renders hooks before running them)."""
    doc, modules, main, own = HOOKS[file_name]
    header = HEADER.format(
        modules=", ".join(f"{m}.py" for m in modules), doc=doc, imports=imports_of(modules, own)
    )
    body = "\n\n\n".join(module_body(m) for m in modules)
    return header + body + "\n\n" + main


def cookiecutter_json() -> dict[str, Any]:
    """The ``cookiecutter.json`` that derives from the model (keys, defaults, prompts) and the private keys."""
    data: dict[str, Any] = {f.name: f.cookiecutter_default for f in FIELDS}
    data.update({key.name: key.cookiecutter_default for key in PRIVATE_KEYS})
    data["__prompts__"] = {f.name: f.label["en"] for f in FIELDS}
    data["_newproj_template_version"] = TEMPLATE_VERSION
    return data


def generated_files(template: Path | None = None) -> dict[Path, str]:
    """Every generated file of the template and its expected text."""
    root = template or django_template()
    files = {root / "hooks" / name: hook_text(name) for name in HOOKS}
    files[root / "cookiecutter.json"] = json.dumps(cookiecutter_json(), indent=2, ensure_ascii=False) + "\n"
    return files


def stale_files(template: Path | None = None) -> list[Path]:
    """The generated files whose text on disk differs from what the model gives."""
    return [
        path
        for path, text in generated_files(template).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path}; run: python -m newproj.maintainer.hookgen", file=sys.stderr)
        return 1 if stale else 0
    for path, text in generated_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
