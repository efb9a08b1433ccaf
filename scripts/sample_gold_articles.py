"""Draw the articles of dyads' own article-level dev gold from ``../shared/corpus`` (seeded, repeatable).

Politics only: BBC politics articles, and Reuters 1987 articles whose text names enough political words
(international trade disputes, the Gulf war, diplomacy, domestic politics). Articles of the shared dev set
(``../shared/eval/articles_dev.jsonl``) are left out, and so are very short and very long items, so that a
careful coder can read every one in full.

    python scripts/sample_gold_articles.py --per-source 12 --seed 11 -o eval/candidates.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
DEV = REPO.parent / "shared" / "eval" / "articles_dev.jsonl"
POLITICAL = re.compile(
    r"\b(minister|government|president|parliament|congress|talks|troops|attack\w*|sanction\w*|embassy|"
    r"diplomat\w*|opposition|accus\w+|urg\w+|criticis\w+|criticiz\w+|warn\w*|protest\w*|war|rebels?|"
    r"treaty|summit|negotiat\w+|ministry|prime|leader|party|election|military|army|police|arrest\w*)\b", re.I)


def political_score(text: str) -> int:
    """How many distinct political words a text uses."""
    return len({m.group(0).lower() for m in POLITICAL.finditer(text)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-source", type=int, default=12)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="JSONL files whose ids are left out (repeatable)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    skip = {json.loads(line)["id"] for line in DEV.open(encoding="utf-8") if line.strip()}
    for path in args.exclude:
        skip |= {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}
    pools: dict[str, list[dict]] = {"reuters": [], "bbc": []}
    for name, file in (("reuters", "reuters21578.jsonl.gz"), ("bbc", "bbc.jsonl.gz")):
        with gzip.open(CORPUS / file, "rt", encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                words = len(rec["text"].split())
                if rec["id"] in skip or not 120 <= words <= 550:
                    continue
                if name == "bbc" and not rec["id"].startswith("bbc-politics-"):
                    continue
                if political_score(rec["text"]) < (6 if name == "reuters" else 4):
                    continue
                pools[name].append(rec)
    rng = random.Random(args.seed)
    chosen = []
    for name in ("reuters", "bbc"):
        chosen += rng.sample(pools[name], args.per_source)
    with args.output.open("w", encoding="utf-8") as out:
        for rec in chosen:
            out.write(json.dumps({"id": rec["id"], "date": rec.get("date"), "title": rec.get("title"),
                                  "text": rec["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles ({', '.join(f'{k}: {len(v)} eligible' for k, v in pools.items())})")


if __name__ == "__main__":
    main()
