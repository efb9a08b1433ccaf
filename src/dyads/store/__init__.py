"""The event store: DuckDB tables of articles, events, actors and stories; queries and exports.

Example:
    >>> from dyads.store import EventStore, EventQuery, query_events
    >>> with EventStore("news.duckdb", read_only=True) as store:  # doctest: +SKIP
    ...     iran = list(query_events(store, EventQuery(actor="IRN", limit=10)))
"""

from __future__ import annotations

from .coding import CodingStats, code_into_store
from .export import EXPORT_FORMATS, GDELT_COLUMNS, PLOVER_FIELDS, export, gdelt_row, plover_record
from .load import LoadStats, load_jsonl
from .query import EventQuery, query_events, query_sql, run_sql
from .schema import actor_from_dict, event_from_dict, event_from_row, event_row, text_hash
from .store import EventStore
from .stories import Story, build_stories, refresh_stories

__all__ = [
    "EXPORT_FORMATS",
    "GDELT_COLUMNS",
    "PLOVER_FIELDS",
    "CodingStats",
    "EventQuery",
    "EventStore",
    "LoadStats",
    "Story",
    "actor_from_dict",
    "build_stories",
    "code_into_store",
    "event_from_dict",
    "event_from_row",
    "event_row",
    "export",
    "gdelt_row",
    "load_jsonl",
    "plover_record",
    "query_events",
    "query_sql",
    "refresh_stories",
    "run_sql",
    "text_hash",
]
