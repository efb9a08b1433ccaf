"""Links from a number to the events behind it: the event list filtered the same way."""

from __future__ import annotations

from urllib.parse import urlencode

from ..analysis.windows import Window

__all__ = ["events_href"]


def events_href(window: Window | None = None, dyadic: bool = False, **filters: str | None) -> str:
    """Return the event-list URL (``/?...``) of the events a figure counts: never the negated ones, and with
    ``dyadic`` only those with a counterpart (as relations count them).

    Example:
        >>> events_href(Window(), source="IRN", target="IRQ")
        '/?source=IRN&target=IRQ&negated=no'
    """
    params = {k: v for k, v in filters.items() if v}
    params["negated"] = "no"
    if dyadic:
        params["dyadic"] = "true"
    params.update((window or Window()).query())
    return "/?" + urlencode(params) if params else "/"
