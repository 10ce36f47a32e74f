"""``newproj serve``: a thin command that runs :mod:`newproj.web` (the ``web`` extra) with uvicorn.

Neither Starlette nor uvicorn is imported until the command runs: ``newproj --help`` and every
other command stay as light as they were.
"""

from __future__ import annotations

import socket
from typing import Annotated, Any

import typer

from newproj.cli.common import command_language
from newproj.errors import UsageError
from newproj.messages import t
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


def _url(sock: socket.socket) -> str:
    """The address a browser opens for ``sock`` (its real port, chosen by the system for ``--port 0``)."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _limits() -> Any:
    """The service's limits from ``NEWPROJ_SERVE_*``; a variable that cannot be read is a usage error."""
    from newproj.web.pool import BadLimit, Limits

    try:
        return Limits.from_environment()
    except BadLimit as err:
        shown = (
            err.value.encode("unicode_escape").decode("ascii") if not err.value.isprintable() else err.value
        )
        raise UsageError(
            f"serve_env_{err.kind}", variable=err.variable, value=shown[:80], default=err.default
        ) from err


def serve(
    ctx: typer.Context,
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
    lang = command_language(ctx, None)
    limits = _limits()
    sock = listening_socket(host, port)
    url = _url(sock)

    class Server(uvicorn.Server):
        """uvicorn's server, saying where it listens: given a socket, uvicorn itself does not."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                typer.echo(t("serve_listening", lang, url=url))

    # Access lines carry the query strings (answers, never a generated secret); uvicorn logs to stderr.
    config = uvicorn.Config(create_app(limits), log_level="info", server_header=False)
    Server(config).run(sockets=[sock])
