"""A small character language model (Stanza's charlm) on raw Arabic news, for the NER tagger.

    python -m training.charlm --direction forward  --output training/work/charlm
    python -m training.charlm --direction backward --output training/work/charlm

Run the two directions at once, one per core. The text is the news text the word vectors are
trained on (SaudiNewsNet), tokenized like the NER input, one sentence a line; a sentence in 200
is held out to measure perplexity. Stanza's default size (1,024 hidden units) is far too slow on
CPU cores; 256 units over one pass of ~40M characters fits in about half an hour per direction.
"""
from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from training.corpora import DEFAULT_CORPORA
from training.vectors import news_sentences

log = logging.getLogger(__name__)


def write_text(corpora: Path, work: Path, max_articles: int | None) -> tuple[Path, Path]:
    train, dev = work / "train.txt", work / "dev.txt"
    if train.exists() and dev.exists():
        return train, dev
    work.mkdir(parents=True, exist_ok=True)
    with train.open("w", encoding="utf-8") as t, dev.open("w", encoding="utf-8") as d:
        for i, sentence in enumerate(news_sentences(corpora, max_articles)):
            (d if i % 200 == 0 else t).write(" ".join(sentence) + "\n")
    return train, dev


def train_charlm(opts: argparse.Namespace) -> Path:
    import torch
    from stanza.models import charlm

    torch.set_num_threads(opts.threads)
    started = time.time()
    train, dev = write_text(opts.corpora, opts.output / "text", opts.max_articles)
    name = f"ar_project_{opts.direction}_charlm.pt"
    charlm.main([
        "--train_file", str(train), "--eval_file", str(dev), "--shorthand", "ar_project",
        "--direction", opts.direction, "--char_hidden_dim", str(opts.hidden_dim), "--cutoff", "100",
        "--epochs", str(opts.epochs), "--eval_steps", str(opts.eval_steps), "--report_steps", "50",
        "--save_dir", str(opts.output), "--save_name", name, "--no_checkpoint", "--cpu",
    ])
    log.info("%s charlm in %.0f s", opts.direction, time.time() - started)
    return opts.output / name


def main_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Train a forward or backward Arabic charlm with Stanza.")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--direction", choices=["forward", "backward"], required=True)
    parser.add_argument("--max-articles", type=int, default=20000, help="news articles in the text")
    parser.add_argument("--hidden-dim", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--eval-steps", type=int, default=400, help="batches between perplexity checks")
    parser.add_argument("--threads", type=int, default=1)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train_charlm(main_args(argv))


if __name__ == "__main__":
    main()
