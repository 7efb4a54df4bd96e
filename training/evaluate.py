"""Entity micro-F1 and per-type F1 on the test sets, through the real inference path.

    python -m training.evaluate [--model-path M --pretrain-path P] [--tagger direct|pipeline] [--quantize]
                                [--output docs/ner-scores.json]

The test tokens are fed as they are (the corpora's own tokenization) to the tagger the service
uses (`DirectTagger` by default; `--tagger pipeline` for `StanzaTagger`), and entities are
matched exactly (type and token span), as seqeval and CoNLL do.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import torch

from app.nlp.ner import StanzaTagger, tag_spans
from app.nlp.ner_direct import DirectTagger
from app.nlp.tokenize import model_text
from training.corpora import DEFAULT_CORPORA, Sentence, anercorp, aqmar

TYPES = ("PER", "LOC", "ORG", "MISC")


def entity_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per type and micro-averaged ('ALL'), in percent."""
    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for index, (gold_tags, pred_tags) in enumerate(zip(gold, predicted, strict=True)):
        gold_spans = {(index, *span) for span in tag_spans(gold_tags)}
        pred_spans = {(index, *span) for span in tag_spans(pred_tags)}
        for spans, counter in ((gold_spans, n_gold), (pred_spans, n_pred), (gold_spans & pred_spans, tp)):
            for span in spans:
                counter[span[3]] += 1
                counter["ALL"] += 1
    scores = {}
    for kind in ("ALL", *TYPES):
        precision = tp[kind] / n_pred[kind] if n_pred[kind] else 0.0
        recall = tp[kind] / n_gold[kind] if n_gold[kind] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[kind] = {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2),
                        "f1": round(100 * f1, 2), "gold": n_gold[kind]}
    return scores


def evaluate(tagger: StanzaTagger | DirectTagger, sentences: list[Sentence]) -> dict:
    started = time.time()
    predicted = tagger.tag_tokens([[model_text(token) for token, _ in s] for s in sentences])
    seconds = time.time() - started
    scores = entity_scores([[tag for _, tag in s] for s in sentences], predicted)
    tokens = sum(map(len, sentences))
    return {"scores": scores, "sentences": len(sentences), "tokens": tokens, "tokens_per_second": round(tokens / seconds)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--model-path", type=Path, default=None, help="default: the bundled model")
    parser.add_argument("--pretrain-path", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=None, help="write the scores as JSON here")
    parser.add_argument("--tagger", choices=("direct", "pipeline"), default="direct",
                        help="the model fed directly (the service's default) or through stanza.Pipeline")
    parser.add_argument("--quantize", action="store_true", help="direct tagger with int8 LSTM and linear layers")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.tagger == "pipeline":
        tagger = StanzaTagger.load(model_path=args.model_path, pretrain_path=args.pretrain_path)
    else:
        tagger = DirectTagger.load(model_path=args.model_path, pretrain_path=args.pretrain_path, quantize=args.quantize)
    results = {
        "anercorp_test": evaluate(tagger, anercorp(args.corpora, "test")),
        "aqmar_test": evaluate(tagger, aqmar(args.corpora, "test")),
    }
    for name, result in results.items():
        line = "  ".join(f"{kind} {result['scores'][kind]['f1']:.2f}" for kind in ("ALL", *TYPES))
        print(f"{name:15} micro-F1/per type: {line}  ({result['tokens_per_second']} tokens/s)")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
