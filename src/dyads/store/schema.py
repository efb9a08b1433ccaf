"""The DuckDB schema of the event store, and the conversions between records and rows.

``events`` holds one row per coded event: the scalar fields of ``EVENT_SCHEMA.md``, flattened actor columns
(``source_code``, ``target_country``, ...) for filtering, and JSON columns holding the nested parts whole
(``source``, ``target``, ``trigger``, ``location``, ``modality``, ``source_members``, ``target_members``) so an
:class:`~dyads.records.Event` comes back out exactly as it went in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ..records import Actor, Article, Event, Location, Modality, Span

__all__ = [
    "ARTICLE_COLUMNS",
    "DDL",
    "EVENT_COLUMNS",
    "actor_from_dict",
    "article_row",
    "event_from_dict",
    "event_from_row",
    "event_row",
    "text_hash",
]

#: 1: articles, events, meta. 2: articles carry their feed, fetch and publication times and near-duplicate link;
#: ``feeds`` and ``pages`` hold the watcher's state (:mod:`dyads.fetch.state`). Older stores are migrated on open.
SCHEMA_VERSION = 2

ARTICLE_COLUMNS: dict[str, str] = {
    "id": "VARCHAR NOT NULL",
    "text_hash": "VARCHAR NOT NULL",
    "title": "VARCHAR",
    "date": "DATE",
    "url": "VARCHAR",
    "outlet": "VARCHAR",
    "origin": "VARCHAR",
    "n_events": "INTEGER",
    "coder": "VARCHAR",
    "coded_at": "TIMESTAMP",
    "text": "VARCHAR",
    # schema 2: where a watched article came from (null for articles read from files)
    "feed": "VARCHAR",
    "fetched_at": "TIMESTAMP",
    "published_at": "TIMESTAMP",
    "sketch": "BIGINT[]",
    "copy_of": "VARCHAR",
}

_ACTOR_FIELDS = ("text", "name", "country", "sector", "code")

EVENT_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR NOT NULL",
    "doc_id": "VARCHAR NOT NULL",
    "sentence_index": "INTEGER",
    "sentence": "VARCHAR",
    "date": "VARCHAR",
    "day": "DATE",
    "date_precision": "VARCHAR",
    **{f"source_{f}": "VARCHAR" for f in _ACTOR_FIELDS},
    **{f"target_{f}": "VARCHAR" for f in _ACTOR_FIELDS},
    "type": "VARCHAR",
    "mode": "VARCHAR",
    "cameo": "VARCHAR",
    "quad_class": "INTEGER",
    "intensity": "DOUBLE",
    "confidence": "DOUBLE",
    "trigger_text": "VARCHAR",
    "location_name": "VARCHAR",
    "location_country": "VARCHAR",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "negated": "BOOLEAN",
    "hypothetical": "BOOLEAN",
    "future": "BOOLEAN",
    "reported": "BOOLEAN",
    "hedged": "BOOLEAN",
    "background": "BOOLEAN",
    "coder": "VARCHAR",
    "pattern": "VARCHAR",
    "title": "VARCHAR",
    "date_expression": "VARCHAR",
    "source": "JSON",
    "target": "JSON",
    "trigger": "JSON",
    "location": "JSON",
    "modality": "JSON",
    "source_members": "JSON",
    "target_members": "JSON",
    "extra": "JSON",
}


def _create(table: str, columns: dict[str, str]) -> str:
    body = ",\n    ".join(f'"{name}" {kind}' for name, kind in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {body}\n)"


_ACTORS_VIEW = """
CREATE OR REPLACE VIEW actors AS
WITH mentions AS (
    SELECT source_code AS code, source_country AS country, source_sector AS sector, source_name AS name,
           1 AS as_source, 0 AS as_target, day FROM events
    UNION ALL
    SELECT target_code, target_country, target_sector, target_name, 0, 1, day FROM events
    WHERE target IS NOT NULL
)
SELECT coalesce(code, country, name) AS actor, code, country, sector,
       any_value(name) AS name, count(*) AS mentions, sum(as_source) AS as_source, sum(as_target) AS as_target,
       min(day) AS first_day, max(day) AS last_day
