"""Arabic sentence splitting and tokenization with character offsets.

The NER model must see the tokenization it was trained on: ANERcorp and AQMAR split off
punctuation, quotation marks and brackets but keep clitics (و، ب، ل، ال) attached to the
word. Every token keeps its offsets into the original text, so entity and quote spans map
straight back to it.
"""
from __future__ import annotations

import re

from app.nlp.types import Sentence, Token

# A word: letters, digits, combining marks (diacritics) and tatweel, with inner
# apostrophes/hyphens kept (e.g. "al-Sisi"); numbers keep their decimal point or comma.
_TOKEN = re.compile(
    r"\d+(?:[.,٫]\d+)*%?"  # numbers: 2017, 3.5, 90%
    r"|[^\W\d_](?:[\w\u0640\u064b-\u065f\u0670]|['’\-](?=[^\W\d_]))*"  # words
    r"|[\w\u0640\u064b-\u065f\u0670]+"  # anything else word-like (mixed digits+letters)
    r"|\S",  # one punctuation mark or symbol
)
_SENTENCE_END = frozenset(".!?؟…")
_CLOSERS = frozenset("\"'”’»)]}")
# Sentences longer than this many tokens are cut, to keep NER batches bounded.
MAX_SENTENCE_TOKENS = 200


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def split_sentences(text: str) -> list[Sentence]:
    """Split at line breaks and sentence-final punctuation (with any closing marks after it)."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        tokens = tokenize(line.group(), line.start())
        current: list[Token] = []
        for i, token in enumerate(tokens):
            current.append(token)
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            ends = token.text in _SENTENCE_END and not (nxt and nxt.text in _CLOSERS | _SENTENCE_END)
            ends = ends or (token.text in _CLOSERS and current and len(current) > 1
                            and current[-2].text in _SENTENCE_END
                            and not (nxt and nxt.text in _CLOSERS))
            if ends or len(current) >= MAX_SENTENCE_TOKENS:
                sentences.append(_sentence(current))
                current = []
        if current:
            sentences.append(_sentence(current))
    return sentences


def _sentence(tokens: list[Token]) -> Sentence:
    return Sentence(tuple(tokens), tokens[0].start, tokens[-1].end)
