"""The HTML pages. Each one has a JSON twin under ``/api`` with the same data (linked from the page)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..store import EventQuery
from .app import ApiState, html
from .highlight import segments
from .params import By, Limit, Offset, event_query
from .queries import actor_profile, event_page, find_actors
from .windows import Window, window_params

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.dyads
    return state


def _decorate(event: dict[str, Any]) -> dict[str, Any]:
    """Add what the templates show: the marked sentence pieces and the quad class in words."""
    return {**event, "segments": segments(event), "quad_name": QUADS.get(event.get("quad_class") or 0, "")}


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, query: Annotated[EventQuery, Depends(event_query)], limit: Limit = 50,
                offset: Offset = 0) -> HTMLResponse:
    with _state(request).reader() as store:
        found, total = event_page(store, query, limit, offset)
        top = find_actors(store, None, 12)
    params = {k: v for k, v in request.query_params.items() if k not in ("offset",) and v}
    twin = "/api/events" + (f"?{urlencode(request.query_params)}" if request.query_params else "")

    def page(at: int) -> str:
        return "/?" + urlencode({**params, "offset": at})

    return html(request, "events.html", {
        "events": [_decorate(e) for e in found], "total": total, "limit": limit, "offset": offset,
        "filters": request.query_params, "twin": twin, "top_actors": top,
        "prev": page(max(offset - limit, 0)) if offset > 0 else None,
        "next": page(offset + limit) if limit and offset + limit < total else None,
    })


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page_html(request: Request, event_id: str) -> HTMLResponse:
    found = _state(request).event(event_id, "search for it on the events page")
    return html(request, "event.html", {"event": _decorate(found), "twin": f"/api/events/{event_id}"})


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    with _state(request).reader() as store:
        found = find_actors(store, (q or "").strip() or None, 500)
    twin = "/api/actors" + (f"?{urlencode({'q': q})}" if q else "")
    return html(request, "actors.html", {"actors": found, "q": q or "", "twin": twin})


@router.get("/actors/{actor}", response_class=HTMLResponse)
def actor_page(request: Request, actor: str, window: Annotated[Window, Depends(window_params)], by: By = "month"
               ) -> HTMLResponse:
    if len(actor) > 200:
        raise HTTPException(422, "actor: longer than 200 characters")
    with _state(request).reader() as store:
        profile = actor_profile(store, actor, by, window)
        recent, total = event_page(store, EventQuery(actor=actor, since=window.since, until=window.until,
                                                     newest_first=True), 20, 0)
    wq = urlencode(window.query())
    twin = f"/api/actors/{actor}?by={by}" + (f"&{wq}" if wq else "")
    return html(request, "actor.html", {"profile": profile, "events": [_decorate(e) for e in recent],
                                        "total": total, "twin": twin, "by": by, "window": window, "wq": wq})


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, window: Annotated[Window, Depends(window_params)]) -> HTMLResponse:
    wq = urlencode(window.query())
    return html(request, "network.html", {"twin": "/api/network" + (f"?{wq}" if wq else ""), "window": window})


@router.get("/code", response_class=HTMLResponse)
def code_page(request: Request) -> HTMLResponse:
    return html(request, "code.html", {"twin": "/api/code"})


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API reference, read from the OpenAPI document (its JSON twin is ``/openapi.json``)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "params": op.get("parameters", []), "body": body.get("properties", {}),
                               "required": body.get("required", [])})
    return html(request, "docs.html", {"spec": spec, "operations": operations, "twin": "/openapi.json"})
