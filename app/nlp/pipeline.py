"""The whole NLP stage: split, tag entities, attribute quotes.

`Pipeline.analyze_many` batches sentences across articles so the NER model runs on full
batches (the CPU-heavy part); everything else is cheap and per article.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from app.nlp.attribution import find_quotes
from app.nlp.tokenize import split_sentences
from app.nlp.types import Analysis, Entity, Sentence


class EntityTagger(Protocol):
    def tag_many(self, documents: Sequence[Sequence[Sentence]]) -> list[tuple[Entity, ...]]:
        """Entities of each document (its sentences given), with offsets into its text."""
        ...


class Pipeline:
    def __init__(self, tagger: EntityTagger) -> None:
        self.tagger = tagger

    def analyze(self, text: str) -> Analysis:
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: Sequence[str]) -> list[Analysis]:
        documents = [tuple(split_sentences(text)) for text in texts]
        entities = self.tagger.tag_many(documents)
        return [
            Analysis(
                text=text,
                sentences=sentences,
                entities=ents,
                quotes=tuple(find_quotes(text, sentences, ents)),
            )
            for text, sentences, ents in zip(texts, documents, entities, strict=True)
        ]
