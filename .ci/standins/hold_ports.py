"""Hold TCP ports the way other programs on a developer's machine or a CI host do.

    python .ci/standins/hold_ports.py 8000 18000-18099 &

Listens on 0.0.0.0 on every given port (or range), prints one line once all are held, and
keeps them until it is stopped (SIGTERM or Ctrl-C). Used to prove that the tests pick free
ports at run time (.ci/standins/README.md, "As a new machine").
"""

from __future__ import annotations

import signal
import socket
import sys


def parse(specs: list[str]) -> list[int]:
    """Ports from arguments such as "8000" and "18000-18099"."""
    ports: list[int] = []
    for spec in specs:
        low, _, high = spec.partition("-")
        ports.extend(range(int(low), int(high or low) + 1))
    return ports


def hold(ports: list[int]) -> list[socket.socket]:
    """A listening socket on 0.0.0.0 for each port; fails naming a port already in use."""
    sockets = []
    for port in ports:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("0.0.0.0", port))
        except OSError as err:
            raise SystemExit(f"hold_ports: cannot hold port {port}: {err.strerror}") from None
        sock.listen(8)
        sockets.append(sock)
    return sockets


def main(argv: list[str]) -> int:
    if not argv:
        raise SystemExit("usage: hold_ports.py PORT|LOW-HIGH ...")
    ports = parse(argv)
    sockets = hold(ports)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"hold_ports: holding {len(sockets)} ports ({' '.join(argv)})", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
