"""Read CAMEO actor codes: which country an actor belongs to and what kind of actor it is.

A CAMEO actor code is a run of three-letter parts: ``USAGOVLEG`` is the United States (``USA``), government
(``GOV``), legislature (``LEG``). Phoenix also uses parts that are not ISO 3166-1 alpha-3 codes: regions
(``MEA`` Middle East), states that no longer exist (``SUN`` Soviet Union), old or mistyped codes (``TMP`` East
Timor, ``KSV`` Kosovo) and actor types in the first place (``IGO``, ``NGO``, ``MNC``, ``IMG``). This module maps
all of them, so the rest of dyads can rely on ISO alpha-3 countries.
"""

from __future__ import annotations

import functools

__all__ = ["ACTOR_TYPES", "CAMEO_COUNTRY_ALIASES", "country_name", "split_code"]

#: Non-ISO three-letter country parts that Phoenix uses, mapped to an ISO alpha-3 code or to None.
#: Regions and fictional or vanished states without one clear heir map to None.
CAMEO_COUNTRY_ALIASES: dict[str, str | None] = {
    "KSV": "XKX",  # Kosovo: XKX is the code the EU, IMF and GeoNames use; ISO has none
    "SUN": "RUS",  # Soviet Union: Russia is its continuator state (as in Correlates of War)
    "USR": "RUS",  # Phoenix's other spelling of the USSR (USRARM, USRAZE: Soviet republics)
    "YUG": "SRB",  # Yugoslavia: Serbia continued it (FRY, then Serbia and Montenegro, then Serbia)
    "FRY": "SRB",  # Federal Republic of Yugoslavia
    "SCG": "SRB",  # Serbia and Montenegro
    "CSK": None,  # Czechoslovakia: two equal successors
    "DDR": None,  # German Democratic Republic: absorbed, not continued
    "TMP": "TLS",  # East Timor before its ISO code changed
    "KRJ": "HRV",  # Republic of Serbian Krajina, inside Croatia
    "SRP": "BIH",  # Republika Srpska, inside Bosnia and Herzegovina
    "FRN": "FRA",  # typo in Phoenix (FRNWLF: Wallis and Futuna)
    "ANG": "AGO",  # old code of Angola (UNITA)
    "KNT": None,  # Kinakuta: TABARI's fictional test country
    "KKL": None,  # an annotator's initials typed into a code field
    "INT": None,  # international / transnational
    "AFR": None,  # Africa
    "ASA": None,  # Asia
    "CAS": None,  # Central Asia
    "CFR": None,  # Central Africa
    "EAF": None,  # East Africa
    "EEU": None,  # Eastern Europe
    "EIN": None,  # East Indies
    "EUR": None,  # Europe
    "LAM": None,  # Latin America
    "MEA": None,  # Middle East
    "NAF": None,  # North Africa
    "NMR": None,  # North America
    "SAF": None,  # Southern Africa
    "SAM": None,  # South America
    "SAS": None,  # South Asia
    "SEA": None,  # South-East Asia
    "WAF": None,  # West Africa
    "WEU": None,  # Western Europe
}

#: Former federations whose codes may be followed by the ISO code of a member (``YUGBIH``, ``USRARM``).
_FEDERATIONS = frozenset({"SUN", "USR", "YUG", "FRY", "SCG", "CSK"})

#: CAMEO actor types and sectors that may follow a country (``USAGOV``) or stand alone (``MED``), plus the
#: religion codes Phoenix puts first (``BAH``, ``MOS``, ``HIN``) and dyads' ``ETH`` (ethnic group).
ACTOR_TYPES = frozenset(
    {
        "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
        "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "MOD", "RAD", "REF", "IGO",
        "IMG", "MNC", "NGO", "NGM", "UIS", "ETH", "REL", "ADR", "ANI", "ATH", "BAH", "BUD", "CHR", "CON",
        "CPT", "CTH", "DOX", "HIN", "JAI", "JEW", "MOS", "MUS", "ALE", "ALW", "DRZ", "SHI", "SFI", "SIK",
        "TAO", "ZRO",
    }
)

