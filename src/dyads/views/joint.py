"""Joint acts as network ties: two actors that act together (same sentence, same act, same type), as the
coalition finder counts them (:mod:`dyads.analysis.coalitions`), so a network shows the blocs it draws."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..analysis.windows import Window
from ..store.store import EventStore

__all__ = ["joint_ties"]

_SQL = """
SELECT event_id, doc_id, sentence_index, trigger_text, type, coalesce(source_country, source_code, source_name) AS src
FROM events WHERE NOT coalesce(negated, false) AND day IS NOT NULL {window}
ORDER BY doc_id, sentence_index, event_id
"""


def joint_ties(store: EventStore, window: Window | None = None) -> list[dict[str, Any]]:
    """Return one tie per pair of known actors that acted jointly in the window: ``source``, ``target`` (sorted),
    ``acts`` (how many joint acts) and ``href`` (the first such act's event).

    Example:
        >>> [t["acts"] for t in joint_ties(store) if {t["source"], t["target"]} == {"FRA", "GBR"}]  # doctest: +SKIP
        [2]
    """
    clause, params = (window or Window()).sql("day", 1)
    acts: dict[tuple[Any, ...], dict[str, str]] = defaultdict(dict)
    for row in store.rows(_SQL.format(window=clause), params):
        if row["src"] and not str(row["src"]).startswith("---"):
            acts[(row["doc_id"], row["sentence_index"], row["trigger_text"], row["type"])].setdefault(
                str(row["src"]), row["event_id"])
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    for actors in acts.values():
        names = sorted(actors)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                tie = ties.setdefault((a, b), {"source": a, "target": b, "acts": 0,
                                               "href": f"/events/{actors[a]}"})
                tie["acts"] += 1
    return sorted(ties.values(), key=lambda t: (-t["acts"], t["source"], t["target"]))
