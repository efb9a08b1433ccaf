"""Read-only queries the HTTP API needs beyond :mod:`dyads.store` and :mod:`dyads.analysis`.

Every query is parameterised: words from a request only ever travel as parameters, never as SQL text.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..analysis import Window, dyad_relations
from ..analysis.windows import period_window
from ..store import EventQuery, EventStore, event_from_row
from ..views.joint import joint_ties
from ..views.trace import events_href

__all__ = ["actor_profile", "event_by_id", "event_page", "find_actors", "network"]


def event_page(store: EventStore, query: EventQuery, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Return one page of the events that match a query (as JSON records) and how many match in all."""
    sql, params = query.sql()
    row = store.rows(f"SELECT count(*) AS n FROM ({sql})", params)
    total = int(row[0]["n"]) if row else 0
    n = len(params)
    rows = store.rows(f"{sql} LIMIT ${n + 1} OFFSET ${n + 2}", [*params, limit, offset])
    return [event_from_row(r).to_dict() for r in rows], total


def event_by_id(store: EventStore, event_id: str) -> dict[str, Any] | None:
    """Return one stored event as its JSON record, with its article's title and date, or None."""
    rows = store.rows("SELECT e.*, a.title AS article_title, a.date AS article_date, a.url AS article_url "
                      "FROM events e LEFT JOIN articles a ON a.id = e.doc_id WHERE e.event_id = $1", [event_id])
    if not rows:
        return None
    row = rows[0]
    record = event_from_row(row).to_dict()
    record["article"] = {"id": row["doc_id"], "title": row["article_title"] or row["title"],
                         "date": row["article_date"].isoformat() if row["article_date"] else None,
                         "url": row["article_url"]}
    return record


def find_actors(store: EventStore, q: str | None, limit: int = 100) -> list[dict[str, Any]]:
    """Return the stored actors whose code, country or name contains ``q`` (all of them without ``q``)."""
    sql = ("SELECT actor, code, country, sector, name, mentions, as_source, as_target, first_day, last_day "
           "FROM actors")
    params: list[Any] = []
    if q:
        params.append(q)
        sql += (" WHERE actor ILIKE '%' || $1 || '%' OR code ILIKE '%' || $1 || '%' "
                "OR country ILIKE '%' || $1 || '%' OR name ILIKE '%' || $1 || '%'")
    params.append(limit)
    sql += f" ORDER BY mentions DESC, actor LIMIT ${len(params)}"
    out = []
    for row in store.rows(sql, params):
        for key in ("first_day", "last_day"):
            row[key] = row[key].isoformat() if row[key] else None
        row["mentions"], row["as_source"], row["as_target"] = (int(row["mentions"]), int(row["as_source"] or 0),
                                                               int(row["as_target"] or 0))
        out.append(row)
    return out


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def actor_profile(store: EventStore, actor: str, by: str = "month", window: Window | None = None
                  ) -> dict[str, Any]:
    """Return an actor's counterparts and its cooperation-vs-conflict timeline (of one window, if given).

    ``counterparts``: one row per other actor, with the cooperative and conflictual events in each direction.
    ``timeline``: one row per period, with the cooperative and conflictual events the actor took part in.
    """
    window = window or Window()
    rows = dyad_relations(store, by=by, actor=actor, window=window)
    names = {r["actor"]: r for r in find_actors(store, actor, limit=20)}
    counterparts: dict[str, dict[str, Any]] = {}
    timeline: dict[str, dict[str, Any]] = defaultdict(lambda: {"cooperation": 0, "conflict": 0, "events": 0})
    for r in rows:
        source = str(r["source"])
        own_source = source.startswith(actor) or actor.startswith(source)
        other = r["target"] if own_source else r["source"]
        coop = int(r["verbal_coop"]) + int(r["material_coop"])
        conflict = int(r["verbal_conflict"]) + int(r["material_conflict"])
        c = counterparts.setdefault(other, {"actor": other, "cooperation": 0, "conflict": 0, "events": 0,
                                            "as_source": 0, "as_target": 0,
                                            "href": events_href(window, actor=actor, other=other)})
        c["cooperation"] += coop
        c["conflict"] += conflict
        c["events"] += int(r["events"])
        c["as_source" if own_source else "as_target"] += int(r["events"])
        t = timeline[_iso(r["period"])]
        t["cooperation"] += coop
        t["conflict"] += conflict
        t["events"] += int(r["events"])
    parts = sorted(counterparts.values(), key=lambda c: (-c["events"], c["actor"]))
    for c in parts:
        c["net_cooperation"] = c["cooperation"] - c["conflict"]
    info = names.get(actor) or {}
    return {
        "actor": actor,
        "name": info.get("name"),
        "mentions": info.get("mentions", 0),
        "by": by,
        "window": window.to_dict(),
        "counterparts": parts,
        "timeline": [{"period": p, **v, "href": _period_href(p, by, window, actor)}
                     for p, v in sorted(timeline.items())],
        "shifts": [{k: _iso(v) for k, v in r.items()} for r in rows if r["shift"]],
    }


def _period_href(period: str, by: str, window: Window, actor: str) -> str:
    return events_href(period_window(dt.date.fromisoformat(period), by, window), dyadic=True, actor=actor)


def network(store: EventStore, window: Window | None = None) -> dict[str, Any]:
    """Return the actor network of a window: nodes (actors, by event count) and undirected edges with cooperative
    and conflictual event counts (and ``href``, their events), from :func:`~dyads.analysis.dyad_relations` summed
    over the window; actors of unknown country (``---MIL``) are left out."""
    window = window or Window()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    degree: dict[str, int] = defaultdict(int)
    for r in dyad_relations(store, by="month", window=window):
        a, b = sorted((str(r["source"]), str(r["target"])))
        if a.startswith("---") or b.startswith("---"):
            continue  # some army of unknown country is not one actor across articles (as in coalitions)
        e = edges.setdefault((a, b), {"source": a, "target": b, "cooperation": 0, "conflict": 0, "events": 0,
                                      "href": events_href(window, actor=a, other=b)})
        e["cooperation"] += int(r["verbal_coop"]) + int(r["material_coop"])
        e["conflict"] += int(r["verbal_conflict"]) + int(r["material_conflict"])
        e["events"] += int(r["events"])
        degree[a] += int(r["events"])
        degree[b] += int(r["events"])
    for e in edges.values():
        e["sign"] = "cooperation" if e["cooperation"] >= e["conflict"] else "conflict"
    for tie in joint_ties(store, window):  # acting together ties actors as the coalition finder counts it
        a, b = tie["source"], tie["target"]
        e = edges.setdefault((a, b), {"source": a, "target": b, "cooperation": 0, "conflict": 0, "events": 0,
                                      "href": tie["href"], "sign": "cooperation"})
        e["joint"] = tie["acts"]
        for key in (a, b):
            degree[key] += 0
    nodes = [{"id": k, "events": v} for k, v in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"window": window.to_dict(), "nodes": nodes,
            "edges": sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"]))}
