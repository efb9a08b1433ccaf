"""Export stored events: JSON lines, CSV, Parquet, the GDELT 2.0 event table, and PLOVER JSON records.

GDELT: 61 tab-separated columns without a header, in the order of the GDELT 2.0 Event Codebook; dyads fills the
columns it knows and leaves the rest empty. The Geo country codes are FIPS 10-4, as GDELT's (``data/gdelt/
iso3_fips.tsv`` maps dyads' ISO 3166-1 alpha-3; actor country codes stay CAMEO's three letters, as in GDELT). One
departure, documented: ``GoldsteinScale`` carries dyads' intensity (-10..10).
``NumMentions``/``NumSources``/``NumArticles`` come from the event's story (cross-article dedup), else 1.

PLOVER: the JSON record of the PLOVER manual's "Data Fields" chapter (``id``, ``date``, ``actor``,
``recipient``, ``event``, ``mode``, ``context``, ...); an ad-hoc group acting together is one record whose
``actor`` lists every member, as PLOVER wants, rather than dyads' one event per member.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..output import EventWriter
from ..records import Actor, Event
from .query import EventQuery, query_events
from .store import EventStore

__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "PLOVER_FIELDS", "export", "fips_country", "gdelt_row",
           "plover_record"]

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
assert len(GDELT_COLUMNS) == 61

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
    "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info", "coder",
    "coded_date", "coded_time", "comment",
)  # fmt: skip
PLOVER_ENTITY_FIELDS = ("code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity",
                        "office", "gender", "age")
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "site": 4}


@functools.cache
def _fips_table() -> dict[str, str]:
    text = (resources.files("dyads") / "data" / "gdelt" / "iso3_fips.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line.strip())
    return {row[0]: row[1] for row in rows}


def fips_country(iso3: str | None) -> str | None:
    """Return the FIPS 10-4 code GDELT's geo columns use for an ISO 3166-1 alpha-3 code (None when unknown).

    Example:
        >>> fips_country("DEU"), fips_country("GBR"), fips_country("IRQ")
        ('GM', 'UK', 'IZ')
    """
    return _fips_table().get(iso3.upper()) if iso3 else None


def _gdelt_id(event_id: str) -> int:
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return str(value).replace("\t", " ").replace("\n", " ")


def gdelt_row(event: Event, article: dict[str, Any] | None = None,
              counts: tuple[int, int, int] = (1, 1, 1)) -> list[str]:
    """Return the 61 GDELT 2.0 event-table fields of an event, as strings (empty where dyads does not know)."""
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS)
    row["GLOBALEVENTID"] = _gdelt_id(event.event_id)
    if event.date and len(event.date) >= 10:
        y, m, d = (int(x) for x in event.date[:10].split("-"))
        row.update(SQLDATE=f"{y:04d}{m:02d}{d:02d}", MonthYear=f"{y:04d}{m:02d}", Year=y,
                   FractionDate=f"{y + ((m - 1) * 30 + d) / 365:.4f}")
    for prefix, actor in (("Actor1", event.source), ("Actor2", event.target)):
        if actor is None:
            continue
        row[f"{prefix}Code"] = actor.code
        row[f"{prefix}Name"] = (actor.name or actor.text).upper()
        row[f"{prefix}CountryCode"] = actor.country
        row[f"{prefix}Type1Code"] = actor.sector
        if actor.code and actor.code[:3] in ("IGO", "NGO", "NSA"):
            row[f"{prefix}KnownGroupCode"] = actor.code[3:6] or None
    row.update(IsRootEvent=1 if event.sentence_index == 0 else 0, EventCode=event.cameo,
               EventBaseCode=event.cameo[:3], EventRootCode=event.cameo[:2], QuadClass=event.quad_class,
               GoldsteinScale=float(event.intensity))
    row["NumMentions"], row["NumSources"], row["NumArticles"] = counts
    loc = event.location
    if loc is not None:
        row.update(ActionGeo_Type=_GEO_TYPE.get(loc.precision, 4), ActionGeo_FullName=loc.name,
                   ActionGeo_CountryCode=fips_country(loc.country), ActionGeo_ADM1Code=loc.admin1,
                   ActionGeo_Lat=loc.lat, ActionGeo_Long=loc.lon, ActionGeo_FeatureID=loc.geonameid)
    if article:
        coded = article.get("coded_at")
        row["DATEADDED"] = coded.strftime("%Y%m%d%H%M%S") if coded else None
        row["SOURCEURL"] = article.get("url") or article.get("origin") or event.doc_id
    else:
        row["SOURCEURL"] = event.doc_id
    return [_fmt(row[c]) for c in GDELT_COLUMNS]


def _entity(actor: Actor) -> dict[str, Any]:
    return {"code": actor.country or (actor.code[:3] if actor.code else None), "sector": actor.sector,
            "entity_text": actor.text, "identifier_id": actor.code, "identifier_text": actor.name}


def _adhoc_group(actor: Actor) -> tuple[Actor, ...]:
    """Return the group an actor acts as one member of (ad-hoc groups), else () (a standing group acts itself)."""
    if any((m.code and m.code == actor.code) or (m.country and m.country == actor.country and not actor.code)
           for m in actor.members):
        return actor.members
    return ()


def plover_record(event: Event, members: Iterable[Actor] = ()) -> dict[str, Any]:
    """Return the PLOVER JSON record of an event (``members``: the whole acting group, when there is one)."""
    group = list(members)
    m = event.modality
    context = [name for flag, name in ((m.future, "future"), (m.hypothetical, "hypothetical"),
                                       (m.negated, "negation"), (event.background, "historical")) if flag]
    loc = event.location
    return {
        "id": event.event_id,
        "has_event": True,
        "date": event.date,
        "actor": [_entity(a) for a in group] if group else [_entity(event.source)],
        "recipient": [_entity(event.target)] if event.target else [],
        "event": [event.type],
        "event_loc": {"extracted_place": loc.name, "resolved_place": loc.name, "geonameid": loc.geonameid,
                      "lat": loc.lat, "lon": loc.lon, "province": loc.admin1, "country_code": loc.country,
                      "resolution": {"country": 1, "admin1": 2, "city": 4, "site": 5}.get(loc.precision)}
        if loc else None,
        "event_text": [event.trigger.text],
        "quad_code": event.quad_class,
        "event_scale": event.intensity,
        "mode": [event.mode] if event.mode else [],
        "context": context,
        "text": event.sentence,
        "text_info": {"sequence": event.sentence_index, "start": event.trigger.start, "end": event.trigger.end},
        "cite_info": {"citation": event.doc_id, "title": event.title, "coder": event.coder,
                      "codebook": "plover-base (dyads CAMEO " + event.cameo + ")"},
        "coder": event.coder,
        "comment": f"rule {event.pattern}" if event.pattern else None,
    }


def _articles(store: EventStore) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in store.rows("SELECT id, url, origin, outlet, coded_at FROM articles")}


def _story_counts(store: EventStore) -> dict[str, tuple[int, int, int]]:
    if not store.has_table("story_events"):
        return {}
    rows = store.rows("SELECT l.event_id, s.mentions, s.sources, s.articles FROM story_events l "
                      "JOIN stories s USING (story_id)")
    return {r["event_id"]: (r["mentions"], r["sources"], r["articles"]) for r in rows}


def export(store: EventStore, fmt: str, output: str | Path | IO[str], query: EventQuery | None = None) -> int:
    """Write the store's events (those ``query`` selects, else all) in ``fmt``; return the records written.

    Args:
        store: the store to read.
        fmt: one of :data:`EXPORT_FORMATS`.
        output: a file path (required for parquet) or a text stream.
        query: a filter, e.g. ``EventQuery(one_a_day=True)``.
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    query = query or EventQuery()
    if fmt == "parquet":
        if not isinstance(output, str | Path):
            raise UsageError("parquet needs a file: pass -o FILE.parquet")
        import pyarrow.parquet as pq

        sql, params = query.sql()
        table = store.con.sql(sql, params=params).to_arrow_table()
        pq.write_table(table, str(output))
        return int(table.num_rows)
    stream: IO[str] = (open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
                       if isinstance(output, str | Path) else output)
    try:
        return _write_text(store, fmt, stream, query)
    finally:
        if isinstance(output, str | Path):
            stream.close()


def _write_text(store: EventStore, fmt: str, stream: IO[str], query: EventQuery) -> int:
    events = query_events(store, query)
    if fmt in ("jsonl", "csv"):
        writer = EventWriter(stream, fmt)
        writer.write(events)
        writer.close()
        return writer.count
    count = 0
    if fmt == "gdelt":
        articles, counts = _articles(store), _story_counts(store)
        out = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for event in events:
            out.writerow(gdelt_row(event, articles.get(event.doc_id), counts.get(event.event_id, (1, 1, 1))))
            count += 1
        return count
    seen: set[tuple[Any, ...]] = set()
    for event in events:
        group = _adhoc_group(event.source)
        key = (event.doc_id, event.sentence_index, event.trigger.start, event.type,
               event.target.code if event.target else None) if group else (event.event_id,)
        if key in seen:
            continue
        seen.add(key)
        stream.write(json.dumps(plover_record(event, group), ensure_ascii=False) + "\n")
        count += 1
    return count
