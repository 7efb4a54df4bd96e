"""One article prepared for attribution: flat token list, folded words, entities by token.

The stages below work on token indices; this keeps the offset bookkeeping in one place.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
import weakref
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import TypeVar

from app.nlp.attribution.intervals import Reach
from app.nlp.attribution.lexicon import bare_word, fold
from app.nlp.types import Entity, Sentence, Token

OPEN_MARKS = "“«„\""
CLOSE_MARKS = "”»\""
QUOTE_MARKS = frozenset("“”«»„\"")
_UNQUOTE = str.maketrans(dict.fromkeys(QUOTE_MARKS, " "))
SENTENCE_END = frozenset(".!?؟…")
CLAUSE_PUNCT = frozenset("،,;؛")


@dataclass(eq=False)  # one article: compared (and hashed) by identity, so later stages may index it
class Doc:
    text: str
    tokens: list[Token]
    folded: list[str]
    sentence_of: list[int]  # sentence number of each token
    paragraph_of: list[int]  # paragraph (line) number of each token
    entities: list[Entity]
    entity_at: list[Entity | None] = field(default_factory=list)  # entity covering each token
    # token offsets, built once: looking a token up by offset is a bisection, not a scan
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)
    # per token, read once: no letter or digit; sentence-final punctuation (see _ends_sentence)
    punct: list[bool] = field(default_factory=list)
    sentence_ends: list[bool] = field(default_factory=list)
    entity_spans: Reach = field(default_factory=lambda: Reach(()))
    entity_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> Doc:
        tokens: list[Token] = []
        sentence_of: list[int] = []
        for n, sentence in enumerate(sentences):
            tokens.extend(sentence.tokens)
            sentence_of.extend([n] * len(sentence.tokens))
        starts = list(map(_START, tokens))
        paragraph_of = _lines_of(text, starts)
        texts = list(map(_TEXT, tokens))
        readings = _readings(texts)  # (the per-token work runs in C: map, itemgetter, compress)
        doc = cls(text, tokens, list(map(_FIRST, readings)), sentence_of, paragraph_of, [])
        doc.punct = list(map(_SECOND, readings))
        doc.token_starts = starts
        doc.token_ends = list(map(_END, tokens))
        doc.sentence_ends = [False] * len(tokens)
        for i in doc.punct_in(SENTENCE_END):
            doc.sentence_ends[i] = doc._ends_sentence(i)
        return doc.with_entities(entities)

    def with_entities(self, entities: Sequence[Entity]) -> Doc:
        """The same tokens with other entities (the repaired ones): nothing is split or folded again."""
        doc = Doc(self.text, self.tokens, self.folded, self.sentence_of, self.paragraph_of,
                  sorted(entities, key=lambda e: e.start))
        tokens = doc.tokens
        doc.entity_at = [None] * len(tokens)
        doc.token_starts, doc.token_ends = self.token_starts, self.token_ends
        doc.punct, doc.sentence_ends = self.punct, self.sentence_ends
        for words_only in ("spellings", "_positions", "sentence_starts", "line_starts", "clause_breaks"):  # the same for both
            if words_only in self.__dict__:
                doc.__dict__[words_only] = self.__dict__[words_only]
        doc.entity_spans = Reach((e.start, e.end) for e in doc.entities)
        doc.entity_starts = doc.entity_spans.starts
        for ent in doc.entities:
            # from the token that contains the entity's start (لـوزارة holds وزارة)
            for i in range(bisect.bisect_left(doc.token_ends, ent.start + 1), len(tokens)):
                if tokens[i].start >= ent.end:
                    break
                doc.entity_at[i] = ent
        return doc

    def word_positions(self, word: str) -> list[int]:
        """Where a bare folded word stands (also without a one-letter prefix: وغيراسيموف), in
        order: the last mention of a name before a token is a bisection, not a scan. Each word
        asked about is looked up once; the words nobody asks about are never indexed."""
        positions = self._positions.get(word)
        if positions is None:
            by_word, by_tail = self.spellings
            # a bare word is itself or follows ال; with a prefix, one letter comes before that
            bare = [f for f in (word, "ال" + word) if bare_word(f) == word]
            found = {f for f in bare if f in by_word}.union(*(by_tail.get(f, ()) for f in bare))
            positions = self._positions[word] = sorted(k for f in found for k in by_word[f])
        return positions

    @cached_property
    def spellings(self) -> tuple[dict[str, list[int]], dict[str, list[str]]]:
        """Where each folded word stands, and the folded words under each word less its first letter."""
        by_word: dict[str, list[int]] = {}
        for k, f in enumerate(self.folded):
            if f in by_word:
                by_word[f].append(k)
            else:
                by_word[f] = [k]
        by_tail: dict[str, list[str]] = {}
        for f in by_word:
            by_tail.setdefault(f[1:], []).append(f)
        return by_word, by_tail

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        return {}

    def sentence_start(self, i: int) -> int:
        """The first token of token i's sentence within its line: after the last sentence end
        or line break before it (read off a table built once, not walked back each time)."""
        starts = self.sentence_starts
        return starts[bisect.bisect_right(starts, i) - 1]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The tokens that start a sentence or a line, in order."""
        after_stop = [j + 1 for j, end in enumerate(self.sentence_ends) if end]
        return sorted({0, *after_stop, *self.line_starts[1:]})

    @cached_property
    def line_starts(self) -> list[int]:
        """The first token of each line (paragraph) that has tokens, in order."""
        para = self.paragraph_of
        return [0, *itertools.compress(itertools.count(1), map(operator.ne, para, para[1:]))] if para else []

    @cached_property
    def clause_breaks(self) -> list[int]:
        """The tokens that end a clause or a sentence (a comma, a semicolon, a full stop), in order."""
        commas = self.punct_in(CLAUSE_PUNCT)
        return sorted({*commas, *itertools.compress(itertools.count(), self.sentence_ends)})

    @cached_property
    def entity_heads(self) -> list[int]:
        """The first token of each entity, in order: the entities of a stretch are a bisection away."""
        at = self.entity_at
        return [k for k, ent in enumerate(at) if ent is not None and (k == 0 or at[k - 1] is not ent)]

    def punct_in(self, marks: Container[str]) -> list[int]:
        """The punctuation tokens written as one of `marks`, in order (only the punctuation is read)."""
        tokens = self.tokens
        return [j for j in itertools.compress(itertools.count(), self.punct) if tokens[j].text in marks]

    def is_punct(self, i: int) -> bool:
        return self.punct[i]

    def token_index_at(self, offset: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self.token_starts, offset)

    @cached_property
    def entity_name_counts(self) -> Counter[str]:
        """How often the article names each entity (folded): its salience."""
        return Counter(fold(e.text) for e in self.entities)

    def entity_covers(self, start: int, end: int) -> bool:
        """Some entity starts at or before `start` and ends at or after `end`."""
        return self.entity_spans.covers(start, end)

    def ends_sentence(self, i: int) -> bool:
        """Token i is sentence-final punctuation (a full stop, not the dot of an abbreviation)."""
        return self.sentence_ends[i]

    def _ends_sentence(self, i: int) -> bool:
        tok = self.tokens[i].text
        if tok not in SENTENCE_END:
            return False
        if tok == "." and i > 0 and len(self.tokens[i - 1].text) == 1 and self.tokens[i - 1].text.isalpha() \
                and self.tokens[i - 1].end == self.tokens[i].start:
            return False  # "د." abbreviation
        if tok == "." and i + 1 < len(self.tokens) and self.tokens[i + 1].text == ".":
            return False  # ".." ellipsis written with dots inside a quotation
        return True

    def new_paragraph_between(self, i: int, j: int) -> bool:
        return self.paragraph_of[i] != self.paragraph_of[j]


