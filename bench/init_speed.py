"""How long ``newproj init --no-input`` takes, next to ``django-admin startproject``.

``django-admin startproject`` is the lightest peer (one small template, no prompts, no Docker).
This script runs both, alternating in one run (A B A B ...) so that a busy moment of the machine
costs both the same, each as a fresh subprocess into a fresh empty folder, and prints the median
wall time of each and the ratio newproj / startproject.

The goal is a ratio of 1.0 or less: generating a whole Django + Docker project should not feel
slower than Django's own bare ``startproject``.

For context it also times, in the same alternation, a Python that imports Jinja alone and one that
imports what cookiecutter's ``generate_files`` imports, and prints the difference: the part of
newproj's time that is cookiecutter's own (its prompts' rich, arrow and python-slugify for its
Jinja extensions, importlib.metadata for its version) before any file is rendered.

It also times a Python that imports, and does nothing else with, every module one ``newproj init``
loads (read from one untimed ``python -X importtime`` run first, so the list follows the code):
startproject's time less that is what is left for rendering and writing the project.

And it times cookiecutter's ``generate_files`` alone, in a Python that imports nothing of newproj:
the same template and the same answers' context, hooks off, with the Jinja bytecode cache newproj
uses. That is the floor of any init that renders with cookiecutter.

Both run with a cache folder of their own (``XDG_CACHE_HOME``), which the untimed warm-up round
fills: newproj keeps its compiled templates there, as on a user's machine after the first run.
The user's own cache is shared with every other checkout of newproj on the machine (other
branches, other template sources under the same paths), whose runs would evict its entries.

Both commands are taken from the environment running this script (beside ``sys.executable``),
so run it with the interpreter of the environment where newproj is installed::

    python bench/init_speed.py              # 15 rounds
    python bench/init_speed.py --rounds 31 --json

It is a benchmark, not a test: it exits 0 whatever the ratio. It exits 1 only when a command is
missing or fails, because then there is nothing to measure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: The project name given to startproject (a valid identifier that shadows no module).
PROJECT_NAME = "benchsite"
#: The two import-only processes timed beside the commands, for the context line.
IMPORT_JINJA = "import jinja2"
IMPORT_COOKIECUTTER = "import cookiecutter"
IMPORT_INIT = "init's imports"
COOKIECUTTER_ALONE = "cookiecutter alone"
#: The child that renders with cookiecutter and nothing else: context file, cache folder, output.
GENERATE_ONLY = """\
import json, sys
from cookiecutter.generate import generate_files
from jinja2 import FileSystemBytecodeCache
context = json.load(open(sys.argv[1], encoding="utf-8"))
context["_jinja2_env_vars"] = {"bytecode_cache": FileSystemBytecodeCache(sys.argv[2])}
generate_files(context["_repo_dir"], {"cookiecutter": context}, sys.argv[3], accept_hooks=False)
"""


def script(name: str) -> Path:
    """The console script ``name`` installed beside the running interpreter."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"{name} is not installed beside {sys.executable}; install it in this environment"
    )


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall time of one subprocess, in seconds; raise when it fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed


def fresh(root: Path, label: str, index: int) -> Path:
    """A new empty folder for one run."""
    folder = root / f"{label}-{index}"
    folder.mkdir()
    return folder


