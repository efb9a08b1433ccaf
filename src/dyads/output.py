"""Writers for coded events: JSON lines (the EVENT_SCHEMA.md contract), CSV (flattened) and a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from .records import Actor, Event

__all__ = ["CSV_COLUMNS", "FORMATS", "EventWriter", "flatten"]

FORMATS = ("jsonl", "csv", "table")
CSV_COLUMNS = [
    "event_id", "doc_id", "sentence_index", "date", "date_precision",
    "source_text", "source_name", "source_country", "source_sector", "source_code",
    "type", "mode", "cameo", "quad_class", "intensity",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "trigger", "location_name", "location_country", "negated", "hypothetical", "future", "reported", "hedged",
    "attributed_to", "confidence", "pattern", "coder", "sentence",
]  # fmt: skip


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_text": actor.text if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
        f"{prefix}_code": actor.code if actor else None,
    }


def flatten(event: Event) -> dict[str, Any]:
    """Return one flat row of an event (actor and modality fields as columns)."""
    m = event.modality
    row: dict[str, Any] = {
        "event_id": event.event_id, "doc_id": event.doc_id, "sentence_index": event.sentence_index,
        "date": event.date, "date_precision": event.date_precision, "type": event.type, "mode": event.mode,
        "cameo": event.cameo, "quad_class": event.quad_class, "intensity": event.intensity,
        "trigger": event.trigger.text,
        "location_name": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "negated": m.negated, "hypothetical": m.hypothetical, "future": m.future, "reported": m.reported,
        "hedged": m.hedged,
        "attributed_to": (m.attributed_to.code or m.attributed_to.text) if m.attributed_to else None,
        "confidence": event.confidence, "pattern": event.pattern, "coder": event.coder, "sentence": event.sentence,
    }  # fmt: skip
    row.update(_actor_cols("source", event.source))
    row.update(_actor_cols("target", event.target))
    return row


def _who(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    label = actor.code or "?"
    if actor.members and actor.code:
        label += f", 1 of {len(actor.members)}" if (actor.entry or "").startswith("group:") else \
            f", {len(actor.members)} members"
    elif actor.members:
        label = "group: " + ", ".join(m.country or m.code or "?" for m in actor.members)
    return f"{actor.text} [{label}]"


class EventWriter:
    """Write events incrementally to a text stream in one of :data:`FORMATS`.

    Table output is collected and rendered on :meth:`close` (a table needs all its rows).
    """

    def __init__(self, stream: IO[str], fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._rows: list[Event] = []
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        """Write a batch of events (one article's, typically) and flush."""
        for event in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                self._csv.writerow(flatten(event))
            else:
                self._rows.append(event)
        self.stream.flush()

    def close(self) -> None:
        """Finish the output (renders the table format)."""
        if self.fmt != "table":
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(self._rows)} events", show_lines=False, expand=False)
        for col in ("date", "source", "event", "target", "where", "flags", "trigger"):
            table.add_column(col, overflow="fold")
        for e in self._rows:
            m = e.modality
            flags = [name for name in ("negated", "hypothetical", "future", "reported", "hedged") if getattr(m, name)]
            if m.attributed_to is not None:
                flags.append(f"by {m.attributed_to.code or m.attributed_to.text}")
            table.add_row(
                e.date or "-",
                _who(e.source),
                f"{e.type}{'/' + e.mode if e.mode else ''} ({e.cameo})",
                _who(e.target),
                e.location.country if e.location and e.location.country else "-",
                ", ".join(flags) or "-",
                e.trigger.text,
            )
        Console(file=self.stream, width=160 if not self.stream.isatty() else None).print(table)
