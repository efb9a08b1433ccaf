"""Time windows: the period a view, a bloc search or a report looks at.

A window is a first and a last day (both inclusive, either open), or a rolling window of the last ``n`` days,
counted back from the newest dated event in the store (not from today: a store of 1987 news has no events "this
month"). Each window says in words how it was chosen, and the window of the same length just before it is one
call away, so a view can set the previous period beside the current one.

Example:
    >>> w = Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31))
    >>> w.days, w.previous().since.isoformat(), w.previous().until.isoformat()
    (31, '1987-01-29', '1987-02-28')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..store.store import EventStore

__all__ = ["MAX_LAST", "Window", "data_span", "period_window", "resolve_window"]

#: The longest rolling window, in days (about a century).
MAX_LAST = 36_600


@dataclass(frozen=True)
class Window:
    """A period of days, both ends inclusive; ``None`` leaves an end open.

    Args:
        since: the first day, or None for no lower bound.
        until: the last day, or None for no upper bound.
        rule: how the window was chosen, in words (shown on pages and reports); by default its ends.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    rule: str = ""

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"the window starts ({self.since}) after it ends ({self.until}): "
                             "swap --since and --until")
        if not self.rule:
            words = " ".join(f"{w} {d.isoformat()}" for w, d in (("since", self.since), ("until", self.until)) if d)
            object.__setattr__(self, "rule", words or "all dates")

    @property
    def bounded(self) -> bool:
        """True when both ends are set."""
        return self.since is not None and self.until is not None

    @property
    def open(self) -> bool:
        """True when neither end is set (all dates, undated events included)."""
        return self.since is None and self.until is None

    @property
    def days(self) -> int | None:
        """How many days the window holds, or None when an end is open."""
        if self.since is None or self.until is None:
            return None
        return (self.until - self.since).days + 1

    def previous(self) -> Window:
        """Return the window of the same length that ends the day before this one starts.

        Raises:
            UsageError: when an end is open (resolve it with :func:`resolve_window` first).
        """
        if self.since is None or self.until is None:
            raise UsageError("an open window has no previous period: give both --since and --until, or --last")
        length = self.until - self.since
        until = self.since - dt.timedelta(days=1)
        return Window(until - length, until, f"the {self.days} days before {self.since.isoformat()}")

    def contains(self, day: dt.date | None) -> bool:
        """True when ``day`` falls in the window (an undated event falls only in an open window)."""
        if day is None:
            return self.open
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def sql(self, column: str, first: int) -> tuple[str, list[Any]]:
        """Return an SQL condition on ``column`` (``AND ...``, or empty) and its parameters, numbered from
        ``$first``."""
        parts, params = [], []
        for op, day in ((">=", self.since), ("<=", self.until)):
            if day is not None:
                params.append(day)
                parts.append(f"{column} {op} ${first + len(params) - 1}")
        return "".join(f" AND {p}" for p in parts), params

    def query(self) -> dict[str, str]:
        """Return the window as URL query parameters (``since``, ``until``), empty ends left out."""
        return {k: v.isoformat() for k, v in (("since", self.since), ("until", self.until)) if v is not None}

    def to_dict(self) -> dict[str, Any]:
        """Return the window as a JSON object."""
        return {"since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None, "days": self.days, "rule": self.rule}


def data_span(store: EventStore) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and the last day of the store's dated events (None, None for a store without any)."""
    rows = store.rows("SELECT min(day) AS first, max(day) AS last FROM events WHERE NOT coalesce(negated, false)")
    if not rows:
        return None, None
    return rows[0]["first"], rows[0]["last"]


def resolve_window(store: EventStore | None, since: dt.date | None = None, until: dt.date | None = None,
                   last: int | None = None, *, close: bool = False) -> Window:
    """Return the window asked for by ``since`` / ``until`` or a rolling ``last`` days.

    Args:
        store: the store whose newest event anchors a rolling window (and closes open ends with ``close``).
        since: the first day.
        until: the last day.
        last: a rolling window: the ``last`` days up to the newest dated event (or up to ``until`` if given).
        close: fill open ends with the store's first and last dated days (a report needs a closed window to
            compare it with the period before).

    Example:
        >>> resolve_window(None, since=dt.date(2014, 9, 1)).rule
        'since 2014-09-01'
    """
    if last is not None and since is not None:
        raise UsageError("give either a rolling window (last) or since, not both")
    if last is not None and not 1 <= last <= MAX_LAST:
        raise UsageError(f"last: {last} days is not a window: give 1 to {MAX_LAST} days")
    first, newest = data_span(store) if store is not None and (last is not None or close) else (None, None)
    if last is not None:
        end = until or newest
        if end is None:
            return Window(None, None, f"last {last} days: the store has no dated events")
        anchor = "up to" if until else "up to the newest event,"
        return Window(end - dt.timedelta(days=last - 1), end, f"last {last} days {anchor} {end.isoformat()}")
    if close:
        given = (since is not None, until is not None)
        since, until = since or first, until or newest
        if since and until and since > until and given != (True, True):
            # the data lie wholly outside the one end given: keep that end, as a window of one (empty) day
            since, until = (since, since) if given[0] else (until, until)
    return Window(since, until)


def period_window(start: dt.date, by: str, within: Window | None = None) -> Window:
    """Return the days of one period of a series (``by``: day, week or month, starting on ``start``), clipped to
    the window the series was drawn from (a week may begin before it).

    Example:
        >>> w = period_window(dt.date(1987, 2, 23), "week", Window(dt.date(1987, 3, 1), dt.date(1987, 3, 31)))
        >>> w.since.isoformat(), w.until.isoformat()
        ('1987-03-01', '1987-03-01')
    """
    if by == "day":
        end = start
    elif by == "week":
        end = start + dt.timedelta(days=6)
    else:
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    within = within or Window()
    since = max(start, within.since) if within.since else start
    until = min(end, within.until) if within.until else end
    return Window(since, until, by)
