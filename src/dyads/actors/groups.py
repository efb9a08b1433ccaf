"""Named groups within an article: a list of countries introduced with a group noun ("the 10 partners - the
United States, Britain, France, ... - announced") is remembered, and later references in the same article ("the
partners", "the coalition", "the allies") resolve to an actor whose ``members`` are those countries.

One event is emitted for the group, with its members in ``Actor.members``; the group itself has no country.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import Actor

__all__ = ["GROUP_NOUNS", "ArticleGroups"]

#: nouns that refer back to a group of actors named earlier in the article
GROUP_NOUNS = frozenset({"partner", "ally", "coalition", "alliance", "country", "nation", "member", "bloc",
                         "signatory", "participant", "government", "power", "state"})


class ArticleGroups:
    """Groups of actors named in one article.

    Learn every sentence first (``learn`` with its index), then read: a group reference resolves to the group
    named most recently before it, or failing that to one named in the next two sentences ("A US-led alliance
    of 10 countries forged a coalition. [...] the 10 partners - the United States, Britain, ... - announced").
    """

    def __init__(self) -> None:
        self.members: tuple[Actor, ...] = ()
        self.label: str | None = None
        self.found: list[tuple[int, tuple[Actor, ...]]] = []
        self.current = 0

    def at(self, index: int) -> None:
        """Move to sentence ``index``: pick the group its references point at."""
        self.current = index
        before = [m for i, m in self.found if i <= index]
        after = [m for i, m in self.found if index < i <= index + 2]
        self.members = before[-1] if before else after[0] if after else ()

    def learn(self, sent: SpacySpan, resolve, index: int | None = None) -> None:  # type: ignore[no-untyped-def]
        """Remember the longest list of three or more resolved countries in a sentence that names a group."""
        if not any(t.lemma_.lower() in GROUP_NOUNS for t in sent):
            return
        best: list[Actor] = []
        for tok in sent:
            if tok.dep_ == "conj":
                continue
            items = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
            if len(items) < 3:
                continue
            actors = [resolve(t) for t in items]
            found = [a for a in actors if a is not None and (a.country or (a.code or "").startswith("IGO"))]
            if len(found) >= 3 and len(found) > len(best):
                best = found
        if best:
            self.members = tuple(best)
            noun = next((t for t in sent if t.lemma_.lower() in GROUP_NOUNS), None)
            self.label = noun.text if noun is not None else None
            if index is not None:
                self.found.append((index, self.members))

    def resolve(self, head: Token, text: str, start: int, end: int) -> Actor | None:
        """Return the group actor for a definite group noun ("the partners"), or None."""
        if not self.members or head.lemma_.lower() not in GROUP_NOUNS or head.pos_ != "NOUN":
            return None
        if head.tag_ not in ("NNS", "NNPS") and head.lemma_.lower() not in ("coalition", "alliance", "bloc"):
            return None
        if not any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
            return None
        counted = list(head.children)
        for prep in head.children:  # "an alliance of 10 countries"
            if prep.dep_ == "prep" and prep.lower_ == "of":
                counted += [g for p in prep.children if p.dep_ == "pobj" for g in p.children]
        for child in counted:  # "the two countries" is not a group of ten
            if child.dep_ == "nummod" and child.like_num:
                value = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                         "ten": 10}.get(child.lower_)
                if value is None and child.text.isdigit():
                    value = int(child.text)
                if value != len(self.members):
                    return None
        return Actor(text=text, start=start, end=end, name=f"group of {len(self.members)}",
                     members=self.members, entry="article group")
