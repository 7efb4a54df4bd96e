"""Whether two written names are one name: the rule that decides speaker identity.

A false merge (two people answered under one name) corrupts stored data; a missed merge is
an inconvenience a user can fix with a merge. So two Arabic-script names are one name only
when they differ by what the press varies in writing any name: hamza and alef forms, ى/ي,
ة/ه, diacritics, tatweel (all folded by `normalize`) and the spacing of compounds (عبد،
أبو، بن، آل، ... الله، ... الدين، ... أوغلو). Long vowels, ع and ء stay: سعد، سعيد and سعود
are three names.

Names transliterated from another language vary more: the press writes a foreign G as ج، غ،
ق or ك and adds or drops a long vowel inside the word (غيراسيموف/جيراسيموف، ترامب/ترمب). Those
variations are allowed only for a word judged foreign on evidence in the word itself: a
letter Arabic does not use (پ چ ڤ گ ژ), an ending typical of transliteration and foreign to
Arabic words (-سكي، -يتش، -نغ، -يو; data/foreign_name_endings.txt), or no Arabic name shape
fitting it (data/arabic_name_patterns.txt: فاعل، فعيل، مفعول، أفعل ...). In a foreign person's
name (one word foreign) the other words count as foreign too, but for Arabic ones (a word with
the article or a compound part, a name of data/arabic_names_of_foreign_shape.txt: إبراهيم،
يوسف). A ج for غ inside any word of four letters or more is a foreign G as well (شويغو، شويجو).

The consonant skeleton of `app.nlp.names` finds candidates; this module decides. Measured on
tests/nlp/name_pairs.py (docs/search.md).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from app.nlp.arabic import has_arabic, normalize

_DATA = Path(__file__).parent / "data"


def _data_lines(name: str) -> tuple[str, ...]:
    lines = (line.strip() for line in (_DATA / name).read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


# --- compounds ------------------------------------------------------------------------

# Words written apart or joined to the next word (عبد العزيز / عبدالعزيز, أبو الغيط, بن كيران);
# آل (folded to a lone ال) joins with a mark so آل ثاني does not become the word الثاني.
_JOIN_NEXT = {"عبد": "عبد", "ابو": "ابو", "بن": "بن", "ابن": "بن", "ال": "ال+"}
# Words written apart or joined to the word before (نصر الله / نصرالله, داود أوغلو / داوداوغلو).
_JOIN_PREVIOUS = frozenset({"الله", "الدين", "اوغلو", "زاده"})


@functools.lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """A name's words as identity compares them: folded, compounds joined."""
    words = normalize(name).replace("+", " ").split()
    if words and words[0].startswith("لل") and len(words[0]) > 4:
        words[0] = "ال" + words[0][2:]  # a preposition read into an organisation's name: للصحيفة
    out: list[str] = []
    pending = ""
    for i, word in enumerate(words):
        head = _JOIN_NEXT.get(word)
        if head is not None and i < len(words) - 1 and not (word == "ابن" and i == 0):
            pending += head
            continue
        word = pending + word
        pending = ""
        if word in _JOIN_PREVIOUS and out:
            out[-1] += word
        else:
            out.append(word)
    return tuple(out)


# --- foreign words --------------------------------------------------------------------

_NON_ARABIC_LETTERS = frozenset("پچڤگژ")
_FOREIGN_ENDINGS = tuple(normalize(e) for e in _data_lines("foreign_name_endings.txt"))
_NAME_ENDINGS = ("", *(normalize(e) for e in _data_lines("arabic_name_endings.txt")))
_RADICALS = frozenset("فعلق")
_COMPOUND_PARTS = ("عبد", "ابو", "بن", "ال+")
_ARABIC_NAMES = frozenset(normalize(n) for n in _data_lines("arabic_names_of_foreign_shape.txt"))


def _shape_regex(shape: str) -> str:
    """A shape as a regular expression: each radical any letter, shape letters as written."""
    return "".join(r"[\u0621-\u064a]" if ch in _RADICALS else re.escape(ch) for ch in normalize(shape))


_ARABIC_SHAPE = re.compile(
    "(?:" + "|".join(_shape_regex(s) for s in _data_lines("arabic_name_patterns.txt")) + ")"
    + "(?:" + "|".join(re.escape(e) for e in sorted(_NAME_ENDINGS, key=len, reverse=True)) + ")"
)


