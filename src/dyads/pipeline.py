"""The coder: articles in, events out.

``Coder`` loads the spaCy pipeline, the actor dictionary and the event patterns once, then codes any iterable of
articles lazily, so the same object works in a loop, a process pool or a Dask partition. Per article: tokenize,
cut into sentences (:mod:`dyads.nlp.segment`), pick the sentences that can hold an event
(:mod:`dyads.events.prefilter`), parse those one Doc each in batches across articles, resolve actors and
extract events sentence by sentence with one memory for the article's groups and coreference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from . import __version__, settings
from .actors.codes import split_code
from .actors.context import ArticleContext, placed_by_home, surname_of, unhomed
from .actors.coref import TITLES, ArticleMemory
from .actors.dictionary import ActorDictionary
from .actors.groups import ArticleGroups
from .actors.resolver import SentenceActors
from .events.dates import event_date
from .events.extractor import Draft, extract
from .events.modality import SAY, modality_of
from .events.ontology import cameo_entry, intensity, quad_class
from .events.patterns import load_patterns
from .events.places import place_of
from .events.prefilter import Prefilter, SentenceScan, lemma_tables
from .ingest.dates import dateline_head_place, dateline_length
from .nlp import components, load_nlp, pipe_docs
from .nlp.segment import segment
from .records import Actor, Article, Event, Modality, Span

__all__ = ["RULESET", "Coder", "ParsedArticle", "event_id"]

log = logging.getLogger(__name__)

#: CAMEO root of a cooperative act -> the rejection code used when the text says it will not happen.
REFUSABLE = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}

#: CAMEO root of an act its own actor announces for the future -> the intent (03x) or threat (13x) code.
ANNOUNCED = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "14": "133", "16": "1312", "17": "137",
             "18": "138", "19": "138", "20": "138"}

#: verbal acts that exist only once said: announced for later ("will ask", "would press"), they are not yet events
UNSPOKEN_YET = frozenset({"02", "10", "11"})

#: Name of the rule set; part of every event's ``coder`` field and of its id.
RULESET = "rules.v1"


#: a sentence that exercises every stage (actors, an event, a date, a place), for :meth:`Coder.warm_up`
WARM_UP = "Iraqi troops attacked Islamic State fighters in Mosul on Tuesday."

#: longest piece of an article body tokenized at once (cut at paragraph breaks, else at sentence ends)
CHUNK_CHARS = 100_000


def _chunks(text: str) -> list[str]:
    """Split an article body (dateline removed) into pieces of at most ``CHUNK_CHARS``, cutting at paragraph
    breaks, else after a sentence end, so no sentence is split and the tokenizer's length limit is never hit."""
    body = text[dateline_length(text):]
    if len(body) <= CHUNK_CHARS:
        return [body]
    pieces: list[str] = []
    start = 0
    while start < len(body):
        end = min(len(body), start + CHUNK_CHARS)
        if end < len(body):
            window = body[start:end]
            cut = window.rfind("\n")
            if cut < CHUNK_CHARS // 2:
                cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
                cut = cut + 1 if cut >= CHUNK_CHARS // 2 else -1
            if cut > 0:
                end = start + cut
        pieces.append(body[start:end])
        start = end
    return pieces


def _speaker_of(sent, actors: SentenceActors):  # type: ignore[no-untyped-def]
    """The quoted speaker of a sentence whose main verb is a say-verb ("..., the US statement said")."""
    root = sent.root
    if root.lemma_.lower() not in SAY or root.pos_ != "VERB":
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return actors.resolve_speaker(subject) if subject is not None else None


def _remember(sent, actors: SentenceActors, memory: ArticleMemory) -> None:  # type: ignore[no-untyped-def]
    """Feed the article memory with the actors this sentence names, in text order (unknown names too: they
    stop a pronoun from reaching past them)."""
    for tok in sent:
        if tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ in ("compound", "amod"):
            continue
        if tok.dep_ == "poss" and tok.pos_ != "PROPN":
            continue
        actor = actors.resolve(tok)
        if actor is not None and (actor.code is not None or actor.members or tok.ent_type_ in ("PERSON", "ORG")):
            memory.remember(actor, tok, actors.kind_at(tok))
    memory.sentence += 1


#: offices of a state: officials, parties, legislators and courts (forces are left: "Kurdish troops" have no state)
STATE_SECTORS = frozenset({"GOV", "OPP", "PTY", "LEG", "JUD"})


