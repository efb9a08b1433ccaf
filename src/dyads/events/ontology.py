"""PLOVER types, modes, quad classes and intensities, and the CAMEO <-> PLOVER crosswalk.

The crosswalk is data (``data/ontology/cameo_plover.tsv``, converted from the official CAMEO2PLOVER-2021 table, plus
``cameo_plover_extra.tsv`` for the CAMEO statement and appeal codes the crosswalk leaves out). Intensity is a
Goldstein-style score of the CAMEO root (-10 most hostile .. +10 most cooperative), so it follows the act's
severity rather than only its PLOVER type.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "PLOVER_TYPES",
    "QUAD_CLASS",
    "CameoEntry",
    "cameo_entry",
    "intensity",
    "pentaclass",
    "quad_class",
]

#: The 16 PLOVER event types with their quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
#: 4 material conflict), as EVENT_SCHEMA.md fixes them.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
PLOVER_TYPES: tuple[str, ...] = tuple(QUAD_CLASS)

# Goldstein-style weights of the 20 CAMEO roots (the published Goldstein scale's values at root level).
_ROOT_INTENSITY: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
    "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0,
    "18": -9.0, "19": -10.0, "20": -10.0,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class CameoEntry:
    """One CAMEO code and the PLOVER type/mode it maps to (``origin`` is the crosswalk line)."""

    cameo: str
    type: str
    mode: str | None
    context: str | None
    description: str
    origin: str


@lru_cache(maxsize=1)
def _table() -> dict[str, CameoEntry]:
    table: dict[str, CameoEntry] = {}
    folder = resources.files("dyads") / "data" / "ontology"
    for name in ("cameo_plover.tsv", "cameo_plover_extra.tsv"):
        with (folder / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                table.setdefault(
                    row["cameo"],
                    CameoEntry(
                        cameo=row["cameo"],
                        type=row["type"],
                        mode=row["mode"] or None,
                        context=row["context"] or None,
                        description=row["description"],
                        origin=row["origin"],
                    ),
                )
    return table


def cameo_entry(code: str) -> CameoEntry | None:
    """Return the PLOVER mapping of a CAMEO code, backing off to its 3-digit parent.

    >>> cameo_entry("195").type
    'ASSAULT'
    """
    table = _table()
    for cut in (len(code), 3):
        entry = table.get(code[:cut])
        if entry is not None:
            return entry
    return None


def quad_class(plover_type: str) -> int:
    """Return the quad class (1..4) of a PLOVER type."""
    return QUAD_CLASS[plover_type]


def intensity(cameo: str) -> float:
    """Return the Goldstein-style intensity (-10..+10) of a CAMEO code's root."""
    return _ROOT_INTENSITY.get(cameo[:2], 0.0)


def pentaclass(cameo: str) -> str | None:
    """Return the five-way class of a CAMEO code: 0 statements/appeals, 1 verbal coop, 2 material coop,
    3 verbal conflict, 4 material conflict (the ConfliBERT grouping)."""
    try:
        root = int(cameo[:2])
    except ValueError:
        return None
    if root <= 2:
        return "0"
    if root <= 5:
        return "1"
    if root <= 8:
        return "2"
    if root <= 13 or root == 16:
        return "3"
    return "4"
