"""A description run on to its full length, as the article writes it where it names the speaker.

A finder or the tagger often stops a description early: `مصادر دبلوماسية في الحكومة` before
`اليمنية`, `المجلس الرقمي` before `في فرنسا`, `إدارة` before `نادي الشباب`. The annotation,
and a reader, name the speaker by the whole phrase; the adjectives, genitives and `في/من`
phrases that follow the words in the text belong to it.
"""
from __future__ import annotations

import bisect
import itertools
import weakref

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import CLOSE_MARKS, OPEN_MARKS, Doc, per_article, unquoted
from app.nlp.attribution.morphology import nisba, plural_noun, sound_plural_with_nun

MAX_ADDED = 6  # words a description may gain: a phrase, not a clause
MAX_LOOKS = 50  # places of its first word tried each way (a cost bound: each one tried is a hit or near one)
OF_PREPOSITIONS = frozenset({"في", "من"})
QUOTED_NAME_WORDS = 4  # a name in quotation marks after a body's head, not a quoted statement
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def completed(doc: Doc, name: str, before: int) -> str:
    """`name` with the words that continue it where the article writes it last before character
    offset `before` (else first after it); `name` as it is when the article does not write it."""
    table = per_article(_cache, doc, dict)
    key = (name, before)
    if key not in table:
        table[key] = _completed(doc, name, before)
    return table[key]


def _completed(doc: Doc, name: str, before: int) -> str:
    words = [lx.fold(w) for w in name.split()]
    if not words or any(not w for w in words):
        return name
    k = _written_at(doc, words, doc.token_index_at(before))
    if k is None:
        return name
    end = _phrase_end(doc, k, k + len(words))
    if end == k + len(words):
        return name
    return unquoted(doc.text[doc.tokens[k].start:doc.tokens[end - 1].end])


def _written_at(doc: Doc, words: list[str], before: int) -> int | None:
    """The token where the article writes `words` last before token `before`, else first after
    it: a bisection into where the first word stands, then a step at a time to a full match."""
    positions = doc.spellings[0].get(words[0], [])
    n = bisect.bisect_left(positions, before)
    earlier = range(n - 1, max(-1, n - 1 - MAX_LOOKS), -1)
    for j in itertools.chain(earlier, range(n, min(len(positions), n + MAX_LOOKS))):
        k = positions[j]
        if doc.folded[k:k + len(words)] == words:
            return k
    return None


def _phrase_end(doc: Doc, first: int, end: int) -> int:
    """The token after the description that starts at `first` and is written up to `end`."""
    n = len(doc.tokens)
    limit = min(n, end + MAX_ADDED)
    head = lx.head_word(doc.folded[first])
    grouped = head in lx.PERSON_HEADS or ("ال" + head) in lx.PERSON_HEADS
    verb = _cue_before(doc, first)
    own_preps = set(verb.preps if verb is not None else ())  # the verb's object: أعرب مصدر عن
    if plural_noun(head) or head.endswith(("ون", "ين")) and len(head) >= 5:
        own_preps.add("من")  # سخر كثيرون من القضية: after a plural, من starts what they did, not who they are
    e = end
    if end == first + 1 and (head in lx.ORG_HEADS or lx.bare_word(head) in lx.ORG_HEADS):
        e = quoted_name_end(doc, e)  # a bare head (موقع، صحيفة) is named by the quoted words after it
    while e < limit and doc.paragraph_of[e] == doc.paragraph_of[first] and not doc.is_punct(e):
        f = doc.folded[e]
        entity = doc.entity_at[e]
        if entity is not None and e > 0 and doc.entity_at[e - 1] is entity:
            e += 1  # the rest of a name the phrase has reached
            continue
        if _clause_word(f) and entity is None:
            break
        if nisba(f) and entity is None and (f.startswith("ال") or not doc.folded[e - 1].startswith("ال")):
            e += 1  # اليمنية، البريطانية، الأرجنتيني (an adjective agrees: none without ال after ال)
            continue
        if f in OF_PREPOSITIONS and f not in own_preps and e + 1 < limit and not doc.is_punct(e + 1) \
                and not _clause_word(doc.folded[e + 1]) and lx.bare_word(doc.folded[e + 1]) not in lx.DOC_HEADS \
                and (doc.folded[e + 1].startswith("ال") or doc.entity_at[e + 1] is not None or grouped and f == "من"):
            e += 2  # في فرنسا، في الحكومة، من زوار (not في بيان: where it was said)
            continue
        before_definite = doc.folded[e - 1].startswith("ال")
        if not before_definite and (f.startswith("ال") or entity is not None and entity.label in ("ORG", "LOC")) \
                and not nisba(doc.folded[e - 1]) and not sound_plural_with_nun(doc.folded[e - 1]) \
                and (doc.entity_at[e - 1] is None or entity is not None and f.startswith("و")):
            # a genitive, or a name joined to a name (بريطانيا وفرنسا); a name takes no genitive
            e += 1  # إدارة نادي الشباب، زوار المهرجان
            continue
        break
    return e


def quoted_name_end(doc: Doc, e: int) -> int:
    """A short name in quotation marks opening at token e (موقع «الدرر الشامية»، حسب “سبأ”):
    the token after its closing mark; `e` when no short quoted name opens there."""
    if e >= len(doc.tokens) or doc.tokens[e].text not in OPEN_MARKS:
        return e
    for k in range(e + 2, min(len(doc.tokens), e + 2 + QUOTED_NAME_WORDS)):
        if doc.paragraph_of[k] != doc.paragraph_of[e]:
            break
        if doc.tokens[k].text in CLOSE_MARKS:
            return k + 1
        if doc.is_punct(k):
            break
    return e


def _cue_before(doc: Doc, k: int) -> lx.CueVerb | None:
    """The cue verb right before token k, whose subject the description there is."""
    if k == 0:
        return None
    form = lx.cue_form(doc.folded[k - 1]) or lx.cue_form(doc.folded[k - 1], lx.BROAD_CUE_FORMS)
    return form.verb if form is not None else None


def _clause_word(f: str) -> bool:
    """A word that opens the statement or another clause, not one that describes a speaker."""
    return f in lx.COMPLEMENTISERS or f in lx.FUNCTION_WORDS and f not in OF_PREPOSITIONS \
        or f in lx.RELATIVES or f in lx.TITLES or lx.cue_form(f) is not None \
        or lx.cue_form(f, lx.BROAD_CUE_FORMS) is not None or f in lx.TIME_NOUNS or f in lx.TIME_FIXERS