#: Types that come first and may be followed by a home country: ``NGOTZA...`` (a Tanzanian NGO), ``MNCUSA``.
#: ``IGO`` is not among them: its second part is a region or a body (``IGOWSTNAT``: WST is not Samoa there).
_TRANSNATIONAL = frozenset({"NGO", "MNC", "IMG"})

#: dyads' own prefix for armed non-state actors without a home country (``NSAISI``, the Islamic State).
_NON_STATE = "NSA"

_SHORT_NAMES: dict[str, str] = {
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "CIV": "Ivory Coast",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "FLK": "Falkland Islands",
    "GBR": "United Kingdom",
    "IRN": "Iran",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TUR": "Turkey",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "USA": "United States",
    "VAT": "Vatican City",
    "VEN": "Venezuela",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
    "VNM": "Vietnam",
    "XKX": "Kosovo",
    "BES": "Caribbean Netherlands",
}


@functools.lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


#: CAMEO religion codes, which follow a transnational type where a home country would ("IMGMUSALQ", al-Qaeda) and
#: must not be read as the country they spell (MUS is also Mauritius)
RELIGIONS = frozenset({"MUS", "CHR", "JEW", "BUD", "HIN", "SHI", "SUN", "CTH", "ORT", "PRO", "ATH", "BAH", "CON",
                       "DOX", "ITH", "JAN", "JAI", "MOS", "SIK", "SHN", "TAO", "ZRO", "ALE", "DRZ", "SFI", "ADR"})


def _country_part(part: str) -> tuple[bool, str | None]:
    """Return (is a country part, ISO code or None) for one three-letter part."""
    if part in _iso3():
        return True, part
    if part in CAMEO_COUNTRY_ALIASES:
        return True, CAMEO_COUNTRY_ALIASES[part]
    return False, None


def split_code(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO actor code into (ISO alpha-3 country, primary actor type).

    The country is the first part when it is an ISO code or a known CAMEO alias (mapped to ISO, or None for
    regions); the type is the next part when it is a CAMEO actor type. Codes that start with a type have no
    country (``IGOUNO``), except NGOs, companies and militarised groups followed by a home country. dyads'
    ``NSA`` codes (armed non-state actors without a home country, such as ``NSAISI``) split as ``REB``.

    Args:
        code: a CAMEO code such as ``"USAGOVLEG"``; case does not matter.

    Example:
        >>> split_code("USAGOVLEG"), split_code("IGOUNO"), split_code("---LEG"), split_code("NSAISI")
        (('USA', 'GOV'), (None, 'IGO'), (None, 'LEG'), (None, 'REB'))
    """
    code = code.strip().upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not parts:
        return None, None
    first, rest = parts[0], parts[1:]
    if first == _NON_STATE:
        return None, "REB"
    if first == "---":
        country = None
    else:
        is_country, country = _country_part(first)
        if not is_country:
            if first in _TRANSNATIONAL and rest and rest[0] not in RELIGIONS:  # IMGMUSALQ: MUS is Islam here
                home_is_country, home = _country_part(rest[0])
                return (home if home_is_country else None), first
            return None, (first if first in ACTOR_TYPES else None)
        if first in _FEDERATIONS and rest:
            member_is_country, member = _country_part(rest[0])
            if member_is_country and member is not None:
                country, rest = member, rest[1:]
    kind = rest[0] if rest and rest[0] in ACTOR_TYPES else None
    return country, kind


@functools.lru_cache(maxsize=512)
def country_name(iso3: str) -> str | None:
    """Return the short common English name of a country, or None for an unknown code.

    Args:
        iso3: an ISO 3166-1 alpha-3 code (or ``XKX`` for Kosovo).

    Example:
        >>> country_name("IRN"), country_name("USA"), country_name("ZZZ")
        ('Iran', 'United States', None)
    """
    iso3 = iso3.strip().upper()
    if iso3 in _SHORT_NAMES:
        return _SHORT_NAMES[iso3]
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return None
    name: str = getattr(found, "common_name", None) or found.name
    name = name.split(" (", 1)[0]
    return name.split(", ", 1)[0]
