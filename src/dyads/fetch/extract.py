"""From a fetched article page to an :class:`~dyads.records.Article`: title, text, publication date and outlet
as trafilatura extracts them, the date the feed gave preferred, the text decoded by the charset the server or the
page declares (else UTF-8, else a confident guess).

Example:
    >>> page = Response("https://example.org/a", 200, b"<html><body><article><p>Iran condemned the strikes on "
    ...                 b"Monday, officials in Tehran said.</p></article></body></html>", "text/html")
    >>> extract_article(page).text  # doctest: +SKIP
    'Iran condemned the strikes on Monday, officials in Tehran said.'
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from ..errors import FetchError, InputError
from ..ingest.clean import clean_text, decode_bytes
from ..ingest.dates import try_parse_date
from ..records import Article
from .discover import Entry, is_html
from .http import Response
from .urls import article_id_for, canonical_url, host_of

__all__ = ["MIN_WORDS", "decode_page", "extract_article"]

log = logging.getLogger(__name__)

#: Fewest words of body text that make an article (fewer: a teaser, a video page, a paywall).
MIN_WORDS = 20
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def decode_page(response: Response) -> str:
    """Decode a page's bytes by the charset its headers or its ``<meta>`` declare, else UTF-8, else a guess.

    Raises:
        FetchError: binary content, or text in an encoding that cannot be told.
    """
    declared = response.charset
    if declared is None:
        found = _META_CHARSET.search(response.body[:4096])
        declared = found.group(1).decode("ascii").lower() if found else None
    if declared is not None:
        try:
            return response.body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %s does not decode it", response.url, declared)
    try:
        return decode_bytes(response.body, source=response.url)
    except InputError as exc:
        raise FetchError(exc.reason.replace("pass --encoding", "ask the publisher to declare its charset")
                         .replace(": give a .txt, .json, .jsonl or .html file", ""), response.url) from None


def _date(value: object) -> dt.date | None:
    text = str(value).strip() if value else ""
    return try_parse_date(text) if text else None


def extract_article(response: Response, entry: Entry | None = None, *, outlet: str | None = None,
                    fetched_at: dt.datetime | None = None) -> Article:
    """Extract the article a page holds.

    Args:
        response: the fetched page.
        entry: what the feed said about it (its title and publication date win over the page's).
        outlet: the source name the feeds file sets; else the page's site name; else its host.
        fetched_at: when it was fetched (its date stands in for a publication date nobody gives).

    Raises:
        FetchError: not a web page (an image, a PDF), undecodable, or no article text in it.
    """
    import trafilatura  # heavy; loaded only when pages are read

    if not is_html(response) and not response.content_type.startswith("text/"):
        raise FetchError(f"not a web page (content type {response.content_type or 'unknown'})", response.url)
    if b"\x00" in response.body[:8192]:
        raise FetchError("looks binary (NUL bytes), not a web page", response.url)
    html = decode_page(response)
    try:
        doc = trafilatura.bare_extraction(html, url=response.url, include_comments=False, include_tables=False,
                                          with_metadata=True)
    except Exception as exc:  # a third-party parser on arbitrary pages: its failure is this page's failure
        raise FetchError(f"cannot be parsed as HTML ({type(exc).__name__}: {exc})", response.url) from None
    body = clean_text(str(getattr(doc, "text", None) or ""))
    title = clean_text(str(entry.title)) if entry is not None and entry.title else None
    title = title or clean_text(str(getattr(doc, "title", None) or "")) or None
    head, _, rest = body.partition("\n")
    if title and head.strip() == title and rest.strip():  # trafilatura keeps the <h1> as the first line
        body = rest.strip()
    if len(body.split()) < MIN_WORDS:
        raise FetchError(f"no article text in it (fewer than {MIN_WORDS} words extracted): a teaser, video or "
                         "paywalled page", response.url)
    published = entry.published if entry is not None else None
    day = published.date() if published else _date(getattr(doc, "date", None))
    if day is None and fetched_at is not None:
        day = fetched_at.date()
    site = outlet or str(getattr(doc, "sitename", None) or "") or host_of(response.url)
    url = canonical_url(response.url)
    return Article(id=article_id_for(url), text=body, title=title, date=day, url=url, outlet=site, origin=url)
