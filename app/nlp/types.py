"""Frozen results of the NLP stage. Offsets are character offsets into the original text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityLabel = Literal["PER", "LOC", "ORG", "MISC"]
QuoteType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "group", "unnamed"]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[Token, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: EntityLabel
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: the fullest name the article gives, its kind, and other forms of that name."""

    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    statement: str
    start: int
    end: int
    type: QuoteType
    cue: str
    mention: str
    speaker: Speaker
    confidence: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline found in one article."""

    text: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
