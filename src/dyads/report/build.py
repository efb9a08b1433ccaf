"""The briefing's figures: an actor's counterparts now and in the previous period of the same length, the map,
the dyad trends and the most intense events.

Counts are of dated, non-negated events with a counterpart (the dyadic events of
:func:`~dyads.analysis.dyad_relations`), each counted once. Every figure carries ``href``: its events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from ..analysis.relations import dyad_relations
from ..analysis.windows import Window, period_window
from ..errors import UsageError
from ..store.store import EventStore
from ..views.dyad import key_events
from ..views.geo import country_names
from ..views.maps import country_map
from ..views.trace import events_href

__all__ = ["Briefing", "Counterpart", "build_briefing"]

#: How many counterparts the briefing lists, and how many it follows over time.
TOP, TRENDS = 12, 5

_ACTOR_SQL = ("(e.source_country = $1 OR e.target_country = $1 OR e.source_code LIKE $1 || '%' "
              "OR e.target_code LIKE $1 || '%')")


@dataclass(frozen=True)
class Counterpart:
    """One counterpart of the briefed actor: its events with the actor in this period and the one before."""

    actor: str
    name: str | None
    events: int
    cooperation: int
    conflict: int
    net: int
    previous_events: int
    previous_net: int
    href: str
    previous_href: str

    @property
    def change(self) -> int:
        """Events now minus events in the previous period."""
        return self.events - self.previous_events

    def to_dict(self) -> dict[str, Any]:
        """Return the counterpart as a JSON object (with ``change``)."""
        return {**asdict(self), "change": self.change}


@dataclass(frozen=True)
class Briefing:
    """What a briefing on one actor holds (see :func:`build_briefing`)."""

    actor: str
    name: str | None
    window: Window
    previous: Window
    by: str
    events: int
    previous_events: int
    counterparts: tuple[Counterpart, ...]
    key_events: tuple[dict[str, Any], ...]
    map: dict[str, Any]
    trends: dict[str, Any]
    timeline: tuple[dict[str, Any], ...]
    href: str
    previous_href: str

    def to_dict(self) -> dict[str, Any]:
        """Return the briefing as a JSON object (the JSON twin of ``/report``)."""
        return {"actor": self.actor, "name": self.name, "window": self.window.to_dict(),
                "previous_window": self.previous.to_dict(), "by": self.by, "events": self.events,
                "previous_events": self.previous_events, "href": self.href, "previous_href": self.previous_href,
                "counterparts": [c.to_dict() for c in self.counterparts], "key_events": list(self.key_events),
                "map": self.map, "trends": self.trends, "timeline": list(self.timeline)}


def _own(key: str, actor: str) -> bool:
    return key == actor or key.startswith(actor) or actor.startswith(key)


def _tally(rows: list[dict[str, Any]], actor: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        other = str(r["target"] if _own(str(r["source"]), actor) else r["source"])
        c = out.setdefault(other, {"events": 0, "cooperation": 0, "conflict": 0})
        c["events"] += int(r["events"])
        c["cooperation"] += int(r["verbal_coop"]) + int(r["material_coop"])
        c["conflict"] += int(r["verbal_conflict"]) + int(r["material_conflict"])
    return out


def _label(start: dt.date, window: Window) -> str:
    """A period's first day within the window (a week may begin before the window does)."""
    return max(start, window.since).isoformat() if window.since else start.isoformat()


def build_briefing(store: EventStore, actor: str, window: Window) -> Briefing:
    """Return the briefing on ``actor`` for a closed window.

    Args:
        store: the store to read.
        actor: an ISO3 country or an actor code (``IRN``, ``IRNGOV``); its events on either side count.
        window: the period, both ends set (:func:`~dyads.analysis.resolve_window` with ``close=True``).

    Example:
        >>> w = Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31))
        >>> [c.actor for c in build_briefing(store, "IRN", w).counterparts][:1]  # doctest: +SKIP
        ['IRQ']
    """
    if not window.bounded:
        raise UsageError("a briefing needs a closed window: give --since and --until, or --last")
    assert window.since is not None and window.until is not None
    actor = actor.strip().upper()
    previous = window.previous()
    by = "week" if (window.days or 0) <= 120 else "month"
    now_rows = dyad_relations(store, by=by, actor=actor, window=window)
    now = _tally(now_rows, actor)
    before = _tally(dyad_relations(store, by=by, actor=actor, window=previous), actor)
    names = country_names()
    keys = sorted(set(now) | set(before), key=lambda k: (-now.get(k, {}).get("events", 0),
                                                          -before.get(k, {}).get("events", 0), k))[:TOP]
    parts = []
    for key in keys:
        c, p = now.get(key, {}), before.get(key, {})
        parts.append(Counterpart(
            actor=key, name=names.get(key), events=c.get("events", 0), cooperation=c.get("cooperation", 0),
            conflict=c.get("conflict", 0), net=c.get("cooperation", 0) - c.get("conflict", 0),
            previous_events=p.get("events", 0), previous_net=p.get("cooperation", 0) - p.get("conflict", 0),
            href=events_href(window, actor=actor, other=key), previous_href=events_href(previous, actor=actor,
                                                                                        other=key)))
    periods = sorted({r["period"] for r in now_rows})
    followed = [c.actor for c in parts if c.events][:TRENDS]
    lines = []
    for key in followed:
        net = {p: 0 for p in periods}
        seen: set[dt.date] = set()
        for r in now_rows:
            if key in (r["source"], r["target"]) and _own(str(r["target"] if r["source"] == key else r["source"]),
                                                          actor):
                net[r["period"]] += int(r["net_cooperation"])
                seen.add(r["period"])
        lines.append({"counterpart": key, "net": [net[p] if p in seen else None for p in periods],
                      "hrefs": [events_href(period_window(p, by, window), actor=actor, other=key) for p in periods]})
    timeline = []
    for p in periods:
        rows = [r for r in now_rows if r["period"] == p]
        coop = sum(int(r["verbal_coop"]) + int(r["material_coop"]) for r in rows)
        conflict = sum(int(r["verbal_conflict"]) + int(r["material_conflict"]) for r in rows)
        timeline.append({"period": _label(p, window), "cooperation": coop, "conflict": conflict,
                         "events": sum(int(r["events"]) for r in rows),
                         "href": events_href(period_window(p, by, window), dyadic=True, actor=actor)})
    return Briefing(
        actor=actor, name=names.get(actor), window=window, previous=previous, by=by,
        events=sum(c["events"] for c in now.values()), previous_events=sum(c["events"] for c in before.values()),
        counterparts=tuple(parts), key_events=tuple(key_events(store, _ACTOR_SQL, [actor], window)),
        map=country_map(store, window, actor=actor),
        trends={"periods": [_label(p, window) for p in periods], "lines": lines},
        timeline=tuple(timeline), href=events_href(window, dyadic=True, actor=actor),
        previous_href=events_href(previous, dyadic=True, actor=actor))
