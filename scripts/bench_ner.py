"""Benchmark the NER stage on the news articles: tokens/s, sentences/s, peak memory.

    python scripts/bench_ner.py [--articles ../shared/news/articles.jsonl] [--batch-sizes 16 32 64 128]

Not a test: it prints one row per batch size, to choose `StanzaTagger`'s default. Sentence
splitting and tokenization are included (the whole NER stage as the service runs it).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from app.nlp.ner import StanzaTagger  # noqa: E402
from app.nlp.tokenize import split_sentences  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=REPO.parent / "shared" / "news" / "articles.jsonl")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[16, 32, 64, 128, 256])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads (on shared cores, more threads stall each other)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    with args.articles.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()][: args.limit]
    print(f"{len(texts)} articles, {args.threads} torch thread(s); peak RSS before loading: {peak_rss_mb():.0f} MB")
    print(f"{'batch':>6} {'tokens/s':>9} {'sentences/s':>12} {'articles/s':>11} {'seconds':>8} {'peak RSS MB':>12}")
    for batch_size in args.batch_sizes:
        tagger = StanzaTagger.load(batch_size=batch_size)
        started = time.perf_counter()
        documents = [split_sentences(text) for text in texts]
        tagger.tag_many(documents)
        seconds = time.perf_counter() - started
        sentences = sum(len(d) for d in documents)
        tokens = sum(len(s.tokens) for d in documents for s in d)
        print(f"{batch_size:>6} {tokens / seconds:>9.0f} {sentences / seconds:>12.1f} {len(texts) / seconds:>11.1f} "
              f"{seconds:>8.1f} {peak_rss_mb():>12.0f}")


if __name__ == "__main__":
    main()
