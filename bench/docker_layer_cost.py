"""What a layer costs to build on this machine's Docker Engine: the cost model behind the template's cold build.

    python bench/docker_layer_cost.py [--base python:3.13-slim] [--small-base IMAGE] [--rounds 2] [--json]

Builds tiny Dockerfiles cold (`--no-cache`) through the Compose v2 binary, as bench/docker_image.py
does, and prints the median wall time of each and BuildKit's own "exporting layers" time:
- one layer holding one empty file (the fixed cost of a build on that base);
- the same on a smaller base (--small-base), to show whether that fixed cost follows the base's size;
- six layers of one file each (the cost of a layer);
- one layer of 5,000 files of 100 bytes, and one layer of a single 80 MB file (per entry or per byte).

On Docker 20.10 with the fuse-overlayfs storage driver (2 cores, late 2026) it gave: one file 3.7 s
(export 3.4 s), on the bare Debian root 1.7 s (export 1.2 s), six layers 10.0 s (export 7.4 s),
5,000 files 9.7 s (write 3.2 s, export 6.5 s), 80 MB 4.5 s (export 3.7 s): about 1.2 ms an entry,
whatever its size, and a fixed export of the base tree per build. On overlay2 expect far less. It is a
benchmark, not a test: it exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))

from dockerkit import compose_binary, run  # noqa: E402

CASES = {
    "one file": "RUN touch /a\n",
    "six layers": "".join(f"RUN touch /{name}\n" for name in "abcdef"),
    "5000 small files": "RUN python3 -c \"import os; os.makedirs('/f'); "
    "[open(f'/f/{i}', 'w').write('x' * 100) for i in range(5000)]\"\n",
    "one 80 MB file": "RUN python3 -c \"import os; open('/big', 'wb').write(os.urandom(80_000_000))\"\n",
}


def build(folder: Path, name: str, tag: str) -> tuple[float, float]:
    """Seconds of a cold build of Dockerfile.<name>, and the seconds BuildKit reports exporting layers."""
    start = time.monotonic()
    result = run([str(compose_binary()), "-f", "build.yml", "-p", tag, "--progress", "plain", "build", "--no-cache",
                  name], cwd=folder, timeout=900)
    took = time.monotonic() - start
    exported = re.findall(r"exporting layers ([0-9.]+)s done", result.stdout + result.stderr)
    return took, float(exported[-1]) if exported else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="python:3.13-slim")
    parser.add_argument("--small-base", help="a smaller image to compare the fixed cost with")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    cases = {name: (args.base, body) for name, body in CASES.items()}
    if args.small_base:
        cases["one file, small base"] = (args.small_base, CASES["one file"])
    tag = f"nplayer{uuid.uuid4().hex[:6]}"
    services = {name: f"case{i}" for i, name in enumerate(cases)}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory(prefix="newproj-layer-cost-") as tmp:
        folder = Path(tmp)
        compose = "services:\n"
        for name, (base, body) in cases.items():
            service = services[name]
            (folder / f"Dockerfile.{service}").write_text(f"FROM {base}\n{body}")
            compose += f"  {service}:\n    build: {{context: ., dockerfile: Dockerfile.{service}}}\n" \
                       f"    image: {tag}-{service}\n"
        (folder / "build.yml").write_text(compose)
        try:
            for round_ in range(args.rounds):
                for name in list(cases)[:: 1 if round_ % 2 == 0 else -1]:  # alternated: both see the same load
                    times[name].append(build(folder, services[name], tag))
        finally:
            for service in services.values():
                run(["docker", "rmi", "-f", f"{tag}-{service}"], check=False)
    results = {name: {"build_s": round(statistics.median(t for t, _ in runs), 2),
                      "export_s": round(statistics.median(e for _, e in runs), 2)} for name, runs in times.items()}
    print(f"Cold builds on {args.base}, median of {args.rounds} (whole build / BuildKit's exporting layers):")
    for name, figures in results.items():
        print(f"  {name:<22}{figures['build_s']:>7.2f} s  {figures['export_s']:>6.2f} s")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
