"""Frozen, typed records that flow between the pipeline stages.

Each derived record carries provenance: which dictionary entry resolved an actor, which pattern fired for an
event, so an analyst can always ask "why this event?".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Actor", "Article", "Event", "Location", "Modality", "Span"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from an input.

    Args:
        id: stable article id (the JSONL ``id``, else derived from the file name or the text).
        text: the body, without the title.
        title: the headline, or None.
        date: publication date, or None when neither the input nor ``--date`` gives one.
        url: where it came from, when known.
        outlet: the publisher (the JSONL ``source`` field), when known.
        origin: the file (and ``:line`` for JSONL) it was read from, for messages.
        dateline: the place the story was filed from ("BUENOS AIRES"): the JSONL ``dateline`` field, else the
            body's dateline, else None. It helps place the story's unnamed officials.
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """Words of a sentence: text plus [start, end) character offsets within the sentence."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": [self.start, self.end]}


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention.

    ``entry`` says which dictionary entry (file:line or rule) resolved it; ``members`` holds the member actors of
    a named group ("the 10 partners"); ``inferred`` is true when the country was not named in the mention but
    taken from the article's context ("the government" in a story about British politics -> GBR).
    """

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    members: tuple[Actor, ...] = ()
    entry: str | None = None
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": [self.start, self.end],
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "members": [m.to_dict() for m in self.members],
            "entry": self.entry,
            "inferred": self.inferred,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "country"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Modality:
    """How the text presents an event: denied, conditional, announced, quoted, or hedged."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    hedged: bool = False
    attributed_to: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "reported": self.reported,
            "hedged": self.hedged,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when and where, with the words it came from.

    ``pattern`` names the rule that fired (``patterns.yaml`` id); ``date_expression`` holds the words that dated
    the event ("In August") and ``background`` marks past background ("had opposed") rather than news of the day;
    ``to_dict`` gives the JSON record of ``EVENT_SCHEMA.md`` with these extensions after the required fields.
    """

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    date_precision: str
    source: Actor
    target: Actor | None
    type: str
    mode: str | None
    cameo: str
    quad_class: int
    intensity: float
    trigger: Span
    location: Location | None
    modality: Modality
    confidence: float
    coder: str
    pattern: str | None = None
    title: str | None = None
    date_expression: str | None = None
    background: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record of ``EVENT_SCHEMA.md`` (required fields first, then extensions)."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_precision": self.date_precision,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "intensity": self.intensity,
            "trigger": self.trigger.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality.to_dict(),
            "confidence": self.confidence,
            "coder": self.coder,
            "pattern": self.pattern,
            "date_expression": self.date_expression,
            "background": self.background,
        }
