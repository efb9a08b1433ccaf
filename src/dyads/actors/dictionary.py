"""The actor dictionary: phrases that name actors (countries, people, organisations, groups) and their codes.

The shipped tables live in ``dyads/data/actors/`` (see the README there): ``phoenix_actors.tsv`` (converted from
the PETRARCH-2 dictionaries), ``capitals.tsv`` (capitals standing for their governments) and ``dyads_actors.tsv``
(dyads' own fixes and additions since 2015), in that order; users' layers (``--actors FILE``) go on top. A phrase
in a later layer replaces every entry of that phrase in the layers below.

Phrases are sequences of lower-cased spaCy tokens, so matching runs on the tokens of a parsed sentence::

    >>> actors = ActorDictionary.load()
    >>> words = ["Iran", "'s", "foreign", "minister", "met", "John", "Kerry"]
    >>> length, entry = actors.match(words, 5)
    >>> length, entry.name, entry.code_on(dt.date(2014, 9, 6))
    (2, 'John Kerry', 'USAGOV')
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .._gc import no_gc
from ..errors import DataFileError
from .codes import country_name, split_code
from .layers import read_user_layer

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

__all__ = ["ActorDictionary", "Entry", "Role", "country_name", "split_code", "tokenize_phrase"]

logger = logging.getLogger(__name__)
V = TypeVar("V")

SHIPPED_LAYERS = ("phoenix_actors.tsv", "capitals.tsv", "dyads_actors.tsv")
AGENTS_TABLE = "phoenix_agents.tsv"
#: Agent tables, first match wins: dyads' own words (plurals and titles Phoenix lacks) before Phoenix's.
AGENT_TABLES = ("dyads_agents.tsv", AGENTS_TABLE)
REMOVE = "-"

#: Lower-case name particles that may open a proper name ("al-Qaeda", "the United Nations"); the capital
#: letter is then looked for on the next word.
PARTICLES = frozenset(
    {
        "the", "al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "bin", "ibn", "bint", "abu", "de",
        "del", "della", "der", "den", "di", "du", "da", "dos", "das", "la", "le", "van", "von",
    }
)


@dataclass(frozen=True, slots=True)
class Role:
    """One code an actor holds, valid from ``start`` (inclusive) to ``end`` (exclusive); None is open."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        """Whether the role has a start or an end."""
        return self.start is not None or self.end is not None

    def valid_on(self, day: dt.date) -> bool:
        """Return whether the role holds on ``day`` (start <= day < end)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


#: entry kinds that name places, which hold a code at every date
TERRITORIAL = frozenset({"country", "place", "capital", "demonym"})


@dataclass(frozen=True, slots=True)
class Entry:
    """A dictionary phrase and the actor it names.

    Args:
        phrase: the lower-cased tokens, e.g. ``("john", "kerry")``.
        name: a readable canonical name ("John Kerry").
        kind: one of country, person, org, group, place, institution, demonym, capital.
        roles: the codes the actor holds, with dates; an undated role is the fallback.
        origin: where the entry comes from (``file:line``), for explanations.
        cased: a short acronym ("US", "IS") that matches only when written in capitals.
    """

    phrase: tuple[str, ...]
    name: str
    kind: str
    roles: tuple[Role, ...]
    origin: str
    cased: bool = False

    def code_on(self, day: dt.date | None) -> str | None:
        """Return the actor's code on ``day``.

        A dated role valid that day wins (the latest-starting one if several); else the undated role; else None.
        Without a day: the undated role, else the most recent role.

        Example:
            >>> kerry = ActorDictionary.load().lookup("Kerry")
            >>> kerry.code_on(dt.date(2014, 9, 6)), kerry.code_on(dt.date(2010, 1, 1))
            ('USAGOV', 'USAGOVLEG')
        """
        fallback = next((r for r in self.roles if not r.dated), None)
        if day is None:
            if fallback is not None:
                return fallback.code
            if not self.roles:
                return None
            return max(self.roles, key=lambda r: (r.end or dt.date.max, r.start or dt.date.min)).code
        best: Role | None = None
        for role in self.roles:
            later = best is None or (role.start or dt.date.min) > (best.start or dt.date.min)
            if role.dated and role.valid_on(day) and later:
                best = role
        if best is not None:
            return best.code
        if fallback is None and self.kind in TERRITORIAL and self.roles:
            # a place is always somewhere: in a gap between its dated codes (Phoenix's Iraq of 2003-06, whose
            # occupation line has a malformed date) it keeps the code it had last
            before = [r for r in self.roles if r.start is None or r.start <= day]
            role = max(before, key=lambda r: r.start or dt.date.min) if before else min(
                self.roles, key=lambda r: r.start or dt.date.min)
            return role.code
        return fallback.code if fallback is not None else None


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    import spacy

    return spacy.blank("en").tokenizer


