"""Fixtures for the watcher's tests: the local news site (:mod:`newssite`) and a fetch policy without waits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from newssite import NewsSite, _Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # bursts of concurrent fetches must not meet a full listen queue
    daemon_threads = True


@pytest.fixture()
def site() -> Iterator[NewsSite]:
    """A fresh local news site on 127.0.0.1 (an ephemeral port), stopped after the test."""
    news = NewsSite()
    handler = type("Handler", (_Handler,), {"site": news})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    news.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield news
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def policy():  # type: ignore[no-untyped-def]
    """A fetch policy for tests: no waits between requests, short timeouts and backoff."""
    from dyads.fetch import FetchPolicy

    return FetchPolicy(user_agent="dyads-test/1.0 (tests)", timeout=1.0, retries=1, backoff=0.01, min_interval=0.0,
                       per_host=4)
