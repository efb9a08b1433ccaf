"""Throughput and memory of dyads against a spaCy-only parse of the same news articles.

Runs engines (``--engines``, default ``spacy,dyads``) over the first N articles of a gzip JSONL corpus (``{"id",
"title", "text", "date"?}``), each in a fresh process (``spawn``) so that their peak memory does not mix:

* ``spacy``: ``Coder().nlp.pipe(texts, batch_size=...)``, the full spaCy pipeline, nothing else;
* ``dyads``: ``Coder().code_articles(articles)``, the whole coder, in this one process;
* ``dyads-all``: the same with the prefilter off (every sentence parsed), to see what the prefilter saves and
  whether it loses events (the last lines compare the two event sets);
* ``pool-N``: the same coder on a process pool of N workers (``dyads.parallel``, what ``--workers N`` runs);
* ``dask-N``: the same stage function on a Dask LocalCluster of N single-threaded worker processes.

For the pool and Dask, ``load s`` is starting the workers and loading the coder in each; ``peak RSS`` is the
largest worker's (the parent process holds no model). Every coding engine also reports a digest of its sorted
``event_id`` set, and the last lines say whether all engines coded the same set.

``CPU s`` is the processor time the coding took (the workers' for the pool and Dask, from ``psutil``), so
``articles/CPU s`` is the per-core rate even on a busy machine, and ``cores used`` (CPU s / seconds) says how many
cores an engine actually got. Model and dictionary loading is timed apart (``load s``); ``seconds`` is the
processing time only. ``peak RSS`` is the process's high-water mark (``getrusage``), loading included (every
engine builds a ``Coder``). Sentences are counted by the spaCy-only parse and reused for the other rows (all parse
the same texts with the same pipeline).

    python benchmarks/throughput.py                      # 300 Reuters-21578 articles
    python benchmarks/throughput.py -n 50 --json         # figures as JSON
    python benchmarks/throughput.py -n 1000 --engines spacy,dyads,dyads-all,pool-1,pool-2,dask-2
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"


WARM_UP = "Iraqi troops attacked Islamic State fighters in Mosul on Tuesday."


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


def _digest(ids: list[str]) -> str:
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:12]


def children_cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process's live children: the pool's or Dask's workers."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:  # ended meanwhile
            continue
        total += times.user + times.system
    return total


def run_parallel_engine(engine: str, rows: list[dict[str, Any]], batch_size: int, actor_files: list[str],
                        chunk: int) -> dict[str, Any]:
    """Run ``pool-N`` or ``dask-N``: start the workers (timed as loading), then code the articles."""
    from dyads.parallel import EngineCoder

    kind, _, count = engine.partition("-")
    workers = int(count or 1)
    os.environ["DYADS_BATCH_SIZE"] = str(batch_size)  # the workers' Coder reads it (spawned children inherit it)
    coder = EngineCoder(kind, workers=workers, actor_files=actor_files, chunk=chunk)
    try:
        started = time.perf_counter()
        coder.start()
        load_seconds = time.perf_counter() - started
        ids: list[str] = []
        cpu = children_cpu_seconds()
        started = time.perf_counter()
        for _, events in coder.code_pairs(_articles(rows)):
            ids.extend(e.event_id for e in events)
        seconds = time.perf_counter() - started
        cpu = children_cpu_seconds() - cpu
        worker_rss = coder.worker_peak_rss_mib()
    finally:
        coder.close()
    if not worker_rss:  # the pool's workers have ended: the largest one's peak
        worker_rss = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]
    return {"engine": engine, "workers": workers, "articles": len(rows), "sentences": None,
            "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "load_seconds": round(load_seconds, 3),
            "events": len(ids), "event_ids": _digest(ids), "ids": ids, "parsed_share": None, "load_rss_mib": None,
            "peak_rss_mib": round(max(worker_rss), 1)}


def run_engine(engine: str, corpus: str, limit: int, batch_size: int, actor_files: list[str],
               chunk: int = 32) -> dict[str, Any]:
    """Run one engine in this (fresh) process and return its figures."""
    from dyads.pipeline import Coder

    rows = read_corpus(Path(corpus), limit)
    if engine.startswith(("pool", "dask")):
        return run_parallel_engine(engine, rows, batch_size, actor_files, chunk)
    started = time.perf_counter()
    options: dict[str, Any] = {"prefilter": False} if engine == "dyads-all" else {}
    coder = Coder(actor_files, batch_size=batch_size, **options)  # the same batch size for every engine
    # build whatever the engine builds lazily before the clock starts
    if engine == "spacy":
        coder.nlp(WARM_UP)
    else:
        coder.warm_up()  # the gazetteer and the date parser are built on first use: load, not coding
    load_seconds = time.perf_counter() - started
    load_rss = peak_rss_mib()
    sentences: int | None = None
    ids: list[str] = []
    cpu = time.process_time()
    started = time.perf_counter()
    if engine == "spacy":
        texts = [row.get("text") or "" for row in rows]
        sentences = sum(sum(1 for _ in doc.sents) for doc in coder.nlp.pipe(texts, batch_size=batch_size))
    else:
        coder.stats.clear()
        ids = [e.event_id for e in coder.code_articles(_articles(rows))]
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    coding = engine != "spacy"
    return {"engine": engine, "workers": 1, "articles": len(rows), "sentences": sentences,
            "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "load_seconds": round(load_seconds, 3),
            "events": len(ids) if coding else None, "event_ids": _digest(ids) if coding else None,
            "ids": ids if coding else None,
            "parsed_share": (round(coder.stats["parsed"] / coder.stats["sentences"], 3)
                             if coding and coder.stats["sentences"] else None),
            "load_rss_mib": round(load_rss, 1), "peak_rss_mib": round(peak_rss_mib(), 1)}


def run_in_fresh_process(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run ``run_engine`` in a new spawned interpreter, so its memory peak is its own."""
    from concurrent.futures import ProcessPoolExecutor

    # not multiprocessing.Pool: its workers are daemons, and the pool and Dask engines start processes of their own
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        result: dict[str, Any] = pool.submit(run_engine, engine, str(args.corpus), args.n, args.batch_size,
                                             list(args.actors), args.chunk).result()
    return result