def tokenize_phrase(text: str) -> tuple[str, ...]:
    """Split a phrase into lower-cased tokens as spaCy's English tokenizer splits running text.

    Underscores count as spaces. Write phrases as they appear in news text: the tokenizer keeps "U.S." whole
    but splits "u.s." into two tokens.

    Example:
        >>> tokenize_phrase("Iran's al-Nusra_Front in the U.S.")
        ('iran', "'s", 'al', '-', 'nusra', 'front', 'in', 'the', 'u.s.')
    """
    text = " ".join(text.replace("_", " ").split())
    return tuple(token.text.lower() for token in _tokenizer()(text)) if text else ()


def is_cased(phrase: tuple[str, ...]) -> bool:
    """Return whether a phrase is a short acronym (one token of at most 3 letters) that must be in capitals."""
    return len(phrase) == 1 and sum(ch.isalnum() for ch in phrase[0]) <= 3


class _Layer:
    """Rows of one layer merged per phrase: the first row gives name, kind, origin; all rows give roles.

    Phrases are keyed by their space-joined tokens while reading (cheaper than tuples); ``None`` marks a removal.
    """

    def __init__(self) -> None:
        self.items: dict[str, list[Any] | None] = {}
        self._roles: dict[tuple[str, str, str], Role] = {}
        self._dates: dict[str, dt.date | None] = {"": None}

    def role(self, code: str, start: str, end: str) -> Role:
        """Return the one Role for these ISO date strings (shared between entries)."""
        key = (code, start, end)
        role = self._roles.get(key)
        if role is None:
            dates = self._dates
            for value in (start, end):
                if value not in dates:
                    dates[value] = dt.date.fromisoformat(value)
            role = self._roles[key] = Role(code, dates[start], dates[end])
        return role

    def add(self, text: str, role: Role | None, name: str, kind: str, origin: str, cased: str) -> None:
        """Add one (phrase, role) row; ``cased`` is "1", "0" or "" (decide by the phrase's length)."""
        if role is None:
            self.items[text] = None
            return
        item = self.items.get(text)
        if item is None:
            self.items[text] = [name, kind, origin, cased, [role]]
        elif role not in item[4]:
            item[4].append(role)

    def entries(self) -> dict[tuple[str, ...], Entry | None]:
        out: dict[tuple[str, ...], Entry | None] = {}
        for text, item in self.items.items():
            phrase = tuple(text.split(" "))
            if item is None:
                out[phrase] = None
            else:
                cased = item[3] == "1" if item[3] else is_cased(phrase)
                out[phrase] = Entry(phrase, item[0], item[1], tuple(item[4]), item[2], cased)
        return out


def _shipped_lines(name: str) -> list[str]:
    text = resources.files("dyads").joinpath("data", "actors", name).read_text(encoding="utf-8")
    return text.split("\n")[1:]


def _shipped_layer(name: str) -> dict[tuple[str, ...], Entry | None]:
    """Read one shipped table (``phrase code start end name kind cased origin``, or the capitals table)."""
    layer = _Layer()
    capitals = name == "capitals.tsv"
    number = 1
    try:
        for number, line in enumerate(_shipped_lines(name), start=2):  # noqa: B007 - read in the except clause
            if not line:
                continue
            if capitals:
                text, code, entry_name, origin = line.split("\t")
                start = end = cased = ""
                kind = "capital"
            else:
                text, code, start, end, entry_name, kind, cased, origin = line.split("\t")
            role = None if code == REMOVE else layer.role(code, start, end)
            layer.add(text, role, entry_name, kind, origin, cased)
    except ValueError as exc:
        raise DataFileError(f"malformed row ({exc}): rerun scripts/convert_phoenix.py", name, number) from None
    return layer.entries()


