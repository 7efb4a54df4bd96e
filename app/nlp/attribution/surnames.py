"""A lone surname the tagger missed (وأضاف الخديدي أنه): the person the article introduced
with it, after a title and a given name (المهندس سلطان الخديدي) or in a person entity.

The resolver's name index holds only what NER tagged; an article often names a person in
full once, in a form NER misses, and by surname after. Kept apart from speakers/, which
calls it as a last resort before an elided reading.
"""
from __future__ import annotations

import weakref
from functools import lru_cache

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import Doc, per_article

GIVEN_NAMES = 3  # at most this many words between the title and the surname
MENTIONS_READ = 50  # the first mentions of a word read for its introduction (bounded work a question)


def introduced_name(doc: Doc, k: int) -> str | None:
    """The full name of the surname at token k, where another mention of the same word ends
    a title + given-name run (or a PER entity of two words or more); else None."""
    word = _key(doc.folded[k])
    if len(word) < 3:
        return None
    for j in _mentions(doc).get(word, ())[:MENTIONS_READ]:  # the other mentions of the word, in order
        if j == k:
            continue
        ent = doc.entity_at[j]
        if ent is not None and ent.label == "PER" and len(ent.text.split()) >= 2:
            return " ".join(w for w in ent.text.split() if lx.fold(w) not in lx.TITLES)
        start = j
        while start > 0 and j - start < GIVEN_NAMES and _given_name(doc, start - 1):
            start -= 1
        if start < j and start > 0 and doc.folded[start - 1] in lx.TITLES:
            return doc.text[doc.tokens[start].start:doc.tokens[j].end]
    return None


@lru_cache(maxsize=1 << 16)
def _key(f: str) -> str:
    return lx.bare_word(f[1:] if f.startswith("وال") else f)


_MENTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _mentions(doc: Doc) -> dict[str, list[int]]:
    """Where each key stands, in order, read once per article."""
    def index() -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for j, f in enumerate(doc.folded):
            out.setdefault(_key(f), []).append(j)
        return out
    return per_article(_MENTIONS, doc, index)


def _given_name(doc: Doc, j: int) -> bool:
    f = doc.folded[j]
    return not doc.is_punct(j) and not f.startswith("ال") and f not in lx.FUNCTION_WORDS \
        and f not in lx.TITLES and f not in lx.ASIDE_STARTS and lx.head_word(f) == f \
        and lx.cue_form(f) is None and not doc.tokens[j].text[0].isdigit()
