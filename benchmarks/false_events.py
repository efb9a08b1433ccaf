"""False events: how many events dyads codes in news that has no political events (BBC sport, entertainment).

Every event coded in these articles is taken as false (a few may be real: a minister at a match). Prints, per
category, articles, sentences, events and events per 1,000 sentences, then the patterns (``Event.pattern``) and
trigger words behind them, and ``--show N`` sample events to learn from. Sentences are counted by parsing the
same texts with ``coder.nlp``.

    python benchmarks/false_events.py                               # sport and entertainment, all articles
    python benchmarks/false_events.py --limit 100 --show 20
    python benchmarks/false_events.py --categories sport,tech,business --json
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc.jsonl.gz"
TOP = 15


def category_of(article_id: str) -> str:
    """The BBC category in an id like ``bbc-sport-001``."""
    parts = article_id.split("-")
    return parts[1] if len(parts) >= 3 else "unknown"


def read_categories(path: Path, categories: list[str], limit: int | None) -> dict[str, list[dict[str, Any]]]:
    """Articles of the wanted categories, in file order, at most ``limit`` per category."""
    chosen: dict[str, list[dict[str, Any]]] = {c: [] for c in categories}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            rows = chosen.get(category_of(str(row["id"])))
            if rows is not None and (limit is None or len(rows) < limit):
                rows.append(row)
    return chosen


def count_sentences(nlp: Any, texts: Iterable[str], batch_size: int = 64) -> int:
    """Sentences spaCy finds in ``texts``."""
    return sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=batch_size))


def trigger_lemmas(nlp: Any, events: list[Any]) -> Counter[str]:
    """Trigger lemmas of the events: the coder's own where it gives one, else spaCy's lemmas of the trigger words."""
    words = {e.trigger.text for e in events if not e.extra.get("trigger_lemma")}
    lemmas = {text: " ".join(t.lemma_.lower() for t in doc if not t.is_punct) or text.lower()
              for text, doc in zip(words, nlp.pipe(words))}
    return Counter(e.extra.get("trigger_lemma") or lemmas[e.trigger.text] for e in events)


def describe(event: Any) -> dict[str, Any]:
    """The parts of an event worth reading when hunting false positives."""
    return {"doc_id": event.doc_id, "sentence": event.sentence, "source": event.source.text,
            "target": event.target.text if event.target else None, "type": event.type, "cameo": event.cameo,
            "trigger": event.trigger.text, "pattern": event.pattern}


def code_category(coder: Any, rows: list[dict[str, Any]], show: int, seed: int) -> dict[str, Any]:
    """Code one category's articles and gather its figures."""
    from dyads.records import Article

    articles = [Article(id=str(r["id"]), text=r.get("text") or "", title=r.get("title")) for r in rows]
    events = list(coder.code_articles(articles))
    sentences = count_sentences(coder.nlp, (a.text for a in articles))
    samples = random.Random(seed).sample(events, min(show, len(events)))
    return {
        "articles": len(articles), "sentences": sentences, "events": len(events),
        "events_per_1000_sentences": round(1000 * len(events) / sentences, 1) if sentences else None,
        # material conflict that counts (not flagged negated or hypothetical): the issue 11 measure
        "assault_coerce": sum(1 for e in events if e.type in ("ASSAULT", "COERCE")
                              and not (e.modality.negated or e.modality.hypothetical)),
        "articles_with_events": len({e.doc_id for e in events}),
        "top_patterns": Counter(e.pattern or "-" for e in events).most_common(TOP),
        "top_triggers": trigger_lemmas(coder.nlp, events).most_common(TOP),
        "top_types": Counter(e.type for e in events).most_common(),
        "samples": [describe(e) for e in samples],
    }


def print_report(figures: dict[str, dict[str, Any]]) -> None:
    """Print the summary table, then per category the top patterns and triggers and the samples."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 160)
    summary = Table(title=f"Events coded in BBC {', '.join(figures)} news (all taken as false)")
    for header in ("category", "articles", "with events", "sentences", "events", "events/1k sentences"):
        summary.add_column(header, justify="left" if header == "category" else "right")
    for name, f in figures.items():
        summary.add_row(name, str(f["articles"]), str(f["articles_with_events"]), str(f["sentences"]),
                        str(f["events"]), str(f["events_per_1000_sentences"]))
    console.print(summary)
    material = sum(f["assault_coerce"] for f in figures.values())
    sentences = sum(f["sentences"] for f in figures.values())
    console.print(f"ASSAULT + COERCE (counted: not negated or hypothetical): {material} events, "
                  f"{1000 * material / max(sentences, 1):.2f} per 1,000 sentences")
    for name, f in figures.items():
        console.print()
        console.print(f"[bold]{name}[/bold]: {f['events']} events; types: "
                      + (", ".join(f"{t} {n}" for t, n in f["top_types"]) or "-"))
        top = Table(title=f"{name}: top {TOP} patterns and trigger lemmas")
        for header in ("#", "pattern", "events", "trigger", "events "):
            top.add_column(header, justify="right" if header.startswith(("#", "events")) else "left")
        for rank in range(max(len(f["top_patterns"]), len(f["top_triggers"]))):
            pattern = f["top_patterns"][rank] if rank < len(f["top_patterns"]) else ("", "")
            trigger = f["top_triggers"][rank] if rank < len(f["top_triggers"]) else ("", "")
            top.add_row(str(rank + 1), pattern[0], str(pattern[1]), trigger[0], str(trigger[1]))
        console.print(top)
        for s in f["samples"]:
            console.print(f"[bold]{s['type']}[/bold] {s['cameo']} {s['source']!r} -> {s['target']!r} "
                          f"trigger={s['trigger']!r} pattern={s['pattern']} ({s['doc_id']})", markup=True)
            console.print("    " + " ".join(s["sentence"].split()), markup=False, highlight=False)


def main(argv: list[str] | None = None) -> int:
    """Parse options, code the chosen categories, print the report or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python benchmarks/false_events.py --limit 100 --show 20")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="BBC gzip JSONL (%(default)s)")
    parser.add_argument("--categories", default="sport,entertainment",
                        help="comma-separated categories from the ids (%(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles per category")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N sample events per category")
    parser.add_argument("--seed", type=int, default=0, help="seed for choosing the samples (%(default)s)")
    parser.add_argument("--actors", action="append", default=[], metavar="FILE",
                        help="extra actor dictionary for the Coder (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus not found: {args.corpus} (pass --corpus)")
    categories = [c.strip() for c in args.categories.split(",") if c.strip()]
    chosen = read_categories(args.corpus, categories, args.limit)

    from dyads.pipeline import Coder

    coder = Coder(args.actors)
    figures = {name: code_category(coder, rows, args.show, args.seed) for name, rows in chosen.items()}
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print_report(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
