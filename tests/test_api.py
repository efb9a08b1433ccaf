"""The public API is small and pinned: what users may rely on is exactly what ``dyads.__all__`` lists."""

from __future__ import annotations

import pytest

import dyads

EXPECTED = [
    "Actor", "Article", "Coder", "DataFileError", "DyadsError", "Event", "EventStore", "InputError", "Location", "Modality",
    "Span", "UsageError", "__version__", "code_articles", "code_text",
]  # fmt: skip


def test_all_is_sorted_and_pinned() -> None:
    assert dyads.__all__ == sorted(dyads.__all__)
    assert dyads.__all__ == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_every_exported_name_resolves(name: str) -> None:
    assert getattr(dyads, name) is not None


@pytest.mark.model
def test_code_text_returns_events_with_provenance() -> None:
    events = dyads.code_text("Ethiopian troops attacked al-Shabaab fighters near Baidoa.", date="2016-02-10")
    assert events
    event = events[0]
    assert event.type == "ASSAULT"
    assert event.source.country == "ETH"
    assert event.pattern  # the rule that fired
    assert event.source.entry  # the dictionary line that resolved the actor
    assert event.date == "2016-02-10"


def test_errors_pickle_with_their_context() -> None:
    import pickle

    err = dyads.InputError("not valid JSON", "feed.jsonl", 7)
    back = pickle.loads(pickle.dumps(err))
    assert str(back) == str(err) == "feed.jsonl:7: not valid JSON"
    assert (back.source, back.line) == ("feed.jsonl", 7)
    data = dyads.DataFileError("unknown pattern keys", "mine.yaml", 3)
    assert str(pickle.loads(pickle.dumps(data))) == "mine.yaml:3: unknown pattern keys"
