"""At most N renders at once, a bounded queue behind them, and a clear refusal past that.

Renders run in worker processes: Python renders hold the GIL, so threads would give one core to
every render; processes give each its own, and let the time limit interrupt a render (an alarm
in the worker's main thread). A request that waits longer than the limit, or whose client goes
away, gives up its place; the worker still removes its folder (see :mod:`newproj.web.render`).
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
from collections.abc import Awaitable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from newproj.web import render


@dataclass(frozen=True)
class Limits:
    """The service's limits; every one can be set from the environment (see :meth:`from_environment`)."""

    #: Renders at once (worker processes). Default: the machine's cores.
    renders: int = max(1, os.cpu_count() or 1)
    #: Requests that may wait for a worker before the rest get 503 with Retry-After.
    queue: int = 64
    #: Seconds a render may take (and a request may wait for one) before it is given up.
    seconds: float = 20.0
    #: Bytes of a request's query string or body.
    request_bytes: int = 16 * 1024
    #: "process" (the service) or "thread" (tests that need no worker processes).
    workers: str = "process"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """``NEWPROJ_SERVE_RENDERS``, ``_QUEUE``, ``_SECONDS``, ``_REQUEST_BYTES``, ``_WORKERS`` over the defaults.

        Raises :class:`BadLimit` for the first variable that cannot be read.
        """
        env = os.environ if environ is None else environ
        default = cls()

        def whole(name: str, fallback: int) -> int:
            raw = env.get(name)
            if raw is None:
                return fallback
            try:
                return int(raw)
            except ValueError:
                raise BadLimit(name, raw, "whole", fallback) from None

        raw_seconds = env.get("NEWPROJ_SERVE_SECONDS")
        seconds = default.seconds
        if raw_seconds is not None:
            try:
                seconds = float(raw_seconds)
            except ValueError:
                seconds = math.nan
            if not math.isfinite(seconds):  # nan or inf would never time out (or always)
                raise BadLimit("NEWPROJ_SERVE_SECONDS", raw_seconds, "seconds", default.seconds)
        workers = env.get("NEWPROJ_SERVE_WORKERS", default.workers)
        if workers not in WORKERS:
            raise BadLimit("NEWPROJ_SERVE_WORKERS", workers, "workers", default.workers)
        return cls(
            renders=max(1, whole("NEWPROJ_SERVE_RENDERS", default.renders)),
            queue=max(0, whole("NEWPROJ_SERVE_QUEUE", default.queue)),
            seconds=max(0.001, seconds),
            request_bytes=max(1024, whole("NEWPROJ_SERVE_REQUEST_BYTES", default.request_bytes)),
            workers=workers,
        )


#: The kinds of render workers ``NEWPROJ_SERVE_WORKERS`` may name.
WORKERS = ("process", "thread")


class BadLimit(ValueError):
    """A ``NEWPROJ_SERVE_*`` variable that cannot be read: its name, its value, what it should be
    (``whole``, ``seconds`` or ``workers``) and the default it replaces."""

    def __init__(self, variable: str, value: str, kind: str, default: object) -> None:
        super().__init__(f"{variable}={value!r}")
        self.variable = variable
        self.value = value
        self.kind = kind
        self.default = default


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """The render (or the wait for it) took longer than the limit."""


class Gone(Exception):
    """The client went away before its project was made."""


class RenderPool:
    """The workers and the count of requests inside (rendering or waiting)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.inside = 0
        self.executor: Executor | None = None

    def start(self) -> None:
        if self.limits.workers == "thread":
            self.executor = ThreadPoolExecutor(self.limits.renders, thread_name_prefix="newproj-render")
            return
        # spawn, not fork: the server process runs an event loop and threads that a fork would copy.
        self.executor = ProcessPoolExecutor(
            self.limits.renders, mp_context=multiprocessing.get_context("spawn"), initializer=render.warm
        )

    def stop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    async def make(self, values: dict[str, Any], kind: str, gone: Awaitable[None]) -> Any:
        """The (slug, archive or preview) of ``values``; raise :class:`Busy`, :class:`TimedOut` or :class:`Gone`."""
        watcher = asyncio.ensure_future(gone)
        if self.inside >= self.limits.renders + self.limits.queue:
            watcher.cancel()
            raise Busy()
        assert self.executor is not None, "the pool is started by the application's lifespan"
        self.inside += 1
        try:
            try:
                job = asyncio.wrap_future(
                    self.executor.submit(render.make, values, kind, self.limits.seconds)
                )
                done, _ = await asyncio.wait(
                    {job, watcher}, timeout=self.limits.seconds * 2, return_when=asyncio.FIRST_COMPLETED
                )
            finally:
                watcher.cancel()
            if job in done:
                try:
                    return job.result()
                except render.RenderTimeout as err:
                    raise TimedOut() from err
            job.cancel()  # a job still queued never starts; a running one finishes and cleans up
            if watcher in done:
                raise Gone()
            raise TimedOut()
        finally:
            self.inside -= 1
