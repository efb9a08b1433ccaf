"""The analyst views: the world map, a dyad over time and the briefing report, each an HTML page with its JSON
twin under ``/api`` (same parameters, same figures)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..analysis.windows import Window
from ..report import build_briefing, render_briefing
from ..views import country_map, dyad_view, numeric_ids
from .app import ApiState, html
from .params import By
from .windows import closed_window, window_params

__all__ = ["router"]

router = APIRouter()

Measure = Annotated[Literal["net", "tone", "events", "conflict", "cooperation"],
                    Query(description="What shades a country: tone (net per event, -1 to 1), net (cooperative "
                                      "minus conflictual events), events, conflict or cooperation.")]
ActorParam = Annotated[str | None, Query(max_length=200, description="Keep only this actor's events (ISO3 or "
                                                                     "code).")]
WindowParam = Annotated[Window, Depends(window_params)]


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.dyads
    return state


def _query(request: Request) -> str:
    return urlencode([(k, v) for k, v in request.query_params.items() if v])


def _key(value: str, name: str) -> str:
    value = value.strip()
    if not value or len(value) > 200:
        raise HTTPException(422, f"{name}: give an actor key (ISO3 country such as IRN, or an actor code)")
    return value


def _map(request: Request, window: Window, actor: str | None) -> dict[str, Any]:
    with _state(request).reader() as store:
        found = country_map(store, window, (actor or "").strip().upper() or None)
    return {**found, "ids": {num: a3 for a3, num in numeric_ids().items()}}


@router.get("/api/map", tags=["views"], summary="Countries by the events of their actors in a window, and the "
                                                "events' places (JSON twin of /map).")
def map_api(request: Request, window: WindowParam, actor: ActorParam = None) -> dict[str, Any]:
    return _map(request, window, actor)


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, window: WindowParam, actor: ActorParam = None, measure: Measure = "tone"
             ) -> HTMLResponse:
    found = _map(request, window, actor)
    query = _query(request)
    return html(request, "map.html", {"map": found, "window": window, "measure": measure, "actor": actor or "",
                                      "query": query, "twin": "/api/map" + (f"?{query}" if query else "")})


def _dyad(request: Request, a: str, b: str, window: Window, by: str) -> dict[str, Any]:
    a, b = _key(a, "a").upper(), _key(b, "b").upper()
    window = closed_window(request, window)
    with _state(request).reader() as store:
        return dyad_view(store, a, b, window, by)


@router.get("/api/dyads/{a}/{b}", tags=["views"], summary="A dyad over time: both directions by period, this "
                                                          "window beside the previous one, key events (JSON twin "
                                                          "of /dyads/{a}/{b}).")
def dyad_api(request: Request, a: str, b: str, window: WindowParam, by: By = "month") -> dict[str, Any]:
    return _dyad(request, a, b, window, by)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
def dyad_page(request: Request, a: str, b: str, window: WindowParam, by: By = "month") -> HTMLResponse:
    view = _dyad(request, a, b, window, by)
    query = _query(request)
    return html(request, "dyad.html", {"view": view, "by": by, "query": query,
                                       "twin": f"/api/dyads/{view['a']}/{view['b']}" + (f"?{query}" if query else "")})


def _briefing(request: Request, actor: str, window: Window) -> Any:
    actor = _key(actor, "actor").upper()
    window = closed_window(request, window)
    with _state(request).reader() as store:
        return build_briefing(store, actor, window)


@router.get("/api/report", tags=["views"], summary="The briefing on one actor: counterparts now and before, map, "
                                                   "dyad trends, most intense events (JSON twin of /report).")
def report_api(request: Request, window: WindowParam,
               actor: Annotated[str, Query(max_length=200, description="The actor (ISO3 or code).")]
               ) -> dict[str, Any]:
    result: dict[str, Any] = _briefing(request, actor, window).to_dict()
    return result


@router.get("/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, window: WindowParam,
                actor: Annotated[str, Query(max_length=200)]) -> HTMLResponse:
    return HTMLResponse(render_briefing(_briefing(request, actor, window), inline=False))
