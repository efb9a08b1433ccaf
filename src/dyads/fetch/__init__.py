"""Live news: read a feeds file, fetch feeds, sitemaps and pages politely, extract articles, and watch feeds into a
store (``dyads watch``, ``dyads serve --watch``). The only part of dyads that goes on the network, and only to the
addresses its operator lists and the article links they give.

Example:
    >>> from dyads.fetch import Fetcher, Watcher, read_feeds
    >>> from dyads.store import EventStore
    >>> with EventStore("live.duckdb") as store, Fetcher() as fetcher:  # doctest: +SKIP
    ...     report = Watcher(store, Coder(), fetcher=fetcher).poll_all(read_feeds("feeds.txt"))
"""

from __future__ import annotations

from .discover import Entry, read_listing
from .extract import extract_article
from .http import DEFAULT_USER_AGENT, Fetcher, FetchPolicy, Response
from .sources import FeedSpec, parse_feeds, read_feeds
from .state import feed_health
from .urls import article_id_for, canonical_url
from .watch import FeedReport, PageFailure, PassReport, Watcher

__all__ = [
    "DEFAULT_USER_AGENT",
    "Entry",
    "FeedReport",
    "FeedSpec",
    "FetchPolicy",
    "Fetcher",
    "PageFailure",
    "PassReport",
    "Response",
    "Watcher",
    "article_id_for",
    "canonical_url",
    "extract_article",
    "feed_health",
    "parse_feeds",
    "read_feeds",
    "read_listing",
]
