"""Sectors follow the body an office belongs to: "union leaders" lead a union, not a government."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("sentence", "sector"), [
    ("Dutch union leaders criticised the Dutch government.", "LAB"),
    ("Swiss church officials criticised the Swiss government.", "REL"),
    ("Iraqi officials criticised the Iranian government.", "GOV"),
])
def test_an_office_takes_the_sector_of_its_body(code, sentence, sector):  # type: ignore[no-untyped-def]
    events = [e for e in code(sentence) if e.type == "ACCUSE"]
    assert events and events[0].source.sector == sector, [(e.source.text, e.source.code) for e in events]
