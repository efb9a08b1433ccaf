"""A polite, robust HTTP fetcher for feeds and article pages.

Polite: robots.txt is read once per host and obeyed; every request names dyads in its User-Agent; each host gets
at most ``per_host`` requests at a time, spaced ``min_interval`` seconds apart. Robust: conditional GET (an
unchanged feed costs one 304), timeouts, retries with exponential backoff on 5xx, 429 and network errors, a cap on
the (decompressed) size of a body, compressed responses, and redirects followed up to a limit. Every failure is a
:class:`~dyads.errors.FetchError` with a plain reason.

Example:
    >>> with Fetcher(FetchPolicy(user_agent="dyads-test")) as fetcher:  # doctest: +SKIP
    ...     page = fetcher.get("https://example.org/rss.xml")
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..errors import FetchError
from .urls import host_of

__all__ = ["DEFAULT_USER_AGENT", "FetchPolicy", "Fetcher", "Response"]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"dyads/{__version__} (political event coder; polls only the feeds its operator lists)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_STATUS_WORDS = {401: "unauthorised (send credentials with `headers:` in a YAML feeds file)",
                 403: "forbidden", 404: "not found", 410: "gone (the publisher removed it)"}


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How the fetcher behaves (defaults suit public news sites; tests shorten the waits).

    Args:
        user_agent: the User-Agent header, naming this client (put a contact address in it).
        timeout: seconds to wait for a connection or for the next bytes of a response.
        retries: further tries after a timeout, network error, 429 or 5xx.
        backoff: seconds before the first retry; doubled at each next one (and at most 60).
        max_bytes: largest body read (after decompression); a larger one is refused.
        max_redirects: redirects followed before giving up (a loop ends here).
        per_host: requests to one host at a time.
        min_interval: seconds between the starts of two requests to one host.
        robots: obey robots.txt.
    """

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host: int = 2
    min_interval: float = 1.0
    robots: bool = True


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body (empty for a 304), with the headers the watcher keeps."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """True for a 304: the server says nothing changed since the ETag or date sent."""
        return self.status == 304


class _Host:
    """One host's politeness state: how many requests may run, when the next may start, its robots.txt."""

    def __init__(self, per_host: int) -> None:
        self.slots = threading.BoundedSemaphore(per_host)
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.robots: RobotFileParser | None = None
        self.robots_error: str | None = None
        self.robots_until = 0.0


class Fetcher:
    """Fetch URLs politely (see the module docstring); thread-safe, so a pool of threads can share one.

    Args:
        policy: the limits and manners.
        transport: an httpx transport (tests pass a mock one); default: real sockets.
    """

    def __init__(self, policy: FetchPolicy | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self.client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.timeout), follow_redirects=True,
            max_redirects=self.policy.max_redirects, transport=transport,
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(self.policy.per_host)
            return self._hosts[key]

    # -- robots.txt --------------------------------------------------------------------------------------------

    def allowed(self, url: str) -> None:
        """Raise :class:`FetchError` when robots.txt forbids this URL to our User-Agent."""
        if not self.policy.robots:
            return
        host = self._host(url)
        with host.lock:
            if host.robots is None and host.robots_error is None or time.monotonic() > host.robots_until:
                self._read_robots(url, host)
            robots, problem = host.robots, host.robots_error
        if problem is not None:
            raise FetchError(problem, url, transient=True)
        if robots is not None and not robots.can_fetch(self.policy.user_agent, url):
            raise FetchError("robots.txt forbids fetching it: ask the publisher, or drop it from the feeds file", url)

    def _read_robots(self, url: str, host: _Host) -> None:
        parts = httpx.URL(url)
        where = str(parts.copy_with(path="/robots.txt", query=None, fragment=None))
        robots = RobotFileParser(where)
        host.robots_error = None
        try:
            response = self._send(where, {}, 500_000)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                robots.parse([])  # RFC 9309: no robots.txt (4xx) means everything is allowed
                host.robots, host.robots_until = robots, time.monotonic() + 3600
            else:  # RFC 9309: an unreachable robots.txt means stay away for now
                host.robots, host.robots_until = None, time.monotonic() + 60
                host.robots_error = f"robots.txt unreachable ({exc.reason}): tried again at the next poll"
            return
        text = response.body.decode(response.charset or "utf-8", errors="replace")
        robots.parse(text.splitlines())
        host.robots, host.robots_until = robots, time.monotonic() + 3600

    # -- fetching ----------------------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            headers: Mapping[str, str] | None = None, max_bytes: int | None = None) -> Response:
        """Fetch a URL (conditionally, given the ETag or Last-Modified of the last fetch), retrying what may pass.

        Raises:
            FetchError: robots.txt forbids it, or it failed after the retries (4xx, 5xx, timeout, too large,
                too many redirects, network error); ``transient`` says whether trying later may help.
        """
        self.allowed(url)
        sent = dict(headers or {})
        if etag:
            sent["If-None-Match"] = etag
        if last_modified:
            sent["If-Modified-Since"] = last_modified
        limit = max_bytes or self.policy.max_bytes
        attempt = 0
        while True:
            try:
                return self._polite(url, sent, limit)
            except FetchError as exc:
                if not exc.transient or attempt >= self.policy.retries:
                    if attempt:
                        raise FetchError(f"{exc.reason} (after {attempt + 1} tries)", url, exc.transient,
                                         exc.status) from None
                    raise
                wait = min(self.policy.backoff * 2 ** attempt, 60.0)
                log.debug("%s: %s; trying again in %.1f s", url, exc.reason, wait)
                time.sleep(wait)
                attempt += 1

    def _polite(self, url: str, headers: dict[str, str], limit: int) -> Response:
        host = self._host(url)
        with host.slots:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + self.policy.min_interval
            if start > now:
                time.sleep(start - now)
            return self._send(url, headers, limit)

    def _send(self, url: str, headers: Mapping[str, str], limit: int) -> Response:
        try:
            with self.client.stream("GET", url, headers=headers) as reply:
                if reply.status_code == 304:
                    return _response(url, reply, b"")
                if reply.status_code >= 400:
                    transient = reply.status_code in _RETRY_STATUS
                    words = _STATUS_WORDS.get(reply.status_code, "server error" if transient else "refused")
                    raise FetchError(f"HTTP {reply.status_code} {words}", url, transient, reply.status_code)
                declared = reply.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit and "content-encoding" not in reply.headers:
                    raise FetchError(_too_big(limit), url)
                chunks, size = [], 0
                for chunk in reply.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(_too_big(limit), url)
                    chunks.append(chunk)
                return _response(url, reply, b"".join(chunks))
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.policy.max_redirects} redirects (a redirect loop?): give the final "
                             "address", url) from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out (no answer within {self.policy.timeout:g} s)", url, transient=True) from None
        except httpx.DecodingError as exc:
            raise FetchError(f"the compressed body is corrupt ({exc})", url, transient=True) from None
        except httpx.TransportError as exc:
            raise FetchError(f"network error ({type(exc).__name__}: {exc})", url, transient=True) from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a valid URL ({exc})", url) from None


def _too_big(limit: int) -> str:
    return f"larger than {limit / 1e6:g} MB: not a news page (raise max_bytes if it is)"


def _response(url: str, reply: Any, body: bytes) -> Response:
    kind = reply.headers.get("content-type", "")
    charset = None
    for part in kind.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return Response(url=str(reply.url), status=reply.status_code, body=body,
                    content_type=kind.split(";")[0].strip().lower(), charset=charset,
                    etag=reply.headers.get("etag"), last_modified=reply.headers.get("last-modified"),
                    headers=dict(reply.headers))
