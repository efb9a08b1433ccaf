"""The HTML pages: they render, show what an analyst needs, link their JSON twin, and work offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyads.api import create_app
from dyads.records import Actor, Article, Event, Modality, Span
from dyads.store import EventStore

API = Path(__file__).parents[2] / "src" / "dyads" / "api"


def page(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def twin_of(html: str) -> str:
    match = re.search(r'<a class="twin" href="([^"]+)" title="The same data as JSON"', html)
    assert match, "page links no JSON twin"
    return match.group(1).replace("&amp;", "&")


def test_events_page_shows_highlighted_events(client: TestClient) -> None:
    html = page(client, "/")
    assert '<form id="filters"' in html
    for name in ("actor", "source", "target", "type", "since", "until", "text"):
        assert f'name="{name}"' in html
    assert ">9 events<" in html
    assert html.count('class="event quad-') == 9
    assert '<mark class="hl hl-trigger" title="trigger">condemned</mark>' in html
    assert '<mark class="hl hl-source" title="source">Iran</mark>' in html
    assert '<mark class="hl hl-target" title="target">the United States</mark>' in html
    for flag in ("reported", "hedged", "future", "negated"):
        assert f'<span class="badge badge-{flag}">{flag}</span>' in html
    assert '<span class="date"' in html and ">2014-09-08<" in html
    assert 'class="place"' in html and "Syria" in html
    assert '<script src="/static/dyads.js"' in html and 'href="/static/dyads.css"' in html


def test_events_page_filters(client: TestClient) -> None:
    html = page(client, "/?actor=TUR")
    assert ">1 event<" in html
    assert "attacked" in html and "condemned" not in html
    assert 'name="actor" value="TUR"' in html


def test_events_page_pages(client: TestClient) -> None:
    html = page(client, "/?limit=4")
    assert html.count('class="event quad-') == 4
    assert "next ›" in html and "offset=4" in html


def test_event_page(client: TestClient) -> None:
    event = client.get("/api/events", params={"source": "TUR"}).json()["events"][0]
    html = page(client, f"/events/{event['event_id']}")
    assert '<mark class="hl hl-trigger" title="trigger">attacked</mark>' in html
    assert '<mark class="hl hl-source" title="source">Turkish troops</mark>' in html
    assert "badge-reported" in html and "badge-hedged" in html
    assert "Strikes and talks" in html  # the article
    assert twin_of(html) == f"/api/events/{event['event_id']}"


def test_actor_page_has_counterparts_and_timeline(client: TestClient) -> None:
    html = page(client, "/actors/IRN")
    assert 'id="timeline"' in html and 'data-src="/api/actors/IRN?by=month"' in html
    assert 'id="counterparts"' in html and '<code>USA</code>' in html
    assert "conflict-&gt;cooperation" in html  # the shift
    assert page(client, "/actors/IRN?by=week").count('class="on" href="?by=week"') == 1


def test_actors_network_and_code_pages(client: TestClient) -> None:
    assert "<code>IRN</code>" in page(client, "/actors?q=ir")
    network = page(client, "/network")
    assert 'id="network"' in network and 'data-src="/api/network"' in network and 'id="coalitions"' in network
    code = page(client, "/code")
    assert '<form id="code-form"' in code and '<textarea name="text"' in code


@pytest.mark.parametrize("path", ["/", "/?actor=IRN&since=2014-09-01", "/actors", "/actors?q=ir", "/actors/IRN",
                                  "/network"])
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    twin = twin_of(page(client, path))
    assert twin.startswith("/api/")
    response = client.get(twin)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"


def test_code_page_twin_is_the_post_endpoint(client: TestClient) -> None:
    assert twin_of(page(client, "/code")) == "/api/code"


def test_errors_render_as_html_on_pages_and_json_on_the_api(client: TestClient) -> None:
    missing = client.get("/events/ffffffffffffffffffff")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "no event" in missing.text
    bad = client.get("/?since=notadate")
    assert bad.status_code == 422 and "is not a date" in bad.text and "text/html" in bad.headers["content-type"]
    bad = client.get("/?limit=5000")
    assert bad.status_code == 422 and "limit" in bad.text
    assert client.get("/api/events?since=notadate").headers["content-type"] == "application/json"


def test_assets_are_served_and_nothing_comes_from_elsewhere(client: TestClient) -> None:
    for asset in ("/static/dyads.css", "/static/dyads.js"):
        assert client.get(asset).status_code == 200
    vendored = [p for p in API.glob("static/**/*") if p.is_file() and p.suffix in (".js", ".css", ".json")]
    for path in [*API.glob("templates/*.html"), *API.parent.glob("report/templates/*.html"), *vendored]:
        text = path.read_text(encoding="utf-8")
        external = re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", text) + re.findall(r"url\(\s*['\"]?https?:", text)
        assert not external, f"{path.name} loads from the network: {external}"


def test_sentence_words_are_escaped(tmp_path: Path, coder) -> None:  # type: ignore[no-untyped-def]
    sentence = 'Iran <script>alert("x")</script> attacked Iraq.'
    start = sentence.index("attacked")
    event = Event(event_id="x1", doc_id="d", sentence_index=0, sentence=sentence, date="2014-09-08",
                  date_precision="day", source=Actor("Iran", 0, 4, "Iran", "IRN", None, "IRN"),
                  target=Actor("Iraq", start + 9, start + 13, "Iraq", "IRQ", None, "IRQ"), type="ASSAULT",
                  mode=None, cameo="190", quad_class=4, intensity=-10.0, trigger=Span("attacked", start, start + 8),
                  location=None, modality=Modality(), confidence=0.9, coder="test")
    path = tmp_path / "x.duckdb"
    with EventStore(path) as store:
        store.write(Article(id="d", text=sentence), [event])
    with TestClient(create_app(str(path), coder=coder)) as c:
        for html in (page(c, "/"), page(c, "/events/x1")):
            assert "<script>alert" not in html
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
            assert '<mark class="hl hl-target" title="target">Iraq</mark>' in html
