"""``dyads serve --watch``: the feed watcher running in the server's process, on a cursor of its connection.

The watcher thread polls the feeds, codes what is new and writes it under the app's write lock; requests read on
their own cursors meanwhile (DuckDB MVCC: a reader sees the last committed state). The coding runs in a worker
process of its own (``coder="process"``, the default): spaCy holds the interpreter's lock for long stretches, and
in the server's process it would stall the answers to requests while a batch is parsed. ``coder="shared"`` codes
in the server's process with the app's coder instead (tests; taking turns with ``POST /api/code`` on its lock).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import DyadsError

if TYPE_CHECKING:
    from ..fetch import FeedSpec, FetchPolicy, PassReport
    from .app import ApiState

__all__ = ["LiveWatch"]

log = logging.getLogger(__name__)


class LiveWatch:
    """Run a :class:`~dyads.fetch.Watcher` over the app's store in a background thread while the app runs.

    Args:
        specs: the feeds (from the feeds file).
        every: minutes between polls of a feed.
        policy: the fetcher's manners and limits.
        workers: threads fetching pages.
        coder: ``"process"`` (a worker process codes; the server's answers do not wait on it) or ``"shared"``.

    Example:
        >>> app = create_app("live.duckdb", watch=LiveWatch(read_feeds("feeds.txt"), 15.0))  # doctest: +SKIP
    """

    def __init__(self, specs: Sequence[FeedSpec], every: float, policy: FetchPolicy | None = None,
                 workers: int = 4, coder: str = "process") -> None:
        self.specs = list(specs)
        self.coder = coder
        self.every = every
        self.policy = policy
        self.workers = workers
        self.passes = 0
        self.last_pass: PassReport | None = None
        self.last_pass_at: dt.datetime | None = None
        self.error: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while the watcher thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self, state: ApiState) -> None:
        """Start polling (the app's lifespan calls this when the server starts)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(state,), name="dyads-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the watcher to stop after its current pass and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _passed(self, report: PassReport) -> None:
        self.passes += 1
        self.last_pass = report
        self.last_pass_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for feed in report.failed_feeds:
            log.warning("feed %s failed: %s", feed.name, feed.reason)

    def _run(self, state: ApiState) -> None:
        from ..fetch import Fetcher, Watcher
        from ..store import EventStore

        pool: Any = None
        coder: Any = None
        try:
            if self.coder == "process":
                from ..parallel import EngineCoder

                coder = pool = EngineCoder("pool", workers=1)
                pool.start()
                coder_lock = None
            else:
                with state.coder() as shared:  # loads it once; coding then takes turns on the same lock
                    coder = shared
                coder_lock = state.coder_lock
            store = EventStore.attach(state.open().con.cursor(), state.db_path)
            with store, Fetcher(self.policy) as fetcher:
                watcher = Watcher(store, coder, fetcher=fetcher, workers=self.workers, lock=state.write_lock,
                                  coder_lock=coder_lock)
                while not self._stop.is_set():
                    try:
                        watcher.run(self.specs, self.every, self._stop, on_pass=self._passed)
                    except DyadsError as exc:  # the store failed a write: say so, wait a poll, try again
                        self.error = str(exc)
                        log.error("the watcher stopped a pass: %s", exc)
                        self._stop.wait(60.0 * self.every)
        except Exception as exc:  # pragma: no cover - shown on /feeds rather than lost in a thread
            self.error = f"the watcher stopped: {type(exc).__name__}: {exc}"
            log.exception("the watcher stopped")
        finally:
            if pool is not None:
                pool.close()

    def status(self) -> dict[str, Any]:
        """What the feeds page shows about the watcher itself."""
        last = self.last_pass
        return {"running": self.running, "every": self.every, "feeds": len(self.specs), "passes": self.passes,
                "last_pass_at": self.last_pass_at.isoformat() if self.last_pass_at else None,
                "last_pass": None if last is None else {"stored": last.stored, "events": last.events,
                                                        "failed_feeds": len(last.failed_feeds),
                                                        "seconds": round(last.seconds, 2)},
                "error": self.error}
