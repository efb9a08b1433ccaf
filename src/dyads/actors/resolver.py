"""Resolve noun phrases in a parsed sentence to actors: country, sector, CAMEO-style code and canonical name.

The resolver scans each sentence once with the actor dictionary (names, countries, demonyms, capitals, office
holders, organisations, armed groups) and the agent table ("troops" -> MIL), then answers for any noun-phrase head:
the entry covering the head wins (``John Kerry`` -> USAGOV in 2014); otherwise a country named among the phrase's
modifiers (``Iraqi``, ``Iran's``, ``of Iraq``) is combined with the head's agent sector (``Iraqi Shiite militias``
-> IRQ + MIL). Codes follow the CAMEO convention: country + sector, ``---`` + sector when no country is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import Actor
from .context import ArticleContext
from .coref import TITLES, ArticleMemory
from .dictionary import ActorDictionary, Entry, country_name, split_code
from .groups import ArticleGroups
from .membership import members_on

__all__ = ["Found", "SentenceActors", "np_tokens", "phrase_span"]

#: Dependencies that belong to a noun phrase's core (they can name its country or sector).
CORE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "case", "quantmod", "flat", "nn"})
#: Dependencies cut from an actor's displayed words (clauses, appositions and coordinated phrases).
CUT_DEPS = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis", "dep", "mark"})
NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "place"})
#: nouns that name acts, things or places, never actors: "Putin's offer", "Iran's economy"
NON_ACTOR_HEADS = frozenset({
    "treaty", "protocol", "convention",
    "offer", "request", "proposal", "plan", "decision", "move", "statement", "report", "effort", "visit", "call",
    "appeal", "attack", "strike", "support", "aid", "deal", "agreement", "resolution", "draft", "bill", "law",
    "policy", "economy", "market", "border", "territory", "city", "town", "region", "province", "capital",
    "base", "program", "programme", "role", "stance", "position", "response", "reaction", "claim", "demand",
    "warning", "threat", "election", "vote", "budget", "currency", "share", "stock", "price", "oil", "gas",
    "nuclear", "sanction", "war", "conflict", "crisis", "future", "history", "team", "side", "squad", "club",
    "league", "film", "album", "song", "show", "game", "match", "victory", "win", "defeat", "goal", "title",
    "cup", "season", "soil", "airspace", "water", "coast", "sea", "port", "embassy", "consulate", "interest",
    "security", "sovereignty", "independence", "involvement", "influence", "ambition", "concern", "need",
})
#: nouns that name a company by its trade ("the US firm", "winemaker Southcorp", "the agrochemical giant")
COMPANY_HEADS = frozenset({"firm", "company", "giant", "maker", "manufacturer", "producer", "brewer", "winemaker",
                           "carrier", "airline", "insurer", "retailer", "conglomerate", "chipmaker", "carmaker",
                           "automaker", "exporter", "importer", "supplier", "distributor", "miner", "refiner",
                           "operator", "brokerage", "corporation", "subsidiary", "multinational", "supermarket",
                           "bank", "lender", "developer"})
#: last words of company names ("the London Stock Exchange", "British Airways", "Toshiba Corp")
BUSINESS_NAMES = frozenset({"exchange", "bourse", "boerse", "corp", "corporation", "company", "co", "inc", "plc",
                            "ltd", "airways", "airlines", "motors", "holdings", "industries", "telecom", "ag",
                            "group", "petroleum", "steel", "chemicals", "electric", "electronics", "sa", "nv",
                            "spa", "gmbh", "bv", "llc", "communications", "instruments", "systems",
                            "technologies", "networks", "semiconductor", "pharmaceuticals", "inc."})


def _ticker_after(head: Token) -> bool:
    """Whether a Reuters ticker follows the name: "Veeco Instruments Inc <VEE>" names a listed company."""
    doc = head.doc
    return head.i + 2 < len(doc) and doc[head.i + 1].text == "<" and doc[head.i + 2].is_upper
#: currencies: a country word before them names money, not an actor ("the U.S. Dollar")
CURRENCIES = frozenset({"dollar", "dollars", "yen", "franc", "francs", "euro", "euros", "lira", "peso", "pesos",
                        "rupee", "rupees", "yuan", "rouble", "ruble", "sterling", "rand", "naira", "won", "dlrs"})
#: words that name a party's role but also the stance itself ("their opposition to the scheme")
STANCES = frozenset({"opposition", "resistance"})
#: last words of proper names that name things, not actors, whatever country word comes before them
NAMED_THINGS = frozenset({"round", "rate", "treaty", "protocol", "accord", "accords", "convention", "act",
                          "index", "cup", "games", "prize", "award", "festival", "declaration", "process",
                          "pact", "charter", "corridor", "pipeline", "airport"})
QUANTITY_HEADS = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "number", "group",
                            "groups", "crowd", "crowds", "band", "bunch", "handful", "majority", "some", "many",
                            "several", "most", "all", "one", "two", "three", "members", "member", "team"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which", "that"})


#: a sentence's dictionary matches as :meth:`ActorDictionary.scan` returns them (phrases, agents)
Found = tuple[list[tuple[int, int, Entry]], list[tuple[int, int, str]]]


@dataclass(frozen=True, slots=True)
class Hit:
    """A dictionary or agent match over tokens [start, end) of the doc."""

    start: int
    end: int
    entry: Entry | None = None
    sector: str | None = None


#: heads that name a post in some body ("leader", "official"): the body a modifier names gives the sector
OFFICE_HEADS = frozenset({"leader", "official", "chief", "head", "representative", "spokesman", "spokeswoman",
                          "member", "delegate", "negotiator", "boss", "chairman", "president", "secretary"})
#: modifiers naming such a body, and its sector
BODY_SECTORS = {"union": "LAB", "labour": "LAB", "labor": "LAB", "church": "REL", "business": "BUS",
                "industry": "BUS", "company": "BUS", "bank": "BUS", "party": "PTY", "opposition": "OPP",
                "rebel": "REB", "guerrilla": "REB", "student": "EDU", "university": "EDU", "farm": "AGR",
                "farmer": "AGR", "employer": "BUS"}


def head_named(head: Token) -> bool:
    """Whether a phrase head is itself a name (not a description such as "the militants")."""
    return head.pos_ == "PROPN"


def np_tokens(head: Token, *, core_only: bool = False) -> list[Token]:
    """Return the tokens of the noun phrase headed by ``head`` (sorted).

    With ``core_only`` only modifiers that can name the actor are kept, plus ``of`` phrases
    ("the government of Iraq"); otherwise prepositional phrases are kept too, clauses and conjuncts are cut.
    """
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            dep = child.dep_
            if dep in CUT_DEPS:
                continue
            of_phrase = (dep == "prep" and child.lower_ == "of") or (dep == "pobj" and tok.lower_ == "of")
            if core_only and dep not in CORE_DEPS and not of_phrase:
                continue
            out.append(child)
            stack.append(child)
    out.sort(key=lambda t: t.i)
    return out


def phrase_span(tokens: list[Token], head: Token | None = None) -> tuple[int, int]:
    """Return the doc token range [start, end) of the phrase: the contiguous run of its tokens around the head,
    trimming edge punctuation (a parse that hangs "on Thursday" on the first of "China and the EU" must not
    pull the conjunct into the words)."""
    if head is not None:
        idx = {t.i for t in tokens}
        lo = hi = head.i
        while lo - 1 in idx:
            lo -= 1
        while hi + 1 in idx:
            hi += 1
        tokens = [t for t in tokens if lo <= t.i <= hi]
    toks = [t for t in tokens if not (t.ent_type_ in ("DATE", "TIME") and t.dep_ == "pobj")]
    toks = [t for t in toks
            if not (t.dep_ == "prep" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_type_ in ("DATE", "TIME"))]
    if not toks:
        toks = list(tokens)
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    if not toks:
        return tokens[0].i, tokens[0].i + 1
    return toks[0].i, toks[-1].i + 1


class SentenceActors:
    """Dictionary hits of one sentence, and the resolution of its noun phrases to actors."""

    def __init__(self, sent: SpacySpan, dictionary: ActorDictionary, day: dt.date | None,
                 groups: ArticleGroups | None = None, memory: ArticleMemory | None = None,
                 found: Found | None = None, context: ArticleContext | None = None) -> None:
        self.sent = sent
        self.context = context
        self.groups = groups
        self.memory = memory
        self.day = day
        self.dictionary = dictionary
        self.hits: dict[int, Hit] = {}
        self.agents: dict[int, Hit] = {}
        phrases, agents = found if found is not None else dictionary.scan([t.text for t in sent])
        base = sent.start
        for i, length, entry in phrases:
            hit = Hit(base + i, base + i + length, entry=entry)
            for k in range(i, i + length):
                self.hits[base + k] = hit
        for i, length, sector in agents:
            hit = Hit(base + i, base + i + length, sector=sector)
            for k in range(i, i + length):
                self.agents.setdefault(base + k, hit)

    # ------------------------------------------------------------------ queries
    def entry_at(self, token: Token) -> Entry | None:
        """Return the dictionary entry covering a token, if any."""
        hit = self.hits.get(token.i)
        return hit.entry if hit else None

    def countries(self) -> list[str]:
        """The countries this sentence names (one per dictionary hit), for the article's main countries."""
        out: list[str] = []
        seen: set[int] = set()
        for hit in self.hits.values():
            if hit.entry is None or id(hit) in seen:
                continue
            seen.add(id(hit))
            code = hit.entry.code_on(self.day)
            country = split_code(code)[0] if code else None
            if country:
                out.append(country)
        return out

    def kind_at(self, token: Token) -> str | None:
        """The dictionary kind (person, country, group, ...) of the entry covering a token, if any."""
        hit = self.hits.get(token.i)
        return hit.entry.kind if hit is not None and hit.entry is not None else None

    def is_place(self, token: Token) -> bool:
        """Whether a phrase head names a place (a country, city or region) rather than a group of people."""
        hit = self.hits.get(token.i)
        if hit and hit.entry is not None and hit.entry.kind in ("country", "place", "capital"):
            return True
        return token.ent_type_ in ("GPE", "LOC", "FAC")

    def resolve(self, head: Token, *, deep: bool = False) -> Actor | None:
        """Resolve the noun phrase headed by ``head`` to an Actor, or None when it names nobody.

        ``deep`` also searches prepositional phrases for a country ("the needs of people in Yemen"); use it for
        targets, where an unresolved phrase is still worth its words.
        """
        if head.pos_ == "PRON" or head.lower_ in PRONOUNS and head.pos_ not in ("PROPN", "NOUN"):
            return self._pronoun(head)
        if head.lower_ in QUANTITY_HEADS or head.pos_ == "NUM":  # "thousands of farmers", "dozens of soldiers"
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None:
                head = obj
        if head.ent_type_ in ("DATE", "TIME"):  # "President Bashar Assad Tuesday": the parser heads on the date
            names = [c for c in head.children if c.dep_ == "compound" and c.ent_type_ not in ("DATE", "TIME")]
            if names:
                head = names[-1]
        core = np_tokens(head, core_only=True)
        if head.lower_ in CURRENCIES:
            return None  # "the U.S. dollar", "the yen": money, not a state
        if head.lemma_.lower() in STANCES and any(
                c.dep_ == "prep" and c.lower_ in ("to", "against") or c.dep_ == "poss" and c.pos_ == "PRON"
                for c in head.children):
            return None  # "drop their opposition to the scheme": a stance, not the opposition parties
        if head.lower_ in NAMED_THINGS and head.is_title and core and head.i != core[0].i:
            return None  # "the Uruguay Round", "the Kyoto Protocol", "the London Interbank Offered Rate": things
        shown = np_tokens(head)
        start, end = phrase_span(shown, head)
        code, name, entry_id = self._code_for(head, core)
        if code is None:
            listed = self._listed(head)
            if listed:  # "four countries, including the United States and Britain": each of them
                doc = head.doc
                s0 = self.sent.start_char
                return Actor(text=doc[start:end].text, start=doc[start].idx - s0,
                             end=doc[end - 1].idx + len(doc[end - 1].text) - s0, name=doc[start:end].text,
                             members=listed, entry="listed members")
        if code is None and deep:
            found = self._deep(head, shown)
            if found is not None:
                return found
        if code is None:
            for child in head.children:  # "arch-enemy, the United States"
                if child.dep_ == "appos" and child.pos_ in ("PROPN", "NOUN"):
                    appos = self.resolve(child)
                    if appos is not None and appos.code is not None:
                        return appos
        if self.memory is not None and (code is None or code.startswith("---")) and not head_named(head):
            earlier = self.memory.description(head)  # "the militants" -> the armed group named before
            if earlier is not None:
                doc = head.doc
                s0 = self.sent.start_char
                return replace(earlier, text=doc[start:end].text, start=doc[start].idx - s0,
                               end=doc[end - 1].idx + len(doc[end - 1].text) - s0)
        if code is None and self.groups is not None:  # "the partners" named earlier in the article
            doc = head.doc
            s0 = self.sent.start_char
            group = self.groups.resolve(head, doc[start:end].text, doc[start].idx - s0,
                                        doc[end - 1].idx + len(doc[end - 1].text) - s0)
            if group is not None:
                return group
        named = head.ent_type_ in NAMED or head.pos_ == "PROPN"
        if code is None and not named and not deep:
            return None
        doc = head.doc
        s0 = self.sent.start_char
        span_text = doc[start:end].text
        a0, a1 = doc[start].idx - s0, doc[end - 1].idx + len(doc[end - 1].text) - s0
        if (code is None or code.startswith("---")) and self.context is not None:
            person = self.context.person(head)  # "Mr Blair": the Tony Blair named before
            national = self.context.nationality(head)
            if person is not None and person.inferred and national is not None and national != person.country:
                person = None  # the story's main country was only a guess; the introduction names his own
            if person is not None:
                known = replace(person, text=span_text, start=a0, end=a1,
                                entry=f"context:person {person.name or person.text}")
                return self.context.complete(known, head, core)  # and the home country it lacked
            if national is not None:  # "Lyng" after "U.S. Agriculture Secretary Richard Lyng"
                sector = split_code(code)[1] if code else None
                return Actor(text=span_text, start=a0, end=a1, name=name, country=national, sector=sector,
                             code=national + (sector or ""), entry=f"context:introduced {national}", inferred=True)
        country, sector = split_code(code) if code else (None, None)
        members = tuple(Actor(text=span_text, start=a0, end=a1, name=country_name(c), country=c, code=c,
                              entry="groups.yaml") for c in members_on(code, self.day))
        others = self._coordinated_countries(head, country) if country and not members else []
        if others:  # "Japanese and Chinese officials": one actor of each country, as a named list is
            members = tuple(Actor(text=span_text, start=a0, end=a1, name=country_name(c), country=c, sector=sector,
                                  code=c + (sector or ""), entry="coordinated modifiers")
                            for c in (country, *others) if c)
            return Actor(text=span_text, start=a0, end=a1, name=span_text, sector=sector, members=members,
                         entry="coordinated modifiers")
        actor = Actor(text=span_text, start=a0, end=a1, name=name, country=country, sector=sector, code=code,
                      members=members, entry=entry_id)
        if self.context is not None:
            actor = self.context.complete(actor, head, core)
        return actor

    def _listed(self, head: Token) -> tuple[Actor, ...]:
        """The actors a plural phrase lists as its members: "countries, including A, B and C", "nations such as
        A and B" (only when every item is an actor with a country)."""
        if head.tag_ not in ("NNS", "NNPS"):
            return ()
        for prep in head.children:
            if prep.dep_ != "prep" or not (prep.lower_ in ("including", "like")
                                           or prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)):
                continue
            first = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if first is None:
                return ()
            items = [first, *first.conjuncts]
            actors = [self.resolve(item) for item in items]
            if all(a is not None and a.country is not None and not a.members for a in actors):
                return tuple(a for a in actors if a is not None)
            return ()
        return ()

    def _coordinated_countries(self, head: Token, country: str) -> list[str]:
        """The other countries of coordinated country words before a head ("U.S. and Japanese trade ministers",
        "Iranian and Iraqi forces"), in text order, without ``country``."""
        out: list[str] = []
        for mod in head.children:
            if mod.dep_ not in ("amod", "compound", "nmod") or mod.i > head.i:
                continue
            for other in mod.conjuncts:
                hit = self.hits.get(other.i)
                if other.i > head.i or hit is None or hit.entry is None or hit.entry.kind not in COUNTRY_KINDS:
                    continue
                code = hit.entry.code_on(self.day)
                found = split_code(code)[0] if code else None
                if found and found != country and found not in out:
                    out.append(found)
        return out

    def _pronoun(self, pron: Token) -> Actor | None:
        """Resolve a pronoun: first the subject of an enclosing clause in the same sentence ("Khamenei authorized
        his commander"), then the article memory."""
        low = pron.lower_
        if low in ("he", "she", "his", "her", "him", "it", "its", "they", "their", "them"):
            node = pron.head
            for _ in range(5):
                subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i
                                and c.pos_ != "PRON" and not (c.left_edge.i <= pron.i <= c.right_edge.i)), None)
                if subject is not None:
                    actor = self.resolve(subject)
                    person = (subject.ent_type_ == "PERSON" or self.kind_at(subject) == "person"
                              or subject.lemma_.lower() in TITLES and subject.tag_ == "NN")  # "the minister ... he"
                    plural = subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts)
                    fits = (person if low in ("he", "she", "his", "her", "him") else
                            plural if low in ("they", "their", "them") else not person and not plural)
                    if fits and actor is not None and actor.code is not None:
                        s0 = self.sent.start_char
                        return replace(actor, text=pron.text, start=pron.idx - s0,
                                       end=pron.idx + len(pron.text) - s0, entry=f"coref:{actor.text}")
                    if fits:
                        return None
                if node.head is node:
                    break
                node = node.head
        return self.memory.pronoun(pron) if self.memory is not None else None

    def _unnamed(self, head: Token) -> Actor | None:
        """Words for a speaker the dictionaries do not know ("sources in Tehran"), with the country its
        prepositional phrase names, if any; None for pronouns."""
        if head.pos_ == "PRON":
            return None
        start, end = phrase_span(np_tokens(head), head)
        doc = head.doc
        s0 = self.sent.start_char
        country = self._country_from_preps(head)
        return Actor(text=doc[start:end].text, start=doc[start].idx - s0,
                     end=doc[end - 1].idx + len(doc[end - 1].text) - s0, country=country, code=country,
                     entry="unresolved")

    def resolve_speaker(self, head: Token) -> Actor | None:
        """Resolve who is quoted; several named people in the phrase ("Secretary of State John Kerry and Defence
        Secretary Chuck Hagel said") become one actor whose members are each of them."""
        actor = self.resolve(head) or self._unnamed(head)
        doc = head.doc
        lo = min(head.left_edge.i, *(c.left_edge.i for c in head.conjuncts)) if head.conjuncts else head.left_edge.i
        hi = max([head.i, *(c.i for c in head.conjuncts)])
        seen: dict[str, Actor] = {}
        for i in range(lo, hi + 1):
            hit = self.hits.get(i)
            if hit is None or hit.entry is None or hit.entry.kind in COUNTRY_KINDS or hit.start != i:
                continue
            code = hit.entry.code_on(self.day)
            if not code or hit.entry.name in seen:
                continue
            country, sector = split_code(code)
            s0 = self.sent.start_char
            seen[hit.entry.name] = Actor(text=doc[hit.start:hit.end].text, start=doc[hit.start].idx - s0,
                                         end=doc[hit.end - 1].idx + len(doc[hit.end - 1].text) - s0,
                                         name=hit.entry.name, country=country, sector=sector, code=code,
                                         entry=hit.entry.origin)
        if len(seen) < 2:
            return actor
        members = tuple(seen.values())
        countries = {m.country for m in members}
        sectors = {m.sector for m in members}
        country = countries.pop() if len(countries) == 1 else None
        sector = sectors.pop() if len(sectors) == 1 else None
        s0 = self.sent.start_char
        return Actor(text=doc[lo:hi + 1].text, start=doc[lo].idx - s0, end=doc[hi].idx + len(doc[hi].text) - s0,
                     name=" and ".join(m.name or m.text for m in members), country=country, sector=sector,
                     code=(country or "---") + (sector or "") if country or sector else None, members=members,
                     entry="speakers")

    def _deep(self, head: Token, shown: list[Token]) -> Actor | None:
        """For an unresolved target phrase, the first actor named inside it ("an agreement with the EU"),
        then inside its clauses ("responsibility for an attack in Kenya's capital")."""
        for depth, pool in enumerate((shown, list(head.subtree))):
            for tok in pool:
                if tok.i == head.i or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
                    continue
                if depth and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "at", "inside", "across"):
                    continue  # inside a clause, "fighting in Iraq" says where, not whom
                hit = self.hits.get(tok.i)
                if hit is None or hit.entry is None:
                    continue
                if tok.dep_ == "compound" and tok.head.lower_ in NAMED_THINGS and tok.head.is_title:
                    continue  # "the success of the Uruguay Round": a thing's name, not an actor
                np_head = tok
                while np_head.dep_ in CORE_DEPS and np_head.head is not np_head and np_head.head.i != head.i:
                    np_head = np_head.head
                if np_head.lower_ in CURRENCIES:
                    continue  # "the rise in the value of the U.S. Dollar": money, not the state
                actor = self.resolve(np_head)
                if actor is not None and actor.code is not None:
                    return actor
                code = hit.entry.code_on(self.day)
                if code and hit.entry.kind in ("country", "place", "capital"):  # "a mall in Kenya's capital"
                    doc = head.doc
                    s0 = self.sent.start_char
                    country, sector = split_code(code)
                    return Actor(text=doc[hit.start:hit.end].text, start=doc[hit.start].idx - s0,
                                 end=doc[hit.end - 1].idx + len(doc[hit.end - 1].text) - s0, name=hit.entry.name,
                                 country=country, sector=sector, code=code, entry=hit.entry.origin)
        return None

    def _inside_longer_name(self, head: Token, hit) -> bool:  # type: ignore[no-untyped-def]
        """Whether the dictionary hit on a phrase's head is only part of a longer organisation name that names
        another country ("Congress" in "the Congress of South African Trade Unions")."""
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ == "ORG"), None)
        if ent is None or ent.end <= hit.end:
            return False
        for i in range(hit.end, ent.end):
            other = self.hits.get(i)
            if other is not None and other.entry is not None and other.entry.kind in COUNTRY_KINDS:
                code = other.entry.code_on(self.day)
                mine = hit.entry.code_on(self.day) if hit.entry is not None else None
                if code and split_code(code)[0] and split_code(code)[0] != (split_code(mine)[0] if mine else None):
                    return True
        return False

    def _code_for(self, head: Token, core: Iterable[Token]) -> tuple[str | None, str | None, str | None]:
        """Return (code, canonical name, provenance) for a phrase from its dictionary and agent hits."""
        head_hit = self.hits.get(head.i)
        if head_hit is not None and self._inside_longer_name(head, head_hit):
            head_hit = None  # "the Congress of South African Trade Unions" is not the US Congress
        if head_hit is not None and head_hit.entry is not None \
                and head_hit.entry.kind in ("place", "institution") \
                and head.ent_type_ == "PERSON" and head_hit.end - head_hit.start == 1:
            head_hit = None  # "Dumas, a close aide to Mitterrand": a surname, not the Duma nor a town
        if head_hit and head_hit.entry is not None and head_hit.entry.kind not in ("demonym",):
            entry = head_hit.entry
            code = entry.code_on(self.day)
            if code:  # the head itself is a known name: "John Kerry", "Iran" (the bare country code: the state)
                return code, entry.name, entry.origin
        if head.lemma_.lower() in NON_ACTOR_HEADS and head.pos_ == "NOUN":
            return None, None, None  # "Putin's offer", "NATO's decision": an act or a thing, not an actor
        country: str | None = None
        name: str | None = None
        origin: str | None = None
        org_code: str | None = None
        for tok in core:
            hit = self.hits.get(tok.i)
            if hit is None or hit.entry is None or tok.i == head.i and hit.entry.kind != "demonym":
                continue
            if (tok.dep_ == "compound" and tok.head.lower_ in NAMED_THINGS and tok.head.is_title
                    or tok.lower_ in NAMED_THINGS and tok.is_title and tok.i > hit.start):
                continue  # "the success of the Uruguay Round": the country word names a thing
            if hit.entry.kind in ("place", "capital") and tok.ent_type_ == "PERSON":
                continue  # "Constantine Mitsotakis": a first name, not the Algerian city
            if hit.entry.kind not in COUNTRY_KINDS and self._inside_longer_name(tok, hit):
                continue
            c = hit.entry.code_on(self.day)
            if not c:
                continue
            cc, _ = split_code(c)
            if cc and country is None:
                country, name, origin = cc, hit.entry.name, hit.entry.origin
            if hit.entry.kind not in COUNTRY_KINDS and org_code is None:
                org_code = c
        if country is None and self.memory is not None:  # "his top commander": the person's country
            for child in head.children:
                if child.dep_ == "poss" and child.pos_ == "PRON":
                    earlier = self._pronoun(child)
                    if earlier is not None and earlier.country:
                        country, name, origin = earlier.country, None, earlier.entry
        if org_code and country and split_code(org_code)[0] not in (None, country):
            org_code = None  # "Opponents of Rwanda's Senate": the country named wins over a foreign institution
        words = {t.lemma_.lower() for t in core} | {t.lower_ for t in core}
        if country and "central" not in words and ("creditor" in words or "bank" in words and words & {
                "committee", "advisory", "steering"}):
            country = None  # "Bolivia's creditor banks", "Brazil's bank advisory committee": its foreign lenders
        sector = self._sector(head)
        if sector is None and head.pos_ == "PROPN" and not org_code and (
                head.lower_ in BUSINESS_NAMES or _ticker_after(head)):
            sector = "BUS"  # "the London Stock Exchange", "Neoax Inc", "Veeco <VEE>": a company
        if sector and country is None and not org_code:  # not "EC ministers in Luxembourg": the EC's
            country = self._country_from_preps(head)  # "a court in Guyana", "dissidents from Myanmar"
        if sector is None and head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            return None, None, None  # an unknown person is not an actor by nationality alone ("Scotland's Ian Mackie")
        if sector and country:
            return country + sector, name, origin
        if sector:
            if org_code:
                return org_code, name, origin
            return "---" + sector, None, "agents"
        if country and head_hit and head_hit.entry is not None:  # head is a demonym used as a noun: "the Iranians"
            return country, name, origin
        if country and (head.ent_type_ in NAMED or head.pos_ == "PROPN"):
            return country, name, origin
        if org_code:
            return org_code, name, origin
        modified = any(t.dep_ in ("poss", "compound", "amod") and t.i != head.i for t in core if self.hits.get(t.i))
        if country and head.pos_ == "NOUN" and head.lemma_.lower() not in NON_ACTOR_HEADS and modified:
            return country, name, origin  # "Iran's top leader", "the Iraqi side"
        return None, None, None

    def _country_from_preps(self, head: Token) -> str | None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "from", "of"):
                for grand in child.children:
                    if grand.dep_ != "pobj":
                        continue
                    hit = self.hits.get(grand.i)
                    if hit is not None and hit.entry is not None and hit.entry.kind in COUNTRY_KINDS:
                        c = hit.entry.code_on(self.day)
                        if c and split_code(c)[0]:
                            return split_code(c)[0]
                    if child.lower_ != "of":  # "ministers from the Georgian government"
                        inner, _, _ = self._code_for(grand, np_tokens(grand, core_only=True))
                        if inner and split_code(inner)[0]:
                            return split_code(inner)[0]
        return None

    def _sector(self, head: Token) -> str | None:
        hit = self.agents.get(head.i)
        if hit is None and (head.lemma_.lower() in COMPANY_HEADS or head.pos_ == "PROPN" and any(
                c.dep_ in ("compound", "appos", "amod", "nmod") and c.lemma_.lower() in COMPANY_HEADS
                and c.i not in self.agents for c in head.children)):
            return "BUS"  # "the US firm", "Australian winemaker Southcorp", "brewing giant Inbev"
        if hit is not None and head.lemma_.lower() in OFFICE_HEADS:
            for child in head.children:  # "union leaders", "church officials": the body they lead, not government
                if child.dep_ in ("compound", "amod", "nmod") and child.i < head.i \
                        and child.lemma_.lower() in BODY_SECTORS:
                    return BODY_SECTORS[child.lemma_.lower()]
        if hit is not None:
            return hit.sector
        if head.pos_ == "PROPN":  # a title before a name: "President Michel Suleiman", "General Petraeus"
            for child in head.children:
                if child.dep_ == "compound" and child.i < head.i and child.i in self.agents:
                    return self.agents[child.i].sector
        return None
