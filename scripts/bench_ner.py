"""Benchmark the NER stage on the news articles: the project's direct path against stanza.Pipeline.

    OMP_NUM_THREADS=1 taskset -c 0 python scripts/bench_ner.py [--articles ../shared/news/articles.jsonl]
        [--runs 2] [--batch-size 64] [--threads 1] [--quantize]

Not a test: it prints figures. Each run times every path once, in turn (pipeline, direct, …),
so a machine shared with other work slows them alike; each path runs in a fresh child process,
so its peak RSS is its own and the direct path's character cache starts empty. Sentence
splitting and tokenization are timed too (the whole NER stage as the service runs it). Both
paths tag the same sentences; the script says whether their entities are identical. The last
line is the speedup of the direct path over the Pipeline (tokens/s ÷ tokens/s, summed over runs).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PATHS = {"pipeline": "stanza.Pipeline", "direct": "direct (default)", "direct-int8": "direct, int8 LSTM/linear"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path,
                        default=Path(os.environ.get("SHARED_DIR", REPO.parent / "shared")) / "news" / "articles.jsonl")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads (on shared cores, more threads stall each other)")
    parser.add_argument("--quantize", action="store_true", help="also time the direct path with int8 layers")
    parser.add_argument("--child", choices=PATHS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(time_path(args)))
        return

    paths = ["pipeline", "direct", *(["direct-int8"] if args.quantize else [])]
    print(f"{args.articles}, first {args.limit or 'all'} articles; batch {args.batch_size}, {args.threads} torch "
          f"thread(s), OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}; load before: {os.getloadavg()[0]:.2f}")
    print(f"{'run':>3} {'path':<26} {'tokens/s':>9} {'articles/s':>11} {'seconds':>8} {'peak RSS MB':>12}")
    totals = {path: [0.0, 0] for path in paths}
    entities: dict[str, list] = {}
    for run in range(1, args.runs + 1):
        for path in paths:
            result = run_child(path, args)
            totals[path][0] += result["seconds"]
            totals[path][1] += result["tokens"]
            entities.setdefault(path, result["entities"])
            print(f"{run:>3} {PATHS[path]:<26} {result['tokens'] / result['seconds']:>9.0f} "
                  f"{result['articles'] / result['seconds']:>11.2f} {result['seconds']:>8.2f} "
                  f"{result['peak_rss_mb']:>12.0f}", flush=True)
    for path in paths[1:]:
        differ = sum(a != b for a, b in zip(entities["pipeline"], entities[path], strict=True))
        print(f"entities of {PATHS[path]} vs stanza.Pipeline: "
              + ("identical" if not differ else f"differ in {differ} of {len(entities[path])} articles"))
    rate = {path: tokens / seconds for path, (seconds, tokens) in totals.items()}
    if "direct-int8" in rate:
        print(f"int8 speedup over stanza.Pipeline: {rate['direct-int8'] / rate['pipeline']:.2f}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    print(f"speedup over stanza.Pipeline: {rate['direct'] / rate['pipeline']:.2f}")


def run_child(path: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--child", path, "--articles", str(args.articles),
               "--batch-size", str(args.batch_size), "--threads", str(args.threads)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{path} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def time_path(args: argparse.Namespace) -> dict:
    import torch

    from app.nlp.ner import StanzaTagger
    from app.nlp.ner_direct import DirectTagger
    from app.nlp.tokenize import split_sentences

    torch.set_num_threads(args.threads)
    with args.articles.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()][: args.limit]
    if args.child == "pipeline":
        tagger = StanzaTagger.load(batch_size=args.batch_size)
    else:
        tagger = DirectTagger.load(batch_size=args.batch_size, quantize=args.child == "direct-int8")
    started = time.perf_counter()
    documents = [split_sentences(text) for text in texts]
    found = tagger.tag_many(documents)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": len(texts),
            "tokens": sum(len(s.tokens) for d in documents for s in d),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "entities": [[[e.start, e.end, e.label] for e in doc] for doc in found]}


if __name__ == "__main__":
    main()
