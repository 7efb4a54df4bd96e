"""The attribution's fast paths give what the plain computations give: the shared interval
helper against a scan of every span, the letter-by-letter fold against normalize(), the cue
table with its prefixed spellings against the prefix rules it replaced, the format-character
table against the characters' categories, the token lines against a count of line breaks."""
from __future__ import annotations

import random
import unicodedata

from app.nlp.arabic import normalize, strip_format
from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import _lines_of
from app.nlp.attribution.intervals import Reach


def test_reach_answers_as_a_scan_of_every_span() -> None:
    rng = random.Random(7)
    for _ in range(300):
        spans = [(a, a + rng.randint(0, 12)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 8)))]
        reach = Reach(spans)
        for x in range(-2, 80):
            y = x + rng.randint(0, 10)
            assert reach.covers(x, y) == any(s <= x and e >= y for s, e in spans)
            assert reach.overlaps(x, y) == any(s < y and e > x for s, e in spans)
            assert reach.contains(x) == any(s <= x < e for s, e in spans)
            assert reach.surrounds(x) == any(s < x < e for s, e in spans)


def test_fold_by_letter_is_normalize() -> None:
    """Every character the letter-by-letter path accepts, in random words, folds as normalize() folds it."""
    accepted = [chr(c) for c in range(0x0600, 0x0700) if lx._BY_LETTER.fullmatch(chr(c))]
    accepted += [chr(c) for c in range(128) if lx._BY_LETTER.fullmatch(chr(c))]
    rng = random.Random(11)
    for _ in range(20000):
        word = "".join(rng.choice(accepted) for _ in range(rng.randint(1, 9)))
        assert lx.fold.__wrapped__(word) == normalize(word).replace(" ", ""), word


def _cue_form_by_prefix(word: str, forms: dict[str, lx.CueForm]) -> lx.CueForm | None:
    """The reading before the table held the prefixed spellings."""
    if word in forms:
        return forms[word]
    if len(word) > 3 and word[0] in "وف" and word[1:] in forms:
        return forms[word[1:]]
    if len(word) > 4 and word[:2] in ("وف", "ول") and word[2:] in forms:
        return forms[word[2:]]
    return None


def test_cue_table_reads_prefixes_as_before() -> None:
    for forms in (lx.CUE_FORMS, lx.BROAD_CUE_FORMS):
        for form in forms:
            for prefix in ("", "و", "ف", "وف", "ول", "فو", "لو", "ب"):
                word = prefix + form
                assert lx.cue_form(word, forms) is _cue_form_by_prefix(word, forms), word


def test_strip_format_drops_exactly_the_format_characters() -> None:
    """The lazily filled table deletes a character iff its Unicode category is Cf."""
    rng = random.Random(5)
    chars = [chr(c) for c in (0xAD, 0x600, 0x61C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202B, 0x2066, 0xFEFF)]
    chars += [chr(rng.randrange(0x20, 0x30000)) for _ in range(3000)] + list("قال الوزير، إن")
    for ch in chars:
        assert strip_format("ا" + ch + "ب") == ("اب" if unicodedata.category(ch) == "Cf" else "ا" + ch + "ب"), hex(ord(ch))


def test_the_format_table_stays_bounded_on_a_text_of_every_character() -> None:
    """A hostile text holding every code point neither grows the table past its bound nor
    changes what is deleted."""
    from app.nlp.arabic import _FORMAT_CHARACTERS

    text = "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000)
    assert strip_format(text) == "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    assert len(_FORMAT_CHARACTERS) <= _FORMAT_CHARACTERS.MAX_ENTRIES


def test_lines_of_tokens_as_a_step_per_token() -> None:
    """The line of each token, built a line at a time, is the count of line breaks before it."""
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice("ab \n") for _ in range(rng.randint(0, 60)))
        starts = sorted(rng.sample(range(len(text)), rng.randint(0, len(text))))
        assert _lines_of(text, starts) == [text.count("\n", 0, s) for s in starts]
