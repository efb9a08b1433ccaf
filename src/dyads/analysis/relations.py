"""Relations between actors over time: per directed dyad and period, how cooperative or hostile they were.

Actors are taken at country level where the country is known (``IRNGOV`` and ``IRNMIL`` both count as ``IRN``),
else by code or name. Negated events take no part.
"""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..store.store import EventStore
from .windows import Window

__all__ = ["PERIODS", "dyad_relations"]

PERIODS = ("day", "week", "month")

_ACTOR_KEY = "coalesce({p}_country, {p}_code, {p}_name)"

_SQL = """
SELECT {src} AS source, {tgt} AS target, CAST(date_trunc($1, day) AS DATE) AS period,
       count(*) AS events,
       count_if(quad_class = 1) AS verbal_coop, count_if(quad_class = 2) AS material_coop,
       count_if(quad_class = 3) AS verbal_conflict, count_if(quad_class = 4) AS material_conflict,
       round(avg(intensity), 3) AS mean_intensity,
       count_if(quad_class IN (1, 2)) - count_if(quad_class IN (3, 4)) AS net_cooperation
FROM events
WHERE target IS NOT NULL AND day IS NOT NULL AND NOT coalesce(negated, false)
  AND {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt} {actor}{window}
GROUP BY ALL
ORDER BY source, target, period
"""


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def dyad_relations(store: EventStore, by: str = "month", actor: str | None = None,
                   window: Window | None = None) -> list[dict[str, Any]]:
    """Return one row per directed dyad and period, with a ``shift`` where the balance changed sign.

    Args:
        store: the store to read.
        by: period length, one of :data:`PERIODS`.
        actor: keep only dyads with this actor (country, code or code prefix) on either side.
        window: keep only the events of this period (:class:`~dyads.analysis.windows.Window`); shifts are then
            found within it.

    Each row: ``source``, ``target``, ``period`` (first day), ``events``, counts per quad class,
    ``mean_intensity``, ``net_cooperation`` (cooperative minus conflictual events) and ``shift``:
    ``"conflict->cooperation"``, ``"cooperation->conflict"`` or None, against the dyad's previous period with a
    non-zero balance.

    Example:
        >>> [r["shift"] for r in dyad_relations(store, actor="IRN") if r["target"] == "USA"]  # doctest: +SKIP
        [None, 'conflict->cooperation']
    """
    if by not in PERIODS:
        raise UsageError(f"unknown period {by!r}: choose one of {', '.join(PERIODS)}")
    src, tgt = _ACTOR_KEY.format(p="source"), _ACTOR_KEY.format(p="target")
    params: list[Any] = [by]
    clause = ""
    if actor:
        params.append(actor)
        clause = ("AND (source_country = $2 OR target_country = $2 OR source_code LIKE $2 || '%' "
                  "OR target_code LIKE $2 || '%')")
    dated, days = (window or Window()).sql("day", len(params) + 1)
    rows = store.rows(_SQL.format(src=src, tgt=tgt, actor=clause, window=dated), [*params, *days])
    previous: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["source"], row["target"])
        sign = _sign(row["net_cooperation"])
        before = previous.get(key, 0)
        row["shift"] = None
        if sign and before and sign != before:
            row["shift"] = "conflict->cooperation" if sign > 0 else "cooperation->conflict"
        if sign:
            previous[key] = sign
    return rows
