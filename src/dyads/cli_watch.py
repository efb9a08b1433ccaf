"""The live-news commands: ``dyads watch`` (poll feeds into a store) and ``dyads feeds`` (their health).

A thin shell over :mod:`dyads.fetch`; ``cli.py`` registers the commands, and ``dyads serve --watch`` (in
:mod:`dyads.api.cli_serve`) reuses :func:`policy_options` and :func:`load_feeds`.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

import click

from .errors import DyadsError

__all__ = ["feeds_cmd", "load_feeds", "policy_options", "register", "summary", "watch"]

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3


def policy_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the fetcher's options (User-Agent, per-host limits, timeout) to a command."""
    options = [
        click.option("--every", type=click.FloatRange(min=0, min_open=True), default=15.0, show_default=True,
                     metavar="MINUTES", help="Minutes between polls of a feed (fractions allowed; a feed's own "
                                             "`every:` in a YAML feeds file wins)."),
        click.option("--user-agent", envvar="DYADS_USER_AGENT", metavar="TEXT",
                     help="User-Agent sent with every request; name yourself and a contact "
                          "[env DYADS_USER_AGENT; default: dyads/VERSION (...)]."),
        click.option("--per-host", type=click.IntRange(min=1), default=2, show_default=True,
                     help="Requests to one host at a time."),
        click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
                     help="Seconds between the starts of two requests to one host."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
                     metavar="SECONDS", help="Seconds to wait for a server before retrying."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def make_policy(user_agent: str | None, per_host: int, delay: float, timeout: float) -> Any:
    """The fetch policy the options describe."""
    from .fetch import DEFAULT_USER_AGENT, FetchPolicy

    return FetchPolicy(user_agent=user_agent or DEFAULT_USER_AGENT, per_host=per_host, min_interval=delay,
                       timeout=timeout, backoff=min(2.0, timeout / 4))


def load_feeds(path: str) -> list[Any]:
    """Read the feeds file, or exit 1 with the reason (file and line)."""
    from .fetch import read_feeds

    try:
        return read_feeds(path)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def summary(report: Any) -> list[str]:
    """Lines that tell what a pass did: totals, then each failing feed and page with its reason."""
    fresh = sum(1 for f in report.feeds if f.not_modified)
    lines = [f"polled {len(report.feeds)} feeds in {report.seconds:.1f} s ({fresh} unchanged): stored "
             f"{report.stored} articles, {report.events} events; "
             f"{sum(f.duplicates for f in report.feeds)} duplicates, {sum(f.copies for f in report.feeds)} "
             f"near-copies linked; {len(report.failed_feeds)} feeds and "
             f"{sum(len(f.failures) for f in report.feeds)} pages failed"]
    for feed in report.failed_feeds:
        lines.append(f"feed failed: {feed.name}: {feed.reason}")
    for feed in report.feeds:
        for page in feed.failures:
            lines.append(f"page failed: {page.url} (in {feed.name}): {page.reason}")
    return lines


@click.command()
@click.argument("feeds", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
              help="The DuckDB store to fill (created when missing).")
@click.option("--once", is_flag=True, help="One pass over the feeds, then exit (for cron): 0 all read, 3 some "
                                           "feed or page failed.")
@policy_options
@click.option("--workers", type=click.IntRange(min=1), default=4, show_default=True,
              help="Threads fetching and extracting pages.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own actor file (CSV or YAML), laid over the shipped dictionaries. Repeatable.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own event pattern file (YAML). Repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def watch(feeds: str, db: str, once: bool, every: float, user_agent: str | None, per_host: int, delay: float,
          timeout: float, workers: int, actor_files: tuple[str, ...], pattern_files: tuple[str, ...], quiet: bool,
          verbose: int) -> None:
    """Watch news feeds: poll each RSS/Atom feed, news sitemap or page in FEEDS, code the new articles into
    the store, and go on until stopped (SIGTERM ends it after the current pass; Ctrl-C at once, keeping
    every article stored so far).

    FEEDS is a text file with one URL a line (# comments), a YAML list with per-feed options (url, name, every,
    kind, language, source, headers), or an OPML export from a feed reader. Only those addresses and the
    article links they list are fetched; robots.txt is obeyed.

    \b
    Examples:
      dyads watch feeds.txt --db live.duckdb
      dyads watch feeds.yaml --db live.duckdb --once --user-agent "newsroom-bot (ops@example.org)"
      dyads feeds --db live.duckdb
    """
    from .cli import _setup_logging
    from .fetch import Fetcher, Watcher
    from .pipeline import Coder
    from .store import EventStore

    _setup_logging(verbose, quiet)
    specs = load_feeds(feeds)
    try:
        coder = Coder(actor_files=actor_files, pattern_files=pattern_files)
        store = EventStore(db)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)

    def progress(feed: Any) -> None:
        if not quiet:
            click.echo(f"{feed.name}: stored {feed.stored} articles, {feed.events} events", err=True)

    def report(result: Any) -> None:
        for line in summary(result):
            if not quiet or not line.startswith("polled"):
                click.echo(line, err=True)

    stop = threading.Event()
    try:
        with store, Fetcher(make_policy(user_agent, per_host, delay, timeout)) as fetcher:
            watcher = Watcher(store, coder, fetcher=fetcher, workers=workers, on_batch=progress)
            if once:
                result = watcher.poll_all(specs)
                report(result)
                sys.exit(EXIT_PARTIAL if result.partial else EXIT_OK)
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            if not quiet:
                click.echo(f"watching {len(specs)} feeds into {db} every {every:g} min; Ctrl-C stops", err=True)
            watcher.run(specs, every, stop, on_pass=report)
    except KeyboardInterrupt:
        click.echo("stopped; what was stored stays stored", err=True)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


@click.command("feeds")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
              help="The store `dyads watch` fills.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def feeds_cmd(db: str, fmt: str) -> None:
    """The watched feeds and their health: last poll, last success, last error, failures in a row, articles and
    events stored from each.

    \b
    Examples:
      dyads feeds --db live.duckdb
      dyads feeds --db live.duckdb --format jsonl
    """
    from .cli_store import write_rows
    from .fetch import feed_health
    from .store import EventStore

    try:
        with EventStore(db, read_only=True) as store:
            rows = feed_health(store)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    names = ["status", "name", "url", "kind", "last_poll", "last_ok", "errors", "last_error", "articles", "events",
             "failed_pages"]
    failing = sum(1 for r in rows if r["status"] != "ok")
    if fmt == "table":  # times to the second, UTC; the JSON and CSV keep them whole
        for row in rows:
            for key in ("last_poll", "last_ok"):
                row[key] = row[key].strftime("%Y-%m-%d %H:%M:%S") if row[key] else None
    write_rows(names, [tuple(r[n] for n in names) for r in rows], fmt,
               title=f"{len(rows)} feeds, {failing} failing (times UTC)")


def register(group: click.Group) -> None:
    """Add ``watch`` and ``feeds`` to the ``dyads`` command group."""
    for command in (watch, feeds_cmd):
        group.add_command(command)