def _stateless(actor: Actor) -> bool:
    """A state's office without its state ("Foreign Minister X", "the ministers" as ---GOV).

    In a lone sentence that is all the text says; in an article, the judged audits found such sources wrong 37
    times in 40 (the minister was Turkish, the officials Egyptian), so an article's events from them are not
    coded.
    """
    return (actor.country is None and actor.sector in STATE_SECTORS and not actor.members
            and (actor.code or "---").startswith("---"))


def _met_abroad(event: Event) -> bool:
    """Whether an office holder placed only by the one country a short story names meets, visits or agrees
    with someone of that very country ("Foreign Minister Kuranari met Secretary of State Shultz": the only
    country named is Shultz's, and a minister who meets him is his guest, not his colleague)."""
    source, target = event.source, event.target
    return (target is not None and event.cameo[:2] in ("03", "04", "05") and placed_by_home(source)
            and "context:person" in (source.entry or "") and target.country == source.country
            and not target.inferred)


#: how many mentions the dateline's country gains when the story names that country too (the headline gains 2)
DATELINE_WEIGHT = 2


def _filed_from(dateline: str | None) -> str | None:
    """The country of a dateline's place ("BUENOS AIRES" -> ARG), or None when the gazetteer does not know it."""
    if not dateline:
        return None
    from .events.gazetteer import Gazetteer

    place = dateline_head_place(dateline)  # "TOKYO, April 26" -> TOKYO
    places = Gazetteer.load().lookup(place.title()) if place else []
    return places[0].country if places else None


def _people(parsed: list[tuple[int, SpacySpan]], readers: dict[int, SentenceActors]) -> Iterator[tuple[str, Actor]]:
    """The people an article names in full, in text order, as (surname, actor): dictionary people ("Tony Blair")
    and people whose title says their sector ("shadow home secretary David Davis")."""
    for index, sent in parsed:
        for tok in sent:
            if tok.ent_type_ != "PERSON" or tok.pos_ != "PROPN" or tok.dep_ in ("compound", "flat"):
                continue
            names = [t for t in tok.subtree
                     if t.ent_type_ == "PERSON" and t.i <= tok.i and t.dep_ in ("compound", "flat")]
            surname = surname_of([*names, tok])
            if surname is None:
                continue
            actor = readers[index].resolve(tok)
            if actor is not None and actor.code is not None and not actor.members:
                yield surname, actor


#: lower-case words of a title between an organisation and a name ("LDP executive council chairman Shintaro Abe")
TITLE_WORDS = frozenset({"executive", "council", "deputy", "senior", "vice", "party", "policy", "foreign", "trade",
                         "finance", "affairs", "general", "chairman", "secretary-general", "director", "head",
                         "spokesman", "spokeswoman", "leader", "official", "board", "committee", "former"})


#: the words of an office that introduce a person by name
OFFICES = TITLES | {"chairman", "chairwoman", "director", "head", "spokesman", "spokeswoman", "official", "deputy"}


def _nationals(item: ParsedArticle, scans: list[SentenceScan]) -> dict[str, str]:
    """Surnames of people the article introduces with a country and a title ("U.S. Agriculture Secretary Richard
    Lyng"), read from the words of every sentence, parsed or not: a later "Lyng" in a Japanese story is American."""
    out: dict[str, str] = {}
    clashes: set[str] = set()
    for sent, scan in zip(item.sentences, scans):
        words = [t.text for t in sent]
        phrases = scan.found[0] if scan.found else ()
        for start, length, entry in phrases:
            if entry.kind not in ("country", "demonym", "org"):
                continue  # "U.S. Agriculture Secretary Richard Lyng", "LDP executive council chairman Shintaro Abe"
            code = entry.code_on(item.day)
            country = split_code(code)[0] if code else None
            k = start + length
            run: list[str] = []
            while k < len(words) and k < start + length + 8 and words[k].replace("-", "").replace(".", "").isalpha() \
                    and (words[k][:1].isupper() or words[k].lower() in TITLES or words[k].lower() in TITLE_WORDS):
                run.append(words[k])
                k += 1
            if not country or len(run) < 2 or not any(w.lower() in OFFICES for w in run[:-1]) \
                    or run[-1].lower() in OFFICES or not run[-1][:1].isupper() or not run[-2][:1].isupper() \
                    and run[-2].lower() not in OFFICES:
                continue
            surname = run[-1].lower()
            if out.get(surname, country) != country:
                clashes.add(surname)
            out.setdefault(surname, country)
    return {k: v for k, v in out.items() if k not in clashes}


