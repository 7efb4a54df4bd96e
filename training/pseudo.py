"""Self-training: raw news sentences tagged by a trained model, added to the training set.

Why: the labelled news is small (ANERcorp's training part, about 130k tokens), the raw news
large (SaudiNewsNet, 10M tokens). Sentences the model tags show its patterns in many more
contexts and names, in the tokenization the service itself feeds (`app.nlp.tokenize`), not the
corpora's. `training.train_ner --pseudo-sentences N` measures whether that helps.

SaudiNewsNet shares no text with the test files (Saudi news of 2015; ANERcorp is older
newswire, AQMAR Wikipedia).
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from app.nlp.ner import tag_spans
from app.nlp.tokenize import model_text, split_sentences
from training.corpora import Sentence, news_articles

Tagger = Callable[[Sequence[Sequence[str]]], list[list[str]]]  # StanzaTagger.tag_tokens


def news_token_sentences(corpora: Path, *, every: int, min_tokens: int, max_tokens: int) -> Iterator[list[str]]:
    """Sentences of every `every`-th SaudiNewsNet article, as the model sees their tokens."""
    for count, article in enumerate(news_articles(corpora), 1):
        if count % every:
            continue
        for sentence in split_sentences(article.get("content") or ""):
            if min_tokens <= len(sentence.tokens) <= max_tokens:
                yield [model_text(token.text) for token in sentence.tokens]


def pseudo_labelled(pool: Sequence[list[str]], tag: Tagger, *, sentences: int, seed: int) -> list[Sentence]:
    """`sentences` sentences drawn from `pool` (reproducibly from `seed`), tagged by `tag`,
    with BIO tags as the corpora are read."""
    chosen = random.Random(seed).sample(list(pool), min(sentences, len(pool)))
    return [list(zip(tokens, bio_tags(tags), strict=True)) for tokens, tags in zip(chosen, tag(chosen), strict=True)]


def bio_tags(tags: Sequence[str]) -> list[str]:
    """BIOES (the tagger's output) to BIO; a stray I-/E- opens an entity, as `tag_spans` reads it."""
    bio = ["O"] * len(tags)
    for first, last, kind in tag_spans(tags):
        bio[first] = f"B-{kind}"
        for i in range(first + 1, last + 1):
            bio[i] = f"I-{kind}"
    return bio
