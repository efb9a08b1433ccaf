"""Date of an event: the temporal expression of the trigger's clause, resolved against the publication date.

All is relative to the publication date, never the machine clock. Cheap word rules read the common forms; the
rest (numeric dates, "the 2nd of September, a Tuesday") goes to dateparser, cached per (text, date, future).

Decisions, so an analyst can tell what a date means:
- **Which expression.** One attached by dependency (``npadvmod``, ``tmod``, ``advmod``, ``prep`` + ``pobj``) to
  the trigger or the verb governing it wins (the most precise, then the nearest); then one on a verb whose time
  the clause shares (an ``xcomp`` head, a bare participle's head, a coordinated verb of the same tense); then the
  sentence's only date expression, unless it sits in another clause with its own verb ("said on Monday that
  ..."). Else the publication date.
- **Weekdays** are the last such day on or before publication ("last Friday" too); after "next"/"coming" the
  first one after it; in a future clause ("will meet on Monday") the first on or after it.
- **Month names and day dates without a year** ("in November", "Sept. 10") later in the year than publication
  mean last year, unless the clause is future (then earlier ones mean next year).
- **Weeks and weekends** ("last week", "earlier this week", "over the weekend", "two weeks ago") span days, so a
  day would be false precision: precision ``month``, the month holding most of those days (ties: the later one).
- **Durations, bounds, decades** ("for two months", "the past decade", "before August", "ahead of Friday's talks",
  "the 1990s") are not the date of the act: ignored. Durations reaching months or years back ("over the past
  decade", "in recent years", "for decades") and the past perfect ("had opposed"; not the back-shift "said that
  troops had attacked") mark ``background``: past context, not news of the day, dated by publication unless a
  real date expression is present.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span, Token

__all__ = ["EventDate", "event_date", "resolve_expression"]

logger = logging.getLogger(__name__)

MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
          "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
          "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
DAY_SHIFTS = DAY_WORDS | {"this": 0, "last": -1}  # with a part of the day: "this morning", "last night"
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "midday", "noon", "dawn", "dusk", "midnight"})
FILLERS = frozenset({"on", "in", "at", "during", "since", "from", "of", "the", "early", "late", "mid", "earlier",
                     "later", "end", "beginning", "start", "middle", "around", "about", "as", "s", "over"})
BOUNDS = frozenset({"before", "after", "until", "till", "by", "ahead", "prior", "within", "through", "between",
                    "to", "and", "or", "throughout", "every", "each", "per"})
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
UNITS = {unit + plural: unit for unit in ("day", "week", "month", "year", "decade") for plural in ("", "s")}
BACKGROUND_UNITS = frozenset({"months", "years", "decade", "decades", "century", "centuries"})
TEMPORAL_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod:tmod"})
NESTED_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
NESTED_PREPS = frozenset({"since", "during", "in"})
FUTURE_HEADS = frozenset({"go", "plan", "expect", "intend", "schedule", "aim", "prepare", "agree", "promise",
                          "pledge", "vow", "decide", "threaten", "due", "set", "hope", "want", "seek"})
#: subordinators of a clause that times the clause it hangs on ("When renominated in 1983, he said ...")
WHEN_MARKERS = frozenset({"when", "after", "before", "while", "as", "once"})
HEDGES = frozenset({"ahead", "prior", "up"})  # "ahead of", "prior to", "up to" bound a date
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
PAST_MODS = ((), ("last",), ("this",), ("past",), ("this", "past"), ("previous",))
UNIT_SHIFTS = {("last",): -1, ("previous",): -1, ("this",): 0, ("current",): 0, ("next",): 1, ("coming",): 1}
_WORD = re.compile(r"\d+(?:st|nd|rd|th|s)?|[a-z]+")
_NUMERIC = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")  # "2014-09-05", "9/5/2014": for dateparser
_NO_BASE = dt.date(2000, 1, 1)  # stands in for a missing publication date; relative answers are then dropped


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as precisely as the text says.

    Attributes:
        date: ISO date ("2014-09-05"), month ("2014-08") or year ("1979"); the publication date when the text
            gives none; None when there is neither.
        precision: ``day``, ``month``, ``year`` or ``publication`` (fell back to the article's date).
        expression: the words the date came from ("Friday", "In August"), None for the publication date.
        background: the act is past context ("had opposed", "over the past decade"), not news of the day.
    """

    date: str | None
    precision: str
    expression: str | None
    background: bool = False


