"""Publication dates: ``--date`` values, JSON ``date`` fields and datelines at the start of a body.

Nothing here reads the machine's clock: a date without a year is completed only from a reference date the
caller passes (``--date``), never from "this year"; relative words ("yesterday") and bare numbers
(timestamps) are refused. Parsing is English-only and runs offline (dateparser, no network).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from dyads.errors import InputError

__all__ = [
    "dateline_length", "dateline_date", "dateline_head_place", "dateline_place", "parse_date", "try_parse_date"]

logger = logging.getLogger(__name__)

#: dateparser settings: absolute dates only, all three parts required, so no part comes from the clock.
_SETTINGS: dict[str, Any] = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?\Z")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
# A dateline: an upper-case place ("BARCELONA", "NEW YORK") followed by a comma or a parenthesis, then up to
# ~100 characters ended by a dash: "BARCELONA, Spain, Sept. 6 (Reuters) -", "WASHINGTON, Sept 6 2014 --".
_DATELINE = re.compile(
    r"\s*(?P<head>[A-Z][A-Z.'\u2019-]+(?:[ /][A-Z][A-Z.'\u2019-]+)*(?=\s*[,(])[^\n]{0,100}?)\s+[-\u2013\u2014]{1,2}\s"
)
_DATE_IN_HEAD = re.compile(
    rf"(?P<md>{_MONTH}\s*\d{{1,2}})(?!\d)(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|(?P<dm>\b\d{{1,2}}\s+{_MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
)


def try_parse_date(value: str) -> dt.date | None:
    """Return the date a string names, or None when it names none (or only part of one).

    Accepts ISO dates and timestamps, ``YYYYMMDD`` and English forms; slashed dates read month first
    (``06/09/2014`` is June 9) unless the first number is over 12.

    Example:
        >>> try_parse_date("Sep 6, 2014")
        datetime.date(2014, 9, 6)
        >>> try_parse_date("yesterday") is None
        True
    """
    text = value.strip()
    if not text or len(text) > 80:
        return None
    match = _ISO.match(text) or _COMPACT.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if text.isdigit():  # a timestamp or a bare year: refuse rather than guess
        return None
    import dateparser  # ~80 ms to import: only when a date is not in ISO form

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input; odd input is just "not a date"
        logger.debug("dateparser failed on %r", text, exc_info=True)
        return None
    return parsed.date() if parsed is not None else None


def parse_date(value: str, *, source: str | None = None, line: int | None = None) -> dt.date:
    """Parse a publication date (``--date``, a JSON ``date`` field); raise InputError when it is none.

    Args:
        value: the text, e.g. ``2014-09-06``, ``20140906``, ``2014-09-06T10:00:00Z``, ``Sep 6, 2014``.
        source: the file the value came from, for the error message.
        line: the line in ``source``, for the error message.

    Example:
        >>> parse_date("2014-09-06T10:00:00Z")
        datetime.date(2014, 9, 6)
        >>> parse_date("soon", source="feed.jsonl", line=3)
        Traceback (most recent call last):
        dyads.errors.InputError: feed.jsonl:3: 'soon' is not a date: write it as YYYY-MM-DD (e.g. 2014-09-06)
    """
    parsed = try_parse_date(value)
    if parsed is None:
        raise InputError(f"{value!r} is not a date: write it as YYYY-MM-DD (e.g. 2014-09-06)", source, line)
    return parsed


def dateline_length(text: str) -> int:
    """Return how many characters a news dateline takes at the start of ``text`` (0 when there is none).

    The coder skips it: "BARCELONA, Spain -" names where the story was filed, not who acts.

    Example:
        >>> text = "BARCELONA, Spain - A US-led alliance forged a coalition."
        >>> text[dateline_length(text):]
        'A US-led alliance forged a coalition.'
    """
    head = _DATELINE.match(text[:200])
    return head.end() if head is not None else 0


def dateline_place(text: str) -> str | None:
    """Return the place a news dateline at the start of ``text`` names ("BUENOS AIRES"), or None.

    Example:
        >>> dateline_place("BUENOS AIRES, March 2 - Argentina's chief debt negotiator said ...")
        'BUENOS AIRES'
        >>> dateline_place("The talks ended.") is None
        True
    """
    head = _DATELINE.match(text[:200])
    return dateline_head_place(head["head"]) if head is not None else None


def dateline_head_place(head: str) -> str | None:
    """The place words of a dateline head ("TOKYO, April 26" -> "TOKYO"; "BARCELONA, Spain" -> "BARCELONA").

    Example:
        >>> dateline_head_place("BUENOS AIRES, March 2")
        'BUENOS AIRES'
    """
    place = re.split(r"\s*[,(]", head, maxsplit=1)[0].strip()
    return place or None


def dateline_date(text: str, *, reference: dt.date | None = None) -> dt.date | None:
    """Return the date in a news dateline at the start of ``text``, or None.

    A dateline without a year ("Sept. 6") takes the year that puts it nearest to ``reference`` (so "Dec. 31"
    read with a reference of 2 January is last year's); with no reference it gives None, never this year.

    Example:
        >>> dateline_date("WASHINGTON, Sept 6 2014 - The Senate voted on Friday ...")
        datetime.date(2014, 9, 6)
        >>> dateline_date("BARCELONA, Spain, Sept. 6 (Reuters) - Thousands marched ...",
        ...               reference=dt.date(2014, 9, 7))
        datetime.date(2014, 9, 6)
    """
    head = _DATELINE.match(text[:200])
    if head is None:
        return None
    found = _DATE_IN_HEAD.search(head["head"])
    if found is None:
        return None
    if found["iso"]:
        return try_parse_date(found["iso"])
    month_day = found["md"] or found["dm"]
    year = found["y1"] or found["y2"]
    if year:
        return try_parse_date(f"{month_day} {year}")
    if reference is None:
        return None
    candidates = [
        try_parse_date(f"{month_day} {option}") for option in (reference.year - 1, reference.year, reference.year + 1)
    ]
    found_dates = [candidate for candidate in candidates if candidate is not None]
    return min(found_dates, key=lambda candidate: abs(candidate - reference), default=None)
