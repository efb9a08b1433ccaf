"""Fixtures for the API tests: a store filled by coding two short articles with the real coder, and clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyads.api import create_app
from dyads.records import Article
from dyads.store import EventStore, refresh_stories

#: Five sentences, one per kind of event the page must show: an accusation, a reported and hedged attack with a
#: place, a joint agreement with a future flag, a hedged report, and a denied attack.
SEPTEMBER = """Iran condemned the United States on Monday over air strikes in Syria.
Turkish troops attacked Kurdish fighters near Kobani, officials said.
Germany and France agreed to provide humanitarian aid to Iraq.
Russia may send weapons to Syria, a diplomat said.
Israel did not attack Lebanon."""

#: A month later the two rivals talk: the relation turns cooperative.
OCTOBER = """Iran praised the United States for its help.
Iran and the United States held talks in Geneva."""


def build_store(path: Path, coder) -> str:  # type: ignore[no-untyped-def]
    """Code the two articles into a new store at ``path``; return its path."""
    articles = [Article(id="sept", text=SEPTEMBER, title="Strikes and talks", date=dt.date(2014, 9, 8)),
                Article(id="oct", text=OCTOBER, title="Rivals talk", date=dt.date(2014, 10, 15))]
    with EventStore(path) as store:
        for article in articles:
            store.write(article, coder.code_text(article.text, title=article.title, date=article.date,
                                                 doc_id=article.id))
        refresh_stories(store)
    return str(path)


@pytest.fixture(scope="session")
def db(tmp_path_factory: pytest.TempPathFactory, coder) -> str:  # type: ignore[no-untyped-def]
    return build_store(tmp_path_factory.mktemp("api") / "events.duckdb", coder)


@pytest.fixture(scope="session")
def client(db: str, coder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(create_app(db, coder=coder)) as c:
        yield c


@pytest.fixture()
def fresh_client(tmp_path: Path, coder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A client over a store of its own, for tests that write."""
    with TestClient(create_app(build_store(tmp_path / "own.duckdb", coder), coder=coder)) as c:
        yield c
