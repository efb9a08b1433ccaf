"""State that survives: a store of schema 1 migrates; kill -9 in the middle of a poll loses nothing and codes
nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from newssite import NewsSite, corpus_articles, rss

from dyads.store import EventStore
from dyads.store.schema import ARTICLE_COLUMNS

V1_ARTICLES = ["id", "text_hash", "title", "date", "url", "outlet", "origin", "n_events", "coder", "coded_at", "text"]


def test_a_schema_1_store_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("CREATE TABLE articles (" + ", ".join(f'"{c}" {ARTICLE_COLUMNS[c]}' for c in V1_ARTICLES) + ")")
    con.execute("CREATE INDEX articles_id ON articles (id)")
    con.execute("CREATE INDEX articles_hash ON articles (text_hash)")
    con.execute("INSERT INTO articles (id, text_hash, text) VALUES ('old', 'h', 'Iran condemned Iraq.')")
    con.close()
    with EventStore(db) as store:
        assert store.rows("SELECT value FROM meta WHERE key = 'schema_version'") == [{"value": "2"}]
        assert store.rows("SELECT id, text, feed, fetched_at, copy_of FROM articles") == [
            {"id": "old", "text": "Iran condemned Iraq.", "feed": None, "fetched_at": None, "copy_of": None}]
    with EventStore(db) as store:  # a second open changes nothing
        assert store.count("articles") == 1


@pytest.mark.slow
def test_kill_9_mid_poll_loses_nothing_and_codes_nothing_twice(site: NewsSite, tmp_path: Path) -> None:
    records = corpus_articles(60)
    items = [(f"/k/{i}", r) for i, r in enumerate(records)]
    for path, record in items:
        site.article(path, record, delay=0.2)
    site.set("/rss.xml", rss(site.base, items), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/rss.xml") + "\n", encoding="utf-8")
    db = tmp_path / "live.duckdb"
    command = [sys.executable, "-m", "dyads", "watch", str(feeds), "--db", str(db), "--delay", "0", "--per-host", "2",
               "--workers", "2", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    created = None
    try:  # kill once the first batch is committed (the WAL grows past the tables' creation), mid-poll
        while time.monotonic() < deadline and process.poll() is None:
            size = wal.stat().st_size if wal.exists() else None
            created = created or size
            if size and created and size > created + 10_000:
                break
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(10)
    with EventStore(db, read_only=True) as store:
        before = {r["id"]: r["coded_at"] for r in store.rows("SELECT id, coded_at FROM articles")}
    assert 0 < len(before) < 60, f"the kill came at {len(before)} articles: not mid-poll"
    hits_before = dict(site.hits)

    again = subprocess.run([*command[:-1], "--once"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with EventStore(db, read_only=True) as store:
        after = {r["id"]: r["coded_at"] for r in store.rows("SELECT id, coded_at FROM articles")}
        assert len(after) == 60
        assert store.rows("SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events")[0] in (
            [{"n": n, "d": n} for n in [store.count("events")]])
        assert store.count("events") == store.rows("SELECT sum(n_events) AS n FROM articles")[0]["n"]
        stored_urls = {r["url"] for r in store.rows("SELECT url FROM articles WHERE list_contains($1, id)",
                                                    [list(before)])}
    assert all(after[i] == before[i] for i in before)  # what was stored before the kill was not coded again
    for url in stored_urls:
        path = url.split(site.base, 1)[1]
        assert site.hits[path] == hits_before[path]  # nor fetched again
