"""The feeds file: which feeds, sitemaps and pages ``dyads watch`` polls, and how.

Three forms, told apart by content:

- plain text: one URL a line; ``#`` starts a comment;
- YAML: a list (or ``feeds:`` list) of URLs or mappings with ``url`` and optional ``name``, ``every`` (minutes),
  ``kind`` (``auto``, ``feed``, ``sitemap``, ``page``), ``language``, ``source`` (the outlet's name stored with its
  articles) and ``headers`` (sent with each request to the feed);
- OPML, as feed readers export it: every ``<outline xmlUrl=...>``.

Example:
    >>> [s.url for s in parse_feeds("# wires\\nhttps://example.org/rss.xml\\n", "feeds.txt")]
    ['https://example.org/rss.xml']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import DataFileError

__all__ = ["KINDS", "FeedSpec", "parse_feeds", "read_feeds"]

KINDS = ("auto", "feed", "sitemap", "page")
_PLAIN_LINE = re.compile(r"^\s*(#.*|[A-Za-z][\w+.-]*://\S*(\s+#.*)?)\s*$")
_KEYS = {"url", "name", "every", "kind", "language", "source", "headers"}


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One entry of the feeds file.

    Args:
        url: the feed, sitemap or page address.
        name: a short name for tables (default: the URL).
        every: minutes between polls, or None for the watcher's default.
        kind: what the URL is; ``auto`` tells by what the server sends.
        language: the feed's language as the operator states it (dyads codes English; others are refused).
        source: the outlet name stored with its articles (default: the site name the page gives, else the host).
        headers: extra request headers, e.g. an API key the publisher gave you.
        origin: ``file:line`` it was read from, for messages.
    """

    url: str
    name: str | None = None
    every: float | None = None
    kind: str = "auto"
    language: str | None = None
    source: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    origin: str | None = None

    @property
    def label(self) -> str:
        """The name shown in tables and messages."""
        return self.name or self.url


def _url(value: Any, where: str, line: int | None) -> str:
    text = str(value).strip() if value is not None else ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DataFileError(f"{text!r} is not an http(s) URL: write one address a line, e.g. "
                            "https://example.org/rss.xml", where, line)
    return text


def _plain(text: str, where: str) -> list[FeedSpec]:
    specs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.split(" #", 1)[0].strip()
        if line:
            specs.append(FeedSpec(url=_url(line, where, number), origin=f"{where}:{number}"))
    return specs


def _entry(item: Any, where: str, number: int) -> FeedSpec:
    origin = f"{where}: entry {number}"
    if isinstance(item, str):
        return FeedSpec(url=_url(item, where, None), origin=origin)
    if not isinstance(item, dict):
        raise DataFileError(f"entry {number} is neither a URL nor a mapping with a url", where)
    unknown = set(item) - _KEYS
    if unknown:
        raise DataFileError(f"entry {number} has unknown keys {sorted(unknown)}: use {sorted(_KEYS)}", where)
    kind = str(item.get("kind") or "auto")
    if kind not in KINDS:
        raise DataFileError(f"entry {number}: kind {kind!r} is not one of {', '.join(KINDS)}", where)
    every = item.get("every")
    if every is not None and (isinstance(every, bool) or not isinstance(every, int | float) or every <= 0):
        raise DataFileError(f"entry {number}: every must be a number of minutes above 0 (got {every!r})", where)
    headers = item.get("headers") or {}
    if not isinstance(headers, dict):
        raise DataFileError(f"entry {number}: headers must be a mapping of header name to value", where)
    return FeedSpec(url=_url(item.get("url"), where, None), name=item.get("name"),
                    every=float(every) if every is not None else None, kind=kind, language=item.get("language"),
                    source=item.get("source"), headers=tuple((str(k), str(v)) for k, v in headers.items()),
                    origin=origin)


def _yaml(text: str, where: str) -> list[FeedSpec]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(f"not valid YAML ({getattr(exc, 'problem', exc)})", where,
                            mark.line + 1 if mark is not None else None) from None
    if isinstance(data, dict):
        data = data.get("feeds")
    if not isinstance(data, list):
        raise DataFileError("a YAML feeds file is a list of feeds (or a mapping with a `feeds:` list)", where)
    return [_entry(item, where, number) for number, item in enumerate(data, start=1)]


def _opml(text: str, where: str) -> list[FeedSpec]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DataFileError(f"not valid OPML ({exc})", where, getattr(exc, "lineno", None)) from None
    specs = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            specs.append(FeedSpec(url=_url(url, where, outline.sourceline), name=outline.get("title")
                                  or outline.get("text"), kind="feed", origin=f"{where}:{outline.sourceline}"))
    return specs


def parse_feeds(text: str, where: str = "<feeds>") -> list[FeedSpec]:
    """Read the text of a feeds file (plain, YAML or OPML, told apart by content); duplicates are listed once.

    Raises:
        DataFileError: a line is not a URL, the YAML or OPML is malformed, or no feed is listed.
    """
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        specs = _opml(head, where)
    elif all(not line.strip() or _PLAIN_LINE.match(line) for line in text.splitlines()):
        specs = _plain(text, where)
    else:
        specs = _yaml(text, where)
    if not specs:
        raise DataFileError("lists no feeds: write one feed URL a line", where)
    seen: dict[str, FeedSpec] = {}
    for spec in specs:
        seen.setdefault(spec.url, spec)
    return list(seen.values())


def read_feeds(path: str | Path) -> list[FeedSpec]:
    """Read a feeds file (see the module docstring for its forms).

    Raises:
        DataFileError: the file cannot be read or holds no valid feed list.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read the feeds file: {exc.strerror}", str(path)) from None
    except UnicodeDecodeError:
        raise DataFileError("the feeds file is not UTF-8: save it as UTF-8", str(path)) from None
    return parse_feeds(text, str(path))
