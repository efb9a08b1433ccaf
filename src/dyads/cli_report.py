"""The ``report`` command: a briefing on one actor as one self-contained HTML file.

A thin shell over :mod:`dyads.report`: it parses options, opens the store read-only, resolves the window and
writes the file. ``cli.py`` registers it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_store import _day
from .errors import DyadsError

__all__ = ["register", "report"]



@click.command()
@click.option("--db", "db", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The DuckDB store written by `dyads code ... --db PATH`.")
@click.option("--actor", required=True, help="The actor to brief on: ISO3 country (IRN) or actor code (IRNGOV).")
@click.option("--since", metavar="YYYY-MM-DD", help="First day (default: the store's first dated event).")
@click.option("--until", metavar="YYYY-MM-DD", help="Last day (default: the store's newest dated event).")
@click.option("--last", type=click.IntRange(1, 36_600), metavar="DAYS",
              help="A rolling window instead of --since: the last DAYS days up to the newest event (or --until).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The HTML file to write.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              help="Where `dyads serve` runs this store: the figures link to their events there ('' for none).")
def report(db: str, actor: str, since: str | None, until: str | None, last: int | None, output: str,
           base_url: str) -> None:
    """Write a briefing on one actor: one self-contained, print-ready HTML file that opens offline.

    It holds the top counterparts and how they moved against the previous period of the same length, the map,
    the dyad trends and the ten most intense events with their sentences and sources; charts, styles and country
    shapes are inside the file, so no request leaves it.

    \b
    Examples:
      dyads report --db news.duckdb --actor IRN --since 1987-03-01 --until 1987-03-31 -o brief.html
      dyads report --db news.duckdb --actor USA --last 30 -o usa-month.html
    """
    from .analysis import resolve_window
    from .report import write_briefing
    from .store import EventStore

    try:
        with EventStore(db, read_only=True) as store:
            window = resolve_window(store, _day(since, "--since"), _day(until, "--until"), last, close=True)
            briefing = write_briefing(store, actor, window, output, base_url=base_url)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    size = Path(output).stat().st_size
    click.echo(f"briefing on {briefing.actor}, {window.since} to {window.until}: {briefing.events} events, "
               f"{len(briefing.counterparts)} counterparts -> {output} ({size // 1024} KiB)", err=True)


def register(group: click.Group) -> None:
    """Add the ``report`` command to the ``dyads`` command group."""
    group.add_command(report)
