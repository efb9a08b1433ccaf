"""End to end on the bundled example article (examples/coalition_article.txt, published 2014-09-06).

Two checks: the facts an analyst expects from this article (the issue's acceptance list), and a golden file of
every event (sentence, source, type, CAMEO, target) so that any change in output is seen and reviewed. After an
intended change, regenerate the golden file with ``DYADS_UPDATE_GOLDEN=1 pytest tests/test_example.py``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from dyads.ingest import read_inputs

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "coalition_article.txt"
GOLDEN = Path(__file__).parent / "golden" / "coalition_article.tsv"
PARTNERS = {"USA", "GBR", "FRA", "AUS", "DEU", "CAN", "TUR", "ITA", "POL", "DNK"}


@pytest.fixture(scope="module")
def events(coder):  # type: ignore[no-untyped-def]
    articles = list(read_inputs([EXAMPLE], default_date=dt.date(2014, 9, 6)))
    assert len(articles) == 1
    return list(coder.code_articles(articles))


def _countries(actor):  # type: ignore[no-untyped-def]
    if actor is None:
        return set()
    if actor.members:
        return {m.country for m in actor.members}
    return {actor.country}


def test_partners_agree_to_give_air_support(events):  # type: ignore[no-untyped-def]
    agreeing = set()
    for e in events:
        if e.type == "AGREE":
            agreeing |= _countries(e.source)
    assert len(agreeing & PARTNERS) >= 8, agreeing


def test_iran_us_military_cooperation_reported(events):  # type: ignore[no-untyped-def]
    coop = [e for e in events if e.type == "COOPERATE" and e.source.country == "IRN"
            and e.target is not None and e.target.country == "USA"]
    assert coop
    assert any(e.modality.reported and e.modality.attributed_to is not None for e in coop)
    assert any(e.mode == "military" or e.cameo == "062" for e in coop)


def test_us_strikes_on_islamic_state(events):  # type: ignore[no-untyped-def]
    strikes = [e for e in events if e.type == "ASSAULT" and e.source.country == "USA"
               and e.target is not None and e.target.code == "NSAISI"]
    assert strikes
    assert any(e.location is not None and e.location.country == "IRQ" for e in strikes)


def test_kerry_is_a_us_government_actor(events):  # type: ignore[no-untyped-def]
    actors = [e.source for e in events] + [e.modality.attributed_to for e in events if e.modality.attributed_to]
    actors += [m for a in list(actors) for m in a.members]
    kerry = [a for a in actors if "Kerry" in a.text]
    assert kerry
    assert any(a.country == "USA" and a.sector == "GOV" for a in kerry)


def test_every_event_is_complete(events):  # type: ignore[no-untyped-def]
    for e in events:
        record = e.to_dict()
        assert record["date"] == "2014-09-06" or record["date_precision"] != "publication"
        assert record["sentence"][slice(*record["trigger"]["span"])] == record["trigger"]["text"]
        assert e.coder.startswith("dyads ")


def _rows(events):  # type: ignore[no-untyped-def]
    def who(actor):  # type: ignore[no-untyped-def]
        if actor is None:
            return "-"
        group = f"/{len(actor.members)}" if actor.members else ""
        if actor.code:
            return actor.code + group
        return "+".join(sorted(m.country or m.code or "?" for m in actor.members)) or "?"

    return sorted(f"{e.sentence_index}\t{who(e.source)}\t{e.type}\t{e.cameo}\t{who(e.target)}\t{e.trigger.text}"
                  for e in events)


def test_golden_file(events):  # type: ignore[no-untyped-def]
    rows = _rows(events)
    if os.environ.get("DYADS_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(rows) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert rows == expected, "output changed: review it, then DYADS_UPDATE_GOLDEN=1 pytest tests/test_example.py"


# ---- issue 3: modality, groups, coreference, dates, places on the same article


def test_iran_us_cooperation_is_reported_and_hedged(events):  # type: ignore[no-untyped-def]
    coop = [e for e in events if e.type == "COOPERATE" and e.source.country == "IRN"
            and e.target is not None and e.target.country == "USA"]
    assert any(e.modality.reported and e.modality.hedged and e.modality.attributed_to is not None for e in coop)


def test_us_strikes_dated_august_in_iraq(events):  # type: ignore[no-untyped-def]
    strikes = [e for e in events if e.type == "ASSAULT" and e.source.country == "USA"
               and e.target is not None and e.target.code == "NSAISI"]
    assert any(e.date == "2014-08" and e.date_precision == "month" and e.location is not None
               and e.location.country == "IRQ" for e in strikes)


def test_islamic_state_acts_against_minorities(events):  # type: ignore[no-untyped-def]
    assert any(e.source.code == "NSAISI" and e.type in ("ASSAULT", "COERCE") for e in events)


def test_coalition_forms_on_friday(events):  # type: ignore[no-untyped-def]
    forming = [e for e in events if e.sentence_index == 0 and e.trigger.text == "coalition"]
    assert forming and all(e.date == "2014-09-05" and e.date_precision == "day" for e in forming)
    assert len({e.source.country for e in forming} & PARTNERS) >= 8


def test_task_force_announcement_is_future(events):  # type: ignore[no-untyped-def]
    quoted = [e for e in events if "task force" in e.sentence]
    assert quoted and all(e.modality.future for e in quoted)
    assert all(e.source.country == "USA" for e in quoted)  # "we" in the US statement


def test_partners_are_cooperative_sources(events):  # type: ignore[no-untyped-def]
    cooperative = {e.source.country for e in events if e.quad_class in (1, 2)}
    assert len(cooperative & PARTNERS) >= 8
