"""The JSON API through FastAPI's TestClient: every endpoint, every filter, 413 and 422, hostile parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

import dyads.api.app as api_app
from dyads.api import MAX_BODY, create_app

ALL = 9  # events the two articles of conftest code into


def events(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["events"] == ALL
    assert body["articles"] == 2


def test_events_unfiltered(client: TestClient) -> None:
    body = events(client)
    assert body["total"] == ALL
    assert len(body["events"]) == ALL
    first = body["events"][0]
    for key in ("event_id", "sentence", "trigger", "source", "target", "modality", "date", "location", "cameo"):
        assert key in first
    start, end = first["trigger"]["span"]
    assert first["sentence"][start:end] == first["trigger"]["text"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"actor": "IRN"}, {("IRN", "USA"), ("USA", "IRN")}),
    ({"actor": "Iran"}, {("IRN", "USA"), ("USA", "IRN")}),
    ({"source": "IRN"}, {("IRN", "USA")}),
    ({"target": "IRQ"}, {("DEU", "IRQ"), ("FRA", "IRQ")}),
    ({"source": "TUR"}, {("TURMIL", "---UAF")}),
    ({"type": "ASSAULT"}, {("TURMIL", "---UAF"), ("ISR", "LBN")}),
    ({"type": "assault"}, {("TURMIL", "---UAF"), ("ISR", "LBN")}),
    ({"type": "19"}, {("TURMIL", "---UAF"), ("ISR", "LBN")}),
    ({"since": "2014-10-01"}, {("IRN", "USA"), ("USA", "IRN")}),
    ({"until": "2014-09-30", "source": "IRN"}, {("IRN", "USA")}),
    ({"text": "humanitarian aid"}, {("DEU", "IRQ"), ("FRA", "IRQ")}),
    ({"actor": "IRN", "type": "CONSULT", "since": "2014-10-15", "until": "2014-10-15"}, {("IRN", "USA"), ("USA", "IRN")}),
    ({"actor": "", "text": " "}, None),  # empty filters are no filters
])
def test_event_filters(client: TestClient, params: dict[str, str], expected: set[tuple[str, str]] | None) -> None:
    body = events(client, **params)
    pairs = {(e["source"]["code"], e["target"]["code"] if e["target"] else None) for e in body["events"]}
    if expected is None:
        assert body["total"] == ALL
    else:
        assert pairs == expected
        assert body["total"] == len(body["events"])


def test_events_limit_and_offset_page_through_all(client: TestClient) -> None:
    seen = []
    for offset in range(0, ALL, 4):
        body = events(client, limit=4, offset=offset)
        assert body["total"] == ALL
        seen += [e["event_id"] for e in body["events"]]
    assert len(seen) == ALL == len(set(seen))
    assert events(client, limit=0)["events"] == []
    assert events(client, offset=10_000)["events"] == []


def test_event_by_id(client: TestClient) -> None:
    listed = events(client, source="TUR")["events"][0]
    body = client.get(f"/api/events/{listed['event_id']}").json()
    assert body["event_id"] == listed["event_id"]
    assert body["modality"]["reported"] is True
    assert body["article"] == {"id": "sept", "title": "Strikes and talks", "date": "2014-09-08", "url": None}


def test_event_not_found_is_404_with_message(client: TestClient) -> None:
    response = client.get("/api/events/ffffffffffffffffffff")
    assert response.status_code == 404
    assert "no event" in response.json()["message"]


def test_actors(client: TestClient) -> None:
    every = client.get("/api/actors").json()
    assert {"IRN", "USA", "IRQ"} <= {a["actor"] for a in every["actors"]}
    found = client.get("/api/actors", params={"q": "ira"}).json()["actors"]
    assert {a["actor"] for a in found} == {"IRN", "IRQ"}
    iran = next(a for a in found if a["actor"] == "IRN")
    assert iran["mentions"] == 4
    assert iran["first_day"] == "2014-09-08"


def test_actor_profile(client: TestClient) -> None:
    body = client.get("/api/actors/IRN").json()
    assert body["counterparts"][0]["actor"] == "USA"
    assert body["counterparts"][0]["conflict"] == 1
    assert [t["period"] for t in body["timeline"]] == ["2014-09-01", "2014-10-01"]
    assert body["shifts"][0]["shift"] == "conflict->cooperation"


def test_relations(client: TestClient) -> None:
    body = client.get("/api/relations", params={"source": "IRN", "target": "USA", "by": "month"}).json()
    assert [(r["period"], r["net_cooperation"], r["shift"]) for r in body["relations"]] == [
        ("2014-09-01", -1, None), ("2014-10-01", 2, "conflict->cooperation")]
    reverse = client.get("/api/relations", params={"source": "USA", "target": "IRN"}).json()["relations"]
    assert {(r["source"], r["target"]) for r in reverse} == {("USA", "IRN")}
    assert client.get("/api/relations", params={"by": "day"}).json()["total"] >= 4
    assert client.get("/api/relations").json()["by"] == "month"


def test_coalitions(client: TestClient) -> None:
    groups = client.get("/api/coalitions").json()["coalitions"]
    assert {"members", "kind", "evidence", "since", "until"} <= set(groups[0])
    assert any({"DEU", "FRA"} <= set(g["members"]) for g in groups)


def test_network_leaves_out_unknown_countries(client: TestClient) -> None:
    body = client.get("/api/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"IRN", "USA"} <= ids
    assert not any(i.startswith("---") for i in ids)
    edge = next(e for e in body["edges"] if {e["source"], e["target"]} == {"IRN", "USA"})
    assert (edge["cooperation"], edge["conflict"], edge["sign"]) == (3, 1, "cooperation")


def test_openapi_and_docs(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/health", "/api/events", "/api/events/{event_id}", "/api/actors", "/api/relations",
                 "/api/coalitions", "/api/code"):
        assert path in paths
    assert "requestBody" in paths["/api/code"]["post"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    for path in paths:
        assert f"<code>{path}</code>" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text  # works offline


# -- POST /api/code --------------------------------------------------------------------------------------------

def test_code_returns_events_without_storing(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "Turkish troops attacked Kurdish fighters near Kobani.",
                                              "title": "Clashes", "date": "2014-09-08"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is False
    [event] = body["events"]
    assert (event["type"], event["source"]["code"], event["date"]) == ("ASSAULT", "TURMIL", "2014-09-08")
    assert event["sentence"][slice(*event["trigger"]["span"])] == "attacked"
    assert client.get("/api/health").json()["events"] == ALL


def test_code_with_store_true_writes(fresh_client: TestClient) -> None:
    text = "Egypt condemned Israel on Tuesday."
    body = fresh_client.post("/api/code?store=true", json={"text": text, "date": "2014-11-04"}).json()
    assert body["stored"] is True and body["doc_id"].startswith("sha1:")
    assert fresh_client.get("/api/health").json()["events"] == ALL + len(body["events"])
    assert events(fresh_client, source="EGY")["total"] == len(body["events"]) == 1
    again = fresh_client.post("/api/code?store=true", json={"text": text, "date": "2014-11-04"}).json()
    assert again["doc_id"] == body["doc_id"]
    assert fresh_client.get("/api/health").json()["events"] == ALL + 1  # idempotent


def test_code_body_over_1_mb_is_413(client: TestClient) -> None:
    big = {"text": "Iran condemned the United States. " * (MAX_BODY // 30)}
    response = client.post("/api/code", json=big)
    assert response.status_code == 413
    assert "larger than 1 MB" in response.json()["message"]


def test_code_streamed_body_over_1_mb_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(300):
            yield b"x" * 4096
        yield b'"}'

    response = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(("body", "words"), [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": "   "}, "blank"),
    ({"text": 42}, "text"),
    ({"text": "Iran condemned Iraq.", "date": "yesterday"}, "date"),
    ({"text": "Iran condemned Iraq.", "date": "2014-02-30"}, "date"),
    ({"text": "Iran condemned Iraq.", "title": ["x"]}, "title"),
    ([1, 2], "JSON like"),
    ("not json", "JSON like"),
])
def test_code_bad_body_is_422_with_message(client: TestClient, body: Any, words: str) -> None:
    if isinstance(body, str):
        response = client.post("/api/code", content=body, headers={"content-type": "application/json"})
    else:
        response = client.post("/api/code", json=body)
    assert response.status_code == 422, response.text
    assert words in response.json()["message"]


# -- bad and hostile parameters ---------------------------------------------------------------------------------

HOSTILE = ["'", '"', "'; DROP TABLE events; --", "1 OR 1=1", "%", "_", "\\", "IRN' OR '1'='1", "\x00", "é漢字",
           "<script>alert(1)</script>", "$1", "?", ") UNION SELECT * FROM articles --"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("path", ["/api/events?actor={v}", "/api/events?source={v}", "/api/events?target={v}",
                                  "/api/events?type={v}", "/api/events?text={v}", "/api/events/{v}",
                                  "/api/actors?q={v}", "/api/actors/{v}", "/api/relations?source={v}",
                                  "/api/relations?target={v}", "/api/events?since={v}", "/api/events?until={v}"])
def test_hostile_parameters_never_500(client: TestClient, path: str, value: str) -> None:
    from urllib.parse import quote

    response = client.get(path.format(v=quote(value, safe="")))
    assert response.status_code in (200, 404, 422), response.text
    assert response.headers["content-type"].startswith("application/json")
    assert client.get("/api/health").json()["events"] == ALL


@pytest.mark.parametrize(("query", "words"), [
    ("limit=-1", "limit"), ("limit=1001", "limit"), ("limit=99999999999999999999999", "limit"),
    ("limit=ten", "limit"), ("limit=1.5", "limit"), ("offset=-5", "offset"), ("offset=1e30", "offset"),
    ("offset=99999999999999999999", "offset"), ("since=2014-13-01", "since"), ("since=yesterday", "since"),
    ("until=14/09/2014", "until"), ("since=2014-09-08T00:00", "since"), ("actor=" + "A" * 201, "actor"),
    ("text=" + "w" * 501, "text"),
])
def test_bad_event_parameters_are_422_with_message(client: TestClient, query: str, words: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422, response.text
    assert words in response.json()["message"]


@pytest.mark.parametrize("query", ["by=year", "by=", "by='", "source=" + "x" * 300])
def test_bad_relation_parameters_are_422(client: TestClient, query: str) -> None:
    response = client.get(f"/api/relations?{query}")
    assert response.status_code == 422
    assert response.json()["message"]


def test_long_path_parameters_are_422(client: TestClient) -> None:
    assert client.get("/api/events/" + "f" * 300).status_code == 422
    assert client.get("/api/actors/" + "A" * 300).status_code == 422


def test_get_requests_open_the_store_read_only(db: str, coder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # issue 12: one process-wide connection; each request gets a store on a cursor of it, read-only for GETs
    modes: list[bool] = []
    real = api_app.EventStore.attach

    def recording(con, path: str, *, read_only: bool = False):  # type: ignore[no-untyped-def]
        modes.append(read_only)
        return real(con, path, read_only=read_only)

    monkeypatch.setattr(api_app.EventStore, "attach", recording)
    with TestClient(create_app(db, coder=coder)) as c:
        for path in ("/api/health", "/api/events", "/api/actors", "/api/actors/IRN", "/api/relations",
                     "/api/coalitions", "/api/network", "/", "/actors", "/actors/IRN", "/feeds", "/api/feeds"):
            assert c.get(path).status_code == 200
        assert c.post("/api/code", json={"text": "Iran condemned Iraq."}).status_code == 200
    assert len(modes) >= 12 and all(modes)


def test_missing_store_is_created_empty(tmp_path, coder) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(str(tmp_path / "new.duckdb"), coder=coder)) as c:
        assert c.get("/api/health").json()["events"] == 0
        assert c.get("/api/events").json() == {"events": [], "total": 0, "limit": 50, "offset": 0}
        assert c.get("/api/network").json()["nodes"] == []
