"""Docker benchmarks of a generated project, against peers measured in the same run.

    python bench/docker_image.py [--database postgresql] [--python 3.13] [--rounds 2] [--up-rounds 3] [--json]

Prints, for the same starter app:
- image size: each image's own layers (its size minus its base image's), for newproj's
  Dockerfile (development and production stages), a naive Dockerfile (`COPY . .` then
  `pip install`, as root, no .dockerignore care) and one in the style of Docker's `docker init`
  (cache mount, bind-mounted requirements, non-root user); and what the app really needs: its
  installed packages plus its source. Goal: newproj's own layers are no larger than that.
- what the final image must not carry: a compiler, a pip cache, wheels or build files;
- a cold build (no layer cache) of newproj's development image against a cold build of the
  `docker init` style Dockerfile, alternated in the same run, each first in every other round
  (goal: at most 0.8 of it, judged on the medians); both keep their BuildKit package cache mounts,
  as a teammate's machine does. Every round and the ratio of the best rounds are printed too, to
  show how far the machine's noise moves the figure (one fast round of either side moves the best);
- rebuild after a one-line source change, as a share of a cold build (goal: at most 0.10);
- the database container's own time to healthy on a fresh volume (`db_ready_s`), and the time
  from `docker compose up` (fresh volumes) to every service healthy (goal: within 3 s of
  `db_ready_s`), timed in pairs, --up-rounds of them (medians; the difference is the median of
  each pair's difference).

It needs a Docker Engine and the stand-in base images (`.ci/standins/build.py`). It
is a benchmark, not a test: it exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import newproj  # noqa: E402
import ports  # noqa: E402
from dockerkit import Compose, compose_binary, run  # noqa: E402

NAIVE = """FROM python:{python}-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
EXPOSE {port}
CMD python manage.py runserver 0.0.0.0:{port}
"""

DOCKER_INIT = """ARG PYTHON_VERSION={python}
FROM python:${{PYTHON_VERSION}}-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1
ENV PYTHONUNBUFFERED=1
WORKDIR /app
ARG UID=10001
# docker init writes adduser; the offline stand-in base has only useradd, which does the same
RUN useradd --home-dir /nonexistent --shell /sbin/nologin --no-create-home --uid "${{UID}}" appuser
RUN --mount=type=cache,target=/root/.cache/pip \\
    --mount=type=bind,source=requirements.txt,target=requirements.txt \\
    python -m pip install -r requirements.txt
USER appuser
COPY . .
EXPOSE {port}
CMD ["python", "manage.py", "runserver", "0.0.0.0:{port}"]
"""

BUILD_COMPOSE = """services:
  newproj_dev:
    build: {{context: ., dockerfile: Dockerfile, target: development}}
    image: {tag}-newproj-dev
  newproj_prod:
    build: {{context: ., dockerfile: Dockerfile, target: production}}
    image: {tag}-newproj-prod
  naive:
    build: {{context: ., dockerfile: Dockerfile.naive}}
    image: {tag}-naive
  docker_init:
    build: {{context: ., dockerfile: Dockerfile.init}}
    image: {tag}-docker-init
