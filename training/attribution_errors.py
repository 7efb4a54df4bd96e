"""Where the cross-validated attribution goes wrong, by kind, for error analysis on train + dev.

    python -m training.train_attribution --cv --predictions /tmp/cv.jsonl
    python -m training.attribution_errors /tmp/cv.jsonl [--show 20]

Each gold statement is one of: right (found, right speaker); a wrong speaker that one of the
speaker options would have given (the ranker chose another) or that no option gives; missed
though a proposal overlaps it by half (the statement decider turned it down), missed with a
proposal overlapping it less (a boundary), or missed with none at all. The counts are what
docs/attribution.md reports; `--show` prints examples of each kind to read.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from app.nlp.attribution import History, prepare, propose
from app.nlp.attribution.mentions import PREVIOUS_OPTIONS, speaker_options
from training.attribution_data import load_articles
from training.train_attribution import MATCH, scorer

KINDS = ("right", "wrong speaker, an option was right", "wrong speaker, no option right",
         "missed, proposed and turned down", "missed, a proposal overlaps less", "missed, no proposal")


def _speaker_name(quote: dict) -> str:
    speaker = quote["speaker"]
    return speaker["name"] if isinstance(speaker, dict) else speaker


def classify(article, predicted: Sequence[dict]) -> list[tuple[str, dict, str]]:
    """(kind, gold statement, what was predicted or proposed) for each gold statement."""
    doc, resolver = prepare(article.text, article.sentences, article.entities)
    proposals = propose(doc, resolver, broad=True)
    history = History(proposals)
    out = []
    for gold in article.quotes:
        span = (gold["start"], gold["end"])
        overlap, quote = max(((scorer().overlap(span, (q["start"], q["end"])), q) for q in predicted),
                             default=(0.0, None), key=lambda x: x[0])
        if quote is not None and overlap >= MATCH:
            name = _speaker_name(quote)
            if scorer().speaker_right(gold, name):
                out.append(("right", gold, name))
                continue
            nearest = max(proposals, key=lambda p: scorer().overlap((quote["start"], quote["end"]),
                                                                  (p.candidate.start, p.candidate.end)))
            options = speaker_options(doc, resolver, nearest.candidate, nearest.rule,
                                      history.before(nearest, PREVIOUS_OPTIONS))
            has = any(scorer().speaker_right(gold, o.speaker.name) for o in options)
            out.append((KINDS[1] if has else KINDS[2], gold, name))
            continue
        overlaps = [(scorer().overlap(span, (p.candidate.start, p.candidate.end)), p) for p in proposals]
        best, proposal = max(overlaps, default=(0.0, None), key=lambda x: x[0])
        touching = any(min(p.candidate.end, span[1]) > max(p.candidate.start, span[0]) for p in proposals)
        kind = KINDS[3] if best >= MATCH else KINDS[4] if touching else KINDS[5]
        shown = article.text[proposal.candidate.start:proposal.candidate.end] if proposal and touching else ""
        out.append((kind, gold, shown))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("predictions", type=Path, help="the pooled CV predictions (--cv --predictions FILE)")
    ap.add_argument("--show", type=int, default=0, help="examples to print of each kind")
    args = ap.parse_args(argv)
    with args.predictions.open(encoding="utf-8") as f:
        predicted = {row["id"]: row["quotes"] for row in map(json.loads, f) if row}
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for article in load_articles():
        for kind, gold, seen in classify(article, predicted.get(article.id, [])):
            counts[kind] += 1
            if len(examples[kind]) < args.show:
                examples[kind].append(f"  {article.id} [{gold['type']}, {gold.get('cue')}] gold "
                                      f"{gold['speaker']} | {gold['statement'][:70]} | {seen[:70]}")
    for kind in KINDS:
        print(f"{counts[kind]:5d}  {kind}", *examples[kind], sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
