"""Find statements: cue + content, quotations, colon speech, according-to, headlines.

Each finder returns `Candidate`s: the statement span, its type and cue, and where the
speaker should be looked for (the mention zone after the cue, or the clause before it).
Speaker resolution is a separate stage (`speakers/`) because it needs the whole article.
Which words are cues is `cue_words`; where a cue's subject ends and its content starts is
`subject_zone`; statements found by the article's structure are `structure`.
"""
from __future__ import annotations

import bisect
from functools import cached_property

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.candidates.broad import relaxed_objects
from app.nlp.attribution.candidates.courtesies import courtesies
from app.nlp.attribution.candidates.cue_words import CueWords
from app.nlp.attribution.candidates.marks import MarkSpan, pair_marks
from app.nlp.attribution.candidates.structure import MASDAR_SPELLINGS, StructureFinders
from app.nlp.attribution.candidates.subject_zone import SubjectZone
from app.nlp.attribution.document import CLAUSE_PUNCT, QUOTE_MARKS, Doc, indices_in, strip_span
from app.nlp.attribution.intervals import Reach
from app.nlp.attribution.morphology import circumstantial
from app.nlp.attribution.morphology import masdar_like as _masdar_like
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.statement import CONTINUATION, HARD_FILTERS, INTERVIEW, Candidate

__all__ = ["CONTINUATION", "INTERVIEW", "Candidate", "Finder", "_nisba"]

CONTRAST = frozenset(lx.fold(w) for w in ("إلا", "الا", "لكن", "ولكن", "بينما", "غير"))
NAMED_BY_HEADS = lx.ORG_HEADS | lx.NAMING_NOUNS  # a body or a title whose name follows in marks
MAX_ZONE = 45  # tokens between a cue and its content (long titles and asides)
RELATIVE_PRONOUNS = lx.RELATIVES - {lx.fold("ما"), lx.fold("مما")}  # الذي، التي، الذين… (not "what")
QUOTED_PERSON_WORDS = 6  # a person's name in quotation marks, not a quoted statement
FRAME_REACH = 8  # tokens from a cue to its preposition or complementiser, past its subject
# the words a cue-driven statement starts from: a cue of either lexicon, an according-to, a verbal-noun cue
SPEECH_WORDS = lx.CUE_SPELLINGS | frozenset(lx.ACCORDING) | MASDAR_SPELLINGS



