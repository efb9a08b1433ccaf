"""Analysis over the event store: relations between actors over time, and coalitions.

Example:
    >>> from dyads.store import EventStore
    >>> from dyads.analysis import dyad_relations, find_coalitions
    >>> with EventStore("news.duckdb", read_only=True) as store:  # doctest: +SKIP
    ...     shifts = [r for r in dyad_relations(store, by="month") if r["shift"]]
"""

from __future__ import annotations

from .coalitions import bloc_groups, bloc_slices, find_coalitions, named_groups
from .relations import PERIODS, dyad_relations
from .windows import Window, data_span, resolve_window

__all__ = ["PERIODS", "Window", "bloc_groups", "bloc_slices", "data_span", "dyad_relations", "find_coalitions",
           "named_groups", "resolve_window"]