def _bare(word: str) -> str:
    """A word without the compound parts and the article that precede its stem."""
    for part in _COMPOUND_PARTS:
        if word.startswith(part) and len(word) > len(part) + 1:
            return _bare(word[len(part):])
    for tail in _JOIN_PREVIOUS:
        if word.endswith(tail) and len(word) > len(tail) + 1:
            return _bare(word[: -len(tail)])
    if word.startswith("ال") and len(word) > 4:
        return word[2:]
    return word


@functools.lru_cache(maxsize=8192)
def is_foreign(word: str) -> bool:
    """A word of a name (as `name_words` gives it) that looks transliterated, not Arabic."""
    if not has_arabic(word) or len(word) < 3 or word in _ARABIC_NAMES:
        return False  # too short to tell, or an Arabic name of foreign shape
    if _NON_ARABIC_LETTERS.intersection(word):
        return True
    stem = _bare(word)
    if any(w.endswith(_FOREIGN_ENDINGS) and len(w) > 3 for w in (word, stem)):
        return True
    return _ARABIC_SHAPE.fullmatch(stem) is None


# --- comparing ------------------------------------------------------------------------

_LONG_VOWELS = frozenset("اوي")
# Sound classes of the letters the press uses for one foreign sound: a G is ج غ ق or ك, a CH
# تش چ or ج (عراقجي، عراقتشي), a T ت or ط ...; a letter not listed is its own class.
_SOUND_CLASSES = {letter: frozenset(classes) for letter, classes in {
    "ج": "GC", "غ": "G", "ق": "G", "ك": "G", "گ": "G", "C": "C", "چ": "C", "ت": "T", "ط": "T", "س": "S",
    "ص": "S", "ث": "S", "د": "D", "ض": "D", "ز": "Z", "ذ": "Z", "ظ": "Z", "ژ": "Z", "Z": "Z", "ف": "F",
    "ڤ": "F", "ب": "B", "پ": "B",
}.items()}
# ج and غ are two Arabic sounds that Arabic names do not alternate inside a word of four
# letters or more (نجم and نغم are shorter; غازي and جازي alternate first): there, either is
# a foreign G, whatever the word's shape (شويغو، شويجو).
_FOREIGN_G = str.maketrans({"ج": "غ"})


def _readings(word: str) -> set[str]:
    """A foreign word as written, and with تش read as one CH sound and a final تس or تز as one
    Z (شولتس، شولتز; but ديسانتس is ديسانتيس)."""
    joined = word.replace("تش", "C")
    if joined.endswith(("تس", "تز")):
        joined = joined[:-2] + "Z"
    return {word, joined}


def _sounds(word: str) -> tuple[str, list[frozenset[str]], list[str]]:
    """A foreign word's first letter, the sound classes of the consonants after it, and the
    long vowels written between them (gaps[i] before consonant i, the last gap at the end)."""
    first, consonants, gaps, gap = word[0], [], [], ""
    for ch in word[1:]:
        if ch in _LONG_VOWELS:
            gap += ch
        else:
            consonants.append(_SOUND_CLASSES.get(ch, frozenset(ch)))
            gaps.append(gap)
            gap = ""
    gaps.append(gap)
    return first, consonants, gaps


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def _same_foreign_word(a: str, b: str, *, vowel_edits: int) -> bool:
    return any(_same_reading(x, y, vowel_edits=vowel_edits) for x in _readings(a) for y in _readings(b))


def _same_reading(a: str, b: str, *, vowel_edits: int) -> bool:
    """One transliteration in two spellings: the same first letter and consonant sounds (a
    foreign G may be ج غ ق ك, a T ت or ط ...), up to `vowel_edits` long vowels added or dropped
    inside the word but none replaced by another (ماركو and ميركو are two names), and the same
    final vowel."""
    first_a, consonants_a, gaps_a = _sounds(a)
    first_b, consonants_b, gaps_b = _sounds(b)
    if (first_a != first_b and first_a.translate(_FOREIGN_G) != first_b.translate(_FOREIGN_G)
            and _SOUND_CLASSES.get(first_a, first_a) != _SOUND_CLASSES.get(first_b, first_b)):
        return False
    if len(consonants_a) != len(consonants_b) or gaps_a[-1] != gaps_b[-1]:
        return False
    if any(x.isdisjoint(y) for x, y in zip(consonants_a, consonants_b, strict=True)):
        return False
    edits = 0
    for x, y in zip(gaps_a[:-1], gaps_b[:-1], strict=True):
        if not (_subsequence(x, y) or _subsequence(y, x)):
            return False
        edits += abs(len(x) - len(y))
    return edits <= vowel_edits


