"""Place of an event: the city, region or country a sentence puts it in.

Candidates are locative phrases ("in Mosul", "near Kirkuk", "outside Damascus", "in northern Syria", "at a summit
in Wales", "in Kenya's capital", "the town of Kidal", "north of Baghdad"): first those attached to the trigger's
clause, then those of the clauses above it, below it, and any other, nearest first; last, a place-name entity that
is the trigger's object ("retook Tikrit"). Names outside locative phrases are never places: "Washington criticised
Moscow" has none.

A name resolves through the offline gazetteer (``dyads.events.gazetteer``) to a city (precision ``city``, with
coordinates and geonameid), a region (``admin1``) or a country (``country``, no coordinates), disambiguated by the
countries named in the same phrase, then in the sentence, then ``article_countries``. A name the gazetteer lacks
("Amerli") keeps its own words, at precision ``country``, with the country the actor dictionary or its phrase
gives it, else one named in another locative phrase, else the article's (``_Context.fallback``)::

    Militants attacked a checkpoint near Mosul.  -> Mosul, IRQ, city (36.335, 43.11889)
    Gunmen killed two soldiers in Amerli, a town in northern Iraq.  -> Amerli, IRQ, country
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.dictionary import Entry, country_name, split_code
from ..actors.resolver import SentenceActors
from ..records import Location
from .gazetteer import Gazetteer, Place

__all__ = ["place_of"]

#: Prepositions whose object is where something happens.
LOCATIVE = frozenset({"in", "near", "at", "inside", "outside", "across", "around", "into", "throughout", "within",
                      "beside", "through"})
#: Prepositions that are locative only before an edge noun ("on the outskirts of Aleppo").
EDGE_PREPS = frozenset({"on", "along"})
EDGE_NOUNS = frozenset({"outskirts", "outskirt", "edge", "edges", "coast", "shore", "shores", "island", "bank",
                        "frontline", "front", "road", "highway", "street", "streets"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "north-east", "north-west", "south-east", "south-west"})
#: Nouns that stand for a place: "the town of Kidal", "an Iraqi village", "Syria's north". Borders are left
#: out: "the Syrian border" does not say on which side.
PLACE_NOUNS = frozenset({"town", "city", "village", "capital", "province", "region", "area", "district",
                         "county", "territory", "countryside", "desert", "outskirts", "suburb", "suburbs",
                         "neighbourhood", "neighborhood", "port", "governorate", "enclave", "camp", "heartland",
                         "hamlet", "municipality", "stronghold", "centre", "center", "heart", "interior",
                         "mountains", "valley", "city-state"}) | DIRECTIONS | EDGE_NOUNS
#: Trailing words dropped before a look-up: "Anbar province" -> "Anbar".
GENERIC_TAILS = frozenset({"province", "governorate", "region", "district", "state", "county", "city", "oblast"})
PLACE_KINDS = frozenset({"country", "place", "capital"})
#: Dictionary kinds that name actors, not places ("at the United Nations", "at the White House").
ACTOR_KINDS = frozenset({"person", "org", "group", "institution"})
#: Entity labels that are never places ("in August", "in 2014").
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
#: Entity labels whose names count only under a GeoNames name (no alternate names, no country fall-back): the
#: small model tags places as these too ("Crimea" ORG, "Aleppo" LANGUAGE), and non-places ("White House").
DOUBTFUL_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
VERBS = frozenset({"VERB", "AUX"})
PRECISION = {"city": "city", "admin1": "admin1", "country": "country"}
#: A capital yields to a namesake in a country the article or sentence is about only if the namesake is at least
#: this fraction of its size: "Tripoli" in an article about Lebanon is Lebanon's, "Washington" in one about
#: Britain is still the US capital (not Washington, Tyne and Wear).
CAPITAL_RATIO = 10


class _Context:
    """The countries a sentence and its article name, for disambiguation and fall-back."""

    def __init__(self, actors: SentenceActors, article_countries: Sequence[str]) -> None:
        self.actors = actors
        self.article = [c for c in article_countries if c]
        # (start, end, country, is_named): named countries, places and capitals; demonyms ("Iraqi") apart
        self.mentions: list[tuple[int, int, str, bool]] = []
        seen: set[int] = set()
        for hit in actors.hits.values():
            if hit.start in seen or hit.entry is None:
                continue
            seen.add(hit.start)
            country = self.country_of(hit.entry)
            if country is not None and hit.entry.kind in (*PLACE_KINDS, "demonym"):
                self.mentions.append((hit.start, hit.end, country, hit.entry.kind != "demonym"))
        self.mentions.sort()

    def country_of(self, entry: Entry) -> str | None:
        """Return the ISO alpha-3 country of a dictionary entry on the sentence's day."""
        code = entry.code_on(self.actors.day)
        return split_code(code)[0] if code else None

    def countries(self, tokens: Iterable[Token], skip: range = range(0)) -> list[str]:
        """Countries that dictionary hits on ``tokens`` name, outside the token range ``skip``: names first, then
        demonyms, these only where the article is about that country or no article countries are known ("a
        Turkmen town" in an article about Iraq is not in Turkmenistan)."""
        idx = {t.i for t in tokens}
        inside = [(c, n) for s, _, c, n in self.mentions if s in idx and s not in skip]
        named = [c for c, n in inside if n]
        demonyms = [c for c, n in inside if not n and (not self.article or c in self.article)]
        return list(dict.fromkeys([*named, *demonyms]))

    def ranked(self, phrase: list[str], skip: range) -> list[str]:
        """Return the preference order for namesakes: phrase, sentence names, the article, sentence demonyms."""
        named = [c for s, e, c, n in self.mentions if n and not (s < skip.stop and e > skip.start)]
        demonyms = [c for s, e, c, n in self.mentions if not n and not (s < skip.stop and e > skip.start)]
        return list(dict.fromkeys([*phrase, *named, *self.article, *demonyms]))

    def fallback(self, phrase: list[str], skip: range, located: set[int]) -> str | None:
        """Return the country of a place the gazetteer lacks: named in its phrase; else in another locative phrase
        of the sentence ("in Amerli and across northern Iraq"); else named in the sentence and one the article is
        about; else the article's main country; else any the sentence names. Countries of the sentence's actors
        ("Turkish jets bombed Amerli") come last: they say who acted, not where."""
        if phrase:
            return phrase[0]
        others = [(s, c, n) for s, e, c, n in self.mentions if not (s < skip.stop and e > skip.start)]
        for s, c, n in others:
            if n and s in located:
                return c
        for _, c, n in others:
            if n and c in self.article:
                return c
        if self.article:
            return self.article[0]
        return next((c for _, c, n in others if n), next((c for _, c, _ in others), None))


