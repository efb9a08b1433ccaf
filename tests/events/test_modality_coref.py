"""Modality, coreference, groups and event dates: short articles written for these tests -> what must be coded."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _find(events, **want):  # type: ignore[no-untyped-def]
    out = []
    for e in events:
        if all((getattr(e, k, None) == v) or (k == "source_country" and e.source.country == v)
               or (k == "target_country" and e.target is not None and e.target.country == v)
               for k, v in want.items()):
            out.append(e)
    return out


MODALITY = [
    ("Turkey did not join the air strikes against the militants.", "negated", True),
    ("Japan plans to send medical aid to Nepal.", "future", True),
    ("If Iran enriches more uranium, Israel would attack its nuclear sites.", "hypothetical", True),
    ("Syrian forces reportedly shelled a village near Idlib.", "hedged", True),
    ("Rebels allegedly kidnapped two aid workers in Darfur.", "hedged", True),
    ("Officials said Chadian troops attacked Boko Haram camps.", "hedged", True),
    ("Chadian troops attacked Boko Haram camps near Lake Chad.", "reported", False),
]


@pytest.mark.parametrize(("sentence", "flag", "value"), MODALITY)
def test_modality_table(code, sentence, flag, value):  # type: ignore[no-untyped-def]
    events = code(sentence, date="2016-05-02")
    assert events, sentence
    assert any(getattr(e.modality, flag) is value for e in events), [(e.type, e.modality) for e in events]


def test_reported_by_outlet_is_attributed(code):  # type: ignore[no-untyped-def]
    events = code("Al Jazeera reported that Qatar had offered to mediate between the Taliban and Washington.",
                  date="2019-03-01")
    assert events
    assert all(e.modality.reported for e in events)
    assert any(e.modality.attributed_to is not None and e.modality.attributed_to.country == "QAT" for e in events)


def test_we_inside_a_quote_is_the_speaker(code):  # type: ignore[no-untyped-def]
    text = ('Canada\'s foreign minister said on Monday that Ottawa was ready to help. '
            '"We will send engineers and medical teams to Haiti," she told reporters.')
    events = code(text, date="2010-01-18")
    # announced by its own actor for the future: coded as a statement of intent to give aid (AGREE, CAMEO 033)
    sent = [e for e in events if e.type == "AGREE" and e.cameo == "033"]
    assert sent and sent[0].source.country == "CAN"
    assert sent[0].target is not None and sent[0].target.country == "HTI"
    assert sent[0].modality.future


def test_pronoun_points_back_to_the_last_person(code):  # type: ignore[no-untyped-def]
    text = ("Russian President Vladimir Putin arrived in Ankara on Tuesday. "
            "He later met Turkish officials to discuss the Syrian war.")
    events = code(text, date="2016-12-13")
    met = [e for e in events if e.trigger.text == "met"]
    assert met and met[0].source.code == "RUSGOV"
    assert met[0].source.entry and met[0].source.entry.startswith("coref:")


def test_definite_description_points_back_to_the_armed_group(code):  # type: ignore[no-untyped-def]
    text = ("Boko Haram fighters raided a village in Borno state on Sunday. "
            "The militants abducted dozens of schoolgirls.")
    events = code(text, date="2014-04-20")
    abducted = [e for e in events if e.trigger.text == "abducted"]
    assert abducted and abducted[0].source.country == "NGA"


def test_standing_group_lists_its_members_for_the_date(code):  # type: ignore[no-untyped-def]
    events = code("NATO condemned the Russian missile strike.", date="2022-06-01")
    nato = [e for e in events if e.source.code == "IGOWSTNAT"]
    assert nato
    members = {m.country for m in nato[0].source.members}
    assert {"USA", "DEU", "TUR"} <= members
    assert "FIN" not in members  # Finland joined in April 2023
    later = code("NATO condemned the Russian missile strike.", date="2024-06-01")
    assert "FIN" in {m.country for e in later if e.source.code == "IGOWSTNAT" for m in e.source.members}


def test_group_reference_counts_once_per_member(code):  # type: ignore[no-untyped-def]
    text = ("Three countries - Kenya, Uganda and Tanzania - agreed to build a railway. "
            "The partners also condemned the attack on Somalia's parliament.")
    events = code(text, date="2015-04-01")
    condemn = [e for e in events if e.type == "ACCUSE"]
    assert {e.source.country for e in condemn} == {"KEN", "UGA", "TZA"}
    assert len({e.event_id for e in condemn}) == 3
    assert all(len(e.source.members) == 3 for e in condemn)


DATES = [
    ("Egyptian jets bombed militant positions in Sinai on Friday.", "2015-02-14", "2015-02-13", "day"),
    ("In March, Saudi Arabia launched air strikes against the Houthis in Yemen.", "2015-06-10", "2015-03", "month"),
    ("Saudi Arabia launched air strikes against the Houthis in Yemen.", "2015-06-10", "2015-06-10", "publication"),
]


@pytest.mark.parametrize(("sentence", "published", "date", "precision"), DATES)
def test_event_dates(code, sentence, published, date, precision):  # type: ignore[no-untyped-def]
    events = code(sentence, date=published)
    assert events
    assert (events[0].date, events[0].date_precision) == (date, precision)


def test_places_are_geocoded_offline(code):  # type: ignore[no-untyped-def]
    events = code("Iraqi troops attacked Islamic State fighters near Mosul.", date="2016-10-20")
    assert events and events[0].location is not None
    loc = events[0].location
    assert loc.country == "IRQ" and loc.precision == "city" and loc.lat is not None
