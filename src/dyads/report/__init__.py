"""The briefing report: what an analyst hands to someone who does not run dyads.

One actor, one window: top counterparts and how they moved against the previous period of the same length, the
map, the dyad trends, and the ten most intense events with their sentences and sources. :func:`build_briefing`
finds the figures, :func:`render_briefing` writes the page (one self-contained, print-ready HTML file that opens
offline, or the server's ``/report``), :func:`write_briefing` does both for ``dyads report``.

Example:
    >>> from dyads.analysis import resolve_window
    >>> with EventStore("news.duckdb", read_only=True) as store:  # doctest: +SKIP
    ...     window = resolve_window(store, dt.date(1987, 3, 1), dt.date(1987, 3, 31), close=True)
    ...     write_briefing(store, "IRN", window, "brief.html")
"""

from __future__ import annotations

from pathlib import Path

from ..analysis.windows import Window
from ..store.store import EventStore
from .build import Briefing, Counterpart, build_briefing
from .render import render_briefing

__all__ = ["Briefing", "Counterpart", "build_briefing", "render_briefing", "write_briefing"]


def write_briefing(store: EventStore, actor: str, window: Window, path: str | Path, base_url: str = "") -> Briefing:
    """Build the briefing on ``actor`` for ``window`` and write it to ``path`` as one self-contained HTML file."""
    briefing = build_briefing(store, actor, window)
    Path(path).write_text(render_briefing(briefing, inline=True, base_url=base_url), encoding="utf-8")
    return briefing
