"""The Starlette application of ``newproj serve``: the page, the metadata, the archives, the preview.

Stateless: every request renders from its own parameters in its own temporary folder, so any
number of replicas can stand behind a load balancer. No handler answers 500: a refused input is
400 (with the CLI's words), a full service 503 with ``Retry-After``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import BrokenExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from newproj.messages import t
from newproj.web import params
from newproj.web.language import accept_language
from newproj.web.metadata import METADATA_TYPE, help_text, metadata_body
from newproj.web.page import page_html
from newproj.web.pool import Busy, Gone, Limits, RenderPool, TimedOut

PAGE_FILES = Path(__file__).parent / "page"
#: Who gets the plain-text help at ``/`` unless it asks for JSON (as Spring Initializr does).
TEXT_CLIENTS = ("curl/", "httpie/", "wget/")
ARCHIVES = {"zip": ("application/zip", ".zip"), "tgz": ("application/gzip", ".tar.gz")}
#: Headers of every answer that depends on the request's Accept and language.
VARY = "Accept, Accept-Language, User-Agent"
#: The page loads nothing from elsewhere, and the browser holds it to that.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
RETRY_SECONDS = 2

log = logging.getLogger("newproj.serve")


def _json_error(
    status: int, problems: list[dict[str, Any]], headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse({"status": status, "errors": problems}, status, headers=headers)


def _one_problem(
    status: int, key: str, lang: str, headers: dict[str, str] | None = None, **kw: Any
) -> Response:
    text = t(key, lang, **kw)
    return _json_error(status, [{"parameter": None, "field": None, "message": text, "text": text}], headers)


def _language(request: Request) -> str:
    return accept_language(request.headers.get("accept-language"))


def never_500(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Any failure the handler did not foresee becomes a 503 with one line, logged without the answers."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        try:
            return await handler(request)
        except Exception as err:
            # The type only: a message could quote the answers (or, from a render, a generated file).
            log.error("%s %s failed: %s", request.method, request.url.path, type(err).__name__)
            lang = _language(request)
            return _one_problem(
                503, "serve_failed", lang, {"Retry-After": str(RETRY_SECONDS)}, detail=type(err).__name__
            )

    return wrapper


# --- reading parameters ----------------------------------------------------------------------------


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is larger than ``limit`` (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


async def _pairs(request: Request, lang: str, limit: int) -> list[tuple[str, str]] | Response:
    """The parameters of the query string and, for POST, of the body; or the error response."""
    query = request.scope.get("query_string", b"")
    if len(query) > limit:
        return _one_problem(413, "serve_too_large", lang, limit=limit)
    try:
        pairs = params.pairs_from_query(query, lang)
        if request.method == "POST":
            body = await _read_body(request, limit)
            if body is None:
                return _one_problem(413, "serve_too_large", lang, limit=limit)
            media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type == "application/json":
                pairs += params.pairs_from_json(body, lang)
            elif media_type in ("application/x-www-form-urlencoded", "") or not body:
                pairs += params.pairs_from_query(body, lang)
            else:
                return _one_problem(415, "serve_media_type", lang, media_type=media_type[:60])
    except params.BadParameters as err:
        return _json_error(400, [err.problem.as_json()])
    return pairs


async def _checked(request: Request) -> params.Checked | Response:
    lang = _language(request)
    pairs = await _pairs(request, lang, request.app.state.limits.request_bytes)
    if isinstance(pairs, Response):
        return pairs
    return params.check(pairs, lang)


async def _wait_for_disconnect(request: Request) -> None:
    """Returns when the client goes away (the body is read by then, so nothing else is received)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def _make(request: Request, kind: str) -> Response:
    checked = await _checked(request)
    if isinstance(checked, Response):
        return checked
    lang = _language(request)
    if checked.problems:
        return _json_error(400, [p.as_json() for p in checked.problems])
    assert checked.answers is not None
    pool: RenderPool = request.app.state.pool
    busy = {"Retry-After": str(RETRY_SECONDS)}
    try:
        slug, made = await pool.make(checked.answers.to_context(), kind, _wait_for_disconnect(request))
    except Busy:
        return _one_problem(503, "serve_busy", lang, busy, limit=pool.limits.renders, seconds=RETRY_SECONDS)
    except TimedOut:
        return _one_problem(503, "serve_timeout", lang, busy, seconds=pool.limits.seconds)
    except Gone:
        return Response(status_code=499)  # nobody reads it; nginx's code for a client that left
    except BrokenExecutor:
        pool.stop()  # a worker died (killed from outside): start fresh ones for the next request
        pool.start()
        return _one_problem(503, "serve_failed", lang, busy, detail="a worker stopped")
    if kind == "preview":
        made["warnings"] = [w.as_json() for w in checked.warnings]
        return JSONResponse(made, headers={"Cache-Control": "no-store"})
    media_type, suffix = ARCHIVES[kind]
    return Response(
        made,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{slug}{suffix}"',
            # The archive holds freshly drawn development values: never serve one twice.
            "Cache-Control": "no-store",
        },
    )


