"""Word2vec (or fastText) vectors on raw Arabic news text, stored as a compact Stanza `Pretrain` (.pt).

The vectors are trained on text tokenized exactly as the NER input is (app.nlp.tokenize),
lower-cased as Stanza looks words up, and stored as float16 with a capped vocabulary so
the shipped files stay small; Stanza casts them to float32 when the model loads.
"""
from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import torch
from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab
from stanza.models.common.vocab import VOCAB_PREFIX

from app.nlp.tokenize import split_sentences
from training.corpora import DEFAULT_CORPORA, news_articles, raw_text_sentences

log = logging.getLogger(__name__)


def news_sentences(corpora: Path, max_articles: int | None = None) -> Iterator[list[str]]:
    """Sentences of SaudiNewsNet articles (title and content), tokenized like the NER input."""
    for count, article in enumerate(news_articles(corpora), 1):
        text = f"{article.get('title') or ''}\n{article.get('content') or ''}"
        for sentence in split_sentences(text):
            yield [t.text.lower() for t in sentence.tokens]
        if max_articles is not None and count >= max_articles:
            return


def collect_text(corpora: Path, max_articles: int | None = None) -> list[list[str]]:
    corpus_text = [[w.lower() for w in s] for s in raw_text_sentences(corpora)]
    return corpus_text + list(news_sentences(corpora, max_articles))


def train_vectors(sentences: list[list[str]], dim: int, epochs: int, workers: int, method: str = "word2vec"):
    """Skip-gram vectors; fastText also learns letter n-grams, so a rare word's vector draws
    on the words that share its stem and clitics (only the kept vocabulary is stored)."""
    from gensim.models import FastText, Word2Vec  # training-only dependency

    model = FastText if method == "fasttext" else Word2Vec
    return model(sentences, vector_size=dim, window=5, min_count=2, sg=1, negative=5,
                 epochs=epochs, workers=workers, seed=1)


def save_pretrain(vectors, path: Path, max_vocab: int) -> Pretrain:
    """Most frequent `max_vocab` words as a Stanza Pretrain; the special rows stay zero."""
    words = vectors.index_to_key[:max_vocab]
    emb = torch.zeros((len(words) + len(VOCAB_PREFIX), vectors.vector_size), dtype=torch.float16)
    emb[len(VOCAB_PREFIX):] = torch.from_numpy(vectors.vectors[: len(words)]).to(torch.float16)
    pretrain = Pretrain(str(path), save_to_file=False)
    pretrain._vocab = PretrainedWordVocab([w.replace(" ", "\xa0") for w in words])
    pretrain._emb = emb
    path.parent.mkdir(parents=True, exist_ok=True)
    pretrain.save(str(path))
    return pretrain


def build_vectors(corpora: Path, output: Path, *, dim: int = 100, epochs: int = 5, max_vocab: int = 100_000,
                  max_articles: int | None = None, workers: int = 2, method: str = "word2vec") -> Path:
    started = time.time()
    sentences = collect_text(corpora, max_articles)
    log.info("vector text: %d sentences, %d tokens", len(sentences), sum(map(len, sentences)))
    model = train_vectors(sentences, dim, epochs, workers, method)
    save_pretrain(model.wv, output, max_vocab)
    log.info("saved %s (%d words) in %.0f s", output, min(max_vocab, len(model.wv)), time.time() - started)
    return output


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--output", type=Path, required=True, help="Stanza pretrain .pt to write")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--max-vocab", type=int, default=100_000)
    parser.add_argument("--max-articles", type=int, default=None, help="use only the first N news articles")
    parser.add_argument("--workers", type=int, default=2, help="training threads")
    parser.add_argument("--method", choices=("word2vec", "fasttext"), default="word2vec")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    build_vectors(args.corpora, args.output, dim=args.dim, epochs=args.epochs, max_vocab=args.max_vocab,
                  max_articles=args.max_articles, workers=args.workers, method=args.method)


if __name__ == "__main__":
    main()
