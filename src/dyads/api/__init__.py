"""HTTP API (JSON, OpenAPI at ``/docs``) and web page over an event store.

Example:
    >>> from dyads.api import create_app
    >>> app = create_app("news.duckdb")  # doctest: +SKIP
    >>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from .app import MAX_BODY, create_app

__all__ = ["MAX_BODY", "create_app"]
