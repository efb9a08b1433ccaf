"""The live feeds page in Chromium (Debian's, through Playwright): the feeds' health, and new events appearing
without a reload while ``serve --watch`` stores them. Skipped without Chromium outside CI, as tests/api's."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, chromium
from newssite import NewsSite, corpus_articles, rss

from dyads.fetch import FeedSpec, FetchPolicy

pytestmark = pytest.mark.browser



@pytest.fixture()
def browser() -> Iterator[Any]:
    yield from chromium()


def test_feeds_page_shows_health_and_new_events_live(site: NewsSite, tmp_path: Path, coder,  # type: ignore[no-untyped-def]
                                                     policy: FetchPolicy, browser: Any) -> None:
    import uvicorn

    from dyads.api import create_app
    from dyads.api.live import LiveWatch

    records = [{**r, "date": "2014-09-08", "text": f"Iran condemned the United States on Monday over air strikes in "
                f"Syria (report {i}).\n" + r["text"]} for i, r in enumerate(corpus_articles(8))]
    first = [(f"/l/{i}", r) for i, r in enumerate(records[:4])]
    for path, record in first:
        site.article(path, record)
    site.set("/rss.xml", rss(site.base, first), content_type="application/rss+xml")
    site.set("/broken.xml", "<html><body>not a feed</body></html>")
    watch = LiveWatch([FeedSpec(url=site.url("/rss.xml"), name="local wire"),
                       FeedSpec(url=site.url("/broken.xml"), name="broken")], every=0.02, policy=policy, coder="shared")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(str(tmp_path / "live.duckdb"), coder=coder, watch=watch)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while watch.passes < 1:
            assert time.monotonic() < deadline, "the watcher did not poll"
            time.sleep(0.1)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto("/feeds")
        rows = page.locator("#feeds tbody tr")
        assert rows.count() == 2
        failing = page.locator("#feeds tbody tr.failing")
        assert failing.count() == 1 and "web page" in failing.inner_text() and "broken" in failing.inner_text()
        assert "4 articles" in page.locator("#totals").inner_text()
        page.screenshot(path=str(ARTIFACTS / "feeds.png"), full_page=True)

        more = [(f"/l/{i}", r) for i, r in enumerate(records[4:], start=4)]
        for path, record in more:
            site.article(path, record)
        site.set("/rss.xml", rss(site.base, first + more), content_type="application/rss+xml")
        page.wait_for_function("document.getElementById('totals').innerText.includes('8 articles')", timeout=60_000)
        ok = page.locator("#feeds tbody tr:not(.failing)")
        assert ok.locator("td").nth(7).inner_text() == "8"
        assert int(ok.locator("td").nth(8).inner_text()) >= 8  # an ACCUSE event in each
        assert page.locator("#latest tbody tr").count() >= 8
        assert "ACCUSE" in page.locator("#latest").inner_text()
        page.screenshot(path=str(ARTIFACTS / "feeds-live.png"), full_page=True)
        context.close()
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        server.should_exit = True
        thread.join(30)
