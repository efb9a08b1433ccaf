"""Code articles straight into a store, a batch of articles per transaction, skipping those already stored."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Article, Event
from .schema import text_hash
from .store import EventStore
from .stories import refresh_stories

if TYPE_CHECKING:
    from ..pipeline import Coder

__all__ = ["CodingStats", "code_into_store"]


@dataclass
class CodingStats:
    """What one run stored: articles coded, articles skipped as already stored, events written, stories."""

    articles: int = 0
    skipped: int = 0
    events: int = 0
    stories: int = 0


def code_into_store(
    coder: Coder,
    articles: Iterable[Article],
    store: EventStore,
    *,
    default_date: dt.date | None = None,
    batch_size: int = 16,
    resume: bool = True,
    on_batch: Callable[[CodingStats], None] | None = None,
) -> CodingStats:
    """Code articles and store each batch of them with its events in one transaction.

    Args:
        coder: the loaded :class:`~dyads.pipeline.Coder`.
        articles: the articles to code (read lazily).
        store: a writable :class:`EventStore`.
        default_date: publication date for articles that carry none.
        batch_size: articles per transaction.
        resume: skip articles the store already holds (same id or same text); off, they are coded again and
            their events replaced.
        on_batch: called with the running totals after each committed batch (progress bars).

    Example:
        >>> stats = code_into_store(Coder(), read_inputs(["news.jsonl"]), EventStore("news.duckdb"))
    """
    stats = CodingStats()

    def counted(stream: Iterable[Article]) -> Iterable[Article]:
        for article in stream:
            stats.articles += 1
            yield article

    def unstored(stream: Iterable[Article]) -> Iterable[Article]:
        ids, hashes = store.done_ids(), store.done_hashes()
        for article in stream:
            if article.id in ids or (article.text.strip() and text_hash(article.text) in hashes):
                stats.skipped += 1
                continue
            yield article

    iterator = iter(counted(unstored(articles) if resume else articles))
    while True:
        batch = list({a.id: a for a in itertools.islice(iterator, batch_size)}.values())
        if not batch:
            break
        by_doc: dict[str, list[Event]] = {a.id: [] for a in batch}
        for event in coder.code_articles(batch, default_date=default_date):
            by_doc.setdefault(event.doc_id, []).append(event)
        stats.events += store.write_batch([(a, by_doc[a.id]) for a in batch], coder=coder.coder_id)
        if on_batch is not None:
            on_batch(stats)
    stats.stories = refresh_stories(store)
    return stats
