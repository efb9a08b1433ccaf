"""Which sentences can hold an event, decided from their words alone, before anything is parsed.

Parsing is most of the coder's time, and most news sentences hold no event: prices, quotes of officials about
nothing in particular, background. A sentence is parsed only when the extractor could code something in it:

* **a trigger**: a word that may be (an inflection of) a lemma the patterns or the CAMEO verb table fire on: a
  pattern verb or event noun, an intent, threat, refusal or request frame, or a fallback verb (not a bare say or
  plan verb, and not a light verb, which needs an event noun anyway). Candidate lemmas of a word come from the
  spaCy lemmatizer's own tables (its exceptions and suffix rules, all of them, whatever the part of speech), plus
  the extractor's repairs of past forms, so the test is a superset of what the parse can produce;
* **and, with ``strict_sources``, something that can be a source**: an actor-dictionary phrase, an agent word
  ("troops", "police"), a pronoun, a group noun ("the partners") or a description that points back ("the
  militants", "the supreme leader"). Without ``strict_sources`` any named subject can act, so the trigger alone
  decides.

A sentence that names three or more dictionary actors beside a group noun is parsed too (the article's groups
are learned from it). The article's main countries (for places) are counted on every sentence's dictionary hits,
parsed or not, as without the filter. Coreference is served lazily: when a parsed sentence reads the article
memory (a pronoun, "the militants"), the coder parses the skipped sentences its antecedent may sit in
(:meth:`Prefilter.context`) and codes the article again, so the memory holds what it would hold with every sentence
parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..actors.coref import ARMED, PERSON_PRONOUNS, PLURAL_PRONOUNS, REACH, THING_PRONOUNS, TITLES, WE_PRONOUNS
from ..actors.dictionary import ActorDictionary, split_code
from ..actors.groups import GROUP_NOUNS
from ..actors.resolver import PRONOUNS
from .extractor import RECEIVE_VERBS
from .patterns import Pattern, PatternSet

__all__ = ["Prefilter", "SentenceScan"]

#: pronouns and possessives, which may stand for an actor named earlier
BACK_PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS | WE_PRONOUNS
#: nouns whose definite use may stand for an actor named earlier or for an article group
BACK_NOUNS = ARMED | TITLES | GROUP_NOUNS
#: frames that code nothing by themselves: "said", "plans" (the embedded act is the trigger)
SILENT_FRAMES = frozenset({"say", "plan"})


@dataclass(frozen=True, slots=True)
class SentenceScan:
    """What the words of one sentence offer the extractor, found without a parse."""

    trigger: bool  # a word that may be a trigger lemma
    source: bool  # something that may resolve to an actor
    group_list: bool  # a group noun and three or more dictionary names: may define an article group
    countries: tuple[str, ...]  # countries named by dictionary hits (for the article's main countries)
    hits: int = 0  # actor-dictionary phrases named

    def holds_event(self, strict: bool) -> bool:
        """Whether the extractor could code an event in this sentence."""
        return self.trigger and (self.source or not strict)


class Prefilter:
    """Scan sentences' words for triggers and actors; pick the sentences worth parsing.

    Args:
        patterns: the loaded event patterns (their trigger lemmas and the CAMEO verb table).
        dictionary: the actor dictionary (phrases and agent words).
        lemma_tables: the spaCy lemmatizer's ``lemma_exc`` and ``lemma_rules`` tables as plain dicts
            (part of speech -> table), from :func:`lemma_tables`.

    Example:
        >>> from dyads.nlp import load_nlp
        >>> pre = Prefilter(load_patterns(), ActorDictionary.load(), lemma_tables(load_nlp()))  # doctest: +SKIP
        >>> pre.scan(["Iraqi", "troops", "attacked", "the", "town", "."], None).holds_event(True)  # doctest: +SKIP
        True
    """

    def __init__(self, patterns: PatternSet, dictionary: ActorDictionary,
                 lemma_tables: dict[str, dict[str, Any]]) -> None:
        self.dictionary = dictionary
        frames = set(patterns.frames)
        light = set(patterns.light_verbs)
        self.direct: set[str] = {lemma for lemma, p in patterns.frames.items() if p.frame not in SILENT_FRAMES}
        #: trigger lemma -> the words one of which must also be in the sentence (objects, light verbs)
        self.gated: dict[str, frozenset[str]] = {}
        for lemma, p in patterns.verbs.items():
            needed = _needed_objects(p, lemma)
            if needed is None:
                self.direct.add(lemma)
            else:
                self.gated[lemma] = needed
        lights = frozenset(light | frames | RECEIVE_VERBS)
        for lemma, p in patterns.nouns.items():
            if not p.needs_light:
                self.direct.add(lemma)
            elif lemma not in self.direct:
                self.gated[lemma] = frozenset(p.only_lights) | RECEIVE_VERBS if p.only_lights else lights
        #: CAMEO-table verbs (coded only between two known actors) -> objects they need ("" = any or none)
        objects: dict[str, set[str]] = {}
        for verb, obj in patterns.fallback:
            objects.setdefault(verb, set()).add(obj)
        skip = set(patterns.verbs) | frames | light | set(patterns.fallback_stop)
        self.fallback = {verb: frozenset(objs) for verb, objs in objects.items() if verb not in skip}
        self.triggers = frozenset(self.direct) | frozenset(self.gated) | frozenset(self.fallback)
        self.group_nouns = frozenset(GROUP_NOUNS)
        self.back_nouns = frozenset(BACK_NOUNS)
        self.exceptions = [dict(table) for table in lemma_tables.get("exc", {}).values()]
        self.rules = [(old, new) for rules in lemma_tables.get("rules", {}).values() for old, new in rules]
        self._lemmas: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ words
    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma the lemmatizer (or the extractor's repair) could give this word, lower-cased."""
        low = word.lower()
        found = self._lemmas.get(low)
        if found is not None:
            return found
        out = {low}
        for table in self.exceptions:
            out.update(table.get(low, ()))
        for old, new in self.rules:
            if low.endswith(old) and len(low) > len(old):
                out.add(low[: len(low) - len(old)] + new)
        if low.endswith("ed"):  # the extractor's repair of past forms ("staged" -> "stage")
            out.update((low[:-1], low[:-2]))
            if low.endswith("ied"):
                out.add(low[:-3] + "y")
        result = frozenset(out)
        if len(self._lemmas) < 200_000:
            self._lemmas[low] = result
        return result

    def _sentence_lemmas(self, words: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for i, word in enumerate(words):
            lemmas = self.lemmas(word)
            out.update(lemmas)
            if i >= 2 and words[i - 1] == "-":  # "cease-fire": the noun pattern joins the hyphenated parts
                left = words[i - 2].lower()
                out.update(f"{left}-{lem}" for lem in lemmas)
                out.update(f"{left}{lem}" for lem in lemmas)
        return out

    def _trigger(self, lemmas: set[str], mentions: int) -> bool:
        if not lemmas.isdisjoint(self.direct):
            return True
        for lemma in lemmas.intersection(self.gated):
            if not lemmas.isdisjoint(self.gated[lemma]):
                return True
        if mentions >= 2:  # the CAMEO verb table codes only between two actors the dictionaries know
            for lemma in lemmas.intersection(self.fallback):
                objects = self.fallback[lemma]
                if "" in objects or not lemmas.isdisjoint(objects):
                    return True
        return False

    # ------------------------------------------------------------------ sentences
    def scan(self, words: Sequence[str], day: dt.date | None) -> SentenceScan:
        """Scan one sentence's token texts (as the tokenizer gives them)."""
        group = False
        mentions = hits = 0
        countries: list[str] = []
        i = 0
        n = len(words)
        while i < n:  # dictionary hits, the same longest-match walk as the resolver's
            found = self.dictionary.match(words, i)
            if found is None:
                i += 1
                continue
            length, entry = found
            hits += 1
            mentions += 1
            code = entry.code_on(day)
            country = split_code(code)[0] if code else None
            if country:
                countries.append(country)
            i += length
        i = 0
        while i < n:
            agent = self.dictionary.agent(words, i)
            if agent is not None:
                mentions += 1
                i += agent[0]
                continue
            i += 1
        lemmas = self._sentence_lemmas(words)
        for word in words:
            low = word.lower()
            if low in PRONOUNS or low in BACK_PRONOUNS:
                mentions += 1
        if not lemmas.isdisjoint(self.back_nouns):
            mentions += 1
            group = not lemmas.isdisjoint(self.group_nouns)
        trigger = self._trigger(lemmas, mentions)
        return SentenceScan(trigger, mentions > 0, group and hits >= 3, tuple(countries), hits)

    def select(self, scans: Sequence[SentenceScan], strict: bool = True) -> list[bool]:
        """Return, per sentence, whether to parse it: it may hold an event or define an article group."""
        return [s.holds_event(strict) or s.group_list for s in scans]

    @staticmethod
    def context(scans: Sequence[SentenceScan], consulted: dict[int, set[str]], parsed: set[int]) -> list[int]:
        """The skipped sentences a parsed sentence's back-references may point into: for a pronoun the
        sentences within the coreference reach before it, for a description ("the militants", "the supreme
        leader", which count or search every earlier mention) every earlier sentence that names an actor."""
        need: set[int] = set()
        for index, kinds in consulted.items():
            if "pronoun" in kinds:
                need.update(range(max(0, index - REACH), index))
            if "description" in kinds:
                need.update(j for j in range(index) if scans[j].hits)
        return sorted(need - parsed)


def _needed_objects(pattern: Pattern, lemma: str) -> frozenset[str] | None:
    """The object lemmas a verb pattern fires only with (None: it fires with any object or none)."""
    restrict = pattern.only_objects_for.get(lemma)
    if restrict is not None:
        return frozenset(restrict)
    if pattern.only_objects:
        return frozenset(obj for obj, code in pattern.objects.items() if code is not None)
    return None


def lemma_tables(nlp: Any) -> dict[str, dict[str, Any]]:
    """The lemmatizer's exception and suffix-rule tables of a loaded spaCy pipeline, by part of speech."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except KeyError:
        return {}
    out: dict[str, dict[str, Any]] = {"exc": {}, "rules": {}}
    for name, key in (("lemma_exc", "exc"), ("lemma_rules", "rules")):
        if not lookups.has_table(name):
            continue
        table = lookups.get_table(name)
        for pos in ("noun", "verb", "adj", "adv", "propn"):
            value = table.get(pos)
            if value:
                out[key][pos] = value
    return out