class _Resolved(NamedTuple):
    date: str
    precision: str
    relative: bool  # needs the publication date


def resolve_expression(text: str, published: dt.date, *, future: bool = False) -> EventDate | None:
    """Resolve one temporal expression against the publication date; None when it is no date or unreadable.

    Args:
        text: the expression, with its preposition if any ("on Monday", "since June", "Sept. 5", "in 1979").
        published: the article's publication date.
        future: the clause speaks of what is yet to happen ("will meet in November").

    Example: ``resolve_expression("in November", date(2014, 9, 6))`` -> ``EventDate("2013-11", "month", ...)``.
    """
    found = _resolve(text, published, future)
    return None if found is None else EventDate(found.date, found.precision, text)


def _resolve(text: str, base: dt.date, future: bool) -> _Resolved | None:
    try:
        found = _resolve_cached(text.strip().lower().replace("\u2019", "'"), base, future)
    except (ValueError, ArithmeticError) as exc:  # calendar arithmetic at the edges of time
        logger.debug("date expression %r not resolved: %s", text, exc)
        return None
    return found if found is not None and "0001" <= found.date[:4] <= "9999" else None


@lru_cache(maxsize=8192)
def _resolve_cached(low: str, base: dt.date, future: bool) -> _Resolved | None:
    if not low or len(low) > 80:
        return None
    if _NUMERIC.search(low):
        return _dateparser(low, base, future)
    words = [w[:-2] if w[0].isdigit() and w[-2:] in ("st", "nd", "rd", "th") else w
             for w in _WORD.findall(low.replace("'s", " "))]
    if not words or (words[0] in ("for", "over") and words[-1] != "weekend") or any(w in BOUNDS for w in words):
        return None
    if "ago" in words:
        return _ago(words, base)
    if any(a == "the" and b in ("past", "last") for a, b in zip(words, words[1:])):
        return None  # "in the last week": a duration, not a calendar week
    core = [w for w in words if w not in FILLERS and w not in PARTS_OF_DAY]
    if any(w in MONTHS for w in core):
        return _month_date(core, low, base, future)
    if not core:
        return None
    *mods, head = core  # the head word says what kind of expression it is; the words before it modify it
    shift = DAY_SHIFTS.get(head) if any(w in PARTS_OF_DAY for w in words) or head not in ("this", "last") else None
    if not mods and shift is not None:
        return _day(base + dt.timedelta(days=shift))  # "yesterday", "this morning", "last night"
    if head in WEEKDAYS:
        return _weekday(WEEKDAYS[head], tuple(mods), base, future)
    if head in ("week", "weekend"):
        return _week(head, tuple(mods), base, future)
    if head in ("month", "year") and tuple(mods) in UNIT_SHIFTS:  # "last month", "this year"
        n = UNIT_SHIFTS[tuple(mods)]
        return _month(base.year, base.month + n) if head == "month" else _year(base.year + n)
    if not mods and len(head) == 4 and head.isdigit() and 1000 <= int(head) <= 2999:
        return _year(int(head), False)
    return None


def _day(day: dt.date) -> _Resolved:
    return _Resolved(day.isoformat(), "day", True)


def _year(year: int, relative: bool = True) -> _Resolved:
    return _Resolved(f"{year:04d}", "year", relative)


def _month(year: int, month: int) -> _Resolved:  # month may run past 1..12: "last month" in January
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return _Resolved(f"{year:04d}-{month:02d}", "month", True)


def _weekday(day: int, mods: tuple[str, ...], base: dt.date, future: bool) -> _Resolved | None:
    if mods in (("next",), ("coming",), ("this", "coming")):
        return _day(base + dt.timedelta(days=(day - base.weekday() - 1) % 7 + 1))
    if mods in ((), ("this",)) and future:
        return _day(base + dt.timedelta(days=(day - base.weekday()) % 7))
    if mods in PAST_MODS:
        return _day(base - dt.timedelta(days=(base.weekday() - day) % 7))
    return None


def _window_month(first: dt.date, last: dt.date) -> _Resolved:
    """The month holding most days of first..last (ties: the later month)."""
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    months = [(d.year, d.month) for d in days]
    year, month = max(set(months), key=lambda ym: (months.count(ym), ym))
    return _month(year, month)


