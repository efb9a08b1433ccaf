"""Convert the PETRARCH-2 CAMEO verb dictionary into dyads' verb table.

usage: python scripts/convert_cameo_verbs.py [../shared/dictionaries/phoenix/CAMEO.2.0.txt]

Writes ``src/dyads/data/patterns/cameo_verbs.tsv`` with columns ``lemma, object, cameo, origin``:
a verb lemma (and, for verb + object entries, the object noun) mapped to a CAMEO code. Only the plain parts of the
TABARI format are kept: verb lines (``ACCUSE [112]`` or a verb inheriting its block's code) and the simplest
patterns ``- * WORD [code]`` / ``- * {WORD WORD} [code]`` (verb + object head). Patterns with wildcards, actor
slots or prepositional frames are dropped: dyads frames its own arguments from the dependency parse.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyads" / "data" / "patterns" / "cameo_verbs.tsv"
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB = re.compile(r"^([A-Z][A-Z'-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?")
SIMPLE = re.compile(r"^-\s+\*\s+(\{([A-Z' -]+)\}|([A-Z'-]+))\s+\[([^\]]*)\]\s*#\s*([A-Z_]+)")


def clean_code(raw: str) -> str | None:
    """Return the source-side CAMEO code of ``[042:043]``-style fields, or None for ``---``."""
    code = raw.split(":")[0].strip()
    return code if re.fullmatch(r"\d{2,4}", code) else None


def convert(path: Path) -> list[tuple[str, str, str, str]]:
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    block_code: str | None = None
    in_verbs = False
    for number, line in enumerate(path.read_text(encoding="latin-1").splitlines(), start=1):
        text = line.split("#", 1)[0].rstrip() if not line.startswith("- ") else line.rstrip()
        if "VERB PATTERNS" in line:
            in_verbs = True
            continue
        if not in_verbs or not text.strip():
            continue
        block = BLOCK.match(text)
        if block:
            block_code = clean_code(block.group(2))
            continue
        simple = SIMPLE.match(text)
        if simple:
            phrase = (simple.group(2) or simple.group(3)).lower().split()
            code = clean_code(simple.group(4))
            verb = simple.group(5).lower()
            if code and phrase and "_" not in verb:
                key = (verb, phrase[-1])
                rows.setdefault(key, (code, f"CAMEO.2.0.txt:{number}"))
            continue
        verb_line = VERB.match(text)
        if verb_line and not text.startswith("-"):
            word = verb_line.group(1).lower()
            code = clean_code(verb_line.group(4)) if verb_line.group(4) else block_code
            if code and word.isalpha():
                rows.setdefault((word, ""), (code, f"CAMEO.2.0.txt:{number}"))
    return sorted((lemma, obj, code, origin) for (lemma, obj), (code, origin) in rows.items())


def main() -> None:
    default = ROOT.parent / "shared" / "dictionaries" / "phoenix" / "CAMEO.2.0.txt"
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    rows = convert(src)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("lemma\tobject\tcameo\torigin\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
