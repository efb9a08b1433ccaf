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


def test_firms_take_the_story_country_but_lending_banks_do_not(code):  # type: ignore[no-untyped-def]
    text = ("ROTTERDAM PORT TALKS\n\nThe Dutch government and Dutch unions met in Rotterdam. The Dutch minister said "
            "the Netherlands would act.\n\nEmployers criticised the Dutch port union on Monday.\n\n"
            "Commercial banks criticised the Dutch minister.")
    by_text = {e.source.text: e.source.country for e in code(text, date="1987-03-20") if e.type == "ACCUSE"}
    assert by_text.get("Employers") == "NLD" and by_text.get("Commercial banks") is None, by_text


def test_a_countrys_creditor_banks_are_not_that_country(code):  # type: ignore[no-untyped-def]
    creditors = code("Brazil's bank advisory committee criticised the Brazilian finance minister.")
    assert not any(e.source.country == "BRA" for e in creditors), [(e.source.text, e.source.code) for e in creditors]
    central = [e for e in code("Brazil's central bank criticised the IMF.") if e.type == "ACCUSE"]
    assert central and central[0].source.country == "BRA"
