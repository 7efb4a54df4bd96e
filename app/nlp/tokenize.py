"""Arabic sentence splitting and tokenization with character offsets.

The NER model must see the tokenization it was trained on: ANERcorp and AQMAR split off
punctuation, quotation marks and brackets but keep clitics (و، ب، ل، ال) attached to the
word. Every token keeps its offsets into the original text, so entity and quote spans map
straight back to it.
"""
from __future__ import annotations

import re

from app.nlp.arabic import strip_diacritics
from app.nlp.types import Sentence, Token

_MARKS = "\u0640\u064b-\u065f\u0670"  # tatweel and diacritics: part of the word they sit on
# As in ANERcorp: numbers keep their decimal point and a percent sign ("4.3%"); a word keeps
# attached digits ("و6", "عام2006", "بـ34.3%") and inner apostrophes/hyphens between letters
# ("Afro-Asiatic"); runs of dots stay one token (".."), as in AQMAR; any other punctuation
# mark, quotation mark or bracket is a token of its own.
_TOKEN = re.compile(
    rf"\d+(?:[.,٫]\d+)*[%٪]?"
    rf"|[^\W\d_](?:[\w{_MARKS}]|['’\-](?=[^\W\d_])|(?<=\d)[.,٫](?=\d))*(?:(?<=\d)[%٪])?"
    rf"|[\w{_MARKS}]+"
    r"|\.{2,}"
    r"|[^\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]",  # invisible direction marks are skipped
)
_SENTENCE_END = frozenset([".", "!", "?", "؟", "…", "...", "...."])
_CLOSERS = frozenset("\"'”’»)]}")
# Sentences longer than this many tokens are cut, to keep NER batches bounded.
MAX_SENTENCE_TOKENS = 200


def model_text(token: str) -> str:
    """The form the NER model sees: without diacritics and tatweel, which its corpora hardly have."""
    return strip_diacritics(token) or token


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
