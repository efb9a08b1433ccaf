"""Run the coder on many cores: a local process pool, or a Dask cluster.

Both engines run one stage function, :func:`code_chunk` (a list of articles in, ``(article, events)`` pairs out),
on a :class:`~dyads.pipeline.Coder` that each worker process builds once and keeps. Results come back in input
order and the events (and their ``event_id`` s) are the ones one process gives: an event's id depends on its
article, sentence, words and code only, never on which worker coded it.

A failure inside a worker comes back as :class:`~dyads.errors.WorkerError` naming the article that caused it; a
bad actor or pattern file comes back as the :class:`~dyads.errors.DataFileError` the serial coder raises.

Example:
    >>> from dyads.ingest import read_inputs
    >>> for article, events in code_parallel(read_inputs(["news.jsonl"]), workers=4):
    ...     print(article.id, len(events))
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import logging
import os
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DyadsError, UsageError, WorkerError
from .records import Article, Event

if TYPE_CHECKING:
    from .pipeline import Coder

__all__ = ["ENGINES", "CoderSpec", "DaskStats", "EngineCoder", "code_chunk", "code_dask", "code_dask_to_jsonl",
           "code_parallel", "coder_for", "peak_rss_mib", "warm"]

log = logging.getLogger(__name__)

#: Engine names the CLI offers (``--engine``).
ENGINES = ("local", "pool", "dask")

#: Articles per task: large enough to keep ``nlp.pipe`` batches full, small enough to balance the workers.
DEFAULT_CHUNK = 32

Pair = tuple[Article, list[Event]]


@dataclass(frozen=True)
class CoderSpec:
    """What a worker needs to build its :class:`~dyads.pipeline.Coder` (pickled to every worker).

    Args:
        actor_files: user actor layers, as for ``Coder``.
        pattern_files: user pattern files, as for ``Coder``.
        coder_class: a ``Coder`` subclass to build instead (importable by the workers); None for ``Coder``.
        options: further keyword arguments for the coder's constructor, as ``(name, value)`` pairs.
    """

    actor_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    coder_class: type | None = None
    options: tuple[tuple[str, Any], ...] = field(default=())

    @classmethod
    def of(cls, actor_files: Sequence[str | Path] = (), pattern_files: Sequence[str | Path] = (),
           coder_class: type | None = None, **options: Any) -> CoderSpec:
        """Build a spec from the arguments ``Coder`` takes (paths made absolute, for workers elsewhere)."""
        return cls(tuple(str(Path(p).resolve()) for p in actor_files),
                   tuple(str(Path(p).resolve()) for p in pattern_files), coder_class, tuple(sorted(options.items())))

    def build(self) -> Coder:
        """Load the coder this spec describes."""
        from .pipeline import Coder

        factory = self.coder_class or Coder
        coder: Coder = factory(actor_files=self.actor_files, pattern_files=self.pattern_files, **dict(self.options))
        coder.warm_up()
        return coder


# One coder per spec per thread of a worker process: spaCy pipelines are not made to be shared between threads.
_LOCAL = threading.local()


def coder_for(spec: CoderSpec) -> Coder:
    """Return this thread's coder for ``spec``, loading it on first use (a load error is raised on every call)."""
    cache: dict[CoderSpec, Any] = _LOCAL.__dict__.setdefault("coders", {})
    if spec not in cache:
        try:
            cache[spec] = spec.build()
        except DyadsError as exc:  # a bad data file: every task says so, not only the first
            cache[spec] = exc
    found = cache[spec]
    if isinstance(found, DyadsError):
        raise found
    coder: Coder = found
    return coder


def _group(articles: Sequence[Article], events: Iterable[Event]) -> list[Pair]:
    """Pair each article with its events (the coder yields them in article order)."""
    pairs: list[Pair] = [(a, []) for a in articles]
    at = 0
    for event in events:
        while at < len(pairs) and pairs[at][0].id != event.doc_id:
            at += 1
        if at == len(pairs):  # cannot happen with a Coder; never drop an event silently
            raise WorkerError(f"event {event.event_id} names article {event.doc_id!r}, not in its chunk",
                              event.doc_id)
        pairs[at][1].append(event)
    return pairs


def _failure(exc: BaseException, article: Article | None) -> WorkerError:
    reason = f"{type(exc).__name__}: {exc}"
    return WorkerError(reason, article.id if article is not None else None, traceback.format_exc())


