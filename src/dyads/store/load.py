"""Fill a store from coded output: the partitioned JSON lines a Dask run writes, or any ``dyads code`` JSONL.

``dyads code --engine dask --output-dir DIR`` has the workers write ``part-WWWWW-PPPPP.jsonl`` (events) and
``articles-WWWWW-PPPPP.jsonl`` (one manifest line per article: id, title, date, text hash, number of events).
:func:`load_jsonl` reads them a partition at a time, so memory stays that of one partition, and stores each
partition's articles with their events in one transaction. Articles come from the manifests (those without events
too, and with their text hashes, so a later ``dyads code --db`` over the same inputs skips them); an events file
without a manifest gives its articles from the events' ``doc_id``. Loading the same output twice leaves the store
as it was; a line that is not an event record is named (file and line) and skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Event
from .schema import event_from_dict
from .store import EventStore
from .stories import refresh_stories

__all__ = ["LoadStats", "load_jsonl"]


@dataclass
class LoadStats:
    """What a load stored: files read, articles and events written, stories rebuilt, lines skipped."""

    files: int = 0
    articles: int = 0
    events: int = 0
    stories: int = 0
    skipped: list[InputError] = field(default_factory=list)


def _partitions(paths: Iterable[str | Path]) -> Iterator[tuple[Path | None, Path | None]]:
    """(events file, manifest) pairs: a folder gives its ``part-*`` files with their ``articles-*`` manifests."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            parts = sorted(path.glob("part-*.jsonl"))
            manifests = {m.name[len("articles-"):]: m for m in sorted(path.glob("articles-*.jsonl"))}
            for part in parts:
                yield part, manifests.pop(part.name[len("part-"):], None)
            for manifest in manifests.values():  # a partition whose events file is missing
                yield None, manifest
        elif not path.exists():
            raise InputError("no such file or folder: pass the --output-dir of a `dyads code --engine dask` run "
                             "or JSONL files written by `dyads code`", str(path))
        elif path.name.startswith("articles-"):
            yield None, path
        else:
            sibling = path.with_name("articles-" + path.name[len("part-"):]) if path.name.startswith("part-") else None
            yield path, sibling if sibling is not None and sibling.exists() else None


def _records(path: Path, skipped: list[InputError]) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        skipped.append(InputError(f"cannot read: {exc.strerror}", str(path)))
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                skipped.append(InputError(f"not valid JSON ({exc})", str(path), number))
                continue
            if not isinstance(record, dict):
                skipped.append(InputError("not a JSON object", str(path), number))
                continue
            yield number, record


def _article(record: dict[str, Any]) -> Article:
    day = record.get("date")
    return Article(id=str(record["id"]), text="", title=record.get("title"),
                   date=dt.date.fromisoformat(day) if day else None, url=record.get("url"),
                   outlet=record.get("outlet"), origin=record.get("origin"))


def load_jsonl(store: EventStore, paths: Sequence[str | Path], *,
               on_partition: Callable[[LoadStats], None] | None = None) -> LoadStats:
    """Store the articles and events of coded JSONL output (folders of partitions, or files), a partition per
    transaction; rebuild the stories at the end.

    Raises:
        InputError: a path does not exist (a bad line is not raised: it is kept in ``LoadStats.skipped``).

    Example:
        >>> with EventStore("day.duckdb") as store:  # doctest: +SKIP
        ...     stats = load_jsonl(store, ["/shared/events/2024-05-01"])
    """
    stats = LoadStats()
    for events_file, manifest in list(_partitions(paths)):
        articles: dict[str, Article] = {}
        digests: dict[str, str] = {}
        stats.files += (manifest is not None) + (events_file is not None)
        if manifest is not None:
            for number, record in _records(manifest, stats.skipped):
                try:
                    article = _article(record)
                except (KeyError, TypeError, ValueError) as exc:
                    stats.skipped.append(InputError(f"not an article manifest line ({exc!r})", str(manifest), number))
                    continue
                articles[article.id] = article
                if record.get("text_hash"):
                    digests[article.id] = str(record["text_hash"])
        events: dict[str, list[Event]] = {article_id: [] for article_id in articles}
        if events_file is not None:
            for number, record in _records(events_file, stats.skipped):
                try:
                    event = event_from_dict(record)
                except (KeyError, TypeError, ValueError, IndexError) as exc:
                    stats.skipped.append(InputError(f"not an event record ({exc!r})", str(events_file), number))
                    continue
                events.setdefault(event.doc_id, []).append(event)
                articles.setdefault(event.doc_id, Article(id=event.doc_id, text="", title=event.title))
        if not articles:
            continue
        stats.events += store.write_batch([(a, events[a.id]) for a in articles.values()], digests=digests)
        stats.articles += len(articles)
        if on_partition is not None:
            on_partition(stats)
    stats.stories = refresh_stories(store)
    return stats
