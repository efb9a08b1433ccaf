"""The time-window parameters every view takes: ``since`` / ``until``, or a rolling ``last`` days up to the
newest event in the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from ..analysis.windows import MAX_LAST, Window, resolve_window
from .app import ApiState
from .params import parse_day

__all__ = ["Last", "Window", "closed_window", "window_params"]

Last = Annotated[int | None, Query(ge=1, le=MAX_LAST, description="A rolling window: the last N days up to the "
                                                                    "newest event in the store (or up to until).")]


def window_params(
    request: Request,
    since: Annotated[str | None, Query(max_length=40, description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(max_length=40, description="Last day, YYYY-MM-DD.")] = None,
    last: Last = None,
) -> Window:
    """The window a request asks for; ``last`` reads the newest event's day from the store."""
    first, end = parse_day(since, "since"), parse_day(until, "until")
    if last is None:
        return resolve_window(None, first, end)
    state: ApiState = request.app.state.dyads
    with state.reader() as store:
        return resolve_window(store, first, end, last)


def closed_window(request: Request, window: Window) -> Window:
    """Close a window's open ends with the store's first and last dated days (views that compare periods)."""
    if window.bounded:
        return window
    state: ApiState = request.app.state.dyads
    with state.reader() as store:
        return resolve_window(store, window.since, window.until, close=True)
