"""Which span is the statement: a candidate's span and shorter readings of it, with features.

The finders end reported content at the sentence's end and start it right after the cue's
opener; the annotation often ends it earlier (at `، ولكن…`، `، مشيراً…`) or starts it later
(after a colon or a complementiser inside it). Each reading is a `SpanOption`; a learned
ranker picks one (learned.py).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import QUOTE_MARKS, Doc, strip_span
from app.nlp.attribution.features import length_bin
from app.nlp.attribution.statement import Candidate

MAX_CUTS = 3  # clause boundaries tried inside one span
CONTRAST = frozenset(lx.fold(w) for w in ("لكن", "ولكن", "بينما", "إلا", "الا", "غير", "رغم", "مع", "حيث", "كما"))


@dataclass
class SpanOption:
    candidate: Candidate
    features: dict[str, float] = field(default_factory=dict)


def span_options(doc: Doc, cand: Candidate) -> list[SpanOption]:
    """The span as found, then each reading cut at a clause boundary or started after an opener."""
    words = len(doc.text[cand.start:cand.end].split())
    options = [SpanOption(cand, {"rule": 1.0, "span=found": 1.0, f"span_type={cand.type}": 1.0,
                                 f"found_length={length_bin(words)}": 1.0})]
    a, b = doc.token_index_at(cand.start), doc.token_index_at(cand.end)
    cuts = 0
    breaks = doc.clause_breaks
    for k in breaks[bisect.bisect_left(breaks, a + 1):bisect.bisect_left(breaks, b)]:  # the boundaries inside
        if cuts >= MAX_CUTS:
            break
        if k + 1 >= b:
            continue
        nxt = doc.folded[k + 1]
        start, end = strip_span(doc.text, cand.start, doc.tokens[k].start)
        if end - start < 2 or _inside_marks(doc.text, cand.start, doc.tokens[k].start):
            continue
        cuts += 1
        kept = len(doc.text[start:end].split())
        option = SpanOption(replace(cand, start=start, end=end), {
            "span=cut": 1.0, f"cut_at={'sentence' if doc.ends_sentence(k) else 'comma'}": 1.0,
            f"cut_next={_next_class(nxt)}": 1.0, f"cut_rank={cuts}": 1.0,
            f"cut_share={min(int(10 * kept / max(words, 1)), 9) // 2}": 1.0,
            f"cut_length={length_bin(kept)}": 1.0, f"span_type={cand.type}": 1.0})
        options.append(option)
    for k in range(a, min(b, a + 15)):
        f = doc.folded[k]
        if doc.tokens[k].text == ":" or (k > a and f in lx.COMPLEMENTISERS):
            start, end = strip_span(doc.text, doc.tokens[k].end, cand.end)
            if end - start >= 2:
                options.append(SpanOption(replace(cand, start=start, end=end), {
                    "span=late_start": 1.0, f"late_after={'colon' if f == ':' else 'complementiser'}": 1.0,
                    f"late_skip={min(k - a, 12) // 3}": 1.0, f"span_type={cand.type}": 1.0}))
            break
    return options


def _next_class(folded: str) -> str:
    """What opens the clause after a boundary: a contrast, a new cue, و/ف, or another word."""
    if folded in CONTRAST:
        return "contrast"
    form = lx.cue_form(folded)
    if form is not None:
        return "participle_cue" if form.participle else "cue"
    if folded[:1] in ("و", "ف") and len(folded) > 2:
        return "wa"
    if folded in lx.RELATIVES:
        return "relative"
    return "other"


_COUNTED_MARKS = re.compile('[“«”»"]')


def _inside_marks(text: str, start: int, offset: int) -> bool:
    """An unclosed quotation mark between start and offset: the cut would split a quotation."""
    opened = 0
    for ch in _COUNTED_MARKS.findall(text, start, offset):  # other characters leave the count as it is
        if ch in "“«":
            opened += 1
        elif ch in "”»" and opened:
            opened -= 1
        elif ch == '"':
            opened = 1 - opened if opened <= 1 else opened
    return opened > 0 and any(m in text[start:offset] for m in QUOTE_MARKS)