def _location(place: Place) -> Location:
    return Location(name=place.name, country=place.country, admin1=place.admin1, lat=place.lat,
                    lon=place.lon, geonameid=place.geonameid, precision=PRECISION[place.kind])


def _closeness(prep: Token, trigger: Token) -> int:
    """Rank a preposition by its clause: 0 the trigger's own clause (its heads reach the trigger before another
    verb), 1 a clause above it ("At a summit in Wales they announced they had agreed"), 2 a clause below it
    ("agreed to arm forces fighting in Iraq"), 3 any other."""
    cur = prep.head
    while cur.i != trigger.i and cur.pos_ not in VERBS and cur.head.i != cur.i:
        cur = cur.head
    if cur.i == trigger.i:
        return 0
    if cur.pos_ in VERBS and cur.is_ancestor(trigger):
        return 1
    return 2 if trigger.is_ancestor(cur) else 3


def _locatives(sent: SpacySpan) -> list[tuple[Token, Token]]:
    """Return (preposition, object) pairs of the sentence's locative phrases; for "of" after a place noun, the
    noun stands for the object ("the town of Kidal", "north of Baghdad", "the capital of Kenya")."""
    found = []
    for prep in sent:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            lemma = obj.lemma_.lower()
            if word in LOCATIVE or (word in EDGE_PREPS and lemma in EDGE_NOUNS):
                found.append((prep, obj))
            elif word == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
                found.append((prep, prep.head))
    return found


