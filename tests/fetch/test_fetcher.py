"""The polite fetcher against the local site: manners, conditional GET, retries, limits, every fault."""

from __future__ import annotations

import dataclasses
import time

import pytest
from newssite import NewsSite

from dyads.errors import FetchError
from dyads.fetch import Fetcher, FetchPolicy


def test_user_agent_and_robots(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/robots.txt", "User-agent: dyads-test\nDisallow: /private/\n", content_type="text/plain")
    site.set("/private/a", "<html>secret</html>")
    site.set("/public/a", "<html>open</html>")
    with Fetcher(policy) as fetcher:
        assert fetcher.get(site.url("/public/a")).body == b"<html>open</html>"
        with pytest.raises(FetchError, match="robots.txt forbids") as caught:
            fetcher.get(site.url("/private/a"))
        assert not caught.value.transient
        fetcher.get(site.url("/public/a"))
    assert site.hits["/private/a"] == 0
    assert site.hits["/robots.txt"] == 1  # read once per host
    assert site.user_agents == {"dyads-test/1.0 (tests)"}


def test_unreachable_robots_keeps_away_for_now(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/robots.txt", "down", status=503, content_type="text/plain")
    site.set("/a", "<html>a</html>")
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="robots.txt unreachable") as caught:
        fetcher.get(site.url("/a"))
    assert caught.value.transient and site.hits["/a"] == 0


def test_conditional_get_costs_one_304(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/feed.xml", "<rss/>", content_type="application/rss+xml", etag='"v1"',
             last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    with Fetcher(policy) as fetcher:
        first = fetcher.get(site.url("/feed.xml"))
        assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
        again = fetcher.get(site.url("/feed.xml"), etag=first.etag)
        assert again.not_modified and again.body == b""
        by_date = fetcher.get(site.url("/feed.xml"), last_modified=first.last_modified)
        assert by_date.not_modified
    assert site.conditional["/feed.xml"] == 2


def test_retries_a_500_then_succeeds(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/flaky", "<html>ok</html>", fail_times=1)
    with Fetcher(policy) as fetcher:
        assert fetcher.get(site.url("/flaky")).status == 200
    assert site.hits["/flaky"] == 2


def test_gives_up_on_a_lasting_500_as_transient(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/down", "<html>x</html>", fail_times=10)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match=r"HTTP 500 server error \(after 2 tries\)") as c:
        fetcher.get(site.url("/down"))
    assert c.value.transient and c.value.status == 500
    assert site.hits["/down"] == 2  # one try and policy.retries = 1 retry


@pytest.mark.parametrize(("status", "words"), [(404, "not found"), (410, "gone")])
def test_404_and_410_are_final(site: NewsSite, policy: FetchPolicy, status: int, words: str) -> None:
    site.set("/x", "no", status=status)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match=words) as caught:
        fetcher.get(site.url("/x"))
    assert not caught.value.transient and site.hits["/x"] == 1


def test_redirects_are_followed_to_a_limit(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/old", location="/new")
    site.set("/new", "<html>moved</html>")
    site.set("/loop1", location="/loop2")
    site.set("/loop2", location="/loop1")
    with Fetcher(policy) as fetcher:
        moved = fetcher.get(site.url("/old"))
        assert moved.body == b"<html>moved</html>" and moved.url.endswith("/new")
        with pytest.raises(FetchError, match="redirects"):
            fetcher.get(site.url("/loop1"))
    assert site.hits["/loop1"] + site.hits["/loop2"] <= policy.max_redirects + 2


def test_size_cap_and_compression(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/huge", b"<html>" + b"x" * 3_000_000 + b"</html>")
    site.set("/bomb", b"<html>" + b"a" * 3_000_000 + b"</html>", gzip=True)
    site.set("/small", b"<html>" + b"news " * 2000 + b"</html>", gzip=True)
    small = dataclasses.replace(policy, max_bytes=1_000_000)
    with Fetcher(small) as fetcher:
        with pytest.raises(FetchError, match="larger than 1 MB"):
            fetcher.get(site.url("/huge"))
        with pytest.raises(FetchError, match="larger than 1 MB"):  # counted after decompression
            fetcher.get(site.url("/bomb"))
        assert fetcher.get(site.url("/small")).body.count(b"news") == 2000


def test_slow_server_times_out(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/slow", "<html>late</html>", delay=1.5)
    fast = dataclasses.replace(policy, timeout=0.3, retries=0)
    started = time.monotonic()
    with Fetcher(fast) as fetcher, pytest.raises(FetchError, match="timed out") as caught:
        fetcher.get(site.url("/slow"))
    assert caught.value.transient and time.monotonic() - started < 1.4


def test_per_host_spacing(site: NewsSite, policy: FetchPolicy) -> None:
    site.set("/p", "<html>p</html>")
    spaced = dataclasses.replace(policy, min_interval=0.2)
    started = time.monotonic()
    with Fetcher(spaced) as fetcher:
        for _ in range(4):
            fetcher.get(site.url("/p"))
    assert time.monotonic() - started >= 0.6  # four starts, 0.2 s apart


def test_connection_refused_is_transient(policy: FetchPolicy) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(dataclasses.replace(policy, robots=False)) as fetcher, pytest.raises(FetchError, match="network") as c:
        fetcher.get(f"http://127.0.0.1:{port}/x")
    assert c.value.transient
