"""Score coded events against human-coded gold sentences, the way the project is judged.

Two gold styles, told apart per sentence:
* **code style** (PLOVER or CAMEO gold, e.g. ``{"source": "USAGOV", "target": "IRQ", "code": "190"}``): the
  sentence's set of (source country, target country, type) triples is compared with the system's. The type is
  the PLOVER type where the gold is PLOVER, else the five-way CAMEO class of both sides.
* **span style** (ConfliBERT, ``"code_scheme": "pentaclass"``): each gold event with actor words is matched, at most
  once, to a system event of the same five-way class whose actor words overlap the gold's; sentences whose gold
  names no actor words count towards class recall only.
Numbers and JSON keys are those of the reference scorer ``shared/eval/score.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dyads.errors import InputError
from dyads.records import Article, Event

__all__ = ["PLOVER_TYPES", "EvalReport", "SupportsCodeArticles", "evaluate", "explain_errors", "format_report",
           "gold_articles", "load_gold", "pentaclass", "score", "summary_line"]

#: The 16 PLOVER event types.
PLOVER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})
# Old CAMEO country codes that differ from ISO 3166-1 alpha-3.
_COUNTRY_FIXES = {"JAP": "JPN", "SUN": "RUS", "USR": "RUS", "TMP": "TLS"}
# Words that say nothing about who an actor is; ignored when comparing actor words.
_STOPWORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "by", "with", "from", "its",
                        "his", "her", "their", "'s", "s", "said"})
_WORD = re.compile(r"[a-z0-9]+")
Record = dict[str, Any]
Triple = tuple[Any, Any, Any]


class SupportsCodeArticles(Protocol):
    """Anything that codes articles into events, such as :class:`dyads.pipeline.Coder`."""

    def code_articles(self, articles: Iterable[Article]) -> Iterable[Event]:
        """Yield the events coded from ``articles``."""


def load_gold(path: str | Path) -> list[Record]:
    """Read a gold JSONL file: one ``{"id", "text", "events": [...]}`` object per line; blank lines are skipped.

    Raises :class:`~dyads.errors.InputError` with the file and line of a line that is not such an object.
    """
    source = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        raise InputError(f"cannot read the gold file ({exc.strerror}): check the path", source) from exc
    except UnicodeDecodeError as exc:
        raise InputError("the gold file is not UTF-8: convert it to UTF-8", source) from exc
    return [_parse_gold_line(line, source, n) for n, line in enumerate(lines, start=1) if line.strip()]


def _parse_gold_line(line: str, source: str, number: int) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, column {exc.colno}): fix or remove the line",
                         source, number) from exc
    if not isinstance(record, dict) or "id" not in record:
        raise InputError('expected a JSON object with "id", "text" and "events": fix or remove the line',
                         source, number)
    events = record.get("events")
    if events is not None and not (isinstance(events, list) and all(isinstance(e, dict) for e in events)):
        raise InputError('"events" must be a list of objects like {"source", "target", "code"}', source, number)
    return record


def pentaclass(cameo: object) -> str | None:
    """Return the five-way class ("0".."4") of a CAMEO code from its two-digit root, or None if it has none.

    "0" statements and appeals (01-02), "1" verbal cooperation (03-05), "2" material cooperation (06-08),
    "3" verbal conflict (09-13, 16), "4" material conflict (14-15, 17-20).

    Example:
        >>> pentaclass("163"), pentaclass("190"), pentaclass(None)
        ('3', '4', None)
    """
    try:
        root = int(str(cameo)[:2])
    except ValueError:
        return None
    for ceiling, label in ((2, "0"), (5, "1"), (8, "2")):
        if root <= ceiling:
            return label
    return "3" if root <= 13 or root == 16 else "4"


def _content_words(text: str | None) -> frozenset[str]:
    """Lower-case words of an actor mention, without stopwords."""
    return frozenset(w for w in _WORD.findall((text or "").lower()) if w not in _STOPWORDS)


def _fix_country(code: str) -> str:
    return _COUNTRY_FIXES.get(code.upper(), code.upper())


def _gold_actor_key(code: str | None) -> str | None:
    """Country (or IGO/NGO/...) of a gold CAMEO actor code: its first three letters."""
    return _fix_country(code[:3]) if code else None


def _system_actor_key(actor: Record | None) -> str | None:
    """Country of a system actor; where it has none, the first three letters of its actor code (e.g. IGO)."""
    if actor and actor.get("country"):
        return _fix_country(actor["country"])
    return ((actor or {}).get("code") or "")[:3].upper() or None


def _gold_type(gold_event: Record) -> Any:
    """PLOVER type of a code-style gold event, or the five-way class of its CAMEO code."""
    code = gold_event.get("code_plover2021") or gold_event.get("code")
    if code in PLOVER_TYPES or not (code and str(code)[:1].isdigit()):
        return code
    return pentaclass(code)


def _code_triples(gold_events: Sequence[Record], events: Sequence[Record]) -> tuple[list[Triple], list[Triple]]:
    """(source, target, type) of each gold event and each system event of one code-style sentence."""
    use_penta = _gold_type(gold_events[0]) not in PLOVER_TYPES
    gold = [(_gold_actor_key(g.get("source")), _gold_actor_key(g.get("target")), _gold_type(g))
            for g in gold_events]
    system = [(_system_actor_key(e.get("source")), _system_actor_key(e.get("target")),
               pentaclass(e.get("cameo")) if use_penta else e.get("type")) for e in events]
    return gold, system


@dataclass
class _SpanJudgement:
    """How one span-style sentence fared: which gold events matched which system events."""

    classes: list[Any]  # five-way class of each system event
    class_hits: list[bool]  # per gold event: its class is among the system's classes
    spanned: list[int]  # gold events that name actor words
    matches: dict[int, int] = field(default_factory=dict)  # gold event index -> system event index


def _judge_span(gold_events: Sequence[Record], events: Sequence[Record]) -> _SpanJudgement:
    items = [(_content_words((e.get("source") or {}).get("text")),
              _content_words((e.get("target") or {}).get("text")), pentaclass(e.get("cameo"))) for e in events]
    classes = [c for _, _, c in items]
    class_set = set(classes)
    judged = _SpanJudgement(classes, [g.get("code") in class_set for g in gold_events],
                            [i for i, g in enumerate(gold_events)
                             if _content_words(g.get("source")) or _content_words(g.get("target"))])
    used: set[int] = set()
    for g_index in judged.spanned:  # greedy, in gold order: each system event matches at most once
        g = gold_events[g_index]
        g_source, g_target = _content_words(g.get("source")), _content_words(g.get("target"))
        for s_index, (s_source, s_target, s_class) in enumerate(items):
            if s_index in used or s_class != g.get("code"):
                continue
            if (not g_source or s_source & g_source) and (not g_target or s_target & g_target):
                judged.matches[g_index] = s_index
                used.add(s_index)
                break
    return judged


def _prf(counts: list[int]) -> Record:
    """Precision, recall and F1 from [matched, system, gold], rounded to 4 places."""
    matched, system, gold = counts
    precision = matched / system if system else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "matched": matched, "system": system, "gold": gold}


def _add_sets(counts: list[int], gold: set[Any], system: set[Any]) -> None:
    counts[:] = [counts[0] + len(gold & system), counts[1] + len(system), counts[2] + len(gold)]


def _events_by_doc(events: Iterable[Record]) -> dict[str, list[Record]]:
    by_doc: dict[str, list[Record]] = defaultdict(list)
    for event in events:
        by_doc[str(event.get("doc_id"))].append(event)
    return by_doc


def unrealised(event: Record, article_level: bool) -> bool:
    """Whether an event does not count under the coding conventions: negated or hypothetical, and for
    whole-article gold also background."""
    modality = event.get("modality") or {}
    return bool(modality.get("negated") or modality.get("hypothetical")
                or (article_level and event.get("background")))


def _counted(gold: Sequence[Record], by_doc: dict[str, list[Record]]) -> dict[str, list[Record]]:
    """The events that count, per document (see :func:`unrealised`)."""
    articles = {str(g["id"]) for g in gold if (g.get("meta") or {}).get("level") == "article"}
    return {doc: [e for e in evs if not unrealised(e, doc in articles)] for doc, evs in by_doc.items()}


def score(gold: Sequence[Record], events: Iterable[Record]) -> Record:
    """Score system event records (``Event.to_dict()`` shape) against gold sentences.

    Events go to the gold sentence whose ``id`` is their ``doc_id``; the others count as ``stray_events``.
    Returns ``gold_sentences``, ``system_events``, ``stray_events``; ``triple``, ``dyad`` and ``type`` where there
    is code-style gold; ``span_triple`` and ``class_recall`` where there is span-style gold; and
    ``no_event_sentences_given_events`` ("k/n") where some gold sentences have no event. Each precision/recall/F1
    entry is ``{"precision", "recall", "f1", "matched", "system", "gold"}``, rounded to 4 places.

    Example:
        >>> gold = [{"id": "s1", "text": "Iran accused Iraq of shelling Basra.",
        ...          "events": [{"source": "IRNGOV", "target": "IRQ", "code": "ACCUSE"}]}]
        >>> events = [{"doc_id": "s1", "source": {"country": "IRN"}, "target": {"country": "IRQ"},
        ...            "type": "ACCUSE", "cameo": "112"}]
        >>> score(gold, events)["triple"]["f1"]
        1.0
    """
    by_doc = _counted(gold, _events_by_doc(events))
    ids = {str(g["id"]) for g in gold}
    triple, dyad, types, span = [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]
    class_hits = class_total = empty_with_events = empty_total = 0
    for sentence in gold:
        evs = by_doc.get(str(sentence["id"]), [])
        gold_events = sentence.get("events") or []
        if not gold_events:
            empty_total += 1
            empty_with_events += bool(evs)
        elif gold_events[0].get("code_scheme") == "pentaclass":
            judged = _judge_span(gold_events, evs)
            class_hits += sum(judged.class_hits)
            class_total += len(gold_events)
            if judged.spanned:  # class-only sentences are judged by class recall alone
                span[0] += len(judged.matches)
                span[1] += len(evs)
                span[2] += len(judged.spanned)
        else:
            gold_triples, system_triples = (set(t) for t in _code_triples(gold_events, evs))
            _add_sets(triple, gold_triples, system_triples)
            _add_sets(dyad, {t[:2] for t in gold_triples}, {t[:2] for t in system_triples})
            _add_sets(types, {t[2] for t in gold_triples}, {t[2] for t in system_triples})
    metrics: Record = {"gold_sentences": len(gold), "system_events": sum(len(v) for v in by_doc.values()),
                       "stray_events": sum(len(v) for k, v in by_doc.items() if k not in ids)}
    if triple[2]:
        metrics.update(triple=_prf(triple), dyad=_prf(dyad), type=_prf(types))
    if span[2]:
        metrics.update(span_triple=_prf(span), class_recall=round(class_hits / class_total, 4))
    if empty_total:
        metrics["no_event_sentences_given_events"] = f"{empty_with_events}/{empty_total}"
    return metrics


def _describe(item: Record, system: bool, key: Triple | None = None) -> Record:
    """What a gold event said, or what a system event produced (actors, type, cameo, trigger, pattern)."""
    if not system:
        described: Record = {"source": item.get("source"), "target": item.get("target"), "code": item.get("code")}
    else:
        def actor(a: Record | None) -> Record | None:
            return None if not a else {"text": a.get("text"), "country": a.get("country"), "code": a.get("code")}
        described = {"source": actor(item.get("source")), "target": actor(item.get("target")),
                     "type": item.get("type"), "cameo": item.get("cameo"), "pattern": item.get("pattern"),
                     "trigger": (item.get("trigger") or {}).get("text"), "sentence_index": item.get("sentence_index")}
    if key is not None:
        described["key"] = list(key)
    return described


def _sentence_errors(sentence: Record, evs: list[Record]) -> Record | None:
    """Misses and false events of one gold sentence, or None where it has neither."""
    gold_events = sentence.get("events") or []
    misses: list[Record] = []
    false: list[Record] = []
    if not gold_events:
        style, false = "no-event", [_describe(e, True) for e in evs]
    elif gold_events[0].get("code_scheme") == "pentaclass":
        judged = _judge_span(gold_events, evs)
        if judged.spanned:
            style = "span"
            misses = [_describe(gold_events[i], False) for i in judged.spanned if i not in judged.matches]
            used = set(judged.matches.values())
            false = [_describe(e, True) for i, e in enumerate(evs) if i not in used]
        else:  # class-only: a miss is a class the system never gave; a false event, a class the gold lacks
            style = "class-only"
            misses = [_describe(g, False) for g, hit in zip(gold_events, judged.class_hits) if not hit]
            gold_classes = {g.get("code") for g in gold_events}
            false = [_describe(e, True) for e, c in zip(evs, judged.classes) if c not in gold_classes]
    else:
        style = "code"
        gold_triples, system_triples = _code_triples(gold_events, evs)
        misses = [_describe(g, False, t) for g, t in zip(gold_events, gold_triples) if t not in system_triples]
        false = [_describe(e, True, t) for e, t in zip(evs, system_triples) if t not in gold_triples]
    if not misses and not false:
        return None
    return {"id": sentence["id"], "text": sentence.get("text"), "style": style,
            "gold": [_describe(g, False) for g in gold_events], "misses": misses, "false_events": false}


def explain_errors(gold: Sequence[Record], events: Iterable[Record], limit: int) -> list[Record]:
    """List, for at most ``limit`` gold sentences in file order, the gold events missed and the false events.

    Each entry: ``id``, ``text``, ``style`` (``code``, ``span``, ``class-only``, ``no-event``), ``gold`` (all the
    gold said), ``misses`` (gold events not matched) and ``false_events`` (system events not matched: actor
    texts, countries and codes, type, cameo, trigger and the ``pattern`` that fired). Code-style entries also give
    each item's scored ``key`` (source, target, type).
    """
    by_doc = _counted(gold, _events_by_doc(events))
    entries = (_sentence_errors(sentence, by_doc.get(str(sentence["id"]), [])) for sentence in gold)
    return list(itertools.islice((entry for entry in entries if entry is not None), max(limit, 0)))


@dataclass(frozen=True)
class EvalReport:
    """The outcome of :func:`evaluate`: the metrics of :func:`score`, the error listing, and the gold file."""

    metrics: Record
    errors: list[Record]
    gold_path: str


def _gold_date(sentence: Record) -> dt.date | None:
    """The gold record's date, as ``dyads code`` reads it: its ``date`` field (YYYY-MM-DD), else ``meta.date``
    (YYYYMMDD or YYYY-MM-DD) when valid."""
    for value in (sentence.get("date"), (sentence.get("meta") or {}).get("date")):
        if not isinstance(value, str):
            continue
        for pattern, fmt in ((r"\d{8}", "%Y%m%d"), (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d")):
            if re.fullmatch(pattern, value):
                with contextlib.suppress(ValueError):
                    return dt.datetime.strptime(value, fmt).date()
    return None


def gold_articles(gold: Iterable[Record]) -> list[Article]:
    """Turn gold sentences into articles: id and text from the gold, date from ``date`` or ``meta.date``, no
    title."""
    return [Article(id=str(s["id"]), text=str(s.get("text") or ""), title=None, date=_gold_date(s)) for s in gold]


def evaluate(gold_path: str | Path, coder: SupportsCodeArticles, *, show_errors: int = 0) -> EvalReport:
    """Code every sentence of a gold file with ``coder`` and score the events.

    Args:
        gold_path: a gold JSONL file (``shared/eval/*.jsonl`` shape).
        coder: anything whose ``code_articles(articles)`` yields :class:`~dyads.records.Event`, e.g. a
            :class:`dyads.pipeline.Coder`.
        show_errors: list the misses and false events of up to this many sentences.

    Example:
        >>> report = evaluate("petrarch2_gsr.jsonl", Coder(), show_errors=5)  # doctest: +SKIP
        >>> print(format_report(report))  # doctest: +SKIP
    """
    gold = load_gold(gold_path)
    events = [event.to_dict() for event in coder.code_articles(gold_articles(gold))]
    errors = explain_errors(gold, events, show_errors) if show_errors > 0 else []
    return EvalReport(metrics=score(gold, events), errors=errors, gold_path=str(gold_path))


def summary_line(metrics: Record) -> str:
    """Return the one-line summary the reference scorer prints last ("" where no gold sentence has an event)."""
    if "triple" in metrics:
        t = metrics["triple"]
        return (f"triple F1 {t['f1']:.3f} (P {t['precision']:.3f} R {t['recall']:.3f}); "
                f"dyad F1 {metrics['dyad']['f1']:.3f}; type F1 {metrics['type']['f1']:.3f}")
    if "span_triple" in metrics:
        t = metrics["span_triple"]
        return (f"span-triple F1 {t['f1']:.3f} (P {t['precision']:.3f} R {t['recall']:.3f}); "
                f"class recall {metrics['class_recall']:.3f}")
    return ""


def _format_actor(actor: Any) -> str:
    if isinstance(actor, dict):
        return f"{actor.get('text')!r}({actor.get('country') or actor.get('code') or '?'})"
    return "-" if actor is None else str(actor)


def _format_error(entry: Record) -> list[str]:
    def key(item: Record) -> str:
        return f"  scored as ({', '.join(map(str, item['key']))})" if "key" in item else ""
    lines = [f"[{entry['id']}] ({entry['style']}) {entry['text']}"]
    for label, items in (("gold: ", entry["gold"]), ("MISS: ", entry["misses"])):
        lines += [f"  {label} {_format_actor(g['source'])} -> {_format_actor(g['target'])}  {g['code']}{key(g)}"
                  for g in items]
    lines += [f"  FALSE: {_format_actor(e['source'])} -> {_format_actor(e['target'])}  {e['type']} {e['cameo']}"
              f"  trigger={e['trigger']!r} pattern={e['pattern']}{key(e)}" for e in entry["false_events"]]
    return lines


def format_report(report: EvalReport) -> str:
    """Render an :class:`EvalReport` as plain text: the summary line, a metrics table, then any errors."""
    m = report.metrics
    lines = [f"gold: {report.gold_path} ({m['gold_sentences']} sentences); "
             + f"system events: {m['system_events']} (stray: {m['stray_events']})"]
    if summary_line(m):
        lines.append(summary_line(m))
    rows = [name for name in ("triple", "dyad", "type", "span_triple") if name in m]
    if rows:
        lines += ["", f"{'metric':<12}{'P':>8}{'R':>8}{'F1':>8}{'matched':>9}{'system':>8}{'gold':>8}"]
        lines += [f"{n:<12}{m[n]['precision']:>8.4f}{m[n]['recall']:>8.4f}{m[n]['f1']:>8.4f}"
                  f"{m[n]['matched']:>9}{m[n]['system']:>8}{m[n]['gold']:>8}" for n in rows]
    if "class_recall" in m:
        lines.append(f"class recall: {m['class_recall']:.4f}")
    if "no_event_sentences_given_events" in m:
        lines.append(f"no-event sentences given events: {m['no_event_sentences_given_events']}")
    if report.errors:
        lines += ["", f"errors ({len(report.errors)} sentences):"]
        for entry in report.errors:
            lines += _format_error(entry)
    return "\n".join(lines)
