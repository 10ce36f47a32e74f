"""``newproj serve``: a thin command that runs :mod:`newproj.web` (the ``web`` extra) with uvicorn.

Neither Starlette nor uvicorn is imported until the command runs: ``newproj --help`` and every
other command stay as light as they were.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from newproj.errors import UsageError
from newproj.messages.help import help_text


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (uvicorn listens on it); a taken or foreign address is a usage error."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as err:
        raise UsageError("serve_cannot_listen", where=f"{host}:{port}", detail=err.strerror or err) from err
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as err:
        sock.close()
        raise UsageError("serve_cannot_listen", where=f"{host}:{port}", detail=err.strerror or err) from err
    return sock


def serve(
    host: Annotated[
        str, typer.Option("--host", help=help_text("serve.host"), show_default=False)
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help=help_text("serve.port"), show_default=False)
    ] = 8080,
) -> None:
    try:
        import uvicorn

        from newproj.web.app import create_app
    except ModuleNotFoundError as err:
        raise UsageError("serve_missing_extra", module=err.name or "starlette") from err
    sock = listening_socket(host, port)
    # Access lines carry the query strings (answers, never a generated secret); uvicorn logs to stderr.
    config = uvicorn.Config(create_app(), log_level="info", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
