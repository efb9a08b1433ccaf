"""Fixtures for the store tests: a filled in-memory store and a filled store file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_builders import sample_batch

from dyads.store import EventStore, refresh_stories


@pytest.fixture()
def store() -> Iterator[EventStore]:
    s = EventStore(":memory:")
    s.write_batch(sample_batch())
    refresh_stories(s)
    yield s
    s.close()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "events.duckdb")
    with EventStore(path) as s:
        s.write_batch(sample_batch())
        refresh_stories(s)
    return path
