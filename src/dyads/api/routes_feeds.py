"""The live view: the watched feeds with their health, the newest events, and a stream that says when new ones
are stored (``/feeds``, its JSON twin ``/api/feeds``, and ``/api/feeds/stream``, server-sent events).

Feeds are set by the operator (the ``--watch FEEDS`` file); the HTTP API only shows them, never changes them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..fetch.state import feed_health
from ..store import EventStore
from .app import ApiState, html

__all__ = ["router"]

router = APIRouter()

#: Seconds between two looks at the store for a stream, and the longest a stream stays open (the browser's
#: EventSource reconnects by itself; a bounded stream frees the server's threads of clients long gone).
STREAM_TICK = 1.0
STREAM_LIFE = 300.0

_LATEST = """
SELECT e.event_id, e.type, e.cameo, e.quad_class, coalesce(e.source_code, e.source_country, e.source_text) AS source,
       coalesce(e.target_code, e.target_country, e.target_text) AS target, e.sentence, e.date,
       a.title, a.url, a.outlet, a.feed, a.coded_at
FROM articles a JOIN events e ON e.doc_id = a.id
ORDER BY a.coded_at DESC, a.id, e.sentence_index, e.event_id
LIMIT $1
"""


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.dyads
    return state


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date | dt.datetime) else v for k, v in row.items()}


def _totals(store: EventStore) -> dict[str, Any]:
    row = store.rows("SELECT count(*) AS articles, max(coded_at) AS last_coded FROM articles")[0]
    return {"events": store.count("events"), "articles": int(row["articles"]),
            "last_coded": row["last_coded"].isoformat() if row["last_coded"] else None}


def live_view(request: Request, latest: int) -> dict[str, Any]:
    """The feeds, the watcher's status, the store's totals and the newest events."""
    watch = request.app.state.watch
    with _state(request).reader() as store:
        feeds = [_jsonable(r) for r in feed_health(store)]
        newest = [_jsonable(r) for r in store.rows(_LATEST, [latest])] if latest else []
        totals = _totals(store)
    return {"watcher": watch.status() if watch is not None else {"running": False},
            "feeds": feeds, "failing": sum(1 for f in feeds if f["status"] != "ok"), **totals, "latest": newest}


Latest = Annotated[int, Query(ge=0, le=200, description="How many of the newest events to list.")]


@router.get("/api/feeds", summary="The watched feeds and their health, the watcher's status, and the newest "
                                  "events (JSON twin of /feeds).")
def feeds_api(request: Request, latest: Latest = 20) -> dict[str, Any]:
    return live_view(request, latest)


@router.get("/api/feeds/stream", summary="Server-sent events: the store's totals, sent again whenever new "
                                         "articles or events are stored.",
            response_class=StreamingResponse)
async def feeds_stream(request: Request, life: Annotated[float, Query(gt=0, le=STREAM_LIFE)] = STREAM_LIFE
                       ) -> StreamingResponse:
    state = _state(request)

    def totals() -> dict[str, Any]:
        with state.reader() as store:
            return _totals(store)

    async def stream() -> AsyncIterator[str]:
        yield f"retry: {int(STREAM_TICK * 3000)}\n\n"
        last: dict[str, Any] | None = None
        ends = time.monotonic() + life
        while time.monotonic() < ends and not await request.is_disconnected():
            now = await run_in_threadpool(totals)
            if now != last:
                yield f"event: totals\ndata: {json.dumps(now)}\n\n"
                last = now
            else:
                yield ": idle\n\n"
            await asyncio.sleep(STREAM_TICK)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
def feeds_page(request: Request, latest: Latest = 20) -> HTMLResponse:
    view = live_view(request, latest)
    return html(request, "feeds.html", {**view, "twin": f"/api/feeds?latest={latest}"})
