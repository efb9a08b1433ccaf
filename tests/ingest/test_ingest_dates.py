"""Publication dates: ``--date`` values, JSON date fields and datelines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.errors import InputError
from dyads.ingest import dateline_date, parse_date, try_parse_date

SEP_6 = dt.date(2014, 9, 6)


@pytest.mark.parametrize(
    "value",
    [
        "2014-09-06",
        "20140906",
        "2014-09-06T10:00:00Z",
        "2014-09-06T10:00:00+02:00",
        "2014-09-06 10:00",
        "Sep 6, 2014",
        "Sept. 6, 2014",
        "September 6 2014",
        "6 September 2014",
        "Saturday, September 6, 2014",
        "Sat, 06 Sep 2014 10:00:00 GMT",
        "2014/09/06",
        "09/06/2014",
        "  2014-09-06\n",
    ],
)
def test_parse_date_reads_common_forms(value: str) -> None:
    assert parse_date(value) == SEP_6


@pytest.mark.parametrize(
    "value",
    [
        "not a date",
        "",
        "yesterday",  # relative: would need the clock
        "Sep 6",  # no year: would need the clock
        "Sep 2014",  # no day
        "2014",
        "1409990000",  # a timestamp, not a date we trust
        "2014-13-45",
        "20141345",
        "Sept. 31, 2014",
    ],
)
def test_parse_date_refuses_what_is_not_a_whole_date(value: str) -> None:
    with pytest.raises(InputError, match="is not a date: write it as YYYY-MM-DD"):
        parse_date(value)
    assert try_parse_date(value) is None


def test_parse_date_error_names_file_and_line() -> None:
    with pytest.raises(InputError) as info:
        parse_date("soon", source="feed.jsonl", line=4)
    assert str(info.value).startswith("feed.jsonl:4: 'soon' is not a date")
    assert (info.value.source, info.value.line) == ("feed.jsonl", 4)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("BARCELONA, Spain, Sept. 6 (Reuters) - Thousands marched.", dt.date(2014, 9, 8), SEP_6),
        ("WASHINGTON, Sept 6 2014 - The Senate voted.", None, SEP_6),
        ("WASHINGTON, Sept. 6, 2014 -- The Senate voted.", None, SEP_6),
        ("NEW YORK, Sept. 6, 2014 /Fakewire/ -- Shares fell.", None, SEP_6),
        ("LONDON, 6 September 2014 (AFP) - Ministers met.", None, SEP_6),
        ("ST. PETERSBURG, Russia, Sep 6, 2014 \u2014 Talks ended.", None, SEP_6),
        ("KYIV, 2014-09-06 - Shelling hit the centre.", None, SEP_6),
        ("\n  GENEVA, Sept. 6 (Fakewire) - Talks resumed.", dt.date(2014, 9, 6), SEP_6),
        # no year: the year that puts the dateline nearest the reference
        ("MOSCOW, Dec. 31 (Fakewire) - Troops moved.", dt.date(2015, 1, 2), dt.date(2014, 12, 31)),
        ("MOSCOW, Jan. 2 (Fakewire) - Troops moved.", dt.date(2014, 12, 31), dt.date(2015, 1, 2)),
        ("MOSCOW, Sept. 6 (Fakewire) - Troops moved.", dt.date(2015, 1, 2), SEP_6),
        ("MOSCOW, Feb. 29 (Fakewire) - Troops moved.", dt.date(2015, 6, 1), dt.date(2016, 2, 29)),
        # never the machine's clock: no year and no reference gives no date
        ("BARCELONA, Spain, Sept. 6 (Reuters) - Thousands marched.", None, None),
        # not datelines
        ("LISBON (AP) \u2014 Ministers met on Saturday.", None, None),
        ("U.S. troops left the base on May 3, 2014 - officials said.", None, None),
        ("Police said on Sept. 6, 2014 - a Saturday - that two men died.", None, None),
        ("The talks, held Sept 6 2014 - ended.", None, None),
        ("", None, None),
    ],
)
def test_dateline_date(text: str, reference: dt.date | None, expected: dt.date | None) -> None:
    assert dateline_date(text, reference=reference) == expected


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_parse_date_round_trips(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%Y%m%d")) == day
    assert parse_date(day.strftime("%B %d, %Y")) == day


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_try_parse_date_never_raises(value: str) -> None:
    result = try_parse_date(value)
    assert result is None or isinstance(result, dt.date)
