"""Evaluate quote attribution on a gold file in the format of `dev.jsonl`.

Runs the real pipeline (the bundled Stanza NER model and the attribution module) over
the gold texts, writes predictions in the scorer's format and prints the scorer's figures:

    python -m app.evaluate ../shared/eval/dev.jsonl --out /tmp/predictions.jsonl [--details]

The scorer is the project's shared `score.py` (path configurable with --scorer), so the
figures are the ones the issue's targets are stated in.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.nlp.types import Analysis

# ../shared beside the clone on the team's machines; SHARED_DIR elsewhere (as the tests read it)
SHARED = Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
DEFAULT_SCORER = SHARED / "eval" / "score.py"
BATCH = 8  # articles per NER batch: bounded memory, full batches for the model


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prediction_row(article_id: str, analysis: Analysis) -> dict:
    return {
        "id": article_id,
        "quotes": [
            {
                "statement": q.statement,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker.name,
                "speaker_kind": q.speaker.kind,
                "aliases": list(q.speaker.aliases),
                "type": q.type,
                "cue": q.cue,
                "mention": q.mention,
                "confidence": q.confidence,
            }
            for q in analysis.quotes
        ],
    }


def predict(rows: Sequence[dict], pipeline, batch: int = BATCH) -> list[dict]:
    out = []
    for i in range(0, len(rows), batch):
        chunk = rows[i:i + batch]
        for row, analysis in zip(chunk, pipeline.analyze_many([r["text"] for r in chunk]), strict=True):
            out.append(prediction_row(row["id"], analysis))
    return out


def load_scorer(path: str | Path):
    spec = importlib.util.spec_from_file_location("quote_scorer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def outcomes(gold_rows: Sequence[dict], pred_rows: Sequence[dict], scorer, threshold: float) -> list[tuple[float, bool]]:
    """(confidence, right) of every predicted quote: right when it matches a gold quote (the
    scorer's overlap, each gold quote used once) and names its speaker."""
    preds = {r["id"]: r for r in pred_rows}
    out: list[tuple[float, bool]] = []
    for g in gold_rows:
        text = g["text"]
        gspans = []
        for q in g["quotes"]:
            span = (q["start"], q["end"]) if isinstance(q.get("start"), int) else scorer.locate(text, q["statement"], set(gspans))
            gspans.append(span)
        pquotes = preds.get(g["id"], {}).get("quotes", [])
        pairs = sorted(((scorer.overlap(gs, (p["start"], p["end"])), i, j)
                        for i, gs in enumerate(gspans) for j, p in enumerate(pquotes)), reverse=True)
        used_g, used_p = set(), set()
        matched = {}
        for ov, i, j in pairs:
            if ov < threshold or i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            matched[j] = i
        for j, p in enumerate(pquotes):
            right = j in matched and bool(scorer.speaker_right(g["quotes"][matched[j]], p["speaker"]))
            out.append((float(p["confidence"]), right))
    return out


def calibration(gold_rows: Sequence[dict], pred_rows: Sequence[dict], scorer, threshold: float) -> dict:
    """By confidence band: how many quotes, their mean confidence, and the share that are a true
    quote with the right speaker (a calibrated confidence matches that share)."""
    buckets: dict[str, list[float]] = {}
    for confidence, right in outcomes(gold_rows, pred_rows, scorer, threshold):
        lo = min(int(confidence * 5), 4) / 5
        b = buckets.setdefault(f"{lo:.1f}-{lo + 0.2:.1f}", [0, 0, 0.0])
        b[0] += 1
        b[1] += right
        b[2] += confidence
    return {k: {"predicted": v[0], "mean_confidence": round(v[2] / v[0], 3), "right": v[1],
                "end_to_end_precision": round(100 * v[1] / v[0], 1)}
            for k, v in sorted(buckets.items())}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="quotes evaluate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", help="gold JSONL (the format of dev.jsonl)")
    ap.add_argument("--out", default="predictions.jsonl", help="where to write predictions (JSONL)")
    ap.add_argument("--details", action="store_true", help="list missed, spurious and wrongly attributed quotes")
    ap.add_argument("--threshold", type=float, default=0.5, help="span overlap for a match (default 0.5)")
    ap.add_argument("--scorer", default=str(DEFAULT_SCORER), help="path to score.py")
    ap.add_argument("--model", default=None, help="NER model file (default: the bundled model)")
    ap.add_argument("--pretrain", default=None, help="word-vector file of --model, when it was trained with one")
    ap.add_argument("--calibration", action="store_true", help="also print speaker accuracy by confidence")
    args = ap.parse_args(argv)

    from app.nlp.ner import StanzaTagger
    from app.nlp.pipeline import Pipeline

    gold = read_jsonl(args.gold)
    if args.model:
        tagger = StanzaTagger.load(model_path=Path(args.model), pretrain_path=args.pretrain and Path(args.pretrain))
    else:
        tagger = StanzaTagger.load()
    preds = predict(gold, Pipeline(tagger))
    with open(args.out, "w", encoding="utf-8") as f:
        for row in preds:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    scorer = load_scorer(args.scorer)
    result = scorer.score(gold, preds, args.threshold, args.details)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    if args.calibration:
        json.dump({"calibration": calibration(gold, preds, scorer, args.threshold)}, sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