def code_chunk(articles: Sequence[Article], spec: CoderSpec, default_date: dt.date | None = None) -> list[Pair]:
    """Code a chunk of articles with this worker's coder: the stage function of every engine.

    Args:
        articles: the articles, in order (a list: Dask hands a partition, the pool a chunk).
        spec: the coder to use (loaded once per worker process and kept).
        default_date: publication date for articles that carry none.

    Returns:
        ``(article, events)`` for every article, in input order (articles without events included).

    Raises:
        WorkerError: coding failed; ``article_id`` names the article that caused it.
        DataFileError: the spec's actor or pattern files are malformed.

    Example:
        >>> code_chunk([Article("a1", "Iraqi troops attacked Islamic State fighters in Mosul.")], CoderSpec())
    """
    articles = list(articles)
    coder = coder_for(spec)
    try:
        return _group(articles, coder.code_articles(articles, default_date=default_date))
    except WorkerError:
        raise
    except Exception as exc:  # noqa: BLE001 - any bug in a worker must name its article, then stop the run
        failed = exc
    # nlp.pipe batches the chunk, so the failure's article is not known: code them one by one to find it
    for article in articles:
        try:
            list(coder.code_articles([article], default_date=default_date))
        except Exception as exc:  # noqa: BLE001
            raise _failure(exc, article) from None
    raise WorkerError(f"{type(failed).__name__}: {failed} (only when coded together: articles "
                      f"{articles[0].id!r} to {articles[-1].id!r})", articles[0].id if articles else None)