def _named_place(tok: Token) -> bool:
    """Whether the syntax says a name is a place: "Amerli, a town ...", "the town of Kidal", "Anbar province"."""
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in ("appos", "compound") and head.lemma_.lower() in PLACE_NOUNS:
        return True
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS


def _phrase(obj: Token) -> list[Token]:
    """Return the tokens of the nominal phrase around a locative object, up to its verb or clause."""
    top = obj
    while top.dep_ in ("pobj", "prep", "appos", "conj", "compound", "poss") and top.head.i != top.i:
        if top.head.pos_ in VERBS:
            break
        top = top.head
    return list(top.subtree)


def _name_span(obj: Token, actors: SentenceActors) -> tuple[int, int] | None:
    """Return the token range of the proper name headed by ``obj``, or None when it is not one."""
    hit = actors.hits.get(obj.i)
    if hit is not None and hit.entry is not None and hit.entry.kind in PLACE_KINDS:
        return hit.start, hit.end
    if obj.ent_type_ in NOT_PLACE_LABELS:
        return None
    if obj.ent_type_ and obj.ent_iob_ in ("B", "I"):
        ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
        if ent is not None:
            start = ent.start + (1 if obj.doc[ent.start].lower_ == "the" and ent.start < obj.i else 0)
            return start, ent.end
    if obj.pos_ != "PROPN":
        return None
    start = obj.i
    while start - 1 >= 0 and obj.doc[start - 1].pos_ == "PROPN" and obj.doc[start - 1].head.i == obj.i:
        start -= 1
    return start, obj.i + 1


