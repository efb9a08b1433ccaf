"""The store: idempotent writes, resuming, round trips, stories, queries, exports, relations, coalitions."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_builders import PARTNERS, actor, article, event, sample_batch

from dyads.analysis import dyad_relations, find_coalitions
from dyads.errors import DyadsError, StoreError
from dyads.records import Actor, Article, Event, Location, Modality, Span
from dyads.store import (
    GDELT_COLUMNS,
    PLOVER_FIELDS,
    EventQuery,
    EventStore,
    code_into_store,
    export,
    query_events,
    refresh_stories,
    run_sql,
)

# -- writes: idempotent, resumable --------------------------------------------------------------------------------


def test_rewriting_an_article_replaces_its_events(store: EventStore) -> None:
    assert (store.count(), store.count("articles")) == (13, 4)
    store.write_batch(sample_batch())
    assert (store.count(), store.count("articles")) == (13, 4)
    a1, _ = sample_batch()[0]
    store.write(a1, [event("e9", "a1", actor("IRN"), actor("USA"), "ACCUSE", 3)])
    assert store.rows("SELECT event_id FROM events WHERE doc_id = 'a1'") == [{"event_id": "e9"}]


def test_same_text_under_another_id_replaces_the_old_article(store: EventStore) -> None:
    copy = Article(id="copy-of-a1", text="text   of a1")  # whitespace differences do not matter
    store.write(copy, [event("x1", "copy-of-a1", actor("IRN"), actor("IRQ"))])
    ids = {r["id"] for r in store.rows("SELECT id FROM articles")}
    assert "a1" not in ids and "copy-of-a1" in ids
    assert store.count() == 13 - 2 + 1


def test_pending_skips_stored_ids_and_texts(store: EventStore) -> None:
    fresh = [Article(id="a1", text="changed"), Article(id="new", text="text of a2"), Article(id="n2", text="other")]
    assert [a.id for a in store.pending(fresh)] == ["n2"]


class FakeCoder:
    """Stands in for the spaCy coder: one event per article; can fail at a chosen article, like a crash."""

    coder_id = "fake"

    def __init__(self, fail_at: str | None = None) -> None:
        self.fail_at = fail_at
        self.seen: list[str] = []

    def code_articles(self, articles: Iterable[Article], default_date: dt.date | None = None) -> Iterator[Event]:
        for a in articles:
            if a.id == self.fail_at:
                raise KeyboardInterrupt
            self.seen.append(a.id)
            yield event(f"ev-{a.id}", a.id, actor("USA"), actor("IRN"), "ACCUSE", 3)


def test_interrupted_run_resumes_after_the_last_committed_batch(tmp_path: Path) -> None:
    path = str(tmp_path / "r.duckdb")
    articles = [Article(id=f"n{i}", text=f"article number {i}") for i in range(10)]
    with EventStore(path) as s, pytest.raises(KeyboardInterrupt):
        code_into_store(FakeCoder(fail_at="n7"), articles, s, batch_size=3)  # type: ignore[arg-type]
    with EventStore(path) as s:
        assert s.done_ids() == {f"n{i}" for i in range(6)}  # batches n0-n2 and n3-n5 committed, n6-n8 not
        coder = FakeCoder()
        stats = code_into_store(coder, articles, s, batch_size=3)  # type: ignore[arg-type]
        assert coder.seen == ["n6", "n7", "n8", "n9"]
        assert (stats.skipped, stats.articles, s.count(), s.count("articles")) == (6, 4, 10, 10)
        again = code_into_store(FakeCoder(), articles, s, resume=False)  # type: ignore[arg-type]
        assert (again.articles, s.count()) == (10, 10)


def test_read_only_store_refuses_writes(db: str) -> None:
    with EventStore(db, read_only=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.write(Article(id="z", text="z"), [])
        with pytest.raises(StoreError, match="read-only"):
            run_sql(s, "DELETE FROM events")
        assert s.count() == 13


def test_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="dyads code INPUT --db"):
        EventStore(tmp_path / "none.duckdb", read_only=True)


# -- hypothesis round trip ---------------------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)
_opt = st.none() | _text
_num = st.floats(min_value=-180, max_value=180, allow_nan=False)
_codes = st.none() | st.sampled_from(["IRN", "IRNGOV", "USAMIL", "IGOUNO", "NSAISI", "---MIL"])


def _actors(members: st.SearchStrategy[tuple[Actor, ...]]) -> st.SearchStrategy[Actor]:
    return st.builds(Actor, text=_text, start=st.integers(0, 500), end=st.integers(0, 500), name=_opt,
                     country=st.none() | st.sampled_from(["IRN", "USA", "IRQ"]), sector=_opt, code=_codes,
                     members=members, entry=_opt)


_actor = _actors(st.lists(_actors(st.just(())), max_size=3).map(tuple))
_events = st.builds(
    Event,
    event_id=st.uuids().map(str), doc_id=st.just("doc"), sentence_index=st.integers(0, 200), sentence=_text,
    date=st.none() | st.dates().map(dt.date.isoformat), date_precision=st.sampled_from(["day", "month", "year"]),
    source=_actor, target=st.none() | _actor, type=st.sampled_from(["ASSAULT", "AGREE", "ACCUSE"]), mode=_opt,
    cameo=st.sampled_from(["190", "062", "112"]), quad_class=st.integers(1, 4),
    intensity=st.floats(-10, 10, allow_nan=False), trigger=st.builds(Span, _text, st.integers(0, 99), st.integers(0, 99)),
    location=st.none() | st.builds(Location, name=_text, country=_opt, admin1=_opt, lat=st.none() | _num,
                                   lon=st.none() | _num, geonameid=st.none() | st.integers(0, 2**31),
                                   precision=st.sampled_from(["country", "city"])),
    modality=st.builds(Modality, negated=st.booleans(), hypothetical=st.booleans(), future=st.booleans(),
                       reported=st.booleans(), hedged=st.booleans(), attributed_to=st.none() | _actor),
    confidence=st.floats(0, 1), coder=_text, pattern=_opt, title=_opt, date_expression=_opt,
    background=st.booleans(),
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_events, max_size=5, unique_by=lambda e: e.event_id))
def test_events_round_trip_through_the_store(events: list[Event]) -> None:
    with EventStore(":memory:") as s:
        s.write(Article(id="doc", text="body"), events)
        back = {e.event_id: e for e in query_events(s, EventQuery())}
    assert back == {e.event_id: e for e in events}
    for e in events:
        assert back[e.event_id].to_dict() == e.to_dict()


# -- stories, queries ----------------------------------------------------------------------------------------------


def test_reports_of_one_attack_become_one_story(store: EventStore) -> None:
    rows = store.rows("SELECT * FROM stories WHERE source = 'IRNMIL'")
    assert len(rows) == 1
    assert (rows[0]["mentions"], rows[0]["articles"], rows[0]["sources"]) == (2, 2, 2)
    assert sorted(rows[0]["article_ids"]) == ["a1", "a2"]


@pytest.mark.parametrize(("query", "ids"), [
    (EventQuery(actor="IRN"), {"e1", "e2", "e3"}),
    (EventQuery(source="IRN"), {"e1", "e3"}),
    (EventQuery(target="Tehran"), {"e2"}),
    (EventQuery(type="accuse"), {"e2"}),
    (EventQuery(type="19", since=dt.date(2014, 9, 7)), {"e3"}),
    (EventQuery(actor="IRN", until=dt.date(2014, 9, 6)), {"e1", "e2"}),
    (EventQuery(text="washington ACCUSED"), {"e2"}),
    (EventQuery(actor="'; DROP TABLE events; --"), set()),
])  # fmt: skip
def test_query_filters(store: EventStore, query: EventQuery, ids: set[str]) -> None:
    assert {e.event_id for e in query_events(store, query)} == ids


def test_limit_and_one_a_day(store: EventStore) -> None:
    assert len(list(query_events(store, EventQuery(limit=2)))) == 2
    s = EventStore(":memory:")
    s.write(article("b1"), [event("d1", "b1", actor("IRN"), actor("IRQ")),
                            event("d2", "b1", actor("IRN"), actor("IRQ"), index=3)])
    assert len(list(query_events(s, EventQuery(one_a_day=True)))) == 1


# -- exports -------------------------------------------------------------------------------------------------------


def test_gdelt_rows_have_61_columns_in_gdelt_order(store: EventStore) -> None:
    out = io.StringIO()
    assert export(store, "gdelt", out) == 13
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    assert {len(r) for r in rows} == {61}
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    first = rows[0]
    assert first[col["SQLDATE"]] == "20140906" and first[col["EventCode"]] == "190"
    assert first[col["EventRootCode"]] == "19" and first[col["QuadClass"]] == "4"
    assert first[col["Actor1Code"]] == "IRNMIL" and first[col["Actor2CountryCode"]] == "IRQ"
    assert first[col["NumArticles"]] == "2" and first[col["SOURCEURL"]] == "http://x/a1"
    assert GDELT_COLUMNS[-1] == "SOURCEURL" and GDELT_COLUMNS[26] == "EventCode"


def test_plover_records_use_plover_fields_and_merge_ad_hoc_groups(store: EventStore) -> None:
    out = io.StringIO()
    n = export(store, "plover", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(records) == 4  # three events plus one record for the ten partners acting together
    for record in records:
        assert set(record) <= set(PLOVER_FIELDS)
        assert {"id", "date", "actor", "event"} <= set(record)
    group = next(r for r in records if len(r["actor"]) > 1)
    assert sorted(a["code"] for a in group["actor"]) == sorted(PARTNERS)


def test_parquet_jsonl_csv_exports(store: EventStore, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert export(store, "parquet", tmp_path / "e.parquet", EventQuery(one_a_day=True)) == 13
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 13
    assert export(store, "jsonl", tmp_path / "e.jsonl") == 13
    assert json.loads((tmp_path / "e.jsonl").read_text().splitlines()[0])["event_id"] == "e1"
    assert export(store, "csv", tmp_path / "e.csv") == 13
    with pytest.raises(DyadsError, match="choose one of"):
        export(store, "xml", io.StringIO())


# -- analysis ------------------------------------------------------------------------------------------------------


def test_relations_count_quads_and_find_shifts() -> None:
    s = EventStore(":memory:")
    s.write(article("r1"), [event("h1", "r1", actor("IRN"), actor("USA"), "ACCUSE", 3, date="2014-06-10")])
    s.write(article("r2"), [event("h2", "r2", actor("IRN"), actor("USA"), "COOPERATE", 2, date="2014-09-06"),
                            event("h3", "r2", actor("IRNGOV"), actor("USA"), "AGREE", 1, date="2014-09-06")])
    rows = dyad_relations(s, by="month", actor="IRN")
    assert [(r["period"].isoformat(), r["net_cooperation"], r["shift"]) for r in rows] == [
        ("2014-06-01", -1, None), ("2014-09-01", 2, "conflict->cooperation")]
    assert rows[1]["verbal_coop"] == 1 and rows[1]["material_coop"] == 1
    with pytest.raises(DyadsError, match="choose one of"):
        dyad_relations(s, by="year")


def test_coalitions_name_the_ten_partners_and_find_a_bloc(store: EventStore) -> None:
    groups = find_coalitions(store)
    named = [g for g in groups if g["kind"] == "named"]
    assert named[0]["members"] == sorted(PARTNERS) and len(named[0]["evidence"]) == 10
    assert named[0]["since"] == named[0]["until"] == "2014-09-06"
    blocs = [g for g in groups if g["kind"] == "bloc"]
    assert any(len(set(b["members"]) & set(PARTNERS)) >= 8 for b in blocs)


def test_stories_keep_apart_other_days_places_and_vague_actors() -> None:
    s = EventStore(":memory:")
    s.write(article("v1"), [event("v1a", "v1", actor("---GOV"), None, "AGREE", 1),
                            event("v1b", "v1", actor("IRN"), actor("IRQ"), place="IRQ"),
                            event("v1c", "v1", actor("IRN"), actor("IRQ"), date="2014-09-09")])
    s.write(article("v2"), [event("v2a", "v2", actor("---GOV"), None, "AGREE", 1),
                            event("v2b", "v2", actor("IRN"), actor("IRQ"), place="SYR"),
                            event("v2c", "v2", actor("IRN"), actor("IRQ"), date="2014-09-10")])
    refresh_stories(s)
    groups = sorted(sorted(r["event_ids"]) for r in s.rows("SELECT event_ids FROM stories"))
    assert groups == [["v1a"], ["v1b"], ["v1c", "v2c"], ["v2a"], ["v2b"]]


def test_load_plain_dyads_code_output(tmp_path, coder) -> None:  # type: ignore[no-untyped-def]
    import json

    from dyads.records import Article
    from dyads.store import EventStore, load_jsonl

    article = Article("a1", "Iraqi troops attacked Islamic State fighters in Mosul.")
    events = list(coder.code_articles([article]))
    assert events
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events), encoding="utf-8")
    with EventStore(tmp_path / "s.duckdb") as store:
        stats = load_jsonl(store, [path])
        assert (stats.articles, stats.events, stats.skipped) == (1, len(events), [])
        back = store.rows("SELECT event_id, source_code, cameo FROM events")
    assert [(r["event_id"], r["source_code"], r["cameo"]) for r in back] == [
        (e.event_id, e.source.code, e.cameo) for e in events]