def warm(spec: CoderSpec) -> int:
    """Load this worker's coder now (before timing, or to fail early); return the worker's process id."""
    coder_for(spec)
    return os.getpid()


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB (a worker's, when run on one)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _init_worker(spec: CoderSpec) -> None:
    """Pool initializer: load the coder before the first task (a load error is kept and raised by each task)."""
    with contextlib.suppress(DyadsError):
        coder_for(spec)


def code_parallel(
    articles: Iterable[Article],
    *,
    workers: int | None = None,
    default_date: dt.date | None = None,
    actor_files: Sequence[str | Path] = (),
    pattern_files: Sequence[str | Path] = (),
    chunk: int = DEFAULT_CHUNK,
    coder_class: type | None = None,
    pending: int | None = None,
) -> Iterator[Pair]:
    """Code articles on a local pool of processes; yield ``(article, events)`` in input order.

    Each worker is a fresh interpreter (``spawn``) that loads the coder once. The input is read lazily and at most
    ``pending`` chunks are in flight, so memory stays flat on inputs of any size.

    Args:
        articles: the articles to code (any iterable, read lazily).
        workers: worker processes (default: the CPU count).
        default_date: publication date for articles that carry none.
        actor_files: user actor layers, as for ``Coder``.
        pattern_files: user pattern files, as for ``Coder``.
        chunk: articles per task.
        coder_class: a ``Coder`` subclass to run instead (importable by the workers).
        pending: chunks in flight at most (default: four per worker).

    Raises:
        WorkerError: a worker failed; ``article_id`` names the article.
        DataFileError: an actor or pattern file is malformed.

    Example:
        >>> pairs = code_parallel(read_inputs(["news.jsonl"]), workers=2)
        >>> sum(len(events) for _, events in pairs)
    """
    if chunk < 1:
        raise UsageError(f"chunk must be at least 1, not {chunk}")
    workers = workers or os.cpu_count() or 1
    spec = CoderSpec.of(actor_files, pattern_files, coder_class)
    executor = _pool(spec, workers)
    try:
        yield from _pool_pairs(executor, articles, spec, default_date, chunk, pending or 4 * workers)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _pool(spec: CoderSpec, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_init_worker,
                               initargs=(spec,))


def _pool_pairs(executor: ProcessPoolExecutor, articles: Iterable[Article], spec: CoderSpec,
                default_date: dt.date | None, chunk: int, limit: int) -> Iterator[Pair]:
    queue: collections.deque[tuple[list[Article], Future[list[Pair]]]] = collections.deque()
    try:
        for part in _chunks(articles, chunk):
            queue.append((part, executor.submit(code_chunk, part, spec, default_date)))
            if len(queue) >= limit:
                yield from _result(*queue.popleft())
        while queue:
            yield from _result(*queue.popleft())
    finally:
        for _, future in queue:  # stopped early (an error, or the caller broke off): drop what is queued
            future.cancel()


def _result(part: list[Article], future: Future[list[Pair]]) -> list[Pair]:
    try:
        return future.result()
    except BrokenProcessPool as exc:  # killed (out of memory?) or crashed in C code: name the chunk
        raise WorkerError(f"a worker process died ({exc}); it was coding articles {part[0].id!r} to "
                          f"{part[-1].id!r}", part[0].id) from None


# --- Dask ------------------------------------------------------------------------------------------------------


@dataclass
class DaskStats:
    """What a Dask run wrote: articles and events coded, and the files written."""

    articles: int = 0
    events: int = 0
    files: list[str] = field(default_factory=list)


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A Dask client on ``scheduler``, or on a new LocalCluster of ``workers`` single-threaded processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency; this guards broken installs
        raise UsageError("the dask engine needs dask[distributed]: pip install 'dask[distributed]'") from exc
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def code_dask(
    articles: Iterable[Article],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    default_date: dt.date | None = None,
    actor_files: Sequence[str | Path] = (),
    pattern_files: Sequence[str | Path] = (),
    chunk: int = DEFAULT_CHUNK,
    coder_class: type | None = None,
    window: int | None = None,
) -> Iterator[Pair]:
    """Code articles on a Dask cluster (``dask.bag`` partitions through :func:`code_chunk`); yield pairs in order.

    The input is read ``window`` articles at a time; each window becomes a bag of ``chunk``-article partitions,
    and the next window is submitted before the current one's results are handed back.

    Args:
        articles: the articles to code (read lazily, a window at a time).
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
        workers: worker processes of the LocalCluster (ignored with ``scheduler``).
        default_date: publication date for articles that carry none.
        actor_files: user actor layers (paths the workers can read).
        pattern_files: user pattern files (paths the workers can read).
        chunk: articles per partition.
        coder_class: a ``Coder`` subclass to run instead (importable by the workers).
        window: articles submitted at a time (default: eight partitions per worker).

    Raises:
        WorkerError: a task failed; ``article_id`` names the article.
        DataFileError: an actor or pattern file is malformed.

    Example:
        >>> pairs = code_dask(read_inputs(["news.jsonl"]), scheduler="tcp://10.0.0.5:8786")
    """
    if chunk < 1:
        raise UsageError(f"chunk must be at least 1, not {chunk}")
    spec = CoderSpec.of(actor_files, pattern_files, coder_class)
    client, cluster = _client(scheduler, workers)
    try:
        yield from _dask_pairs(client, articles, spec, default_date, chunk, window or chunk * 8 * max(workers, 1))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_pairs(client: Any, articles: Iterable[Article], spec: CoderSpec, default_date: dt.date | None,
                chunk: int, size: int) -> Iterator[Pair]:
    import dask.bag as db

    queue: collections.deque[list[Any]] = collections.deque()
    for part in _chunks(articles, size):
        bag = db.from_sequence(part, partition_size=chunk).map_partitions(code_chunk, spec, default_date)
        queue.append(client.compute(bag.to_delayed()))
        if len(queue) >= 2:  # one window computing while the previous one is handed back
            for future in queue.popleft():
                yield from future.result()
    while queue:
        for future in queue.popleft():
            yield from future.result()


def _jsonl_lines(pairs: list[Pair]) -> list[str]:
    import json

    return [json.dumps(e.to_dict(), ensure_ascii=False) for _, events in pairs for e in events]


def _article_lines(pairs: list[Pair]) -> list[str]:
    """One manifest line per coded article (its text's hash, not the text), so ``dyads load`` stores articles
    without events too and a later ``dyads code --db`` over the same inputs skips what was coded."""
    import json

    from .store.schema import text_hash

    return [json.dumps({"id": a.id, "title": a.title, "date": a.date.isoformat() if a.date else None, "url": a.url,
                        "outlet": a.outlet, "origin": a.origin, "text_hash": text_hash(a.text),
                        "n_events": len(events), "coder": events[0].coder if events else None},
                       ensure_ascii=False) for a, events in pairs]


def code_dask_to_jsonl(
    articles: Iterable[Article],
    output_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    default_date: dt.date | None = None,
    actor_files: Sequence[str | Path] = (),
    pattern_files: Sequence[str | Path] = (),
    chunk: int = DEFAULT_CHUNK,
    window: int | None = None,
    on_window: Callable[[DaskStats], None] | None = None,
) -> DaskStats:
    """Code articles on a Dask cluster; the workers write the events as partitioned JSON lines in ``output_dir``.

    Files are ``part-WWWWW-PPPPP.jsonl`` (window, partition), one event per line in the ``dyads code`` JSONL
    format, and beside each an ``articles-WWWWW-PPPPP.jsonl`` manifest (one line per article: id, title, date,
    text hash, number of events), from which ``dyads load`` fills a store. On a real cluster ``output_dir``
    must be a path every worker can write (a shared file system); the events do not travel back to the client,
    only the counts.

    Example:
        >>> code_dask_to_jsonl(read_inputs(["day.jsonl.gz"]), "/shared/events/2024-05-01", scheduler="tcp://...")
    """
    import dask.bag as db

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    spec = CoderSpec.of(actor_files, pattern_files)
    client, cluster = _client(scheduler, workers)
    size = window or chunk * 8 * max(workers, 1)
    stats = DaskStats()
    try:
        for number, part in enumerate(_chunks(articles, size)):
            coded = db.from_sequence(part, partition_size=chunk).map_partitions(code_chunk, spec, default_date)
            lines = coded.map_partitions(_jsonl_lines)
            written = lines.to_textfiles(str(out / f"part-{number:05d}-*.jsonl"),
                                         name_function=lambda i: f"{i:05d}", encoding="utf-8", last_endline=True,
                                         compute=False)
            manifests = coded.map_partitions(_article_lines).to_textfiles(
                str(out / f"articles-{number:05d}-*.jsonl"), name_function=lambda i: f"{i:05d}", encoding="utf-8",
                last_endline=True, compute=False)
            counts = lines.count()
            import dask

            _, _, events = dask.compute(written, manifests, counts)  # one graph: each partition is coded once
            stats.articles += len(part)
            stats.events += int(events)
            stats.files.extend(sorted(str(p) for p in out.glob(f"part-{number:05d}-*.jsonl")))
            if on_window is not None:
                on_window(stats)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return stats


class EngineCoder:
    """A stand-in for :class:`~dyads.pipeline.Coder` that codes on a pool or a Dask cluster.

    It has what the store's ``code_into_store`` uses (``code_articles`` and ``coder_id``), so ``dyads code --db``
    runs on any engine. The pool or cluster lives until :meth:`close` (or the ``with`` block ends).

    Example:
        >>> with EngineCoder("pool", workers=4) as coder:
        ...     code_into_store(coder, read_inputs(["news.jsonl"]), EventStore("news.duckdb"))
    """

    def __init__(self, engine: str = "pool", *, workers: int = 2, scheduler: str | None = None,
                 actor_files: Sequence[str | Path] = (), pattern_files: Sequence[str | Path] = (),
                 chunk: int = DEFAULT_CHUNK) -> None:
        from . import __version__
        from .pipeline import RULESET

        if engine not in ("pool", "dask"):
            raise UsageError(f"unknown engine {engine!r}: use pool or dask")
        self.engine = engine
        self.workers = workers
        self.scheduler = scheduler
        self.actor_files = tuple(actor_files)
        self.pattern_files = tuple(pattern_files)
        self.chunk = chunk
        self.coder_id = f"dyads {__version__} {RULESET}"
        self._pool: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._cluster: Any = None

    def code_pairs(self, articles: Iterable[Article], default_date: dt.date | None = None) -> Iterator[Pair]:
        """Yield ``(article, events)`` in input order; the pool or cluster is started on first use and kept."""
        spec = CoderSpec.of(self.actor_files, self.pattern_files)
        chunk = self.chunk
        if isinstance(articles, Sequence):  # a small batch (the store's): split it so every worker gets a part
            chunk = max(1, min(chunk, -(-len(articles) // max(self.workers, 1))))
        if self.engine == "dask":
            if self._client is None:
                self._client, self._cluster = _client(self.scheduler, self.workers)
            return _dask_pairs(self._client, articles, spec, default_date, chunk, chunk * 8 * max(self.workers, 1))
        if self._pool is None:
            self._pool = _pool(spec, self.workers)
        return _pool_pairs(self._pool, articles, spec, default_date, chunk, 4 * self.workers)

    def code_articles(self, articles: Iterable[Article], default_date: dt.date | None = None) -> Iterator[Event]:
        """Yield events in article and sentence order, as ``Coder.code_articles`` does."""
        for _, events in self.code_pairs(articles, default_date):
            yield from events

    def start(self) -> None:
        """Start the pool or join the cluster and load the coder on every worker now (a bad data file fails here)."""
        spec = CoderSpec.of(self.actor_files, self.pattern_files)
        if self.engine == "dask":
            if self._client is None:
                self._client, self._cluster = _client(self.scheduler, self.workers)
            self._client.run(warm, spec)
            return
        if self._pool is None:
            self._pool = _pool(spec, self.workers)
        for future in [self._pool.submit(warm, spec) for _ in range(2 * self.workers)]:
            future.result()

    def worker_peak_rss_mib(self) -> list[float]:
        """Each Dask worker's peak memory in MiB (an empty list for the pool: read ``RUSAGE_CHILDREN`` instead)."""
        if self._client is None:
            return []
        return sorted(self._client.run(peak_rss_mib).values())

    def close(self) -> None:
        """Stop the pool or leave the cluster."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> EngineCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
