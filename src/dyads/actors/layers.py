"""Read users' actor layers: CSV, TSV or YAML files that add or replace dictionary entries.

CSV (comma) and TSV (tab) files have a header row naming their columns; ``phrase`` and ``code`` are required,
``start``, ``end`` (ISO dates), ``name`` and ``kind`` are optional (TSV files in the shipped format may also have
``cased`` and ``origin``, which are ignored). Several rows for one phrase give it several dated roles::

    phrase,code,start,end,name,kind
    Ahmed al-Sharaa,SYRREB,,2024-12-08,Ahmed al-Sharaa,person
    Ahmed al-Sharaa,SYRGOV,2024-12-08,,Ahmed al-Sharaa,person

YAML files hold a list of mappings with ``phrase`` (or a list ``phrases``), ``code`` (or ``roles``, a list of
``{code, start, end}``), and optional ``name`` and ``kind``::

    - phrases: [Ahmed al-Sharaa, al-Sharaa, Jolani]
      name: Ahmed al-Sharaa
      kind: person
      roles:
        - {code: SYRREB, end: 2024-12-08}
        - {code: SYRGOV, start: 2024-12-08}

The code ``-`` removes the phrase from the layers below (a shipped entry that misfires on your texts).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DataFileError

__all__ = ["KINDS", "UserRow", "read_user_layer"]

#: Kinds of dictionary entries. ``demonym`` entries ("Iranian", "Kurds") match in any letter case; the others
#: are proper names and match only when capitalised.
KINDS = frozenset({"country", "person", "org", "group", "place", "institution", "demonym", "capital"})

CODE_RE = re.compile(r"^(?:[A-Z0-9-]{3,}|-)$")
_COLUMNS = ("phrase", "code", "start", "end", "name", "kind")
_IGNORED = ("cased", "origin")


class UserRow(NamedTuple):
    """One (phrase, role) read from a user layer; ``line`` is where it stood, for messages."""

    phrase: str
    code: str
    start: dt.date | None
    end: dt.date | None
    name: str | None
    kind: str | None
    origin: str


def read_user_layer(path: str | Path) -> list[UserRow]:
    """Read a user actor layer (``.csv``, ``.tsv``, ``.yaml`` or ``.yml``) into rows.

    Args:
        path: the file; its suffix selects the format.

    Raises:
        DataFileError: the file is missing or malformed; the message names the file and line (or YAML item).

    Example:
        >>> rows = read_user_layer("my_actors.csv")  # doctest: +SKIP
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tsv", ".yaml", ".yml"):
        raise DataFileError(
            f"unknown actor layer format {suffix or '(none)'!r}: use a .csv, .tsv, .yaml or .yml file", str(path)
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError("actor layer not found: check the path given to --actors", str(path)) from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"not UTF-8 ({exc.reason}): save the file as UTF-8", str(path)) from None
    if suffix in (".yaml", ".yml"):
        return list(_read_yaml(text, path))
    return list(_read_table(text, path, "\t" if suffix == ".tsv" else ","))


def _date(value: object, column: str, path: Path, line: int | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataFileError(
            f"bad date {value!r} in {column!r}: write ISO dates such as 2021-01-20", str(path), line
        ) from None


def _row(
    phrase: object, code: object, start: object, end: object, name: object, kind: object, path: Path, line: int | None
) -> UserRow:
    """Validate one (phrase, role) and return it; ``line`` points messages at the file."""
    if not isinstance(phrase, str) or not phrase.strip():
        raise DataFileError("empty or missing 'phrase': every row needs the words to match", str(path), line)
    if not isinstance(code, str) or not CODE_RE.match(code.strip()):
        raise DataFileError(
            f"bad code {code!r}: write a CAMEO actor code in capitals such as USAGOV, or '-' to remove the phrase",
            str(path),
            line,
        )
    first, last = _date(start, "start", path, line), _date(end, "end", path, line)
    if first and last and first >= last:
        raise DataFileError(f"start {first} is not before end {last}: swap or fix the dates", str(path), line)
    if kind not in (None, "") and kind not in KINDS:
        raise DataFileError(f"unknown kind {kind!r}: use one of {', '.join(sorted(KINDS))}", str(path), line)
    origin = f"{path.name}:{line}" if line else path.name
    return UserRow(
        phrase.strip(),
        code.strip(),
        first,
        last,
        (str(name).strip() or None) if name not in (None, "") else None,
        str(kind) if kind else None,
        origin,
    )


def _read_table(text: str, path: Path, delimiter: str) -> Iterator[UserRow]:
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in _COLUMNS and c not in _IGNORED]
    if unknown or "phrase" not in columns or "code" not in columns:
        raise DataFileError(
            f"bad header {header!r}: the columns are phrase,code and optionally start,end,name,kind", str(path), 1
        )
    index = {c: columns.index(c) for c in _COLUMNS if c in columns}
    for values in reader:
        line = reader.line_num
        if not values or all(not v.strip() for v in values) or values[0].lstrip().startswith("#"):
            continue
        if len(values) > len(columns):
            raise DataFileError(
                f"{len(values)} fields where the header has {len(columns)}: quote phrases that contain "
                f"{'tabs' if delimiter == chr(9) else 'commas'}",
                str(path),
                line,
            )
        get = {c: (values[i] if i < len(values) else "") for c, i in index.items()}
        yield _row(get["phrase"], get["code"], get.get("start"), get.get("end"), get.get("name"), get.get("kind"),
                   path, line)


def _read_yaml(text: str, path: Path) -> Iterator[UserRow]:
    import yaml

    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(f"not valid YAML: {exc}", str(path), mark.line + 1 if mark else None) from None
    if data is None:
        return
    if not isinstance(data, list):
        raise DataFileError("the file must hold a list of entries (lines starting with '- ')", str(path), 1)
    nodes = root.value if root is not None and isinstance(root.value, list) else []
    for number, item in enumerate(data):
        line = nodes[number].start_mark.line + 1 if number < len(nodes) else None
        yield from _yaml_item(item, number, path, line)


def _yaml_item(item: Any, number: int, path: Path, line: int | None) -> Iterator[UserRow]:
    where = f"item {number}"
    try:
        if not isinstance(item, dict):
            raise DataFileError(f"{where} is not a mapping: write 'phrase:' and 'code:' keys", str(path), line)
        unknown = set(item) - {"phrase", "phrases", "code", "roles", "name", "kind"}
        if unknown:
            raise DataFileError(f"{where} has unknown keys {sorted(unknown)}", str(path), line)
        phrases = item.get("phrases", [item.get("phrase")] if "phrase" in item else [])
        if isinstance(phrases, str):
            phrases = [phrases]
        if not isinstance(phrases, list) or not phrases:
            raise DataFileError(f"{where} needs 'phrase' or a list 'phrases'", str(path), line)
        roles = item.get("roles", [{"code": item.get("code")}] if "code" in item else [])
        if not isinstance(roles, list) or not roles or not all(isinstance(r, dict) for r in roles):
            raise DataFileError(
                f"{where} needs 'code' or a list 'roles' of {{code, start, end}} mappings", str(path), line
            )
        for phrase in phrases:
            for role in roles:
                yield _row(phrase, role.get("code"), role.get("start"), role.get("end"), item.get("name"),
                           item.get("kind"), path, line)
    except DataFileError as exc:
        if where in exc.reason:
            raise
        raise DataFileError(f"{where}: {exc.reason}", str(path), line) from None
