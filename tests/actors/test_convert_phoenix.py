"""The Phoenix (TABARI) converter, on small inline dictionaries (the real ones are not in the repository)."""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "convert_phoenix.py"


@pytest.fixture(scope="module")
def conv() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convert_phoenix", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["convert_phoenix"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("digits", "iso"),
    [("130201", "2013-02-01"), ("850103", "1985-01-03"), ("300101", "2030-01-01"), ("310101", "1931-01-01"),
     ("20140607", "2014-06-07"), ("201005011", "2010-05-01")],
)
def test_tabari_date(conv: ModuleType, digits: str, iso: str) -> None:
    assert conv.tabari_date(digits) == iso


@pytest.mark.parametrize("digits", ["9008223", "1920030320", "131301", "abc"])
def test_tabari_date_rejects(conv: ModuleType, digits: str) -> None:
    with pytest.raises(ValueError):
        conv.tabari_date(digits)


def test_parse_role(conv: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    assert conv.parse_role("USAGOVLEG 850103-130201", "f:1") == ("USAGOVLEG", "1985-01-03", "2013-02-01")
    assert conv.parse_role("USAGOV >130201", "f:1") == ("USAGOV", "2013-02-01", "")
    assert conv.parse_role("SYROPP > 20120101", "f:1") == ("SYROPP", "2012-01-01", "")
    assert conv.parse_role("AFGREB <010101", "f:1") == ("AFGREB", "", "2001-01-01")
    assert conv.parse_role("IGOUNO", "f:1") == ("IGOUNO", "", "")
    assert conv.parse_role("---", "f:1") is None
    with caplog.at_level(logging.WARNING):
        assert conv.parse_role("ARMUNR 9008223-911221", "Phoenix.Countries.actors.txt:2039") is None
    assert "Phoenix.Countries.actors.txt:2039" in caplog.text


SAMPLE = """\
# comment
IRAN_  [IRN]
+IRANIAN
+TEHRAN_ # the capital
+TAIOAN_ +TAWIAN_

JOHN_KERRY_ # just KERRY is vague
+SECRETARY_KERRY_
\t[USAGOVLEG 850103-130201]
\t[USAGOV >130201]
MIKHAIL_GORBACHEV_
+PRESIDENT_GORBACHEV
EX-SOVIET_PRESIDENT_MIKHAIL_GORBACHEV
\t[RUSGOV 850311-910824] [RUSELI]
"""


def test_parse_actor_file(conv: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    groups = conv.parse_actor_file(path)
    assert [g.blocks[0].head for g in groups] == ["IRAN_", "JOHN_KERRY_", "MIKHAIL_GORBACHEV_"]
    iran, kerry, gorbachev = groups
    assert iran.roles == [("IRN", "", "")]
    assert [n for n, _ in iran.blocks[0].names] == ["IRAN_", "IRANIAN", "TEHRAN_", "TAIOAN_", "TAWIAN_"]
    assert kerry.roles == [("USAGOVLEG", "1985-01-03", "2013-02-01"), ("USAGOV", "2013-02-01", "")]
    assert kerry.blocks[0].line == 7
    assert len(gorbachev.blocks) == 2 and gorbachev.roles[-1] == ("RUSELI", "", "")


def test_phrases_and_names(conv: ModuleType) -> None:
    assert conv.phrase_of("U.S._GOVERNMENT_") == ("u.s.", "government")
    assert conv.phrase_of("AL-NUSRA_FRONT_") == ("al", "-", "nusra", "front")
    assert conv.phrase_of("IRAN'S_") == ("iran", "'s")
    assert conv.display_name("JOHN_KERRY_") == "John Kerry"
    assert conv.display_name("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert conv.display_name("THE_UNITED_NATIONS_") == "United Nations"
    assert conv.display_name("UN_") == "UN"


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [(("iranian",), ("iranians",)), (("militia",), ("militias",)), (("party",), ("parties",)),
     (("policeman",), ("policemen",)), (("church",), ("churches",)), (("forces",), None),
     (("head", "of", "state"), ("head", "of", "states"))],
)
def test_plural_phrase(conv: ModuleType, phrase: tuple[str, ...], plural: tuple[str, ...] | None) -> None:
    assert conv.plural_phrase(phrase) == plural


def test_agent_plural_at_preposition(conv: ModuleType) -> None:
    assert conv.plural_phrase(("head", "of", "state"), True) == ("heads", "of", "state")


AGENTS = """\
!PERSON! = MAN, MEN
POLICE!PERSON! [~COP]
RIOT_POLICE {} [~COP]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
SOLDIER [~MIL]
DEPARMENT_OF_ENVIRONMENT [~ENV}
"""


def test_convert_agents(conv: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    rows = {row[0]: row[1] for row in conv.convert_agents(path)}
    assert rows == {
        "policeman": "COP",
        "policemen": "COP",
        "riot police": "COP",
        "chamber of commerce": "BUS",
        "chambers of commerce": "BUS",
        "soldier": "MIL",
        "soldiers": "MIL",
        "deparment of environment": "ENV",
        "deparments of environment": "ENV",
    }
