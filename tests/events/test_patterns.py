"""Pattern files: the shipped table loads; user layers replace patterns by id; errors name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DataFileError
from dyads.events.ontology import PLOVER_TYPES, cameo_entry, intensity, pentaclass, quad_class
from dyads.events.patterns import load_patterns


def test_shipped_patterns_load_and_map_to_plover() -> None:
    patterns = load_patterns()
    assert patterns.verb("attack") is not None
    assert patterns.noun("airstrike") is not None
    for pattern in list(patterns.verbs.values()) + list(patterns.nouns.values()):
        if pattern.cameo:
            entry = cameo_entry(pattern.cameo)
            assert entry is not None and entry.type in PLOVER_TYPES, pattern.id


def test_user_layer_replaces_a_pattern_by_id(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text('- {id: assault.shell, pos: verb, cameo: "194", lemmas: [shell, lob, mortar, rocket, howitzer]}\n',
                    encoding="utf-8")
    patterns = load_patterns([path])
    assert patterns.verb("howitzer") is not None
    assert patterns.verb("howitzer").id == "assault.shell"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- {id: x, pos: verb}\n", "missing 'lemmas'"),
        ("- {id: x, pos: adverb, lemmas: [a]}\n", "pos must be verb or noun"),
        ('- {id: ok, pos: verb, lemmas: [a], cameo: "040"}\n- {id: x, pos: verb, lemmas: [b], colour: red}\n',
         "unknown pattern keys"),
        ('- {id: x, pos: verb, lemmas: [a], cameo: "999"}\n', "has no PLOVER mapping"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_user_patterns_name_file_and_line(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_patterns([path])
    assert fragment in str(info.value)
    assert "bad.yaml:" in str(info.value)


def test_the_line_number_points_at_the_bad_pattern(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('- {id: ok, pos: verb, lemmas: [a], cameo: "040"}\n\n- {id: x, pos: noun}\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.yaml:3"):
        load_patterns([path])


@pytest.mark.parametrize(
    ("cameo", "ptype", "quad", "penta"),
    [("195", "ASSAULT", 4, "4"), ("042", "CONSULT", 1, "1"), ("0872", "RETREAT", 2, "2"),
     ("023", "REQUEST", 3, "0"), ("1123", "ACCUSE", 3, "3"), ("173", "COERCE", 4, "4")],
)
def test_ontology_rows(cameo: str, ptype: str, quad: int, penta: str) -> None:
    entry = cameo_entry(cameo)
    assert entry is not None and entry.type == ptype
    assert quad_class(ptype) == quad
    assert pentaclass(cameo) == penta
    assert -10 <= intensity(cameo) <= 10
