"""The watch loop: poll each feed on its schedule, fetch the pages it lists that are new, extract, code and store
them, and record what happened on the feed.

One poll of a feed: a conditional GET of the feed (an unchanged feed costs one 304); its article links made
canonical; links already stored (from this feed or another) skipped, failed ones retried only while the failure
may pass; the new pages fetched by a pool of threads (the fetcher keeps each host's limits) while this thread
codes them a batch at a time; each batch stored in one transaction with the pages' outcomes; the feed's state last.
A bad feed or page is recorded with its reason and never stops the others.

Example:
    >>> with EventStore("live.duckdb") as store, Fetcher() as fetcher:  # doctest: +SKIP
    ...     report = Watcher(store, Coder(), fetcher=fetcher).poll_all(read_feeds("feeds.txt"))
    ...     report.partial
    False
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import DyadsError, FetchError
from ..records import Article, Event
from ..store import EventStore, refresh_stories, text_hash
from . import state
from .discover import MAX_CHILD_SITEMAPS, Entry, feed_link, read_listing
from .extract import extract_article
from .http import Fetcher, Response
from .sources import FeedSpec
from .urls import canonical_url

if TYPE_CHECKING:
    from ..pipeline import Coder

__all__ = ["FeedReport", "PageFailure", "PassReport", "Watcher"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageFailure:
    """An article page that could not be stored, and why."""

    url: str
    reason: str


@dataclass
class FeedReport:
    """What one poll of one feed did."""

    url: str
    name: str
    kind: str | None = None
    reason: str | None = None
    status: int | None = None
    not_modified: bool = False
    entries: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    copies: int = 0
    events: int = 0
    failures: list[PageFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the feed itself answered and was read (its pages may still have failed)."""
        return self.reason is None


@dataclass
class PassReport:
    """What one pass over the feeds did."""

    feeds: list[FeedReport] = field(default_factory=list)
    stories: int = 0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        """Articles stored in this pass."""
        return sum(f.stored for f in self.feeds)

    @property
    def events(self) -> int:
        """Events stored in this pass."""
        return sum(f.events for f in self.feeds)

    @property
    def failed_feeds(self) -> list[FeedReport]:
        """The feeds that could not be fetched or read."""
        return [f for f in self.feeds if not f.ok]

    @property
    def partial(self) -> bool:
        """True when some feed or page failed (``dyads watch --once`` exits 3)."""
        return any(not f.ok or f.failures for f in self.feeds)