def _foreign_flags(words: tuple[str, ...]) -> tuple[bool, ...]:
    """Which words of a name are foreign: those that look it, and in the name of a foreign
    person (one word looks foreign) every word but Arabic ones: a name of the Arabic names
    list, a word with the article or a compound (عبد، أبو، بن، آل)."""
    own = tuple(is_foreign(w) for w in words)
    if not any(own):
        return own
    return tuple(f or not _arabic_in_any_name(w) for w, f in zip(words, own, strict=True))


def _arabic_in_any_name(word: str) -> bool:
    return word in _ARABIC_NAMES or word.startswith(("ال", *_COMPOUND_PARTS)) or len(word) < 3


def same_word(a: str, b: str, *, foreign: int | None = None) -> bool:
    """Two words of names (as `name_words` gives them) that are one word. Arabic words must be
    equal, but for ج written for غ after the first letter (a foreign G; 4 letters or more);
    a word of Arabic shape beside a foreign one (ترمب، ترامب) may differ by one long vowel, two
    foreign words by two (صمويل، صموييل). `foreign`: how many of the two are foreign, when the
    whole name told (see `_foreign_flags`)."""
    if a == b:
        return True
    if foreign is None:
        foreign = is_foreign(a) + is_foreign(b)
    if foreign == 0:
        return len(a) >= 4 and a[0] == b[0] and a[1:].translate(_FOREIGN_G) == b[1:].translate(_FOREIGN_G)
    return _same_foreign_word(a, b, vowel_edits=foreign)


def same_name(a: str, b: str) -> bool:
    """Two written names that are one name (see the module's docstring). Names in Latin script
    are one name when they fold to the same letters; across scripts only a user's alias says so."""
    words_a, words_b = name_words(a), name_words(b)
    if not words_a or not words_b:
        return False
    if words_a == words_b or "".join(words_a) == "".join(words_b):
        return True
    if len(words_a) != len(words_b):
        return False
    flags = zip(_foreign_flags(words_a), _foreign_flags(words_b), strict=True)
    return all(same_word(x, y, foreign=fx + fy) for x, y, (fx, fy) in zip(words_a, words_b, flags, strict=True))


def same_family_name(family: str, name: str, *, or_father: bool = False) -> bool:
    """A name alone (one word) that is the last word of a fuller name (غيراسيموف of فاليري
    غيراسيموف, زنادة of أبو زنادة, سعود of آل سعود); with `or_father`, also the father's name
    that ends it (سلمان of محمد بن سلمان): no family name, but a lone سلمان may mean him."""
    words_a, words_b = name_words(family), name_words(name)
    if len(words_a) != 1 or not words_b:
        return False
    last = words_b[-1]
    if same_word(words_a[0], last):
        return True
    bare = _without_head(last)
    return (or_father or not last.startswith("بن")) and same_word(words_a[0], bare)


def part_of_name(short: str, full: str) -> bool:
    """A shorter form of a name: its words, in order, among the full name's words with the same
    last word (رجب أردوغان in رجب طيب أردوغان; غيراسيموف in فاليري غيراسيموف; زنادة in أبو زنادة;
    سعود in آل سعود), or its first words (تركي بن سعود in تركي بن سعود بن محمد; المرصد السوري in
    المرصد السوري لحقوق الإنسان)."""
    words_s, words_f = name_words(short), name_words(full)
    if not words_s or len(words_s) > len(words_f):
        return False
    if len(words_s) > 1 and all(same_word(a, b) for a, b in zip(words_s, words_f, strict=False)):
        return True
    if not same_family_name(words_s[-1], full, or_father=True) and not _tail_of(words_s[-1], words_f[-1]):
        return False
    rest = iter(words_f[:-1])
    return all(any(same_word(w, f) for f in rest) for w in words_s[:-1])


def _tail_of(word: str, compound: str) -> bool:
    """أوغلو alone of داوداوغلو."""
    return word in _JOIN_PREVIOUS and compound.endswith(word) and compound != word


def _without_head(word: str) -> str:
    """A compound without its first part: زناده of ابوزناده, سعود of ال+سعود, الرحمن of عبدالرحمن."""
    for part in _COMPOUND_PARTS:
        if word.startswith(part) and len(word) > len(part) + 1:
            return word[len(part):]
    return word