def _descriptive(tok) -> bool:  # type: ignore[no-untyped-def]
    """Whether an act is told in a clause that describes a named actor ("MAB, which opposed the war in Iraq,
    urged ..."): a characterisation from the past, not the news, unless it is dated."""
    while tok.dep_ in ("conj", "xcomp") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "relcl" or tok.head.pos_ != "PROPN":
        return False
    first = tok.left_edge.i
    return first > 0 and tok.doc[first - 1].text == ","


#: how many sentences apart an untargeted attack may take the target of the same actor's attack
TARGET_REACH = 2


def _inherit_targets(events: list[Event]) -> list[Event]:
    """An attack or seizure whose target names no country takes the country of the target of the same actor's
    attack of the same type a sentence or two away, marked inferred ("U.S. warships destroyed a platform" after
    "a U.S. attack on an Iranian oil platform"; conventions 2: such targets may be inferred)."""
    out = []
    for ev in events:
        if (ev.target is not None and ev.target.country is None and not ev.target.members
                and (ev.target.code is None or ev.target.code.startswith("---"))
                and ev.type in ("ASSAULT", "COERCE") and ev.source.country
                and not ev.modality.negated and not ev.modality.hypothetical):
            near = [f for f in events if f is not ev and f.type == ev.type and f.target is not None
                    and f.source.country == ev.source.country and f.target.country
                    and f.target.country != ev.source.country
                    and abs(f.sentence_index - ev.sentence_index) <= TARGET_REACH]
            if near:
                best = min(near, key=lambda f: abs(f.sentence_index - ev.sentence_index)).target
                assert best is not None and ev.target is not None
                code = best.country + (ev.target.sector or "") if best.country else None
                ev = replace(ev, target=replace(ev.target, country=best.country, code=code, inferred=True,
                                                entry=f"context:target {best.name or best.text}"))
        out.append(ev)
    return out


def event_id(doc_id: str, sentence_index: int, draft: Draft, sentence_start: int = 0) -> str:
    """Return a stable id: the same article, sentence, words and code give the same id across runs and machines.

    ``sentence_start`` is the token index of the sentence's first token in its Doc: the trigger's position is
    counted from it, so the id does not depend on how the article was cut into Docs.
    """
    tgt = f"{draft.target.start}:{draft.target.end}" if draft.target else "-"
    who = f"{draft.source.code}>{draft.target.code if draft.target else '-'}"  # members of a group share words
    key = (f"{doc_id}|{sentence_index}|{draft.trigger_start - sentence_start}|{draft.source.start}:"
           f"{draft.source.end}|{tgt}|{who}|{draft.cameo}|{RULESET}")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class ParsedArticle:
    """An article inside the coder: its sentences as the tokenizer cut them, what the prefilter found in each
    (None when every sentence is parsed), and the parsed sentences so far (sentence index -> parsed span)."""

    article: Article
    day: dt.date | None
    sentences: list[SpacySpan]
    scans: list[SentenceScan] | None = None
    parsed: dict[int, SpacySpan] = field(default_factory=dict)


