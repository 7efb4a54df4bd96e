"""Arabic orthographic normalisation shared by matching, search and speaker identity.

The press writes one name many ways (hamza and alef forms, ى/ي, ة/ه, diacritics, tatweel);
folding them lets a typed name find every stored spelling.
"""
from __future__ import annotations

import re
import unicodedata

DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
_ALEFS = re.compile("[إأآٱ]")
_NON_WORD = re.compile(r"[^\w\s]")
# Persian keyboards type ک and ی where Arabic writes ك and ي.
_PERSIAN_LETTERS = str.maketrans({"ک": "ك", "ی": "ي"})
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def strip_diacritics(text: str) -> str:
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def strip_format(text: str) -> str:
    """Without format characters: zero-width (non-)joiners and spaces, bidi marks, the BOM."""
    return text.translate(_FORMAT_CHARACTERS)


class _FormatTable(dict):
    """A translation table deleting the characters of Unicode category Cf, each character's
    category looked up the first time a text has it: listing every Cf character beforehand
    meant testing all 1.1 million code points (0.15 s, more than a hundred articles' attribution);
    a table lookup per character also costs less than a character-class regex. A few hundred
    distinct characters in practice; a text of every code point clears it past MAX_ENTRIES."""

    MAX_ENTRIES = 1 << 16

    def __missing__(self, code: int) -> int | None:
        if len(self) >= self.MAX_ENTRIES:
            self.clear()
        kept = None if unicodedata.category(chr(code)) == "Cf" else code
        self[code] = kept
        return kept


_FORMAT_CHARACTERS = _FormatTable()


def normalize(text: str) -> str:
    """Fold the spelling variants of Arabic text to one form; punctuation becomes space."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_format(text).translate(_PERSIAN_LETTERS)
    text = strip_diacritics(text)
    text = _ALEFS.sub("ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.lower().split())


def has_arabic(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None
