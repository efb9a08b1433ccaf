"""The ``dyads serve`` command: the HTTP API and web page over a store, on loopback by default."""

from __future__ import annotations

import click

__all__ = ["register", "serve"]


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
              help="The DuckDB store written by `dyads code ... --db PATH` (created empty when missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the store to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the web page over an event store.

    \b
    Examples:
      dyads serve --db news.duckdb
      dyads serve --db news.duckdb --port 8080
      curl 'http://127.0.0.1:8000/api/events?actor=IRN&limit=5'
    """
    import uvicorn

    from ..errors import DyadsError
    from .app import create_app

    try:
        app = create_app(db)
    except DyadsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``dyads`` command group."""
    group.add_command(serve)
