"""The Docker tier cleans up after itself: a developer who runs it on their own machine, and the
next CI run on a kept one, find the engine as it was (the stand-in images apart, which are kept
on purpose to be reused). conftest sorts this test after every other one of the session.
"""

from __future__ import annotations

import pytest
from dockerkit import ENGINE_BEFORE, engine_objects

pytestmark = pytest.mark.docker


def test_the_docker_tests_leave_nothing_on_the_engine() -> None:
    after = engine_objects()
    left = {kind: sorted(after[kind] - ENGINE_BEFORE.get(kind, set())) for kind in after}
    assert not any(left.values()), f"the Docker tests left these on the engine: {left}"
