"""The e2e port picker: never a port someone listens on, never one another run holds."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
from pathlib import Path

import ports
import pytest

HOLD_PORTS = Path(__file__).resolve().parents[2] / ".ci" / "standins" / "hold_ports.py"


def test_a_port_another_program_listens_on_is_never_handed_out() -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen(1)
        busy = other.getsockname()[1]
        assert not ports.bindable(busy)
        with pytest.raises(RuntimeError, match=rf"^no free TCP port in {busy}-{busy}$"):
            ports.reserve(range(busy, busy + 1))


def test_a_port_held_by_another_run_is_skipped_until_released() -> None:
    first = ports.reserve(range(29990, 29992), random.Random(1))
    second = ports.reserve(range(29990, 29992), random.Random(1))
    try:
        assert {first.port, second.port} == {29990, 29991}
        with pytest.raises(RuntimeError, match=r"^no free TCP port in 29990-29991$"):
            ports.reserve(range(29990, 29992))
    finally:
        second.release()
    again = ports.reserve(range(29990, 29992))
    assert again.port == second.port
    again.release()
    first.release()


def test_docker_saying_the_port_is_taken_is_recognised() -> None:
    message = ("Error response from daemon: driver failed programming external connectivity on endpoint "
               "x-web-1: Bind for 0.0.0.0:20001 failed: port is already allocated")
    assert ports.taken_by_someone_else(message)
    assert not ports.taken_by_someone_else("Error response from daemon: No such image: python:3.99-slim")


def test_hold_ports_holds_what_it_says() -> None:
    probe = ports.reserve(range(29980, 29990))
    port = probe.port
    probe.release()
    holder = subprocess.Popen([sys.executable, str(HOLD_PORTS), f"{port}-{port + 1}"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == f"hold_ports: holding 2 ports ({port}-{port + 1})\n"
        assert not ports.bindable(port)
        assert not ports.bindable(port + 1)
    finally:
        holder.terminate()
        assert holder.wait(timeout=10) == 0
