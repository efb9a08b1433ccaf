"""The fast attribute ruler gives every token the annotations spaCy's own attribute_ruler gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.nlp import components, load_nlp, pipe_docs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "coalition_article.txt"

TEXTS = [
    "Iraqi troops attacked Islamic State fighters in Mosul on Tuesday.",
    "We're gonna win, and let's not forget it ain't over, he said.",
    "The U.S. didn't rule out sanctions; Britain's envoy said it's 'unacceptable'.",
    "Gotta go!  But, honestly, the talks - held in Geneva - went nowhere...",
    "Shr 34 cts vs 1.19 dlrs\n\nNet 2,345,000 vs 1,234,000",
]


def _annotations(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in doc]


@pytest.mark.parametrize("text", [*TEXTS, EXAMPLE.read_text(encoding="utf-8")], ids=range(len(TEXTS) + 1))
def test_same_annotations_as_spacy(text: str) -> None:
    nlp = load_nlp()
    expected = _annotations(nlp(text))
    (doc, context), = pipe_docs(components(nlp), [(nlp.make_doc(text), "ctx")], batch_size=8)
    assert context == "ctx"
    assert _annotations(doc) == expected


def test_the_loaded_pipeline_is_left_alone() -> None:
    nlp = load_nlp()
    names = [type(proc).__name__ for _, proc in components(nlp)]
    assert "FastAttributeRuler" in names
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_contexts_come_back_in_order() -> None:
    nlp = load_nlp()
    pairs = [(nlp.make_doc(text), n) for n, text in enumerate(TEXTS)]
    out = list(pipe_docs(components(nlp), pairs, batch_size=2))
    assert [n for _, n in out] == list(range(len(TEXTS)))
    assert [doc.text for doc, _ in out] == TEXTS
