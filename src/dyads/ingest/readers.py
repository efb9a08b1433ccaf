"""Readers that turn inputs into :class:`~dyads.records.Article` records.

Text files, JSON lines (``.jsonl``, ``.json``, gzipped or not), HTML pages, folders of them and standard
input all come out as the same frozen records. A bad input never stops the batch: it becomes an
:class:`~dyads.errors.InputError` (appended to ``errors``, or logged) and the reader goes on with the rest.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html as html_lib
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from dyads.errors import InputError
from dyads.ingest.clean import clean_text, decode_bytes, split_title, truncate
from dyads.ingest.dates import dateline_date, dateline_place, try_parse_date
from dyads.records import Article

__all__ = ["DEFAULT_MAX_CHARS", "MIN_HTML_WORDS", "InputWarning", "article_id", "read_inputs", "read_text"]

logger = logging.getLogger(__name__)

#: Articles longer than this many characters are cut (and the cut is logged).
DEFAULT_MAX_CHARS = 1_000_000
#: An HTML page whose extracted text has fewer words holds no article (only menus or a cookie banner).
MIN_HTML_WORDS = 5

_JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_TEXT_KEYS = ("text", "body", "content")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class InputWarning(InputError):
    """A problem with an input that did not cost the article: it was kept, as the message says.

    The one case today is a JSON ``date`` field that names no date: the article keeps the dateline date or
    ``default_date``. Callers that count skipped inputs (exit status 3) can leave these out.

    Example:
        >>> str(InputWarning("date 'soon' is not a date: kept the article", "feed.jsonl", 4))
        "feed.jsonl:4: date 'soon' is not a date: kept the article"
    """


@dataclass(frozen=True, slots=True)
class _Source:
    """A file to read: ``name`` for messages and ``Article.origin``, ``base`` for ids."""

    path: Path
    name: str
    base: str


def article_id(text: str, title: str | None = None) -> str:
    """Return a stable content id, ``"sha1:"`` and 16 hex digits of the SHA-1 of the cleaned title and text.

    The same words give the same id on every run and machine; whitespace and line-ending differences do not
    change it. Used when an input names no id (:func:`read_text` without ``id``).

    Example:
        >>> article_id("Rebels shelled the town of Kobane on Friday.", "Kobane shelled")
        'sha1:f376a47c2edbfd17'
        >>> article_id("Rebels  shelled the town.") == article_id("Rebels shelled the town.\\r\\n")
        True
    """
    payload = f"{clean_text(title or '')}\x00{clean_text(text)}"  # NUL cannot occur in cleaned text
    return "sha1:" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def read_text(text: str, *, title: str | None = None, date: dt.date | None = None, id: str | None = None) -> Article:
    """Make one Article from a string: all of ``text`` is the body (no title line is split off).

    Args:
        text: the article body.
        title: the headline, if known.
        date: publication date; else the dateline's date when it carries a year; else None.
        id: the article id; else :func:`article_id` of the text and title.

    Raises:
        InputError: when the text is empty.

    Example:
        >>> a = read_text("WASHINGTON, Sept 6 2014 - The Senate passed the aid bill.", id="wash-1")
        >>> a.id, a.date
        ('wash-1', datetime.date(2014, 9, 6))
    """
    body = clean_text(text)
    if not body:
        raise InputError("text is empty: give the article body", "<text>")
    clean_title = clean_text(title) if title else None
    return Article(
        id=id or article_id(body, clean_title),
        text=body,
        title=clean_title or None,
        date=date or dateline_date(body),
        dateline=dateline_place(body),
    )


def read_inputs(
    paths: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    encoding: str | None = None,
    errors: list[InputError] | None = None,
    stdin: TextIO | None = None,
    max_chars: int | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Article]:
    """Yield an Article for every article in ``paths`` (files, folders, ``"-"`` for standard input).

    - ``.txt`` and any other plain-text file: first non-empty line is the title, the rest the body; id is
      the file name (the path relative to the folder, e.g. ``sub/a.txt``, when read from a folder).
    - ``.jsonl``/``.json`` (also ``.gz``): one ``{"id", "text", "title"?, "date"?, "url"?, "source"?, "dateline"?}`` per
      line (``body``/``content`` stand for ``text``; no id gives ``<file>:<line>``); a ``.json`` file may
      also hold one object or an array of them (ids ``<file>#<n>``).
    - ``.html``/``.htm``: the main text, title and date as trafilatura extracts them (offline).
    - a folder: every file above in it, recursively, sorted by path, hidden files skipped, and so are the
      ``exclude`` paths (files or folders the run itself writes: the store, the output file).
    - ``"-"``: standard input (``stdin``, else ``sys.stdin``) as one plain-text article, id ``stdin``.

    Dates come from the JSON ``date`` field or the HTML metadata, else the body's dateline, else
    ``default_date``. Bad inputs are appended to ``errors`` as they are met (or logged as warnings when
    ``errors`` is None) and skipped; :class:`InputWarning` entries kept their article.

    Example:
        >>> errors: list[InputError] = []
        >>> for article in read_inputs(["news/", "missing.txt"], errors=errors):  # doctest: +SKIP
        ...     print(article.id, article.date, article.title)
        sub/kobane.txt 2014-09-06 Rebels shell Kobane
        >>> [str(e) for e in errors]  # doctest: +SKIP
        ['missing.txt: no such file or folder: check the path']
    """
    if max_chars is None:
        from .. import settings

        max_chars = int(settings.get("max_chars"))
    reader = _Reader(default_date, encoding, errors, max_chars)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        if str(given) == "-":
            yield from reader.guarded(reader.stdin(stdin))
            continue
        path = Path(given)
        if path.is_dir():
            found = _walk(path, reader.report)
            if not found:
                reader.report(InputError("folder has no files to read (hidden files are skipped)", str(path)))
            skip = [Path(p).resolve() for p in exclude]
            for file, relative in found:
                here = file.resolve()
                if any(here == s or s in here.parents for s in skip):
                    continue
                yield from reader.guarded(reader.file(_Source(file, str(file), relative)))
        elif path.exists():
            yield from reader.guarded(reader.file(_Source(path, str(path), path.name)))
        else:
            reader.report(InputError("no such file or folder: check the path", str(path)))


class _Reader:
    """The settings of one :func:`read_inputs` call and the readers for each format."""

    def __init__(
        self, default_date: dt.date | None, encoding: str | None, errors: list[InputError] | None, max_chars: int
    ) -> None:
        self.default_date = default_date
        self.encoding = encoding
        self.errors = errors
        self.max_chars = max_chars

    def cap(self, body: str, source: str) -> str:
        """Cut an article longer than ``max_chars`` (bounded memory) and say so as a warning on the batch."""
        if len(body) <= self.max_chars:
            return body
        kept = truncate(body, self.max_chars, source=source)
        self.report(InputWarning(f"article has {len(body):,} characters: coded the first {len(kept):,} "
                                 "(raise the limit with DYADS_MAX_CHARS)", source))
        return kept

    def report(self, error: InputError) -> None:
        if self.errors is not None:
            self.errors.append(error)
        else:
            logger.warning("%s", error)

    def guarded(self, articles: Iterator[Article]) -> Iterator[Article]:
        try:
            yield from articles
        except InputError as exc:
            self.report(exc)

    def date_for(self, body: str) -> dt.date | None:
        return dateline_date(body, reference=self.default_date) or self.default_date

    def stdin(self, stream: TextIO | None) -> Iterator[Article]:
        name = "<stdin>"
        if stream is None and getattr(sys.stdin, "buffer", None) is not None:
            text = decode_bytes(sys.stdin.buffer.read(), source=name, encoding=self.encoding)
        else:
            try:
                text = (stream or sys.stdin).read()
            except UnicodeDecodeError:
                raise InputError("is not UTF-8: pass --encoding latin-1 (or the right one)", name) from None
        yield self.plain(text, name, "stdin")

    def file(self, src: _Source) -> Iterator[Article]:
        name = src.path.name.lower()
        zipped = name.endswith(".gz")
        suffix = os.path.splitext(name[:-3] if zipped else name)[1]
        try:
            data = src.path.read_bytes()
        except OSError as exc:
            reason = f"cannot be read ({exc.strerror or exc}): check that it is a readable file"
            raise InputError(reason, src.name) from None
        if zipped:
            data = _gunzip(data, src.name)
        if not data.strip():
            raise InputError("is empty: nothing to read", src.name)
        text = decode_bytes(data, source=src.name, encoding=self.encoding)
        if suffix in _JSON_SUFFIXES:
            yield from self.json_file(text, src, whole=suffix == ".json")
        elif suffix in _HTML_SUFFIXES:
            yield self.html(text, src)
        else:
            yield self.plain(text, src.name, src.base)

    def plain(self, text: str, name: str, base: str) -> Article:
        title, body = split_title(clean_text(text))
        if not body:
            raise InputError("is empty: nothing to read", name)
        body = self.cap(body, name)
        return Article(id=base, text=body, title=title, date=self.date_for(body), origin=name,
                       dateline=dateline_place(body))

    def json_file(self, text: str, src: _Source, *, whole: bool) -> Iterator[Article]:
        if whole:
            try:
                document = json.loads(text)
            except json.JSONDecodeError as exc:
                first = text.lstrip().partition("\n")[0]
                if not first.startswith("{") or not _is_json(first):  # not JSON lines either
                    reason = f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}): fix the file"
                    raise InputError(reason, src.name) from None
            else:
                yield from self.json_document(document, src)
                return
        for number, raw in enumerate(text.split("\n"), start=1):  # not splitlines(): JSON strings may hold U+2028
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                reason = f"not valid JSON ({exc.msg} at column {exc.colno}): fix or remove the line"
                self.report(InputError(reason, src.name, number))
                continue
            yield from self.guarded(
                self.record(
                    record, src, line=number, label="", id_=f"{src.base}:{number}", origin=f"{src.name}:{number}"
                )
            )

    def json_document(self, document: Any, src: _Source) -> Iterator[Article]:
        if isinstance(document, dict):
            yield from self.guarded(self.record(document, src, line=None, label="", id_=src.base, origin=src.name))
        elif isinstance(document, list):
            for number, record in enumerate(document, start=1):
                yield from self.guarded(
                    self.record(
                        record,
                        src,
                        line=None,
                        label=f"item {number}: ",
                        id_=f"{src.base}#{number}",
                        origin=f"{src.name}#{number}",
                    )
                )
        else:
            raise InputError(
                f"holds a JSON {type(document).__name__}, not articles: give objects with a text", src.name
            )

    def record(
        self, record: Any, src: _Source, *, line: int | None, label: str, id_: str, origin: str
    ) -> Iterator[Article]:
        if not isinstance(record, dict):
            raise InputError(f'{label}is not a JSON object: write {{"id": ..., "text": ...}}', src.name, line)
        raw_text = next((v for k in _TEXT_KEYS if isinstance(v := record.get(k), str) and v.strip()), "")
        body = clean_text(raw_text)
        if not body:
            raise InputError(f'{label}has no "text" (nor "body" or "content"): add the article text', src.name, line)
        body = self.cap(body, origin)
        fallback = self.date_for(body)
        published = None
        raw_date = record.get("date")
        if raw_date not in (None, ""):
            published = try_parse_date(str(raw_date))
            if published is None:
                kept = fallback.isoformat() if fallback else "no date"
                reason = f"{label}date {raw_date!r} is not a date: write it as YYYY-MM-DD; kept the article with {kept}"
                self.report(InputWarning(reason, src.name, line))
        ident = record.get("id")
        title = clean_text(record["title"]) if isinstance(record.get("title"), str) else ""
        yield Article(
            id=str(ident) if ident not in (None, "") else id_,
            text=body,
            title=title or None,
            date=published or fallback,
            url=_string(record.get("url")),
            outlet=_outlet(record.get("source")),
            origin=origin,
            dateline=_string(record.get("dateline")) or dateline_place(body),
        )

    def html(self, text: str, src: _Source) -> Article:
        import trafilatura  # heavy; only loaded when a page is read

        try:
            doc = trafilatura.bare_extraction(text, include_comments=False, include_tables=False, with_metadata=True)
        except Exception as exc:  # a third-party parser on arbitrary pages: its failure is this input's failure
            logger.debug("trafilatura failed on %s", src.name, exc_info=True)
            raise InputError(f"cannot be parsed as HTML ({exc}): give the page's text as .txt", src.name) from None
        title_found = _string(getattr(doc, "title", None)) or _title_tag(text)
        title = clean_text(title_found) if title_found else None
        body = clean_text(_string(getattr(doc, "text", None)) or "")
        head, _, rest = body.partition("\n")
        if title and head.strip() == title and rest.strip():  # trafilatura keeps the <h1> as the first line
            body = rest.strip()
        if len(body.split()) < MIN_HTML_WORDS:
            raise InputError(
                "has no article text to extract: save the article page itself, or the text as .txt", src.name
            )
        body = self.cap(body, src.name)
        raw_date = _string(getattr(doc, "date", None))
        published = try_parse_date(raw_date) if raw_date else None
        return Article(
            id=src.base,
            text=body,
            title=title or None,
            date=published or self.date_for(body),
            url=_string(getattr(doc, "url", None)),
            outlet=_string(getattr(doc, "sitename", None)),
            origin=src.name,
        )


def _walk(root: Path, report: Any) -> list[tuple[Path, str]]:
    """Return (path, path relative to ``root``) for every non-hidden file under ``root``, sorted by path."""

    def unreadable(exc: OSError) -> None:
        report(InputError(f"cannot be read ({exc.strerror}): check permissions", str(exc.filename)))

    found: list[tuple[Path, str]] = []
    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for file in files:
            if not file.startswith("."):
                path = Path(folder, file)
                found.append((path, path.relative_to(root).as_posix()))
    return sorted(found, key=lambda item: item[1])


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"is not a valid gzip file ({exc}): decompress it or fix its name", name) from None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _outlet(value: Any) -> str | None:
    """The JSONL ``source`` field: a name, or an object with a ``name``."""
    if isinstance(value, dict):
        value = value.get("name")
    return _string(value)


def _title_tag(page: str) -> str | None:
    found = _TITLE_TAG.search(page)
    return html_lib.unescape(found[1]).strip() or None if found else None
