"""The HTTP API under load, with and without the feed watcher writing: requests/s, p50 and p99 for N clients.

Runs ``dyads serve`` on loopback over a copy of a store, twice: serving only, then ``serve --watch`` over a local
news site (127.0.0.1, in this process) whose feed grows by a batch of new articles every few seconds while the
clients read. Each client is a thread with one keep-alive connection that sends GETs from a fixed mix of API
paths as fast as answers come; every run stops at ``--requests`` answers or ``--seconds``, whichever is first.

    python benchmarks/api_load.py --db corpus.duckdb                  # 32 clients, both runs
    python benchmarks/api_load.py --db corpus.duckdb --clients 8 --requests 1000 --seconds 10

Build the 22,000-article store once (slow; nice it on a shared machine):

    nice -n 19 dyads code ../shared/corpus/reuters21578.jsonl.gz ../shared/corpus/bbc.jsonl.gz --db corpus.duckdb
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fetch"))  # the local news site of the watcher's tests

CORPUS = REPO.parent / "shared" / "corpus" / "bbc.jsonl.gz"
PATHS = ("/api/events?limit=20", "/api/events?actor=IRN&limit=20", "/api/events?type=ASSAULT&limit=20",
         "/api/events?source=USA&limit=20&offset=20", "/api/events?text=oil&limit=20", "/api/health")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(port: int, process: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"dyads serve exited: {process.stdout.read().decode() if process.stdout else ''}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("dyads serve did not start")


def _get(port: int, path: str) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    return dict(json.loads(conn.getresponse().read()))


def load(port: int, clients: int, requests: int, seconds: float, paths: tuple[str, ...],
         rate: float = 0.0) -> dict[str, Any]:
    """Run the clients (each as fast as answers come, or all together at about ``rate`` requests/s); return the
    counts and latencies (a paced request's latency counts from when it was due, so a slow server shows)."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    issued = [0]
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        k = number
        gap = clients / rate if rate else 0.0
        due = time.perf_counter() + gap * number / clients
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= requests:
                    break
                issued[0] += 1
            path = paths[k % len(paths)]
            k += 1
            started = time.perf_counter()
            if gap:
                if due > started:
                    time.sleep(due - started)
                started, due = due, due + gap
            try:
                conn.request("GET", path)
                reply = conn.getresponse()
                reply.read()
                if reply.status != 200:
                    failures.append(f"{path}: HTTP {reply.status}")
            except (OSError, http.client.HTTPException) as exc:
                failures.append(f"{path}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {"requests": len(latencies), "seconds": wall, "rps": len(latencies) / wall, "p50": pct(0.50),
            "p99": pct(0.99), "failures": len(failures), "first_failure": failures[0] if failures else None}


def _fresh_articles(n: int) -> list[dict[str, Any]]:
    """``n`` articles the store cannot hold yet: corpus texts with a new first sentence (new text hashes)."""
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            record = json.loads(line)
            if len(record["text"].split()) < 80:
                continue
            lead = f"Iran condemned the United States on Monday over the strikes, a spokesman said (update {i})."
            out.append({**record, "title": record.get("title") or f"update {i}", "date": "2014-09-08",
                        "text": lead + "\n" + record["text"]})
            if len(out) == n:
                break
    return out


def grow_store(path: Path, articles: int) -> None:
    """Copy the store's articles and their events under new ids (and text hashes) until it holds ``articles``:
    a store of that size with the coded corpus's mix of events, when coding the whole corpus takes too long."""
    from dyads.store import EventStore

    with EventStore(path) as store:
        have = store.count("articles")
        copies = 0
        while have < articles:
            copies += 1
            take = min(have, articles - store.count("articles"))
            store.con.execute(f"""
                CREATE TEMP TABLE pick AS SELECT id FROM articles WHERE id NOT LIKE '%#copy%' ORDER BY id LIMIT {take};
                INSERT INTO articles SELECT * REPLACE (id || '#copy{copies}' AS id,
                    text_hash || '#copy{copies}' AS text_hash) FROM articles WHERE id IN (SELECT id FROM pick);
                INSERT INTO events SELECT * REPLACE (event_id || '#copy{copies}' AS event_id,
                    doc_id || '#copy{copies}' AS doc_id) FROM events WHERE doc_id IN (SELECT id FROM pick);
                DROP TABLE pick;""")
            have = store.count("articles")
        store.con.execute("CHECKPOINT")


def run(db: Path, clients: int, requests: int, seconds: float, feed_articles: int, watch: bool,
        paths: tuple[str, ...], cache: int = 512, grow_to: int = 0, every: float = 0.25,
        rate: float = 0.0) -> dict[str, Any]:
    """One run over a fresh copy of the store: start the server (with the watcher), load it, stop it."""
    from newssite import NewsSite, _Handler, rss

    work = Path(tempfile.mkdtemp(prefix="dyads-load-"))
    copy = work / "served.duckdb"
    shutil.copy(db, copy)
    if Path(f"{db}.wal").exists():
        shutil.copy(f"{db}.wal", f"{copy}.wal")
    if grow_to:
        grow_store(copy, grow_to)
    port = _port()
    command = [sys.executable, "-m", "dyads", "serve", "--db", str(copy), "--port", str(port), "--cache", str(cache)]
    site = server = feeder = None
    stop = threading.Event()
    published: list[tuple[float, int]] = []  # (when, articles the feed lists)
    seen: list[tuple[float, int, int]] = []  # (when, articles, events) as /api/events and /api/health answer
    if watch:
        from http.server import ThreadingHTTPServer

        site = NewsSite()
        server = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"site": site}))
        server.daemon_threads = True
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        items = [(f"/live/{i}", r) for i, r in enumerate(_fresh_articles(feed_articles))]
        for path, record in items:
            site.article(path, record)
        site.set("/rss.xml", rss(site.base, []), content_type="application/rss+xml")
        (work / "feeds.txt").write_text(site.url("/rss.xml") + "\n", encoding="utf-8")
        command += ["--watch", str(work / "feeds.txt"), "--every", str(every), "--delay", "0"]

        def grow() -> None:  # a batch of new articles every 2 s while the clients read
            shown = 0
            while not stop.is_set() and shown < len(items):
                shown = min(len(items), shown + max(1, len(items) // 10))
                site.set("/rss.xml", rss(site.base, items[:shown]), content_type="application/rss+xml")
                published.append((time.monotonic(), shown))
                stop.wait(2.0)

        feeder = threading.Thread(target=grow, daemon=True)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait_up(port, process)
        if feeder is not None:  # the watcher has loaded its coder and polled once: writes start with the load
            deadline = time.monotonic() + 300
            while _get(port, "/api/feeds?latest=0")["watcher"]["passes"] < 1 and time.monotonic() < deadline:
                time.sleep(0.5)
        before = _get(port, "/api/health")

        def watch_store() -> None:
            while not stop.is_set():
                total = _get(port, "/api/events?limit=1")["total"]
                seen.append((time.monotonic(), _get(port, "/api/health")["articles"] - before["articles"], total))
                stop.wait(0.5)

        if feeder is not None:
            feeder.start()
            threading.Thread(target=watch_store, daemon=True).start()
        result = load(port, clients, requests, seconds, paths, rate)
        after = _get(port, "/api/health")
        result["stored"] = after["articles"] - before["articles"]
        result["new_events"] = after["events"] - before["events"]
        result["articles"] = before["articles"]
        result["visible_s"] = None
        if feeder is not None:  # the rest of the articles after the load: how long until each batch showed
            deadline = time.monotonic() + 600
            while (not seen or seen[-1][1] < feed_articles) and time.monotonic() < deadline:
                time.sleep(0.5)
            waits = [next((t for t, n, _ in seen if t >= at and n >= shown), deadline) - at for at, shown in published]
            result["visible_s"] = max(waits) if waits else None
            result["stored_total"] = seen[-1][1] if seen else 0
    finally:
        stop.set()
        process.terminate()
        process.wait(60)
        if server is not None:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, type=Path, help="the store to serve (a copy is served)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=20000, help="stop after this many answers")
    parser.add_argument("--seconds", type=float, default=30.0, help="stop the clients after this long")
    parser.add_argument("--feed-articles", type=int, default=200, help="new articles the feed gains (watch run)")
    parser.add_argument("--every", type=float, default=0.25, help="minutes between polls (watch run)")
    parser.add_argument("--rate", type=float, default=0.0,
                        help="requests/s all clients send together (0: each as fast as answers come)")
    parser.add_argument("--only", choices=["serve", "watch"], help="one run only")
    parser.add_argument("--no-cache", action="store_true", help="also run without the server's answer cache")
    parser.add_argument("--cache-only", choices=["on", "off"], help="only with (on) or without (off) the cache")
    parser.add_argument("--grow-to", type=int, default=0, metavar="N",
                        help="serve a copy grown to N articles by repeating its articles and events under new ids")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rows = []
    caches = (512, 0) if args.no_cache else (512,)
    if args.cache_only:
        caches = (512,) if args.cache_only == "on" else (0,)
    for cache in caches:
        for watch in (False, True):
            if args.only and args.only != ("watch" if watch else "serve"):
                continue
            result = run(args.db, args.clients, args.requests, args.seconds, args.feed_articles, watch, PATHS, cache,
                         args.grow_to, args.every, args.rate)
            name = ("serve --watch (writing)" if watch else "serve") + ("" if cache else " --cache 0")
            rows.append({"run": name, "clients": args.clients, **result})
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    grown = f", grown by repetition to {args.grow_to}" if args.grow_to else ""
    paced = f"; clients paced to {args.rate:g} requests/s in all" if args.rate else "; clients unpaced"
    print(f"store: {args.db}{grown} ({rows[0]['articles']} articles); paths: {', '.join(PATHS)}{paced}")
    print(f"{'run':<36}{'clients':>8}{'requests':>10}{'seconds':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
          f"{'non-200':>9}{'stored':>8}{'events':>8}")
    for r in rows:
        print(f"{r['run']:<36}{r['clients']:>8}{r['requests']:>10}{r['seconds']:>9.1f}{r['rps']:>8.0f}"
              f"{r['p50']:>8.0f}{r['p99']:>8.0f}{r['failures']:>9}{r['stored']:>8}{r['new_events']:>8}")
    for r in rows:
        if r["visible_s"] is not None:
            print(f"{r['run']}: {r.get('stored_total', 0)} of {args.feed_articles} new articles stored; the slowest "
                  f"batch showed in /api/events {r['visible_s']:.1f} s after it entered the feed "
                  f"({r['visible_s'] / (60 * args.every):.1f} polls of {args.every:g} min)")
        if r["first_failure"]:
            print(f"{r['run']}: first failure: {r['first_failure']}")


if __name__ == "__main__":
    main()
