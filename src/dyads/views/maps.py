"""The world map's data: countries shaded by the events their actors took part in, and the events' places.

A country counts an event when its country-level actor is the event's source or target (once per event, even when
both sides are of that country). ``net`` is cooperative (quad classes 1, 2) minus conflictual (3, 4) events;
``tone`` is net over events, from -1 (all conflict) to +1 (all cooperation). Negated events take no part.
"""

from __future__ import annotations

from typing import Any

from ..analysis.windows import Window
from ..store.store import EventStore
from .geo import country_names, numeric_ids
from .trace import events_href

__all__ = ["MEASURES", "country_map"]

#: What a country's shade can show.
MEASURES = ("tone", "net", "events", "conflict", "cooperation")

_COUNTRIES = """
WITH picked AS (
    SELECT * FROM events WHERE NOT coalesce(negated, false) {where}
), sides AS (
    SELECT event_id, quad_class, intensity, source_country AS country FROM picked WHERE source_country IS NOT NULL
    UNION
    SELECT event_id, quad_class, intensity, target_country FROM picked WHERE target_country IS NOT NULL
)
SELECT country, count(*) AS events, count_if(quad_class IN (1, 2)) AS cooperation,
       count_if(quad_class IN (3, 4)) AS conflict, round(avg(intensity), 2) AS mean_intensity
FROM sides GROUP BY country ORDER BY events DESC, country
"""

_POINTS = """
SELECT location_name AS name, any_value(location_country) AS country, round(avg(lat), 4) AS lat,
       round(avg(lon), 4) AS lon, count(*) AS events, count_if(quad_class IN (1, 2)) AS cooperation,
       count_if(quad_class IN (3, 4)) AS conflict
FROM events WHERE NOT coalesce(negated, false) AND lat IS NOT NULL AND lon IS NOT NULL
  AND location_name IS NOT NULL {where}
GROUP BY location_name ORDER BY events DESC, name
"""

_ACTOR = ("(source_country = ${i} OR target_country = ${i} OR source_code LIKE ${i} || '%' "
          "OR target_code LIKE ${i} || '%')")


def _filters(window: Window, actor: str | None) -> tuple[str, list[Any]]:
    clause, params = window.sql("day", 1)
    if actor:
        params.append(actor)
        clause += " AND " + _ACTOR.format(i=len(params))
    return clause, params


def country_map(store: EventStore, window: Window | None = None, actor: str | None = None) -> dict[str, Any]:
    """Return the map of a window: one row per country and one per geolocated place.

    Args:
        store: the store to read.
        window: the period (all dates by default).
        actor: keep only the events of this actor (country, code or code prefix), on either side.

    Each country: ``country`` (ISO3), ``id`` (ISO numeric, the map shape's id), ``name``, ``events``,
    ``cooperation``, ``conflict``, ``net``, ``tone``, ``mean_intensity`` and ``href`` (its events). Each place:
    ``name``, ``country``, ``lat``, ``lon``, ``events``, ``cooperation``, ``conflict``, ``href``.

    Example:
        >>> march = Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31))
        >>> {c["country"]: c["net"] for c in country_map(store, march)["countries"]}["IRQ"]  # doctest: +SKIP
        -3
    """
    window = window or Window()
    clause, params = _filters(window, actor)
    ids, names = numeric_ids(), country_names()
    countries = []
    for row in store.rows(_COUNTRIES.format(where=clause), params):
        events, net = int(row["events"]), int(row["cooperation"]) - int(row["conflict"])
        countries.append({
            "country": row["country"], "id": ids.get(row["country"]), "name": names.get(row["country"]),
            "events": events, "cooperation": int(row["cooperation"]), "conflict": int(row["conflict"]),
            "net": net, "tone": round(net / events, 3) if events else 0.0,
            "mean_intensity": row["mean_intensity"],
            "href": _country_href(window, row["country"], actor)})
    points = [{**row, "events": int(row["events"]), "cooperation": int(row["cooperation"]),
               "conflict": int(row["conflict"]), "href": events_href(window, place=row["name"], actor=actor)}
              for row in store.rows(_POINTS.format(where=clause), params)]
    return {"window": window.to_dict(), "actor": actor, "countries": countries, "points": points,
            "measures": list(MEASURES)}


def _country_href(window: Window, country: str, actor: str | None) -> str:
    if actor and country != actor:
        return events_href(window, actor=actor, other=country)  # the two, in either direction
    return events_href(window, actor=country)
