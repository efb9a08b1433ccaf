"""Event patterns: trigger lemma + syntactic frame -> PLOVER type, mode and CAMEO code.

Patterns are data (``data/patterns/patterns.yaml``, hand-written, and ``cameo_verbs.tsv``, converted from the
PETRARCH-2 verb dictionary as a lower-confidence fallback). Users can layer their own YAML file on top
(``Coder(pattern_files=...)``): a user pattern with the same ``id`` replaces the shipped one, and new lemmas
take precedence over the shipped ones.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from .ontology import cameo_entry

__all__ = ["Pattern", "PatternSet", "load_patterns"]

FRAMES = {"say", "intent", "plan", "threaten", "refuse", "request"}
_KNOWN_KEYS = {
    "id", "pos", "lemmas", "cameo", "type", "mode", "preps", "objects", "only_objects", "only_objects_for",
    "place_cameo", "modifiers", "require_modifiers", "require_modifiers_for", "frame", "light", "reciprocal",
    "needs_target", "needs_light", "only_lights", "only_preps", "source_required", "needs_particle",
    "sense_modifiers",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger pattern; see the header of ``patterns.yaml`` for each field's meaning."""

    id: str
    pos: str
    lemmas: tuple[str, ...]
    cameo: str | None = None
    type: str | None = None
    mode: str | None = None
    preps: tuple[str, ...] = ()
    objects: dict[str, str | None] = field(default_factory=dict, hash=False, compare=False)
    only_objects: bool = False
    only_objects_for: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    place_cameo: str | None = None
    modifiers: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    require_modifiers: tuple[str, ...] = ()
    require_modifiers_for: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    frame: str | None = None
    light: bool = False
    reciprocal: bool = False
    needs_target: bool = False
    needs_light: bool = False
    only_lights: tuple[str, ...] = ()
    only_preps: bool = False
    source_required: bool = False
    needs_particle: tuple[str, ...] = ()
    sense_modifiers: tuple[str, ...] = ()
    confidence: float = 0.8
    origin: str = ""


@dataclass(frozen=True, slots=True)
class PatternSet:
    """All patterns, indexed by (pos, lemma)."""

    verbs: dict[str, Pattern]
    nouns: dict[str, Pattern]
    light_verbs: frozenset[str]
    frames: dict[str, Pattern]
    fallback: dict[tuple[str, str], str]  # (verb lemma, object lemma or "") -> CAMEO, from cameo_verbs.tsv
    known: frozenset[str] = frozenset()  # every trigger lemma, to repair lemmatizer slips
    fallback_stop: frozenset[str] = frozenset()  # verbs the fallback table must not code (cameo_verbs_stop.txt)
    senses: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)  # noun patterns chosen by a modifier
    particle_senses: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)  # verb patterns chosen by a particle

    def verb(self, lemma: str, particles: frozenset[str] | set[str] = frozenset()) -> Pattern | None:
        """Return the hand-written verb pattern for a lemma, if any; a pattern whose ``needs_particle`` meets the
        verb's particles wins over the lemma's plain pattern ("backed down" concedes, "backed" supports)."""
        for pattern in self.particle_senses.get(lemma, ()):
            if particles & set(pattern.needs_particle):
                return pattern
        return self.verbs.get(lemma)

    def noun(self, lemma: str, modifiers: frozenset[str] | set[str] = frozenset()) -> Pattern | None:
        """Return the noun (nominal event) pattern for a lemma, if any; a pattern whose ``sense_modifiers`` meet
        the noun's modifiers wins ("hunger strike" and "general strike" are protests, "air strike" an attack)."""
        for pattern in self.senses.get(lemma, ()):
            if modifiers & set(pattern.sense_modifiers):
                return pattern
        return self.nouns.get(lemma)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _pattern(item: Any, where: str, line: int | None) -> Pattern:
    if not isinstance(item, dict):
        raise DataFileError("each pattern must be a mapping with id, pos and lemmas", where, line)
    unknown = set(item) - _KNOWN_KEYS
    if unknown:
        raise DataFileError(f"unknown pattern keys {sorted(unknown)} (known: {sorted(_KNOWN_KEYS)})", where, line)
    for key in ("id", "pos", "lemmas"):
        if key not in item:
            raise DataFileError(f"pattern is missing {key!r}", where, line)
    if item["pos"] not in ("verb", "noun"):
        raise DataFileError(f"pattern {item['id']}: pos must be verb or noun, not {item['pos']!r}", where, line)
    cameo = str(item["cameo"]) if item.get("cameo") is not None else None
    if cameo is not None and cameo_entry(cameo) is None:
        raise DataFileError(f"pattern {item['id']}: CAMEO code {cameo!r} has no PLOVER mapping", where, line)
    frame = item.get("frame")
    if frame is not None and frame not in FRAMES:
        raise DataFileError(f"pattern {item['id']}: frame must be one of {sorted(FRAMES)}", where, line)
    objects = {str(k).lower(): (str(v) if v is not None else None) for k, v in (item.get("objects") or {}).items()}
    return Pattern(
        id=str(item["id"]),
        pos=item["pos"],
        lemmas=tuple(str(x).lower() for x in item["lemmas"]),
        cameo=cameo,
        type=item.get("type"),
        mode=item.get("mode"),
        preps=_tuple(item.get("preps")),
        objects=objects,
        only_objects=bool(item.get("only_objects", False)),
        only_objects_for={k: _tuple(v) for k, v in (item.get("only_objects_for") or {}).items()},
        place_cameo=str(item["place_cameo"]) if item.get("place_cameo") else None,
        modifiers={str(k): str(v) for k, v in (item.get("modifiers") or {}).items()},
        require_modifiers=_tuple(item.get("require_modifiers")),
        require_modifiers_for={k: _tuple(v) for k, v in (item.get("require_modifiers_for") or {}).items()},
        frame=frame,
        light=bool(item.get("light", False)),
        reciprocal=bool(item.get("reciprocal", False)),
        needs_target=bool(item.get("needs_target", False)),
        needs_light=bool(item.get("needs_light", False)),
        only_lights=_tuple(item.get("only_lights")),
        only_preps=bool(item.get("only_preps", False)),
        source_required=bool(item.get("source_required", False)),
        needs_particle=_tuple(item.get("needs_particle")),
        sense_modifiers=_tuple(item.get("sense_modifiers")),
        origin=f"{Path(where).name}:{line}" if line else Path(where).name,
    )


