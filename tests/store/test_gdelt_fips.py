"""The GDELT export's geo country columns carry FIPS 10-4 codes, as GDELT's do (issue 12)."""

from __future__ import annotations

import io

import pytest

from dyads.records import Actor, Article, Event, Location, Modality, Span
from dyads.store import GDELT_COLUMNS, EventStore, export
from dyads.store.export import fips_country


@pytest.mark.parametrize(("iso3", "fips"), [("DEU", "GM"), ("GBR", "UK"), ("IRQ", "IZ"), ("IRN", "IR"),
                                            ("ISR", "IS"), ("SRB", "RI"), ("USA", "US"), ("XKX", "KV"),
                                            ("irq", "IZ"), ("ZZZ", None), (None, None)])
def test_iso3_to_fips(iso3: str | None, fips: str | None) -> None:
    assert fips_country(iso3) == fips


def test_action_geo_country_is_fips() -> None:
    sentence = "Turkish troops attacked Kurdish fighters in Germany."
    event = Event(event_id="e1", doc_id="a1", sentence_index=0, sentence=sentence, date="2014-09-06",
                  date_precision="day", source=Actor("Turkish troops", 0, 14, country="TUR", code="TURMIL"),
                  target=Actor("Kurdish fighters", 24, 40, code="KURREB"), type="ASSAULT", mode=None, cameo="190",
                  quad_class=4, intensity=-10.0, trigger=Span("attacked", 15, 23),
                  location=Location(name="Germany", country="DEU"), modality=Modality(), confidence=0.9,
                  coder="test")
    with EventStore(":memory:") as store:
        store.write(Article(id="a1", text=sentence, url="http://x/a1"), [event])
        out = io.StringIO()
        export(store, "gdelt", out)
    row = dict(zip(GDELT_COLUMNS, out.getvalue().rstrip("\n").split("\t")))
    assert row["ActionGeo_CountryCode"] == "GM"
    assert row["Actor1CountryCode"] == "TUR"  # actor countries stay CAMEO's three letters, as in GDELT
