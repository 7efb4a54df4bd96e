"""Noun phrases of collective and unnamed speakers, for the rules that cut them at a head.

`عدد من زوار المهرجان`, `بعض الخبراء الأجانب`: a quantity or group head followed by a
partitive من and who they are. Cutting at the head (عدد) names nobody, so the rules that
take a subject by its head noun extend it over the partitive here.
"""
from __future__ import annotations

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import Doc

PARTITIVE_WORDS = 3  # who they are is short: زوار المهرجان، الاقتصاديين السعوديين


def partitive_end(doc: Doc, end: int, limit: int) -> int:
    """The end of `من <noun> <ال-genitives and adjectives>` starting at token `end` (من),
    before `limit`; `end` itself when no partitive starts there."""
    if end + 1 >= limit or doc.folded[end] != "من" or not _word(doc, end + 1):
        return end
    k = end + 2
    while k < limit and k - end <= PARTITIVE_WORDS and _word(doc, k) and doc.folded[k].startswith("ال"):
        k += 1
    return k


def _word(doc: Doc, k: int) -> bool:
    f = doc.folded[k]
    raw = lx.strip_marks(doc.tokens[k].text)
    return not doc.is_punct(k) and f not in lx.FUNCTION_WORDS and f not in lx.ASIDE_STARTS \
        and f not in lx.COMPLEMENTISERS and lx.cue_form(f) is None \
        and not (raw.endswith(("ه", "ها", "هم")) and not raw.startswith("ال"))
