"""Build (or check) the stand-in images the Docker tier needs, before pytest asks for them.

    python .ci/build_standins.py

.ci/run starts this in the background while the other tiers run; the tier's session fixture
then waits on the stand-in cache lock and finds the images current. Prints what backs each tag.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # standins, beside this file
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))  # the variants the tests run

from standins.build import ensure_images  # noqa: E402
from standins.procs import StandinError  # noqa: E402
from variants import standin_request  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="e2e-requirements-") as folder:
        try:
            images = ensure_images(*standin_request(Path(folder)))
        except StandinError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    for description in images.values():
        print(description)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
