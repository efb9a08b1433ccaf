"""The actor dictionary: shipped tables, matching rules, dated roles, user layers, CAMEO codes."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import time
from importlib import resources
from pathlib import Path

import pytest

from dyads.actors import ActorDictionary, Entry, Role, country_name, split_code
from dyads.actors.layers import KINDS
from dyads.errors import DataFileError

D = dt.date
DAY = D(2014, 9, 6)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def code_of(actors: ActorDictionary, words: list[str], day: dt.date | None = DAY) -> str | None:
    found = actors.match(words, 0)
    if found is None or found[0] != len(words):
        return None
    return found[1].code_on(day)


@pytest.mark.parametrize(
    ("words", "day", "code"),
    [
        (["Kerry"], D(2014, 9, 6), "USAGOV"),
        (["Kerry"], D(2010, 1, 1), "USAGOVLEG"),
        (["Iraq"], D(2004, 11, 2), "IRQ"),  # a place keeps its code in a gap between its dated roles
        (["Iraqi"], D(2005, 6, 1), "IRQ"),
        (["John", "Kerry"], D(2014, 9, 6), "USAGOV"),
        (["Iran"], None, "IRN"),
        (["Iranian"], None, "IRN"),
        (["iranian"], None, "IRN"),
        (["Iranians"], None, "IRN"),
        (["Islamic", "State"], None, "NSAISI"),
        (["ISIS"], None, "NSAISI"),
        (["ISIL"], None, "NSAISI"),
        (["Daesh"], None, "NSAISI"),
        (["IS"], None, "NSAISI"),
        (["US"], None, "USA"),
        (["U.S."], None, "USA"),
        (["Washington"], None, "USAGOV"),
        (["Tehran"], None, "IRNGOV"),
        (["Moscow"], None, "RUSGOV"),
        (["Washington", "Post"], None, "USAMED"),
        (["Taliban"], D(2015, 1, 1), "AFGREB"),
        (["Taliban"], D(2022, 1, 1), "AFGGOV"),
        (["Obama"], D(2015, 1, 1), "USAGOV"),
        (["Obama"], D(2018, 1, 1), "USAELI"),
        (["Trump"], D(2018, 1, 1), "USAGOV"),
        (["Trump"], D(2022, 1, 1), "USAELI"),
        (["Trump"], D(2025, 6, 1), "USAGOV"),
        (["Assad"], D(2015, 1, 1), "SYRGOV"),
        (["Assad"], D(2025, 1, 1), "SYRELI"),
        (["Guterres"], D(2020, 1, 1), "IGOUNO"),
        (["Reuters"], None, "GBRMED"),
        (["Hamas"], None, "PSEREBHMS"),
        (["Houthis"], None, "YEMREB"),
        (["NATO"], None, "IGOWSTNAT"),
        (["EU"], None, "IGOEUREEC"),
        (["Kurdish"], None, "---ETHKUR"),
    ],
)
def test_match_and_date(actors: ActorDictionary, words: list[str], day: dt.date | None, code: str) -> None:
    assert code_of(actors, words, day) == code


@pytest.mark.parametrize("words", [["is"], ["Is"], ["us"], ["Us"], ["iran"], ["kerry"], ["washington"], ["ap"]])
def test_case_rules_reject(actors: ActorDictionary, words: list[str]) -> None:
    assert actors.match(words, 0) is None


def test_longest_match_and_offsets(actors: ActorDictionary) -> None:
    words = ["Yesterday", "the", "Islamic", "State", "of", "Iraq", "and", "the", "Levant", "attacked", "Kobani"]
    length, entry = actors.match(words, 2) or (0, None)
    assert length == 7 and entry is not None and entry.code_on(None) == "NSAISI"
    assert actors.match(words, 0) is None
    assert actors.match(words, 99) is None and actors.match(words, -1) is None
    found = actors.match(["al", "-", "Nusra", "Front", "fighters"], 0)
    assert found is not None and found[0] == 4 and found[1].name == "al-Nusra Front"


def test_particles_and_cased_tokens(actors: ActorDictionary) -> None:
    assert code_of(actors, ["the", "U.S."]) == "USA"
    assert code_of(actors, ["The", "UN"]) == "IGOUNO"
    assert actors.match(["the", "un"], 0) is None


@pytest.mark.parametrize(
    ("words", "sector"),
    [(["troops"], "MIL"), (["Troops"], "MIL"), (["riot", "police"], "COP"), (["rebels"], "REB"),
     (["protesters"], "OPP"), (["foreign", "minister"], "GOV")],
)
def test_agents(actors: ActorDictionary, words: list[str], sector: str) -> None:
    assert actors.agent(words + ["said"], 0) == (len(words), sector)


def test_lookup_and_entry(actors: ActorDictionary) -> None:
    kerry = actors.lookup("Kerry")
    assert kerry is not None and kerry.kind == "person" and kerry.name == "John Kerry"
    assert kerry.code_on(D(2014, 9, 6)) == "USAGOV" and kerry.code_on(D(2010, 1, 1)) == "USAGOVLEG"
    assert actors.lookup("Iranian") is not None and actors.lookup("Iranian").kind == "demonym"  # type: ignore[union-attr]
    assert actors.lookup("no such actor anywhere") is None
    assert actors.lookup("IS").cased  # type: ignore[union-attr]
    assert len(actors) > 30_000


def test_code_on_rules() -> None:
    entry = Entry(
        ("x",),
        "X",
        "person",
        (Role("AAAGOV", D(2000, 1, 1), D(2005, 1, 1)), Role("AAAELI"), Role("AAAGOV", D(2010, 1, 1), None)),
        "test",
    )
    assert entry.code_on(D(2004, 12, 31)) == "AAAGOV"
    assert entry.code_on(D(2005, 1, 1)) == "AAAELI"  # end is exclusive; the undated role is the fallback
    assert entry.code_on(D(2020, 1, 1)) == "AAAGOV"
    assert entry.code_on(None) == "AAAELI"
    dated = Entry(("y",), "Y", "person", (Role("BBBGOV", None, D(2000, 1, 1)), Role("BBBMIL", D(2001, 1, 1))), "t")
    assert dated.code_on(None) == "BBBMIL"  # no undated role: the most recent
    assert dated.code_on(D(2000, 6, 1)) is None


def test_load_is_cached_and_fast() -> None:
    start = time.perf_counter()
    first = ActorDictionary.load()
    assert ActorDictionary.load() is first
    assert time.perf_counter() - start < 5  # about 0.3 s when not cached; generous for slow CI machines


def test_pickles(actors: ActorDictionary) -> None:
    clone = pickle.loads(pickle.dumps(actors))
    assert len(clone) == len(actors) and code_of(clone, ["Iran"]) == "IRN"


def test_user_csv_layer_overrides_and_adds_roles(tmp_path: Path, actors: ActorDictionary) -> None:
    layer = tmp_path / "mine.csv"
    layer.write_text(
        "phrase,code,start,end,name,kind\n"
        "Kerry,USAGOV,2013-02-01,2017-01-20,John Kerry,person\n"
        "Kerry,USAELI,,,John Kerry,person\n"
        "Zorblax Front,ZZZREB,,,,group\n"
        "Reuters,-\n",
        encoding="utf-8",
    )
    mine = ActorDictionary.load([layer])
    kerry = mine.lookup("Kerry")
    assert kerry is not None and kerry.origin == "mine.csv:2"
    assert kerry.code_on(D(2014, 1, 1)) == "USAGOV" and kerry.code_on(D(2010, 1, 1)) == "USAELI"
    assert code_of(mine, ["Zorblax", "Front"]) == "ZZZREB"
    assert mine.lookup("Reuters") is None and actors.lookup("Reuters") is not None
    assert ActorDictionary.load([layer]) is mine


def test_user_yaml_layer(tmp_path: Path) -> None:
    layer = tmp_path / "mine.yaml"
    layer.write_text(
        "- phrases: [Zorblax Leader, Zorb]\n"
        "  name: Zorblax Leader\n"
        "  kind: person\n"
        "  roles:\n"
        "    - {code: ZZZREB, end: 2020-01-01}\n"
        "    - {code: ZZZGOV, start: 2020-01-01}\n",
        encoding="utf-8",
    )
    mine = ActorDictionary.load([str(layer)])
    entry = mine.lookup("Zorb")
    assert entry is not None and entry.name == "Zorblax Leader"
    assert entry.code_on(D(2019, 1, 1)) == "ZZZREB" and entry.code_on(D(2021, 1, 1)) == "ZZZGOV"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bad.csv", "phrase,code,start\nKerry,USAGOV,2014-02-30\n", 2),
        ("bad2.csv", "phrase,code\nKerry,USAGOV\nKerry,usagov\n", 3),
        ("bad3.csv", "phrase,code,kind\nKerry,USAGOV,wizard\n", 2),
        ("bad4.csv", "phrase,cod\nKerry,USAGOV\n", 1),
        ("bad5.yaml", "- phrase: Kerry\n  code: USAGOV\n- phrase: Zorb\n", 3),
    ],
)
def test_user_layer_errors_name_file_and_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        ActorDictionary.load([path])
    assert name in str(info.value) and f":{line}" in str(info.value)
    assert info.value.line == line
    assert pickle.loads(pickle.dumps(info.value)).line == line


def test_missing_user_layer(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        ActorDictionary.load([tmp_path / "nope.csv"])


@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("USAGOVLEG", ("USA", "GOV")),
        ("USA", ("USA", None)),
        ("IGOUNO", (None, "IGO")),
        ("IGOWSTNAT", (None, "IGO")),
        ("---LEG", (None, "LEG")),
        ("NSAISI", (None, "REB")),
        ("---ETHKUR", (None, "ETH")),
        ("SYRREBMUS", ("SYR", "REB")),
        ("MED", (None, "MED")),
        ("MNCUSA", ("USA", "MNC")),
        ("NGOTZACHRPRO214", ("TZA", "NGO")),
        ("KSV", ("XKX", None)),
        ("SUN", ("RUS", None)),
        ("YUGBIH", ("BIH", None)),
        ("TMPOCC", ("TLS", None)),
        ("MEAREB", (None, "REB")),
        ("GBRFLK", ("GBR", None)),
        ("", (None, None)),
    ],
)
def test_split_code(code: str, parts: tuple[str | None, str | None]) -> None:
    assert split_code(code) == parts


@pytest.mark.parametrize(
    ("iso3", "name"), [("IRN", "Iran"), ("USA", "United States"), ("RUS", "Russia"), ("XKX", "Kosovo"), ("ZZZ", None)]
)
def test_country_name(iso3: str, name: str | None) -> None:
    assert country_name(iso3) == name


@pytest.mark.parametrize("table", ["phoenix_actors.tsv", "dyads_actors.tsv", "capitals.tsv", "phoenix_agents.tsv"])
def test_shipped_tables_are_well_formed(table: str) -> None:
    text = resources.files("dyads").joinpath("data", "actors", table).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[-1] == "" and lines[0].startswith("phrase\t")
    width = len(lines[0].split("\t"))
    rows = [line.split("\t") for line in lines[1:-1]]
    assert rows == sorted(rows, key=lambda r: (r[0], r[2], r[3], r[1]) if width == 8 else r)
    for row in rows:
        assert len(row) == width and row[0] == row[0].strip().lower() and "  " not in row[0]
        if width == 8:
            _phrase, code, start, end, _name, kind, cased, origin = row
            assert re.fullmatch(r"[A-Z0-9-]{3,}", code) and kind in KINDS and cased in ("0", "1") and origin
            if start and end:
                assert dt.date.fromisoformat(start) < dt.date.fromisoformat(end)
