"""The watch loop's speed and memory: articles per minute through fetch, extract, code and store from a local news
site, beside ``dyads code`` on the same texts in the same run, and the resident memory after every poll.

The site (127.0.0.1, in this process) serves ``--feeds`` RSS feeds of corpus articles as web pages; each time a
feed is fetched it lists the next ``--per-poll`` articles and the last 10 it listed before (a real feed's window:
the old ones must be skipped, not fetched again). The watcher runs in a fresh process (``spawn``) polling until
every article is stored; then ``code`` runs in another fresh process: ``code_into_store`` over the same articles
as the corpus gives them (no HTTP, no extraction). Rates leave out loading the model (timed apart).

    python benchmarks/watch.py                   # 5,000 Reuters-21578 articles, 10 feeds, 25 new per poll
    python benchmarks/watch.py -n 500 --json     # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fetch"))  # the local news site of the watcher's tests
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
OVERLAP = 10


def _articles(corpus: Path, n: int) -> list[dict[str, Any]]:
    out, seen = [], set()
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if len(record["text"].split()) < 40 or record["text"] in seen:
                continue
            seen.add(record["text"])
            record["title"] = record.get("title") or " ".join(record["text"].split()[:8])
            out.append(record)
            if len(out) == n:
                break
    return out


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def _watch_child(feeds: list[str], total: int, db: str, in_process: bool, queue: Any) -> None:
    """Poll until every article is stored; ``in_process``: code here (``dyads watch``), else in a worker process
    (as ``dyads serve --watch``)."""
    from dyads.fetch import FeedSpec, Fetcher, FetchPolicy, Watcher
    from dyads.parallel import EngineCoder
    from dyads.pipeline import Coder
    from dyads.store import EventStore

    started = time.perf_counter()
    coder: Any
    if in_process:
        coder = Coder()
        coder.warm_up()
    else:  # as `dyads serve --watch` does: a worker process codes while this one fetches and extracts
        coder = EngineCoder("pool", workers=1)
        coder.start()
    load = time.perf_counter() - started
    policy = FetchPolicy(user_agent="dyads-bench", min_interval=0.0, per_host=4, timeout=30)
    specs = [FeedSpec(url=u) for u in feeds]
    samples: list[tuple[int, int, float]] = []
    with EventStore(db) as store, Fetcher(policy) as fetcher:
        watcher = Watcher(store, coder, fetcher=fetcher, workers=4)
        started = time.perf_counter()
        polls = 0
        while store.count("articles") < total and polls < 10_000:
            report = watcher.poll_all(specs)
            polls += 1
            samples.append((polls, store.count("articles"), _rss_mb()))
            if not any(f.fetched for f in report.feeds):  # every feed lists only what was seen: done
                break
        seconds = time.perf_counter() - started
        stored, events = store.count("articles"), store.count("events")
    if not in_process:
        coder.close()
    queue.put({"load": load, "seconds": seconds, "articles": stored, "events": events, "polls": polls,
               "samples": samples, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _code_child(records: list[dict[str, Any]], db: str, queue: Any) -> None:
    from dyads.pipeline import Coder
    from dyads.records import Article
    from dyads.store import EventStore, code_into_store

    started = time.perf_counter()
    coder = Coder()
    coder.warm_up()
    load = time.perf_counter() - started
    articles = [Article(id=r["id"], text=r["text"], title=r["title"],
                        date=dt.date.fromisoformat(r["date"]) if r.get("date") else None) for r in records]
    started = time.perf_counter()
    with EventStore(db) as store:
        stats = code_into_store(coder, articles, store)
    queue.put({"load": load, "seconds": time.perf_counter() - started, "articles": stats.articles,
               "events": stats.events, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _site(records: list[dict[str, Any]], feeds: int, per_poll: int) -> tuple[Any, list[str]]:
    from newssite import NewsSite, _Handler, rss

    site = NewsSite()
    shares = [records[k::feeds] for k in range(feeds)]
    polled = [0] * feeds

    class Handler(_Handler):
        def do_GET(self) -> None:  # noqa: N802 - a feed's window moves on at each fetch
            path = self.path.split("?", 1)[0]
            if path.startswith("/feed/"):
                k = int(path.rsplit("/", 1)[1].split(".")[0])
                with site.lock:
                    end = min(len(shares[k]), (polled[k] + 1) * per_poll)
                    polled[k] += 1
                items = [(f"/a/{k}/{i}", shares[k][i]) for i in range(max(0, end - per_poll - OVERLAP), end)]
                body = rss(site.base, items)
                self._send(200, body, "application/rss+xml")
                return
            super().do_GET()

    Handler.site = site
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    for k, share in enumerate(shares):
        for i, record in enumerate(share):
            site.article(f"/a/{k}/{i}", record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, [site.url(f"/feed/{k}.xml") for k in range(feeds)]


def _run(target: Any, *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=5000, help="articles")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--per-poll", type=int, default=25, help="new articles a feed lists at each fetch")
    parser.add_argument("--coder-process", action="store_true",
                        help="code in a worker process, as `dyads serve --watch` does (default: in the watcher's "
                             "process, as `dyads watch`)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    records = _articles(args.corpus, args.n)
    server, feeds = _site(records, args.feeds, args.per_poll)
    work = Path(tempfile.mkdtemp(prefix="dyads-watch-bench-"))
    try:
        watched = _run(_watch_child, feeds, len(records), str(work / "watch.duckdb"),
                       not args.coder_process)
        coded = _run(_code_child, records, str(work / "code.duckdb"))
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    rows = [("watch (fetch+extract+code+store)", watched), ("dyads code (code+store)", coded)]
    for _, r in rows:
        r["per_min"] = 60 * r["articles"] / r["seconds"]
    ratio = watched["per_min"] / coded["per_min"]
    if args.json:
        print(json.dumps({"watch": watched, "code": coded, "ratio": ratio}, indent=1))
        return
    print(f"{len(records)} articles of {args.corpus.name}; {args.feeds} feeds, {args.per_poll} new per poll "
          f"(+{OVERLAP} seen before)")
    print(f"{'run':<34}{'articles':>9}{'events':>8}{'load s':>8}{'seconds':>9}{'art/min':>9}{'peak MB':>9}")
    for name, r in rows:
        print(f"{name:<34}{r['articles']:>9}{r['events']:>8}{r['load']:>8.1f}{r['seconds']:>9.1f}"
              f"{r['per_min']:>9.0f}{r['peak_mb']:>9.0f}")
    print(f"watch / code: {ratio:.2f}")
    samples = watched["samples"]
    marks = sorted({max(1, round(len(samples) * q)) for q in (0.1, 0.25, 0.5, 0.75, 1.0)})
    print("watcher RSS after poll (articles stored): " + ", ".join(
        f"poll {samples[m - 1][0]} ({samples[m - 1][1]}): {samples[m - 1][2]:.0f} MB" for m in marks))


if __name__ == "__main__":
    main()
