"""Answers to GET requests kept until the store changes.

The store changes only when a writer commits, and every writer in the server's process (``POST /api/code
?store=true``, the feed watcher) holds the app's write lock to do it; the lock counts its releases. An answer is
kept under (method, path, query, that count) and served again until the next write, so N clients asking for the
same page cost one query, and a reader never sees an answer older than the last commit it could have seen. After
a write, the first request for a page computes it and the others asking meanwhile wait for that answer rather
than all running the same query at once. Bounded: the least recently used answers go first; large or non-200
answers are not kept.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from types import TracebackType
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ResponseCache", "WriteLock"]

#: Largest answer kept (bytes).
MAX_KEPT = 2_000_000
_SKIP = ("/api/feeds/stream", "/api/code", "/static/")


class WriteLock:
    """The lock writers hold; it counts writes (its releases), so cached answers know when they went stale."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.generation = 0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        """Take the lock (as :meth:`threading.Lock.acquire`)."""
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        """Count a write and let the next writer in."""
        self.generation += 1
        self._lock.release()

    def __enter__(self) -> WriteLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


class ResponseCache:
    """ASGI middleware: serve a GET again from memory while the store has not changed (see the module docstring).

    Args:
        app: the application.
        lock: the app's write lock (its ``generation`` keys the answers).
        entries: answers kept at most; 0 keeps none.
    """

    def __init__(self, app: ASGIApp, lock: WriteLock, entries: int = 512) -> None:
        self.app = app
        self.lock = lock
        self.entries = entries
        self._kept: OrderedDict[tuple[Any, ...], tuple[int, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._guard = threading.Lock()
        self._pending: dict[tuple[Any, ...], asyncio.Event] = {}
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or not self.entries
                or scope["path"].startswith(_SKIP)):
            await self.app(scope, receive, send)
            return
        accept = dict(scope.get("headers") or []).get(b"accept", b"")
        key = (scope["path"], scope.get("query_string", b""), accept, self.lock.generation)
        found = self._get(key)
        if found is None and key in self._pending:  # another request computes this answer now: wait for it
            await self._pending[key].wait()
            found = self._get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        done = self._pending.setdefault(key, asyncio.Event())
        try:
            await self._compute(key, scope, receive, send)
        finally:
            if self._pending.get(key) is done:
                del self._pending[key]
            done.set()

    def _get(self, key: tuple[Any, ...]) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        with self._guard:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                self.hits += 1
            return found

    async def _compute(self, key: tuple[Any, ...], scope: Scope, receive: Receive, send: Send) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and size <= MAX_KEPT:
                body = message.get("body", b"")
                size += len(body)
                chunks.append(body)
            await send(message)

        await self.app(scope, receive, keep)
        if start.get("status") == 200 and size <= MAX_KEPT:
            with self._guard:
                self._kept[key] = (200, list(start.get("headers") or []), b"".join(chunks))
                while len(self._kept) > self.entries:
                    self._kept.popitem(last=False)