_TEXT, _START, _END = attrgetter("text"), attrgetter("start"), attrgetter("end")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _lines_of(text: str, starts: list[int]) -> list[int]:
    """The line of each token (by its start, ascending): the tokens of a line are one bisection
    apart, so the list is built a line at a time, not a token at a time."""
    firsts = [0] + [bisect.bisect_left(starts, m.end()) for m in re.finditer(r"\n", text)] + [len(starts)]
    out: list[int] = []
    for line in range(len(firsts) - 1):
        out += [line] * (firsts[line + 1] - firsts[line])
    return out


def indices_in(values: Iterable[object], wanted: Container[object]) -> list[int]:
    """The indices of the values that are in `wanted`, in order (the test runs in C)."""
    return list(itertools.compress(itertools.count(), map(wanted.__contains__, values)))


_READINGS: dict[str, tuple[str, bool]] = {}  # each spelling read once (bounded: cleared when full)
_READINGS_MAX = 1 << 16


def _readings(texts: list[str]) -> list[tuple[str, bool]]:
    """Each token's folded form (punctuation stays as written) and whether it has no letter or digit."""
    found = list(map(_READINGS.get, texts))
    for i in list(itertools.compress(itertools.count(), map(operator.is_, found, itertools.repeat(None)))):
        if len(_READINGS) >= _READINGS_MAX:
            _READINGS.clear()
        token = texts[i]
        found[i] = _READINGS[token] = (fold(token) or token, not any(map(str.isalnum, token)))
    return found


T = TypeVar("T")


def per_article(cache: weakref.WeakKeyDictionary, doc: Doc, make: Callable[[], T]) -> T:
    """What a later stage derives from one article (`cache` is that stage's table), made the
    first time it is asked and dropped with the article (Doc compares by identity)."""
    found = cache.get(doc)
    if found is None:
        found = cache[doc] = make()
    return found


def unquoted(name: str) -> str:
    """A name as the guidelines write it, without the quotation marks around its words
    (موقع «الدرر الشامية» → موقع الدرر الشامية)."""
    return " ".join(name.translate(_UNQUOTE).split())


def strip_span(text: str, start: int, end: int, *, keep_quoted_ends: bool = False) -> tuple[int, int]:
    """Trim spaces, punctuation and quotation marks off both ends of a statement span; with
    `keep_quoted_ends` (reported content), a quoted part at either end keeps both its marks."""
    junk = set(" \t\n\u200f\u200e\u00a0.,،:;؛-–—") | QUOTE_MARKS
    while start < end and text[start] in junk:
        start += 1
    while end > start and (text[end - 1] in junk or text[end - 1] == "\u200f"):
        end -= 1
    if not keep_quoted_ends:
        return start, end
    if end < len(text) and _opens_unclosed(text[start:end], text[end]):
        end += 1
    if start > 0 and _opens_unclosed(text[start:end][::-1], text[start - 1], reverse=True):
        start -= 1
    return start, end


_PAIRS = {"»": "«", "”": "“", '"': '"'}


def _opens_unclosed(span: str, mark: str, *, reverse: bool = False) -> bool:
    """`mark` (just outside the span) closes a quotation the span opens and leaves open."""
    pairs = {v: k for k, v in _PAIRS.items()} if reverse else _PAIRS
    opener = pairs.get(mark)
    if opener is None:
        return False
    if opener == mark:
        return span.count(mark) % 2 == 1
    return span.count(opener) > span.count(mark)