FROM mentions
WHERE coalesce(code, country, name) IS NOT NULL
GROUP BY ALL
"""

DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
    _create("articles", ARTICLE_COLUMNS),
    _create("events", EVENT_COLUMNS),
    "CREATE INDEX IF NOT EXISTS articles_id ON articles (id)",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles (text_hash)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    _ACTORS_VIEW,
)


def text_hash(text: str) -> str:
    """Return the hash that recognises the same article text under another id (whitespace-insensitive)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def article_row(article: Article, n_events: int, coder: str | None, coded_at: dt.datetime,
                digest: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the ``articles`` row of an article (``digest``: its text's hash, when the text is not at hand;
    ``extra``: values of the columns an :class:`Article` does not carry, such as ``feed`` and ``fetched_at``)."""
    return {**(extra or {}),
        "id": article.id, "text_hash": digest or text_hash(article.text), "title": article.title, "date": article.date,
        "url": article.url, "outlet": article.outlet, "origin": article.origin, "n_events": n_events,
        "coder": coder, "coded_at": coded_at, "text": article.text,
    }  # fmt: skip


def event_row(event: Event) -> dict[str, Any]:
    """Return the ``events`` row of an event (flat columns plus whole JSON parts)."""
    row: dict[str, Any] = {
        "event_id": event.event_id, "doc_id": event.doc_id, "sentence_index": event.sentence_index,
        "sentence": event.sentence, "date": event.date, "day": _day(event.date),
        "date_precision": event.date_precision, "type": event.type, "mode": event.mode, "cameo": event.cameo,
        "quad_class": event.quad_class, "intensity": event.intensity, "confidence": event.confidence,
        "trigger_text": event.trigger.text,
        "location_name": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "lat": event.location.lat if event.location else None,
        "lon": event.location.lon if event.location else None,
        "negated": event.modality.negated, "hypothetical": event.modality.hypothetical,
        "future": event.modality.future, "reported": event.modality.reported, "hedged": event.modality.hedged,
        "background": event.background, "coder": event.coder, "pattern": event.pattern, "title": event.title,
        "date_expression": event.date_expression,
        "source": _dumps(event.source.to_dict()),
        "target": _dumps(event.target.to_dict() if event.target else None),
        "trigger": _dumps(event.trigger.to_dict()),
        "location": _dumps(event.location.to_dict() if event.location else None),
        "modality": _dumps(event.modality.to_dict()),
        "source_members": _dumps([m.to_dict() for m in event.source.members]),
        "target_members": _dumps([m.to_dict() for m in event.target.members] if event.target else []),
        "extra": _dumps(event.extra or None),
    }  # fmt: skip
    for prefix, actor in (("source", event.source), ("target", event.target)):
        for name in _ACTOR_FIELDS:
            row[f"{prefix}_{name}"] = getattr(actor, name) if actor is not None else None
    return row


def actor_from_dict(data: dict[str, Any]) -> Actor:
    """Rebuild an :class:`Actor` from its ``to_dict`` form."""
    start, end = data.get("span") or (0, 0)
    return Actor(
        text=data["text"], start=start, end=end, name=data.get("name"), country=data.get("country"),
        sector=data.get("sector"), code=data.get("code"),
        members=tuple(actor_from_dict(m) for m in data.get("members") or ()), entry=data.get("entry"),
        inferred=bool(data.get("inferred", False)),
    )  # fmt: skip


def _loads(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    return json.loads(value)


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from an ``events`` row (as a column-name -> value mapping)."""
    parts = {key: _loads(row[key]) for key in ("trigger", "location", "modality", "source", "target")}
    return event_from_dict({**row, **parts, "extra": _loads(row.get("extra")) or {}})


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from its JSON record (``Event.to_dict()``, a line of ``dyads code`` JSONL).

    Raises:
        KeyError, TypeError, ValueError: the record lacks a required field or has one of the wrong shape.
    """
    trigger = data["trigger"]
    location = data.get("location")
    modality = data["modality"]
    target = data.get("target")
    attributed = modality.get("attributed_to")
    return Event(
        event_id=data["event_id"], doc_id=data["doc_id"], sentence_index=data["sentence_index"],
        sentence=data["sentence"], date=data["date"], date_precision=data["date_precision"],
        source=actor_from_dict(data["source"]),
        target=actor_from_dict(target) if target else None,
        type=data["type"], mode=data["mode"], cameo=data["cameo"], quad_class=data["quad_class"],
        intensity=data["intensity"],
        trigger=Span(trigger["text"], trigger["span"][0], trigger["span"][1]),
        location=Location(**location) if location else None,
        modality=Modality(
            negated=modality["negated"], hypothetical=modality["hypothetical"], future=modality["future"],
            reported=modality["reported"], hedged=modality["hedged"],
            attributed_to=actor_from_dict(attributed) if attributed else None,
        ),
        confidence=data["confidence"], coder=data["coder"], pattern=data.get("pattern"), title=data.get("title"),
        date_expression=data.get("date_expression"), background=bool(data.get("background")),
        extra=data.get("extra") or {},
    )  # fmt: skip
