"""A dyad over time: both directions side by side, the period before beside the current one, and the key events.

Actors are keyed as in :func:`~dyads.analysis.dyad_relations`: the country where known (``IRNGOV`` is ``IRN``),
else the code or the name. Negated events take no part.
"""

from __future__ import annotations

from typing import Any

from ..analysis.relations import dyad_relations
from ..analysis.windows import Window, period_window
from ..store.store import EventStore
from .geo import country_names
from .trace import events_href

__all__ = ["dyad_view", "key_events"]

_KEY = "coalesce({p}_country, {p}_code, {p}_name)"

_SUMMARY = f"""
SELECT {_KEY.format(p="source")} AS source, {_KEY.format(p="target")} AS target, count(*) AS events,
       count_if(quad_class = 1) AS verbal_coop, count_if(quad_class = 2) AS material_coop,
       count_if(quad_class = 3) AS verbal_conflict, count_if(quad_class = 4) AS material_conflict,
       round(avg(intensity), 3) AS mean_intensity,
       count_if(quad_class IN (1, 2)) - count_if(quad_class IN (3, 4)) AS net_cooperation
FROM events
WHERE NOT coalesce(negated, false) AND day IS NOT NULL
  AND (({_KEY.format(p="source")} = $1 AND {_KEY.format(p="target")} = $2)
    OR ({_KEY.format(p="source")} = $2 AND {_KEY.format(p="target")} = $1)) {{window}}
GROUP BY ALL
"""

_KEY_EVENTS = """
SELECT e.event_id, e.day, e.type, e.cameo, e.quad_class, e.intensity, e.sentence, e.doc_id,
       coalesce(e.source_country, e.source_code, e.source_name) AS source,
       coalesce(e.target_country, e.target_code, e.target_name) AS target,
       e.source_text, e.target_text, e.trigger_text, e.location_name,
       a.title AS title, a.url AS url, a.outlet AS outlet
FROM events e LEFT JOIN articles a ON a.id = e.doc_id
WHERE NOT coalesce(e.negated, false) AND {where} {window}
ORDER BY abs(e.intensity) DESC NULLS LAST, e.day DESC NULLS LAST, e.event_id
LIMIT {limit}
"""

_QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


def key_events(store: EventStore, where: str, params: list[Any], window: Window, limit: int = 10
               ) -> list[dict[str, Any]]:
    """Return the ``limit`` most intense events (largest absolute intensity, newest first among equals) that
    match ``where`` (SQL over ``e.``, numbered parameters ``params``) within ``window``, with their sentence and
    article."""
    clause, days = window.sql("e.day", len(params) + 1)
    rows = store.rows(_KEY_EVENTS.format(where=where, window=clause, limit=int(limit)), [*params, *days])
    for row in rows:
        row["day"] = row["day"].isoformat() if row["day"] else None
        row["href"] = f"/events/{row['event_id']}"
    return rows


def _summary(store: EventStore, a: str, b: str, window: Window) -> dict[str, dict[str, Any]]:
    clause, days = window.sql("day", 3)
    found = {(r["source"], r["target"]): r for r in store.rows(_SUMMARY.format(window=clause), [a, b, *days])}
    out = {}
    for src, tgt in ((a, b), (b, a)):
        row = found.get((src, tgt)) or {"events": 0, "mean_intensity": None, "net_cooperation": 0,
                                          **dict.fromkeys(_QUADS, 0)}
        out[f"{src}->{tgt}"] = {"source": src, "target": tgt, **{k: row[k] for k in (
            "events", *_QUADS, "mean_intensity", "net_cooperation")},
            "href": events_href(window, source=src, target=tgt)}
    return out


def dyad_view(store: EventStore, a: str, b: str, window: Window, by: str = "month") -> dict[str, Any]:
    """Return the dyad ``a``-``b`` in a window: per direction and period, the counts by quad class, mean
    intensity, net cooperation and sign shifts; totals for this window and the previous one of the same length;
    the ten most intense events.

    Args:
        store: the store to read.
        a, b: the two actors (ISO3 country, or code or name for actors without a country).
        window: a closed window (see :func:`~dyads.analysis.resolve_window` with ``close=True``).
        by: period length of the series (day, week, month).

    Example:
        >>> view = dyad_view(store, "IRN", "IRQ", Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31)))
        >>> view["current"]["IRN->IRQ"]["material_conflict"]  # doctest: +SKIP
        2
    """
    rows = [r for r in dyad_relations(store, by=by, actor=a, window=window)
            if {r["source"], r["target"]} == {a, b}]
    series: dict[str, list[dict[str, Any]]] = {f"{a}->{b}": [], f"{b}->{a}": []}
    for r in rows:
        period = period_window(r["period"], by, window).since.isoformat()  # type: ignore[union-attr]
        series[f"{r['source']}->{r['target']}"].append({
            **{k: v for k, v in r.items() if k not in ("period", "source", "target")}, "period": period,
            "href": events_href(period_window(r["period"], by, window), source=r["source"], target=r["target"])})
    names = country_names()
    previous = window.previous() if window.bounded else None
    where = ("((coalesce(e.source_country, e.source_code, e.source_name) = $1 AND "
             "coalesce(e.target_country, e.target_code, e.target_name) = $2) OR "
             "(coalesce(e.source_country, e.source_code, e.source_name) = $2 AND "
             "coalesce(e.target_country, e.target_code, e.target_name) = $1))")
    return {
        "a": a, "b": b, "names": {a: names.get(a), b: names.get(b)}, "by": by, "window": window.to_dict(),
        "previous_window": previous.to_dict() if previous else None,
        "series": series,
        "shifts": [{"direction": d, "period": p["period"], "shift": p["shift"]}
                   for d, points in series.items() for p in points if p["shift"]],
        "current": _summary(store, a, b, window),
        "previous": _summary(store, a, b, previous) if previous else None,
        "key_events": key_events(store, where, [a, b], window),
        "href": events_href(window, actor=a, other=b),
    }
