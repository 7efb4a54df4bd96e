"""Train the project's Arabic NER model with Stanza's own trainer (`stanza.models.ner_tagger`).

    python -m training.train_ner --pretrain training/work/vectors/ar_news.pretrain.pt \
        --output models/ner --max-steps 3000

Builds the training and dev sets from the public corpora (never their test text), writes
them in Stanza's JSON format under the work directory, trains, and stores the best model
(by dev entity F1) compactly with its pretrain in the output directory.
"""
from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path

from training.augment import augmented_copies, read_gazetteers
from training.corpora import DEFAULT_CORPORA, Sentence, anercorp, aqmar, split_off_tail, write_stanza_json
from training.newsfane import newsfane_training_sentences
from training.package import MODEL_NAME, package

log = logging.getLogger(__name__)

DEFAULT_WORK = Path(__file__).resolve().parent / "work"


def build_datasets(corpora: Path, *, use_newsfane: bool, dev_fraction: float, max_sentences: int | None,
                   aqmar_copies: int = 1, aqmar_dev_to_train: float = 0.0, gazetteer_copies: int = 0,
                   pseudo: Sequence[Sentence] = (), seed: int = 1234) -> tuple[list[Sentence], list[Sentence]]:
    """Training set and dev set; dev = AQMAR dev + the tail of ANERcorp's training part.
    `aqmar_copies` > 1 repeats AQMAR's training part (a third of ANERcorp's size) so its
    Wikipedia conventions weigh more; `aqmar_dev_to_train` moves that share of AQMAR's dev
    part (its first sentences) into training; `gazetteer_copies` adds copies of ANERcorp's
    training part (not its dev tail) with names replaced from the gazetteers (`training.augment`);
    `pseudo` are raw news sentences a model tagged (`training.pseudo`)."""
    aner_train, aner_dev = split_off_tail(anercorp(corpora, "train"), dev_fraction)
    aqmar_train, aqmar_dev = aqmar(corpora, "train"), aqmar(corpora, "dev")
    if aqmar_dev_to_train:  # more Wikipedia text to learn from; the rest of its dev part still measures
        taken, aqmar_dev = split_off_tail(aqmar_dev, 1 - aqmar_dev_to_train)
        aqmar_train += taken
    train = aner_train + aqmar_train * aqmar_copies
    if gazetteer_copies:
        train += augmented_copies(aner_train, read_gazetteers(corpora / "gazetteers"), gazetteer_copies, seed)
    if use_newsfane:
        train += newsfane_training_sentences(corpora, exclude=aner_dev)
    train += list(pseudo)
    dev = aner_dev + aqmar_dev
    if max_sentences is not None:
        train, dev = train[:max_sentences], dev[: max(1, max_sentences // 4)]
    return train, dev


def stanza_args(train_file: Path, dev_file: Path, save_dir: Path, pretrain: Path | None,
                opts: argparse.Namespace) -> list[str]:
    args = [
        "--train_file", str(train_file), "--eval_file", str(dev_file),
        "--save_dir", str(save_dir), "--save_name", MODEL_NAME, "--shorthand", "ar_project",
        "--max_steps", str(opts.max_steps), "--eval_interval", str(opts.eval_interval),
        "--batch_size", str(opts.batch_size), "--max_steps_no_improve", str(opts.max_steps_no_improve),
        "--hidden_dim", str(opts.hidden_dim), "--char_hidden_dim", str(opts.char_hidden_dim),
        "--num_layers", str(opts.num_layers), "--seed", str(opts.seed), "--cpu",
        "--optim", opts.optim, "--lr", str(opts.lr), "--lr_decay", str(opts.lr_decay),
        "--patience", str(opts.patience), "--word_dropout", str(opts.word_dropout),
    ]
    args += ["--wordvec_pretrain_file", str(pretrain)] if pretrain else ["--no_pretrain"]
    if opts.charlm_forward and opts.charlm_backward:
        args += ["--charlm", "--charlm_shorthand", "ar_project",
                 "--charlm_forward_file", str(opts.charlm_forward), "--charlm_backward_file", str(opts.charlm_backward)]
    return args


def _pseudo(opts: argparse.Namespace) -> list[Sentence]:
    """Raw news tagged by `--pseudo-model` (the bundled model by default), or nothing."""
    if not opts.pseudo_sentences:
        return []
    from app.nlp.ner import StanzaTagger
    from training.pseudo import news_token_sentences, pseudo_labelled

    tagger = StanzaTagger.load(model_path=opts.pseudo_model, pretrain_path=opts.pseudo_pretrain)
    pool = list(news_token_sentences(opts.corpora, every=opts.pseudo_every, min_tokens=6, max_tokens=60))
    tagged = pseudo_labelled(pool, tagger.tag_tokens, sentences=opts.pseudo_sentences, seed=opts.seed)
    log.info("pseudo-labelled %d of %d raw news sentences", len(tagged), len(pool))
    return tagged


def train(opts: argparse.Namespace) -> Path:
    import torch
    from stanza.models import ner_tagger

    # Several threads spin and stall when the cores are shared; one thread per run is steadier.
    torch.set_num_threads(opts.threads)
    started = time.time()
    work = opts.work_dir
    train_set, dev_set = build_datasets(opts.corpora, use_newsfane=opts.newsfane, dev_fraction=opts.dev_fraction,
                                        max_sentences=opts.max_sentences, aqmar_copies=opts.aqmar_copies,
                                        aqmar_dev_to_train=opts.aqmar_dev_to_train,
                                        gazetteer_copies=opts.gazetteer_copies, pseudo=_pseudo(opts), seed=opts.seed)
    write_stanza_json(train_set, work / "train.json")
    write_stanza_json(dev_set, work / "dev.json")
    log.info("train: %d sentences, dev: %d sentences", len(train_set), len(dev_set))
    ner_tagger.main(stanza_args(work / "train.json", work / "dev.json", work / "model", opts.pretrain, opts))

    charlms = (opts.charlm_forward, opts.charlm_backward) if opts.charlm_forward and opts.charlm_backward else None
    package(work / "model" / MODEL_NAME, opts.pretrain, opts.output, charlms)
    summary = {"train_sentences": len(train_set), "dev_sentences": len(dev_set),
               "training_seconds": round(time.time() - started), "options": vars(opts)}
    (opts.output / "training.json").write_text(json.dumps(summary, default=str, indent=2, ensure_ascii=False))
    log.info("model in %s after %.0f s", opts.output, time.time() - started)
    return opts.output / MODEL_NAME


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Train the Arabic NER model with Stanza's trainer.")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the public corpora directory")
    parser.add_argument("--output", type=Path, required=True, help="directory for the model and its pretrain")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK / "ner", help="scratch directory")
    parser.add_argument("--pretrain", type=Path, default=None, help="Stanza pretrain .pt (training.vectors); none: no word vectors")
    parser.add_argument("--charlm-forward", type=Path, default=None)
    parser.add_argument("--charlm-backward", type=Path, default=None)
    parser.add_argument("--newsfane", action="store_true", help="add NewsFANE (mapped, without ANERcorp test text)")
    parser.add_argument("--aqmar-copies", type=int, default=1, help="times AQMAR's training part is repeated")
    parser.add_argument("--aqmar-dev-to-train", type=float, default=0.0,
                        help="share of AQMAR's dev part moved into training")
    parser.add_argument("--gazetteer-copies", type=int, default=0,
                        help="copies of ANERcorp's training part with names replaced from the gazetteers (0: none)")
    parser.add_argument("--pseudo-sentences", type=int, default=0,
                        help="raw news sentences tagged by --pseudo-model added to training (0: none)")
    parser.add_argument("--pseudo-model", type=Path, default=None, help="model tagging them (default: the bundled one)")
    parser.add_argument("--pseudo-pretrain", type=Path, default=None, help="its pretrain (default: the bundled one)")
    parser.add_argument("--pseudo-every", type=int, default=10, help="take sentences from every n-th news article")
    parser.add_argument("--dev-fraction", type=float, default=0.1, help="tail of ANERcorp train held out as dev")
    parser.add_argument("--max-sentences", type=int, default=None, help="train on a small slice (smoke tests)")
    parser.add_argument("--max-steps", type=int, default=3000)
    parser.add_argument("--max-steps-no-improve", type=int, default=2500)
    parser.add_argument("--eval-interval", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--hidden-dim", type=int, default=256, help="word BiLSTM units")
    parser.add_argument("--char-hidden-dim", type=int, default=100, help="character LSTM units")
    parser.add_argument("--num-layers", type=int, default=1, help="word BiLSTM layers")
    # Measured: AdamW reached dev F1 60 in 500 steps where Stanza's default SGD (lr 0.1) reached 44.
    parser.add_argument("--optim", default="adamw", help="optimizer: adamw, sgd, adam...")
    parser.add_argument("--lr", type=float, default=0.002)
    # Dev F1 peaked after ~6 epochs at a constant rate; halving it after a plateau lets training go on.
    parser.add_argument("--lr-decay", type=float, default=0.5, help="factor on the rate when dev F1 plateaus")
    parser.add_argument("--patience", type=int, default=2, help="evaluations without improvement before decaying")
    # A fifth of the test entities' words are outside the vectors' vocabulary: train the unknown-word row more.
    parser.add_argument("--word-dropout", type=float, default=0.05, help="share of words replaced by <UNK> in training")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(parse_args(argv))


if __name__ == "__main__":
    main()
