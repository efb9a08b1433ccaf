"""Which sentences can hold an event, decided from their words alone, before anything is parsed.

Parsing is most of the coder's time, and most news sentences hold no event: prices, quotes of officials about
nothing in particular, background. A sentence is parsed only when the extractor could code something in it:

* **a trigger**: a word that may be (an inflection of) a lemma the patterns or the CAMEO verb table fire on: a
  pattern verb or event noun, an intent, threat, refusal or request frame, or a fallback verb (not a bare say or
  plan verb, and not a light verb, which needs an event noun anyway). Candidate lemmas of a word come from the
  spaCy lemmatizer's own tables (its exceptions and suffix rules, all of them, whatever the part of speech), plus
  the extractor's repairs of past forms, so the test is a superset of what the parse can produce;
* **and, with ``strict_sources``, something that can be a source**: an actor-dictionary phrase or an agent word
  ("troops", "police") in the sentence; a pronoun ("he", "they"), when a sentence within the coreference reach
  names a dictionary actor ("it" only an armed group: the memory gives "it" nothing else); "we", when the
  quotation it may sit in names anyone; a description ("the militants", "the president"), when an earlier sentence
  names a dictionary actor; a group noun ("the partners"), when the article names a group. Possessives ("his
  commander") lend a country to an agent noun, which counts by itself. Without ``strict_sources`` any named
  subject can act, so the trigger alone decides. The CAMEO verb table codes only between two actors the
  dictionaries know, so its verbs need two separate phrases (or pronouns) unless a frame embeds them ("plans to
  introduce"), which codes them with one.

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
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..actors.coref import (
    ARMED,
    ARMED_SECTORS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    REACH,
    TITLES,
    WE_PRONOUNS,
    opens_quote,
)
from ..actors.dictionary import ActorDictionary, split_code
from ..actors.groups import GROUP_NOUNS
from ..actors.resolver import Found
from .extractor import RECEIVE_VERBS
from .patterns import Pattern, PatternSet

__all__ = ["Prefilter", "SentenceScan"]

#: pronouns that may stand for an actor named earlier ("he", "them"); the possessive determiners ("his
#: commander") only lend a country to an agent noun, which is a phrase of its own
BACK_PRONOUNS = (PERSON_PRONOUNS | PLURAL_PRONOUNS) - {"his", "their"}
#: "we" inside a quote is its speaker, whom an agent alone may name ("a spokesman said: ...")
SPEAKER_PRONOUNS = WE_PRONOUNS - {"our"}
_DIRECT, _MAYBE, _DESCRIPTION, _GROUP = 1, 2, 4, 8
#: frames that code nothing by themselves: "said", "plans" (the embedded act is the trigger)
SILENT_FRAMES = frozenset({"say", "plan"})


@dataclass(frozen=True, slots=True)
class SentenceScan:
    """What the words of one sentence offer the extractor, found without a parse."""

    trigger: bool  # a word that may be a trigger lemma of a pattern or frame
    fallback: bool  # a word that may be a CAMEO-table verb (coded only between two known actors)
    hits: int  # actor-dictionary phrases named
    agents: int  # agent phrases ("troops", "riot police")
    phrases: int  # separate noun phrases those make up ("Iraq's army" is one, "Iraq and Iran" two)
    armed: bool  # an armed group or armed agent ("the rebels"): what "it" and "they" may point back at
    names: bool  # a capitalised word that may be a name the dictionaries do not know (it blocks coreference)
    pronouns: int  # "he", "they", "we" ...: an actor of their own only through the memory
    it: int  # "it": an actor of its own only through the memory, and only for an armed group
    we: int  # "we", "us": the speaker of an open quotation
    quoted: bool  # opens with a quotation mark (goes on with the quotation before it)
    descriptions: bool  # a noun that may point back at an earlier actor ("the militants", "the president")
    group_nouns: bool  # a noun that may stand for an article group ("the partners")
    countries: tuple[str, ...] = ()  # countries named by dictionary hits (for the article's main countries)
    found: Found | None = field(default=None, compare=False, repr=False)  # the dictionary matches, for the resolver

    @property
    def group_list(self) -> bool:
        """Whether the sentence may define an article group (a group noun and three or more names)."""
        return self.group_nouns and self.hits >= 3

    def provides(self, kind: str) -> bool:
        """Whether the sentence may leave an antecedent of this kind in the memory (or a name that blocks one):
        ``person``, ``plural``, ``group`` or ``description`` (a quotation's speaker: see :func:`quotation`)."""
        if kind == "description":
            return self.hits > 0
        if kind == "group":
            return self.armed
        return self.hits > 0 or self.agents > 0 or self.names


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
        for lemma, senses in patterns.particle_senses.items():  # "lashed out at": the particle must be there too
            if lemma not in self.direct:
                self.gated[lemma] = self.gated.get(lemma, frozenset()).union(*(p.needs_particle for p in senses))
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
        self.framing = frozenset(lemma for lemma, p in patterns.frames.items() if p.frame != "say")
        self.saying = frozenset(lemma for lemma, p in patterns.frames.items() if p.frame == "say")
        self.group_nouns = frozenset(GROUP_NOUNS)
        self.descriptions = frozenset(ARMED | TITLES)
        self.exceptions = [dict(table) for table in lemma_tables.get("exc", {}).values()]
        self.rules = [(old, new) for rules in lemma_tables.get("rules", {}).values() for old, new in rules]
        self._lemmas: dict[str, frozenset[str]] = {}
        self._flags: dict[str, int] = {}

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

    def _word(self, low: str) -> int:
        """What a (lower-cased) word may be, as bit flags: a trigger by itself, a trigger that needs another word
        of the sentence (an object, a light verb) or a CAMEO-table verb, a description, a group noun."""
        flags = self._flags.get(low)
        if flags is None:
            lemmas = self.lemmas(low)
            flags = ((_DIRECT if not lemmas.isdisjoint(self.direct) else 0)
                     | (_MAYBE if not lemmas.isdisjoint(self.gated) or not lemmas.isdisjoint(self.fallback) else 0)
                     | (_DESCRIPTION if not lemmas.isdisjoint(self.descriptions) else 0)
                     | (_GROUP if not lemmas.isdisjoint(self.group_nouns) else 0))
            if len(self._flags) < 200_000:
                self._flags[low] = flags
        return flags

    def _joined(self, left: str, right: str) -> set[str]:
        """The lemmas of a hyphenated word the tokenizer split ("cease-fire"), as the noun patterns join it."""
        lemmas = self.lemmas(right)
        return {f"{left}-{lem}" for lem in lemmas} | {f"{left}{lem}" for lem in lemmas}

    def _sentence_lemmas(self, lowered: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for i, low in enumerate(lowered):
            out.update(self.lemmas(low))
            if i >= 2 and lowered[i - 1] == "-":
                out.update(self._joined(lowered[i - 2], low))
        return out

    def _gated(self, lemmas: set[str]) -> bool:
        return any(not lemmas.isdisjoint(self.gated[lemma]) for lemma in lemmas.intersection(self.gated))

    def _fallback(self, lemmas: set[str]) -> bool:
        for lemma in lemmas.intersection(self.fallback):
            objects = self.fallback[lemma]
            if "" in objects or not lemmas.isdisjoint(objects):
                return True
        return False

    # ------------------------------------------------------------------ sentences
    def scan(self, words: Sequence[str], day: dt.date | None) -> SentenceScan:
        """Scan one sentence's token texts (as the tokenizer gives them).

        Example:
            >>> pre = Prefilter(load_patterns(), ActorDictionary.load(), {})  # doctest: +SKIP
            >>> scan = pre.scan(["Iraqi", "troops", "attacked", "the", "town", "."], None)  # doctest: +SKIP
            >>> scan.trigger, scan.hits, scan.agents  # doctest: +SKIP
            (True, 1, 1)
        """
        found = self.dictionary.scan(words)
        phrases, agent_hits = found
        countries: list[str] = []
        armed = any(sector in ARMED_SECTORS for _, _, sector in agent_hits)
        for _, _, entry in phrases:
            code = entry.code_on(day)
            country, sector = split_code(code) if code else (None, None)
            if country:
                countries.append(country)
            armed = armed or entry.kind == "group" or sector in ARMED_SECTORS or (code or "").startswith(
                ("NSA", "IMG"))
        lowered = [w.lower() for w in words]
        pronouns = it = we = 0
        names = direct = maybe = description = group = False
        for k, low in enumerate(lowered):
            if low == "it":
                it += 1
            elif low in BACK_PRONOUNS:
                pronouns += 1
            elif low in SPEAKER_PRONOUNS:
                we += 1
            elif not names and words[k][:1].isupper() and (k > 0 or low not in STOP_WORDS):
                names = True
            flags = self._word(low)
            direct = direct or bool(flags & _DIRECT)
            maybe = maybe or bool(flags & _MAYBE)
            description = description or bool(flags & _DESCRIPTION)
            group = group or bool(flags & _GROUP)
            if k >= 2 and lowered[k - 1] == "-" and not direct:
                joined = self._joined(lowered[k - 2], low)
                direct = not joined.isdisjoint(self.direct)
                maybe = maybe or not joined.isdisjoint(self.gated)
        trigger, fallback = direct, False
        if not direct and maybe:
            lemmas = self._sentence_lemmas(lowered)
            fallback = self._fallback(lemmas)
            # a CAMEO-table verb under a frame ("plans to introduce") is coded by the frame: one actor suffices
            trigger = self._gated(lemmas) or (fallback and not lemmas.isdisjoint(self.framing))
            fallback = fallback and not trigger
        if not trigger and ("must" in lowered or "should" in lowered):
            # "X said Y must ...": a demand on Y (the extractor's prescription rule)
            trigger = not self._sentence_lemmas(lowered).isdisjoint(self.saying)
        return SentenceScan(
            trigger=trigger, fallback=fallback, hits=len(phrases), agents=len(agent_hits),
            phrases=_phrases(phrases, agent_hits, lowered), armed=armed, names=names, pronouns=pronouns, it=it,
            we=we, quoted=opens_quote(words[0] if words else ""), descriptions=description, group_nouns=group,
            countries=tuple(countries), found=found)

    def select(self, scans: Sequence[SentenceScan], strict: bool = True) -> list[bool]:
        """Return, per sentence, whether to parse it: it may hold an event or define an article group.

        An event needs a source the dictionaries resolve: a name or agent in the sentence; a pronoun, when a
        sentence within the coreference reach names an actor; a description ("the militants"), when an earlier
        sentence does; a group noun, when the article names a group. The CAMEO verb table needs two actors.
        """
        grouped = any(s.group_list for s in scans)
        out: list[bool] = []
        named_before = False  # an earlier sentence names a dictionary actor
        for i, scan in enumerate(scans):
            event = False
            if scan.trigger or scan.fallback:
                window = range(max(0, i - REACH), i)
                mentions = scan.phrases
                if scan.pronouns and any(scans[j].hits for j in window):  # the memory knows dictionary actors
                    mentions += scan.pronouns
                if scan.it and any(scans[j].hits and scans[j].armed for j in window):
                    mentions += scan.it
                if scan.we and any(scans[j].phrases for j in quotation(scans, i)):
                    mentions += scan.we
                mentions += (scan.descriptions and named_before) + (scan.group_nouns and grouped)
                event = (scan.trigger and (mentions > 0 or not strict)) or (scan.fallback and mentions >= 2)
            out.append(event or scan.group_list)
            named_before = named_before or scan.hits > 0
        return out

    @staticmethod
    def context(scans: Sequence[SentenceScan], consulted: dict[int, dict[str, int]], parsed: set[int]) -> list[int]:
        """The skipped sentences a parsed sentence's memory lookups depended on: for each lookup (the kind of
        antecedent, the first sentence that could have changed its answer), the skipped sentences from there to
        the lookup that may hold an antecedent of that kind, or a name that would block one."""
        need: set[int] = set()
        for index, looked in consulted.items():
            for kind, since in looked.items():
                if kind == "we":
                    need.update(j for j in quotation(scans, index) if j not in parsed)
                    continue
                need.update(j for j in range(since, index) if j not in parsed and scans[j].provides(kind))
        return sorted(need)


def quotation(scans: Sequence[SentenceScan], index: int) -> range:
    """The sentences before ``index`` that may have opened the quotation it continues (back over those that
    open with a quotation mark, and the one before them), and the coreference reach before that."""
    start = index - 1
    while start > 0 and scans[start].quoted:
        start -= 1
    # the opening sentence's speaker may itself be a pronoun ("..., he said"): its antecedent's reach too
    return range(max(0, min(start, index) - REACH), index)


#: words that join dictionary matches into one noun phrase: "Iraq's army", "the government of Iraq"
_INSIDE = frozenset({"'s", "\u2019s", "'", "\u2019", "of", "the", "-"})


def _phrases(phrases: Sequence[tuple[int, int, Any]], agents: Sequence[tuple[int, int, Any]],
             lowered: Sequence[str]) -> int:
    """How many separate noun phrases the dictionary matches make up: matches that touch, or are joined only by
    a possessive, "of" or "the", count once."""
    covered = sorted({k for start, length, _ in (*phrases, *agents) for k in range(start, start + length)})
    count = 0
    last: int | None = None
    for k in covered:
        if last is None or (k > last + 1 and not all(lowered[g] in _INSIDE for g in range(last + 1, k))):
            count += 1
        last = k
    return count


def _needed_objects(pattern: Pattern, lemma: str) -> frozenset[str] | None:
    """The object lemmas a verb pattern fires only with (None: it fires with any object or none)."""
    restrict = pattern.only_objects_for.get(lemma)
    if restrict is not None:
        return frozenset(restrict)
    if pattern.only_objects:
        return frozenset(obj for obj, code in pattern.objects.items() if code is not None)
    return None


def _ruler_lemmas(nlp: Any) -> dict[str, list[str]]:
    """Word -> lemmas the attribute ruler assigns to it (rules on a word's lower-case form)."""
    try:
        ruler = nlp.get_pipe("attribute_ruler")
    except KeyError:
        return {}
    out: dict[str, list[str]] = {}
    for rule in ruler.patterns:
        lemma = rule["attrs"].get("LEMMA")
        if not lemma:
            continue
        for alternative in rule["patterns"]:
            index = rule.get("index", 0)
            if not -len(alternative) <= index < len(alternative):
                continue
            lower = alternative[index].get("LOWER")
            words = [lower] if isinstance(lower, str) else lower.get("IN", []) if isinstance(lower, dict) else []
            for word in words:
                out.setdefault(str(word), []).append(str(lemma).lower())
    return out


def lemma_tables(nlp: Any) -> dict[str, dict[str, Any]]:
    """The lemmatizer's exception and suffix-rule tables of a loaded spaCy pipeline, by part of speech, and the
    lemmas the attribute ruler sets on given words ("got" of "gotta" -> get), as one more exception table."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except KeyError:
        return {}
    out: dict[str, dict[str, Any]] = {"exc": {"attribute_ruler": _ruler_lemmas(nlp)}, "rules": {}}
    for name, key in (("lemma_exc", "exc"), ("lemma_rules", "rules")):
        if not lookups.has_table(name):
            continue
        table = lookups.get_table(name)
        for pos in ("noun", "verb", "adj", "adv", "propn"):
            value = table.get(pos)
            if value:
                out[key][pos] = value
    return out
