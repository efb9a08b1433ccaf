"""The issue's acceptance scenario: three feeds, 60 articles, 5 of them in two feeds, one feed broken."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from newssite import NewsSite, atom, corpus_articles, rss

from dyads.cli import main
from dyads.store import EventStore


def _three_feeds(site: NewsSite) -> list[str]:
    records = corpus_articles(55)
    first = [(f"/a/{i}", r) for i, r in enumerate(records[:30])]
    second = [(f"/b/{i}", r) for i, r in enumerate(records[30:])] + first[:5]  # 5 articles in both feeds
    for path, record in first + second:
        site.article(path, record)
    site.set("/wire/rss.xml", rss(site.base, first), content_type="application/rss+xml")
    site.set("/world/atom.xml", atom(site.base, second), content_type="application/atom+xml")
    site.set("/broken/rss.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Cut",
             content_type="application/rss+xml")
    return [site.url("/wire/rss.xml"), site.url("/world/atom.xml"), site.url("/broken/rss.xml")]


def test_three_feeds_once_then_again(site: NewsSite, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# three feeds, one broken\n" + "\n".join(_three_feeds(site)) + "\n", encoding="utf-8")
    db = tmp_path / "live.duckdb"
    args = ["watch", str(feeds), "--once", "--db", str(db), "--delay", "0", "--timeout", "2"]

    first = CliRunner().invoke(main, args)
    assert first.exit_code == 3, first.output
    assert "feed failed: " + site.url("/broken/rss.xml") in first.stderr
    assert "malformed feed XML" in first.stderr
    with EventStore(db, read_only=True) as store:
        rows = store.rows("SELECT id, url, feed, coder, n_events, fetched_at, published_at FROM articles")
        assert len(rows) == 55
        assert len({r["url"] for r in rows}) == 55
        assert all(r["coder"] and r["n_events"] is not None and r["fetched_at"] for r in rows)
        assert all("utm_" not in r["url"] for r in rows)
        assert sum(r["n_events"] for r in rows) == store.count("events") > 0
    article_hits = {path: n for path, n in site.hits.items() if path.startswith(("/a/", "/b/"))}
    assert len(article_hits) == 55 and set(article_hits.values()) == {1}

    second = CliRunner().invoke(main, args)
    assert second.exit_code == 3, second.output
    assert "feed failed: " + site.url("/broken/rss.xml") in second.stderr
    assert {path: n for path, n in site.hits.items() if path.startswith(("/a/", "/b/"))} == article_hits
    with EventStore(db, read_only=True) as store:
        assert store.count("articles") == 55

    health = CliRunner().invoke(main, ["feeds", "--db", str(db), "--format", "jsonl"])
    assert health.exit_code == 0, health.output
    import json

    rows = {r["url"]: r for r in map(json.loads, health.stdout.splitlines())}
    assert rows[site.url("/broken/rss.xml")]["status"] == "failing"
    assert rows[site.url("/broken/rss.xml")]["errors"] == 2
    assert "malformed feed XML" in rows[site.url("/broken/rss.xml")]["last_error"]
    assert rows[site.url("/wire/rss.xml")]["articles"] == 30
    assert rows[site.url("/world/atom.xml")]["articles"] == 30  # 25 of its own and 5 stored once from the wire
    assert rows[site.url("/wire/rss.xml")]["status"] == "ok"
    table = CliRunner().invoke(main, ["feeds", "--db", str(db)])
    assert table.exit_code == 0 and "3 feeds, 1 failing" in table.stdout and "malformed" in table.stdout
