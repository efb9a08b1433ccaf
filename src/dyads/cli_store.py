"""The store's commands: ``query``, ``sql``, ``export``, ``relations``, ``coalitions``, ``load`` and
``code --db``.

A thin shell over :mod:`dyads.store` and :mod:`dyads.analysis`: it parses options, opens the store (read-only
for everything but ``code --db``), calls the library and formats rows. ``cli.py`` registers these commands.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from .errors import DyadsError, InputError

__all__ = ["coalitions", "code_into_db", "export_cmd", "load_cmd", "query", "register", "relations", "sql"]

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3

_DB = click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
                   help="The DuckDB store written by `dyads code ... --db PATH`.")


def _window_options(command: Any) -> Any:
    """Add ``--since``, ``--until`` and ``--last`` (issue 13: time windows) to a command."""
    for option in reversed([
        click.option("--since", metavar="YYYY-MM-DD", help="First day of the window."),
        click.option("--until", metavar="YYYY-MM-DD", help="Last day of the window."),
        click.option("--last", type=click.IntRange(1, 36_600), metavar="DAYS",
                     help="A rolling window: the last DAYS days up to the newest event (or --until)."),
    ]):
        command = option(command)
    return command


def _window(store: Any, since: str | None, until: str | None, last: int | None) -> Any:
    from .analysis import resolve_window

    return resolve_window(store, _day(since, "--since"), _day(until, "--until"), last)


def _fail(exc: DyadsError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def _day(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD", param_hint=flag) from None


def _open(db: str) -> Any:
    from .store import EventStore

    try:
        return EventStore(db, read_only=True)
    except DyadsError as exc:
        _fail(exc)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, title: str = "") -> None:
    """Print rows to stdout as JSON lines, CSV or a terminal table."""
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({n: _jsonable(v) for n, v in zip(names, row)}, ensure_ascii=False, default=str)
                      + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title or f"{len(rows)} rows")
        for name in names:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console(file=out, width=None if out.isatty() else 200).print(table)


def code_into_db(coder: Any, inputs: Sequence[str], db: str, day: dt.date | None, encoding: str | None,
                 quiet: bool) -> int:
    """Run ``dyads code INPUT... --db PATH``: store each batch of articles; return the exit status."""
    from .ingest import read_inputs
    from .ingest.readers import InputWarning
    from .store import EventStore, code_into_store

    errors: list[InputError] = []
    try:
        store = EventStore(db)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_ERROR
    reported = [0]

    def progress(stats: Any) -> None:
        while reported[0] < len(errors):
            click.echo(f"skipped: {errors[reported[0]]}", err=True)
            reported[0] += 1
        if not quiet:
            click.echo(f"stored {stats.articles} articles, {stats.events} events", err=True)

    try:
        own = [db, f"{db}.wal"]  # the store may sit in the folder being coded: never read it as an article
        stats = code_into_store(coder, read_inputs(inputs, default_date=day, encoding=encoding, errors=errors,
                                                   exclude=own),
                                store, default_date=day, on_batch=progress)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("interrupted: stored batches are kept; run the same command again to resume", err=True)
        return 130
    finally:
        total = store.count()
        store.close()
    for err in errors[reported[0]:]:
        label = "warning" if isinstance(err, InputWarning) else "skipped"
        click.echo(f"{label}: {err}", err=True)
    skipped = [e for e in errors if not isinstance(e, InputWarning)]
    click.echo(f"coded {stats.articles} articles ({stats.skipped} already stored), {stats.events} events; "
               f"store holds {total} events, {stats.stories} stories; skipped {len(skipped)} inputs -> {db}",
               err=True)
    return EXIT_PARTIAL if skipped else EXIT_OK


@click.command()
@_DB
@click.option("--actor", help="Actor code or prefix (IRN, USAGOV), ISO3 country or name, either side.")
@click.option("--source", help="The same, source side only.")
@click.option("--target", help="The same, target side only.")
@click.option("--type", "type_", metavar="T", help="PLOVER type (ASSAULT) or CAMEO code prefix (19).")
@click.option("--since", metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--until", metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--text", metavar="WORDS", help="Words that must all occur in the sentence.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N events.")
@click.option("--one-a-day", is_flag=True, help="One event per directed dyad, type and day.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
def query(db: str, actor: str | None, source: str | None, target: str | None, type_: str | None,
          since: str | None, until: str | None, text: str | None, limit: int | None, one_a_day: bool,
          fmt: str) -> None:
    """Print the stored events that match every filter given.

    \b
    Examples:
      dyads query --db news.duckdb --actor IRN --format table
      dyads query --db news.duckdb --source USA --type ASSAULT --since 2014-08-01 --until 2014-09-30
      dyads query --db news.duckdb --text "air strikes" --one-a-day --format csv
    """
    from .output import EventWriter
    from .store import EventQuery, query_events

    q = EventQuery(actor=actor, source=source, target=target, type=type_, since=_day(since, "--since"),
                   until=_day(until, "--until"), text=text, limit=limit, one_a_day=one_a_day)
    with _open(db) as store:
        try:
            writer = EventWriter(sys.stdout, fmt)
            writer.write(query_events(store, q))
            writer.close()
        except DyadsError as exc:
            _fail(exc)


@click.command()
@_DB
@click.argument("statement")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table", show_default=True)
def sql(db: str, statement: str, fmt: str) -> None:
    """Run one SQL statement on a read-only connection to the store (tables: events, articles, actors, stories).

    \b
    Examples:
      dyads sql --db news.duckdb "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"
      dyads sql --db news.duckdb "SELECT * FROM stories WHERE articles > 1" --format jsonl
    """
    from .store import run_sql

    with _open(db) as store:
        try:
            names, rows = run_sql(store, statement)
        except DyadsError as exc:
            _fail(exc)
        write_rows(names, rows, fmt)


@click.command("export")
@_DB
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "plover"]), required=True,
              help="jsonl/csv: dyads records; parquet: the events table; gdelt: GDELT 2.0 event table (61 TSV "
                   "columns); plover: PLOVER JSON records.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write (- for stdout, except parquet).")
@click.option("--one-a-day", is_flag=True, help="One event per directed dyad, type and day.")
def export_cmd(db: str, fmt: str, output: str, one_a_day: bool) -> None:
    """Export the stored events to a file.

    \b
    Examples:
      dyads export --db news.duckdb --format gdelt -o events.gdelt.tsv
      dyads export --db news.duckdb --format plover -o events.plover.jsonl
      dyads export --db news.duckdb --format parquet -o events.parquet --one-a-day
    """
    from .store import EventQuery, export

    with _open(db) as store:
        try:
            target: Any = sys.stdout if output == "-" else output
            n = export(store, fmt, target, EventQuery(one_a_day=one_a_day))
        except DyadsError as exc:
            _fail(exc)
    click.echo(f"exported {n} {fmt} records -> {output}", err=True)


@click.command()
@_DB
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
              help="Period length.")
@click.option("--actor", help="Only dyads with this actor (code prefix or ISO3 country) on either side.")
@click.option("--shifts", "shifts_only", is_flag=True, help="Only the shifts (balance changes sign).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table", show_default=True)
@_window_options
def relations(db: str, by: str, actor: str | None, shifts_only: bool, fmt: str, since: str | None = None,
              until: str | None = None, last: int | None = None) -> None:
    """Relations per directed dyad and period: counts by quad class, mean intensity, net cooperation, shifts.

    Net cooperation is cooperative minus conflictual events (quad 1+2 minus 3+4); a shift marks a period whose
    net cooperation has the opposite sign of the dyad's previous non-zero period.

    \b
    Examples:
      dyads relations --db news.duckdb --by month --actor IRN
      dyads relations --db news.duckdb --shifts --format jsonl
      dyads relations --db news.duckdb --actor IRN --since 1987-03-01 --until 1987-03-31
    """
    from .analysis import dyad_relations

    with _open(db) as store:
        try:
            rows = dyad_relations(store, by=by, actor=actor, window=_window(store, since, until, last))
        except DyadsError as exc:
            _fail(exc)
    if shifts_only:
        rows = [r for r in rows if r["shift"]]
    names = list(rows[0]) if rows else ["source", "target", "period"]
    write_rows(names, [tuple(r[n] for n in names) for r in rows], fmt, title=f"{len(rows)} dyad-periods")


@click.command()
@_DB
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--min-size", default=2, show_default=True, help="Smallest group to list.")
@_window_options
def coalitions(db: str, fmt: str, min_size: int, since: str | None = None, until: str | None = None,
               last: int | None = None) -> None:
    """Groups of actors that act together: named groups from the text and blocs from the event network.

    Each group is {"members", "kind", "evidence": [event ids], "since", "until"}; kind is "named" (a group the
    text names, with its members), or "bloc" (a community of the signed cooperation/conflict network).

    \b
    Examples:
      dyads coalitions --db news.duckdb
      dyads coalitions --db news.duckdb --format table
      dyads coalitions --db news.duckdb --last 30

    Blocs are found within the window (by default each calendar year), never across years.
    """
    from .analysis import find_coalitions

    with _open(db) as store:
        try:
            window = _window(store, since, until, last)
            groups = [g for g in find_coalitions(store, window) if len(g["members"]) >= min_size]
        except DyadsError as exc:
            _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(groups, indent=1, default=str))
        return
    rows = [(g["kind"], g.get("name") or "", ", ".join(g["members"]), len(g["evidence"]), g["since"], g["until"])
            for g in groups]
    write_rows(["kind", "name", "members", "events", "since", "until"], rows, "table",
               title=f"{len(groups)} groups")


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
              help="The DuckDB store to fill (created when missing).")
@click.option("-q", "--quiet", is_flag=True, help="No per-partition counts, only the summary and errors.")
def load_cmd(paths: tuple[str, ...], db: str, quiet: bool) -> None:
    """Store coded events: the folder a `dyads code --engine dask --output-dir DIR` run wrote, or JSONL files
    written by `dyads code`. Loading the same output again changes nothing.

    \b
    Examples:
      dyads load /shared/events/2024-05-01 --db news.duckdb
      dyads load events.jsonl --db news.duckdb
    """
    from pathlib import Path

    from .store import EventStore, load_jsonl

    missing = [p for p in paths if not Path(p).exists()]
    if missing:  # before the store is created
        click.echo(f"error: no such file or folder: {', '.join(missing)} (pass the --output-dir of a "
                   "`dyads code --engine dask` run, or JSONL files written by `dyads code`)", err=True)
        sys.exit(EXIT_ERROR)
    try:
        with EventStore(db) as store:
            stats = load_jsonl(store, paths, on_partition=None if quiet else lambda s: click.echo(
                f"loaded {s.articles} articles, {s.events} events", err=True))
            total = store.count("events")
    except DyadsError as exc:
        _fail(exc)
    for problem in stats.skipped:
        click.echo(f"skipped {problem}", err=True)
    click.echo(f"loaded {stats.articles} articles, {stats.events} events from {stats.files} files; store holds "
               f"{total} events, {stats.stories} stories; skipped {len(stats.skipped)} lines -> {db}", err=True)
    sys.exit(EXIT_PARTIAL if stats.skipped else EXIT_OK)


def register(group: click.Group) -> None:
    """Add the store commands to the ``dyads`` command group."""
    for command in (query, sql, export_cmd, relations, coalitions, load_cmd):
        group.add_command(command)
