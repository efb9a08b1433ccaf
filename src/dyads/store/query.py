"""Filtered event queries over a store, always as parameterised SQL (user words never become SQL text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..records import Event
from .schema import event_from_row
from .store import EventStore

__all__ = ["EventQuery", "query_events", "query_sql", "run_sql"]

_ONE_A_DAY = ("coalesce(source_code, source_country, source_name), coalesce(target_code, target_country, "
              "target_name, ''), type, day")


def _side(prefix: str, index: int) -> str:
    p = f"${index}"
    return (f"({prefix}_code = {p} OR {prefix}_code LIKE {p} || '%' OR {prefix}_country = {p} "
            f"OR lower({prefix}_name) = lower({p}) OR lower({prefix}_text) = lower({p}))")


@dataclass(frozen=True)
class EventQuery:
    """A filter over stored events; every field is optional and they combine with AND.

    Args:
        actor: a CAMEO-style code or its prefix (``IRN`` matches ``IRNGOV``), an ISO3 country, or a name, on
            either side of the event.
        source: the same, on the source side only.
        target: the same, on the target side only.
        type: a PLOVER type (``ASSAULT``) or a CAMEO code prefix (``19``).
        since: first day (inclusive).
        until: last day (inclusive).
        text: words that must all occur in the sentence (case-insensitive).
        other: a second actor, also on either side (``actor="IRN", other="IRQ"``: the dyad both ways).
        place: the name of the event's place (case-insensitive), as the map's points name it.
        affirmed: leave out negated events (as relations, coalitions and the analyst views do).
        dyadic: only events with a counterpart: a target that is another actor than the source (at country
            level), as relations count them.
        newest_first: list the newest events first (the event list does), not the oldest.
        limit: at most this many events.
        one_a_day: keep one event per directed dyad, type and day (the field's one-a-day filter).

    Example:
        >>> EventQuery(actor="IRN", type="ACCUSE", since=dt.date(2014, 1, 1)).sql()[0][:6]
        'SELECT'
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int | None = None
    one_a_day: bool = False
    place: str | None = None
    other: str | None = None
    affirmed: bool = False
    dyadic: bool = False
    newest_first: bool = False

    def sql(self, columns: str = "*") -> tuple[str, list[Any]]:
        """Return the SQL text and its parameters."""
        where: list[str] = []
        params: list[Any] = []

        def param(value: Any) -> int:
            params.append(value)
            return len(params)

        if self.actor:
            i = param(self.actor)
            where.append(f"({_side('source', i)} OR {_side('target', i)})")
        if self.other:
            i = param(self.other)
            where.append(f"({_side('source', i)} OR {_side('target', i)})")
        if self.source:
            where.append(_side("source", param(self.source)))
        if self.target:
            where.append(_side("target", param(self.target)))
        if self.type:
            i = param(self.type)
            where.append(f"(type = upper(${i}) OR cameo LIKE ${i} || '%')")
        if self.since:
            where.append(f"day >= ${param(self.since)}")
        if self.until:
            where.append(f"day <= ${param(self.until)}")
        if self.place:
            where.append(f"lower(location_name) = lower(${param(self.place)})")
        if self.affirmed:
            where.append("NOT coalesce(negated, false)")
        if self.dyadic:
            where.append("coalesce(target_country, target_code, target_name) <> "
                         "coalesce(source_country, source_code, source_name)")
        for word in (self.text or "").split():
            where.append(f"sentence ILIKE '%' || ${param(word)} || '%'")
        sql = f"SELECT {columns} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        if self.one_a_day:
            sql += (f" QUALIFY row_number() OVER (PARTITION BY {_ONE_A_DAY} "
                    "ORDER BY doc_id, sentence_index, event_id) = 1")
        if self.newest_first:
            sql += " ORDER BY day DESC NULLS LAST, doc_id, sentence_index, event_id"
        else:
            sql += " ORDER BY day NULLS LAST, doc_id, sentence_index, event_id"
        if self.limit is not None:
            if self.limit < 0:
                raise StoreError(f"--limit must be 0 or more, not {self.limit}")
            sql += f" LIMIT ${param(self.limit)}"
        return sql, params


def query_events(store: EventStore, query: EventQuery) -> Iterator[Event]:
    """Yield the stored events that match a query, in date and article order."""
    sql, params = query.sql()
    for row in store.rows(sql, params):
        yield event_from_row(row)


def query_sql(store: EventStore, query: EventQuery) -> list[dict[str, Any]]:
    """Return the matching events as flat rows (the ``events`` columns)."""
    sql, params = query.sql()
    return store.rows(sql, params)


def run_sql(store: EventStore, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one statement on a store (open it read-only for user SQL) and return column names and rows."""
    import duckdb

    try:
        cursor = store.con.execute(sql)
    except duckdb.Error as exc:
        hint = " (the store is open read-only: dyads sql cannot change it)" if store.read_only else ""
        raise StoreError(f"SQL failed: {exc}{hint}", store.path) from exc
    names = [d[0] for d in cursor.description or ()]
    return names, cursor.fetchall()
