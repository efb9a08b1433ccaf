"""The prefilter parses only sentences that can hold an event, and coding with it gives the events coding every
sentence gives."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.pipeline import Coder
from dyads.records import Article

DAY = dt.date(2015, 6, 1)
EXAMPLES = int(os.environ.get("DYADS_FUZZ_EXAMPLES", "40"))
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "coalition_article.txt"


@pytest.fixture(scope="module")
def everything() -> Coder:
    return Coder(prefilter=False)


def _parsed(coder: Coder, text: str) -> list[bool]:
    item, todo = coder.prepare(Article("t", text, date=DAY))
    return [i in todo for i in range(len(item.sentences))]


@pytest.mark.parametrize(("text", "parsed"), [
    ("Iraqi troops attacked Islamic State fighters in Mosul.", [True]),  # trigger and actors
    ("The weather in London was mild and the markets were quiet.", [False]),  # no trigger
    ("Shares rose five pct in heavy trading on Tuesday.", [False]),  # a trigger word, nobody to act
    ("He condemned the decision.", [False]),  # a pronoun with no named actor before it
    ("Iran's president spoke in Tehran. He condemned the decision.", [False, True]),  # one it may point back at
    ("Britain and France agreed on a cease-fire.", [True]),  # a hyphenated event noun
    ("The ministers met in Brussels.", [True]),  # an agent and an irregular past ("met" -> meet)
    ("Kenya wants to sell coffee.", [False]),  # a CAMEO-table verb, only one actor ... (a frame: see below)
], ids=range(8))
def test_which_sentences_are_parsed(coder, text: str, parsed: list[bool]) -> None:  # type: ignore[no-untyped-def]
    assert _parsed(coder, text) == parsed


def test_a_table_verb_under_a_frame_needs_one_actor(coder) -> None:  # type: ignore[no-untyped-def]
    assert _parsed(coder, "Hungary plans to introduce price reform.") == [True]
    assert _parsed(coder, "Hungary will introduce price reform.") == [False]


def test_without_the_prefilter_every_sentence_is_parsed(everything) -> None:  # type: ignore[no-untyped-def]
    assert _parsed(everything, "The weather was mild. Markets were quiet.") == [True, True]


def _events(coder: Coder, text: str, day: dt.date = DAY) -> list[tuple[object, ...]]:
    return sorted((e.event_id, e.sentence_index, e.source.code, e.cameo, e.target.code if e.target else None,
                   e.source.entry) for e in coder.code_articles([Article("a", text, date=day)]))


def test_example_article_same_events_as_every_sentence_parsed(coder, everything) -> None:  # type: ignore[no-untyped-def]
    text = EXAMPLE.read_text(encoding="utf-8")
    day = dt.date(2014, 9, 6)
    filtered = _events(coder, text, day)
    assert len(filtered) >= 30
    assert filtered == _events(everything, text, day)
    item, todo = coder.prepare(Article("a", text, date=day))
    assert len(todo) < len(item.sentences)  # some sentences were left unparsed


def test_a_skipped_sentence_is_parsed_when_a_pronoun_points_into_it(coder, everything) -> None:  # type: ignore[no-untyped-def]
    text = "Kerry flew to Baghdad on Monday. It rained. He met Iraqi leaders."
    assert _parsed(coder, text) == [False, False, True]  # first pass: only the sentence with a trigger
    before = coder.stats["context"]
    events = _events(coder, text, dt.date(2014, 9, 6))
    assert coder.stats["context"] > before  # the pronoun's lookup brought the first sentence in
    assert events == _events(everything, text, dt.date(2014, 9, 6))
    assert [(e[2], e[3], e[4]) for e in events] == [("USAGOV", "040", "IRQGOV")]
    assert str(events[0][5]).startswith("coref:")


def test_the_lemmas_of_a_word(coder) -> None:  # type: ignore[no-untyped-def]
    lemmas = coder.prefilter.lemmas
    assert "attack" in lemmas("attacked") and "meet" in lemmas("met") and "ally" in lemmas("allies")
    assert "stage" in lemmas("staged")  # the extractor's repair of past forms


# Articles composed of these, in any order and number: events, their antecedents in sentences with no trigger,
# quotations, and sentences that name nobody. With or without the prefilter they must code the same events.
PIECES = [
    "John Kerry arrived in Jeddah on Thursday.",
    "The weather was hot.",
    "He met Saudi officials.",
    "Shares rose sharply in Tokyo.",
    "Kurdish rebels crossed the border at night.",
    "They attacked a police station.",
    "The militants later withdrew.",
    "A government spokesman said: \"We regret nothing.",
    "\"We will send aid to the refugees,\" he added.",
    "Iraqi troops shelled the town.",
    "It said it would retaliate.",
    "The talks with Iran ended without a deal.",
    "Prices of coffee fell for a third week.",
    "Britain, France, Germany and Italy formed a coalition.",
    "The partners condemned the attack.",
]


@settings(max_examples=max(10, EXAMPLES // 2), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=9))
def test_prefilter_codes_what_parsing_everything_codes(coder, everything, pieces) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(pieces)
    assert _events(coder, text, dt.date(2014, 9, 6)) == _events(everything, text, dt.date(2014, 9, 6))