def _user_layer(path: Path) -> dict[tuple[str, ...], Entry | None]:
    layer = _Layer()
    for row in read_user_layer(path):
        text = " ".join(tokenize_phrase(row.phrase))
        role = None if row.code == REMOVE else Role(row.code, row.start, row.end)
        layer.add(text, role, row.name or row.phrase, row.kind or "org", row.origin, "")
    return layer.entries()


_Tables = tuple[dict[tuple[str, ...], Entry], dict[tuple[str, ...], str]]




@functools.lru_cache(maxsize=1)
def _shipped() -> _Tables:
    entries: dict[tuple[str, ...], Entry] = {}
    for name in SHIPPED_LAYERS:
        _apply(entries, _shipped_layer(name))
    agents: dict[tuple[str, ...], str] = {}
    for table in AGENT_TABLES:
        for number, line in enumerate(_shipped_lines(table), start=2):
            fields = line.split("\t")
            if len(fields) != 3:
                if line:
                    raise DataFileError("malformed row: rerun scripts/convert_phoenix.py", table, number)
                continue
            agents.setdefault(tuple(fields[0].split(" ")), fields[1])
    return entries, agents


def _apply(entries: dict[tuple[str, ...], Entry], layer: dict[tuple[str, ...], Entry | None]) -> None:
    for phrase, entry in layer.items():
        if entry is None:
            entries.pop(phrase, None)
        else:
            entries[phrase] = entry


