"""The process pool and the Dask engine give the events one process gives, in input order, and name the article
that made a worker fail."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest

from dyads.errors import DataFileError, DyadsError, WorkerError
from dyads.parallel import CoderSpec, code_chunk, code_dask, code_dask_to_jsonl, code_parallel
from dyads.pipeline import Coder
from dyads.records import Article

DAY = dt.date(2015, 6, 1)

ARTICLES = [
    Article("p1", "Iraqi troops attacked Islamic State fighters in Mosul on Tuesday."),
    Article("p2", "The weather in London was mild and the markets were quiet."),
    Article("p3", "Iran and Russia signed an agreement on nuclear cooperation. Moscow will supply fuel to Tehran."),
    Article("p4", "French President Francois Hollande met German Chancellor Angela Merkel in Berlin."),
    Article("p5", "Israeli aircraft bombed targets in Gaza. Hamas fired rockets at southern Israel."),
    Article("p6", "The United States condemned North Korea's missile test and urged China to restrain Pyongyang.",
            date=dt.date(2016, 2, 7)),
]


class FailingCoder(Coder):
    """A coder with a bug that only the article ``boom`` triggers (module level: the workers import it)."""

    def code_parsed(self, item):  # type: ignore[no-untyped-def]
        if item.article.id == "boom":
            raise ValueError("cannot code this one")
        return super().code_parsed(item)


@pytest.fixture(scope="module")
def serial(coder):  # type: ignore[no-untyped-def]
    """What one process codes: event ids per article."""
    by_doc: dict[str, list[str]] = {a.id: [] for a in ARTICLES}
    for event in coder.code_articles(ARTICLES, default_date=DAY):
        by_doc[event.doc_id].append(event.event_id)
    assert sum(map(len, by_doc.values())) >= 4, "the sample must give events to compare"
    return by_doc


def _by_doc(pairs):  # type: ignore[no-untyped-def]
    return {article.id: [e.event_id for e in events] for article, events in pairs}


def test_stage_function_pairs_every_article_in_order(serial) -> None:  # type: ignore[no-untyped-def]
    pairs = code_chunk(ARTICLES, CoderSpec(), DAY)
    assert [a.id for a, _ in pairs] == [a.id for a in ARTICLES]  # articles without events included
    assert _by_doc(pairs) == serial


def test_pool_gives_the_serial_events_in_input_order(serial) -> None:  # type: ignore[no-untyped-def]
    pairs = list(code_parallel(ARTICLES, workers=2, default_date=DAY, chunk=2, pending=2))
    assert [a.id for a, _ in pairs] == [a.id for a in ARTICLES]
    assert _by_doc(pairs) == serial
    events = [e for _, es in pairs for e in es]
    assert all(e.doc_id == a.id for a, es in pairs for e in es)
    assert len({e.event_id for e in events}) == len(events)


def test_pool_names_the_article_that_failed() -> None:
    bad = [*ARTICLES[:3], Article("boom", "Syrian forces shelled rebel positions near Aleppo."), *ARTICLES[3:]]
    with pytest.raises(WorkerError) as info:
        list(code_parallel(bad, workers=2, default_date=DAY, chunk=2, coder_class=FailingCoder))
    assert info.value.article_id == "boom"
    assert "'boom'" in str(info.value) and "ValueError: cannot code this one" in str(info.value)
    assert isinstance(info.value, DyadsError)


def test_pool_reports_a_bad_pattern_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- this is: [not a pattern\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        list(code_parallel(ARTICLES, workers=1, pattern_files=[bad]))
    assert "bad.yaml" in str(info.value)


def test_worker_error_pickles() -> None:
    err = WorkerError("ValueError: x", "a-17", "Traceback ...")
    back = pickle.loads(pickle.dumps(err))
    assert (back.article_id, back.reason, back.detail, str(back)) == ("a-17", "ValueError: x", "Traceback ...",
                                                                      str(err))


@pytest.mark.dask
def test_dask_gives_the_serial_events_in_input_order(serial) -> None:  # type: ignore[no-untyped-def]
    pairs = list(code_dask(ARTICLES, workers=2, default_date=DAY, chunk=2, window=4))
    assert [a.id for a, _ in pairs] == [a.id for a in ARTICLES]
    assert _by_doc(pairs) == serial


@pytest.mark.dask
def test_dask_names_the_article_that_failed() -> None:
    bad = [*ARTICLES[:2], Article("boom", "Syrian forces shelled rebel positions near Aleppo.")]
    with pytest.raises(WorkerError) as info:
        list(code_dask(bad, workers=2, default_date=DAY, chunk=2, coder_class=FailingCoder))
    assert info.value.article_id == "boom"


@pytest.mark.dask
def test_dask_writes_partitioned_jsonl(tmp_path, serial) -> None:  # type: ignore[no-untyped-def]
    stats = code_dask_to_jsonl(ARTICLES, tmp_path / "out", workers=2, default_date=DAY, chunk=2)
    text = "".join(f.read_text(encoding="utf-8") for f in sorted((tmp_path / "out").glob("part-*.jsonl")))
    lines = [json.loads(line) for line in text.splitlines()]  # every file ends its last line: cat works
    assert stats.articles == len(ARTICLES) and stats.events == len(lines)
    assert {r["event_id"] for r in lines} == {i for ids in serial.values() for i in ids}


def test_cli_workers_writes_what_one_process_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dyads.cli import main

    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in ARTICLES), encoding="utf-8")
    runs = {}
    for name, extra in {"serial": [], "pool": ["--workers", "2"]}.items():
        out = tmp_path / f"{name}.jsonl"
        result = CliRunner().invoke(main, ["code", str(news), "--date", "2015-06-01", "-q", "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        runs[name] = out.read_text(encoding="utf-8")
    assert runs["pool"] == runs["serial"] and runs["serial"].count("\n") >= 4


def test_cli_scheduler_needs_the_dask_engine() -> None:
    from click.testing import CliRunner

    from dyads.cli import main

    result = CliRunner().invoke(main, ["code", "-", "--scheduler", "tcp://x:8786"], input="text")
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_engine_coder_fills_the_store_like_a_coder(coder) -> None:  # type: ignore[no-untyped-def]
    from dyads.parallel import EngineCoder
    from dyads.store import EventStore, code_into_store

    stored = {}
    with EngineCoder("pool", workers=2) as engine:
        for name, runner in {"serial": coder, "pool": engine}.items():
            with EventStore() as store:
                stats = code_into_store(runner, ARTICLES, store, default_date=DAY)
                stored[name] = {r["event_id"] for r in store.rows("select event_id from events")}
            assert stats.articles == len(ARTICLES)
    assert stored["pool"] == stored["serial"] and stored["serial"]


@pytest.mark.dask
def test_the_store_loads_what_the_dask_workers_wrote(tmp_path, serial) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dyads.cli import main
    from dyads.store import EventStore

    out = tmp_path / "out"
    code_dask_to_jsonl(ARTICLES, out, workers=2, default_date=DAY, chunk=2)
    assert sorted(p.name for p in out.glob("articles-*.jsonl")) == sorted(
        p.name.replace("part-", "articles-") for p in out.glob("part-*.jsonl"))
    (out / "part-99999-00000.jsonl").write_text('{"event_id": "x"}\nnot json\n', encoding="utf-8")
    db = tmp_path / "day.duckdb"
    for _ in range(2):  # loading the same output twice changes nothing
        result = CliRunner().invoke(main, ["load", str(out), "--db", str(db), "-q"])
        assert result.exit_code == 3, result.output  # two bad lines, named, the rest loaded
        assert "part-99999-00000.jsonl:1" in result.output and "part-99999-00000.jsonl:2" in result.output
    with EventStore(db, read_only=True) as store:
        stored = {r["event_id"] for r in store.rows("SELECT event_id FROM events")}
        assert stored == {i for ids in serial.values() for i in ids}
        assert store.count("articles") == len(ARTICLES)  # articles without events too
        assert list(store.pending(ARTICLES)) == []  # a later `dyads code --db` over the inputs skips them all