class _Loader(yaml.SafeLoader):
    """YAML 1.1 reads bare ``on``/``off``/``yes``/``no`` as booleans; in pattern files they are words."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|false)$"), list("tf"))


def _read_yaml(text: str, where: str) -> list[Pattern]:
    try:
        nodes = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(f"not valid YAML: {exc}", where, mark.line + 1 if mark else None) from exc
    if not isinstance(data, list):
        raise DataFileError("a pattern file must be a YAML list of patterns", where, 1)
    lines = [n.start_mark.line + 1 for n in nodes.value] if nodes is not None else []
    return [_pattern(item, where, lines[i] if i < len(lines) else None) for i, item in enumerate(data)]


def _read_fallback() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    path = resources.files("dyads") / "data" / "patterns" / "cameo_verbs.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if cameo_entry(row["cameo"]) is not None:
                table[(row["lemma"], row["object"])] = row["cameo"]
    return table


_CACHE: dict[tuple[str, ...], PatternSet] = {}


def load_patterns(user_files: Sequence[str | Path] = ()) -> PatternSet:
    """Load the shipped patterns and any user pattern files layered on top (cached per file list).

    Raises:
        DataFileError: a pattern file is malformed; the message names the file and line.
    """
    key = tuple(str(p) for p in user_files)
    if key in _CACHE:
        return _CACHE[key]
    shipped = resources.files("dyads") / "data" / "patterns" / "patterns.yaml"
    patterns = _read_yaml(shipped.read_text(encoding="utf-8"), "patterns.yaml")
    for path in user_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"cannot read pattern file: {exc.strerror}", str(path)) from exc
        patterns.extend(_read_yaml(text, str(path)))
    by_id: dict[str, Pattern] = {}
    for pattern in patterns:
        by_id[pattern.id] = pattern  # later layers replace earlier patterns of the same id
    verbs: dict[str, Pattern] = {}
    nouns: dict[str, Pattern] = {}
    frames: dict[str, Pattern] = {}
    light: set[str] = set()
    senses: dict[str, tuple[Pattern, ...]] = {}
    particle_senses: dict[str, tuple[Pattern, ...]] = {}
    for pattern in by_id.values():
        if pattern.light:
            light.update(pattern.lemmas)
            continue
        if pattern.sense_modifiers and pattern.pos == "noun":
            for lemma in pattern.lemmas:
                senses[lemma] = senses.get(lemma, ()) + (pattern,)
            continue
        if pattern.needs_particle and pattern.pos == "verb" and not pattern.frame:
            for lemma in pattern.lemmas:
                particle_senses[lemma] = particle_senses.get(lemma, ()) + (pattern,)
        target = frames if pattern.frame else verbs if pattern.pos == "verb" else nouns
        for lemma in pattern.lemmas:
            if pattern.needs_particle and lemma in target:
                continue  # a particle sense ("back down") does not replace the lemma's plain pattern ("back")
            target[lemma] = pattern
    fallback = _read_fallback()
    known = frozenset(verbs) | frozenset(frames) | frozenset(light) | frozenset(k[0] for k in fallback)
    stop_file = resources.files("dyads") / "data" / "patterns" / "cameo_verbs_stop.txt"
    stop = frozenset(line.split("#", 1)[0].strip() for line in stop_file.read_text(encoding="utf-8").splitlines())
    result = PatternSet(verbs, nouns, frozenset(light), frames, fallback, known, stop - {""}, senses, particle_senses)
    _CACHE[key] = result
    return result
