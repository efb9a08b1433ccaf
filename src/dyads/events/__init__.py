"""Event extraction: patterns (data), the extractor over dependency parses, modality, places and the ontology."""

from .extractor import Draft, extract
from .ontology import PLOVER_TYPES, QUAD_CLASS, cameo_entry, intensity, pentaclass, quad_class
from .patterns import Pattern, PatternSet, load_patterns

__all__ = [
    "PLOVER_TYPES",
    "QUAD_CLASS",
    "Draft",
    "Pattern",
    "PatternSet",
    "cameo_entry",
    "extract",
    "intensity",
    "load_patterns",
    "pentaclass",
    "quad_class",
]
