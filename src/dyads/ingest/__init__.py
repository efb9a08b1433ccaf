"""Ingest: turn inputs (text files, JSON lines, HTML pages, folders, stdin) into Article records.

The first stage of the pipeline: paths in, :class:`~dyads.records.Article` records out, bad inputs reported
(which file, which line, what to do) and skipped.

Example:
    >>> from dyads.ingest import read_text
    >>> read_text("KYIV, 2022-03-01 - Shelling hit the city centre.", id="k1").date
    datetime.date(2022, 3, 1)
"""

from __future__ import annotations

from dyads.ingest.clean import clean_text
from dyads.ingest.dates import dateline_date, parse_date, try_parse_date
from dyads.ingest.readers import DEFAULT_MAX_CHARS, InputWarning, article_id, read_inputs, read_text

__all__ = [
    "DEFAULT_MAX_CHARS",
    "InputWarning",
    "article_id",
    "clean_text",
    "dateline_date",
    "parse_date",
    "read_inputs",
    "read_text",
    "try_parse_date",
]
