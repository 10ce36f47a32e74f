"""The Docker end-to-end tier: generated projects built and run in the local Docker Engine.

No registry is reachable here, so a session fixture first builds local stand-ins for the
images the generated files name (``.ci/standins``). Where no engine answers, every test
of this tier is skipped and a banner says so at the end of the run; in CI here an engine runs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from dockerkit import ENGINE_BEFORE, PYTHONS_RUN, REPORT, engine_available, engine_objects  # noqa: E402

_NO_ENGINE = engine_available()
#: The test that runs after every other (test_engine_left_clean.py).
LAST = "test_the_docker_tests_leave_nothing_on_the_engine"
#: "tag: what backs it" lines, shown in the run's summary (captured output would hide them).
_STANDINS: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The Docker tier last: .ci/run builds the stand-in images in the background meanwhile. After
    # it, the check that it left nothing behind.
    items.sort(key=lambda item: ("docker" in item.keywords, item.name == LAST))
    if _NO_ENGINE is None:
        if any(item.name == LAST for item in items):
            ENGINE_BEFORE.update(engine_objects())
        return
    skip = pytest.mark.skip(reason=f"DOCKER END-TO-END TESTS SKIPPED: {_NO_ENGINE}")
    for item in items:
        if "docker" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if _STANDINS:
        terminalreporter.write_sep("-", "Docker images used: local stand-ins built from Debian packages")
        for line in _STANDINS:
            terminalreporter.write_line(line)
    if PYTHONS_RUN:
        terminalreporter.write_sep("-", "Python versions that served a project and passed its tests in Docker")
        for version, variants in sorted(PYTHONS_RUN.items(), key=lambda item: python_key(item[0])):
            terminalreporter.write_line(f"Python {version}: {', '.join(variants)}")
    if REPORT:
        terminalreporter.write_sep("-", "Docker end-to-end figures")
        for line in REPORT:
            terminalreporter.write_line(line)
    if _NO_ENGINE is not None:
        terminalreporter.write_sep("!", f"Docker end-to-end tests were SKIPPED: {_NO_ENGINE}", red=True)


def python_key(version: str) -> tuple[int, ...]:
    """Sort key of "3.13.5": numeric parts."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


@pytest.fixture(scope="session")
def standin_images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Build (or reuse) the stand-in images every end-to-end variant needs; report them."""
    from standins.build import ensure_images
    from variants import standin_request

    images = ensure_images(*standin_request(tmp_path_factory.mktemp("e2e-requirements")))
    _STANDINS.extend(description for _tag, description in sorted(images.items()))
    return images
