"""Throughput and memory of dyads against a spaCy-only parse of the same news articles.

Runs two engines over the first N articles of a gzip JSONL corpus (``{"id", "title", "text", "date"?}``), each in a
fresh process (multiprocessing ``spawn``) so that their peak memory does not mix:

* ``spacy``: ``Coder().nlp.pipe(texts, batch_size=...)``, the full spaCy pipeline, nothing else;
* ``dyads``: ``Coder().code_articles(articles)``, the whole coder.

Model and dictionary loading is timed apart (``load s``); ``seconds`` is the processing time only. ``peak RSS`` is
the process's high-water mark (``getrusage``), loading included (both engines build a ``Coder``). Sentences are
counted by the spaCy-only parse and reused for the dyads row (both parse the same texts with the same pipeline).

    python benchmarks/throughput.py                      # 300 Reuters-21578 articles
    python benchmarks/throughput.py -n 50 --json         # figures as JSON
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import multiprocessing
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"


def read_corpus(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """The first ``limit`` articles of a gzip JSONL corpus (all of them when ``limit`` is None)."""
    rows: list[dict[str, Any]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(rows) >= limit:
                break
            if line.strip():
                rows.append(json.loads(line))
    return rows


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _article_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _articles(rows: list[dict[str, Any]]) -> Iterator[Any]:
    from dyads.records import Article

    for row in rows:
        yield Article(id=str(row["id"]), text=row.get("text") or "", title=row.get("title"),
                      date=_article_date(row.get("date")))


def run_engine(engine: str, corpus: str, limit: int, batch_size: int, actor_files: list[str]) -> dict[str, Any]:
    """Run one engine in this (fresh) process and return its figures."""
    from dyads.pipeline import Coder

    rows = read_corpus(Path(corpus), limit)
    started = time.perf_counter()
    try:  # the same batch size for both engines, where the Coder takes one
        coder = Coder(actor_files, batch_size=batch_size)
    except TypeError:
        coder = Coder(actor_files)
    # build whatever the engine builds lazily before the clock starts
    if engine == "spacy":
        coder.nlp("Warm up.")
    else:
        list(coder.code_articles(_articles([{"id": "warm-up", "text": "Warm up."}])))
    load_seconds = time.perf_counter() - started
    load_rss = peak_rss_mib()
    sentences: int | None = None
    events = 0
    started = time.perf_counter()
    if engine == "spacy":
        texts = [row.get("text") or "" for row in rows]
        sentences = sum(sum(1 for _ in doc.sents) for doc in coder.nlp.pipe(texts, batch_size=batch_size))
    else:
        events = sum(1 for _ in coder.code_articles(_articles(rows)))
    seconds = time.perf_counter() - started
    return {"engine": engine, "articles": len(rows), "sentences": sentences, "seconds": round(seconds, 3),
            "load_seconds": round(load_seconds, 3), "events": events if engine == "dyads" else None,
            "load_rss_mib": round(load_rss, 1), "peak_rss_mib": round(peak_rss_mib(), 1)}


def run_in_fresh_process(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run ``run_engine`` in a new spawned interpreter, so its memory peak is its own."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=1, maxtasksperchild=1) as pool:
        result: dict[str, Any] = pool.apply(run_engine, (engine, str(args.corpus), args.n, args.batch_size,
                                                         list(args.actors)))
    return result


def add_rates(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Fill rates per engine and the dyads/spaCy speed ratio."""
    by_engine = {r["engine"]: r for r in results}
    spacy_sentences = by_engine["spacy"]["sentences"]
    for r in results:
        if r["sentences"] is None:
            r["sentences"] = spacy_sentences
        r["articles_per_s"] = round(r["articles"] / r["seconds"], 2) if r["seconds"] else None
        r["sentences_per_s"] = round(r["sentences"] / r["seconds"], 2) if r["seconds"] else None
        r["events_per_1000_sentences"] = (round(1000 * r["events"] / r["sentences"], 1)
                                          if r["events"] is not None and r["sentences"] else None)
    spacy_rate, dyads_rate = by_engine["spacy"]["articles_per_s"], by_engine["dyads"]["articles_per_s"]
    ratio = round(dyads_rate / spacy_rate, 3) if spacy_rate and dyads_rate else None
    return {"engines": results, "dyads_to_spacy_articles_per_s": ratio}


def print_table(figures: dict[str, Any], corpus: Path) -> None:
    """Print the figures as a rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"dyads throughput: {figures['engines'][0]['articles']} articles of {corpus.name}")
    columns = [("engine", "engine"), ("articles", "articles"), ("sentences", "sentences"), ("seconds", "seconds"),
               ("articles/s", "articles_per_s"), ("sentences/s", "sentences_per_s"), ("events", "events"),
               ("events/1k sent.", "events_per_1000_sentences"), ("load s", "load_seconds"),
               ("peak RSS MiB", "peak_rss_mib")]
    for header, _ in columns:
        table.add_column(header, justify="left" if header == "engine" else "right", no_wrap=True)
    for row in figures["engines"]:
        table.add_row(*("-" if row[key] is None else str(row[key]) for _, key in columns))
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
    console.print(f"dyads articles/s / spaCy-only articles/s = {figures['dyads_to_spacy_articles_per_s']}")


def main(argv: list[str] | None = None) -> int:
    """Parse options, run both engines, print the table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python benchmarks/throughput.py -n 50 --json")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="gzip JSONL corpus (%(default)s)")
    parser.add_argument("-n", type=int, default=300, help="articles to read from the start (%(default)s)")
    parser.add_argument("--batch-size", type=int, default=64,
                        help="nlp.pipe batch size, for both engines (%(default)s)")
    parser.add_argument("--actors", action="append", default=[], metavar="FILE",
                        help="extra actor dictionary for the Coder (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus not found: {args.corpus} (pass --corpus)")
    results = [run_in_fresh_process(engine, args) for engine in ("spacy", "dyads")]
    figures = add_rates(results)
    figures.update(corpus=str(args.corpus), batch_size=args.batch_size)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print_table(figures, args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