class Finder(CueWords, SubjectZone, StructureFinders):
    """Cue-driven statements; the structure-driven ones come from `StructureFinders`, the cue
    words and their filters from `CueWords`, the span between cue and content from `SubjectZone`."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.marks = pair_marks(doc.text)
        self.top_marks = [m for m in self.marks if m.depth == 0]
        # offsets for bisection, so each lookup below reads only the marks near it
        self.mark_opens = [m.open for m in self.marks]
        quoted = [m for m in self.top_marks if m.closed and len(doc.text[m.open:m.close].split()) >= 4]
        self.quoted = Reach((m.open, m.close) for m in quoted)
        self.n = len(doc.tokens)
        # the top-level quotation each quotation-mark token opens
        self.opening_at: dict[int, MarkSpan] = {}
        for m in self.top_marks:
            k = doc.token_index_at(m.open)
            while k < self.n and doc.tokens[k].start == m.open:
                if doc.tokens[k].text in QUOTE_MARKS:
                    self.opening_at[k] = m
                k += 1
        # tokens right after a comma or semicolon: only there may a word that is no cue open a new clause
        self.after_clause_punct = [False] + [t.text in CLAUSE_PUNCT for t in doc.tokens[:-1]]
        # cue words a hand filter turned down, with the filter's name: in broad mode they still
        # propose statements, and the filter becomes a feature the learned decision weighs
        self.rejected: dict[int, tuple[lx.CueForm, str]] = {}
        self.broad = False  # find(broad=True): also propose what the hand rules turn down
        # only the words some lexicon holds can be cues, so only they are read (in order)
        self.speech_words = indices_in(doc.folded, SPEECH_WORDS)
        self.cue_words = [i for i in self.speech_words if doc.folded[i] in lx.CUE_SPELLINGS]
        self.cues: list[lx.CueForm | None] = [None] * self.n
        for i in self.cue_words:
            self.cues[i] = self._cue_at(i)
        # family names the tagger found somewhere: القرشي names someone even where it is untagged
        self.surnames = {lx.fold(e.text.split()[-1]) for e in doc.entities if e.label == "PER" and e.text.split()}

    def _mark_opening(self, i: int) -> MarkSpan | None:
        return self.opening_at.get(i)

    def _words(self, a: int, b: int) -> int:
        return len(self.doc.text[a:b].split())

    def _token_after(self, offset: int) -> int:
        return self.doc.token_index_at(offset)

    def clause_end(self, k: int, stop_at_cues: bool = True, object_np: bool = False) -> int:
        """Character offset where content starting at token k ends."""
        doc = self.doc
        para = doc.paragraph_of[k] if k < self.n else -1
        j = k
        last_end = doc.tokens[k].end if k < self.n else len(doc.text)
        stops = self._clause_stops
        while j < self.n:
            if doc.paragraph_of[j] != para:
                break
            stop = stops[bisect.bisect_left(stops, j)]
            if stop > j:  # no test below holds before the next stop: skip to it
                last_end = doc.tokens[stop - 1].end
                j = stop
                continue
            m = self._mark_opening(j)
            if m is not None and m.closed and m.close > doc.tokens[j].start:
                # a quotation inside the content: take it whole
                last_end = m.close
                j = self._token_after(m.close + 1)
                continue
            if doc.ends_sentence(j):
                break
            if stop_at_cues and j > k and (self.cues[j] is not None or self.after_clause_punct[j]) \
                    and self._starts_new_cue(j):
                break
            if stop_at_cues and j > k and (self.cues[j] is not None or j in self.rejected):
                joined = self._joined_after_break(j)
                if joined is not None:
                    return doc.tokens[joined - 1].end if joined - 1 >= k else last_end
            if stop_at_cues and (j > k + 2 or j > k and self._participle_opening(j)) and self.cues[j] is not None \
                    and self._own_content(j):
                back = j
                for b in range(j - 1, max(k, j - 3), -1):
                    if doc.tokens[b].text.startswith("و") and len(doc.folded[b]) <= 3:
                        back = b
                        break
                return doc.tokens[back - 1].end if back - 1 >= k else last_end
            if stop_at_cues and j > k + 1 and self.cues[j] is not None and doc.folded[j - 1] in RELATIVE_PRONOUNS \
                    and not self.cues[j].present and self._frame_ahead(j):
                # …مع فولفسبورغ الذي أعرب مدربه عن استغرابه: a relative clause with speech of its own
                # (in the past: المتظاهرين الذين يطالبون بـ describes them, it reports nothing)
                back = j - 1
                if back - 2 >= k and doc.folded[back - 2:back] == ["في", "الوقت"]:
                    back -= 2  # في الوقت الذي أبانت مصادر … عن
                return doc.tokens[back - 1].end if back - 1 >= k else last_end
            if doc.folded[j] in ("جاء",) and j + 1 < self.n and doc.folded[j + 1] == "ذلك":
                break
            if stop_at_cues and j > k and self.after_clause_punct[j] and circumstantial(doc.folded[j]):
                break  # …، مستعرضا بعض الأمثلة: the narration goes on about the speaker
            if object_np and doc.tokens[j].text in ("،", ",") and j + 1 < self.n and doc.folded[j + 1] in CONTRAST:
                break  # أعلن تحرير ...، إلا أن ...: the narration resumes after a verbal-noun object
            last_end = doc.tokens[j].end
            j += 1
        return last_end

    @cached_property
    def _clause_stops(self) -> list[int]:
        """The tokens where clause_end has something to test (a sentence or line start, a
        quotation opening, a cue word, a clause break and the token after it, جاء), in order
        and ending with the token count: the words between are content, read at once."""
        doc = self.doc
        breaks = doc.clause_breaks  # commas, semicolons and sentence ends
        return sorted({*doc.sentence_starts, *self.opening_at, *self.cue_words, *breaks, *(j + 1 for j in breaks),
                       *doc.spellings[0].get("جاء", ()), self.n})

    def _own_content(self, j: int) -> bool:
        """A cue inside content that opens its own: قال منتقدون إنها... (ends the content before it)."""
        for p in range(j + 1, min(self.n, j + 5)):
            if self.is_comp(p) or self.doc.tokens[p].text == ":":
                return True
            if self.doc.ends_sentence(p):
                return False
        return False

    def _labelled_name_then_comp(self, i: int, colon: int) -> int | None:
        """A title, then a colon, then a person's name and a complementiser after it: the colon
        labels who speaks rather than opening what is said. The complementiser's index, else None."""
        doc = self.doc
        nxt = colon + 1
        if not (colon > i + 1 and doc.folded[colon - 1] in lx.TITLES and nxt < self.n
                and doc.entity_at[nxt] is not None and doc.entity_at[nxt].label == "PER"):
            return None
        for k in range(nxt + 1, min(self.n, nxt + MAX_ZONE)):
            if doc.ends_sentence(k) or doc.tokens[k].text == ":":
                return None
            if self.is_comp(k):
                return k
        return None

    def _frame_ahead(self, j: int) -> bool:
        """The cue at j reaches its own content within its clause: a complementiser or the
        verb's own preposition (أعرب … عن، أبانت … عن، يعتقدون أنها)."""
        doc = self.doc
        preps = self.cues[j].verb.preps
        for p in range(j + 1, min(self.n, j + FRAME_REACH)):
            if doc.is_punct(p) or doc.ends_sentence(p):
                return False
            f = doc.folded[p]
            if self.is_comp(p) or f in preps or any(len(q) == 1 and f.startswith(q) and len(f) > 3 for q in preps):
                return True
        return False

    def _participle_opening(self, j: int) -> bool:
        """`الحصيلة مضيفًا أن`: a participle cue right before its complementiser opens new
        content even one word into the current one."""
        form = self.cues[j]
        return form is not None and form.participle and j + 1 < self.n and self.is_comp(j + 1)

    def _starts_new_cue(self, j: int) -> bool:
        """A cue that opens new content: `، مضيفاً أن`, `، وقال`, `كما قال`."""
        doc = self.doc
        form = self.cues[j]
        if form is None:  # (only after clause punctuation: clause_end asks only there)
            if doc.folded[j] in lx.ACCORDING and j > 0 and doc.tokens[j - 1].text in CLAUSE_PUNCT:
                return True
            return j > 0 and doc.tokens[j - 1].text in CLAUSE_PUNCT and self._cue_after_comma(j)
        prev = doc.tokens[j - 1].text if j else ""
        if form.participle:
            # after any punctuation: `، مضيفاً`, `» مضيفاً`, `.. مشيراً` (an ellipsis is no sentence end)
            return doc.is_punct(j - 1) or doc.folded[j - 1] in ("و",)
        if prev in CLAUSE_PUNCT or doc.folded[j - 1] in ("كما", "ثم", "فيما", "بينما", "حيث", "و"):
            return True
        if doc.tokens[j].text[0] in "وف" and doc.folded[j] not in (form.verb.past,) and j > 0 \
                and not form.present and not form.participle:
            return True  # وقال / فأشار: a new clause with its own cue
        return False

    def _joined_after_break(self, j: int) -> int | None:
        """`، كما أيد`, `، ولكنه أبدى`, `، إلا أنهم أكدوا`: the comma before a cue that only
        clause connectors (one or two) separate from it, else None."""
        doc = self.doc
        b = j - 1
        while b >= 0 and j - b <= 2 and doc.folded[b] in lx.CLAUSE_CONNECTORS:
            b -= 1
        if b < 0 or b == j - 1 or doc.tokens[b].text not in CLAUSE_PUNCT:
            return None
        return b

    def _cue_after_comma(self, j: int) -> bool:
        """`، مشيرةً إلى`، `، ورفض`، `، مستعرضاً`: a cue word a filter turned down (or one of the
        broad lexicon) right after a comma still opens a new clause, so content ends before it.
        A feminine participle the lexicon keeps out as a noun (مشيرة) counts before its
        preposition or complementiser."""
        doc = self.doc
        nxt = doc.folded[j + 1] if j + 1 < self.n else ""
        form = self.rejected.get(j, (None, ""))[0]
        if form is None and doc.folded[j].endswith("ه") and (nxt in lx.COMP_PREPS or nxt in lx.COMPLEMENTISERS):
            form = lx.cue_form(doc.folded[j][:-1] + "ا")
        if form is None or form.present:
            return False
        return form.participle or doc.tokens[j].text[:1] in "وف"

    # -- finders ------------------------------------------------------------------------
    def find(self, broad: bool = False) -> list[Candidate]:
        """Every statement the rules accept; with `broad`, also those of cue words a filter
        turned down (each marked with the filter), for a learned decision to weigh."""
        out: list[Candidate] = []
        used_marks: set[int] = set()
        self.broad = broad
        for i in self.speech_words:  # no other word starts a statement here
            if broad and i in self.rejected and self.rejected[i][1] not in HARD_FILTERS:
                out.extend(self._despite_filter(i, used_marks))
            if self.cues[i] is not None:
                post = self._postposed(i, used_marks)
                if post:
                    out.append(post)
                cand = self._from_cue(i, used_marks)
                if cand:
                    out.append(cand)
            elif self.doc.folded[i] in lx.ACCORDING:
                cand = self._according(i)
                if cand:
                    out.append(cand)
            elif lx.masdar_word(self.doc.folded[i]) in lx.MASDAR_CUES:
                cand = self._masdar_cue(i)
                if cand:
                    out.append(cand)
        if broad:
            out.extend(relaxed_objects(self, {c.cue_index for c in out}))
        out.extend(courtesies(self, out))
        out.extend(self._after_the_fact(out))
        out.extend(self._headlines(out))
        out.extend(self._interview_answers(out))
        out.extend(self._continuations(out))
        return out

    def _despite_filter(self, i: int, used_marks: set[int]) -> list[Candidate]:
        form, why = self.rejected[i]
        self.cues[i] = form
        try:
            found = [c for c in (self._postposed(i, set(used_marks)), self._from_cue(i, set(used_marks))) if c]
        finally:
            self.cues[i] = None
        for c in found:
            c.rejected_by = why
        return found

    def _from_cue(self, i: int, used_marks: set[int]) -> Candidate | None:
        doc = self.doc
        form = self.cues[i]
        verb = form.verb
        para = doc.paragraph_of[i]
        j = i + 1
        limit = min(self.n, i + MAX_ZONE)
        # "صرح بذلك"، "أوضح ذلك": attribution after the fact, handled elsewhere
        if j < self.n and doc.folded[j] in ("بذلك", "بهذا") or self._says_so(i):
            return None
        comp_at = self._complementiser_ahead(i, limit)
        while j < limit and doc.paragraph_of[j] == para:
            tok = doc.tokens[j].text
            f = doc.folded[j]
            if doc.ends_sentence(j):
                break
            if j > i + 1 and self.cues[j] is not None and doc.folded[j - 1] not in lx.RELATIVES:
                break  # (a cue in a relative clause, عدد من التجار الذين تحدثوا, is part of the subject)
            if f in lx.FIRST_PERSON and f not in lx.COMPLEMENTISERS and j > i + 1 and comp_at is None:
                end = self.clause_end(j)
                start, end = strip_span(doc.text, doc.tokens[j].start, end)
                return Candidate(start, end, "direct", verb.base, i, (i + 1, j), form.feminine, 0.7)
            if f in lx.CLAUSE_STARTERS:
                break
            if j == comp_at and tok != ":" and not self._plausible_zone(i, j):
                return None
            if j == comp_at and tok != ":":
                if self._describes(i) and j > i + 1:
                    # وصف X بأنه...: the object and its description are the content
                    k = self._subject_end(i, j)
                    if k < j:
                        return self._content_after(i, k - 1 if k > i + 1 else i, k, "comp", used_marks)
                return self._content_after(i, j, j + 1, "comp", used_marks)
            labelled = self._labelled_name_then_comp(i, j) if tok == ":" else None
            if labelled is not None:
                comp_at, j = labelled, j + 1  # والد الشهيد، المواطن: مسفر المسيلي أن…: the colon labels the name
                continue
            if tok == ":":
                if not self._plausible_zone(i, j, limit=6):
                    return None  # أعلن اكتمال الاستعدادات التي تشمل: ... — a list, not speech
                return self._content_after(i, j, j + 1, "colon", used_marks)
            m = self._mark_opening(j)
            if m is not None:
                nxt = self._token_after(m.close + 1)
                after = doc.folded[nxt] if nxt < self.n else ""
                after2 = doc.folded[nxt + 1] if nxt + 1 < self.n else ""
                subject_like = (comp_at is not None and m.closed and m.close < doc.tokens[comp_at].start) or (
                                (nxt < self.n and self.is_comp(nxt)) or after == ":" or
                                (after in ("،", ",") and (nxt + 1 < self.n and self.is_comp(nxt + 1)
                                                          or after2 in lx.COMP_PREPS))
                                or self._words(*m.inner) <= 3 and (verb.np or verb.preps))
                if not subject_like and self._object_before_quote(i, j):
                    break  # كتبت روايتها «...»: a title, not speech
                if not subject_like and self._object_opens_zone(i, j):
                    break  # أكد ضرورة البحث عن حل "بما أنه...": the quotation is part of the object

                if not subject_like and verb.saying and self._words(*m.inner) >= 4 and m.open not in used_marks \
                        and not self._quoted_person(m):
                    return self._quote_content(i, j, m, used_marks, "quote")
                j = nxt
                continue
            j += 1
        zone_end = j
        # a verbal-noun or prepositional object
        obj = self._object_start(i, zone_end)
        if obj is not None:
            k, via = obj
            end = self.clause_end(k, object_np=True)
            start, end = strip_span(doc.text, doc.tokens[k].start if via != "ب" else doc.tokens[k].start + 1, end,
                                    keep_quoted_ends=True)
            if end - start < 3:
                return None
            zone = (i + 1, k if via in ("np", "ب") else k - 1)
            return Candidate(start, end, self._type_of(start, end), verb.base, i, zone, form.feminine,
                             0.6 if via == "np" else 0.7)
        return None

    def _postposed(self, i: int, used_marks: set[int]) -> Candidate | None:
        """`«...»، قال X` — a cue right after a quotation, without و, attributes it."""
        doc = self.doc
        form = self.cues[i]
        if doc.tokens[i].text[0] in "وف" and doc.folded[i] != form.verb.past or form.participle:
            return None
        back = i - 1
        while back >= 0 and doc.tokens[back].text in ("،", ",", "-", "–"):
            back -= 1
        if back < 0 or doc.tokens[back].text not in QUOTE_MARKS or self._has_own_content(i):
            return None
        for m in self.top_marks:
            if m.close == doc.tokens[back].start and m.closed and m.open not in used_marks \
                    and self._words(*m.inner) >= 3 and not self._named_by_head(m):
                used_marks.add(m.open)
                s, e = strip_span(doc.text, *m.inner)
                zone_end = i + 1
                while zone_end < self.n and zone_end - i < 12 and not doc.is_punct(zone_end):
                    zone_end += 1
                return Candidate(s, e, "direct", form.verb.base, i, (i + 1, zone_end), form.feminine, 0.8)
        return None

    def _has_own_content(self, i: int) -> bool:
        """«...»، أكد المتحدث، خالد شواني، أن...: the cue reports its own content, so the
        quotation before it is someone else's."""
        comp = self._complementiser_ahead(i, min(self.n, i + MAX_ZONE))
        return comp is not None and self._plausible_zone(i, comp)

    def _named_by_head(self, m: MarkSpan) -> bool:
        """منظمة «مجموعة الأزمات الدولية» أعربت: a body's name in marks, the subject of the cue."""
        k = self.doc.token_index_at(m.open) - 1
        return k >= 0 and lx.head_word(self.doc.folded[k]) in NAMED_BY_HEADS

    def is_comp(self, j: int) -> bool:
        """أن/إن introducing content — not إلا أن, بعد أن, رغم أن."""
        doc = self.doc
        f = doc.folded[j]
        if f not in lx.COMPLEMENTISERS or f in ("لان",):
            return False
        if j > 0 and doc.folded[j - 1] in lx.NOT_COMPLEMENTISER_BEFORE:
            return False
        return True

    def _complementiser_ahead(self, i: int, limit: int) -> int | None:
        """The first complementiser or colon after cue i, within its sentence."""
        doc = self.doc
        for j in range(i + 1, limit):
            if doc.ends_sentence(j) or doc.paragraph_of[j] != doc.paragraph_of[i]:
                return None
            if j > i + 1 and self.cues[j] is not None and doc.folded[j - 1] not in lx.RELATIVES:
                return None
            if doc.folded[j] in lx.CLAUSE_STARTERS:
                return None
            if self.is_comp(j) or doc.tokens[j].text == ":":
                if doc.folded[j] in ("وان", "وانه", "وانها") and j > i + 1:
                    return None  # وأن: a second complement of an object, not our content
                return j
        return None

    def _plausible_zone(self, i: int, j: int, limit: int = 10) -> bool:
        """A long stretch between a cue and أن must name someone; otherwise أن belongs to another verb."""
        doc = self.doc
        if i + 2 < j and doc.folded[i + 1] in ("ايضا", "كذلك"):
            i += 1  # وقال أيضاً الطالبان X، وY: …: the adverb is no part of the subject
        if j - i - 1 <= limit:
            return True
        first = doc.folded[i + 1]
        if doc.entity_at[i + 1] is not None or doc.tokens[i + 1].text in QUOTE_MARKS:
            return True
        # a subject opens the zone; a preposition (أبلغوا عن وجود...) or a verbal noun
        # (أعلن اكتمال الاستعدادات التي تشمل:) means the أن or colon belongs to another clause
        if first.startswith("ال") and lx.bare_word(first) in lx.DOC_HEADS:
            return True  # وأوضح التقرير الذي صدر عن مؤسسة النقد … أن: a document speaks
        if doc.is_punct(i + 1) or first in lx.FUNCTION_WORDS or first in lx.ASIDE_STARTS \
                or _masdar_like(first) and first not in lx.TITLES:
            return False
        if not first.startswith("ال") or first in self.surnames:
            return True  # a bare word or a known family name after the verb: the subject's name
        for k in range(i + 1, min(j, i + 5)):
            f = lx.head_word(doc.folded[k])
            if doc.entity_at[k] is not None or f in lx.TITLES or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS \
                    or f in lx.GROUP_HEADS:
                return True
        return False

    def _describes(self, i: int) -> bool:
        return self.cues[i].verb.base in ("وصف",)

    def _object_before_quote(self, i: int, j: int) -> bool:
        """A possessed noun between the cue and the quotation (روايتها، كتابه): a title follows."""
        doc = self.doc
        for k in range(max(i + 1, j - 1), j):  # the word right before the quotation
            f = doc.folded[k]
            if doc.entity_at[k] is not None or f in lx.TITLES or f in ("له", "لها", "لهم", "نفسه"):
                continue
            raw = lx.strip_marks(doc.tokens[k].text)
            if len(raw) > 3 and raw.endswith(("ها", "ه", "هم")) and not raw.endswith("الله") \
                    and raw[0] not in "لب" and doc.tokens[k].text not in lx.TITLES:
                return True
        return False

    def _object_opens_zone(self, i: int, j: int) -> bool:
        """A verbal noun right after the cue (no subject between) heads the reported content:
        a quotation further on is quoted inside it, and the words before it are no speaker."""
        k = i + 1
        if j - k < 2 or self.doc.entity_at[k] is not None:
            return False
        f = self.doc.folded[k]
        return _masdar_like(f) and f not in lx.TITLES and self._object_start(i, j) == (k, "np")

    def _content_after(self, i: int, opener: int, k: int, how: str, used_marks: set[int]) -> Candidate | None:
        doc = self.doc
        form = self.cues[i]
        if k >= self.n:
            return None
        # إلى أن / على أن: the preposition belongs to the cue, not to the subject
        zone_end = opener - 1 if opener > 0 and doc.folded[opener - 1] in lx.COMP_PREPS else opener
        zone = (i + 1, zone_end)
        m = self._mark_opening(k)
        if m is not None and m.open not in used_marks and not self._name_opens_clause(m):
            return self._quote_content(i, k, m, used_marks, how, zone)
        if how == "colon":
            end = self._colon_end(k)
            start, end = strip_span(doc.text, doc.tokens[k].start, end)
            if end - start < 3:
                return None
            return Candidate(start, end, "direct", form.verb.base, i, zone, form.feminine, 0.75)
        end = self.clause_end(k)
        start, end = strip_span(doc.text, doc.tokens[k].start, end, keep_quoted_ends=True)
        if end - start < 3:
            return None
        return Candidate(start, end, self._type_of(start, end), form.verb.base, i, zone, form.feminine, 0.85)

    def _quoted_person(self, m: MarkSpan) -> bool:
        """كشف المبعوث الدولي إلى اليمن "إسماعيل ولد الشيخ أحمد"؛ عن …: a person's name in
        quotation marks (a tagged name opens and closes it) is the subject, not what is said."""
        if not m.closed:
            return False
        doc = self.doc
        first, last = self._token_after(m.open + 1), self.doc.token_index_at(m.close) - 1
        ends = (doc.entity_at[first] if first < self.n else None, doc.entity_at[last] if 0 <= last < self.n else None)
        return all(e is not None and e.label == "PER" for e in ends) and self._words(*m.inner) <= QUOTED_PERSON_WORDS

    def _name_opens_clause(self, m: MarkSpan) -> bool:
        """أن "مدن" تعتزم...: a short quoted name or term that the reported clause goes on
        after is part of that clause, not the whole quotation."""
        if not m.closed or self._words(*m.inner) > 3:
            return False
        nxt = self._token_after(m.close + 1)
        return nxt < self.n and not self.doc.is_punct(nxt) and not self.doc.ends_sentence(nxt) \
            and self.doc.paragraph_of[nxt] == self.doc.paragraph_of[self._token_after(m.open)] \
            and not self._starts_new_cue(nxt)

    def _quote_content(self, i: int, k: int, m: MarkSpan, used_marks: set[int], how: str,
                       zone: tuple[int, int] | None = None) -> Candidate | None:
        doc = self.doc
        form = self.cues[i]
        used_marks.add(m.open)
        a, b = m.inner
        if not m.closed:
            b = min(b, self.clause_end(self._token_after(a), stop_at_cues=True)) if a < len(doc.text) else b
        start, end = strip_span(doc.text, a, b)
        if end - start < 2:
            return None
        zone = zone or (i + 1, k)
        return Candidate(start, end, "direct", form.verb.base, i, zone, form.feminine, 0.9)

    def _colon_end(self, k: int) -> int:
        """Speech after a colon with no quotation marks runs to the end of its sentence."""
        return self.clause_end(k, stop_at_cues=True)

    def _type_of(self, start: int, end: int) -> str:
        for m in self.marks[bisect.bisect_left(self.mark_opens, start):bisect.bisect_right(self.mark_opens, end)]:
            if m.close <= end and m.closed and self._words(*m.inner) >= 1:
                inner = self.doc.text[m.open + 1:m.close]
                if len(inner.split()) >= 2 and not self._is_name_like(m):
                    return "mixed"  # one quoted word (“داعش”) is a scare quote, not a quoted part
        return "indirect"

    def _is_name_like(self, m: MarkSpan) -> bool:
        return self.doc.entity_covers(m.open + 1, m.close - 1)

