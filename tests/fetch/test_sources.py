"""Feeds files (plain, YAML, OPML), canonical URLs, and telling feeds, sitemaps and pages apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DataFileError, FetchError
from dyads.fetch import Response, article_id_for, canonical_url, parse_feeds, read_feeds, read_listing


def test_plain_feeds_file_with_comments_and_duplicates() -> None:
    specs = parse_feeds("# wires\nhttps://a.example/rss.xml  # the wire\n\nhttps://b.example/feed\n"
                        "https://a.example/rss.xml\n", "feeds.txt")
    assert [s.url for s in specs] == ["https://a.example/rss.xml", "https://b.example/feed"]
    assert specs[0].origin == "feeds.txt:2" and specs[0].kind == "auto"


def test_yaml_feeds_file_with_options() -> None:
    text = """feeds:
  - url: https://ministry.example/press.xml
    name: ministry
    every: 5
    kind: feed
    source: Ministry of Foreign Affairs
    headers: {X-Api-Key: secret}
  - https://wire.example/sitemap-news.xml
"""
    first, second = parse_feeds(text, "feeds.yaml")
    assert (first.name, first.every, first.kind, first.source) == ("ministry", 5.0, "feed",
                                                                    "Ministry of Foreign Affairs")
    assert first.headers == (("X-Api-Key", "secret"),)
    assert second.url == "https://wire.example/sitemap-news.xml" and second.every is None


def test_opml_export() -> None:
    text = """<?xml version="1.0"?><opml version="2.0"><body><outline text="News">
      <outline text="Wire" type="rss" xmlUrl="https://wire.example/rss"/>
      <outline text="Ministry" type="rss" xmlUrl="https://ministry.example/atom.xml"/></outline></body></opml>"""
    specs = parse_feeds(text, "subs.opml")
    assert [(s.name, s.url, s.kind) for s in specs] == [("Wire", "https://wire.example/rss", "feed"),
                                                        ("Ministry", "https://ministry.example/atom.xml", "feed")]


@pytest.mark.parametrize(("text", "message"), [
    ("ftp://files.example/x\n", "not an http"),
    ("- url: https://a.example/rss\n  every: -1\n", "every must be a number"),
    ("- url: https://a.example/rss\n  colour: red\n", "unknown keys"),
    ("- url: https://a.example/rss\n  kind: podcast\n", "kind 'podcast'"),
    ("<opml><body><outline xmlUrl='https://a.example/x'", "not valid OPML"),
    ("# nothing yet\n", "lists no feeds"),
])
def test_bad_feeds_files_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as caught:
        parse_feeds(text, "feeds.txt")
    assert "feeds.txt" in str(caught.value)


def test_missing_feeds_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read the feeds file"):
        read_feeds(tmp_path / "absent.txt")


@pytest.mark.parametrize(("given", "expected"), [
    ("HTTPS://News.Example.com:443/world/story?utm_source=rss&id=7#top", "https://news.example.com/world/story?id=7"),
    ("http://example.com", "http://example.com/"),
    ("https://example.com/a?b=2&a=1&fbclid=x&gclid=y", "https://example.com/a?a=1&b=2"),
    ("https://example.com:8443/a?ref=home", "https://example.com:8443/a"),
])
def test_canonical_urls(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


def test_article_ids_follow_the_canonical_url() -> None:
    assert article_id_for("https://e.com/a?utm_campaign=x") == article_id_for("https://E.com/a#c")
    assert article_id_for("https://e.com/a") != article_id_for("https://e.com/b")


def test_listing_kinds() -> None:
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>/a?utm_source=x</link></item></channel></rss>'
    kind, entries = read_listing(Response("https://e.com/rss.xml", 200, rss, "application/rss+xml"))
    assert kind == "feed" and entries[0].url == "https://e.com/a?utm_source=x"
    urlset = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.com/s</loc>'
              b'<lastmod>2024-05-01T10:00:00+02:00</lastmod></url></urlset>')
    kind, entries = read_listing(Response("https://e.com/sitemap.xml", 200, urlset, "application/xml"))
    assert kind == "sitemap" and entries[0].url == "https://e.com/s" and entries[0].updated is not None
    assert entries[0].updated.hour == 8  # stored in UTC
    page = b"<!DOCTYPE html><html><body><p>words</p></body></html>"
    assert read_listing(Response("https://e.com/news/1", 200, page, "text/html"))[0] == "page"


@pytest.mark.parametrize(("url", "body", "kind", "content_type", "message"), [
    ("https://e.com/rss.xml", b"<!DOCTYPE html><html><body>Not here</body></html>", "auto", "text/html",
     "web page .* where a feed was expected"),
    ("https://e.com/x", b"<rss version='2.0'><channel><item><title>cut", "feed", "application/rss+xml",
     "malformed feed XML"),
    ("https://e.com/logo", b"\x89PNG\r\n\x1a\n\x00\x00", "auto", "image/png", "neither a feed"),
    ("https://e.com/sitemap.xml", b"<html></html>", "sitemap", "application/xml", "sitemap"),
])
def test_listing_faults(url: str, body: bytes, kind: str, content_type: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        read_listing(Response(url, 200, body, content_type), kind)
