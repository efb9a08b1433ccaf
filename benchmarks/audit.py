"""Precision audit: draw coded events from real news for a person to judge, and sum up the judgements.

    python benchmarks/audit.py sample --seed 1 --events 160 -o eval/audit/before.jsonl
    python benchmarks/audit.py summary eval/audit/before.jsonl
    python benchmarks/audit.py sample --seed 2 --exclude eval/audit/before.jsonl -o eval/audit/after.jsonl

``sample`` draws articles at random (seeded) from BBC politics and from the Reuters 1987 articles that read as
politics (the same political-word test as ``scripts/sample_gold_articles.py``), leaving out the articles of both
article-level dev golds, codes them with the current coder, and keeps every counted event (not negated,
hypothetical or background) of each drawn article, article after article, until at least ``--events`` events are
in. Each line holds what a judge needs: the headline, the sentence before, the sentence, the event as dyads coded
it, and empty ``verdict`` / ``reason`` fields. A judge sets ``verdict`` to one of

* ``correct``: a professional coder following CODING_CONVENTIONS.md would code this event as it is;
* ``usable``: a real event, right type and source, with a minor fault (a missing or generic target, a sector);
* ``wrong``: a real event, but the source, target country or type is wrong;
* ``not_event``: no event by the conventions (statement, opinion, prediction, figurative or non-political sense,
  hypothetical, negated or background read as news, an actor that is not one),

and ``reason`` to a few words. ``summary`` prints the shares overall and per event type.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from sample_gold_articles import political_score  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
GOLDS = [REPO.parent / "shared" / "eval" / "articles_dev.jsonl", REPO / "eval" / "articles_dyads.jsonl"]
VERDICTS = ("correct", "usable", "wrong", "not_event")


def _articles(exclude: set[str], band: str = "politics") -> list[dict[str, Any]]:
    """The articles to draw from. ``politics`` (the default): BBC politics and Reuters articles with a political
    score of 6 or more. ``borderline``: news that touches politics less, so far unaudited: Reuters articles
    scoring 4 or 5 and BBC business articles scoring 4 or more. ``remaining``: what no other band holds and no
    sample has drawn, Reuters articles scoring 3 and BBC tech and business articles scoring under 4."""
    pool = []
    for file in ("reuters21578.jsonl.gz", "bbc.jsonl.gz"):
        with gzip.open(CORPUS / file, "rt", encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                if rec["id"] in exclude or len(rec["text"].split()) > 900:
                    continue
                score = political_score(rec["text"])
                if band == "remaining":  # never in any band's pool: Reuters scoring 3, BBC tech, other business
                    if (not rec["id"].startswith("bbc-") and score == 3
                            or rec["id"].startswith(("bbc-tech-", "bbc-business-")) and score < 4):
                        pool.append(rec)
                elif band == "borderline":
                    if rec["id"].startswith("bbc-business-") and score >= 4 or (
                            not rec["id"].startswith("bbc-") and score in (4, 5)):
                        pool.append(rec)
                elif rec["id"].startswith("bbc-"):
                    if rec["id"].startswith("bbc-politics-"):
                        pool.append(rec)
                elif score >= 6:
                    pool.append(rec)
    return pool


def _actor(actor: Any) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"text": actor.text, "code": actor.code, "country": actor.country, "sector": actor.sector,
            "inferred": getattr(actor, "inferred", False)}


def sample(args: argparse.Namespace) -> None:
    import datetime as dt

    from dyads import Coder
    from dyads.records import Article

    exclude: set[str] = set()
    for path in GOLDS + list(args.exclude):
        if Path(path).exists():
            for line in Path(path).open(encoding="utf-8"):
                if line.strip():
                    row = json.loads(line)
                    exclude.add(row.get("id") or row["doc_id"])
    pool = _articles(exclude, args.band)
    random.Random(args.seed).shuffle(pool)
    coder = Coder()
    rows: list[dict[str, Any]] = []
    articles = 0
    for rec in pool:
        if len(rows) >= args.events:
            break
        day = dt.date.fromisoformat(rec["date"]) if rec.get("date") else dt.date(2005, 1, 1)
        article = Article(id=rec["id"], text=rec["text"], title=rec.get("title"), date=day,
                          dateline=rec.get("dateline"))
        events = [e for e in coder.code_articles([article])
                  if not (e.modality.negated or e.modality.hypothetical or e.background)]
        articles += 1
        parts = [p for p in rec["text"].split("\n") if p.strip()]
        for e in events:
            prev = ""
            for p in parts:  # the paragraph text just before the event's sentence, for context
                if e.sentence in p:
                    prev = p[: p.index(e.sentence)][-300:]
                    break
            rows.append({
                "n": len(rows) + 1, "doc_id": e.doc_id, "title": rec.get("title"), "article_date": str(day),
                "context_before": prev, "sentence": e.sentence, "sentence_index": e.sentence_index,
                "source": _actor(e.source), "type": e.type, "cameo": e.cameo, "target": _actor(e.target),
                "trigger": e.trigger.text, "date": e.date, "flags": [k for k in ("reported", "hedged", "future")
                                                                      if getattr(e.modality, k)],
                "attributed_to": e.modality.attributed_to.code if e.modality.attributed_to else None,
                "pattern": e.pattern, "verdict": None, "reason": None,
            })
    with args.output.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} events from {articles} articles -> {args.output}")


def summary(args: argparse.Namespace) -> None:
    rows = [json.loads(line) for line in args.file.open(encoding="utf-8") if line.strip()]
    judged = [r for r in rows if r.get("verdict") in VERDICTS]
    if not judged:
        sys.exit(f"{args.file}: no judged rows (verdict one of {', '.join(VERDICTS)})")
    total = Counter(r["verdict"] for r in judged)
    by_type: dict[str, Counter[str]] = {}
    for r in judged:
        by_type.setdefault(r["type"], Counter())[r["verdict"]] += 1
    n = len(judged)
    print(f"{args.file}: {n} judged events of {len(rows)}, {len({r['doc_id'] for r in judged})} articles")
    print(f"{'type':<10} {'n':>4} " + " ".join(f"{v:>9}" for v in VERDICTS) + "  correct+usable")
    for name, counts in sorted(by_type.items(), key=lambda kv: -sum(kv[1].values())) + [("ALL", total)]:
        m = sum(counts.values())
        cells = " ".join(f"{counts[v]:>4} {counts[v] / m:>4.0%}" for v in VERDICTS)
        print(f"{name:<10} {m:>4} {cells}  {(counts['correct'] + counts['usable']) / m:>6.0%}")
    if args.json:
        print(json.dumps({"judged": n, **{v: total[v] for v in VERDICTS},
                          "correct_or_usable": round((total["correct"] + total["usable"]) / n, 4),
                          "not_event": round(total["not_event"] / n, 4)}))


def main() -> None:
    parser = argparse.ArgumentParser(description="Precision audit of dyads' events on real news.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="draw events to judge")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--events", type=int, default=160)
    s.add_argument("--exclude", type=Path, action="append", default=[], help="JSONL whose ids are left out")
    s.add_argument("--band", choices=("politics", "borderline", "remaining"), default="politics",
                   help="which articles to draw from (see _articles)")
    s.add_argument("-o", "--output", type=Path, required=True)
    s.set_defaults(run=sample)
    m = sub.add_parser("summary", help="sum up a judged file")
    m.add_argument("file", type=Path)
    m.add_argument("--json", action="store_true")
    m.set_defaults(run=summary)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
