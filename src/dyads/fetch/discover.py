"""What a fetched URL is (an RSS or Atom feed, a news sitemap, or a web page) and which article links it lists.

Feeds are read by feedparser (from the bytes already fetched: it never goes on the network itself); sitemaps,
which are plain ``<urlset>`` documents and not feeds, by lxml with entities and network access off.

Example:
    >>> rss = b'<rss version="2.0"><channel><item><link>https://example.org/a</link></item></channel></rss>'
    >>> [e.url for e in read_listing(Response("https://example.org/rss", 200, rss, "application/rss+xml"))[1]]
    ['https://example.org/a']
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError
from .http import Response

__all__ = ["Entry", "is_html", "read_listing"]

#: Child sitemaps of a sitemap index read at most (news sites list their recent ones first).
MAX_CHILD_SITEMAPS = 20

_XML_TYPES = ("xml", "rss", "atom", "rdf")
_FEED_LINK = re.compile(
    rb"<link\b[^>]*\btype=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.IGNORECASE)
_HREF = re.compile(rb"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entry:
    """One article link a feed or sitemap lists, with what the listing says about it."""

    url: str
    title: str | None = None
    published: dt.datetime | None = None
    updated: dt.datetime | None = None


def _head(body: bytes) -> bytes:
    return body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def is_html(response: Response) -> bool:
    """Say whether a response is a web page (by content type, else by its first bytes)."""
    if response.content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = _head(response.body)
    return head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<rss" not in head)


def _looks_xml(response: Response) -> bool:
    head = _head(response.body)
    return any(t in response.content_type for t in _XML_TYPES) or head.startswith(
        (b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf"))


def _utc(parsed: Any) -> dt.datetime | None:
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError):
        return None


def _iso(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _sitemap(response: Response) -> tuple[str, list[Entry]] | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(response.body, parser=parser)
    except etree.XMLSyntaxError:
        return None
    name = etree.QName(root).localname
    if name not in ("urlset", "sitemapindex"):
        return None

    def text(node: Any, local: str) -> str | None:
        found = node.xpath(f".//*[local-name()='{local}']")
        return found[0].text.strip() if found and found[0].text else None

    entries = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = text(node, "loc")
        if loc:
            published = _iso(text(node, "publication_date"))
            entries.append(Entry(url=urljoin(response.url, loc), title=text(node, "title"), published=published,
                                 updated=_iso(text(node, "lastmod")) or published))
    return ("sitemapindex" if name == "sitemapindex" else "sitemap"), entries


def _feed(response: Response) -> list[Entry]:
    import feedparser

    headers = {"content-type": response.headers.get("content-type", response.content_type or "application/xml"),
               "content-location": response.url}
    parsed = feedparser.parse(response.body, response_headers=headers, sanitize_html=False)
    entries = []
    for item in parsed.entries:
        link = item.get("link") or (item.get("id") if str(item.get("id", "")).startswith("http") else None)
        if not link:
            continue
        # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a warning
        published, updated = _utc(dict.get(item, "published_parsed")), _utc(dict.get(item, "updated_parsed"))
        entries.append(Entry(url=urljoin(response.url, link), title=item.get("title"),
                             published=published or updated, updated=updated or published))
    if not entries and (parsed.bozo or not parsed.version):  # a feed cut short keeps its version, loses its links
        problem = parsed.get("bozo_exception")
        why = f"malformed feed XML ({problem})" if problem else "no RSS or Atom entries in it"
        raise FetchError(f"not a readable feed: {why}: check the address, or ask the publisher", response.url)
    return entries


def feed_link(response: Response) -> str | None:
    """Return the feed a web page announces (``<link rel="alternate" type="application/rss+xml">``), if any."""
    for tag in _FEED_LINK.findall(response.body[:200_000]):
        href = _HREF.search(tag)
        if href:
            return urljoin(response.url, href.group(1).decode("utf-8", errors="replace").strip())
    return None


def read_listing(response: Response, kind: str = "auto") -> tuple[str, list[Entry]]:
    """Tell what a response is and list its article links: ``("feed" | "sitemap" | "sitemapindex", entries)``, or
    ``("page", [the page itself])`` for a web page (an article to code).

    Args:
        response: what the server sent for the URL of a feeds-file entry.
        kind: what the operator said it is (``auto`` trusts the content).

    Raises:
        FetchError: a feed or sitemap that cannot be read, HTML where a feed was expected, or content of another
            kind altogether (an image, a PDF).
    """
    if kind in ("auto", "sitemap") and _looks_xml(response):
        found = _sitemap(response)
        if found is not None:
            return found
        if kind == "sitemap":
            raise FetchError("not a readable sitemap (no <urlset> or <sitemapindex>): check the address", response.url)
    if is_html(response):
        if kind in ("feed", "sitemap") or (kind == "auto" and _feed_address(response.url)):
            wanted = "feed" if kind == "auto" else kind
            raise FetchError(f"sent a web page ({response.content_type or 'HTML'}) where a {wanted} was expected: "
                             "check the address (the site's feed link is in its page's <head>)", response.url)
        return "page", [Entry(url=response.url)]
    if kind == "page":
        raise FetchError(f"not a web page (content type {response.content_type or 'unknown'})", response.url)
    if _looks_xml(response) or kind == "feed":
        return "feed", _feed(response)
    raise FetchError(f"neither a feed, a sitemap nor a web page (content type {response.content_type or 'unknown'}):"
                     " check the address", response.url)


def _feed_address(url: str) -> bool:
    """Whether a URL reads like a feed's (…/rss, …/feed/, ….xml, ….atom): HTML there is a fault, not an article."""
    path = urlsplit(url).path.lower().rstrip("/")
    last = path.rsplit("/", 1)[-1]
    return last.endswith((".xml", ".rss", ".atom", ".rdf")) or last in ("rss", "feed", "atom", "feeds", "rss2")
