"""Recall-oriented candidates for broad mode: cue words whose content frame the rules do not read.

The rules read a cue's content after a complementiser, a colon, a quotation or the verb's own
preposition. Annotated news also reports content as the object after the subject (قدّر
رئيس المنظمة خسائر القطاع بـ…), after an addressee and any preposition (دعا الدول العربية
إلى…، طالبت الولايات المتحدة الصين بـ…), and in headlines with the subject first (الجامعة
العربية تستنكر محاولات…). These generators propose such spans for every cue word that
produced no candidate; the learned statement decider weighs them like any other.
"""
from __future__ import annotations

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import strip_span
from app.nlp.attribution.statement import HARD_FILTERS, Candidate

OBJECT_PREPOSITIONS = frozenset({"الي", "علي", "عن", "من", "في"})
SEARCH = 8  # tokens after the subject where the object may start
MIN_CHARS = 3
HEADLINE_SUBJECT = 12  # tokens before a headline's cue where its subject may stand


def relaxed_objects(finder, done: set[int]) -> list[Candidate]:
    """Object-frame candidates of the cue words (accepted, filtered or broad-lexicon ones)
    that produced no candidate; each marked with how it was read."""
    out: list[Candidate] = []
    for i in finder.cue_words:  # the only words with a cue form, accepted or not
        form, why = finder.rejected.get(i, (None, ""))
        form = finder.cues[i] or (form if why not in HARD_FILTERS else None)
        if form is None or i in done:
            continue
        saved = finder.cues[i]
        finder.cues[i] = form
        try:
            out.extend(_objects_of(finder, i, form))
        finally:
            finder.cues[i] = saved
    return out


def _objects_of(finder, i: int, form: lx.CueForm) -> list[Candidate]:
    doc = finder.doc
    if i > 0 and doc.folded[i - 1] in lx.NEGATIONS:
        return []
    sentence = doc.sentence_of[i]
    zone_end = i + 1
    while zone_end < finder.n and zone_end - i < 45 and doc.sentence_of[zone_end] == sentence:
        zone_end += 1
    headline = doc.paragraph_of[i] == 0
    subject_end = i + 1 if headline else finder._subject_end(i, zone_end)
    out: list[Candidate] = []
    why = finder.rejected.get(i, (None, ""))[1]
    np_start = subject_end
    if np_start < zone_end and not doc.is_punct(np_start) and doc.folded[np_start] not in lx.FUNCTION_WORDS \
            and doc.folded[np_start] not in lx.COMPLEMENTISERS:
        cand = _span(finder, i, np_start, 0, form, "relaxed_np", subject_end, why)
        if cand:
            out.append(cand)
    for q in range(subject_end, min(zone_end, subject_end + SEARCH)):
        if doc.is_punct(q):
            break
        f = doc.folded[q]
        if f in OBJECT_PREPOSITIONS and q + 1 < zone_end and not doc.is_punct(q + 1):
            cand = _span(finder, i, q + 1, 0, form, "relaxed_prep", q, why)
        elif f[:1] in ("ب", "ل") and len(f) >= 4 and doc.entity_at[q] is None and q > subject_end:
            cand = _span(finder, i, q, 1, form, "relaxed_prep", q, why)
        else:
            continue
        if cand:
            out.append(cand)
        break
    return out


def _span(finder, i: int, k: int, skip_chars: int, form: lx.CueForm, how: str, zone_end: int,
          why: str) -> Candidate | None:
    doc = finder.doc
    end = finder.clause_end(k, object_np=True)
    start, end = strip_span(doc.text, doc.tokens[k].start + skip_chars, end, keep_quoted_ends=True)
    if end - start < MIN_CHARS:
        return None
    headline = doc.paragraph_of[i] == 0
    zone = (i + 1, zone_end)
    if headline:  # the title's words before the cue (a bounded stretch: a title line may be a whole text)
        a = i
        while a > 0 and i - a < HEADLINE_SUBJECT and doc.paragraph_of[a - 1] == 0:
            a -= 1
        zone = (a, i)
    cand = Candidate(start, end, finder._type_of(start, end), form.verb.base, i, zone, form.feminine, 0.5,
                     source_first=headline)
    cand.rejected_by = f"{how}|{why or 'accepted'}"
    return cand
