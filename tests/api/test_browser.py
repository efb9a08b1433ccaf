"""The web page in a real browser: Playwright drives Debian's Chromium against a live uvicorn server.

Chromium comes from Debian (``apt-get install -y chromium``; ``.ci/run`` installs it), never from
``playwright install``. Without it these tests fail in CI (``CI=true``) and are skipped elsewhere; never do they
pass without a browser. Each view is saved as a screenshot under ``test-artifacts/``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import ARTIFACTS, chromium

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def server(db: str, coder) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import uvicorn

    from dyads.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db, coder=coder), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    # the page must work offline: refuse anything not served by the app itself
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_events_page_and_filter_by_actor(page: Any) -> None:
    page.goto("/")
    assert page.locator("#count").inner_text() == "9 events"
    assert page.locator("article.event").count() == 9
    shot(page, "events")
    page.fill("#filters input[name=actor]", "TUR")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/?actor=TUR**")
    assert page.locator("#count").inner_text() == "1 event"
    assert page.locator("article.event mark.hl-trigger").inner_text() == "attacked"
    shot(page, "events-filtered")


def test_open_an_event_and_see_its_highlighted_sentence(page: Any) -> None:
    page.goto("/?actor=TUR")
    page.click("article.event a.more")
    page.wait_for_url("**/events/**")
    card = page.locator("#event article.event")
    assert card.locator("mark.hl-trigger").inner_text() == "attacked"
    assert card.locator("mark.hl-source").inner_text() == "Turkish troops"
    assert card.locator("mark.hl-target").inner_text() == "Kurdish fighters"
    assert card.locator(".badge-reported").is_visible() and card.locator(".badge-hedged").is_visible()
    colour = card.locator("mark.hl-trigger").evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "event")


def test_actor_page_draws_the_timeline(page: Any) -> None:
    page.goto("/actors/IRN")
    page.wait_for_selector("#timeline[data-drawn] svg")
    assert page.locator("#timeline").get_attribute("data-drawn") == "2"  # two months, drawn by ECharts
    assert page.locator("#counterparts tbody tr").count() == 1
    shot(page, "actor")


def test_network_view(page: Any) -> None:
    page.goto("/network")
    page.wait_for_selector("#network[data-drawn] svg")
    assert page.locator("#network").get_attribute("data-drawn") == "7"  # seven actors, ECharts force layout
    assert page.locator("#coalitions .coalition").count() >= 1
    shot(page, "network")


def test_paste_an_article_and_see_its_events(page: Any) -> None:
    page.goto("/code")
    page.fill("#code-title", "Border clash")
    page.fill("#code-date", "2014-09-08")
    page.fill("#code-text", "Turkish troops attacked Kurdish fighters near Kobani, officials said.\n"
                            "Germany and France agreed to provide humanitarian aid to Iraq.")
    page.click("#code-run")
    page.wait_for_selector("#code-events article.event")
    assert page.locator("#code-count").inner_text() == "3 events"
    assert page.locator("#code-events mark.hl-trigger").first.inner_text() == "attacked"
    assert page.locator("#code-events .badge-future").count() == 2
    shot(page, "code")
    page.fill("#code-text", " ")
    page.click("#code-run")
    page.wait_for_selector("#code-events .error-box")
    assert "blank" in page.locator("#code-events .error-box").inner_text()
