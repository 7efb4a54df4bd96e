"""Courtesies said with verbs that are no cues: قدم الدكتور الشثري شكره، رفع عزيز شعيب الشكر.

Thanks and condolences are never statements (GUIDELINES), but their subject is who the next
verb with an elided subject means (`… شكره لسمو الأمير. ونوه بما تقوم به الجمعية`). The cue
finders only see courtesies after a verb of saying (أعرب عن شكره); these candidates give the
rules the subject of the others, and are kept out of the statements as formulaic.
"""
from __future__ import annotations

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import indices_in, strip_span
from app.nlp.attribution.intervals import Reach
from app.nlp.attribution.statement import Candidate

SUBJECT_WORDS = 6  # the verb, the subject, then the courtesy noun: a short clause


def courtesies(finder, found: list[Candidate]) -> list[Candidate]:
    """A candidate for each courtesy noun whose clause opens with a verb no cue finder read."""
    doc = finder.doc
    done = {c.cue_index for c in found}
    taken = Reach((c.start, c.end) for c in found)  # a bisection per courtesy, not a scan
    out: list[Candidate] = []
    for k in indices_in(doc.folded, lx.COURTESY_SPELLINGS):
        token = doc.tokens[k]
        if taken.contains(token.start):
            continue
        verb = _opening_verb(doc, k)
        if verb is None or verb in done or finder.cues[verb] is not None:
            continue
        start, end = strip_span(doc.text, token.start, finder.clause_end(k, object_np=True))
        if end - start < 3:
            continue
        raw = doc.tokens[verb].text
        out.append(Candidate(start, end, "indirect", lx.strip_marks(raw).lstrip("وف") or raw, verb, (verb + 1, k),
                             lx.strip_marks(raw).endswith("ت"), 0.5))
        done.add(verb)
    return out


def _opening_verb(doc, k: int) -> int | None:
    """The verb opening the courtesy's clause (after a sentence start, punctuation or من جانبه),
    with words between it and the courtesy for its subject; None if the clause opens otherwise."""
    last = k - 1 if k > 0 and doc.tokens[k - 1].text in ("،", ",") else k  # الدكتور الشثري، شكره
    if last < 1 or doc.is_punct(last - 1):
        return None
    for v in range(last - 2, max(-1, last - SUBJECT_WORDS - 1), -1):  # (no punctuation from v on)
        if doc.is_punct(v):
            return None
        before = v - 1
        opens = before < 0 or doc.is_punct(before) or doc.paragraph_of[before] != doc.paragraph_of[v] \
            or doc.folded[before] in lx.CLAUSE_CONNECTORS
        f = doc.folded[v]
        if opens and doc.entity_at[v] is None and not f.startswith("ال") and f not in lx.FUNCTION_WORDS \
                and f[1:] not in lx.FUNCTION_WORDS and _subject_between(doc, v, last):
            return v
    return None


def _subject_between(doc, v: int, k: int) -> bool:
    """Words that can name the subject between the verb and the courtesy: a tagged person or
    body, a title, or an untagged name (no function word, no preposition glued to ال)."""
    words = range(v + 1, k)
    if any(doc.entity_at[j] is not None and doc.entity_at[j].label in ("PER", "ORG") or doc.folded[j] in lx.TITLES
           for j in words):
        return True
    return 1 <= len(words) <= 3 and all(doc.entity_at[j] is None and doc.folded[j] not in lx.FUNCTION_OR_ASIDE
                                        and not doc.folded[j].startswith(("ال", "ب", "ل", "ك", "من"))
                                        for j in words)  # (بأحر، منا: the writer's own courtesy)
