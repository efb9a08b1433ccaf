"""Request parameters shared by the JSON API and the HTML pages, checked with messages that say what to fix."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from ..store import EventQuery

__all__ = ["By", "Limit", "Offset", "event_query", "parse_day"]

Limit = Annotated[int, Query(ge=0, le=1000, description="At most this many events (0 to 1000).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Skip this many matching events first.")]
By = Annotated[Literal["day", "week", "month"], Query(description="Period length: day, week or month.")]

_Word = Annotated[str | None, Query(max_length=200)]


def parse_day(value: str | None, name: str) -> dt.date | None:
    """Read a YYYY-MM-DD day; an empty value means no bound."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name}: {value[:40]!r} is not a date: write it as YYYY-MM-DD, e.g. 2014-09-06"
                            ) from None


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def event_query(
    actor: Annotated[str | None, Query(max_length=200, description="Actor code or prefix (IRN, USAGOV), ISO3 "
                                                                    "country or name, either side.")] = None,
    source: Annotated[str | None, Query(max_length=200, description="The same, source side only.")] = None,
    target: Annotated[str | None, Query(max_length=200, description="The same, target side only.")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type (ASSAULT) or CAMEO code "
                                                                  "prefix (19).")] = None,
    since: Annotated[str | None, Query(max_length=40, description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(max_length=40, description="Last day, YYYY-MM-DD.")] = None,
    text: Annotated[str | None, Query(max_length=500, description="Words that must all occur in the "
                                                                   "sentence.")] = None,
    other: Annotated[str | None, Query(max_length=200, description="A second actor, either side (with actor: "
                                                                    "the dyad both ways).")] = None,
    place: Annotated[str | None, Query(max_length=200, description="The event's place name (the map's "
                                                                    "points).")] = None,
    negated: Annotated[Literal["yes", "no"], Query(description="no: leave out negated events (as the views "
                                                                "count).")] = "yes",
    dyadic: Annotated[bool, Query(description="Only events with a counterpart (another actor as target).")
                      ] = False,
    order: Annotated[Literal["newest", "oldest"], Query(description="newest (default) or oldest first.")
                     ] = "newest",
) -> EventQuery:
    """The event filters of ``GET /api/events`` and the events page, as an :class:`EventQuery`."""
    first, last = parse_day(since, "since"), parse_day(until, "until")
    return EventQuery(actor=_clean(actor), source=_clean(source), target=_clean(target), type=_clean(type),
                      since=first, until=last, text=_clean(text), place=_clean(place), other=_clean(other),
                      affirmed=negated == "no", dyadic=dyadic,
                      newest_first=order == "newest")