def _week(unit: str, mods: tuple[str, ...], base: dt.date, future: bool) -> _Resolved | None:
    monday = base - dt.timedelta(days=base.weekday())
    if unit == "weekend":
        if mods in (("next",), ("coming",)) or (future and mods in ((), ("this",))):
            saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7)
            return _window_month(saturday, saturday + dt.timedelta(days=1))
        if mods not in PAST_MODS:
            return None
        back = (base.weekday() - 5) % 7 + (7 if mods == ("last",) and base.weekday() >= 5 else 0)
        saturday = base - dt.timedelta(days=back)  # on a weekend, "last weekend" is the one before
        return _window_month(saturday, min(saturday + dt.timedelta(days=1), base))
    windows = {("last",): (-7, -1), ("previous",): (-7, -1), ("next",): (7, 13), ("coming",): (7, 13)}
    if mods == ("this",):  # the part of this week before (or, in a future clause, after) publication
        return _window_month(base, monday + dt.timedelta(days=6)) if future else _window_month(monday, base)
    if mods not in windows:
        return None
    return _window_month(monday + dt.timedelta(days=windows[mods][0]), monday + dt.timedelta(days=windows[mods][1]))


def _ago(words: list[str], base: dt.date) -> _Resolved | None:
    at = words.index("ago")
    count, unit = (words[at - 2], UNITS.get(words[at - 1])) if at >= 2 else ("", None)
    n = int(count) if count.isdigit() and len(count) <= 3 else NUMBERS.get(count)
    if n is None or unit is None:
        return None
    if unit == "day":
        return _day(base - dt.timedelta(days=n))
    if unit == "week":  # the Monday-to-Sunday week holding the day n weeks back
        monday = base - dt.timedelta(days=7 * n + base.weekday())
        return _window_month(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        return _month(base.year, base.month - n)
    return _year(base.year - n * (10 if unit == "decade" else 1))


def _month_date(core: list[str], low: str, base: dt.date, future: bool) -> _Resolved | None:
    months = [MONTHS[w] for w in core if w in MONTHS]
    days = [int(w) for w in core if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31]
    years = [int(w) for w in core if w.isdigit() and len(w) == 4]
    mods = [w for w in core if w in ("last", "this", "next")]
    rest = [w for w in core if w not in MONTHS and w not in WEEKDAYS and not w.isdigit() and w not in mods]
    if rest or len(months) > 1 or len(days) > 1 or len(years) > 1 or len(mods) > 1 or len(core) > 6:
        parsed = _dateparser(low, base, future)
        if parsed is not None or len(months) > 1 or len(years) > 1 or days:
            return parsed
        mods, days = [], []  # "the first week of August": the month is all that is sure
    month = months[0]
    if years:
        year, relative = years[0], False
    else:
        relative = True
        when, now = (month, days[0] if days else 0), (base.month, base.day if days else 0)
        if mods == ["next"] or (future and not mods):  # the first such month on (after, for "next") publication
            year = base.year if when > now or (when == now and not mods) else base.year + 1
        else:  # the last one on (before, for "last") publication
            year = base.year if when < now or (when == now and mods != ["last"]) else base.year - 1
    if not days:
        return _Resolved(f"{year:04d}-{month:02d}", "month", relative)
    return _Resolved(dt.date(year, month, days[0]).isoformat(), "day", relative)


def _dateparser(low: str, base: dt.date, future: bool) -> _Resolved | None:
    """Ask dateparser (slow; only for what the word rules cannot read). Callers cache the answer."""
    from dateparser.date import DateDataParser  # imported late: it costs time nobody needs for "Friday"

    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(low)
    except Exception as exc:  # dateparser raises many types on odd text; an unreadable date is no error
        logger.debug("dateparser failed on %r: %s", low, exc)
        return None
    if data.date_obj is None:
        return None
    day, period, relative = data.date_obj.date(), data.period or "day", not re.search(r"\d{4}", low)
    if period == "year":
        return _year(day.year, relative)
    if period in ("month", "week"):
        return _Resolved(f"{day.year:04d}-{day.month:02d}", "month", relative)
    return _Resolved(day.isoformat(), "day", relative)


class _Expression(NamedTuple):
    text: str  # the words reported as the expression
    query: str  # the words resolved
    attach: int  # index of the token it hangs on by a temporal dependency; -1 for none
    clause: Token  # the verb (or root) of the clause it sits in
    start: int


def _clause_head(tok: Token) -> Token:
    """The nearest verb at or above ``tok`` that heads a clause (the sentence root when none)."""
    while not (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")) and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _bounded(tok: Token, clause: Token) -> bool:
    """Whether a preposition between ``tok`` and its clause's verb makes it a bound rather than a date."""
    while tok.i != clause.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.dep_ == "prep" and (tok.lower_ in BOUNDS or (tok.lower_ in ("of", "to") and tok.head.lower_ in HEDGES)):
            return True
    return False


def _expressions(sent: Span) -> list[_Expression]:
    spans = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    covered = {t.i for e in spans for t in e}
    for tok in sent:  # temporal words the entity recogniser missed
        low = tok.lower_
        if tok.i not in covered and (low in DAY_WORDS or low in WEEKDAYS
                                     or (tok.tag_ == "NNP" and low in MONTHS and len(low) > 3)
                                     or low in MONTHS and len(low) > 3 and _dated_month(tok)):
            mods = [c for c in tok.lefts if c.lower_ in ("last", "next", "this", "past") and c.i not in covered]
            spans.append(sent.doc[(mods[0].i if mods else tok.i):tok.i + 1])
    found = []
    for span in spans:
        root = span.root
        clause = _clause_head(root)
        if _bounded(root, clause):
            continue  # "before August", "ahead of Friday's talks": a bound, not the date of the act
        text = query = span.text
        attach = -1
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.i < span.start:
            text = query = sent.doc[root.head.i:span.end].text
            attach = root.head.head.i
        elif root.dep_ in TEMPORAL_DEPS:
            attach = root.head.i
        elif (root.dep_ in NESTED_DEPS and root.head.dep_ == "pobj" and root.head.head.lower_ in NESTED_PREPS
              and root.head.head.dep_ == "prep"):
            noun, prep = root.head, root.head.head
            text, attach = sent.doc[prep.i:max(span.end, noun.i + 1)].text, prep.head.i
        found.append(_Expression(text, query, attach, clause, span.start))
    return found


def _dated_month(tok: Token) -> bool:
    """A month written in lower case that is still a date: "last january 22", "in june 1986"."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    before = doc[tok.i - 1] if tok.i > 0 else None
    return (after is not None and after.like_num) or (before is not None and before.lower_ in ("last", "next"))


def _is_future(verb: Token) -> bool:
    will = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in verb.children) or (
        verb.dep_ == "ccomp" and verb.head.tag_ == "VBD" and any(c.dep_ == "aux" and c.lower_ == "would"
                                                                   for c in verb.children))  # "said he would"
    return will or (verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_HEADS)


def _past_perfect(verb: Token) -> bool:
    """``had`` + participle, except the back-shift of reported speech ("said that troops had attacked")."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    backshift = verb.dep_ == "ccomp" and verb.head.tag_ == "VBD"
    return not backshift and "had" in auxes and (verb.tag_ == "VBN" or "been" in auxes)


def _past_decade(text: str, published: dt.date | None) -> bool:
    """Whether the expression names a decade over before publication ("during the early 1980s")."""
    found = re.search(r"\b(1[89]\d0|20\d0)'?s\b", text)
    if not found or published is None:
        return False
    low = text.lower()
    span = 3 if "early" in low else 6 if "mid" in low else 9  # the early 1980s end by 1983
    return int(found.group(1)) + span < published.year


def _is_background(text: str) -> bool:
    words = _WORD.findall(text.lower())
    if "last" in words and {"autumn", "spring", "summer", "winter", "fall"}.intersection(words):
        return True  # "quit last autumn": a season before the article's
    if "ago" in words or not BACKGROUND_UNITS.intersection(words):
        return False
    return bool({"past", "last", "recent", "previous"}.intersection(words)) or (words[0] == "for" and len(words) == 2)


#: adverbs that put an act before the news or make it a habit: "has previously said", "has repeatedly vowed"
PAST_ADVERBS = frozenset({"previously", "formerly", "repeatedly", "initially", "originally", "earlier", "often",
                          "frequently", "regularly", "long", "traditionally", "historically", "generally", "usually",
                          "always", "consistently", "normally", "routinely"})


#: agreements whose terms a clause under them recounts ("under the pact, Tokyo agreed to stop ...")
STANDING_ACCORDS = frozenset({"pact", "agreement", "accord", "deal", "protocol", "treaty", "arrangement", "terms",
                              "memorandum", "understanding", "accords"})


def _habitual(verb: Token) -> bool:
    """Whether a verb is told as past context or a habit: a past adverb, or "in the past"."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in PAST_ADVERBS:
            if child.lower_ == "earlier" and any(g.dep_ in ("npadvmod", "pobj", "prep") for g in child.children):
                continue  # "earlier this week", "earlier on Friday": dated, the date decides
            if child.lower_ == "long" and not any(c.lower_ in ("has", "have", "had") for c in verb.children):
                continue  # "long" only as "has long opposed"
            return True
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                g.dep_ == "pobj" and g.lower_ == "past" and not any(m.dep_ in ("amod", "nummod") for m in g.children)
                for g in child.children):
            return True  # "in the past", not "in the past week"
        if child.dep_ == "prep" and child.lower_ == "from" and any(
                g.lower_ == "time" and any(t.lower_ == "to" for t in g.subtree) for g in child.children):
            return True  # "talks with him from time to time": a habit
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in child.children) \
                and any(a.lower_ in ("has", "have", "had") for a in verb.children if a.dep_ == "aux"):
            return True  # "has worked closely with him since the government took office": a standing tie
        if child.dep_ in ("npadvmod", "advmod", "obl") and child.lower_ == "time" and any(
                d.lower_ in ("each", "every") for d in child.children):
            return True  # "each time the U.S. demanded an end to the quotas": a habit
        if child.dep_ == "prep" and child.lower_ in ("under", "in") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in STANDING_ACCORDS
                and (child.lower_ == "under" or any(a.dep_ == "acl" for a in g.children)) for g in child.children):
            return True  # "under the pact, Tokyo agreed to ...", "in a protocol signed in 1985, Cairo agreed"
    return False


def _shares_time(verb: Token) -> bool:
    """An ``xcomp`` ("agreed to provide") or a bare participle ("attacked the town, killing ten") of its head."""
    return verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in verb.children))


def _controllers(anchor: Token) -> list[Token]:
    """The verb and the verbs above it whose time it shares ("agreed to provide": provide, agreed)."""
    chain, tok = [anchor], anchor
    while _shares_time(tok) and tok.head.i != tok.i:
        tok = _clause_head(tok.head)
        chain.append(tok)
    return chain


def _future(verb: Token) -> bool:
    """Whether the clause of ``verb`` tells what is yet to come ("will meet", "agreed to send")."""
    if any(_is_future(v) for v in _controllers(verb)):
        return True
    return verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children) and _is_future(verb.head)


def _group(anchor: Token, future: bool) -> list[Token]:
    """Verbs whose time the trigger's clause shares: xcomp heads and coordinated verbs of the same tense."""
    group = _controllers(anchor)
    linked = [anchor.head] if anchor.dep_ == "conj" else []
    linked += [c for c in anchor.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    past = anchor.tag_ in ("VBD", "VBN")
    return group + [v for v in linked if _future(v) == future and (v.tag_ in ("VBD", "VBN")) == past]


#: an act dated more than this many days before publication is background, not the article's news
NEWS_DAYS = 35


def _period_end(found: _Resolved) -> dt.date | None:
    """The last day of a resolved date's period ("2014-08" -> 2014-08-31)."""
    try:
        if found.precision == "year":
            return dt.date(int(found.date[:4]), 12, 31)
        if found.precision == "month":
            year, month = int(found.date[:4]), int(found.date[5:7])
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(found.date[:10])
    except ValueError:
        return None


def _within(tok: Token, expr: _Expression) -> bool:
    """Whether ``tok`` is one of the words of a date expression (or its preposition)."""
    return expr.start - 1 <= tok.i < expr.start + len(expr.text.split())


def _news(found: _Resolved, published: dt.date | None, text: str) -> bool | None:
    """Whether a dated act is news (True: within about a month of publication), background (False: dated
    earlier, "in 1989", "last April", "earlier this year", "since 1997"), or cannot tell (None)."""
    if published is None:
        return None
    words = _WORD.findall(text.lower())
    joined = " ".join(words)
    if words[:1] == ["since"] or "earlier this year" in joined or "last year" in joined:
        return False  # "last year" tells history even when the article appears in early January
    end = _period_end(found)
    if end is None:
        return None
    if found.precision == "month" and end < published:
        # "in April" in a June story: the middle of a month gone by is what counts, not its last day
        end = end - dt.timedelta(days=14)
    return end >= published - dt.timedelta(days=NEWS_DAYS)


def event_date(trigger: Token, published: dt.date | None) -> EventDate:
    """Return the date of the act ``trigger`` expresses, read from its sentence relative to ``published``.

    Args:
        trigger: the event's main verb (or event noun) in a parsed spaCy Doc.
        published: the article's publication date; None when unknown (only absolute dates then resolve).

    Example: in "In August, the US started military strikes against IS positions in Iraq." (published
    2014-09-06) the trigger "started" gives ``EventDate("2014-08", "month", "In August")``.
    """
    anchor = _clause_head(trigger)
    future = _future(anchor)
    ids = {trigger.i} | {t.i for t in _group(anchor, future)}
    background = _past_perfect(anchor)
    dated: list[tuple[_Expression, _Resolved]] = []  # every date expression of the sentence
    for expr in _expressions(trigger.sent):
        background = background or (expr.attach in ids and (_is_background(expr.text)
                                                            or _past_decade(expr.text, published)))
        found = _resolve(expr.query, published or _NO_BASE, _future(expr.clause))  # relative ones count too
        if found is not None:
            dated.append((expr, found))
    direct = [(e, r) for e, r in dated if e.attach in (trigger.i, anchor.i)]  # on the trigger or its verb
    shared = [(e, r) for e, r in dated if e.attach in ids]  # on a verb whose time the clause shares
    lone = len(dated) == 1 and (dated[0][0].clause.i in ids or dated[0][0].clause.pos_ not in ("VERB", "AUX"))
    for tier in (direct, shared, dated if lone else []):
        usable = [(e, r) for e, r in tier if published is not None or not r.relative]
        if usable:
            expr, found = max(usable, key=lambda er: (PRECISION_RANK[er[1].precision], -abs(er[0].start - trigger.i)))
            news = _news(found, published, expr.text)
            if news is not None:  # a date says it: "had agreed on Friday" is news, "in 1989" is not
                background = not news
            if "this year" in expr.text.lower() and anchor.tag_ in ("VBD", "VBN") and not future:
                background = True  # "this year only reluctantly agreed": told in the past, earlier this year
            return EventDate(found.date, found.precision, expr.text, background)
    if published is not None and not background:
        # "agreed to impose a duty earlier this year": the act it embeds is dated long ago, so it was agreed then
        embedded = {c.i for c in anchor.children if c.dep_ == "xcomp"}
        for expr, found in dated:
            if expr.attach in embedded and _news(found, published, expr.text) is False:
                background = True
    said = [anchor.head] if anchor.dep_ == "ccomp" and anchor.head.pos_ == "VERB" else []
    if any(_habitual(v) for v in [trigger.doc[i] for i in sorted(ids)] + said):
        background = True  # "has previously said it would not", "has repeatedly vowed", "raided ... in the past"
    if published is not None and not background and anchor.dep_ == "relcl":
        for expr, found in dated:  # "since January, when Hu resigned": the clause is dated by its noun
            if expr.start <= anchor.head.i < expr.start + len(expr.text.split()) + 2 \
                    and _news(found, published, expr.text) is False:
                background = True
    if published is not None and not background:
        # "decided in November 2003 that he would quit", "lost power in 1974 after the Liberals demanded":
        # an undated act told inside a clause dated long before the article is background too
        past = [(e, r) for e, r in dated if _news(r, published, e.text) is False]
        node = anchor
        for _ in range(4):
            if not past:
                break
            if node.dep_ == "relcl" and any(_within(node.head, e) for e, _ in past):
                background = True  # "a dinner in November 2003 where he told him he would quit"
                break
            if node.dep_ == "relcl" and node.head.head.pos_ in ("VERB", "AUX"):
                node = node.head.head  # "hosted a dinner in November 2003 where he told ...": the dinner's verb
            elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
                node = node.head.head  # "caused chaos in 2000 by blocking roads after ...": through "by"
            elif node.dep_ == "acl" and node.head.i != node.i:
                node = _clause_head(node.head)  # "voted last January 22 to approve a resolution asking him to go"
            elif node.dep_ not in ("ccomp", "advcl", "xcomp", "conj") or node.head.i == node.i:
                break
            else:
                node = node.head
            # a date on the clause's verb, or on a "when" clause that times it ("When renominated in 1983, he said")
            timing = {node.i} | {c.i for c in node.children if c.dep_ == "advcl" and any(
                m.lower_ in WHEN_MARKERS for m in c.children if m.dep_ in ("advmod", "mark"))}
            if any(e.attach in timing for e, _ in past):
                background = True
                break
    return EventDate(published.isoformat() if published else None, "publication", None, background)