@dataclass(frozen=True, slots=True)
class _Fetched:
    url: str
    entry: Entry
    fetched_at: dt.datetime
    tries: int
    article: Article | None = None
    error: FetchError | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Watcher:
    """Poll feeds into a store (see the module docstring).

    Args:
        store: a writable store (the watcher's own connection or cursor: it is used from one thread).
        coder: the loaded coder.
        fetcher: the polite fetcher to share; default: one with the default policy.
        batch_size: articles coded and stored per transaction.
        workers: threads fetching and extracting pages.
        lock: held while writing (a server shares one with the requests that write).
        coder_lock: held while coding (a server shares its coder with ``POST /api/code``).
        on_batch: called with the feed's running report after each stored batch (progress).
    """

    def __init__(self, store: EventStore, coder: Coder, *, fetcher: Fetcher | None = None, batch_size: int = 16,
                 workers: int = 4, lock: Any = None, coder_lock: Any = None,
                 on_batch: Callable[[FeedReport], None] | None = None) -> None:
        self.store = store
        self.coder = coder
        self.fetcher = fetcher or Fetcher()
        self.batch_size = batch_size
        self.workers = workers
        self.lock = lock or threading.Lock()
        self.coder_lock = coder_lock or contextlib.nullcontext()
        self.on_batch = on_batch
        with self.lock:
            state.ensure(store.con)

    # -- a pass --------------------------------------------------------------------------------------------------

    def poll_all(self, specs: Sequence[FeedSpec]) -> PassReport:
        """Poll each feed once, then rebuild the stories; a feed's failure is recorded and the next one polled."""
        started = time.monotonic()
        report = PassReport()
        for spec in specs:
            try:
                report.feeds.append(self.poll(spec))
            except DyadsError:
                raise
            except Exception as exc:  # a parser's bug on one feed's bytes must not stop the others
                log.exception("polling %s failed", spec.url)
                failed = FeedReport(spec.url, spec.label, reason=f"internal error ({type(exc).__name__}: {exc}); "
                                                                 "see the log and report it")
                self._record(spec, failed, _now(), None)
                report.feeds.append(failed)
        if report.stored:
            with self.lock:
                report.stories = refresh_stories(self.store)
        report.seconds = time.monotonic() - started
        return report

    def run(self, specs: Sequence[FeedSpec], every: float, stop: threading.Event,
            on_pass: Callable[[PassReport], None] | None = None) -> None:
        """Poll every feed on its schedule (its own ``every``, else ``every`` minutes from the start of its last
        poll) until ``stop`` is set."""
        due = {spec.url: 0.0 for spec in specs}
        while not stop.is_set():
            now = time.monotonic()
            ready = [spec for spec in specs if due[spec.url] <= now]
            if ready:
                report = self.poll_all(ready)
                for spec in ready:  # on the clock from the poll's start: a long poll is followed at once
                    due[spec.url] = now + 60.0 * (spec.every or every)
                if on_pass is not None:
                    on_pass(report)
            stop.wait(max(min(due.values()) - time.monotonic(), 0.01))

    # -- one feed ------------------------------------------------------------------------------------------------

    def poll(self, spec: FeedSpec) -> FeedReport:
        """Poll one feed: fetch it, store its new articles, record its state; return what happened."""
        now = _now()
        report = FeedReport(spec.url, spec.label)
        if spec.language and not spec.language.lower().startswith("en"):
            report.reason = f"language {spec.language!r}: dyads codes English text only; drop the feed"
            self._record(spec, report, now, None)
            return report
        known = state.feed_state(self.store, spec.url)
        headers = dict(spec.headers)
        try:
            response = self.fetcher.get(spec.url, etag=known.etag, last_modified=known.last_modified,
                                        headers=headers)
            report.status = response.status
            if response.not_modified:
                report.not_modified = True
                self._record(spec, report, now, response, keep_validators=True)
                return report
            kind, entries = read_listing(response, spec.kind)
            if kind == "page" and urlsplit(spec.url).path in ("", "/"):  # a home page: follow its feed link
                found = feed_link(response)
                if found is not None:
                    kind, entries = read_listing(self.fetcher.get(found, headers=headers), "feed")
            if kind == "sitemapindex":
                entries = list(self._children(entries, headers, report))
                kind = "sitemap"
        except FetchError as exc:
            report.reason = exc.reason
            report.status = exc.status or report.status
            self._record(spec, report, now, None)
            log.warning("%s: %s", spec.label, exc.reason)
            return report
        report.kind = kind
        report.entries = len(entries)
        given = {canonical_url(response.url): response} if kind == "page" else {}
        self._pages(spec, report, entries, given, now)
        self._record(spec, report, now, response)
        return report

    def _children(self, entries: list[Entry], headers: dict[str, str], report: FeedReport) -> Iterator[Entry]:
        for child in entries[:MAX_CHILD_SITEMAPS]:
            try:
                _, found = read_listing(self.fetcher.get(child.url, headers=headers), "sitemap")
            except FetchError as exc:
                report.failures.append(PageFailure(child.url, exc.reason))
                continue
            yield from found

    def _record(self, spec: FeedSpec, report: FeedReport, polled: dt.datetime, response: Response | None,
                keep_validators: bool = False) -> None:
        with self.lock:
            self.store.con.begin()
            try:
                state.record_feed(self.store.con, spec.url, name=spec.name, kind=report.kind, polled=polled,
                                  status=report.status, error=report.reason, entries=report.entries,
                                  etag=response.etag if response is not None else None,
                                  last_modified=response.last_modified if response is not None else None,
                                  keep_validators=keep_validators)
                self.store.con.commit()
            except Exception:
                self.store.con.rollback()
                raise

    # -- its pages -----------------------------------------------------------------------------------------------

    def _todo(self, spec: FeedSpec, report: FeedReport, entries: list[Entry], given: dict[str, Response],
              now: dt.datetime) -> tuple[list[tuple[str, Entry, int]], list[state.PageRow]]:
        """Which listed pages to fetch (with their try number), and links to pages another feed already stored."""
        listed: dict[str, Entry] = {}
        for entry in entries:
            listed.setdefault(canonical_url(entry.url), entry)
        known = state.known_pages(self.store, list(listed))
        todo: list[tuple[str, Entry, int]] = []
        links: list[state.PageRow] = []
        for url, entry in listed.items():
            seen = known.get(url)
            changed = seen is not None and entry.updated is not None and (
                seen["updated"] is None or entry.updated > seen["updated"])
            if seen is None or url in given or changed:
                todo.append((url, entry, 1))
            elif seen["status"] in ("stored", "duplicate"):
                if spec.url not in seen["feeds"]:
                    links.append(state.PageRow(url, spec.url, seen["status"], seen["article_id"],
                                               updated=seen["updated"], fetched_at=now))
                    report.duplicates += 1
            elif seen["transient"] and int(seen["tries"] or 0) < state.MAX_PAGE_TRIES:
                todo.append((url, entry, int(seen["tries"] or 0) + 1))
        return todo, links

    def _pages(self, spec: FeedSpec, report: FeedReport, entries: list[Entry], given: dict[str, Response],
               now: dt.datetime) -> None:
        todo, rows = self._todo(spec, report, entries, given, now)
        if rows:
            self._store(spec, report, [], rows)
        batch: list[_Fetched] = []
        for fetched in self._fetch_all(spec, todo, given):
            report.fetched += 1
            batch.append(fetched)
            if len(batch) >= self.batch_size:
                self._store(spec, report, batch, [])
                batch = []
        if batch:
            self._store(spec, report, batch, [])

    def _fetch_all(self, spec: FeedSpec, todo: list[tuple[str, Entry, int]],
                   given: dict[str, Response]) -> Iterator[_Fetched]:
        """Fetch and extract pages on a pool of threads, in listing order, holding at most a few batches."""
        if not todo:
            return
        window = max(self.batch_size * 2, self.workers * 2)
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="dyads-fetch") as pool:
            pending: list[Future[_Fetched]] = []
            for url, entry, tries in todo:
                pending.append(pool.submit(self._fetch_one, spec, url, entry, tries, given.get(url)))
                if len(pending) >= window:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()

    def _fetch_one(self, spec: FeedSpec, url: str, entry: Entry, tries: int, response: Response | None) -> _Fetched:
        fetched_at = _now()
        try:
            page = response or self.fetcher.get(entry.url)
            article = extract_article(page, entry, outlet=spec.source, fetched_at=fetched_at)
        except FetchError as exc:
            return _Fetched(url, entry, fetched_at, tries, error=exc)
        except Exception as exc:  # an extractor's bug on one page must not stop the feed
            log.debug("extracting %s failed", url, exc_info=True)
            return _Fetched(url, entry, fetched_at, tries, error=FetchError(f"cannot extract ({exc})", url))
        return _Fetched(url, entry, fetched_at, tries, article=article)

    def _store(self, spec: FeedSpec, report: FeedReport, batch: list[_Fetched], rows: list[state.PageRow]) -> None:
        """Dedupe, code and store one batch of fetched pages with all their outcomes in one transaction."""
        rows = list(rows)
        fresh: list[_Fetched] = []
        for item in batch:
            if item.error is not None:
                rows.append(state.PageRow(item.url, spec.url, "failed", reason=item.error.reason,
                                          transient=item.error.transient, tries=item.tries,
                                          updated=item.entry.updated, fetched_at=item.fetched_at))
                report.failures.append(PageFailure(item.url, item.error.reason))
            else:
                fresh.append(item)
        hashes = {item.url: text_hash(item.article.text) for item in fresh if item.article is not None}
        stored = {r["text_hash"]: r["id"] for r in self.store.rows(
            "SELECT id, text_hash FROM articles WHERE list_contains($1, text_hash)", [list(hashes.values())])}
        to_code: list[_Fetched] = []
        for item in fresh:
            assert item.article is not None
            twin = stored.get(hashes[item.url])
            if twin == item.article.id:  # fetched again (its entry was updated) and unchanged: nothing to code
                rows.append(state.PageRow(item.url, spec.url, "stored", twin, updated=item.entry.updated,
                                          fetched_at=item.fetched_at))
                continue
            if twin is not None:  # the same words are stored already under another address
                rows.append(state.PageRow(item.url, spec.url, "duplicate", twin, reason=f"same text as {twin}",
                                          updated=item.entry.updated, fetched_at=item.fetched_at))
                report.duplicates += 1
                continue
            stored[hashes[item.url]] = item.article.id
            to_code.append(item)
        events = self._code([item.article for item in to_code if item.article is not None])
        sketches = {item.article.id: state.sketch(item.article.text) for item in to_code if item.article is not None}
        copies = state.near_copies(self.store, {k: v for k, v in sketches.items() if v is not None})
        extra: dict[str, dict[str, Any]] = {}
        for n, item in enumerate(to_code):
            article = item.article
            assert article is not None
            mine = sketches[article.id]
            copy = copies.get(article.id) or next(
                (o.article.id for o in to_code[:n] if o.article is not None and mine is not None
                 and (theirs := sketches[o.article.id]) is not None and state.shared(mine, theirs)), None)
            report.copies += copy is not None
            extra[article.id] = {"feed": spec.url, "fetched_at": item.fetched_at, "published_at": item.entry.published,
                                 "sketch": mine, "copy_of": copy}
            rows.append(state.PageRow(item.url, spec.url, "stored", article.id, updated=item.entry.updated,
                                      fetched_at=item.fetched_at))
        items = [(item.article, events.get(item.article.id, [])) for item in to_code if item.article is not None]
        with self.lock:
            report.events += self.store.write_batch(items, coder=self.coder.coder_id, extra=extra,
                                                    also=lambda con: state.record_pages(con, rows))
        report.stored += len(items)
        if self.on_batch is not None and batch:
            self.on_batch(report)

    def _code(self, articles: list[Article]) -> dict[str, list[Event]]:
        by_doc: dict[str, list[Event]] = {a.id: [] for a in articles}
        if not articles:
            return by_doc
        with self.coder_lock:
            try:
                for event in self.coder.code_articles(articles):
                    by_doc.setdefault(event.doc_id, []).append(event)
            except Exception:  # one article broke the batch: code them one by one, keep what codes
                log.warning("coding a batch failed; coding its %d articles one by one", len(articles),
                            exc_info=True)
                for article in articles:
                    by_doc[article.id] = []
                    with contextlib.suppress(Exception):
                        by_doc[article.id] = list(self.coder.code_articles([article]))
        return by_doc

