"""Country keys: ISO3 codes (as actors carry them) to the ISO numeric ids of the map's shapes, and names."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["country_names", "numeric_ids"]


@cache
def _table() -> tuple[tuple[str, str, str], ...]:
    text = (resources.files("dyads") / "data" / "geo" / "countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return tuple((a3, num, name) for a3, num, name in rows)


def numeric_ids() -> dict[str, str]:
    """Return ISO3 code -> ISO 3166-1 numeric id (``"IRN" -> "364"``), the ids of the world-atlas shapes."""
    return {a3: num for a3, num, _ in _table()}


def country_names() -> dict[str, str]:
    """Return ISO3 code -> English short name (``"IRQ" -> "Iraq"``)."""
    return {a3: name for a3, _, name in _table()}
