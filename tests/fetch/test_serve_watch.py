"""``dyads serve --watch``: the watcher in the server's process, reads answered while it writes, the feeds page,
the event stream, and a second writer told what to do."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from newssite import NewsSite, corpus_articles, rss

from dyads.api import create_app
from dyads.api.live import LiveWatch
from dyads.fetch import FeedSpec, FetchPolicy


def _wait(check, seconds: float = 60.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def test_new_events_show_up_while_reads_go_on(site: NewsSite, tmp_path: Path, coder,  # type: ignore[no-untyped-def]
                                              policy: FetchPolicy) -> None:
    records = corpus_articles(30)
    first = [(f"/w/{i}", r) for i, r in enumerate(records[:10])]
    for path, record in first:
        site.article(path, record)
    site.set("/rss.xml", rss(site.base, first), content_type="application/rss+xml")
    site.set("/dead.xml", "gone", status=410)
    watch = LiveWatch([FeedSpec(url=site.url("/rss.xml"), name="wire"), FeedSpec(url=site.url("/dead.xml"))],
                      every=0.02, policy=policy, coder="shared")
    with TestClient(create_app(str(tmp_path / "live.duckdb"), coder=coder, watch=watch)) as client:
        dead = site.url("/dead.xml")

        def first_pass() -> dict | None:  # type: ignore[type-arg]
            v = client.get("/api/feeds").json()
            recorded = any(f["url"] == dead and f.get("last_error") for f in v["feeds"])
            return v if v["watcher"]["passes"] >= 1 and recorded else None  # both feeds' outcomes are stored

        view = _wait(first_pass, 120)
        assert view["articles"] == 10, view
        assert view["watcher"]["running"] and view["watcher"]["passes"] <= 2, view
        feeds = {f["url"]: f for f in view["feeds"]}
        assert feeds[site.url("/rss.xml")]["articles"] == 10 and feeds[site.url("/rss.xml")]["status"] == "ok"
        assert "410 gone" in feeds[site.url("/dead.xml")]["last_error"]
        before = client.get("/api/events").json()["total"]
        passes = view["watcher"]["passes"]

        more = [(f"/w/{i}", r) for i, r in enumerate(records[10:], start=10)]
        for path, record in more:
            site.article(path, record)
        site.set("/rss.xml", rss(site.base, first + more), content_type="application/rss+xml")
        statuses = []

        def grown() -> bool:
            reply = client.get("/api/events", params={"limit": 5})
            statuses.append(reply.status_code)
            return reply.json()["total"] > before and client.get("/api/health").json()["articles"] == 30

        _wait(grown, 180)
        assert set(statuses) == {200}
        assert client.get("/api/feeds").json()["watcher"]["passes"] <= passes + 3  # within about two polls
        page = client.get("/feeds")
        assert page.status_code == 200 and "wire" in page.text and "410 gone" in page.text
        assert 'id="latest"' in page.text and "/api/feeds/stream" in page.text
        with client.stream("GET", "/api/feeds/stream", params={"life": 1.5}) as stream:
            body = "".join(stream.iter_text())
        assert "event: totals" in body and '"articles": 30' in body


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_watch_process_and_a_second_writer(site: NewsSite, tmp_path: Path) -> None:
    records = corpus_articles(5)
    items = [(f"/p/{i}", r) for i, r in enumerate(records)]
    for path, record in items:
        site.article(path, record)
    site.set("/rss.xml", rss(site.base, items), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/rss.xml") + "\n", encoding="utf-8")
    db = tmp_path / "live.duckdb"
    port = _port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "dyads", "serve", "--db", str(db), "--port", str(port),
                               "--watch", str(feeds), "--every", "0.05", "--delay", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        def stored() -> bool:
            try:
                return httpx.get(f"{base}/api/health", timeout=2).json()["articles"] == 5
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                return False

        _wait(stored, 300)  # a busy machine: the server starts, its coder process loads, then it polls
        article = tmp_path / "a.txt"
        article.write_text("Talks\n\nIran condemned the United States on Monday.\n", encoding="utf-8")
        second = subprocess.run([sys.executable, "-m", "dyads", "code", str(article), "--db", str(db), "-q"],
                                capture_output=True, text=True, timeout=300, env=env)
        assert second.returncode == 1
        assert "another dyads process" in second.stderr and "/api/code?store=true" in second.stderr
        assert httpx.get(f"{base}/api/events", timeout=5).status_code == 200
    finally:
        server.terminate()
        server.wait(30)
