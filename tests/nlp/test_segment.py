"""Sentences cut from the tokenizer's output, before anything is parsed."""

from __future__ import annotations

import pytest

from dyads.nlp import load_nlp
from dyads.nlp.segment import MAX_TOKENS, segment

CASES = [
    ("Iran condemned the strikes. The US said nothing.", ["Iran condemned the strikes.", "The US said nothing."]),
    ('Iran said "We will help." The U.S. agreed.', ['Iran said "We will help."', "The U.S. agreed."]),
    ('He asked: "Why?" Nobody answered!', ['He asked: "Why?"', "Nobody answered!"]),
    ("Mr. Smith met Dr. Jones in Washington.", ["Mr. Smith met Dr. Jones in Washington."]),
    ("Talks collapsed (again.) Fighting resumed.", ["Talks collapsed (again.)", "Fighting resumed."]),
    ("IRAN STRIKES BACK\n\nIran fired missiles.", ["IRAN STRIKES BACK", "Iran fired missiles."]),
    ("sold its stake to Woodco of Houston\n\nfor 200,000 dlrs.", ["sold its stake to Woodco of Houston\n\nfor 200,000 dlrs."]),
    ("  \n\nIran protested.\n\n  ", ["Iran protested."]),
    ("", []),
]


@pytest.mark.parametrize(("text", "sentences"), CASES)
def test_sentences(text: str, sentences: list[str]) -> None:
    doc = load_nlp().make_doc(text)
    assert [doc[s:e].text for s, e in segment(doc)] == sentences


def test_a_run_without_ends_is_cut() -> None:
    doc = load_nlp().make_doc(" ".join(["word"] * (3 * MAX_TOKENS)))
    bounds = segment(doc)
    assert all(e - s <= MAX_TOKENS for s, e in bounds)
    assert sum(e - s for s, e in bounds) == len(doc)  # nothing lost
