"""``newproj serve``: run the web service (the ``web`` extra) with uvicorn.

This module imports neither Starlette nor uvicorn at import time: ``newproj --help`` and every other
command stay as light as they were.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from newproj.errors import ExitCode, NewprojError
from newproj.helptext import define_help, help_text
from newproj.web.messages import web_text

define_help(
    "serve",
    en="Serve the page and the HTTP API that make projects (needs newproj's optional web extra).",
    ko="프로젝트를 만드는 웹 페이지와 HTTP API를 띄웁니다 (newproj 의 선택 기능 web 필요).",
)
define_help(
    "serve.host",
    en="Address to listen on; 0.0.0.0 for every interface, as in a container. Default: 127.0.0.1.",
    ko="받을 주소. 모든 인터페이스는 0.0.0.0 (컨테이너 안에서처럼). 기본값: 127.0.0.1.",
)
define_help("serve.port", en="Port to listen on. Default: 8080.", ko="받을 포트. 기본값: 8080.")


class MissingExtra(NewprojError):
    """The web extra is not installed: exit 2, naming the command that installs it."""

    exit_code = ExitCode.USAGE

    def __init__(self, module: str) -> None:
        self.module = module
        super().__init__()

    def message(self, lang: str = "en") -> str:
        return web_text("missing_extra", lang, module=self.module)


class CannotListen(NewprojError):
    """The address is taken or not this machine's: exit 2, naming the options that choose another."""

    exit_code = ExitCode.USAGE

    def __init__(self, host: str, port: int, detail: str) -> None:
        self.where = f"{host}:{port}"
        self.detail = detail
        super().__init__()

    def message(self, lang: str = "en") -> str:
        return web_text("cannot_listen", lang, where=self.where, detail=self.detail)


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (uvicorn listens on it), or :class:`CannotListen`."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as err:
        raise CannotListen(host, port, err.strerror or str(err)) from err
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as err:
        sock.close()
        raise CannotListen(host, port, err.strerror or str(err)) from err
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
        raise MissingExtra(err.name or "starlette") from err
    sock = listening_socket(host, port)
    # Access lines carry the query strings (answers, never a generated secret); uvicorn logs to stderr.
    config = uvicorn.Config(create_app(), log_level="info", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
