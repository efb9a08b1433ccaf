"""One exception tree for dyads.

Every error the library raises on purpose is a :class:`DyadsError`. Messages say what went wrong *and*
what to do next; context travels in attributes so callers (the CLI, a Dask worker) can report it. All
exceptions pickle, because they cross process and cluster boundaries.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "DyadsError",
    "FetchError",
    "InputError",
    "ModelNotInstalledError",
    "StoreError",
    "UsageError",
    "WorkerError",
]


class DyadsError(Exception):
    """Base class of every error dyads raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.message,))

    def __str__(self) -> str:
        return self.message


class InputError(DyadsError):
    """An input article or file cannot be read; the batch skips it and goes on.

    ``source`` names the file (and ``line`` the line, for JSONL) so the message can point at it.
    """

    def __init__(self, message: str, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source if line is None else f"{source}:{line}"
        full = f"{where}: {message}" if where and not message.startswith(str(where)) else message
        super().__init__(full)
        self.reason = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.reason, self.source, self.line))


class DataFileError(DyadsError):
    """A data file (actor dictionary, pattern table, user layer) is malformed; names the file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path if line is None else f"{path}:{line}"
        full = f"{where}: {message}" if where else message
        super().__init__(full)
        self.reason = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.reason, self.path, self.line))


class UsageError(DyadsError):
    """The caller asked for something that cannot work (bad option value, unknown format)."""


class ModelNotInstalledError(DyadsError):
    """The spaCy pipeline package is missing."""


class StoreError(DyadsError):
    """The event store cannot be opened, written or queried; ``path`` names the database file."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)
        self.reason = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.reason, self.path))


class WorkerError(DyadsError):
    """Coding failed in a worker process (pool or Dask); ``article_id`` names the article that caused it.

    ``reason`` is the original exception as ``Type: message``; ``detail`` holds the worker's traceback text.
    """

    def __init__(self, reason: str, article_id: str | None = None, detail: str = "") -> None:
        self.reason = reason
        self.article_id = article_id
        self.detail = detail
        where = f"article {article_id!r}" if article_id is not None else "a worker"
        super().__init__(f"coding {where} failed in a worker: {reason} (code that article alone with "
                         "`dyads code` and -vv to see where; --workers 1 gives the full traceback)")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.reason, self.article_id, self.detail))


class FetchError(DyadsError):
    """A feed or page could not be fetched or read (``dyads watch``); ``url`` names it, ``reason`` says why in plain
    words, ``transient`` says whether the next poll tries again (timeouts, 5xx) or not (404, no article text)."""

    def __init__(self, reason: str, url: str | None = None, transient: bool = False, status: int | None = None) -> None:
        self.reason = reason
        self.url = url
        self.transient = transient
        self.status = status
        super().__init__(f"{url}: {reason}" if url else reason)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.reason, self.url, self.transient, self.status))
