"""Tests for dyads.evaluate: the scoring rules, on small hand-made gold and events with hand-computed figures."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dyads.errors import InputError
from dyads.evaluate import (
    EvalReport,
    evaluate,
    explain_errors,
    format_report,
    gold_articles,
    load_gold,
    pentaclass,
    score,
    summary_line,
)
from dyads.records import Actor, Article, Event, Modality, Span


def actor(text: str | None = None, country: str | None = None, code: str | None = None) -> dict[str, Any]:
    """A system actor record, as Event.to_dict() writes it."""
    return {"text": text, "span": [0, len(text or "")], "name": None, "country": country, "sector": None,
            "code": code, "members": []}


def event(doc_id: str, source: dict[str, Any] | None, target: dict[str, Any] | None, type_: str = "CONSULT",
          cameo: str = "040", pattern: str | None = None) -> dict[str, Any]:
    """A system event record with just the fields the scorer reads."""
    return {"doc_id": doc_id, "sentence_index": 0, "source": source, "target": target, "type": type_,
            "cameo": cameo, "pattern": pattern, "trigger": {"text": "met", "span": [0, 3]}}


def prf(precision: float, recall: float, f1: float, matched: int, system: int, gold: int) -> dict[str, Any]:
    return {"precision": precision, "recall": recall, "f1": f1, "matched": matched, "system": system, "gold": gold}


# --- code-style gold, PLOVER types --------------------------------------------------------------------------

PLOVER_GOLD: list[dict[str, Any]] = [
    {"id": "p1", "text": "Norway's foreign minister met his Chilean counterpart in Oslo on Monday.",
     "events": [{"source": "NORGOV", "target": "CHLGOV", "code": "CONSULT"}]},
    {"id": "p2", "text": "Lima accused La Paz of smuggling, and Bolivia rejected the charge.",
     "events": [{"source": "PERGOV", "target": "BOL", "code": "ACCUSE"},
                {"source": "BOLGOV", "target": "PER", "code": "REJECT"}]},
    {"id": "p3", "text": "The harvest festival drew large crowds to the valley.", "events": []},
]
PLOVER_EVENTS = [
    event("p1", actor("Norway's foreign minister", "NOR"), actor("his Chilean counterpart", "CHL"), "CONSULT",
          pattern="consult.meet"),
    event("p1", actor("the minister", "NOR"), actor("counterpart", "CHL"), "CONSULT"),  # same triple again
    event("p1", actor("Norway", "NOR"), actor("Chile", "CHL"), "AGREE", "057", pattern="agree.sign"),
    event("p2", actor("Lima", "PER"), actor("La Paz", "BOL"), "ACCUSE", "112"),
    event("p2", actor("Lima", "PER"), actor("La Paz", "BOL"), "ASSAULT", "190", pattern="assault.smuggle"),
    event("p3", actor("crowds", None), actor("the valley", None), "MOBILIZE", "140", pattern="mobilize.crowd"),
    event("elsewhere", actor("Peru", "PER"), None, "AGREE", "057"),  # no such gold sentence: stray
]


def test_plover_gold_triples_dyads_types() -> None:
    # p1: gold {NOR-CHL-CONSULT}; system {NOR-CHL-CONSULT, NOR-CHL-AGREE}  -> triples 1/2/1, dyads 1/1/1, types 1/2/1
    # p2: gold {PER-BOL-ACCUSE, BOL-PER-REJECT}; system {PER-BOL-ACCUSE, PER-BOL-ASSAULT}
    #                                                             -> triples 1/2/2, dyads 1/1/2, types 1/2/2
    metrics = score(PLOVER_GOLD, PLOVER_EVENTS)
    assert metrics == {
        "gold_sentences": 3,
        "system_events": 7,
        "stray_events": 1,
        "triple": prf(0.5, 0.6667, 0.5714, 2, 4, 3),
        "dyad": prf(1.0, 0.6667, 0.8, 2, 2, 3),
        "type": prf(0.5, 0.6667, 0.5714, 2, 4, 3),
        "no_event_sentences_given_events": "1/1",
    }
    assert list(metrics) == ["gold_sentences", "system_events", "stray_events", "triple", "dyad", "type",
                             "no_event_sentences_given_events"]
    assert summary_line(metrics) == "triple F1 0.571 (P 0.500 R 0.667); dyad F1 0.800; type F1 0.571"


def test_no_event_sentence_left_alone_and_no_events_at_all() -> None:
    gold: list[dict[str, Any]] = [{"id": "q1", "text": "Snow fell over the capital all night.", "events": []}]
    assert score(gold, []) == {"gold_sentences": 1, "system_events": 0, "stray_events": 0,
                               "no_event_sentences_given_events": "0/1"}
    assert score([], []) == {"gold_sentences": 0, "system_events": 0, "stray_events": 0}


def test_code_gold_with_no_system_events_scores_zero() -> None:
    metrics = score(PLOVER_GOLD[:1], [])
    assert metrics["triple"] == prf(0.0, 0.0, 0.0, 0, 0, 1)
    assert summary_line(metrics) == "triple F1 0.000 (P 0.000 R 0.000); dyad F1 0.000; type F1 0.000"


def test_ids_compare_as_text() -> None:
    gold: list[dict[str, Any]] = [{"id": 7, "text": "Kenya thanked Uganda.", "events": [{"source": "KEN", "target": "UGA", "code": "SUPPORT"}]}]
    metrics = score(gold, [event("7", actor("Kenya", "KEN"), actor("Uganda", "UGA"), "SUPPORT", "051")])
    assert metrics["triple"]["matched"] == 1
    assert metrics["stray_events"] == 0


# --- code-style gold, CAMEO codes: scored on five-way classes --------------------------------------------------

@pytest.mark.parametrize(("cameo", "expected"), [
    ("010", "0"), ("020", "0"), ("036", "1"), ("057", "1"), ("061", "2"), ("080", "2"), ("090", "3"),
    ("130", "3"), ("140", "4"), ("145", "4"), ("163", "3"), ("173", "4"), ("195", "4"), ("204", "4"),
    ("1", "0"), (None, None), ("", None), ("ab", None),
])
def test_pentaclass(cameo: str | None, expected: str | None) -> None:
    assert pentaclass(cameo) == expected


def test_cameo_gold_is_scored_five_way_from_the_system_cameo() -> None:
    gold: list[dict[str, Any]] = [{"id": "c1", "text": "Japanese jets bombed a Korean outpost.",
             "events": [{"source": "JAPMIL", "target": "KOR", "code": "190", "code_scheme": "cameo"}]}]
    events = [
        # type is ignored where the gold is CAMEO; "195" falls in class 4 like the gold's "190"; JAP means JPN
        event("c1", actor("Japanese jets", "JPN"), actor("a Korean outpost", "KOR"), "CONSULT", "195"),
        event("c1", actor("Japan", "JPN"), actor("Korea", "KOR"), "ACCUSE", "111"),  # class 3
    ]
    metrics = score(gold, events)
    assert metrics["triple"] == prf(0.5, 1.0, 0.6667, 1, 2, 1)
    assert metrics["dyad"] == prf(1.0, 1.0, 1.0, 1, 1, 1)
    assert metrics["type"] == prf(0.5, 1.0, 0.6667, 1, 2, 1)


def test_plover2021_code_takes_precedence() -> None:
    gold: list[dict[str, Any]] = [{"id": "c2", "text": "Ghana sent grain to Togo.",
             "events": [{"source": "GHA", "target": "TGO", "code": "070", "code_plover2021": "AID"}]}]
    metrics = score(gold, [event("c2", actor("Ghana", "GHA"), actor("Togo", "TGO"), "AID", "999")])
    assert metrics["triple"]["matched"] == 1


def test_igo_actors_use_the_code_prefix_and_missing_targets_match() -> None:
    gold: list[dict[str, Any]] = [
        {"id": "i1", "text": "The UN flew medicine into Sudan.",
         "events": [{"source": "IGOUNO", "target": "SDN", "code": "AID"}]},
        {"id": "i2", "text": "Washington demanded an apology.",
         "events": [{"source": "USAGOV", "target": None, "code": "REQUEST"}]},
    ]
    events = [
        event("i1", actor("The UN", None, "IGOUNO"), actor("Sudan", "SDN"), "AID", "073"),
        event("i2", actor("Washington", "usa", "USAGOV"), None, "REQUEST", "100"),  # country compared upper-cased
    ]
    metrics = score(gold, events)
    assert metrics["triple"] == prf(1.0, 1.0, 1.0, 2, 2, 2)
    # an actor with neither country nor code is nobody: it does not match IGO
    metrics = score(gold[:1], [event("i1", actor("officials"), actor("Sudan", "SDN"), "AID", "073")])
    assert metrics["triple"]["matched"] == 0
    assert metrics["type"]["matched"] == 1


# --- span-style gold ------------------------------------------------------------------------------------------

def span_gold(source: str, target: str, code: str) -> dict[str, Any]:
    return {"source": source, "target": target, "code": code, "code_scheme": "pentaclass"}


SPAN_GOLD: list[dict[str, Any]] = [
    {"id": "t1", "text": "Rebel fighters ambushed a police convoy near the border.",
     "events": [span_gold("Rebel fighters", "a police convoy", "4")]},
    {"id": "t2", "text": "The health ministry urged calm.", "events": [span_gold("The health ministry", "", "0")]},
    {"id": "t3", "text": "The mayor was praised.", "events": [span_gold("the", "the mayor", "1")]},
    {"id": "t4", "text": "Students clashed with police.",
     "events": [span_gold("Students", "", "4"), span_gold("Students", "police", "4")]},
    {"id": "t5", "text": "Talks broke down amid threats and a halt in aid.",
     "events": [span_gold("", "", "3"), span_gold("", "", "2")]},
    {"id": "t6", "text": "Markets were closed for the holiday.", "events": []},
]
SPAN_EVENTS = [
    event("t1", actor("fighters"), actor("the convoy"), "ASSAULT", "190"),  # word overlap on both sides: match
    event("t1", actor("police"), actor("rebels"), "ASSAULT", "190"),
    event("t2", actor("ministry"), actor("the public"), "REQUEST", "010"),  # gold target empty: any target
    event("t3", actor(""), actor("Mayor"), "SUPPORT", "042"),  # gold source only stopwords: any source
    event("t3", actor(""), actor("the mayor"), "ASSAULT", "190"),  # wrong class
    event("t4", actor("students"), actor("police"), "PROTEST", "145"),  # greedy: taken by the first gold event
    event("t5", actor("the talks"), None, "THREATEN", "138"),  # class-only sentence: class recall alone
]


def test_span_gold_word_overlap_class_recall() -> None:
    # span triples: t1 1/2/1, t2 1/1/1, t3 1/2/1, t4 1/1/2; t5 is class-only and left out -> 4/6/5
    # class recall: t1 1/1, t2 1/1, t3 1/1, t4 2/2, t5 1/2 (class 3 given, 2 not) -> 6/7
    metrics = score(SPAN_GOLD, SPAN_EVENTS)
    assert metrics == {
        "gold_sentences": 6,
        "system_events": 7,
        "stray_events": 0,
        "span_triple": prf(0.6667, 0.8, 0.7273, 4, 6, 5),
        "class_recall": 0.8571,
        "no_event_sentences_given_events": "0/1",
    }
    assert summary_line(metrics) == "span-triple F1 0.727 (P 0.667 R 0.800); class recall 0.857"


def test_span_match_needs_the_same_class_and_a_shared_content_word() -> None:
    gold: list[dict[str, Any]] = [{"id": "u1", "text": "The army shelled the town.", "events": [span_gold("The army", "the town", "4")]}]
    only_stopwords = event("u1", actor("the"), actor("the town"), "ASSAULT", "190")
    assert score(gold, [only_stopwords])["span_triple"]["matched"] == 0
    wrong_class = event("u1", actor("army"), actor("town"), "COERCE", "111")
    assert score(gold, [wrong_class])["span_triple"]["matched"] == 0
    no_cameo = event("u1", actor("army"), actor("town"), "ASSAULT", "")
    assert score(gold, [no_cameo])["class_recall"] == 0.0


def test_class_only_gold_gives_class_recall_without_span_triple() -> None:
    metrics = score(SPAN_GOLD[4:5], SPAN_EVENTS[-1:])
    assert metrics == {"gold_sentences": 1, "system_events": 1, "stray_events": 0}
    assert summary_line(metrics) == ""


def test_mixed_styles_in_one_file() -> None:
    metrics = score(PLOVER_GOLD + SPAN_GOLD, PLOVER_EVENTS + SPAN_EVENTS)
    assert metrics["triple"] == prf(0.5, 0.6667, 0.5714, 2, 4, 3)
    assert metrics["span_triple"] == prf(0.6667, 0.8, 0.7273, 4, 6, 5)
    assert metrics["no_event_sentences_given_events"] == "1/2"


# --- error listings ---------------------------------------------------------------------------------------------

def test_explain_errors_code_style() -> None:
    errors = explain_errors(PLOVER_GOLD, PLOVER_EVENTS, 10)
    assert [e["id"] for e in errors] == ["p1", "p2", "p3"]
    p1, p2, p3 = errors
    assert p1["misses"] == []
    assert [(f["type"], f["pattern"], f["source"]["country"]) for f in p1["false_events"]] == [
        ("AGREE", "agree.sign", "NOR")]
    assert p1["false_events"][0]["key"] == ["NOR", "CHL", "AGREE"]
    assert [(m["source"], m["target"], m["code"]) for m in p2["misses"]] == [("BOLGOV", "PER", "REJECT")]
    assert [f["pattern"] for f in p2["false_events"]] == ["assault.smuggle"]
    assert p3["style"] == "no-event" and p3["false_events"][0]["source"]["text"] == "crowds"
    assert explain_errors(PLOVER_GOLD, PLOVER_EVENTS, 1) == errors[:1]
    assert explain_errors(PLOVER_GOLD, PLOVER_EVENTS, 0) == []


def test_explain_errors_span_style() -> None:
    errors = {e["id"]: e for e in explain_errors(SPAN_GOLD, SPAN_EVENTS, 10)}
    assert sorted(errors) == ["t1", "t3", "t4", "t5"]
    assert [f["source"]["text"] for f in errors["t1"]["false_events"]] == ["police"]
    assert errors["t3"]["misses"] == [] and errors["t3"]["false_events"][0]["cameo"] == "190"
    assert [m["target"] for m in errors["t4"]["misses"]] == ["police"]
    assert errors["t5"]["style"] == "class-only"
    assert [m["code"] for m in errors["t5"]["misses"]] == ["2"]


# --- gold files and running a coder -----------------------------------------------------------------------------

def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_load_gold_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(PLOVER_GOLD[0]) + "\n\n" + json.dumps(PLOVER_GOLD[2]) + "\n", encoding="utf-8")
    assert [g["id"] for g in load_gold(path)] == ["p1", "p3"]


@pytest.mark.parametrize("bad", ['{"id": "x", "text": ', '["a list"]', '{"text": "no id"}',
                                 '{"id": "y", "events": "ASSAULT"}'])
def test_load_gold_names_file_and_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(PLOVER_GOLD[0]) + "\n\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert caught.value.line == 3 and caught.value.source == str(path)
    assert f"{path}:3" in str(caught.value)


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="check the path"):
        load_gold(tmp_path / "absent.jsonl")


def make_event(article: Article, source: Actor, target: Actor | None, type_: str, cameo: str,
               quad: int) -> Event:
    return Event(event_id=f"{article.id}-0", doc_id=article.id, sentence_index=0, sentence=article.text,
                 date=article.date.isoformat() if article.date else None, date_precision="publication",
                 source=source, target=target, type=type_, mode=None, cameo=cameo, quad_class=quad, intensity=1.0,
                 trigger=Span("met", 0, 3), location=None, modality=Modality(), confidence=0.5,
                 coder="test", pattern="fake.rule")


class FakeCoder:
    """Codes every article as Norway consulting Chile, and remembers what it was given."""

    def __init__(self) -> None:
        self.seen: list[Article] = []

    def code_articles(self, articles: Iterable[Article], default_date: dt.date | None = None) -> Iterator[Event]:
        for article in articles:
            self.seen.append(article)
            yield make_event(article, Actor("Norway", 0, 6, country="NOR"), Actor("Chile", 11, 16, country="CHL"),
                             "CONSULT", "040", 1)


def test_evaluate_runs_a_coder_over_gold(tmp_path: Path) -> None:
    rows = [dict(PLOVER_GOLD[0], meta={"date": "20140903"}), dict(PLOVER_GOLD[1], meta={"date": "201409"}),
            dict(PLOVER_GOLD[2], meta={"date": "20141340"})]
    path = write_jsonl(tmp_path / "gold.jsonl", rows)
    coder = FakeCoder()
    report = evaluate(path, coder, show_errors=5)
    assert isinstance(report, EvalReport) and report.gold_path == str(path)
    assert [(a.id, a.text, a.title, a.date) for a in coder.seen] == [
        ("p1", PLOVER_GOLD[0]["text"], None, dt.date(2014, 9, 3)),
        ("p2", PLOVER_GOLD[1]["text"], None, None), ("p3", PLOVER_GOLD[2]["text"], None, None)]
    # p1 matched; p2 gets NOR-CHL-CONSULT (0 of 2); p3 is a no-event sentence given an event
    assert report.metrics["triple"] == prf(0.5, 0.3333, 0.4, 1, 2, 3)
    assert report.metrics["no_event_sentences_given_events"] == "1/1"
    assert [e["id"] for e in report.errors] == ["p2", "p3"]
    assert report.errors[0]["false_events"][0]["pattern"] == "fake.rule"
    assert evaluate(path, FakeCoder()).errors == []
    text = format_report(report)
    assert summary_line(report.metrics) in text
    assert "triple" in text and "FALSE" in text and "MISS" in text and "fake.rule" in text


def test_gold_articles_turn_sentences_into_articles() -> None:
    articles = gold_articles([{"id": 3, "text": "Fiji hosted the summit.", "meta": {"date": "20200229"}}])
    assert articles == [Article(id="3", text="Fiji hosted the summit.", title=None, date=dt.date(2020, 2, 29))]


@pytest.mark.parametrize(("record", "expected"), [
    ({"date": "1987-03-17", "meta": {"level": "article"}}, dt.date(1987, 3, 17)),  # whole-article gold
    ({"meta": {"date": "2004-11-02"}}, dt.date(2004, 11, 2)),
    ({"date": "soon", "meta": {"date": "20200229"}}, dt.date(2020, 2, 29)),
    ({"date": "2020-02-30"}, None),
])
def test_gold_articles_read_the_date_as_dyads_code_does(record: dict, expected: dt.date | None) -> None:
    assert gold_articles([{"id": 1, "text": "Fiji hosted the summit.", **record}])[0].date == expected


def test_format_report_span_style() -> None:
    report = EvalReport(metrics=score(SPAN_GOLD, SPAN_EVENTS), errors=explain_errors(SPAN_GOLD, SPAN_EVENTS, 2),
                        gold_path="dev.jsonl")
    text = format_report(report)
    assert text.splitlines()[1] == "span-triple F1 0.727 (P 0.667 R 0.800); class recall 0.857"
    assert "class recall: 0.8571" in text and "[t1]" in text and "[t3]" in text and "[t4]" not in text
