"""The analyst views and the briefing: figures against hand-computed ones on a small store, and every figure's
link lists exactly the events it counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest
from store_builders import actor, article, event

from dyads.analysis import Window
from dyads.report import build_briefing, render_briefing, write_briefing
from dyads.store import EventQuery, EventStore, query_sql
from dyads.views import country_map, dyad_view

MARCH = Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31))

#: (id, source, target, type, quad, day, negated). March 1987 is the window; Jan 29 - Feb 28 the period before.
ROWS = [
    ("m1", "IRN", "IRQ", "ASSAULT", 4, "1987-03-02", False),
    ("m2", "IRQ", "IRN", "ASSAULT", 4, "1987-03-10", False),
    ("m3", "IRN", "USA", "COOPERATE", 2, "1987-03-15", False),
    ("m4", "USA", "IRN", "ACCUSE", 3, "1987-03-20", False),
    ("m5", "IRNGOV", "IRNMIL", "COOPERATE", 2, "1987-03-25", False),  # within Iran: no counterpart
    ("m6", "IRN", "IRQ", "ASSAULT", 4, "1987-03-05", True),  # negated: counts nowhere
    ("p1", "IRN", "USA", "COOPERATE", 2, "1987-02-10", False),
    ("p2", "IRN", "SYR", "AGREE", 1, "1987-02-11", False),
    ("o1", "IRN", "IRQ", "ASSAULT", 4, "1986-12-01", False),  # before both periods
]


@pytest.fixture()
def small() -> Iterator[EventStore]:
    s = EventStore(":memory:")
    for eid, src, tgt, kind, quad, day, negated in ROWS:
        s.write(article(f"a{eid}", day=dt.date.fromisoformat(day)),
                [event(eid, f"a{eid}", actor(src), actor(tgt), kind, quad, date=day, negated=negated,
                       sentence=f"{src} and {tgt}: {kind.lower()}.", place="IRQ" if quad == 4 else None)])
    yield s
    s.close()


def listed(store: EventStore, href: str) -> set[str]:
    """The event ids the event list shows for a figure's link."""
    params = dict(parse_qsl(urlparse(href).query))
    query = EventQuery(actor=params.get("actor"), source=params.get("source"), target=params.get("target"),
                       other=params.get("other"), place=params.get("place"),
                       since=dt.date.fromisoformat(params["since"]) if "since" in params else None,
                       until=dt.date.fromisoformat(params["until"]) if "until" in params else None,
                       affirmed=params.get("negated") == "no", dyadic=params.get("dyadic") == "true")
    return {r["event_id"] for r in query_sql(store, query)}


def test_briefing_figures_match_the_hand_count(small: EventStore) -> None:
    b = build_briefing(small, "IRN", MARCH)
    assert (b.previous.since, b.previous.until) == (dt.date(1987, 1, 29), dt.date(1987, 2, 28))
    assert (b.events, b.previous_events, b.by) == (4, 2, "week")
    got = [(c.actor, c.events, c.cooperation, c.conflict, c.net, c.previous_events, c.previous_net, c.change)
           for c in b.counterparts]
    assert got == [("USA", 2, 1, 1, 0, 1, 1, 1), ("IRQ", 2, 0, 2, -2, 0, 0, 2), ("SYR", 0, 0, 0, 0, 1, 1, -1)]
    # the ten most intense: largest |intensity| first, newest first among equals; negated left out
    assert [e["event_id"] for e in b.key_events] == ["m2", "m1", "m5", "m4", "m3"]
    assert b.trends["periods"] == ["1987-03-02", "1987-03-09", "1987-03-16"]
    assert {line["counterpart"]: line["net"] for line in b.trends["lines"]} == {
        "USA": [None, 1, -1], "IRQ": [-1, -1, None]}
    assert [(t["cooperation"], t["conflict"]) for t in b.timeline] == [(0, 1), (1, 1), (0, 1)]


def test_every_briefing_number_lists_its_events(small: EventStore) -> None:
    b = build_briefing(small, "IRN", MARCH)
    assert listed(small, b.href) == {"m1", "m2", "m3", "m4"}
    assert listed(small, b.previous_href) == {"p1", "p2"}
    for c in b.counterparts:
        assert len(listed(small, c.href)) == c.events
        assert len(listed(small, c.previous_href)) == c.previous_events
    for t in b.timeline:
        assert len(listed(small, t["href"])) == t["events"]


def test_map_counts_each_event_once_per_country(small: EventStore) -> None:
    found = {c["country"]: c for c in country_map(small, MARCH)["countries"]}
    assert {k: (c["events"], c["cooperation"], c["conflict"], c["net"]) for k, c in found.items()} == {
        "IRN": (5, 2, 3, -1), "IRQ": (2, 0, 2, -2), "USA": (2, 1, 1, 0)}
    assert found["IRQ"]["id"] == "368" and found["IRQ"]["tone"] == -1.0
    for c in found.values():
        assert len(listed(small, c["href"])) == c["events"]
    assert country_map(small, Window(dt.date(1990, 1, 1), None))["countries"] == []


def test_dyad_view_sets_both_directions_and_the_previous_period_side_by_side(small: EventStore) -> None:
    view = dyad_view(small, "IRN", "USA", MARCH, by="month")
    now, before = view["current"], view["previous"]
    assert (now["IRN->USA"]["material_coop"], now["USA->IRN"]["verbal_conflict"]) == (1, 1)
    assert (before["IRN->USA"]["events"], before["USA->IRN"]["events"]) == (1, 0)
    assert [p["net_cooperation"] for p in view["series"]["IRN->USA"]] == [1]
    assert [e["event_id"] for e in view["key_events"]] == ["m4", "m3"]
    for d in ("IRN->USA", "USA->IRN"):
        assert len(listed(small, now[d]["href"])) == now[d]["events"]


def test_the_report_file_holds_everything_it_needs(small: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    write_briefing(small, "IRN", MARCH, path, base_url="http://127.0.0.1:8000")
    text = path.read_text(encoding="utf-8")
    assert "<script src=" not in text and '<link rel="stylesheet"' not in text
    assert "echarts" in text and '"countries"' in text and "http://127.0.0.1:8000/?actor=IRN" in text
    assert "IRN and IRQ: assault." in text  # the key events' sentences
    served = render_briefing(build_briefing(small, "IRN", MARCH), inline=False)
    assert '<script src="/static/vendor/echarts/echarts.min.js">' in served and len(served) < len(text) / 10
