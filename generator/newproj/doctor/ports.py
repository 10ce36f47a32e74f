"""Is a TCP port already taken on this machine?"""

from __future__ import annotations

import socket


def port_in_use(port: int, host: str = "127.0.0.1", timeout: float = 0.2) -> bool:
    """True when something accepts connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        return sock.connect_ex((host, port)) == 0
