"""The analyst views through the API and the pages: map, dyad, report, and time windows on the older views.

The store (conftest): September 2014, Iran condemns the United States among other events; October 2014, the two
talk and praise each other.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json() if url.startswith("/api") else response.text


def test_map_shades_countries_of_the_window(client: TestClient) -> None:
    body = get(client, "/api/map")
    found = {c["country"]: c for c in body["countries"]}
    assert {"IRN", "USA", "TUR", "DEU", "FRA", "IRQ"} <= set(found)
    assert found["IRN"]["id"] == "364" and body["ids"]["364"] == "IRN"
    october = {c["country"] for c in get(client, "/api/map", since="2014-10-01")["countries"]}
    assert october == {"IRN", "USA"}
    assert all(c["href"].startswith("/?") and "negated=no" in c["href"] for c in body["countries"])
    page = get(client, "/map", since="2014-10-01")
    assert 'id="map"' in page and 'data-country="IRN"' in page and 'data-country="TUR"' not in page


def test_dyad_sets_the_previous_period_beside_the_current(client: TestClient) -> None:
    body = get(client, "/api/dyads/IRN/USA", since="2014-10-01", until="2014-10-31")
    assert body["previous_window"] == {"since": "2014-08-31", "until": "2014-09-30", "days": 31,
                                       "rule": "the 31 days before 2014-10-01"}
    assert body["current"]["IRN->USA"]["events"] >= 1 and body["current"]["IRN->USA"]["net_cooperation"] > 0
    assert body["previous"]["IRN->USA"]["verbal_conflict"] == 1
    assert all(e["day"].startswith("2014-10") for e in body["key_events"])
    whole = get(client, "/api/dyads/irn/usa", by="month")  # no window: the store's first to last day
    assert (whole["window"]["since"], whole["window"]["until"]) == ("2014-09-08", "2014-10-15")
    assert [s["shift"] for s in whole["shifts"]] == ["conflict->cooperation"]
    page = get(client, "/dyads/IRN/USA")
    assert "Sign shifts" in page and 'id="key-events"' in page and "dyad-data" in page


def test_report_compares_two_periods(client: TestClient) -> None:
    body = get(client, "/api/report", actor="IRN", since="2014-10-01", until="2014-10-31")
    usa = next(c for c in body["counterparts"] if c["actor"] == "USA")
    assert usa["events"] == body["events"] and usa["previous_events"] == 1 and usa["previous_net"] == -1
    assert body["map"]["actor"] == "IRN" and body["key_events"]
    page = get(client, "/report", actor="IRN", since="2014-10-01", until="2014-10-31")
    assert '<script src="/static/vendor/echarts/echarts.min.js">' in page and "Top counterparts" in page


def test_windows_on_network_coalitions_relations_and_actor(client: TestClient) -> None:
    october = get(client, "/api/network", since="2014-10-01")
    assert {n["id"] for n in october["nodes"]} == {"IRN", "USA"}
    assert october["window"]["rule"] == "since 2014-10-01"
    rolling = get(client, "/api/network", last=10)
    assert rolling["window"]["until"] == "2014-10-15" and "newest event" in rolling["window"]["rule"]
    assert not any({"DEU", "FRA"} <= set(g["members"]) for g in get(client, "/api/coalitions", last=10)["coalitions"])
    assert [r["period"] for r in get(client, "/api/relations", source="IRN", until="2014-09-30")["relations"]] == [
        "2014-09-01"]
    profile = get(client, "/api/actors/IRN", since="2014-10-01")
    assert [t["period"] for t in profile["timeline"]] == ["2014-10-01"]
    assert "since 2014-10-01" in get(client, "/actors/IRN", since="2014-10-01")


def test_event_list_opens_newest_first(client: TestClient) -> None:
    days = [e["date"] for e in get(client, "/api/events")["events"]]
    assert days == sorted(days, reverse=True) and days[0] == "2014-10-15"
    oldest = [e["date"] for e in get(client, "/api/events", order="oldest")["events"]]
    assert oldest[0] == "2014-09-08"
    both = get(client, "/api/events", actor="IRN", other="USA", negated="no", dyadic="true")["events"]
    assert {(e["source"]["country"], e["target"]["country"]) for e in both} == {("IRN", "USA"), ("USA", "IRN")}


@pytest.mark.parametrize(("url", "params", "message"), [
    ("/api/map", {"last": 0}, "last"),
    ("/api/report", {}, "actor"),
    ("/api/dyads/IRN/USA", {"since": "2014-10-31", "until": "2014-10-01"}, "swap"),
    ("/api/network", {"since": "2014-10-01", "last": 5}, "not both"),
    ("/api/map", {"until": "yesterday"}, "YYYY-MM-DD"),
])
def test_bad_windows_say_what_to_do(client: TestClient, url: str, params: dict[str, Any], message: str) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422 and message in response.json()["message"]
