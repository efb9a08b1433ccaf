"""Hand-built articles and events for the store tests (no spaCy needed)."""

from __future__ import annotations

import datetime as dt

from dyads.records import Actor, Article, Event, Location, Modality, Span

PARTNERS = ("USA", "GBR", "FRA", "AUS", "CAN", "DEU", "TUR", "ITA", "POL", "DNK")


def actor(code: str, text: str | None = None, members: tuple[Actor, ...] = ()) -> Actor:
    country = code[:3] if not code.startswith(("IGO", "NSA", "---")) else None
    sector = code[3:6] or None
    return Actor(text=text or code, start=0, end=len(text or code), name=text or code, country=country,
                 sector=sector, code=code, members=members)


def event(eid: str, doc: str, source: Actor, target: Actor | None, type_: str = "ASSAULT", quad: int = 4,
          date: str | None = "2014-09-06", sentence: str = "Iran attacked Iraq.", index: int = 0,
          place: str | None = None, negated: bool = False, cameo: str = "190") -> Event:
    return Event(
        event_id=eid, doc_id=doc, sentence_index=index, sentence=sentence, date=date, date_precision="day",
        source=source, target=target, type=type_, mode=None, cameo=cameo, quad_class=quad,
        intensity=-10.0 if quad == 4 else 5.0, trigger=Span("attacked", 5, 13),
        location=Location(name=place, country=place) if place else None, modality=Modality(negated=negated),
        confidence=0.9, coder="dyads test", pattern="test.rule",
    )


def article(aid: str, text: str | None = None, day: dt.date | None = dt.date(2014, 9, 6)) -> Article:
    return Article(id=aid, text=text or f"text of {aid}", title=f"title {aid}", date=day, url=f"http://x/{aid}",
                   outlet="wire" if aid.endswith("1") else "paper")


def sample_batch() -> list[tuple[Article, list[Event]]]:
    """Three articles: two report the same Iranian attack; one has the ten-partner coalition; one is empty."""
    group = tuple(actor(c) for c in PARTNERS)
    coalition = [event(f"c{i}", "a3", actor(c, members=group), actor("NSAISI", "Islamic State"), "COOPERATE", 2,
                       sentence="Ten countries agreed to fight Islamic State.", cameo="062")
                 for i, c in enumerate(PARTNERS)]
    return [
        (article("a1"), [event("e1", "a1", actor("IRNMIL", "Iranian forces"), actor("IRQ", "Iraq"), place="IRQ"),
                         event("e2", "a1", actor("USA", "Washington"), actor("IRN", "Tehran"), "ACCUSE", 3,
                               sentence="Washington accused Tehran.", index=1, cameo="112")]),
        (article("a2"), [event("e3", "a2", actor("IRNMIL", "Iran's army"), actor("IRQ", "Iraqi"),
                               date="2014-09-07", place="IRQ")]),
        (article("a3"), coalition),
        (article("a4"), []),
    ]
