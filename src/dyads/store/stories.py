"""Cross-article dedup: events that report the same real-world happening become one story.

Events join a story when they share the directed dyad (source and target actor codes) and the PLOVER type, their
dates lie within a day of the story's previous event, and their location country agrees where both are known.
Negated events ("did not attack") take no part, and events between actors of unknown country ("---GOV") only
merge within one article. Per-article events stay in ``events``; ``stories`` holds one row
per story with GDELT-like counts (mentions: events, sources: distinct outlets, articles: distinct articles) and the
ids of its articles and events; ``story_events`` maps each event to its story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .store import EventStore

__all__ = ["Story", "build_stories", "refresh_stories"]

_ROWS = """
SELECT e.event_id, e.doc_id, e.day, e.type, e.quad_class, e.intensity, e.location_country,
       coalesce(e.source_code, e.source_country, e.source_name, e.source_text) AS src,
       coalesce(e.target_code, e.target_country, e.target_name, e.target_text, '') AS tgt,
       coalesce(a.outlet, a.url, e.doc_id) AS outlet
FROM events e LEFT JOIN articles a ON a.id = e.doc_id
WHERE NOT coalesce(e.negated, false)
ORDER BY src, tgt, e.type, e.day NULLS LAST, e.doc_id, e.sentence_index, e.event_id
"""


@dataclass
class Story:
    """One real-world event as reported by one or more articles."""

    story_id: str
    source: str
    target: str | None
    type: str
    quad_class: int
    first_day: dt.date | None
    last_day: dt.date | None
    location_country: str | None = None
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    intensities: list[float] = field(default_factory=list)

    def accepts(self, row: dict[str, Any]) -> bool:
        """Say whether an event (a row of the same dyad and type) reports this story."""
        day = row["day"]
        if (day is None) != (self.last_day is None):
            return False
        if day is not None and self.last_day is not None and (day - self.last_day).days > 1:
            return False
        place = row["location_country"]
        return place is None or self.location_country is None or place == self.location_country

    def add(self, row: dict[str, Any]) -> None:
        """Add an event to the story."""
        self.event_ids.append(row["event_id"])
        if row["doc_id"] not in self.article_ids:
            self.article_ids.append(row["doc_id"])
        self.outlets.add(row["outlet"])
        self.intensities.append(row["intensity"])
        if row["day"] is not None:
            self.last_day = max(self.last_day or row["day"], row["day"])
        self.location_country = self.location_country or row["location_country"]

    def to_row(self) -> dict[str, Any]:
        """Return the ``stories`` row."""
        return {
            "story_id": self.story_id, "source": self.source, "target": self.target, "type": self.type,
            "quad_class": self.quad_class, "first_day": self.first_day, "last_day": self.last_day,
            "location_country": self.location_country, "mentions": len(self.event_ids),
            "sources": len(self.outlets), "articles": len(self.article_ids),
            "intensity": sum(self.intensities) / len(self.intensities), "article_ids": self.article_ids,
            "event_ids": self.event_ids,
        }  # fmt: skip


def _vague(actor: str | None) -> bool:
    return not actor or actor.startswith("---")


def build_stories(store: EventStore) -> list[Story]:
    """Group the store's events into stories (see the module docstring for the rule)."""
    stories: list[Story] = []
    open_by_key: dict[tuple[str, ...], list[Story]] = {}
    for row in store.rows(_ROWS):
        key: tuple[str, ...] = (row["src"], row["tgt"], row["type"])
        if _vague(row["src"]) and _vague(row["tgt"]):
            key = (*key, row["doc_id"])  # "a government agreed" in two articles is not one happening
        candidates = open_by_key.setdefault(key, [])
        story = next((s for s in reversed(candidates) if s.accepts(row)), None)
        if story is None:
            story = Story(story_id=row["event_id"], source=row["src"], target=row["tgt"] or None, type=row["type"],
                          quad_class=row["quad_class"], first_day=row["day"], last_day=row["day"])
            candidates.append(story)
            stories.append(story)
        story.add(row)
    return stories


def refresh_stories(store: EventStore) -> int:
    """Rebuild the ``stories`` and ``story_events`` tables from the events; return the number of stories."""
    stories = build_stories(store)
    con = store.con
    con.begin()
    try:
        con.execute("""CREATE OR REPLACE TABLE stories (story_id VARCHAR, source VARCHAR, target VARCHAR,
            type VARCHAR, quad_class INTEGER, first_day DATE, last_day DATE, location_country VARCHAR,
            mentions INTEGER, sources INTEGER, articles INTEGER, intensity DOUBLE, article_ids VARCHAR[],
            event_ids VARCHAR[])""")
        con.execute("CREATE OR REPLACE TABLE story_events (event_id VARCHAR, story_id VARCHAR)")
        if stories:
            import pyarrow as pa

            con.register("_dyads_stories", pa.Table.from_pylist([s.to_row() for s in stories]))
            con.register("_dyads_links", pa.Table.from_pylist(
                [{"event_id": e, "story_id": s.story_id} for s in stories for e in s.event_ids]))
            con.execute("INSERT INTO stories BY NAME SELECT * FROM _dyads_stories")
            con.execute("INSERT INTO story_events BY NAME SELECT * FROM _dyads_links")
            con.unregister("_dyads_stories")
            con.unregister("_dyads_links")
        con.commit()
    except Exception:
        con.rollback()
        raise
    return len(stories)
