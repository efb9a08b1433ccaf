"""Canonical URLs: one address per article, whatever tracking parameters or fragments a feed adds to it.

Example:
    >>> canonical_url("HTTPS://News.Example.com:443/world/story?utm_source=rss&id=7#top")
    'https://news.example.com/world/story?id=7'
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["article_id_for", "canonical_url", "host_of"]

#: Query parameters that say how a reader arrived, not which article it is (analytics and campaign tags).
TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ocid", "cmpid",
    "ref", "ref_src", "ref_url", "spm", "smid", "smtyp", "cmp", "ito", "at_medium", "at_campaign", "at_custom1",
    "at_custom2", "at_custom3", "at_custom4", "rss", "feed", "via", "share", "s_cid", "icid", "mbid", "xtor",
})  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "at_", "mkt_", "pk_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING or low.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Return the article's address without what varies between links to it: scheme and host in lower case, no
    default port, no fragment, no tracking parameters, the other parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and parts.port != _DEFAULT_PORTS.get(scheme) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """Return ``host[:port]`` of a URL in lower case (the unit of politeness: rate limit, robots.txt)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def article_id_for(url: str) -> str:
    """Return the stable article id of a page: ``web:`` and 16 hex digits of the SHA-1 of its canonical URL."""
    return "web:" + hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]
