"""The event store: one DuckDB file holding articles, their events, actors and stories.

Writes are idempotent: an article written again (same id, or the same text under another id) replaces its
earlier row and events. Each batch of articles is one transaction, so an interrupted run leaves whole articles
behind and :meth:`EventStore.pending` lets the rerun skip them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from ..errors import StoreError
from ..records import Article, Event
from .schema import ARTICLE_COLUMNS, DDL, EVENT_COLUMNS, SCHEMA_VERSION, article_row, event_row, text_hash

__all__ = ["EventStore"]

log = logging.getLogger(__name__)

_ARROW_TYPES = {"VARCHAR": "string", "JSON": "string", "DATE": "date32", "INTEGER": "int32", "DOUBLE": "float64",
                "BOOLEAN": "bool_", "TIMESTAMP": "timestamp", "BIGINT": "int64"}


def _arrow_schema(columns: dict[str, str]) -> Any:
    import pyarrow as pa

    fields = []
    for name, decl in columns.items():
        base = decl.split()[0]
        kind = _ARROW_TYPES[base.removesuffix("[]")]
        pa_type = pa.timestamp("us") if kind == "timestamp" else getattr(pa, kind)()
        if base.endswith("[]"):
            pa_type = pa.list_(pa_type)
        fields.append(pa.field(name, pa_type))
    return pa.schema(fields)


class EventStore:
    """Open (or create) an event store.

    Args:
        path: the DuckDB file, or ``":memory:"`` for a throwaway store (tests).
        read_only: open without write access (queries, ``dyads sql``); the file must exist.

    Example:
        >>> from dyads.records import Article
        >>> with EventStore(":memory:") as store:
        ...     store.write(Article(id="a1", text="Iran condemned the strikes."), [])
        ...     sorted(store.done_ids())
        ['a1']
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        memory = self.path == ":memory:"
        if read_only and not memory and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: create one with `dyads code INPUT --db {self.path}`",
                             self.path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only and not memory)
        except duckdb.ConnectionException as exc:
            if not (read_only and "different configuration" in str(exc)):
                raise StoreError(_open_error(self.path, exc), self.path) from exc
            # this process already holds the store writable (a server): share its database; read_only still
            # refuses writes through this store
            self.con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise StoreError(_open_error(self.path, exc), self.path) from exc
        if not read_only:
            self._create()
        self._arrow: dict[str, Any] = {}

    @classmethod
    def attach(cls, con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool = False) -> EventStore:
        """Wrap a cursor of a connection this process already holds (one per thread: a server's requests, its
        watcher), so they share one database without reopening the file; closing it closes only the cursor. The
        store must exist (open it once with :class:`EventStore` first: that creates and migrates it).

        Example:
            >>> con = duckdb.connect(":memory:")
            >>> EventStore.attach(con.cursor(), ":memory:").count("articles")
            0
        """
        store = cls.__new__(cls)
        store.path, store.read_only, store.con, store._arrow = path, read_only, con, {}
        return store

    def _create(self) -> None:
        for statement in DDL:
            self.con.execute(statement)
        row = self.con.execute("SELECT max(value) FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row and row[0] else None
        if version is not None and version < SCHEMA_VERSION:
            self._migrate(version)
        if version is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def _migrate(self, version: int) -> None:
        """Bring a store written by an older dyads up to :data:`SCHEMA_VERSION` (columns are only ever added)."""
        have = {r[0] for r in self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'articles'").fetchall()}
        missing = [(name, decl) for name, decl in ARTICLE_COLUMNS.items() if name not in have]
        self.con.begin()
        try:
            if missing:  # DuckDB alters no table that an index depends on: drop the indexes, then rebuild them
                self.con.execute("DROP INDEX IF EXISTS articles_id")
                self.con.execute("DROP INDEX IF EXISTS articles_hash")
                for name, decl in missing:
                    self.con.execute(f'ALTER TABLE articles ADD COLUMN "{name}" {decl}')
                for statement in DDL:
                    if statement.startswith("CREATE INDEX"):
                        self.con.execute(statement)
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"cannot migrate store {self.path} from schema {version} to {SCHEMA_VERSION}: {exc} "
                             "(open it with the dyads version that wrote it, or export and reload it)",
                             self.path) from exc
        log.info("migrated %s from schema %d to %d", self.path, version, SCHEMA_VERSION)

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (a writer releases the file lock), or the cursor of an attached store."""
        self.con.close()

    # -- writing -----------------------------------------------------------------------------------------------

    def write(self, article: Article, events: Sequence[Event]) -> None:
        """Store one article and its events, replacing what an earlier run stored for it."""
        self.write_batch([(article, events)])

    def write_batch(self, items: Iterable[tuple[Article, Sequence[Event]]], coder: str | None = None,
                    digests: Mapping[str, str] | None = None, *, extra: Mapping[str, dict[str, Any]] | None = None,
                    also: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
        """Store a batch of articles with their events in one transaction; return the number of events stored.

        An article replaces any stored article with the same id or the same text (and all their events); within
        the batch the last article with a given id or text wins. ``digests`` gives the text hash of articles
        whose text is not at hand (loaded from a cluster's output: the workers hashed it), by article id.
        ``extra`` gives, by article id, values of article columns an :class:`Article` does not carry (``feed``,
        ``fetched_at``, ...); ``also`` runs in the same transaction before it commits (the watcher records the
        pages it fetched there, so a crash keeps both or neither).
        """
        known = digests or {}
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only: open it without read_only to write", self.path)
        latest: dict[str, tuple[Article, Sequence[Event]]] = {}
        by_hash: dict[str, str] = {}
        for article, events in items:
            digest = known.get(article.id) or (text_hash(article.text) if article.text.strip() else None)
            if digest is not None and by_hash.get(digest, article.id) != article.id:
                latest.pop(by_hash[digest], None)
            if digest is not None:
                by_hash[digest] = article.id
            latest[article.id] = (article, events)
        if not latest:
            if also is not None:
                self._in_transaction(also)
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        articles: list[dict[str, Any]] = []
        events_rows: list[dict[str, Any]] = []
        for article, events in latest.values():
            who = coder or (events[0].coder if events else None)
            articles.append(article_row(article, len(events), who, now, known.get(article.id),
                                        (extra or {}).get(article.id)))
            events_rows.extend(event_row(e) for e in events)
        ids = list(latest)
        hashes = [row["text_hash"] for row in articles if row["text"].strip() or row["id"] in known]
        try:
            self.con.begin()
            old = [r[0] for r in self.con.execute(
                "SELECT id FROM articles WHERE list_contains($1, id) OR list_contains($2, text_hash)",
                [ids, hashes]).fetchall()]
            gone = sorted(set(old) | set(ids))
            self.con.execute("DELETE FROM events WHERE list_contains($1, doc_id)", [gone])
            self.con.execute("DELETE FROM articles WHERE list_contains($1, id)", [gone])
            self._insert("articles", ARTICLE_COLUMNS, articles)
            if events_rows:
                self._insert("events", EVENT_COLUMNS, events_rows)
            if also is not None:
                also(self.con)
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"could not write {len(ids)} articles to {self.path}: {exc}", self.path) from exc
        log.debug("stored %d articles, %d events", len(articles), len(events_rows))
        return len(events_rows)

    def _in_transaction(self, work: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
        try:
            self.con.begin()
            work(self.con)
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"could not write to {self.path}: {exc}", self.path) from exc

    def _insert(self, table: str, columns: dict[str, str], rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        if table not in self._arrow:
            self._arrow[table] = _arrow_schema(columns)
        self.con.register("_dyads_batch", pa.Table.from_pylist(rows, schema=self._arrow[table]))
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _dyads_batch")
        finally:
            self.con.unregister("_dyads_batch")

    # -- resuming ----------------------------------------------------------------------------------------------

    def done_ids(self) -> set[str]:
        """Return the ids of the articles already stored."""
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def done_hashes(self) -> set[str]:
        """Return the text hashes of the articles already stored."""
        return {r[0] for r in self.con.execute("SELECT text_hash FROM articles").fetchall()}

    def pending(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Yield only the articles not stored yet (by id or by text), so a rerun resumes where it stopped."""
        ids, hashes = self.done_ids(), self.done_hashes()
        for article in articles:
            if article.id in ids or (article.text.strip() and text_hash(article.text) in hashes):
                continue
            yield article

    # -- reading -----------------------------------------------------------------------------------------------

    def count(self, table: str = "events") -> int:
        """Return the number of rows of ``events``, ``articles``, ``actors`` or ``stories``."""
        if table not in ("events", "articles", "actors", "stories", "story_events"):
            raise StoreError(f"unknown table {table!r}: use events, articles, actors or stories", self.path)
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a parameterised query and return its rows as dicts."""
        try:
            cursor = self.con.execute(sql, params)
        except duckdb.Error as exc:
            raise StoreError(f"query failed on {self.path}: {exc}", self.path) from exc
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def has_table(self, name: str) -> bool:
        """Say whether the store holds a table or view of that name."""
        row = self.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()
        views = self.con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()
        return bool((row and row[0]) or (views and views[0]))


_PID = re.compile(r"PID (\d+)")


def _open_error(path: str, exc: duckdb.Error) -> str:
    """The message for a store another process holds: who holds it and what to do instead."""
    text = str(exc)
    if "lock" not in text.lower():
        return f"cannot open store {path}: {text}"
    found = _PID.search(text)
    who = f" (PID {found.group(1)})" if found else ""
    return (f"cannot open store {path}: another dyads process{who} holds it (a running `dyads serve`, "
            "`dyads watch` or `dyads code --db`). Wait for it to finish or stop it; while a server runs, read "
            "through its HTTP API (/api/events), add sources to its --watch FEEDS file, or POST texts to "
            "/api/code?store=true")
