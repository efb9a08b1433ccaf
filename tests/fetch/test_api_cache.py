"""The server's answer cache: repeated GETs are served from memory, and every write makes them fresh again."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from dyads.api import create_app
from dyads.api.cache import ResponseCache


def _cache(app) -> ResponseCache:  # type: ignore[no-untyped-def]
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer


def test_answers_are_kept_until_a_write(tmp_path: Path, coder) -> None:  # type: ignore[no-untyped-def]
    app = create_app(str(tmp_path / "c.duckdb"), coder=coder)
    with TestClient(app) as client:
        assert client.get("/api/events").json()["total"] == 0
        assert client.get("/api/events").json()["total"] == 0
        cache = _cache(app)
        assert cache.hits == 1
        stored = client.post("/api/code", params={"store": "true"},
                             json={"text": "Iran condemned the United States on Monday.", "date": "2014-09-08"})
        assert stored.status_code == 200 and stored.json()["total"] >= 1
        assert client.get("/api/events").json()["total"] == stored.json()["total"]  # fresh after the write
        assert client.get("/api/events", headers={"Accept": "text/html"}).status_code == 200


def test_cache_off(tmp_path: Path, coder) -> None:  # type: ignore[no-untyped-def]
    app = create_app(str(tmp_path / "c.duckdb"), coder=coder, cache=0)
    with TestClient(app) as client:
        for _ in range(3):
            assert client.get("/api/health").status_code == 200
        assert _cache(app).hits == 0


def test_a_store_the_server_holds_opens_read_only_in_its_process(tmp_path: Path, coder) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from dyads.errors import StoreError
    from dyads.records import Article
    from dyads.store import EventStore

    path = str(tmp_path / "held.duckdb")
    with TestClient(create_app(path, coder=coder)) as client:
        client.post("/api/code", params={"store": "true"}, json={"text": "Iran condemned Iraq on Monday."})
        with EventStore(path, read_only=True) as store:  # e.g. a report written beside the server
            assert store.count("articles") == 1
            with pytest.raises(StoreError, match="read-only"):
                store.write(Article(id="x", text="Iraq condemned Iran."), [])