class Coder:
    """Code news articles into PLOVER/CAMEO events.

    Args:
        actor_files: user actor layers (CSV or YAML) laid over the shipped dictionaries.
        pattern_files: user pattern files (YAML, the format of ``data/patterns/patterns.yaml``).
        model: the spaCy pipeline package to load (setting ``model``).
        batch_size: texts per ``nlp.pipe`` batch (setting ``batch_size``; sentences are parsed eight times as
            many to a batch).
        strict_sources: code only events whose source the dictionaries resolve (setting ``strict_sources``).
        prefilter: parse only the sentences that can hold an event (setting ``prefilter``; see
            :mod:`dyads.events.prefilter`). Off, every sentence is parsed; the filter keeps every sentence the
            extractor could code, so the events are the same (checked on Reuters and BBC news).

    Example:
        >>> coder = Coder()
        >>> [e.type for e in coder.code_text("Iraqi troops attacked Islamic State fighters in Mosul.")]
        ['ASSAULT']
    """

    def __init__(
        self,
        actor_files: Sequence[str | Path] = (),
        pattern_files: Sequence[str | Path] = (),
        model: str | None = None,
        batch_size: int | None = None,
        strict_sources: bool | None = None,
        prefilter: bool | None = None,
    ) -> None:
        self.nlp = load_nlp(model or settings.get("model"))
        self.strict = settings.get("strict_sources") if strict_sources is None else strict_sources
        self.dictionary = ActorDictionary.load(tuple(actor_files))
        self.patterns = load_patterns(tuple(pattern_files))
        self.batch_size = batch_size or settings.get("batch_size")
        self.use_prefilter = settings.get("prefilter") if prefilter is None else prefilter
        self.prefilter = Prefilter(self.patterns, self.dictionary, lemma_tables(self.nlp))
        self.components = components(self.nlp)  # the pipeline with a faster, equivalent attribute ruler
        self.coder_id = f"dyads {__version__} {RULESET}"
        #: running counts: sentences read, sentences parsed, of which parsed for coreference context only
        self.stats: Counter[str] = Counter()

    def warm_up(self) -> None:
        """Build now what coding builds on first use (the place gazetteer, the date parser's tables) by coding
        one sentence, so a long run, a worker or a timing does not pay for it in its first article."""
        list(self.code_articles([Article(id="warm-up", text=WARM_UP, date=dt.date(2016, 10, 20))]))

    # ------------------------------------------------------------------ articles in, events out
    def code_articles(self, articles: Iterable[Article], default_date: dt.date | None = None) -> Iterator[Event]:
        """Code articles lazily, yielding events in article and sentence order.

        Each article is tokenized and cut into sentences; the prefilter picks the sentences worth parsing; those
        are parsed one Doc per sentence (batched across articles by ``nlp.pipe``), so time and memory stay
        linear in the article's length; then each article is coded as a whole (one memory for its groups and
        coreference).
        """
        def requests() -> Iterator[tuple[Doc, tuple[ParsedArticle, int, bool]]]:
            for article in articles:
                item, todo = self.prepare(article, default_date)
                for n, index in enumerate(todo):
                    yield self._sentence_doc(item.sentences[index]), (item, index, n == len(todo) - 1)

        for doc, (item, index, last) in pipe_docs(self.components, requests(), self.batch_size * 8):
            item.parsed[index] = doc[:]
            if last:
                yield from self.code_parsed(item)

    def code_text(self, text: str, *, title: str | None = None, date: dt.date | None = None,
                  doc_id: str = "text") -> list[Event]:
        """Code one text and return its events."""
        return list(self.code_articles([Article(id=doc_id, text=text, title=title, date=date)]))

    def prepare(self, article: Article, default_date: dt.date | None = None) -> tuple[ParsedArticle, list[int]]:
        """Tokenize an article, cut it into sentences and return it with the indices of the sentences to parse
        (all of them without the prefilter)."""
        day = article.date or default_date
        sentences: list[SpacySpan] = []
        for piece in _chunks(article.text):
            tokens = self.nlp.make_doc(piece)
            sentences.extend(tokens[start:end] for start, end in segment(tokens))
        item = ParsedArticle(article, day, sentences)
        self.stats["sentences"] += len(sentences)
        if not self.use_prefilter:
            self.stats["parsed"] += len(sentences)
            return item, list(range(len(sentences)))
        item.scans = [self.prefilter.scan([t.text for t in sent], day) for sent in sentences]
        keep = self.prefilter.select(item.scans, self.strict)
        todo = [i for i, wanted in enumerate(keep) if wanted]
        self.stats["parsed"] += len(todo)
        return item, todo

    def code_doc(self, doc: Doc | Sequence[Doc], article: Article,
                 default_date: dt.date | None = None) -> Iterator[Event]:
        """Code an already parsed article (one Doc, or its pieces in order), every sentence the parser found."""
        docs = [doc] if isinstance(doc, Doc) else list(doc)
        sentences = [sent for part in docs for sent in part.sents]
        item = ParsedArticle(article, article.date or default_date, sentences,
                             parsed=dict(enumerate(sentences)))
        return iter(self.code_parsed(item))

    def code_parsed(self, item: ParsedArticle) -> list[Event]:
        """Code an article whose sentences are parsed. When a parsed sentence read the article memory (a pronoun,
        "the militants") and the sentences its antecedent may sit in were skipped, those are parsed too and the
        article is coded again, so coreference sees what it would see with every sentence parsed."""
        events, consulted = self._code_sentences(item)
        if item.scans is None or not consulted:
            return events
        extra = self.prefilter.context(item.scans, consulted, set(item.parsed))
        if not extra:
            return events
        self.stats["parsed"] += len(extra)
        self.stats["context"] += len(extra)
        docs = ((self._sentence_doc(item.sentences[i]), i) for i in extra)
        for doc, index in pipe_docs(self.components, docs, self.batch_size * 8):
            item.parsed[index] = doc[:]
        events, _ = self._code_sentences(item)
        return events

    # ------------------------------------------------------------------ one article
    def _sentence_doc(self, sent: SpacySpan) -> Doc:
        """A sentence as its own Doc, with its boundaries fixed (the parser keeps preset sentence starts)."""
        words = [t.text for t in sent]
        spaces = [bool(t.whitespace_) for t in sent]
        spaces[-1] = False
        starts: list[bool | int | None] = [False] * len(words)
        starts[0] = True
        return Doc(self.nlp.vocab, words=words, spaces=spaces, sent_starts=starts)

    def _code_sentences(self, item: ParsedArticle) -> tuple[list[Event], dict[int, dict[str, int]]]:
        """Code the parsed sentences of an article; return the events and which sentences read the memory."""
        article, day = item.article, item.day
        groups = ArticleGroups()
        memory = ArticleMemory()
        parsed = sorted(item.parsed.items())
        scans = item.scans
        readers = {index: SentenceActors(sent, self.dictionary, day, groups, memory,
                                         found=scans[index].found if scans is not None else None)
                   for index, sent in parsed}
        mentions: Counter[str] = Counter()
        for index, sent in parsed:
            groups.learn(sent, readers[index].resolve, index)  # first pass: groups may be named after they act
        if item.scans is not None:  # the dictionary hits of every sentence, parsed or not
            for scan in item.scans:
                mentions.update(scan.countries)
        else:
            for index, _ in parsed:
                mentions.update(readers[index].countries())
        about = tuple(c for c, _ in mentions.most_common(3))
        if article.title:  # the headline says what the story is about: its countries count twice more
            headline = self.prefilter.scan([t.text for t in self.nlp.make_doc(article.title)], day).countries
            mentions.update(headline * 2)
        filed = _filed_from(article.dateline)
        if filed is not None and mentions[filed]:  # a story filed from a country it names is mostly about it
            mentions[filed] += DATELINE_WEIGHT
        scanned = item.scans if item.scans is not None else [
            self.prefilter.scan([t.text for t in sent], day) for sent in item.sentences]
        context = ArticleContext.build(mentions, _people(parsed, readers), _nationals(item, scanned))
        for reader in readers.values():
            reader.context = context
        events: list[Event] = []
        for index, sent in parsed:
            while memory.sentence < index:  # sentences not parsed: they only move the memory on
                memory.skip(item.sentences[memory.sentence].text)
            actors = readers[index]
            if not any(t.pos_ in ("VERB", "NOUN") for t in sent):
                memory.sentence += 1
                continue
            groups.at(index)
            memory.watching = True
            memory.quote(sent, _speaker_of(sent, actors))
            seen: set[tuple[object, ...]] = set()
            for draft in extract(sent, self.patterns, actors, strict=self.strict):
                key = (draft.trigger_start, draft.source.start, draft.source.end, draft.source.code,
                       draft.target.start if draft.target else None, draft.target.end if draft.target else None,
                       draft.target.code if draft.target else None)
                if key in seen:
                    continue
                seen.add(key)
                event = self._event(article, index, sent, draft, actors, day, about)
                if context.slight and _met_abroad(event):
                    event = replace(event, source=unhomed(event.source))
                if len(item.sentences) > 1 and _stateless(event.source):
                    continue  # an official or a force whose country a whole article left unplaced: misread
                events.append(event)
            memory.watching = False
            _remember(sent, actors, memory)
        return _inherit_targets(events), memory.consulted

    def _event(self, article: Article, index: int, sent, draft: Draft, actors: SentenceActors,  # type: ignore[no-untyped-def]
               day: dt.date | None, about: tuple[str, ...] = ()) -> Event:
        entry = cameo_entry(draft.cameo)
        assert entry is not None
        ptype = draft.type or entry.type
        mode = draft.mode if draft.mode is not None else entry.mode
        doc = sent.doc
        trig = doc[draft.trigger_start:draft.trigger_end]
        s0 = sent.start_char
        flags = modality_of(doc[draft.main], doc[draft.trigger_start])
        attributed = actors.resolve_speaker(flags.speaker) if flags.speaker is not None else None
        negated = flags.negated
        cameo = draft.cameo
        pattern = draft.pattern
        if negated and (flags.future or flags.hypothetical or draft.future) and cameo[:2] in REFUSABLE:
            # "said he would not provide support": announcing one will not cooperate is a rejection
            cameo, pattern, negated = REFUSABLE[cameo[:2]], pattern + "+refused", False
        hypothetical = flags.hypothetical
        if (flags.conditional and not negated and not flags.prescribed and not flags.in_condition
                and not pattern.endswith("+refused")
                and (flags.reported or flags.future or cameo[:2] == "13" and not flags.hypothetical)
                and (cameo[:2] in ("13", "16", "17", "18", "19", "20") or flags.unless)):
            # "will retaliate if attacked", "may halt aid if", "will withdraw unless": a threat by the speaker;
            # "warned Iran of countermeasures if ...": the warning itself was made
            if cameo[:2] != "13":
                threat = ANNOUNCED[cameo[:2]] if cameo[:2] in ("16", "17", "18", "19", "20") else "130"
                cameo, pattern = threat, pattern + "+conditional"
            hypothetical = False
        elif flags.conditional and not pattern.endswith("+refused"):
            hypothetical = True  # "would send aid if": the act hangs on a condition
        if (flags.future and flags.reported and not draft.future and attributed is not None
                and attributed.country is not None and draft.source.country is not None
                and attributed.country != draft.source.country):
            hypothetical = True  # "officials said Iran will attack": a prediction about another actor
        if (flags.future and not draft.future and cameo[:2] in UNSPOKEN_YET
                and not pattern.endswith("+conditional")):
            hypothetical = True  # "they would press Labour", "will call for a balanced approach": not said yet
        when = event_date(doc[draft.main], day)
        scheduled = bool(day is not None and when.date and when.precision != "publication"
                         and when.date[:10] > day.isoformat() and not day.isoformat().startswith(when.date))
        if ((flags.future or flags.willing or scheduled and cameo[:2] == "04") and not hypothetical and not negated
                and not draft.future
                and cameo[:2] in ANNOUNCED and not pattern.endswith("+conditional")):
            # "Israel announced it would free prisoners", "will send troops", "is ready to talks": the
            # announcement is the event, a statement of intent (CAMEO 03x) or a threat (13x), not the act itself
            cameo, pattern = ANNOUNCED[cameo[:2]], pattern + "+announced"
        if cameo != draft.cameo:  # recoded above: the type and mode are the new code's
            entry = cameo_entry(cameo)
            assert entry is not None
            ptype, mode = entry.type, entry.mode
        modality = Modality(
            negated=negated,
            hypothetical=hypothetical,
            future=flags.future or draft.future or scheduled,
            reported=flags.reported,
            hedged=flags.hedged,
            attributed_to=attributed,
        )
        source = draft.source
        if (source.country is None and not source.members and source.sector in ("MIL", "COP")
                and attributed is not None and attributed.country and not attributed.members
                and attributed.sector in (None, "GOV", "MIL", "COP") and doc[draft.main].dep_ not in ("acl", "relcl")):
            # "Chad's military high command said troops killed ...": a state reports what its own forces did
            source = replace(source, country=attributed.country, code=attributed.country + source.sector,
                             inferred=True, entry=f"context:speaker {attributed.country}")
        return Event(
            event_id=event_id(article.id, index, draft, sent.start),
            doc_id=article.id,
            sentence_index=index,
            sentence=sent.text,
            date=when.date,
            date_precision=when.precision,
            date_expression=when.expression,
            background=when.background or (when.precision == "publication" and _descriptive(doc[draft.main])),
            source=source,
            target=draft.target,
            type=ptype,
            mode=mode,
            cameo=cameo,
            quad_class=quad_class(ptype),
            intensity=intensity(cameo),
            trigger=Span(trig.text, trig.start_char - s0, trig.end_char - s0),
            location=place_of(sent, doc[draft.trigger_start], actors, article_countries=about),
            modality=modality,
            confidence=draft.confidence,
            coder=self.coder_id,
            pattern=pattern,
            title=article.title,
        )