class _Resolver:
    """Resolve locative phrases of one sentence."""

    def __init__(self, sent: SpacySpan, actors: SentenceActors, article_countries: Sequence[str]) -> None:
        self.sent = sent
        self.actors = actors
        self.ctx = _Context(actors, article_countries)
        self.gaz = Gazetteer.load()
        self.locatives = _locatives(sent)
        #: tokens inside locative phrases: the countries named there are places, not actors
        self.located = {t.i for _, obj in self.locatives for t in obj.subtree}

    def phrase(self, obj: Token) -> Location | None:
        """Resolve the object of a locative preposition."""
        span = _name_span(obj, self.actors)
        if span is not None:  # a "person" in a locative phrase is a place the small model mistook
            return self.name(span, _phrase(obj), sure=obj.ent_type_ == "PERSON" or _named_place(obj))
        lemma = obj.lemma_.lower()
        if lemma not in PLACE_NOUNS:
            return None
        owners = self.ctx.countries(
            [c for c in obj.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
            + [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children])
        if lemma == "capital" and owners:  # "Kenya's capital", "the Kenyan capital", "the capital of Kenya"
            capital = self.gaz.capital(owners[0])
            if capital is not None:
                return _location(capital)
        for child in obj.children:  # "the town of Amerli", "the outskirts of Mosul", "Amerli, a town ..."
            if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in ("appos", "compound"):
                for name in ([g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [child]):
                    inner = _name_span(name, self.actors)
                    if inner is not None:
                        loc = self.name(inner, _phrase(obj), sure=True)
                        if loc is not None:
                            return loc
        if not owners:
            return None
        country = self.gaz.country(owners[0])  # "an Iraqi town", "Syria's north"
        return _location(country) if country is not None else Location(name=country_name(owners[0]) or owners[0],
                                                                        country=owners[0])

    def name(self, span: tuple[int, int], phrase: list[Token], *, sure: bool = False) -> Location | None:
        """Resolve a proper name (token range) found in a locative phrase; ``sure``: the syntax says it is a
        place ("the town of X", "X, a town"), whatever its entity label."""
        doc = self.sent.doc
        start, end = span
        skip = range(start, end)
        words = doc[start:end]
        hit = self.actors.hits.get(words.root.i)
        entry = hit.entry if hit is not None else None
        kind = entry.kind if entry is not None else None
        if kind in ACTOR_KINDS:  # "at the White House", "at the United Nations"
            return None
        if entry is not None and (hit is None or hit.start != start or hit.end != end):
            entry, kind = None, None
        own = self.ctx.country_of(entry) if entry is not None and kind in PLACE_KINDS else None
        phrase_countries = self.ctx.countries(phrase, skip)
        context = self.ctx.ranked(phrase_countries, skip)
        prefer = list(dict.fromkeys(([own] if own and kind != "country" else []) + context))
        # ORG and PERSON entities are places only under a GeoNames name ("White House" is Casablanca's alias)
        doubtful = words.root.ent_type_ in DOUBTFUL_LABELS and entry is None and not sure
        alternates = not doubtful
        text = words.text
        found = self.gaz.lookup(text, prefer, alternates=alternates)
        if not found and len(words) > 1 and words[-1].lower_ in GENERIC_TAILS:
            text = doc[start:end - 1].text  # "Anbar province"
            found = self.gaz.lookup(text, prefer, alternates=alternates)
        if kind == "capital" and own is not None:
            return _location(self._capital(text, own, context, found))
        if kind == "country" and own is not None:
            # "Georgia" is the US state only when the article or sentence is about the US; "Gaza" is a city
            if found and (found[0].country == own or found[0].country in prefer):
                return _location(found[0])
            country = self.gaz.country(own)
            return _location(country) if country is not None else Location(name=text, country=own)
        if found:
            return _location(found[0])
        if doubtful:
            return None
        fallback = own or self.ctx.fallback(phrase_countries, skip, self.located)
        if fallback is None:
            return None
        return Location(name=text, country=fallback, precision="country")

    def _capital(self, text: str, own: str, context: list[str], found: list[Place]) -> Place:
        """Resolve a capital's name: the capital city ("in Washington": not the state), unless the article or
        sentence is about a country with a namesake at least ``1/CAPITAL_RATIO`` its size ("Tripoli" in an
        article about Lebanon)."""
        cities = [p for p in found if p.kind == "city" and p.country == own]
        capital = cities[0] if cities else self.gaz.capital(own)
        if capital is None:
            country = self.gaz.country(own)
            if country is not None:
                return country
            return Place(text, own, None, None, None, None, "country")
        if own not in context:
            for place in self.gaz.lookup(text, context):
                if (place.kind == "city" and place.country in context
                        and place.population * CAPITAL_RATIO >= capital.population):
                    return place
        return capital

    def object_name(self, trigger: Token) -> Location | None:
        """A place-name entity that is the trigger's object or passive subject ("retook Tikrit")."""
        for child in trigger.children:
            if child.dep_ not in ("dobj", "nsubjpass"):
                continue
            entry = self.actors.entry_at(child)
            if entry is not None and entry.kind != "place":  # countries and capitals there are actors
                continue
            sure = _named_place(child)  # "to liberate Amerli, a besieged town"
            if entry is None and child.ent_type_ not in PLACE_LABELS and not sure:
                continue
            span = _name_span(child, self.actors)
            if span is not None:
                loc = self.name(span, list(child.subtree), sure=sure)
                if loc is not None:
                    return loc
        return None


def place_of(sent: SpacySpan, trigger: Token, actors: SentenceActors, *,
             article_countries: Sequence[str] = ()) -> Location | None:
    """Return where the act of ``trigger`` happened, or None when the sentence does not say.

    Args:
        sent: the parsed sentence.
        trigger: the first token of the event's trigger.
        actors: the sentence's dictionary hits (``SentenceActors``), for the countries it names.
        article_countries: ISO alpha-3 codes of the countries the article is about, main one first: they break
            ties between namesakes ("Georgia") and give unknown places a country when the sentence does not.

    Example (``nlp`` the spaCy pipeline)::

        sent = nlp("Militants attacked a checkpoint near Mosul.")[:]
        place_of(sent, sent[1], SentenceActors(sent, ActorDictionary.load(), None))
        # Location(name='Mosul', country='IRQ', admin1=None, lat=36.335, lon=43.11889, geonameid=99072,
        #          precision='city')
    """
    resolver = _Resolver(sent, actors, article_countries)
    ranked = sorted(resolver.locatives, key=lambda po: (_closeness(po[0], trigger), abs(po[0].i - trigger.i)))
    for _, obj in ranked:
        loc = resolver.phrase(obj)
        if loc is not None:
            return loc
    return resolver.object_name(trigger)
