"""The watcher over the local site: state between polls, dedup, updated pages, and every kind of bad page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from newssite import NewsSite, atom, corpus_articles, page_html, rss, sitemap

from dyads.fetch import FeedSpec, Fetcher, FetchPolicy, Watcher
from dyads.store import EventStore


@pytest.fixture()
def store() -> Iterator[EventStore]:
    s = EventStore(":memory:")
    yield s
    s.close()


@pytest.fixture()
def watcher(store: EventStore, coder, policy: FetchPolicy) -> Iterator[Watcher]:  # type: ignore[no-untyped-def]
    with Fetcher(policy) as fetcher:
        yield Watcher(store, coder, fetcher=fetcher, batch_size=4, workers=3)


def _feed(site: NewsSite, path: str, items: list[tuple[str, dict]], **options: object) -> FeedSpec:
    for page, record in items:
        if page not in site.routes:
            site.article(page, record)
    site.set(path, rss(site.base, items), content_type="application/rss+xml", **options)
    return FeedSpec(url=site.url(path))


def test_unchanged_feed_costs_one_304(site: NewsSite, watcher: Watcher, store: EventStore) -> None:
    records = corpus_articles(3)
    spec = _feed(site, "/rss.xml", [(f"/n/{i}", r) for i, r in enumerate(records)], etag='"e1"')
    first = watcher.poll(spec)
    assert (first.stored, first.fetched, first.not_modified) == (3, 3, False)
    second = watcher.poll(spec)
    assert second.not_modified and second.fetched == 0
    assert site.conditional["/rss.xml"] == 1 and site.hits["/rss.xml"] == 2
    assert all(site.hits[f"/n/{i}"] == 1 for i in range(3))
    row = store.rows("SELECT etag, polls, errors, last_status FROM feeds")[0]
    assert row == {"etag": '"e1"', "polls": 2, "errors": 0, "last_status": 304}


def test_last_modified_and_feed_served_as_text_plain(site: NewsSite, watcher: Watcher) -> None:
    records = corpus_articles(2)
    spec = _feed(site, "/news/feed", [(f"/m/{i}", r) for i, r in enumerate(records)],
                 last_modified="Tue, 02 Jan 2024 10:00:00 GMT")
    site.routes["/news/feed"].content_type = "text/plain"  # a wrong content type: the bytes still say RSS
    assert watcher.poll(spec).stored == 2
    assert watcher.poll(spec).not_modified


def test_identical_text_under_two_addresses_is_stored_once(site: NewsSite, watcher: Watcher,
                                                           store: EventStore) -> None:
    record = corpus_articles(1)[0]
    site.article("/copy/1", record)
    site.article("/mirror/1", record)
    spec = _feed(site, "/rss.xml", [("/copy/1", record), ("/mirror/1", record)])
    report = watcher.poll(spec)
    assert (report.stored, report.duplicates) == (1, 1)
    assert store.count("articles") == 1
    reasons = {r["url"]: r for r in store.rows("SELECT url, status, article_id, reason FROM pages")}
    assert reasons[site.url("/mirror/1")]["status"] == "duplicate"
    assert reasons[site.url("/mirror/1")]["reason"].startswith("same text as web:")


def test_page_updated_after_first_fetch_is_coded_again(site: NewsSite, watcher: Watcher, store: EventStore) -> None:
    record = corpus_articles(1)[0]
    site.article("/u/1", record)
    site.set("/atom.xml", atom(site.base, [("/u/1", record)], {"/u/1": "2024-05-01T10:00:00Z"}),
             content_type="application/atom+xml")
    spec = FeedSpec(url=site.url("/atom.xml"))
    assert watcher.poll(spec).stored == 1
    assert watcher.poll(spec).fetched == 0  # listed again, not updated: not fetched
    site.set("/atom.xml", atom(site.base, [("/u/1", record)], {"/u/1": "2024-05-01T11:00:00Z"}),
             content_type="application/atom+xml")
    touched = watcher.poll(spec)  # updated in the feed, same words on the page: fetched, not coded again
    assert (touched.fetched, touched.stored, touched.duplicates) == (1, 0, 0)
    assert store.rows("SELECT status FROM pages") == [{"status": "stored"}]
    correction = {**record, "text": "Iran condemned the United States over air strikes in Syria. " + record["text"]}
    site.article("/u/1", correction)
    site.set("/atom.xml", atom(site.base, [("/u/1", correction)], {"/u/1": "2024-05-01T12:30:00Z"}),
             content_type="application/atom+xml")
    third = watcher.poll(spec)
    assert (third.fetched, third.stored) == (1, 1)
    assert site.hits["/u/1"] == 3
    rows = store.rows("SELECT id, text FROM articles")
    assert len(rows) == 1 and rows[0]["text"].startswith("Iran condemned the United States")
    events = store.rows("SELECT doc_id, type, source_country, target_country FROM events")
    assert {"doc_id": rows[0]["id"], "type": "ACCUSE", "source_country": "IRN", "target_country": "USA"} in events


def test_bad_pages_are_recorded_and_never_stop_the_feed(site: NewsSite, watcher: Watcher, store: EventStore) -> None:
    good, latin = corpus_articles(2)
    latin_page = page_html({**latin, "text": latin["text"] + "\nThe caf\u00e9 owners said prices rose."})
    latin_page = latin_page.replace(b'<meta charset="utf-8">', b"").decode("utf-8").encode("cp1252")
    site.article("/ok", good)
    site.set("/latin", latin_page, content_type="text/html")  # cp1252 with no charset declared anywhere
    site.set("/gone", "removed", status=410)
    site.set("/missing", "nope", status=404)
    site.set("/loop", location="/loop")
    site.set("/image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, content_type="image/png")
    site.set("/huge", b"<html><body>" + b"<p>word</p>" * 600_000 + b"</body></html>")
    site.set("/teaser", "<html><body><article><p>Watch the video.</p></article></body></html>")
    site.set("/broken", b"\x00\x01\x02garbage\x00" * 100, content_type="text/html")
    items = [(p, good) for p in ("/ok", "/latin", "/gone", "/missing", "/loop", "/image", "/huge", "/teaser",
                                 "/broken")]
    site.set("/rss.xml", rss(site.base, items), content_type="application/rss+xml")
    report = watcher.poll(FeedSpec(url=site.url("/rss.xml")))
    assert report.ok and report.stored == 2
    reasons = {f.url.rsplit("/", 1)[1]: f.reason for f in report.failures}
    assert set(reasons) == {"gone", "missing", "loop", "image", "huge", "teaser", "broken"}
    assert "410 gone" in reasons["gone"] and "404 not found" in reasons["missing"]
    assert "redirects" in reasons["loop"] and "content type image/png" in reasons["image"]
    assert "larger than 5 MB" in reasons["huge"] and "no article text" in reasons["teaser"]
    assert "binary" in reasons["broken"]
    texts = [r["text"] for r in store.rows("SELECT text FROM articles")]
    assert any("caf\u00e9 owners" in t for t in texts)
    again = watcher.poll(FeedSpec(url=site.url("/rss.xml")))
    assert again.fetched == 0  # final failures are not fetched again
    assert site.hits["/gone"] == 1 and site.hits["/missing"] == 1


def test_transient_page_failures_are_retried_at_the_next_poll(site: NewsSite, watcher: Watcher) -> None:
    record = corpus_articles(1)[0]
    site.article("/later", record, fail_times=2)  # 500 twice: the fetch and its one retry
    spec = _feed(site, "/rss.xml", [("/later", record)])
    first = watcher.poll(spec)
    assert first.stored == 0 and "HTTP 500" in first.failures[0].reason
    second = watcher.poll(spec)
    assert second.stored == 1 and not second.failures


def test_html_served_as_a_feed_and_malformed_xml_fail_the_feed(site: NewsSite, watcher: Watcher,
                                                               store: EventStore) -> None:
    site.set("/feed.rss", "<!DOCTYPE html><html><body>Subscribe!</body></html>")
    site.set("/cut.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><item><link>http://x",
             content_type="application/rss+xml")
    site.set("/slow.xml", rss(site.base, []), content_type="application/rss+xml", delay=2.0)
    html = watcher.poll(FeedSpec(url=site.url("/feed.rss")))
    cut = watcher.poll(FeedSpec(url=site.url("/cut.xml")))
    assert "web page" in (html.reason or "") and "malformed feed XML" in (cut.reason or "")
    errors = {r["url"]: r for r in store.rows("SELECT url, errors, last_error FROM feeds")}
    assert errors[site.url("/cut.xml")]["errors"] == 1
    assert watcher.poll(FeedSpec(url=site.url("/cut.xml"))).reason
    assert store.rows("SELECT errors FROM feeds WHERE url = $1", [site.url("/cut.xml")])[0]["errors"] == 2


def test_timeouts_fail_the_feed_with_a_reason(site: NewsSite, store: EventStore, coder,  # type: ignore[no-untyped-def]
                                               policy: FetchPolicy) -> None:
    import dataclasses

    site.set("/slow.xml", rss(site.base, []), content_type="application/rss+xml", delay=1.0)
    with Fetcher(dataclasses.replace(policy, timeout=0.2, retries=0)) as fetcher:
        report = Watcher(store, coder, fetcher=fetcher).poll(FeedSpec(url=site.url("/slow.xml")))
    assert report.reason and "timed out" in report.reason


def test_news_sitemap_index_and_single_page(site: NewsSite, watcher: Watcher, store: EventStore) -> None:
    records = corpus_articles(4)
    items = [(f"/s/{i}", r) for i, r in enumerate(records[:3])]
    for path, record in items:
        site.article(path, record)
    site.set("/sitemap-news-1.xml", sitemap(site.base, items[:2]), content_type="application/xml")
    site.set("/sitemap-news-2.xml", sitemap(site.base, items[2:]), content_type="application/xml")
    site.set("/sitemap.xml", (f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/"
                              f"0.9'><sitemap><loc>{site.base}/sitemap-news-1.xml</loc></sitemap><sitemap><loc>"
                              f"{site.base}/sitemap-news-2.xml</loc></sitemap></sitemapindex>"),
             content_type="application/xml")
    report = watcher.poll(FeedSpec(url=site.url("/sitemap.xml")))
    assert (report.kind, report.stored) == ("sitemap", 3)
    published = store.rows("SELECT published_at, date FROM articles WHERE url = $1", [site.url("/s/0")])[0]
    day = dt.date.fromisoformat(records[0]["date"])
    assert published == {"published_at": dt.datetime(day.year, day.month, day.day, 12, 0), "date": day}
    site.article("/statement", records[3], etag='"p1"')
    page = FeedSpec(url=site.url("/statement"), kind="page", source="Ministry")
    assert watcher.poll(page).stored == 1
    assert watcher.poll(page).not_modified
    assert store.rows("SELECT outlet FROM articles WHERE url = $1", [site.url("/statement")])[0]["outlet"] == "Ministry"


def test_home_page_leads_to_its_feed(site: NewsSite, watcher: Watcher) -> None:
    record = corpus_articles(1)[0]
    site.article("/h/1", record)
    site.set("/", "<html><head><link rel='alternate' type='application/rss+xml' href='/rss.xml'></head>"
                  "<body>home</body></html>")
    site.set("/rss.xml", rss(site.base, [("/h/1", record)]), content_type="application/rss+xml")
    report = watcher.poll(FeedSpec(url=site.url("/")))
    assert (report.kind, report.stored) == ("feed", 1)


def test_other_languages_are_refused(site: NewsSite, watcher: Watcher) -> None:
    report = watcher.poll(FeedSpec(url=site.url("/fr.xml"), language="fr"))
    assert "English text only" in (report.reason or "") and site.hits["/fr.xml"] == 0


WIRE = ("Iran condemned the United States on Monday over air strikes in Syria. Germany and France agreed to "
        "provide humanitarian aid to Iraq. Turkish troops attacked Kurdish fighters near Kobani, officials said. "
        "The foreign ministers will meet again next month in Geneva to discuss the crisis and the refugees who "
        "have crossed the border in recent weeks, according to diplomats familiar with the plans.")


def test_wire_copies_are_linked_into_one_story(site: NewsSite, watcher: Watcher, store: EventStore) -> None:
    from dyads.store import refresh_stories

    original = {"title": "Iran condemns strikes", "text": WIRE, "date": "2014-09-08"}
    copy = {"title": "Iran condemns US strikes", "text": WIRE.replace("according to diplomats",
                                                                       "diplomats said, according to sources"),
            "date": "2014-09-08"}
    a = _feed(site, "/a.xml", [("/wire-a/1", original)])
    b = _feed(site, "/b.xml", [("/wire-b/1", copy)])
    watcher.poll(FeedSpec(url=a.url, source="Wire A"))
    report = watcher.poll(FeedSpec(url=b.url, source="Wire B"))
    assert report.copies == 1 and store.count("articles") == 2
    rows = {r["outlet"]: r for r in store.rows("SELECT id, outlet, copy_of FROM articles")}
    assert rows["Wire B"]["copy_of"] == rows["Wire A"]["id"] and rows["Wire A"]["copy_of"] is None
    refresh_stories(store)
    story = store.rows("SELECT mentions, sources, articles FROM stories WHERE source = 'IRN' AND type = 'ACCUSE'")
    assert story == [{"mentions": 2, "sources": 2, "articles": 2}]