def add_rates(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Fill rates per engine, each engine's speed as a multiple of spaCy-only, and the event_id agreement."""
    by_engine = {r["engine"]: r for r in results}
    spacy = by_engine.get("spacy")
    spacy_sentences = spacy["sentences"] if spacy else None
    for r in results:
        if r["sentences"] is None:
            r["sentences"] = spacy_sentences
        r["articles_per_s"] = round(r["articles"] / r["seconds"], 2) if r["seconds"] else None
        r["sentences_per_s"] = (round(r["sentences"] / r["seconds"], 2)
                                if r["seconds"] and r["sentences"] is not None else None)
        r["cores_used"] = round(r["cpu_seconds"] / r["seconds"], 2) if r["seconds"] else None
        r["articles_per_cpu_s"] = round(r["articles"] / r["cpu_seconds"], 2) if r["cpu_seconds"] else None
        r["events_per_s"] = round(r["events"] / r["seconds"], 2) if r["seconds"] and r["events"] is not None else None
        r["events_per_1000_sentences"] = (round(1000 * r["events"] / r["sentences"], 1)
                                          if r["events"] is not None and r["sentences"] else None)
    spacy_rate = spacy["articles_per_s"] if spacy else None
    for r in results:
        r["x_spacy"] = round(r["articles_per_s"] / spacy_rate, 3) if spacy_rate and r["articles_per_s"] else None
    dyads_rate = by_engine["dyads"]["articles_per_s"] if "dyads" in by_engine else None
    ratio = round(dyads_rate / spacy_rate, 3) if spacy_rate and dyads_rate else None
    # the prefiltered engines must agree exactly; dyads-all (every sentence parsed) is compared apart
    digests = {r["engine"]: r["event_ids"] for r in results if r.get("event_ids") and r["engine"] != "dyads-all"}
    ids = {r["engine"]: set(r.pop("ids") or ()) for r in results if r.get("ids") is not None}
    prefilter = None
    if "dyads-all" in ids and "dyads" in ids:
        everything, filtered = ids["dyads-all"], ids["dyads"]
        prefilter = {"events_all_sentences": len(everything), "events_prefiltered": len(filtered),
                     "only_all_sentences": len(everything - filtered), "only_prefiltered": len(filtered - everything)}
    all_rate = by_engine["dyads-all"]["articles_per_s"] if "dyads-all" in by_engine else None
    pool1, pool2 = by_engine.get("pool-1"), by_engine.get("pool-2")
    scaling = (round(pool2["articles_per_s"] / pool1["articles_per_s"], 3)
               if pool1 and pool2 and pool1["articles_per_s"] else None)
    return {"engines": results, "dyads_to_spacy_articles_per_s": ratio, "pool2_to_pool1": scaling,
            "all_sentences_to_spacy_articles_per_s": round(all_rate / spacy_rate, 3) if spacy_rate and all_rate else None,
            "prefilter": prefilter,
            "same_event_ids": len(set(digests.values())) <= 1 if digests else None, "event_id_digests": digests}


def print_table(figures: dict[str, Any], corpus: Path) -> None:
    """Print the figures as a rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"dyads throughput: {figures['engines'][0]['articles']} articles of {corpus.name}")
    columns = [("engine", "engine"), ("workers", "workers"), ("articles", "articles"), ("sentences", "sentences"),
               ("seconds", "seconds"), ("articles/s", "articles_per_s"), ("sentences/s", "sentences_per_s"),
               ("events", "events"), ("events/s", "events_per_s"), ("events/1k sent.", "events_per_1000_sentences"),
               ("x spaCy", "x_spacy"), ("parsed", "parsed_share"), ("CPU s", "cpu_seconds"), ("cores used", "cores_used"),
               ("articles/CPU s", "articles_per_cpu_s"), ("load s", "load_seconds"),
               ("peak RSS MiB/worker", "peak_rss_mib"), ("event_ids", "event_ids")]
    for header, _ in columns:
        table.add_column(header, justify="left" if header == "engine" else "right", no_wrap=True)
    for row in figures["engines"]:
        table.add_row(*("-" if row.get(key) is None else str(row[key]) for _, key in columns))
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    console.print(f"dyads articles/s / spaCy-only articles/s = {figures['dyads_to_spacy_articles_per_s']}")
    if figures["pool2_to_pool1"] is not None:
        console.print(f"pool-2 articles/s / pool-1 articles/s = {figures['pool2_to_pool1']}")
    if figures["prefilter"] is not None:
        p = figures["prefilter"]
        console.print(f"prefilter: {p['events_prefiltered']} events, every sentence parsed: {p['events_all_sentences']}; "
                      f"only with every sentence parsed: {p['only_all_sentences']}, only prefiltered: "
                      f"{p['only_prefiltered']}")
    if figures["same_event_ids"] is not None:
        console.print(f"same event_id set in {', '.join(figures['event_id_digests'])}: {figures['same_event_ids']}")


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
    parser.add_argument("--engines", default="spacy,dyads",
                        help="comma-separated: spacy, dyads, dyads-all (no prefilter), pool-N, dask-N (%(default)s)")
    parser.add_argument("--chunk", type=int, default=32, help="articles per pool or Dask task (%(default)s)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus not found: {args.corpus} (pass --corpus)")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    for engine in engines:
        if engine not in ("spacy", "dyads", "dyads-all") and not (engine.startswith(("pool-", "dask-"))
                                                     and engine.partition("-")[2].isdigit()):
            parser.error(f"unknown engine {engine!r}: use spacy, dyads, dyads-all, pool-N or dask-N")
    results = []
    for engine in engines:
        results.append(run_in_fresh_process(engine, args))
        print(f"{engine}: {results[-1]['seconds']} s", file=sys.stderr, flush=True)
    figures = add_rates(results)
    figures.update(corpus=str(args.corpus), batch_size=args.batch_size)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print_table(figures, args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
