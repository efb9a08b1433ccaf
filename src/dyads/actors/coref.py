"""Coreference within an article: pronouns, possessives, definite descriptions, titles and "we" in quotes.

The memory is filled sentence by sentence with the actors the dictionaries resolved, so later mentions can point
back: "he" -> the last person, "it" -> the last organisation or country, "they" -> the last group or plural actor,
"his top commander" -> that person's country, "the militants" / "the Sunni radicals" -> the last armed group the
article named, "the supreme leader" -> the last person named with that title, and "we" / "our" inside a quote ->
whoever the quote is attributed to. Every resolved mention keeps its own words and records its antecedent in
``Actor.entry`` (``coref:<antecedent words>``), so the reason stays visible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import Actor

__all__ = ["QUOTE_OPENERS", "ArticleMemory", "opens_quote"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
WE_PRONOUNS = frozenset({"we", "us", "our", "ours"})
#: heads of definite descriptions that point back at an armed group named earlier ("the militants")
ARMED = frozenset({"militant", "jihadist", "jihadi", "radical", "extremist", "insurgent", "fighter", "group",
                   "terrorist", "rebel", "gunman", "islamist", "organisation", "organization", "movement"})
ARMED_SECTORS = frozenset({"REB", "UAF", "INS", "IMG", "NSA"})
TITLES = frozenset({"president", "leader", "minister", "secretary", "king", "queen", "chancellor", "premier",
                    "ayatollah", "general", "commander", "chief", "envoy", "ambassador", "spokesman", "emir",
                    "prince", "sheikh", "governor", "mayor", "pope"})


#: how many sentences back a pronoun may reach for its antecedent
REACH = 3
#: marks that open a quotation (a sentence opening with one goes on with the quotation before it)
QUOTE_OPENERS = ("\u201c", '"', "\u2018", "'")


def opens_quote(text: str) -> bool:
    """Whether a sentence (or its first word) opens with a quotation mark."""
    return text.lstrip()[:1] in QUOTE_OPENERS


@dataclass(frozen=True, slots=True)
class _Seen:
    actor: Actor | None  # None: a name the dictionaries do not know (it still blocks older antecedents)
    kind: str  # person | group | thing | plural
    titles: frozenset[str]
    sentence: int


def _kind(actor: Actor, head: Token, entry_kind: str | None) -> str:
    sector = actor.sector or ""
    code = actor.code or ""
    if sector in ARMED_SECTORS or code.startswith(("NSA", "IMG")) or entry_kind == "group":
        return "group"
    if actor.members or head.tag_ in ("NNS", "NNPS"):
        return "plural"
    if entry_kind == "person" or head.ent_type_ == "PERSON" or head.lemma_.lower() in TITLES:
        return "person"  # "Canada's foreign minister" ... "she"
    return "thing"


class ArticleMemory:
    """Actors met so far in one article, most recent last, and the speaker of an open quote."""

    def __init__(self) -> None:
        self.seen: list[_Seen] = []
        self.speaker: Actor | None = None  # who "we" is inside the current quotation
        self.sentence = 0  # index of the sentence being read
        #: while set, each lookup is recorded in ``consulted``: sentence index -> kind of antecedent looked for
        #: (person, plural, group, we, description) -> the first earlier sentence whose actors could have changed
        #: the answer (after the antecedent found, else as far back as the lookup reaches), so the coder knows
        #: which skipped sentences a lookup depended on
        self.watching = False
        self.consulted: dict[int, dict[str, int]] = {}

    def skip(self, text: str) -> None:
        """Move past a sentence that was not parsed: it names nobody the memory knows of, and it closes an open
        quotation unless it opens with a quotation mark itself."""
        if not opens_quote(text):
            self.speaker = None
        self.sentence += 1

    def _consult(self, kinds: tuple[str, ...], since: int) -> None:
        if self.watching:
            looked = self.consulted.setdefault(self.sentence, {})
            since = max(0, since)
            for kind in kinds:
                looked[kind] = min(looked.get(kind, since), since)

    # ------------------------------------------------------------------ filling
    def remember(self, actor: Actor, head: Token, entry_kind: str | None = None) -> None:
        """Record a resolved actor mention (call in text order); ``entry_kind`` is its dictionary kind."""
        if (actor.entry or "").startswith("coref:"):
            return
        titles = frozenset(t.lemma_.lower() for t in head.subtree if t.lemma_.lower() in TITLES and t.i <= head.i)
        # only actors with a country or an organisation code can be pointed back at; "the athletes" (---CVL) or an
        # unknown name is remembered as a blocker, so a pronoun does not reach past it to an older actor
        known = actor if actor.members or (actor.code and not actor.code.startswith("---")) else None
        self.seen.append(_Seen(known, _kind(actor, head, entry_kind), titles, self.sentence))
        del self.seen[:-400]

    def quote(self, sent: SpacySpan, speaker: Actor | None) -> None:
        """Track quotations: a sentence with a say-verb and a speaker opens one; a sentence that starts with a
        quotation mark and names no speaker continues the last one; otherwise the quote is closed."""
        if speaker is not None:
            self.speaker = speaker
        elif not opens_quote(sent.text):
            self.speaker = None

    # ------------------------------------------------------------------ lookup
    def pronoun(self, tok: Token) -> Actor | None:
        """Resolve a pronoun (or possessive determiner) to the actor it most likely points at."""
        low = tok.lower_
        if low in WE_PRONOUNS:
            self._consult(("we",), self.sentence - REACH)
            if self.speaker is not None and _in_quote(tok):
                return self._as(self.speaker, tok)
            return None
        # "it" is left to the clause rules (its memory antecedents are too often not actors: "it will hit you")
        wanted = ("person",) if low in PERSON_PRONOUNS else ("group",) if low in THING_PRONOUNS else (
            ("plural", "group") if low in PLURAL_PRONOUNS else ())
        for seen in reversed(self.seen):
            if self.sentence - seen.sentence > REACH:
                break
            if seen.kind in wanted:  # the nearest candidate, even an unknown one ("he" after a footballer)
                self._consult(wanted, seen.sentence + 1)
                return self._as(seen.actor, tok) if seen.actor is not None else None
        self._consult(wanted, self.sentence - REACH)
        return None

    def description(self, head: Token) -> Actor | None:
        """Resolve "the militants" / "the group" to the last armed group, "the supreme leader" to the last person
        with that title."""
        lemma = head.lemma_.lower()
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        if lemma in ARMED:
            self._consult(("description",), 0)
            # the article's most mentioned armed group (ties: the latest): "the militants" is the group the story
            # is about, not whichever armed group was named last
            counts: dict[str, int] = {}
            latest: dict[str, Actor] = {}
            for seen in self.seen:
                if seen.kind == "group" and seen.actor is not None and seen.actor.code:
                    counts[seen.actor.code] = counts.get(seen.actor.code, 0) + 1
                    latest[seen.actor.code] = seen.actor
            if counts:
                order = {code: i for i, code in enumerate(latest)}
                best = max(counts, key=lambda code: (counts[code], order[code]))
                return self._as(latest[best], head)
        if lemma in TITLES:
            for seen in reversed(self.seen):
                if seen.kind == "person" and lemma in seen.titles and seen.actor is not None:
                    self._consult(("description",), seen.sentence + 1)
                    return self._as(seen.actor, head)
            self._consult(("description",), 0)
        return None

    @staticmethod
    def _as(antecedent: Actor, tok: Token) -> Actor:
        sent = tok.sent
        s0 = sent.start_char
        return replace(antecedent, text=tok.text, start=tok.idx - s0, end=tok.idx + len(tok.text) - s0,
                       entry=f"coref:{antecedent.text}")


def _in_quote(tok: Token) -> bool:
    """Whether a token sits inside quotation marks in its sentence (or the sentence opens with one)."""
    sent = tok.sent
    before = sent.doc[sent.start:tok.i].text
    if before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d"):
        return True
    return sent.text.lstrip()[:1] in ("\u201c", '"')
