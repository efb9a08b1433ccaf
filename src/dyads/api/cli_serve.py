"""The ``dyads serve`` command: the HTTP API and web page over a store, on loopback by default."""

from __future__ import annotations

import click

from ..cli_watch import policy_options

__all__ = ["register", "serve"]


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
              help="The DuckDB store written by `dyads code ... --db PATH` (created empty when missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the store to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
# issue 12: the feed watcher in the server's process (dyads.cli_watch, dyads.api.live)
@click.option("--watch", "feeds", type=click.Path(exists=True, dir_okay=False), metavar="FEEDS",
              help="Also watch the feeds in this file (as `dyads watch`), storing new events while serving.")
@policy_options
@click.option("--cache", default=512, show_default=True, type=click.IntRange(min=0),
              help="GET answers kept in memory until the next write to the store (0: none).")
def serve(db: str, host: str, port: int, feeds: str | None, every: float, user_agent: str | None, per_host: int,
          delay: float, timeout: float, cache: int) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the web page over an event store.

    With --watch FEEDS the server also polls the feeds and stores new events as they arrive; /feeds shows the
    feeds' health and the newest events. The server holds the store while it runs: other processes cannot write
    it then (use the API, or add feeds to FEEDS).

    \b
    Examples:
      dyads serve --db news.duckdb
      dyads serve --db news.duckdb --port 8080
      dyads serve --db live.duckdb --watch feeds.txt --every 5
      curl 'http://127.0.0.1:8000/api/events?actor=IRN&limit=5'
    """
    import uvicorn

    from ..errors import DyadsError
    from .app import create_app

    watch = None
    if feeds is not None:
        from ..cli_watch import load_feeds, make_policy
        from .live import LiveWatch

        watch = LiveWatch(load_feeds(feeds), every, make_policy(user_agent, per_host, delay, timeout))
    try:
        app = create_app(db, watch=watch, cache=cache)
    except DyadsError as exc:
        raise click.ClickException(str(exc)) from exc
    watching = f", watching {len(watch.specs)} feeds every {every:g} min" if watch is not None else ""
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs){watching}; Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``dyads`` command group."""
    group.add_command(serve)
