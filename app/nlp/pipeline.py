"""The whole NLP stage: split, tag entities, attribute quotes.

`Pipeline.analyze_many` batches sentences across articles so the NER model runs on full
batches (the CPU-heavy part); everything else is cheap and per article. A batch worker
splits the stage in two: `Pipeline.entities_many` where the model is loaded, and
`analyze_tagged` beside it, in another process, while the model tags the next chunk.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from app.nlp.attribution import find_quotes
from app.nlp.bounds import bounded_analysis
from app.nlp.tokenize import split_sentences
from app.nlp.types import Analysis, Entity, Sentence


# Told (sentences tagged so far, sentences in all) while a model tags.
Progress = Callable[[int, int], None]


class EntityTagger(Protocol):
    def tag_many(self, documents: Sequence[Sequence[Sentence]], *,
                 progress: Progress | None = None) -> list[tuple[Entity, ...]]:
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
        return [_attribute(text, sentences, ents)
                for text, sentences, ents in zip(texts, documents, entities, strict=True)]

    def entities_many(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[tuple[Entity, ...]]:
        """Only the model's part: entities of each text; `analyze_tagged` completes each one."""
        return self.tagger.tag_many([tuple(split_sentences(text)) for text in texts], progress=progress)


def analyze_tagged(text: str, entities: tuple[Entity, ...]) -> Analysis:
    """The analysis of a text whose entities are known; needs no model. It splits the text
    again: that costs less than sending the sentences' tokens between processes."""
    return _attribute(text, tuple(split_sentences(text)), entities)


def _attribute(text: str, sentences: tuple[Sentence, ...], entities: tuple[Entity, ...]) -> Analysis:
    """Quotes found, then names and mentions bounded (`bounds.py`) so the analysis is storable."""
    return bounded_analysis(Analysis(text=text, sentences=sentences, entities=entities,
                                     quotes=tuple(find_quotes(text, sentences, entities))))
