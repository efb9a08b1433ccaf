"""The FastAPI application: JSON API under ``/api``, HTML pages beside it, assets under ``/static``.

The app holds one DuckDB connection for the life of the process (issue 12); each request works on a cursor of
it, read-only for every GET, so reads run side by side, and beside the writes of ``POST /api/code?store=true``
and of the feed watcher (``dyads serve --watch``): DuckDB's MVCC gives each reader a consistent snapshot while a
writer commits. Writers take turns on one lock. The connection is writable, so DuckDB's file lock keeps other
processes out while the server runs; they get a message saying to use the API or stop the server.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..errors import DyadsError
from ..store import EventStore
from .cache import ResponseCache, WriteLock
from .queries import event_by_id

if TYPE_CHECKING:
    from ..pipeline import Coder

__all__ = ["MAX_BODY", "ApiState", "create_app"]

log = logging.getLogger(__name__)

#: The largest request body the API reads (bytes); a larger one gets 413.
MAX_BODY = 1_000_000

HERE = Path(__file__).parent


class ApiState:
    """What one app holds: the store's process-wide connection, the lock writers take turns on, and the coder
    (loaded once, on first use)."""

    def __init__(self, db_path: str, coder: Coder | None = None) -> None:
        self.db_path = db_path
        self._coder = coder
        self._coder_lock = threading.Lock()
        #: writers (POST /api/code?store=true, the feed watcher) hold it while they write; it counts the writes
        self.write_lock = WriteLock()
        self._owner: EventStore | None = None
        self._owner_lock = threading.Lock()

    def open(self) -> EventStore:
        """Open the process-wide connection (creating and migrating the store), once."""
        with self._owner_lock:
            if self._owner is None:
                self._owner = EventStore(self.db_path)
            return self._owner

    def close(self) -> None:
        """Close the process-wide connection (the server is stopping)."""
        with self._owner_lock:
            if self._owner is not None:
                self._owner.close()
                self._owner = None

    @contextmanager
    def connection(self, *, read_only: bool) -> Iterator[EventStore]:
        """A store on a cursor of the process-wide connection, for one request (writers take the write lock)."""
        try:
            owner = self.open()
        except DyadsError as exc:
            raise StarletteHTTPException(503, str(exc)) from exc
        store = EventStore.attach(owner.con.cursor(), self.db_path, read_only=read_only)
        try:
            if read_only:
                yield store
            else:
                with self.write_lock:
                    yield store
        finally:
            store.close()

    def reader(self) -> AbstractContextManager[EventStore]:
        """Open a read-only connection for one request."""
        return self.connection(read_only=True)

    def writer(self) -> AbstractContextManager[EventStore]:
        """Open a writable connection for one request."""
        return self.connection(read_only=False)

    def event(self, event_id: str, hint: str) -> dict[str, Any]:
        """One stored event, or 422/404 errors whose message ends with ``hint`` (where to look instead)."""
        if len(event_id) > 200:
            raise HTTPException(422, "event_id: longer than any event id (ids are 20 hex digits)")
        with self.reader() as store:
            found = event_by_id(store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id[:40]!r} in this store: {hint}")
        return found

    @property
    def coder_lock(self) -> threading.Lock:
        """The lock code runs under (one text at a time through the shared coder)."""
        return self._coder_lock

    @contextmanager
    def coder(self) -> Iterator[Coder]:
        """Hold the coder (loading it on first use); one text is coded at a time."""
        with self._coder_lock:
            if self._coder is None:
                from ..pipeline import Coder

                log.info("loading the coder")
                self._coder = Coder()
            yield self._coder


class BodyLimit:
    """Answer 413 to a request whose declared or streamed body is larger than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        started = False

        async def tracked(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await _too_large(self.limit)(scope, receive, send)


class BodyTooLarge(Exception):
    """A streamed body passed the limit."""


def _too_large(limit: int) -> Response:
    message = f"request body is larger than {limit // 1_000_000} MB: send a shorter text (split long articles)"
    return JSONResponse({"detail": message, "message": message}, status_code=413)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/static") or path == "/openapi.json")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = [str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path")]
        given = err.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int | float) and len(repr(given)) < 80 else ""
        parts.append(f"{'.'.join(where) or 'request'}: {err.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str, *, coder: Coder | None = None, watch: Any = None, cache: int = 512) -> FastAPI:
    """Build the HTTP API and web page over one event store.

    Args:
        db_path: the DuckDB store (created empty when missing, so ``POST /api/code?store=true`` can fill it).
        coder: a loaded :class:`~dyads.pipeline.Coder` to share; by default one is loaded on first use.
        watch: a :class:`~dyads.api.live.LiveWatch` to run beside the server (``dyads serve --watch``): it polls
            the feeds into the store while the app runs.
        cache: GET answers kept until the next write to the store (:mod:`dyads.api.cache`); 0 keeps none.

    Raises:
        StoreError: the store cannot be opened (another process holds it).

    Example:
        >>> from fastapi.testclient import TestClient
        >>> client = TestClient(create_app("news.duckdb"))  # doctest: +SKIP
        >>> client.get("/api/events", params={"actor": "IRN", "limit": 5}).json()["total"]  # doctest: +SKIP
        12
    """
    state = ApiState(db_path, coder)
    state.open()  # now, so a store another process holds fails at start, with the message saying what to do

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if watch is not None:
            watch.start(state)
        try:
            yield
        finally:
            if watch is not None:
                watch.stop()
            state.close()

    # Swagger UI would load its scripts from a CDN; /docs is our own page over /openapi.json, so it works offline
    app = FastAPI(title="dyads", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political events coded from news text: who did what to whom, when and where "
                              "(PLOVER + CAMEO). Every HTML page has a JSON twin under /api.")
    app.state.dyads = state
    app.state.watch = watch
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates = templates

    def error(request: Request, status: int, message: str, detail: Any = None) -> Response:
        if _wants_html(request):
            return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                              status_code=status)
        return JSONResponse({"detail": message if detail is None else detail, "message": message},
                            status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, _validation_message(exc), detail=jsonable_errors(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(DyadsError)
    async def dyads_error(request: Request, exc: DyadsError) -> Response:
        return error(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:  # pragma: no cover - last resort
        log.exception("unhandled error on %s", request.url.path)
        return error(request, 500, f"internal error: {type(exc).__name__}; see the server log")

    from .routes_api import router as api_router
    from .routes_feeds import router as feeds_router  # issue 12: /feeds, /api/feeds, /api/feeds/stream
    from .routes_web import router as web_router

    app.include_router(api_router)
    app.include_router(feeds_router)
    app.include_router(web_router)
    from .routes_views import router as views_router  # issue 13: map, dyads, report

    app.include_router(views_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    app.add_middleware(ResponseCache, lock=state.write_lock, entries=cache)
    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """The validation errors without the parts that may not serialise (exception objects in ``ctx``)."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]


def html(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a page template."""
    response = request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
    assert isinstance(response, HTMLResponse)
    return response
