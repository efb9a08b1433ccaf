"""Fuzzing: any input gives articles, events or a DyadsError subclass, never another exception.

Kept short for CI (``max_examples`` small); ``benchmarks/fuzz.py`` runs the same properties for longer.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.errors import DyadsError, InputError
from dyads.ingest import parse_date, read_inputs

EXAMPLES = int(os.environ.get("DYADS_FUZZ_EXAMPLES", "40"))  # benchmarks/fuzz.py raises it for a long run
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = st.sampled_from([".txt", ".jsonl", ".json", ".html", ".md", ".jsonl.gz"])
words = st.lists(st.sampled_from(["Iran", "US", "the", "IS", "attacked", "Kerry", "said", "NATO", "al", "-",
                                  "Qaeda", "'s", "forces", "troops", "", " ", "\u2019s", "Islamic", "State"]),
                 max_size=12)


def read_all(path: Path) -> tuple[list, list[InputError]]:  # type: ignore[type-arg]
    errors: list[InputError] = []
    articles = list(read_inputs([path], errors=errors, default_date=dt.date(2020, 1, 1)))
    return articles, errors


@FAST
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
def test_readers_survive_any_bytes(tmp_path_factory, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    articles, errors = read_all(path)
    for error in errors:
        assert isinstance(error, InputError)
        assert path.name in str(error)
    for article in articles:
        assert article.text


@FAST
@given(lines=st.lists(st.one_of(st.text(max_size=80), st.just('{"id": 1, "text": "Iran attacked Iraq."}'),
                                st.just('{"text": null}'), st.just("[1, 2]"), st.just('{"id": "x", "date": "soon"}')),
                      max_size=8))
def test_jsonl_lines_are_read_or_named(tmp_path_factory, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="replace")
    _, errors = read_all(path)
    for error in errors:
        assert isinstance(error, InputError) and "feed.jsonl" in str(error)


@FAST
@given(value=st.text(max_size=40))
def test_parse_date_gives_a_date_or_input_error(value: str) -> None:
    try:
        assert isinstance(parse_date(value, source="x.jsonl", line=3), dt.date)
    except InputError as exc:
        assert "x.jsonl:3" in str(exc)


@pytest.fixture(scope="module")
def dictionary():  # type: ignore[no-untyped-def]
    from dyads.actors.dictionary import ActorDictionary

    return ActorDictionary.load()


@FAST
@given(tokens=words, start=st.integers(min_value=0, max_value=12))
def test_actor_lookup_never_fails(dictionary, tokens: list[str], start: int) -> None:  # type: ignore[no-untyped-def]
    if start < len(tokens):
        found = dictionary.match(tokens, start)
        assert found is None or found[0] >= 1
        agent = dictionary.agent(tokens, start)
        assert agent is None or agent[0] >= 1
    entry = dictionary.lookup(" ".join(tokens))  # any phrase: an entry or None, never an exception
    assert entry is None or entry.roles


@pytest.mark.model
@settings(max_examples=max(10, EXAMPLES // 2), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_coder_survives_any_text(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        events = coder.code_text(text, date=dt.date(2020, 1, 1))
    except DyadsError:
        return
    for event in events:
        assert event.sentence[event.trigger.start:event.trigger.end] == event.trigger.text
