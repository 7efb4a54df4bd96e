"""Noun phrases of collective and unnamed speakers, for the rules that cut them at a head.

`عدد من زوار المهرجان`, `بعض الخبراء الأجانب`: a quantity or group head followed by a
partitive من and who they are. Cutting at the head (عدد) names nobody, so the rules that
take a subject by its head noun extend it over the partitive here.
"""
from __future__ import annotations

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import Doc
from app.nlp.attribution.morphology import nisba

QUANTITIES = lx.read_words("speaker_heads.tsv", "quantity")
PARTITIVE_WORDS = 3  # who they are is short: زوار المهرجان، الاقتصاديين السعوديين


def partitive_end(doc: Doc, head: int, end: int, limit: int) -> int:
    """After a quantity at `head` (عدد، بعض), the end of `من <noun> <ال-genitives and
    adjectives>` starting at token `end` (من), before `limit`; else `end` itself (not after
    other heads: كثيرون من القضية is about the issue)."""
    if doc.folded[head] not in QUANTITIES or end + 1 >= limit or doc.folded[end] != "من" \
            or not phrase_word(doc, end + 1):
        return end
    k = end + 2
    while k < limit and k - end <= PARTITIVE_WORDS and phrase_word(doc, k) and doc.folded[k].startswith("ال"):
        k += 1
    return k


def phrase_word(doc: Doc, k: int) -> bool:
    """A content word of a noun phrase: no punctuation, function word, complementiser, cue or
    pronoun-suffixed word."""
    f = doc.folded[k]
    raw = lx.strip_marks(doc.tokens[k].text)
    return not doc.is_punct(k) and f not in lx.FUNCTION_WORDS and f not in lx.ASIDE_STARTS \
        and f not in lx.COMPLEMENTISERS and lx.cue_form(f) is None \
        and not (raw.endswith(("ه", "ها", "هم")) and not raw.startswith("ال"))


def name_end(doc: Doc, k: int) -> int:
    """The token after the entity at token k and the definite adjectives that follow it
    (الولايات المتحدة | الأمريكية)."""
    ent = doc.entity_at[k]
    while k < len(doc.tokens) and doc.entity_at[k] is ent:
        k += 1
    while k < len(doc.tokens) and doc.entity_at[k] is None and doc.folded[k].startswith("ال") and nisba(doc.folded[k]):
        k += 1
    return k
