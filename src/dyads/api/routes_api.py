"""The JSON API: events, actors, relations, coalitions, and live coding of posted text."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..analysis import dyad_relations, find_coalitions
from ..store import EventQuery, refresh_stories
from .app import MAX_BODY, ApiState
from .params import By, Limit, Offset, event_query
from .queries import actor_profile, event_page, find_actors, network
from .windows import Window, window_params

Period = Annotated[Window, Depends(window_params)]

__all__ = ["CodeRequest", "router"]

router = APIRouter(prefix="/api")


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.dyads
    return state


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


@router.get("/health", summary="Is the service up, and how many events does the store hold?")
def health(request: Request) -> dict[str, Any]:
    state = _state(request)
    with state.reader() as store:
        return {"status": "ok", "version": __version__, "db": state.db_path, "events": store.count("events"),
                "articles": store.count("articles")}


@router.get("/events", summary="Stored events that match every filter given (JSON twin of /).")
def events(request: Request, query: Annotated[EventQuery, Depends(event_query)], limit: Limit = 50,
           offset: Offset = 0) -> dict[str, Any]:
    with _state(request).reader() as store:
        found, total = event_page(store, query, limit, offset)
    return {"events": found, "total": total, "limit": limit, "offset": offset}


@router.get("/events/{event_id}", summary="One stored event, with its article (JSON twin of /events/{id}).")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return _state(request).event(event_id, "search with /api/events")


@router.get("/actors", summary="Actors in the store, by mentions; q filters code, country or name "
                               "(JSON twin of /actors).")
def actors(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
           limit: Annotated[int, Query(ge=0, le=1000)] = 100) -> dict[str, Any]:
    with _state(request).reader() as store:
        found = find_actors(store, (q or "").strip() or None, limit)
    return {"actors": found, "total": len(found)}


@router.get("/actors/{actor}", summary="An actor's counterparts and cooperation-vs-conflict timeline "
                                        "(JSON twin of /actors/{actor}).")
def actor(request: Request, actor: str, window: Period, by: By = "month") -> dict[str, Any]:
    if len(actor) > 200:
        raise HTTPException(422, "actor: longer than 200 characters")
    with _state(request).reader() as store:
        return actor_profile(store, actor, by, window)


@router.get("/relations", summary="Relations per directed dyad and period: counts by quad class, net "
                                  "cooperation, shifts.")
def relations(request: Request, source: Annotated[str | None, Query(max_length=200)] = None,
              target: Annotated[str | None, Query(max_length=200)] = None, by: By = "month",
              *, window: Period) -> dict[str, Any]:
    source, target = (source or "").strip() or None, (target or "").strip() or None
    with _state(request).reader() as store:
        rows = dyad_relations(store, by=by, actor=source or target, window=window)

    def side(value: Any, want: str | None) -> bool:
        return want is None or str(value).startswith(want) or want.startswith(str(value))

    rows = [_iso(r) for r in rows if side(r["source"], source) and side(r["target"], target)]
    return {"relations": rows, "by": by, "total": len(rows)}


@router.get("/coalitions", summary="Named groups and blocs of actors that act together.")
def coalitions(request: Request, window: Period) -> dict[str, Any]:
    with _state(request).reader() as store:
        groups = find_coalitions(store, window)
    return {"coalitions": groups, "total": len(groups)}


@router.get("/network", summary="Actors and their cooperation/conflict edges, with coalitions (JSON twin of "
                                "/network).")
def network_view(request: Request, window: Period) -> dict[str, Any]:
    with _state(request).reader() as store:
        graph = network(store, window)
        graph["coalitions"] = find_coalitions(store, window)
    return graph


class CodeRequest(BaseModel):
    """An article to code: its text, and optionally its headline and publication date."""

    text: str = Field(min_length=1, max_length=MAX_BODY, description="The article body.")
    title: str | None = Field(default=None, max_length=1000, description="The headline.")
    date: dt.date | None = Field(default=None, description="Publication date, YYYY-MM-DD (dates relative "
                                                           "words like 'Friday').")


_CODE_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": CodeRequest.model_json_schema()}}}}


@router.post("/code", summary="Code posted text into events (stored only with ?store=true); JSON twin of "
                              "/code.", openapi_extra=_CODE_BODY)
async def code(request: Request, store: bool = False) -> dict[str, Any]:
    raw = await request.body()  # BodyLimit has already refused anything over MAX_BODY
    try:
        body = CodeRequest.model_validate_json(raw or b"null")
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
        raise HTTPException(422, f"{problems} (send JSON like {{\"text\": \"...\", \"title\": \"...\", "
                                 f"\"date\": \"2014-09-06\"}})") from None
    if not body.text.strip():
        raise HTTPException(422, "text: is blank: send the article's words")
    state = _state(request)
    return await run_in_threadpool(_code, state, body, store)


def _code(state: ApiState, body: CodeRequest, store: bool) -> dict[str, Any]:
    from ..ingest.readers import article_id
    from ..records import Article

    doc_id = article_id(body.text, body.title) if store else "text"
    with state.coder() as coder:
        found = coder.code_text(body.text, title=body.title, date=body.date, doc_id=doc_id)
    if store:
        with state.writer() as db:
            db.write(Article(id=doc_id, text=body.text, title=body.title, date=body.date, origin="api"), found)
            refresh_stories(db)
    return {"events": [e.to_dict() for e in found], "total": len(found), "stored": store,
            "doc_id": doc_id if store else None}
