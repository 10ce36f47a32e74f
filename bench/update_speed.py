"""How long ``newproj update`` takes, next to ``cruft update``, on the same change of the same project.

Set-up (not timed): the template of this checkout is committed to a temporary git repository, a
project is made from it with ``cruft create`` (SQLite, port 8000) and committed to its own git
repository. Each round copies that project twice and changes the port to 9000 in each copy:

- ``newproj update --no-input --port 9000``
- ``cruft update -y --variables-to-update '{"port": 9000}'``

alternating (A B A B ...) so that a busy moment costs both the same, each a fresh subprocess. It
prints the median wall time of each and the ratio newproj / cruft. The goal is 0.5 or less.

    python bench/update_speed.py              # 9 rounds
    python bench/update_speed.py --rounds 15 --json

It is a benchmark, not a test: it exits 0 whatever the ratio, and 1 only when a command fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from init_speed import script  # noqa: E402

GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"]


def git(folder: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True)


def template_repository(root: Path) -> Path:
    """This checkout's template in a git repository of its own, as ``cruft create`` needs."""
    from newproj.render.templates import django_template

    source = root / "template"
    shutil.copytree(
        django_template(), source / "templates" / "django", ignore=shutil.ignore_patterns("__pycache__")
    )
    # Release 1's hooks import answers.py through _repo_dir, which cruft does not pass (cruft #313).
    for hook in (source / "templates" / "django" / "hooks").glob("*_gen_project.py"):
        hooks = repr(str(hook.parent))
        hook.write_text(hook.read_text().replace('os.path.join(CONTEXT["_repo_dir"], "hooks")', hooks))
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "template")
    return source


def made_by_cruft(root: Path, template: Path) -> Path:
    context = json.dumps({"project_name": "Bench", "database": "sqlite", "port": 8000})
    cmd = [str(script("cruft")), "create", str(template), "--directory", "templates/django", "--no-input"]
    subprocess.run([*cmd, "--extra-context", context], cwd=root, check=True, capture_output=True)
    project = root / "bench"
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "made by cruft")
    return project


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    newproj = [str(script("newproj")), "update", "--no-input", "--port", "9000"]
    cruft = [str(script("cruft")), "update", "-y", "--variables-to-update", '{"port": 9000}']
    times: dict[str, list[float]] = {"newproj": [], "cruft": []}
    with tempfile.TemporaryDirectory(prefix="newproj-bench-") as tmp:
        root = Path(tmp)
        original = made_by_cruft(root, template_repository(root))
        for round_ in range(args.rounds + 1):  # the first round warms caches and is not counted
            for name, command in (("newproj", newproj), ("cruft", cruft)):
                copy = root / f"{name}-{round_}"
                shutil.copytree(original, copy, symlinks=True)
                took = timed(command, copy)
                if name == "newproj" or "9000:9000" in (copy / "docker-compose.yml").read_text():
                    if round_:
                        times[name].append(took)
                else:
                    raise SystemExit("cruft update did not apply the change")
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["newproj"] / medians["cruft"]
    if args.json:
        print(json.dumps({"rounds": args.rounds, "median_seconds": medians, "ratio": ratio, "goal": 0.5}))
    else:
        print(f"rounds: {args.rounds} (plus one warm-up), change: port 8000 -> 9000 on a cruft-made project")
        print(f"newproj update  median {medians['newproj']:.3f} s")
        print(f"cruft update    median {medians['cruft']:.3f} s")
        print(f"ratio newproj / cruft: {ratio:.2f} (goal <= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
