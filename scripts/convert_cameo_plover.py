"""Convert the official CAMEO -> PLOVER crosswalk into dyads' ontology table.

usage: python scripts/convert_cameo_plover.py [../shared/eval/CAMEO2PLOVER-2021.txt]

Writes ``src/dyads/data/ontology/cameo_plover.tsv`` (columns ``cameo, type, mode, context, description, origin``).
Rows of the crosswalk keep their origin line; CAMEO 01x/02x, which the crosswalk leaves out, are added from
``src/dyads/data/ontology/cameo_plover_extra.tsv`` (dyads' own documented choices).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dyads" / "data" / "ontology"
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),([^#]*)#\s*(.*)$")


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "CAMEO2PLOVER-2021.txt"
    rows = []
    for number, line in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
        m = LINE.match(line.strip())
        if not m:
            continue
        cameo, ptype, mode, context, desc = (g.strip() for g in m.groups())
        mode = mode.strip().replace(" ", "") or ""
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        rows.append((cameo, ptype, mode, context, desc.replace("\t", " "), f"CAMEO2PLOVER-2021.txt:{number}"))
    out = DATA / "cameo_plover.tsv"
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("cameo\ttype\tmode\tcontext\tdescription\torigin\n")
        for row in sorted(rows):
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
