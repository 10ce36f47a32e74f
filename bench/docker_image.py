"""Docker benchmarks of a generated project, against peers measured in the same run.

    python bench/docker_image.py [--database postgresql] [--python 3.13] [--rounds 2] [--up-rounds 3] [--json]

Prints, for the same starter app:
- image size: each image's own layers (its size minus its base image's), for newproj's
  Dockerfile (development and production stages), a naive Dockerfile (`COPY . .` then
  `pip install`, as root, no .dockerignore care) and one in the style of Docker's `docker init`
  (cache mount, bind-mounted requirements, non-root user); and what the app really needs: its
  installed packages plus its source. Goal: newproj's own layers are no larger than that.
- what the final image must not carry: a compiler, a pip cache, wheels or build files;
- the five figures of a stock project against the `docker init` style peer, measured side by side
  in this run (the peer runs under the same compose file and database, with web built from its
  Dockerfile and started as `migrate && runserver`: the same migrate-on-start):
  1. a cold build (no layer cache) of newproj's development image against the peer's, alternated,
     each first in every other round (goal: at most 1.0 of it, on the medians; the peer keeps its
     BuildKit package cache mount, as a teammate's machine does);
  2. a teammate's clone to healthy: that cold build plus `compose up` on fresh volumes until
     /health/ answers 200 (goal: at most 1.0 of the peer's);
  3. edit to served: a view edited on the host, until the running server serves it, with no
     rebuild (goal: at most 2 s);
  4. idle CPU of the running stack, from each container's cgroup CPU counter over 60 s once web is
     healthy, per container and in total, as a share of one core (goal: total at most 2%);
  5. `compose up` (image built, fresh volumes) to the first 200 of /health/, minus the database
     container's own time to healthy (`db_ready_s`), in pairs, --up-rounds of them (reported);
- rebuild after a one-line source change, as a share of a cold build (goal: at most 0.10).

It needs a Docker Engine and the stand-in base images (`.ci/standins/build.py`). It
is a benchmark, not a test: it exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import os
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
import yaml  # noqa: E402
from dockerkit import Compose, compose_binary, get, run, wait_for  # noqa: E402

NAIVE = """FROM python:{python}-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
EXPOSE {port}
CMD python manage.py runserver 0.0.0.0:{port}
"""

#: The peer's start, as a docker init user adds it: migrate, then Django's development server.
PEER_COMMAND = "python manage.py migrate --noinput && exec python manage.py runserver 0.0.0.0:{port}"

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
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="the idle CPU window")
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
            # 2. a teammate's clone to healthy, newproj and the peer alternated
            peer_file = peer_compose_file(project, answers.port)
            clones: dict[str, list[float]] = {"newproj": [], "docker init style": []}
            for round_ in range(args.rounds):
                for name in ["newproj", "docker init style"][:: 1 if round_ % 2 == 0 else -1]:
                    compose_file = "docker-compose.yml" if name == "newproj" else peer_file
                    clones[name].append(clone_to_healthy(project, compose_file, answers.port))
            results["clone_to_healthy_s"] = {name: [round(x, 2) for x in times] for name, times in clones.items()}
            results["clone_to_healthy_share_of_docker_init_style"] = round(
                statistics.median(clones["newproj"]) / statistics.median(clones["docker init style"]), 3)
            # 3 and 4: the running stack, edited, then at rest
            stack, ids = running_stack(project, answers.port)
            try:
                results["edit_to_served_s"] = round(edit_to_served(project, answers.port, ids), 2)
                results["idle_cpu_percent_of_one_core"] = idle_cpu(ids, args.idle_seconds)
            finally:
                stack("down", "-v", "--rmi", "local", "--timeout", "5", check=False, timeout=300)
            # 5. pairs, each database alone then the whole stack to its first 200: medians of --up-rounds
            readies, ups = [], []
            for _ in range(args.up_rounds):
                readies.append(db_ready(project) if answers.database != "sqlite" else 0.0)
                ups.append(up_to_first_200(project, answers.port))
            results["db_ready_s"] = round(statistics.median(readies), 2)
            results["compose_up_to_first_200_s"] = round(statistics.median(ups), 2)
            results["up_to_first_200_after_db_ready_s"] = round(
                statistics.median([u - r for u, r in zip(ups, readies, strict=True)]), 2)
            results["up_rounds_s"] = {"db_ready": [round(x, 2) for x in readies],
                                      "compose_up_to_first_200": [round(x, 2) for x in ups]}
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


def peer_compose_file(project: Path, port: int) -> str:
    """The project's compose file with web built from the docker init style Dockerfile and started
    as its user would (migrate, then runserver); docker init writes no web healthcheck."""
    compose = yaml.safe_load((project / "docker-compose.yml").read_text(encoding="utf-8"))
    web = compose["services"]["web"]
    web["build"] = {"context": ".", "dockerfile": "Dockerfile.init"}
    web["command"] = ["sh", "-c", PEER_COMMAND.format(port=port)]
    web.pop("healthcheck", None)
    (project / "bench-peer.yml").write_text(yaml.safe_dump(compose, sort_keys=False), encoding="utf-8")
    return "bench-peer.yml"


def serves_200(url: str) -> bool:
    try:
        return get(url, timeout=2).status == 200
    except OSError:
        return False


def clone_to_healthy(project: Path, compose_file: str, port: int) -> float:
    """A teammate's first run: a cold build (no layer cache) then `compose up` on fresh volumes, until
    /health/ answers 200."""
    compose = Compose(project, f"npbenchtm{uuid.uuid4().hex[:6]}")
    start = time.monotonic()
    try:
        compose("-f", compose_file, "build", "--no-cache", timeout=1800)
        compose("-f", compose_file, "up", "-d", timeout=600)
        wait_for(lambda: serves_200(f"http://127.0.0.1:{port}/health/"), 300, "/health/ 200", interval=0.1)
        return time.monotonic() - start
    finally:
        compose("-f", compose_file, "down", "-v", "--rmi", "local", "--timeout", "5", check=False, timeout=300)


def up_to_first_200(project: Path, port: int) -> float:
    """`compose up -d` (image built beforehand, fresh volumes) to the first 200 of /health/."""
    compose = Compose(project, f"npbenchup{uuid.uuid4().hex[:6]}")
    compose("build", timeout=1800)
    start = time.monotonic()
    try:
        compose("up", "-d", timeout=600)
        wait_for(lambda: serves_200(f"http://127.0.0.1:{port}/health/"), 300, "/health/ 200", interval=0.1)
        return time.monotonic() - start
    finally:
        compose("down", "-v", "--rmi", "local", "--timeout", "5", check=False, timeout=300)


def cpu_seconds(container: str) -> float:
    """The container's CPU time so far, from its cgroup's counter (v1 cpuacct.usage or v2 cpu.stat),
    read on the host when its cgroup is visible here, else inside the container."""
    pid = run(["docker", "inspect", "-f", "{{.State.Pid}}", container]).stdout.strip()
    try:
        lines = Path(f"/proc/{pid}/cgroup").read_text(encoding="ascii").splitlines()
        for line in lines:
            _, controllers, path = line.split(":", 2)
            if controllers == "":
                stat = Path(f"/sys/fs/cgroup{path}/cpu.stat").read_text(encoding="ascii")
                return int(stat.split("usage_usec ", 1)[1].split()[0]) / 1e6
            if "cpuacct" in controllers.split(","):
                for mount in ("/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct"):
                    usage = Path(f"{mount}{path}/cpuacct.usage")
                    if usage.is_file():
                        return int(usage.read_text(encoding="ascii")) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    unit, value = run(["docker", "exec", container, "sh", "-c",
                       "f=/sys/fs/cgroup/cpuacct/cpuacct.usage; if [ -f $f ]; then echo ns $(cat $f); "
                       "else echo us $(sed -n 's/^usage_usec //p' /sys/fs/cgroup/cpu.stat); fi"]).stdout.split()
    return int(value) / (1e9 if unit == "ns" else 1e6)


def running_stack(project: Path, port: int) -> tuple[Compose, dict[str, str]]:
    """The stack up (image built, fresh volumes) with web healthy: the compose object and the
    container id of each service."""
    compose = Compose(project, f"npbenchidle{uuid.uuid4().hex[:6]}")
    compose("build", timeout=1800)
    compose("up", "-d", "--wait", "--wait-timeout", "300", timeout=400)
    ids = {}
    for service in compose("config", "--services").stdout.split():
        ids[service] = compose("ps", "-q", service).stdout.strip()
    return compose, ids


def edit_to_served(project: Path, port: int, ids: dict[str, str]) -> float:
    """A view edited on the host, until the running server serves it; fails if the web image changed."""
    image = run(["docker", "inspect", "-f", "{{.Image}}", ids["web"]]).stdout.strip()
    views = project / "pages" / "views.py"
    original = views.read_text(encoding="utf-8")
    marker = f"edited-{uuid.uuid4().hex[:6]}"
    views.write_text(original.replace('return render(request, "pages/home.html")',
                                      f'return HttpResponse("{marker}")'), encoding="utf-8")
    start = time.monotonic()
    try:
        took = wait_for(lambda: marker in get(f"http://127.0.0.1:{port}/", timeout=2).body, 60,
                        "the edit to be served", interval=0.05)
    finally:
        views.write_text(original, encoding="utf-8")

    def restored() -> bool:
        # a write between the reload and the reloader's first look at the file goes unseen: touch it again
        if marker not in get(f"http://127.0.0.1:{port}/", timeout=2).body:
            return True
        os.utime(views)
        return False

    wait_for(restored, 60, "the original to be served again", 0.5)
    assert run(["docker", "inspect", "-f", "{{.Image}}", ids["web"]]).stdout.strip() == image, "rebuilt"
    return min(took, time.monotonic() - start)


def idle_cpu(ids: dict[str, str], seconds: float = 60.0) -> dict[str, float]:
    """Each container's CPU use over ``seconds`` at rest, as a percentage of one core, and the total."""
    time.sleep(5)  # let the last health check and the edit's reload settle
    before = {service: cpu_seconds(cid) for service, cid in ids.items()}
    start = time.monotonic()
    time.sleep(seconds)
    after = {service: cpu_seconds(cid) for service, cid in ids.items()}
    elapsed = time.monotonic() - start
    shares = {service: round(100 * (after[service] - before[service]) / elapsed, 2) for service in ids}
    shares["total"] = round(sum(shares.values()), 2)
    return shares


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
          f"compose up -> first 200 of /health/ {results['compose_up_to_first_200_s']} s (medians)")
    for name, times in results["up_rounds_s"].items():
        print(f"  {name}: {times}")
    for name, times in results["clone_to_healthy_s"].items():
        print(f"  clone to healthy (cold build + up -> /health/ 200), {name}: {times}")
    idle = results["idle_cpu_percent_of_one_core"]
    print("idle CPU over the window, % of one core: " + ", ".join(f"{k} {v}" for k, v in idle.items()))
    print("\nThe five figures, measured in this run (ratios against the docker init style peer):")
    rows = [
        ("1. cold build / docker init style", results["cold_build_share_of_docker_init_style"], 1.0),
        ("2. clone to healthy / docker init style", results["clone_to_healthy_share_of_docker_init_style"], 1.0),
        ("3. edit to served, no rebuild (s)", results["edit_to_served_s"], 2.0),
        ("4. idle CPU of the stack, % of one core", idle["total"], 2.0),
        ("5. compose up -> first 200, minus db_ready_s (s)", results["up_to_first_200_after_db_ready_s"], None),
    ]
    print(f"  {'figure':<50}{'measured':>10}{'goal':>8}  met")
    for name, value, goal in rows:
        met = "reported" if goal is None else ("yes" if value <= goal else "NO")
        print(f"  {name:<50}{value:>10}{'' if goal is None else '<= ' + str(goal):>8}  {met}")
    print("\nAlso measured:")
    for name, value, goal in [("rebuild / cold build", results["rebuild_share_of_cold"], 0.10),
                              ("own layers / needed", results["own_layers_over_needed"], 1.0)]:
        print(f"  {name:<50}{value:>10}{'<= ' + str(goal):>8}  {'yes' if value <= goal else 'NO'}")


if __name__ == "__main__":
    raise SystemExit(main())
