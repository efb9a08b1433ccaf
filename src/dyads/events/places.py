"""Place of an event: the country (or city) the sentence puts it in.

Issue-2 level: a place named in a locative phrase of the sentence ("in Iraq", "near Mosul", "in Baghdad") that the
actor dictionary ties to a country; else the country of the target when it is a place. Coordinates and geonames ids
come with the offline gazetteer (a later stage).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.dictionary import split_code
from ..actors.resolver import SentenceActors
from ..records import Location

__all__ = ["place_of"]

LOCATIVE = frozenset({"in", "near", "at", "inside", "across", "outside", "around", "into", "throughout"})


def _location(tok: Token, actors: SentenceActors) -> Location | None:
    entry = actors.entry_at(tok)
    if entry is None or entry.kind not in ("country", "place", "capital"):
        return None
    code = entry.code_on(actors.day)
    country = split_code(code)[0] if code else None
    if country is None:
        return None
    hit = actors.hits[tok.i]
    name = tok.doc[hit.start:hit.end].text
    precision = "country" if entry.kind == "country" else "city"
    return Location(name=name, country=country, precision=precision)


def place_of(sent: SpacySpan, trigger: Token, actors: SentenceActors) -> Location | None:
    """Return where the act of ``trigger`` happened, or None when the sentence does not say."""
    candidates: list[tuple[int, Token]] = []
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE and tok.pos_ == "PROPN":
            candidates.append((abs(tok.i - trigger.i), tok))
    for _, tok in sorted(candidates, key=lambda c: c[0]):
        loc = _location(tok, actors)
        if loc is not None:
            return loc
    return None