# --- endpoints -------------------------------------------------------------------------------------


@never_500
async def starter_zip(request: Request) -> Response:
    return await _make(request, "zip")


@never_500
async def starter_tgz(request: Request) -> Response:
    return await _make(request, "tgz")


@never_500
async def preview(request: Request) -> Response:
    return await _make(request, "preview")


@never_500
async def validate(request: Request) -> Response:
    """What the page asks as the user types: the problems, or the answers and their terminal forms.

    Always 200 (a browser logs every 4xx in its console): the problems are in the body.
    """
    checked = await _checked(request)
    if isinstance(checked, Response):
        return checked
    body: dict[str, Any] = {
        "valid": not checked.problems,
        "problems": [p.as_json() for p in checked.problems],
        "warnings": [w.as_json() for w in checked.warnings],
        "fields": params.resolved(checked.values),
    }
    if checked.answers is not None:
        body["answers"] = checked.answers.to_context()
        body["command"] = params.command_line(checked.answers)
        body["answers_file"] = params.answers_file(checked.answers)
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


def _accepted(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their weights, best first (in order for ties)."""
    ranges = []
    for position, item in enumerate(header.split(",")[:64]):
        parts = [part.strip() for part in item.split(";")]
        media = parts[0].lower()
        q = 1.0
        for part in parts[1:]:
            if part.lower().startswith("q="):
                try:
                    q = float(part[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((media, q, -position))
    ranges.sort(key=lambda r: (r[1], r[2]), reverse=True)
    return [(media, q) for media, q, _ in ranges]


OFFERED = ("text/html", "text/plain", "application/json", METADATA_TYPE)


def negotiate(accept: str | None, user_agent: str | None) -> str | None:
    """What ``GET /`` answers: a media type of :data:`OFFERED`, or None (406).

    curl and HTTPie get the text help unless they ask for JSON; ``*/*`` alone gets the metadata.
    """
    ranges = _accepted(accept or "*/*")
    agent = (user_agent or "").lower()
    wants_json = any(media in ("application/json", METADATA_TYPE) for media, _ in ranges)
    if agent.startswith(TEXT_CLIENTS) and not wants_json:
        return "text/plain"
    for media, _ in ranges:
        if media in OFFERED:
            return media
        if media in ("*/*", "application/*"):
            return "application/json"
        if media == "text/*":
            return "text/html"
    return None


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag``, compared weakly as RFC 9110 (13.1.2) asks: ``W/"x"``
    matches ``"x"``, and ``*`` matches any current representation."""
    if not if_none_match:
        return False
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or etag.removeprefix("W/") in [tag.removeprefix("W/") for tag in tags]


@never_500
async def home(request: Request) -> Response:
    lang = _language(request)
    chosen = negotiate(request.headers.get("accept"), request.headers.get("user-agent"))
    headers = {"Vary": VARY}
    if chosen is None:
        text = t("serve_not_acceptable", lang, types=", ".join(OFFERED))
        return PlainTextResponse(text + "\n", 406, headers=headers)
    if chosen == "text/plain":
        return PlainTextResponse(help_text(str(request.base_url), lang), headers=headers)
    if chosen == "text/html":
        headers["Content-Security-Policy"] = CSP
        return Response(page_html(lang), media_type="text/html", headers=headers)
    body, etag = metadata_body()
    headers["ETag"] = etag
    if not_modified(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=chosen, headers=headers)


@functools.lru_cache(maxsize=4)
def _asset(name: str) -> bytes:
    return (PAGE_FILES / name).read_bytes()


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    types = {"app.js": "text/javascript", "app.css": "text/css"}
    if name not in types:
        return _one_problem(404, "serve_not_found", _language(request))
    return Response(_asset(name), media_type=types[name], headers={"Cache-Control": "public, max-age=300"})


async def health(_request: Request) -> Response:
    return PlainTextResponse("ok\n")


async def _http_error(request: Request, exc: Exception) -> Response:
    lang = _language(request)
    status = getattr(exc, "status_code", 404)
    if status == 405:
        allowed = getattr(exc, "headers", None) or {}
        return _one_problem(
            405, "serve_method", lang, allowed, method=request.method, allowed=allowed.get("Allow", "GET")
        )
    return _one_problem(404 if status == 404 else status, "serve_not_found", lang)


def create_app(limits: Limits | None = None) -> Starlette:
    """The application, with its own pool of render workers started and stopped by its lifespan."""
    limits = limits or Limits.from_environment()
    pool = RenderPool(limits)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    both = ["GET", "POST"]
    app = Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/starter.zip", starter_zip, methods=both),
            Route("/starter.tgz", starter_tgz, methods=both),
            Route("/preview", preview, methods=both),
            Route("/validate", validate, methods=both),
            Route("/static/{name}", asset, methods=["GET"]),
            Route("/healthz", health, methods=["GET"]),
        ],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.limits = limits
    app.state.pool = pool
    return app


__all__ = ["create_app", "negotiate", "not_modified"]
