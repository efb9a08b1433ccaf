"""Time windows: relations and coalitions of one period, blocs that never mix periods, rolling windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from store_builders import actor, article, event

from dyads.analysis import Window, dyad_relations, find_coalitions, resolve_window
from dyads.errors import DyadsError
from dyads.store import EventStore

D = dt.date

#: 1987: Iran, Iraq and the USA cooperate with one another. 2014: the USA, Britain and France do, Iran stays out.
OLD = [("IRN", "IRQ", "1987-03-02"), ("IRQ", "USA", "1987-03-03"), ("USA", "IRN", "1987-03-04"),
       ("IRN", "USA", "1987-03-05")]
NEW = [("USA", "GBR", "2014-09-06"), ("GBR", "FRA", "2014-09-07"), ("FRA", "USA", "2014-09-08"),
       ("USA", "FRA", "2014-09-09")]


@pytest.fixture()
def two_periods() -> Iterator[EventStore]:
    s = EventStore(":memory:")
    for n, (a, b, day) in enumerate(OLD + NEW):
        s.write(article(f"p{n}", day=D.fromisoformat(day)),
                [event(f"w{n}", f"p{n}", actor(a), actor(b), "COOPERATE", 2, date=day, sentence=f"{a} helped {b}.")])
    # one hostile act in March 1987: Iraq attacks Iran
    s.write(article("px", day=D(1987, 3, 20)), [event("wx", "px", actor("IRQ"), actor("IRN"), date="1987-03-20")])
    yield s
    s.close()


def blocs(groups: list[dict]) -> list[list[str]]:  # type: ignore[type-arg]
    return [g["members"] for g in groups if g["kind"] == "bloc"]


def test_blocs_are_found_per_period_and_never_mix(two_periods: EventStore) -> None:
    everything = blocs(find_coalitions(two_periods))
    assert everything == [["IRN", "IRQ", "USA"], ["FRA", "GBR", "USA"]]  # one per year, in date order
    assert blocs(find_coalitions(two_periods, Window(D(2014, 9, 1), None))) == [["FRA", "GBR", "USA"]]
    assert blocs(find_coalitions(two_periods, Window(None, D(1987, 12, 31)))) == [["IRN", "IRQ", "USA"]]
    for group in find_coalitions(two_periods):
        assert group["since"][:4] == group["until"][:4]


def test_relations_keep_to_the_window(two_periods: EventStore) -> None:
    march = dyad_relations(two_periods, by="month", window=Window(D(1987, 3, 1), D(1987, 3, 31)))
    assert {(r["source"], r["target"]) for r in march} == {("IRN", "IRQ"), ("IRQ", "USA"), ("USA", "IRN"),
                                                            ("IRN", "USA"), ("IRQ", "IRN")}
    assert [r["net_cooperation"] for r in march if r["source"] == "IRQ" and r["target"] == "IRN"] == [-1]
    assert dyad_relations(two_periods, window=Window(D(1990, 1, 1), D(1990, 12, 31))) == []
    late = dyad_relations(two_periods, actor="USA", window=Window(D(2014, 1, 1), None))
    assert {r["period"].year for r in late} == {2014}


def test_rolling_window_counts_back_from_the_newest_event(two_periods: EventStore) -> None:
    w = resolve_window(two_periods, last=30)
    assert (w.since, w.until) == (D(2014, 8, 11), D(2014, 9, 9)) and w.days == 30
    assert "newest event" in w.rule
    assert blocs(find_coalitions(two_periods, w)) == [["FRA", "GBR", "USA"]]
    anchored = resolve_window(two_periods, until=D(1987, 3, 31), last=31)
    assert (anchored.since, anchored.until) == (D(1987, 3, 1), D(1987, 3, 31))


def test_previous_period_has_the_same_length() -> None:
    w = Window(D(1987, 3, 1), D(1987, 3, 31))
    before = w.previous()
    assert (before.since, before.until, before.days) == (D(1987, 1, 29), D(1987, 2, 28), 31)
    assert w.contains(D(1987, 3, 31)) and not w.contains(D(1987, 4, 1)) and not w.contains(None)
    assert Window().contains(None)
    assert w.query() == {"since": "1987-03-01", "until": "1987-03-31"}


def test_closed_window_takes_the_data_span(two_periods: EventStore) -> None:
    w = resolve_window(two_periods, since=D(2014, 1, 1), close=True)
    assert (w.since, w.until) == (D(2014, 1, 1), D(2014, 9, 9))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"since": D(2014, 1, 1), "last": 30}, "not both"),
    ({"last": 0}, "1 to"),
    ({"since": D(2014, 2, 1), "until": D(2014, 1, 1)}, "swap"),
])
def test_bad_windows_say_what_to_do(two_periods: EventStore, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(DyadsError, match=message):
        resolve_window(two_periods, **kwargs)
    with pytest.raises(DyadsError, match="open window"):
        Window(D(2014, 1, 1), None).previous()


def test_store_commands_take_a_window(db: str) -> None:
    import json

    from click.testing import CliRunner

    from dyads.cli import main

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 0, result.output
        return result.stdout

    assert json.loads(run("coalitions", "--db", db, "--since", "2015-01-01")) == []
    assert json.loads(run("coalitions", "--db", db, "--last", "2"))
    rows = [json.loads(line) for line in run("relations", "--db", db, "--actor", "IRN", "--until", "2014-09-06",
                                             "--by", "day", "--format", "jsonl").splitlines()]
    assert {r["period"] for r in rows} == {"2014-09-06"}


def test_a_group_acting_together_is_one_bloc_without_its_hubs_other_ties() -> None:
    # ten partners act jointly twice (all pairs tied); the first of them also cooperates once each with two others
    partners = ["USA", "GBR", "FRA", "AUS", "DEU", "CAN", "TUR", "ITA", "POL", "DNK"]
    s = EventStore(":memory:")
    try:
        s.write(article("g", day=D(2014, 9, 6)), [
            event(f"g{k}{n}", "g", actor(code), None, "COOPERATE", 2, date="2014-09-06", sentence="They joined.",
                  index=k)
            for k in range(2) for n, code in enumerate(partners)])
        s.write(article("h", day=D(2014, 9, 6)), [
            event("h1", "h", actor("IRN"), actor("USA"), "COOPERATE", 2, date="2014-09-06", sentence="Iran helped."),
            event("h2", "h", actor("IRQ"), actor("USA"), "COOPERATE", 2, date="2014-09-06", sentence="Iraq helped.",
                  index=1)])
        assert blocs(find_coalitions(s)) == [sorted(partners)]
    finally:
        s.close()
