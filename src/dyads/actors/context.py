"""The article as context for its actors: the stage between sentence-level resolution and event extraction.

A sentence alone often does not say whose "government", "ministers" or "police" it means, or who "Mr Blair" is;
the article does. Before any event is extracted, :meth:`ArticleContext.build` reads every parsed sentence of the
article once and records

* the **home country** of a one-country story: the country its dictionary hits name far more often than any
  other (a British paper on British politics names Britain, Labour, the Tories, Downing Street...);
* the **people** it names, by surname: "Tony Blair" (dictionary) or "shadow home secretary David Davis" (a title
  the agent table knows), so that a later "Mr Blair" or "Mr Davis" is the same person.

:meth:`ArticleContext.complete` is then applied to every actor the resolver returns: a domestic actor without a
country (a sector word such as "the government", "ministers", "police", "MPs", or a person or organisation the
dictionaries lack) takes the home country, marked ``inferred=True`` with the reason in ``entry``; a person known
by surname takes that person's code; "shadow" and "opposition" roles take the OPP sector rather than GOV.
Unnamed speakers ("critics", "diplomats", "sources") are never given a country: the conventions forbid it.
The context is built once and only read afterwards, so the stages stay one-way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from ..records import Actor

__all__ = ["ArticleContext", "HOME_SHARE", "VAGUE_HEADS", "placed_by_home", "unhomed"]

#: the home country needs at least this many mentions, this many times the mentions of the runner-up, and this
#: share of all country mentions
HOME_MIN = 3
HOME_SHARE = 1.5
HOME_PART = 0.4
#: unnamed finance that a story's main country does not place: debt stories' banks are mostly foreign creditors
LENDERS = frozenset({"bank", "creditor", "lender", "investor", "banker", "fund", "financier"})
#: sectors a country named only once or twice may place: officials, forces of order, courts, parties, citizens
SLIGHT_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "AGR", "LAB", "CVL", "EDU", "MED",
                            "HLH", "ELI", "SPY"})
#: heads of speakers too vague to place in a country from context alone
VAGUE_HEADS = frozenset({"source", "diplomat", "critic", "analyst", "observer", "witness", "resident", "expert",
                         "people", "activist", "official", "campaigner", "commentator", "economist", "dealer",
                         "trader", "banker", "insider", "someone", "anyone", "man", "woman", "person",
                         "counterpart"})  # "counterparts from Europe and Japan": by definition not the home's
#: heads of names that are things, not actors ("the Police Bill", "the Anti-Terrorism Act")
THINGS = frozenset({"bill", "act", "law", "treaty", "plan", "report", "budget", "programme", "program", "scheme",
                    "card", "tax", "day", "week", "election", "campaign", "war", "crisis", "street", "road"})
#: words of organisation names that are as often international as national ("the Commission", "the Council")
INTERNATIONAL_HEADS = frozenset({"commission", "commissioner", "commissioners", "community", "council", "union",
                                 "nations", "organisation", "organization", "agency", "bank", "fund", "court",
                                 "tribunal", "alliance", "league", "federation", "association", "conference"})
#: entity types that never name an actor by themselves
NOT_ACTORS = frozenset({"GPE", "LOC", "FAC", "NORP", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "DATE", "TIME",
                        "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"})
#: words of a phrase that make an office holder part of the opposition, whatever the title's sector says
OPPOSITION_WORDS = frozenset({"shadow", "opposition"})
#: courtesy titles before a surname
COURTESY = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "lord", "lady", "dame"})
#: how an actor placed by the story's home says so in ``entry`` ("context:home GBR (agents)")
HOME_ENTRY = "context:home"
#: codes that are not a country's and must not take one
NON_STATE_PREFIXES = ("IGO", "NGO", "NSA", "IMG", "MNC", "UNO")


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the whole article says about its actors (see the module docstring).

    Args:
        home: the country of a one-country story, or None when the article is about several.
        people: surname (lower case) -> the person's actor as first resolved; a surname two people share is left
            out.
    """

    home: str | None = None
    #: the home is only the one country the text names once or twice: it places officials, police, soldiers
    #: and citizens, not organisations without a sector or armed groups ("rebels received weapons from Iran")
    slight: bool = False
    people: dict[str, Actor] = field(default_factory=dict)
    nationals: dict[str, str] = field(default_factory=dict)  # surname -> country the article introduced it with

    @classmethod
    def build(cls, mentions: Counter[str], people: Iterable[tuple[str, Actor]] = (),
              nationals: dict[str, str] | None = None) -> ArticleContext:
        """Make the context from the article's country mentions (one per dictionary hit) and its named people
        (surname, actor) in text order.

        Example:
            >>> ArticleContext.build(Counter({"GBR": 9, "USA": 2})).home
            'GBR'
        """
        ranked = mentions.most_common(2)
        home = None
        slight = False
        if len(ranked) == 1 and 1 <= ranked[0][1] < HOME_MIN:
            home, slight = ranked[0][0], True  # the one country a short story names ("around the Philippines")
        elif ranked and ranked[0][1] >= HOME_MIN:
            second = ranked[1][1] if len(ranked) > 1 else 0
            if ranked[0][1] >= HOME_SHARE * second and ranked[0][1] >= HOME_PART * sum(mentions.values()):
                home = ranked[0][0]
        known: dict[str, Actor] = {}
        clashes: set[str] = set()
        for surname, actor in people:
            earlier = known.get(surname)
            if earlier is not None and (earlier.name or earlier.text) != (actor.name or actor.text):
                clashes.add(surname)
            known.setdefault(surname, actor)
        return cls(home, slight, {k: v for k, v in known.items() if k not in clashes}, dict(nationals or {}))

    def person(self, head: Token) -> Actor | None:
        """The person an article named in full before, for a mention by surname ("Mr Blair", "Blair")."""
        if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", ""):
            return None
        return self.people.get(head.lower_)

    def nationality(self, head: Token) -> str | None:
        """The country a person mentioned by surname was introduced with ("U.S. ... Secretary Richard Lyng"; the
        tagger may call a lone surname an organisation)."""
        if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "ORG", ""):
            return None
        return self.nationals.get(head.lower_)

    def complete(self, actor: Actor, head: Token, words: Iterable[Token]) -> Actor:
        """Give a domestic actor its country from the article, and an opposition role its sector.

        ``head`` is the phrase's head token and ``words`` its core tokens.
        """
        lowered = {t.lower_ for t in words}
        sector = actor.sector
        if lowered & OPPOSITION_WORDS and sector in (None, "GOV", "LEG"):
            sector = "OPP"
        if actor.members or (actor.code or "").startswith(NON_STATE_PREFIXES):
            return actor
        country = actor.country
        inferred = actor.inferred
        entry = actor.entry
        if (country is None and self.home is not None and head.lemma_.lower() not in VAGUE_HEADS
                and head.lemma_.lower() not in THINGS and head.ent_type_ not in NOT_ACTORS):
            named = (head.ent_type_ in ("PERSON", "ORG") or head.pos_ == "PROPN") and not (
                lowered & INTERNATIONAL_HEADS)
            if self.slight and sector not in SLIGHT_SECTORS:
                pass  # a country named once places officials ("Judge Rivera") and citizens, not firms or rebels
            elif named or sector is not None and not (sector == "BUS" and head.lemma_.lower() in LENDERS):
                # unnamed lenders and investors ("commercial banks", "creditors") are as often foreign as at home
                country, inferred = self.home, True
                entry = f"{HOME_ENTRY} {self.home}" + (f" ({entry})" if entry else "")
        if country == actor.country and sector == actor.sector:
            return actor
        code = (country or "---") + (sector or "") if country or sector else None
        return replace(actor, country=country, sector=sector, code=code, inferred=inferred, entry=entry)


def placed_by_home(actor: Actor) -> bool:
    """Whether the actor's country came from the story's home country (:meth:`ArticleContext.complete`)."""
    return actor.inferred and (actor.entry or "").startswith(HOME_ENTRY)


def unhomed(actor: Actor) -> Actor:
    """The actor as the sentence resolved it, before the story's home placed it."""
    entry = actor.entry or ""
    inner = entry[entry.find("(") + 1:-1] if entry.endswith(")") and "(" in entry else None
    return replace(actor, country=None, code="---" + actor.sector if actor.sector else None, inferred=False,
                   entry=inner)


def surname_of(tokens: list[Token]) -> str | None:
    """The surname of a person's name as written ("Tony Blair" -> "blair"), or None for one-word names."""
    names = [t for t in tokens if t.pos_ == "PROPN" and t.lower_ not in COURTESY]
    if len(names) < 2:
        return None
    return names[-1].lower_