def imported_by_init(python: str, root: Path, env: dict[str, str]) -> list[str]:
    """The modules one ``newproj init --no-input`` imports, outermost first, as ``-X importtime``
    reports them (its lines at the outermost level; the nested ones come with them)."""
    folder = fresh(root, "importtime", 0)
    argv = [python, "-X", "importtime", "-m", "newproj", "init", "--no-input", str(folder)]
    done = subprocess.run(argv, cwd=root, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    shutil.rmtree(folder)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    names = []
    for line in done.stderr.splitlines():
        fields = line.split("|")
        if line.startswith("import time:") and len(fields) == 3 and not fields[2].startswith("  "):
            name = fields[2].strip()
            if name and name != "imported package" and name not in names:
                names.append(name)
    return names


def import_only(python: str, modules: list[str]) -> list[str]:
    """A Python that imports ``modules`` and stops (one that will not import alone is passed over)."""
    code = (
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception:\n"
        "        pass\n"
    )
    return [python, "-c", code]


def write_context(python: str, root: Path) -> Path:
    """The cookiecutter context ``newproj init --no-input`` renders (default answers, fresh private
    values), computed by the installed newproj and saved as JSON for :data:`GENERATE_ONLY`."""
    code = (
        "import json, sys\n"
        "import newproj\n"
        "from newproj.render.engine import build_context\n"
        "from newproj.render.templates import django_template\n"
        f"answers = newproj.build_answers({{'project_name': {PROJECT_NAME!r}}})\n"
        "context = build_context(django_template(), answers.to_context())\n"
        "json.dump(context, open(sys.argv[1], 'w', encoding='utf-8'))\n"
    )
    path = root / "context.json"
    done = subprocess.run([python, "-c", code, str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"computing newproj's context failed: {done.stderr.strip()[-500:]}")
    return path


def measure(rounds: int, warmup: int) -> dict[str, list[float]]:
    """Alternate the two commands ``rounds`` times (after ``warmup`` untimed rounds)."""
    newproj = script("newproj")
    django_admin = script("django-admin")
    python = sys.executable
    modules: list[str] = []
    generate_args: list[str] = []
    commands: dict[str, Callable[[Path], list[str]]] = {
        "newproj init": lambda folder: [str(newproj), "init", "--no-input", str(folder)],
        "startproject": lambda folder: [str(django_admin), "startproject", PROJECT_NAME, str(folder)],
        # Context, not the goal: what rendering with cookiecutter costs before a file is read. Its
        # generate_files imports rich's prompts, arrow and python-slugify (for its Jinja extensions)
        # and importlib.metadata (for its version), beyond the Jinja every renderer needs.
        IMPORT_JINJA: lambda folder: [python, "-c", "import jinja2"],
        IMPORT_COOKIECUTTER: lambda folder: [python, "-c", "import cookiecutter.generate, cookiecutter.extensions"],
        # Context too: the whole start-up cost of init before its first file (the list is filled
        # by the untimed importtime run below).
        IMPORT_INIT: lambda folder: import_only(python, modules),
        COOKIECUTTER_ALONE: lambda folder: [python, "-c", GENERATE_ONLY, *generate_args, str(folder)],
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    with tempfile.TemporaryDirectory(prefix="newproj-bench-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache")}
        modules.extend(imported_by_init(python, root, env))
        alone_cache = root / "cache" / "cookiecutter-alone"
        alone_cache.mkdir(parents=True)
        generate_args.extend([str(write_context(python, root)), str(alone_cache)])
        for index in range(warmup + rounds):
            for label, argv in commands.items():
                folder = fresh(root, label.replace(" ", "-"), index)
                elapsed = timed(argv(folder), cwd=root, env=env)
                shutil.rmtree(folder)
                if index >= warmup:
                    times[label].append(elapsed)
    return times


def summary(times: dict[str, list[float]]) -> dict[str, object]:
    """Medians, spreads and the ratio, as one JSON-ready document."""
    medians = {label: statistics.median(values) for label, values in times.items()}
    cookiecutter_s = medians[IMPORT_COOKIECUTTER] - medians[IMPORT_JINJA]
    return {
        "rounds": len(times["newproj init"]),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "median_s": medians,
        "min_s": {label: min(values) for label, values in times.items()},
        "max_s": {label: max(values) for label, values in times.items()},
        "ratio": medians["newproj init"] / medians["startproject"],
        "goal": "ratio <= 1.0",
        "cookiecutter_imports_beyond_jinja_s": cookiecutter_s,
        "cookiecutter_imports_share_of_startproject": cookiecutter_s / medians["startproject"],
        "init_imports_share_of_startproject": medians[IMPORT_INIT] / medians["startproject"],
        "left_for_the_render_s": medians["startproject"] - medians[IMPORT_INIT],
        "cookiecutter_alone_share_of_startproject": medians[COOKIECUTTER_ALONE] / medians["startproject"],
    }


def table(result: dict[str, object]) -> str:
    """The summary as a small text table."""
    medians, mins, maxs = result["median_s"], result["min_s"], result["max_s"]
    assert isinstance(medians, dict) and isinstance(mins, dict) and isinstance(maxs, dict)
    lines = [
        f"{result['rounds']} rounds, alternating; Python {result['python']}, {result['cpus']} CPUs",
        f"{'command':<20} {'median':>9} {'min':>9} {'max':>9}",
    ]
    for label in medians:
        lines.append(f"{label:<20} {medians[label]:>8.3f}s {mins[label]:>8.3f}s {maxs[label]:>8.3f}s")
    lines.append(f"ratio newproj/startproject: {result['ratio']:.2f} (goal: <= 1.0)")
    lines.append(
        f"of which cookiecutter's own imports beyond Jinja: {result['cookiecutter_imports_beyond_jinja_s']:.3f}s"
        f" = {result['cookiecutter_imports_share_of_startproject']:.2f} of startproject"
    )
    lines.append(
        f"a Python importing what init imports, and nothing else: {result['init_imports_share_of_startproject']:.2f}"
        f" of startproject, leaving {result['left_for_the_render_s']:.3f}s to render and write within the goal"
    )
    lines.append(
        f"cookiecutter's generate_files alone, same template and context, no newproj:"
        f" {result['cookiecutter_alone_share_of_startproject']:.2f} of startproject"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds of each command (default: 15)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default: 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of the table")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.warmup < 0:
        parser.error("--rounds must be at least 1 and --warmup at least 0")
    try:
        times = measure(args.rounds, args.warmup)
    except (FileNotFoundError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    result = summary(times)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
