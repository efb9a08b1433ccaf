"""A local news site for the watcher's tests (the fixtures are in ``conftest.py``): an HTTP server on 127.0.0.1 serving generated RSS, Atom, sitemaps and
article pages made from corpus articles, with faults switched on per path. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import html
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "reuters21578.jsonl.gz"
SHARED = Path("/work/shared/corpus/reuters21578.jsonl.gz")


def corpus_path() -> Path | None:
    for path in (CORPUS, SHARED):
        if path.exists():
            return path
    return None


def corpus_articles(n: int, skip: int = 0, min_words: int = 60) -> list[dict]:
    """The first ``n`` corpus articles (after ``skip``) with at least ``min_words`` words and distinct texts."""
    path = corpus_path()
    if path is None:
        pytest.skip("the news corpus (../shared/corpus/reuters21578.jsonl.gz) is absent")
    out: list[dict] = []
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if len(record["text"].split()) < min_words or record["text"] in seen:
                continue
            seen.add(record["text"])
            record["title"] = record.get("title") or " ".join(record["text"].split()[:8])
            if skip:
                skip -= 1
                continue
            out.append(record)
            if len(out) == n:
                break
    return out


def page_html(record: dict, extra: str = "") -> bytes:
    """An article page: a head with title, date and site name, navigation boilerplate, the article's paragraphs."""
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in record["text"].split("\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(record['title'])}</title>"
            f"<meta property=\"og:site_name\" content=\"Local Wire\">"
            f"<meta property=\"article:published_time\" content=\"{record.get('date') or '1987-03-02'}\"></head>"
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
            f"<h1>{html.escape(record['title'])}</h1>{paragraphs}{extra}</article>"
            f"<footer>Copyright Local Wire. All rights reserved.</footer></body></html>").encode()


def rss(base: str, items: list[tuple[str, dict]], title: str = "Local Wire") -> bytes:
    """An RSS 2.0 feed listing (path, record) items."""
    body = "".join(
        f"<item><title>{html.escape(r['title'])}</title><link>{base}{path}?utm_source=rss&amp;utm_medium=feed</link>"
        f"<guid>{base}{path}</guid><pubDate>{format_datetime(_when(r))}</pubDate></item>" for path, r in items)
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title>"
            f"<link>{base}/</link><description>news</description>{body}</channel></rss>").encode()


def atom(base: str, items: list[tuple[str, dict]], updated: dict[str, str] | None = None) -> bytes:
    """An Atom feed listing (path, record) items (``updated``: an entry's updated time, by path)."""
    entries = "".join(
        f"<entry><title>{html.escape(r['title'])}</title><link href=\"{base}{path}#comments\"/><id>{base}{path}</id>"
        f"<updated>{(updated or {}).get(path) or _when(r).isoformat()}</updated></entry>" for path, r in items)
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
            f"<title>Local Atom</title><id>{base}/atom</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>"
            ).encode()


def sitemap(base: str, items: list[tuple[str, dict]]) -> bytes:
    """A Google News sitemap listing (path, record) items."""
    urls = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Local Wire</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{_when(r).strftime('%Y-%m-%dT%H:%M:%SZ')}"
        f"</news:publication_date><news:title>{html.escape(r['title'])}</news:title></news:news></url>"
        for path, r in items)
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            f"xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">{urls}</urlset>").encode()


def _when(record: dict) -> dt.datetime:
    day = dt.date.fromisoformat(record.get("date") or "1987-03-02")
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC)


@dataclass
class Route:
    """What one path answers, and its fault switches."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    fail_times: int = 0  # answer 500 this many times first
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class NewsSite:
    """The server's routes and its request log; tests set routes and read ``hits``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.lock = threading.Lock()
        self.base = ""

    def set(self, path: str, body: bytes | str = b"", **options: object) -> Route:
        route = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **options)  # type: ignore[arg-type]
        with self.lock:
            self.routes[path] = route
        return route

    def article(self, path: str, record: dict, **options: object) -> Route:
        return self.set(path, page_html(record), **options)

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    site: NewsSite

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.hits[path] += 1
            site.user_agents.add(self.headers.get("User-Agent", ""))
            route = site.routes.get(path)
            if route is not None and route.fail_times > 0:
                route.fail_times -= 1
                failing = True
            else:
                failing = False
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        if route.delay:
            time.sleep(route.delay)
        if failing:
            self._send(500, b"try later", "text/plain")
            return
        if route.location:
            self.send_response(route.status if 300 <= route.status < 400 else 302)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
            with site.lock:
                site.conditional[path] += 1
            self.send_response(304)
            self.end_headers()
            return
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        body = route.body
        if route.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(route.status, body, route.content_type, headers)

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            self.wfile.write(body)


