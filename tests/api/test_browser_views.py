"""The analyst views in a real browser (Debian's Chromium through Playwright, as in test_browser.py): the map
renders and a click on a country opens its actor page, the dyad page draws both directions, the network zooms,
and the briefing file opens offline: no request leaves it. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_browser import ARTIFACTS, browser, page, server, shot  # noqa: F401 - fixtures shared with test_browser

from dyads.analysis import Window
from dyads.report import write_briefing
from dyads.store import EventStore

pytestmark = pytest.mark.browser

IRAN = [53.7, 32.4]  # lon, lat inside Iran


def test_map_renders_and_a_click_opens_the_actor_page(page: Any) -> None:  # noqa: F811
    page.goto("/map")
    page.wait_for_selector("#map[data-drawn] svg")
    assert int(page.locator("#map").get_attribute("data-drawn")) >= 6  # countries with events, shaded
    assert page.locator("#map svg path").count() > 150  # the vendored country shapes
    x, y = page.evaluate(f"echarts.getInstanceByDom(document.getElementById('map')).convertToPixel("
                         f"{{geoIndex: 0}}, {IRAN})")
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_function("document.querySelector('#map').innerText.includes('IRN')")  # the tooltip
    assert "events" in page.locator("#map").inner_text()
    shot(page, "map")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/actors/IRN")
    page.wait_for_selector("#timeline[data-drawn] svg")


def test_map_window_keeps_to_its_period(page: Any) -> None:  # noqa: F811
    page.goto("/map?since=2014-10-01&measure=net")
    page.wait_for_selector("#map[data-drawn] svg")
    assert page.locator("#map").get_attribute("data-drawn") == "2"
    assert page.locator("#countries tbody tr").count() == 2
    assert page.locator(".window-rule").inner_text() == "since 2014-10-01"


def test_dyad_page_draws_both_directions(page: Any) -> None:  # noqa: F811
    page.goto("/dyads/IRN/USA?by=month")
    page.wait_for_selector("#dyad-1[data-drawn] svg")
    page.wait_for_selector("#dyad-2[data-drawn]")
    assert page.locator("#dyad-1").get_attribute("data-drawn") == "2"  # September and October
    assert page.locator("#shifts li").first.inner_text().endswith("conflict->cooperation")
    assert page.locator("#key-events li").count() >= 2
    shot(page, "dyad")
    page.click("#periods a >> nth=0")
    page.wait_for_url("**/?**source=IRN**")
    assert page.locator("article.event").count() >= 1


def test_network_zooms(page: Any) -> None:  # noqa: F811
    page.goto("/network?since=2014-09-01")
    page.wait_for_selector("#network[data-drawn] svg")
    chart = "echarts.getInstanceByDom(document.getElementById('network'))"
    before = page.evaluate(f"{chart}.getOption().series[0].zoom")
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"{chart}.getOption().series[0].zoom !== {before}")
    shot(page, "network-zoomed")


def test_report_page_on_the_server(page: Any) -> None:  # noqa: F811
    page.goto("/report?actor=IRN&since=2014-10-01&until=2014-10-31")
    page.wait_for_selector("body[data-ready='1']")
    for chart in ("#brief-map", "#brief-counterparts", "#brief-trends", "#brief-timeline"):
        assert page.locator(f"{chart} svg").count() >= 1, chart
    shot(page, "report-served")


def test_report_file_opens_offline(browser: Any, db: str, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "brief.html"
    with EventStore(db, read_only=True) as store:
        write_briefing(store, "IRN", Window(dt.date(2014, 9, 1), dt.date(2014, 10, 31)), path,
                       base_url="http://127.0.0.1:8000")
    context = browser.new_context(viewport={"width": 1100, "height": 900}, offline=True)
    tab = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("pageerror", lambda exc: errors.append(f"{exc} {exc.stack}"[:800]))
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    tab.goto(path.as_uri())
    tab.wait_for_selector("body[data-ready='1']")
    for chart in ("#brief-map", "#brief-counterparts", "#brief-trends", "#brief-timeline"):
        assert tab.locator(f"{chart} svg").count() >= 1, chart
    assert tab.locator("#brief-map svg path").count() > 150
    assert tab.locator("#counterparts tbody tr").count() >= 1 and tab.locator("#key-events li").count() >= 1
    (ARTIFACTS / "brief.html").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    tab.screenshot(path=str(ARTIFACTS / "report-file.png"), full_page=True)
    tab.emulate_media(media="print")
    tab.pdf(path=str(ARTIFACTS / "report-file.pdf"), format="A4")  # print-ready: it lays out on A4
    context.close()
    assert requests == [path.as_uri()], f"requests left the file: {requests}"
    assert not errors, errors
