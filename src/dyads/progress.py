"""Progress on long runs: articles done out of the total (when it can be counted cheaply), events, rate and ETA.

Only the CLI uses this (the library never prints); ``--quiet`` turns it off.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["count_articles", "make_progress"]

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}


class _Rate(ProgressColumn):
    """Articles per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} art/s" if speed else "- art/s", style="progress.data.speed")


def _lines(path: Path) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:  # type: ignore[operator]
        return sum(1 for line in fh if line.strip())


def count_articles(inputs: Iterable[str]) -> int | None:
    """Count the articles the inputs hold, or None when that would cost a read of the data (stdin, JSON arrays)."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if file.name.startswith("."):
                continue
            if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
                try:
                    total += _lines(file)
                except OSError:
                    continue
            elif name.endswith((".json", ".json.gz")):
                return None
            else:
                total += 1
    return total


def make_progress(console: Console, total: int | None) -> tuple[Progress, TaskID]:
    """A started progress display and its task id; with a total it shows a bar and the time remaining."""
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total:
        columns += [BarColumn(), TextColumn("{task.completed}/{task.total} articles")]
    else:
        columns += [TextColumn("{task.completed} articles")]
    columns += [TextColumn("{task.fields[events]} events"), _Rate(), TimeElapsedColumn()]
    if total:
        columns += [TextColumn("ETA"), TimeRemainingColumn()]
    progress = Progress(*columns, console=console, transient=True)
    progress.start()
    return progress, progress.add_task("coding", total=total, events=0)
