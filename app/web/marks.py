"""An article's text cut into runs for the article page: each statement one run (one `<mark>`),
named entities as pieces inside the runs. Pure: offsets in, frozen runs out."""
from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    text: str
    entity: str | None  # the entity's label (PER, ORG, LOC…), None for plain text


@dataclass(frozen=True)
class Run:
    quote_id: int | None  # the statement this run is, None between statements
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: int | str  # a quote's id, or an entity's label


def _owners(spans: Sequence[Span], length: int) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, index) for the spans in text order: a span overlapping an
    earlier one keeps only what lies past it, so every character belongs to at most one."""
    owned: list[tuple[int, int, int]] = []
    reached = 0
    for index in sorted(range(len(spans)), key=lambda i: (spans[i].start, spans[i].end)):
        start, end = max(spans[index].start, reached, 0), min(spans[index].end, length)
        if start < end:
            owned.append((start, end, index))
            reached = end
    return owned


def _owner_at(owned: list[tuple[int, int, int]], starts: list[int], position: int) -> int | None:
    i = bisect_right(starts, position) - 1
    return owned[i][2] if i >= 0 and owned[i][0] <= position < owned[i][1] else None


def mark_up(text: str, *, quotes: Sequence[Span], entities: Sequence[Span]) -> list[Run]:
    """The text as runs: statements (quote ids) and the text between them, with entity pieces."""
    quoted, named = _owners(quotes, len(text)), _owners(entities, len(text))
    cuts = sorted({0, len(text), *(p for s, e, _ in quoted + named for p in (s, e))})
    quote_starts, entity_starts = [s for s, _, _ in quoted], [s for s, _, _ in named]
    runs: list[tuple[int | None, list[tuple[int | None, str]]]] = []
    for start, end in itertools.pairwise(cuts):
        quote = _owner_at(quoted, quote_starts, start)
        entity = _owner_at(named, entity_starts, start)
        quote_id = quotes[quote].key if quote is not None else None
        if runs and runs[-1][0] == quote_id:  # a quote owns one stretch: same id, same statement
            runs[-1][1].append((entity, text[start:end]))
        else:
            runs.append((quote_id, [(entity, text[start:end])]))
    return [Run(quote_id=q, pieces=_pieces(parts, entities)) for q, parts in runs]


def _pieces(parts: list[tuple[int | None, str]], entities: Sequence[Span]) -> tuple[Piece, ...]:
    """Adjacent parts of one entity (or of plain text) joined."""
    joined: list[tuple[int | None, str]] = []
    for entity, chunk in parts:
        if joined and joined[-1][0] == entity:
            joined[-1] = (entity, joined[-1][1] + chunk)
        else:
            joined.append((entity, chunk))
    return tuple(Piece(text=chunk, entity=None if e is None else str(entities[e].key)) for e, chunk in joined)