"""


def image_size(tag: str) -> int:
    return int(run(["docker", "image", "inspect", "--format", "{{.Size}}", tag]).stdout.strip())


def in_image(tag: str, script: str) -> str:
    return run(["docker", "run", "--rm", "--entrypoint", "sh", tag, "-c", script], check=False).stdout.strip()


def du(tag: str, path: str) -> int:
    out = in_image(tag, f"du -sb {path} 2>/dev/null | cut -f1")
    return int(out or 0)


def build(project: Path, tag: str, services: list[str], no_cache: bool) -> float:
    start = time.monotonic()
    args = [str(compose_binary()), "-f", "bench-build.yml", "-p", tag, "build", *(["--no-cache"] if no_cache else []),
            *services]
    run(args, cwd=project, timeout=1800)
    return time.monotonic() - start


def mb(size: int) -> str:
    return f"{size / 1e6:8.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="postgresql")
    parser.add_argument("--python", default="3.13")
    parser.add_argument("--rebuilds", type=int, default=3, help="one-line-change rebuilds to time (median)")
    parser.add_argument("--rounds", type=int, default=2, help="cold builds of each Dockerfile (median)")
    parser.add_argument("--up-rounds", type=int, default=3,
                        help="database-alone and whole-stack start-ups to time, in pairs (median)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    # A port chosen free at run time and held for the run (a fixed one may be taken on this machine).
    held = ports.reserve()
    answers = newproj.build_answers({"project_name": "Bench", "database": args.database,
                                     "python_version": args.python, "port": held.port})
    tag = f"npbench{uuid.uuid4().hex[:6]}"
    base = f"python:{args.python}-slim"
    results: dict[str, object] = {"database": args.database, "python": args.python, "base_image": base}
    with tempfile.TemporaryDirectory(prefix="newproj-bench-") as tmp:
        project = newproj.generate(answers, Path(tmp) / "bench").path
        (project / "Dockerfile.naive").write_text(NAIVE.format(python=args.python, port=answers.port))
        (project / "Dockerfile.init").write_text(DOCKER_INIT.format(python=args.python, port=answers.port))
        (project / "bench-build.yml").write_text(BUILD_COMPOSE.format(tag=tag))
        images = {"newproj development": f"{tag}-newproj-dev", "newproj production": f"{tag}-newproj-prod",
                  "naive": f"{tag}-naive", "docker init style": f"{tag}-docker-init"}
        try:
            colds: list[float] = []
            colds_init: list[float] = []
            for round_ in range(args.rounds):
                # alternated, each first in every other round: both see the same machine load
                for service in ["newproj_dev", "docker_init"][:: 1 if round_ % 2 == 0 else -1]:
                    took = build(project, tag, [service], no_cache=True)
                    (colds if service == "newproj_dev" else colds_init).append(took)
            cold = statistics.median(colds)
            results["cold_build_docker_init_style_s"] = round(statistics.median(colds_init), 2)
            results["cold_build_share_of_docker_init_style"] = round(cold / statistics.median(colds_init), 3)
            results["cold_builds_s"] = {"newproj": [round(x, 2) for x in colds],
                                        "docker init style": [round(x, 2) for x in colds_init]}
            results["cold_build_best_share_of_docker_init_style"] = round(min(colds) / min(colds_init), 3)
            views = project / "pages" / "views.py"
            rebuilds = []
            for i in range(args.rebuilds):
                views.write_text(views.read_text() + f"\n# edit {i}\n")
                rebuilds.append(build(project, tag, ["newproj_dev"], no_cache=False))
            results["cold_build_s"] = round(cold, 2)
            results["rebuild_s"] = round(statistics.median(rebuilds), 2)
            results["rebuild_share_of_cold"] = round(statistics.median(rebuilds) / cold, 3)
            build(project, tag, ["newproj_prod"], no_cache=False)
            failed = {}
            for name, service in (("naive", "naive"),):
                try:
                    build(project, tag, [service], no_cache=False)
                except AssertionError as err:  # e.g. mysqlclient needs a compiler these peers lack
                    failed[name] = str(err).strip().splitlines()[-1][:160]
            results["peers_that_fail_to_build"] = failed

            base_size = image_size(base)
            own = {name: image_size(image) - base_size for name, image in images.items() if name not in failed}
            dev = images["newproj development"]
            packages = du(dev, "/opt/venv")
            source = du(dev, "/app")
            results["own_layers_bytes"] = own
            results["needed_bytes"] = {"installed packages (/opt/venv)": packages, "source (/app)": source}
            results["own_layers_over_needed"] = round(own["newproj development"] / (packages + source), 3)
            results["final_image_carries"] = {
                "compiler": in_image(dev, "command -v gcc cc || true") or "none",
                "pip cache": in_image(dev, "ls -d /root/.cache/pip /home/*/.cache/pip 2>/dev/null || true") or "none",
                "wheels or build files": in_image(
                    dev, "find /opt /app /root /tmp \\( -name '*.whl' -o -name '*.tar.gz' -o -name '*.o' \\) "
                    "2>/dev/null | head -3") or "none",
            }
            # pairs, each database alone then the whole stack: the medians of --up-rounds of them
            readies, ups = [], []
            for _ in range(args.up_rounds):
                readies.append(db_ready(project) if answers.database != "sqlite" else 0.0)
                ups.append(up_to_healthy(project))
            results["db_ready_s"] = round(statistics.median(readies), 2)
            results["compose_up_to_healthy_s"] = round(statistics.median(ups), 2)
            results["up_after_db_ready_s"] = round(statistics.median([u - r for u, r in zip(ups, readies, strict=True)]), 2)
            results["up_rounds_s"] = {"db_ready": [round(x, 2) for x in readies],
                                      "compose_up_to_healthy": [round(x, 2) for x in ups]}
        finally:
            for image in images.values():
                run(["docker", "rmi", "-f", image], check=False)
    report(results)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def up_to_healthy(project: Path, *services: str) -> float:
    """Seconds from `compose up -d --wait` (fresh volumes, image built beforehand) to healthy."""
    compose = Compose(project, f"npbenchup{uuid.uuid4().hex[:6]}")
    if not services:  # the database alone builds nothing (and `down --rmi local` would leave a web image)
        compose("build", timeout=1800)
    start = time.monotonic()
    try:
        compose("up", "-d", "--wait", "--wait-timeout", "300", *services, timeout=400)
        return time.monotonic() - start
    finally:
        compose("down", "-v", "--rmi", "local", "--timeout", "5", check=False, timeout=300)


def db_ready(project: Path) -> float:
    """The database service alone: its own time to healthy on a fresh volume."""
    return up_to_healthy(project, "db")


def report(results: dict) -> None:
    print(f"newproj Docker benchmark: {results['database']}, base {results['base_image']}")
    print("\nImage size (own layers = image size - base image size):")
    for name, size in results["own_layers_bytes"].items():
        print(f"  {name:<22}{mb(size)}")
    for name, why in results["peers_that_fail_to_build"].items():
        print(f"  {name:<22}does not build: {why}")
    needed = results["needed_bytes"]
    for name, size in needed.items():
        print(f"  needed: {name:<32}{mb(size)}")
    print(f"  newproj development own layers / needed = {results['own_layers_over_needed']} (goal <= 1.0)")
    print("\nThe final image carries:")
    for name, found in results["final_image_carries"].items():
        print(f"  {name:<24}{found}")
    print(f"\nCold build {results['cold_build_s']} s (docker init style {results['cold_build_docker_init_style_s']} s, "
          f"medians; best rounds {results['cold_build_best_share_of_docker_init_style']} of it); "
          f"rebuild after a one-line change {results['rebuild_s']} s")
    for name, times in results["cold_builds_s"].items():
        print(f"  cold builds, {name}: {times}")
    print(f"database alone -> healthy {results['db_ready_s']} s; "
          f"docker compose up -> healthy {results['compose_up_to_healthy_s']} s (medians)")
    for name, times in results["up_rounds_s"].items():
        print(f"  {name}: {times}")
    print("\nGoals, measured in this run:")
    rows = [
        ("cold build / docker init style", results["cold_build_share_of_docker_init_style"], 0.8),
        ("rebuild / cold build", results["rebuild_share_of_cold"], 0.10),
        ("compose up -> healthy, minus db_ready_s (s)", results["up_after_db_ready_s"], 3.0),
        ("own layers / needed", results["own_layers_over_needed"], 1.0),
    ]
    print(f"  {'figure':<46}{'measured':>10}{'goal':>8}  met")
    for name, value, goal in rows:
        print(f"  {name:<46}{value:>10}{'<= ' + str(goal):>8}  {'yes' if value <= goal else 'NO'}")


if __name__ == "__main__":
    raise SystemExit(main())
