"""Dated members of standing groups of states (NATO, the EU, the G7, the Arab League, the Gulf states, the Baltic
states, ...), read from ``data/actors/groups.yaml``: ``members_on("IGOWSTNAT", date(2014, 9, 6))``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DataFileError

__all__ = ["Group", "group_phrases", "members_on", "standing_groups"]


@dataclass(frozen=True, slots=True)
class Group:
    """A standing group: its actor code, name, extra dictionary phrases and dated members."""

    code: str
    name: str
    phrases: tuple[str, ...]
    members: tuple[tuple[str, dt.date | None, dt.date | None], ...]  # (ISO3, since, until)


def _date(value: object, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataFileError(f"{value!r} is not a date (write YYYY-MM-DD)", "groups.yaml", None) from exc


@lru_cache(maxsize=1)
def standing_groups() -> dict[str, Group]:
    """All standing groups by actor code (read once per process)."""
    text = (resources.files("dyads") / "data" / "actors" / "groups.yaml").read_text(encoding="utf-8")
    out: dict[str, Group] = {}
    for item in yaml.safe_load(text) or []:
        members = tuple((m["country"], _date(m.get("since"), item["code"]), _date(m.get("until"), item["code"]))
                        for m in item.get("members", []))
        out[item["code"]] = Group(item["code"], item["name"], tuple(item.get("phrases", [])), members)
    return out


def members_on(code: str | None, day: dt.date | None) -> tuple[str, ...]:
    """The member countries of a standing group on a day (every member ever, when the day is unknown)."""
    group = standing_groups().get(code or "")
    if group is None:
        return ()
    out: list[str] = []
    for country, since, until in group.members:
        if day is not None and ((since and day < since) or (until and day >= until)):
            continue
        if country not in out:
            out.append(country)
    return tuple(out)


def group_phrases() -> list[tuple[str, str, str]]:
    """(phrase, code, name) rows for the groups' extra dictionary phrases."""
    return [(p, g.code, g.name) for g in standing_groups().values() for p in g.phrases]
