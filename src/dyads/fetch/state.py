"""The watcher's state in the store, so it survives restarts and crashes.

``feeds``: one row per feed: its last poll, the ETag and Last-Modified of its last answer, its last error, how
many polls in a row failed. ``pages``: one row per (article URL, feed): whether the page was stored (and as which
article), found a duplicate, or failed (and why, and whether to try again). A page's row is written in the same
transaction as its article and events, and a feed's row only after all its pages: killed at any point, a restart
refetches the feed, skips the pages already stored, and codes nothing twice.

Near-duplicates: each stored article gets a bottom-k sketch of its word 3-grams (the 32 smallest hashes); a new
article sharing half of them with a stored one is a wire copy: both are stored and coded, and the copy's ``copy_of``
names the first; their events then fall into one story (:mod:`dyads.store.stories`) with mention, source and article
counts as GDELT's NumMentions, NumSources and NumArticles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..store import EventStore

__all__ = ["NEAR_SHARED", "FeedState", "PageRow", "feed_health", "near_copies", "sketch"]

#: Hashes kept per article in its near-duplicate sketch.
SKETCH_SIZE = 32
#: Sketch hashes two wire copies share at least (an estimated Jaccard similarity of their 3-grams of 0.5).
NEAR_SHARED = 16
#: Fewest words for a sketch to mean anything (short texts collide).
_NEAR_MIN_WORDS = 40
#: Tries after which a page that keeps failing (timeouts, 5xx) is given up.
MAX_PAGE_TRIES = 3

DDL = (
    """CREATE TABLE IF NOT EXISTS feeds (url VARCHAR NOT NULL, name VARCHAR, kind VARCHAR, added_at TIMESTAMP,
        last_poll TIMESTAMP, last_ok TIMESTAMP, last_status INTEGER, etag VARCHAR, last_modified VARCHAR,
        last_error VARCHAR, errors INTEGER DEFAULT 0, polls INTEGER DEFAULT 0, entries INTEGER DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS pages (url VARCHAR NOT NULL, feed VARCHAR NOT NULL, article_id VARCHAR,
        status VARCHAR, reason VARCHAR, transient BOOLEAN, tries INTEGER, updated TIMESTAMP, fetched_at TIMESTAMP)""",
    "CREATE INDEX IF NOT EXISTS pages_url ON pages (url)",
)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Create the watcher's tables when the store has none yet."""
    for statement in DDL:
        con.execute(statement)


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the store remembers of a feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: dt.datetime | None = None
    errors: int = 0


@dataclass(frozen=True, slots=True)
class PageRow:
    """The outcome for one article URL listed by one feed."""

    url: str
    feed: str
    status: str  # stored | duplicate | failed
    article_id: str | None = None
    reason: str | None = None
    transient: bool = False
    tries: int = 1
    updated: dt.datetime | None = None
    fetched_at: dt.datetime | None = None


def feed_state(store: EventStore, url: str) -> FeedState:
    """Return what the store holds about a feed (a fresh state for a new one)."""
    rows = store.rows("SELECT url, etag, last_modified, last_poll, errors FROM feeds WHERE url = $1", [url])
    if not rows:
        return FeedState(url)
    row = rows[0]
    return FeedState(url, row["etag"], row["last_modified"], row["last_poll"], int(row["errors"] or 0))


def known_pages(store: EventStore, urls: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The best outcome recorded for each of these URLs (over all feeds): stored beats duplicate beats failed."""
    if not urls:
        return {}
    rows = store.rows(
        "SELECT url, feed, article_id, status, transient, tries, updated FROM pages WHERE list_contains($1, url) "
        "ORDER BY CASE status WHEN 'stored' THEN 0 WHEN 'duplicate' THEN 1 ELSE 2 END, fetched_at DESC",
        [list(urls)])
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        best.setdefault(row["url"], {**row, "feeds": set()})["feeds"].add(row["feed"])
    return best


def record_pages(con: duckdb.DuckDBPyConnection, pages: Sequence[PageRow]) -> None:
    """Write page outcomes (replacing earlier ones for the same URL and feed); call inside a transaction."""
    if not pages:
        return
    import pyarrow as pa

    rows = [{"url": p.url, "feed": p.feed, "article_id": p.article_id, "status": p.status, "reason": p.reason,
             "transient": p.transient, "tries": p.tries, "updated": p.updated, "fetched_at": p.fetched_at}
            for p in pages]
    keys = [f"{p.url}\x00{p.feed}" for p in pages]
    con.execute("DELETE FROM pages WHERE list_contains($1, url || chr(0) || feed)", [keys])
    con.register("_dyads_pages", pa.Table.from_pylist(rows, schema=pa.schema([
        ("url", pa.string()), ("feed", pa.string()), ("article_id", pa.string()), ("status", pa.string()),
        ("reason", pa.string()), ("transient", pa.bool_()), ("tries", pa.int32()), ("updated", pa.timestamp("us")),
        ("fetched_at", pa.timestamp("us"))])))
    try:
        con.execute("INSERT INTO pages BY NAME SELECT * FROM _dyads_pages")
    finally:
        con.unregister("_dyads_pages")


def record_feed(con: duckdb.DuckDBPyConnection, url: str, *, name: str | None, kind: str | None,
                polled: dt.datetime, status: int | None, error: str | None, entries: int,
                etag: str | None = None, last_modified: str | None = None, keep_validators: bool = False) -> None:
    """Record one poll of a feed (its validators only when it answered, so a failed poll keeps the old ones)."""
    old = con.execute("SELECT etag, last_modified, errors, polls, last_ok, added_at, kind FROM feeds WHERE url = ?",
                      [url]).fetchone()
    old_etag, old_modified, errors, polls, last_ok, added, old_kind = old or (None, None, 0, 0, None, polled, None)
    if keep_validators or error is not None:
        etag, last_modified = etag or old_etag, last_modified or old_modified
    con.execute("DELETE FROM feeds WHERE url = ?", [url])
    con.execute(
        "INSERT INTO feeds (url, name, kind, added_at, last_poll, last_ok, last_status, etag, last_modified, "
        "last_error, errors, polls, entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [url, name, kind or old_kind, added, polled, polled if error is None else last_ok, status, etag,
         last_modified, error, 0 if error is None else int(errors or 0) + 1, int(polls or 0) + 1, entries])


_HEALTH = """
SELECT * FROM (
SELECT f.url, f.name, f.kind, f.last_poll, f.last_ok, f.last_status, f.last_error, f.errors, f.polls, f.entries,
       count(DISTINCT p.article_id) FILTER (WHERE p.status IN ('stored', 'duplicate')) AS articles,
       count(*) FILTER (WHERE p.status = 'failed') AS failed_pages,
       coalesce(sum(a.n_events), 0) AS events
FROM feeds f
LEFT JOIN pages p ON p.feed = f.url
LEFT JOIN articles a ON a.id = p.article_id AND p.status = 'stored'
GROUP BY ALL
) ORDER BY errors > 0 DESC, name NULLS LAST, url
"""


def feed_health(store: EventStore) -> list[dict[str, Any]]:
    """One row per watched feed: last poll, last success, last error, errors in a row, articles, events."""
    if not store.has_table("feeds"):
        return []
    rows = store.rows(_HEALTH)
    for row in rows:
        row["status"] = "ok" if not row["errors"] else "failing"
        for key in ("articles", "failed_pages", "events", "errors", "polls", "entries"):
            row[key] = int(row[key] or 0)
    return rows


def sketch(text: str) -> list[int] | None:
    """Return the bottom-k sketch of a text: the :data:`SKETCH_SIZE` smallest 64-bit hashes of its word 3-grams,
    or None for a text too short to tell copies apart. Two texts share about Jaccard(texts) x k of them."""
    words = text.lower().split()
    if len(words) < _NEAR_MIN_WORDS:
        return None
    grams = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    hashes = {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big", signed=True)
              for g in grams}
    return sorted(hashes)[:SKETCH_SIZE]


_NEAR = """
WITH q AS (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::BIGINT[][]) AS sk),
     qh AS (SELECT id, unnest(sk) AS h FROM q),
     ah AS (SELECT id AS other, coded_at, unnest(sketch) AS h FROM articles WHERE sketch IS NOT NULL)
SELECT qh.id, arg_min(ah.other, (ah.coded_at, ah.other)) AS other FROM (
    SELECT qh.id, ah.other, any_value(ah.coded_at) AS coded_at FROM qh JOIN ah USING (h)
    WHERE qh.id <> ah.other GROUP BY ALL HAVING count(*) >= $3
) ah JOIN (SELECT DISTINCT id FROM qh) qh USING (id) GROUP BY qh.id
"""


def near_copies(store: EventStore, sketches: dict[str, list[int]]) -> dict[str, str]:
    """Return, for each article id given with its sketch, the earliest stored article it is a near-copy of."""
    if not sketches:
        return {}
    ids = list(sketches)
    rows = store.rows(_NEAR, [ids, [sketches[i] for i in ids], NEAR_SHARED])
    return {str(r["id"]): str(r["other"]) for r in rows}


def shared(a: list[int], b: list[int]) -> bool:
    """Say whether two sketches are of near-copies."""
    return len(set(a) & set(b)) >= NEAR_SHARED
