"""Analyst views over the event store: the world map, a dyad over time, and the figures they share.

Each view is a plain function from a store and a :class:`~dyads.analysis.Window` to a JSON-ready dict; the web
pages, their JSON twins under ``/api`` and the briefing report (:mod:`dyads.report`) all draw on these, so a
number means the same thing everywhere. Every count comes with ``href``: the filtered event list behind it.

Example:
    >>> from dyads.analysis import Window
    >>> with EventStore("news.duckdb", read_only=True) as store:  # doctest: +SKIP
    ...     shaded = country_map(store, Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31)))["countries"]
"""

from __future__ import annotations

from .dyad import dyad_view, key_events
from .geo import country_names, numeric_ids
from .maps import country_map
from .trace import events_href

__all__ = ["country_map", "country_names", "dyad_view", "events_href", "key_events", "numeric_ids"]
