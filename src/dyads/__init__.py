"""dyads: political event data from news text.

Who did what to whom, when and where: actors resolved to countries and sectors, PLOVER event types with CAMEO
codes, and the words each event came from.

>>> import dyads
>>> events = dyads.code_text("Iraqi troops attacked Islamic State fighters in Mosul.", date="2016-10-20")
>>> (events[0].source.code, events[0].type, events[0].target.code)
('IRQMIL', 'ASSAULT', 'NSAISI')
"""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataFileError, DyadsError, InputError, UsageError
from .records import Actor, Article, Event, Location, Modality, Span

if TYPE_CHECKING:
    from .pipeline import Coder
    from .store import EventStore

__all__ = [
    "Actor",
    "Article",
    "Coder",
    "DataFileError",
    "DyadsError",
    "Event",
    "EventStore",
    "InputError",
    "Location",
    "Modality",
    "Span",
    "UsageError",
    "__version__",
    "code_articles",
    "code_text",
]

_CODERS: dict[tuple[str, ...], Coder] = {}


def _coder(actor_files: Sequence[str | Path] = ()) -> Coder:
    from .pipeline import Coder

    key = tuple(str(p) for p in actor_files)
    if key not in _CODERS:
        _CODERS[key] = Coder(actor_files=actor_files)
    return _CODERS[key]


def code_text(text: str, *, title: str | None = None, date: str | _dt.date | None = None,
              doc_id: str = "text", actor_files: Sequence[str | Path] = ()) -> list[Event]:
    """Code one news text and return its events.

    Args:
        text: the article body.
        title: its headline, if any.
        date: publication date (``YYYY-MM-DD`` or a ``date``); picks office holders' roles and dates events.
        doc_id: the id events carry in ``doc_id``.
        actor_files: user actor layers (CSV or YAML).
    """
    day = _dt.date.fromisoformat(date) if isinstance(date, str) else date
    return _coder(actor_files).code_text(text, title=title, date=day, doc_id=doc_id)


def code_articles(articles: Iterable[Article], *, default_date: _dt.date | None = None,
                  actor_files: Sequence[str | Path] = ()) -> Iterator[Event]:
    """Code articles lazily and yield their events (see :class:`dyads.pipeline.Coder`)."""
    return _coder(actor_files).code_articles(articles, default_date=default_date)


def __getattr__(name: str) -> object:
    if name == "Coder":
        from .pipeline import Coder

        return Coder
    if name == "EventStore":
        from .store import EventStore

        return EventStore
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")
