"""CPU cost of attribution against NER on the news articles (issue: attribution <= 10 % of NER).

    OMP_NUM_THREADS=1 python scripts/bench_attribution.py [--articles ../shared/news/articles.jsonl]

Not a test: it prints the CPU seconds (process time, one thread) of the NER stage (split +
tag), of attribution with the shipped learned deciders and with the rules alone, per article,
and last the line `attribution cpu / ner cpu: X.XX`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from app.config import Settings  # noqa: E402
from app.main import load_pipeline  # noqa: E402
from app.nlp.attribution import RULES, find_quotes  # noqa: E402
from app.nlp.attribution.learned import shipped  # noqa: E402
from app.nlp.tokenize import split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=REPO.parent / "shared" / "news" / "articles.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with args.articles.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()][: args.limit]
    pipeline = load_pipeline(Settings())
    learned = shipped()

    t = time.process_time()
    entities = []
    for k in range(0, len(texts), 16):
        entities += pipeline.entities_many(texts[k:k + 16])
    ner = time.process_time() - t

    sentences = [tuple(split_sentences(text)) for text in texts]
    costs = {}
    for name, deciders in (("learned", learned), ("rules", RULES)):
        t = time.process_time()
        quotes = sum(len(find_quotes(text, sents, ents, deciders))
                     for text, sents, ents in zip(texts, sentences, entities, strict=True))
        costs[name] = time.process_time() - t
        print(f"attribution ({name}): {costs[name]:.2f} s cpu, {1000 * costs[name] / len(texts):.1f} ms/article, "
              f"{quotes} quotes")
    print(f"ner (split + tag): {ner:.2f} s cpu, {1000 * ner / len(texts):.1f} ms/article, {len(texts)} articles")
    print(f"attribution cpu / ner cpu: {costs['learned'] / ner:.3f}")


if __name__ == "__main__":
    main()