def _lengths(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    by_first: dict[str, set[int]] = {}
    for phrase in phrases:
        lengths = by_first.get(phrase[0])
        if lengths is None:
            by_first[phrase[0]] = {len(phrase)}
        else:
            lengths.add(len(phrase))
    return {first: tuple(sorted(lengths, reverse=True)) for first, lengths in by_first.items()}


_LOADED: dict[tuple[tuple[str, int], ...], ActorDictionary] = {}


class ActorDictionary:
    """Actor phrases and agent words, indexed for longest-match lookup over a sentence's tokens.

    Build it with :meth:`load`; it is immutable and safe to share between threads and pickle to workers.
    """

    def __init__(self, entries: dict[tuple[str, ...], Entry], agents: dict[tuple[str, ...], str]) -> None:
        self._entries = entries
        self._agents = agents
        self._entry_lengths = _lengths(entries)
        self._agent_lengths = _lengths(agents)

    @classmethod
    def load(cls, user_files: Sequence[str | Path] = ()) -> ActorDictionary:
        """Load the shipped tables with the user layers on top, later files winning; cached per file list.

        Args:
            user_files: CSV, TSV or YAML actor layers (see :mod:`dyads.actors.layers`); an edited file is
                read again.

        Raises:
            DataFileError: a user file is missing or malformed (the message names the file and line).

        Example:
            >>> ActorDictionary.load(["my_actors.csv"]).lookup("Ahmed al-Sharaa")  # doctest: +SKIP
        """
        paths = [Path(p) for p in user_files]
        key = tuple((str(p.resolve()), p.stat().st_mtime_ns if p.is_file() else -1) for p in paths)
        cached = _LOADED.get(key)
        if cached is not None:
            return cached
        with no_gc():
            base, agents = _shipped()
            entries = base
            if paths:
                entries = dict(base)
                for path in paths:
                    _apply(entries, _user_layer(path))
            loaded = cls(entries, agents)
        _LOADED[key] = loaded
        logger.debug("actor dictionary: %d phrases, %d agent phrases, %d user layers", len(entries), len(agents),
                     len(paths))
        return loaded

    def match(self, words: Sequence[str], start: int) -> tuple[int, Entry] | None:
        """Return (length in tokens, entry) of the longest actor phrase starting at ``words[start]``, or None.

        Matching compares lower-cased tokens. Cased entries (US, IS) match only tokens written in capitals;
        demonyms ("Iranian", "kurds") match in any case; all other entries are proper names and match only when
        their first word (after particles such as "al" or "the") starts with a capital letter or a digit.

        Example:
            >>> ActorDictionary.load().match(["The", "Islamic", "State", "said"], 1)[0]
            2
        """
        return self._longest(words, start, self._entries, self._entry_lengths, _case_ok)

    def agent(self, words: Sequence[str], start: int) -> tuple[int, str] | None:
        """Return (length in tokens, sector code) of the longest agent phrase at ``words[start]`` in any case.

        Example:
            >>> ActorDictionary.load().agent(["riot", "police", "fired"], 0)
            (2, 'COP')
        """
        return self._longest(words, start, self._agents, self._agent_lengths, None)

    def scan(self, words: Sequence[str]) -> tuple[list[tuple[int, int, Entry]], list[tuple[int, int, str]]]:
        """Walk a sentence's tokens once for actor phrases and once for agent phrases, longest match first, and
        return ``(start, length, entry)`` and ``(start, length, sector)`` triples in text order (the matches
        :meth:`match` and :meth:`agent` give, without calling them token by token).

        Example:
            >>> phrases, agents = ActorDictionary.load().scan(["Iraqi", "troops", "attacked", "Mosul"])
            >>> [(start, length) for start, length, _ in phrases], [sector for _, _, sector in agents]
            ([(0, 1), (3, 1)], ['MIL'])
        """
        lowered = [w.lower() for w in words]
        return (self._walk(words, lowered, self._entries, self._entry_lengths, _case_ok),
                self._walk(words, lowered, self._agents, self._agent_lengths, None))

    @staticmethod
    def _walk(words: Sequence[str], lowered: list[str], table: dict[tuple[str, ...], V],
              lengths: dict[str, tuple[int, ...]], check: Callable[[V, Sequence[str], int], bool] | None,
              ) -> list[tuple[int, int, V]]:
        out: list[tuple[int, int, V]] = []
        n = len(words)
        i = 0
        while i < n:
            options = lengths.get(lowered[i])
            if options:
                for length in options:
                    if i + length > n:
                        continue
                    value = table.get(tuple(lowered[i:i + length]))
                    if value is not None and (check is None or check(value, words, i)):
                        out.append((i, length, value))
                        i += length
                        break
                else:
                    i += 1
                continue
            i += 1
        return out

    @staticmethod
    def _longest(
        words: Sequence[str],
        start: int,
        table: dict[tuple[str, ...], V],
        lengths: dict[str, tuple[int, ...]],
        check: Callable[[V, Sequence[str], int], bool] | None,
    ) -> tuple[int, V] | None:
        if start < 0 or start >= len(words):
            return None
        first = words[start].lower()
        for length in lengths.get(first, ()):
            if start + length > len(words):
                continue
            key = (first, *(w.lower() for w in words[start + 1 : start + length]))
            value = table.get(key)
            if value is not None and (check is None or check(value, words, start)):
                return length, value
        return None

    def lookup(self, phrase: str) -> Entry | None:
        """Return the entry of exactly this phrase (tokenised as running text), ignoring letter case.

        Example:
            >>> ActorDictionary.load().lookup("Islamic State").code_on(None)
            'NSAISI'
        """
        return self._entries.get(tokenize_phrase(phrase))

    def __len__(self) -> int:
        """Return the number of actor phrases."""
        return len(self._entries)

    def __reduce__(self) -> tuple[type[ActorDictionary], _Tables]:
        return (ActorDictionary, (self._entries, self._agents))


def _case_ok(entry: Entry, words: Sequence[str], start: int) -> bool:
    if entry.cased:
        return all(w.isupper() for w in words[start : start + len(entry.phrase)])
    if entry.kind == "demonym":
        return True
    for word, token in zip(words[start : start + len(entry.phrase)], entry.phrase):
        if token in PARTICLES or not any(ch.isalnum() for ch in word):
            continue
        return word[0].isupper() or word[0].isdigit()
    return True

