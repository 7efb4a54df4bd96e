"""Statements found by the article's structure or a non-verb cue, not by a reporting verb.

Headlines `Name: statement`, question-and-answer interviews, quotation paragraphs that
continue the previous speaker, attribution after the fact (صرح بذلك X), "according to"
(بحسب X، وفقاً لـ X) and verbal-noun cues (إصرار X على أن). A mixin of `Finder`, whose
helpers (clause_end, is_comp, _type_of, marks) they share.
"""
from __future__ import annotations

import bisect

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.descriptions import quoted_name_end
from app.nlp.attribution.document import QUOTE_MARKS, strip_span
from app.nlp.attribution.statement import CONTINUATION, INTERVIEW, Candidate

# Words before a verbal-noun cue that make its clause a fronted one, ended by its comma.
SUBORDINATORS = lx.read_words("function_words.tsv", "subordinator")


SPEAKER_HEADS = lx.PERSON_HEADS | lx.ORG_HEADS
POINTING_BACK = frozenset({"بذلك", "بهذا", "ذلك"})  # صرح بذلك، أوضح ذلك: the object is what was just said
AFTER_THE_FACT_CUES = frozenset({"صرح", "أفاد", "أعلن", "أكد", "قال", "ذكر", "أوضح", "كشف"})
NEARBY_SPANS = 20  # statements before a quotation that may cover it or run up to it


def _covers(spans: list, offset: int) -> bool:
    """Some statement (sorted by start) runs over the offset; the nearest ones before it are read."""
    n = bisect.bisect_right(spans, offset, key=lambda x: x[0])
    return any(e > offset for _, e, _ in spans[max(0, n - NEARBY_SPANS):n])


def _starts_within(spans: list, start: int, end: int) -> bool:
    n = bisect.bisect_left(spans, start, key=lambda x: x[0])
    return n < len(spans) and spans[n][0] < end


class StructureFinders:
    def _continuations(self, found: list[Candidate]) -> list[Candidate]:
        """A paragraph that is a quotation, right after a paragraph that quoted someone: the same
        speaker goes on (وقال X: «…».\n«…»)."""
        doc = self.doc
        text = doc.text
        out = []
        spans = sorted(((c.start, c.end, c) for c in found if c.cue_index >= 0), key=lambda x: (x[0], x[1]))
        for m in self.top_marks:
            if _covers(spans, m.open + 1) or _starts_within(spans, m.open, m.close):
                continue
            chained = self._chained_quote(m, spans)
            if chained is not None and chained.type in ("direct", "mixed"):
                s, e = strip_span(text, *m.inner)
                out.append(Candidate(s, e, "direct", chained.cue, CONTINUATION, (0, 0), None, 0.7, True))
                bisect.insort(spans, (s, e, out[-1]), key=lambda x: (x[0], x[1]))
                continue
            line_start = text.rfind("\n", 0, m.open) + 1
            if text[line_start:m.open].strip() or line_start == 0 or self._words(*m.inner) < 6:
                continue
            prev_line_start = text.rfind("\n", 0, line_start - 1) + 1
            lo = bisect.bisect_left(spans, prev_line_start, key=lambda x: x[0])
            hi = bisect.bisect_left(spans, line_start, key=lambda x: x[0])
            before = [c for _, _, c in spans[lo:hi] if c.type in ("direct", "mixed")]
            if not before:
                continue
            s, e = strip_span(text, *m.inner)
            out.append(Candidate(s, e, "direct", before[-1].cue, CONTINUATION, (0, 0), None, 0.7, True))
            bisect.insort(spans, (s, e, out[-1]), key=lambda x: (x[0], x[1]))
        return out

    def _chained_quote(self, m, spans: list) -> Candidate | None:
        """«…».. «…»: a quotation that follows a quoted statement with only punctuation between
        them goes on with the same speaker; the statement it follows, or None."""
        text = self.doc.text
        n = bisect.bisect_left(spans, m.open, key=lambda x: x[0])
        before = [(e, c) for _, e, c in spans[max(0, n - NEARBY_SPANS):n] if e <= m.open]
        if not before or self._words(*m.inner) < 3:
            return None
        end, cand = max(before, key=lambda x: x[0])
        gap = text[end:m.open]
        if len(gap) > 8 or "\n" in gap or any(ch.isalnum() for ch in gap):
            return None
        return cand

    def _interview_answers(self, found: list[Candidate]) -> list[Candidate]:
        """A question-and-answer interview: each answer is a direct quote by the interviewee
        (resolved in find_quotes); the questions are not quotes."""
        text = self.doc.text
        lines, pos = [], 0
        for line in text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        is_q = [bool(line.strip()) and line.strip().rstrip(" ").endswith(("؟", "?")) and len(line.split()) <= 40
                for _, line in lines]
        if sum(is_q) < 3:
            return []
        taken = [(c.start, c.end) for c in found]
        out = []
        n = 0
        while n < len(lines):
            if not is_q[n]:
                n += 1
                continue
            m = n + 1
            while m < len(lines) and not lines[m][1].strip():
                m += 1
            start_line = m
            while m < len(lines) and not is_q[m]:
                m += 1
            if start_line < m:
                a = lines[start_line][0]
                last = m - 1
                while last > start_line and not lines[last][1].strip():
                    last -= 1
                b = lines[last][0] + len(lines[last][1])
                s, e = strip_span(text, a, b)
                s = _skip_bullets(text, s, e)
                overlaps = any(ts < e and s < te for ts, te in taken)
                if e - s > 10 and not overlaps and start_line == n + 1 or (e - s > 10 and not overlaps
                                                                            and start_line <= n + 2):
                    out.append(Candidate(s, e, "direct", "قال", INTERVIEW, (0, 0), None, 0.7, True))
            n = m
        return out if len(out) >= 2 else []


    def _masdar_cue(self, i: int) -> Candidate | None:
        """A verbal-noun cue: its speaker right after it (or after في/من), then أن or a ب-object."""
        doc = self.doc
        base = lx.MASDAR_CUES[lx.masdar_word(doc.folded[i])]
        a = i + 1
        if a < self.n and doc.folded[a] in ("في", "من"):
            a += 1
        if a >= self.n or not self._speaker_like(a, a + 1) and not (
                doc.entity_at[a] is not None and doc.entity_at[a].label in ("PER", "ORG", "LOC")):
            return None
        b = a
        while b < self.n and b - a < 6 and not doc.is_punct(b) and not self.is_comp(b) \
                and not (doc.folded[b].startswith("ب") and b > a and doc.entity_at[b] is None
                         and not doc.folded[b - 1].startswith("ب")):
            b += 1
        if b >= self.n or doc.paragraph_of[b] != doc.paragraph_of[i]:
            return None
        if self.is_comp(b):
            k = b + 1
        elif doc.folded[b].startswith("ب") and base in ("زعم", "طالب", "اتهم", "أكد", "تعهد", "وعد", "حذر"):
            k = b
        else:
            return None
        if k >= self.n:
            return None
        end = self.clause_end(k, object_np=True)
        if i > 0 and doc.folded[i - 1] in SUBORDINATORS:
            # ورغم إصرار X أن ...، تراجعت: a fronted clause ends at its comma
            for c in range(k, self.n):
                if doc.tokens[c].start >= end:
                    break
                if doc.tokens[c].text in ("،", ","):
                    end = doc.tokens[c].start
                    break
        start = doc.tokens[k].start + (1 if k == b and not self.is_comp(b) else 0)
        s, e = strip_span(doc.text, start, end)
        if e - s < 5:
            return None
        return Candidate(s, e, self._type_of(s, e), base, i, (a, b), None, 0.6)


    def _according(self, i: int) -> Candidate | None:
        """بحسب X / وفقاً لـX / نقلاً عن X: before or after the statement."""
        doc = self.doc
        base = lx.ACCORDING[doc.folded[i]]
        prev = doc.tokens[i - 1].text if i else "\n"
        sent_start = self._sentence_start(i)
        j = i + 1
        if j < self.n and doc.folded[j] in ("ما", "لما", "عن", "ل", "لـ"):
            j += 1
        if j < self.n and (self.cues[j] is not None or j in self.rejected or _saying_with_object(doc.folded[j])):
            j += 1  # بحسب ما أفادت مصادر، ما نقلته وكالة (a filter's doubt about the verb does not matter here)
            if j < self.n and doc.folded[j] in RESUMPTIVE:
                j += 1  # وفق ما تشير إليه الأنباء
        src_start = j
        # source NP: up to a comma, complementiser, sentence end or 8 tokens
        k = j
        while k < self.n and k - j < 14 and not doc.ends_sentence(k) and doc.tokens[k].text not in ("،", ",") \
                and doc.folded[k] not in lx.COMPLEMENTISERS and doc.paragraph_of[k] == doc.paragraph_of[i]:
            k += 1
        if k - src_start > 1 and lx.head_word(doc.folded[src_start]) in lx.DOC_HEADS \
                and self._speaker_like(src_start + 1, k):
            src_start += 1  # بحسب تقدير عدد من الاقتصاديين: the document speaks for who issued it
        zone = (src_start, k)
        if k == src_start or not (self._speaker_like(src_start, k) or self._quoted_name(src_start, k)):
            return None
        leading = k < self.n and self.is_comp(k) or (k + 1 < self.n and doc.tokens[k].text in ("،", ",")
                                                      and self.is_comp(k + 1))
        if leading and doc.tokens[k].text in ("،", ","):
            k += 1
        if leading or i == sent_start or doc.folded[i].startswith("و") and i - 1 <= sent_start or prev in (".", "\n"):
            # leading: بحسب X فإن ... / وفقاً لـX إن ...
            if k < self.n and (doc.folded[k] in lx.COMPLEMENTISERS or doc.tokens[k].text in ("،", ",")):
                c = k + 1
                lead = c
                while lead < min(self.n, c + 3) and doc.folded[lead] in ("فقد", "قد", "وقد", "ف", "و"):
                    lead += 1
                if lead < self.n and self.cues[lead] is not None:
                    return None  # وفقاً لرويترز، فقد ذكر كيري أن…: the cue inside carries the statement
                end = self.clause_end(c)
                s, e = strip_span(doc.text, doc.tokens[c].start, end)
                if e - s > 10:
                    return Candidate(s, e, self._type_of(s, e), base, i, zone, None, 0.7)
            if leading:
                return None
        elif prev in ("،", ",") or (i and doc.tokens[i - 1].text in QUOTE_MARKS):
            s, e = self._sentence_before(sent_start, i - 1)
            if e - s > 10:
                return Candidate(s, e, self._type_of(s, e), base, i, zone, None, 0.7)
            return None
        # broad mode: a source closing the sentence with no comma before it (… بحسب مصادر أمنية.)
        # or right after the full stop of the sentence it attributes (….وفقاً لوكالة رويترز.)
        closes = k >= self.n or doc.ends_sentence(k) or doc.paragraph_of[k] != doc.paragraph_of[i]
        if not (self.broad and closes and i > 0):
            return None
        if doc.ends_sentence(i - 1) and doc.paragraph_of[i - 1] == doc.paragraph_of[i]:
            s, e = self._sentence_before(self._sentence_start(i - 1), i - 1)
            why = "according_after_stop"
        else:
            s, e = self._sentence_before(sent_start, i)
            why = "according_no_comma"
        if e - s <= 10:
            return None
        cand = Candidate(s, e, self._type_of(s, e), base, i, zone, None, 0.6)
        cand.rejected_by = why
        return cand

    def _sentence_before(self, a: int, i: int) -> tuple[int, int]:
        """The span from sentence start a up to token i (exclusive), without a leading
        conjunction or a short fronted adverbial (وفي العراق،)."""
        doc = self.doc
        while a < i and doc.folded[a] in ("و", "كما", "فيما", "ف", "ثم"):
            a += 1
        if a < i and (doc.folded[a] in ("وفي", "في") or doc.folded[a].startswith("وفي")):
            c = a
            while c < i and doc.tokens[c].text not in ("،", ","):
                c += 1
            if c < i and c - a <= 6:
                a = c + 1
        return strip_span(doc.text, doc.tokens[a].start, doc.tokens[i].start) if a < i else (0, 0)


    def _sentence_start(self, i: int) -> int:
        return self.doc.sentence_start(i)


    def _says_so(self, i: int) -> bool:
        """`صرح بذلك`، `أوضح ذلك`: a cue whose object points back at what was just reported."""
        form = self.cues[i]
        return form is not None and i + 1 < self.n and self.doc.folded[i + 1] in POINTING_BACK \
            and form.verb.base in AFTER_THE_FACT_CUES

    def _after_the_fact(self, found: list[Candidate]) -> list[Candidate]:
        """`صرح بذلك X` closing a paragraph: the paragraph before it is X's statement."""
        doc = self.doc
        out = []
        for i in self.cue_words:
            if i >= self.n - 1:
                break
            if not self._says_so(i):
                continue
            form = self.cues[i]
            para = doc.paragraph_of[i]
            a = i
            while a > 0 and doc.paragraph_of[a - 1] == para:
                a -= 1
            end = doc.tokens[i].start
            if a == i and i > 0:
                # أوضح ذلك X opening a paragraph: the paragraph before it
                end = doc.tokens[i - 1].end
                a = i - 1
                while a > 0 and doc.paragraph_of[a - 1] == doc.paragraph_of[i - 1]:
                    a -= 1
            s, e = strip_span(doc.text, doc.tokens[a].start, end)
            if e - s > 10:
                out.append(Candidate(s, e, "indirect", form.verb.base, i, (i + 2, min(self.n, i + 12)),
                                     form.feminine, 0.7))
        return out


    def _headlines(self, found: list[Candidate]) -> list[Candidate]:
        """Short lines `Name: statement` (the title, sub-headings, their repeats). In broad mode
        also the lines whose head the rules do not read as a speaker, or that carry a kicker
        before it (`رياضي / Name:`، `… .. "Name":`، `-Name :`), marked with why."""
        doc = self.doc
        text = doc.text
        out = []
        taken = [(c.start, c.end) for c in found]
        pos = 0
        lines = text.split("\n")
        for n, line in enumerate(lines):
            lstart = pos
            pos += len(line) + 1
            colon = line.find(":")
            if colon < 0:
                continue
            head_start, kicker = _head_start(line, colon)
            head = line[head_start:colon].strip()
            rest = line[colon + 1:]
            words = head.split()
            if not (1 <= len(words) <= 7) or len(rest.split()) < 2 or len(line.split()) > 30:
                continue
            body = rest[:-1].replace("...", " ").replace("..", " ")  # an ellipsis is not a sentence end
            if any(ch.isdigit() for ch in head) or any(ch in head for ch in "-–/|") or any(ch in body for ch in ".؟?"):
                continue
            a = self._token_after(lstart + line.find(head, head_start))
            b = self._token_after(lstart + colon)
            why = None if self._speaker_like(a, b) or self._named_elsewhere(a, b) else \
                "headline|surname" if self._surname_elsewhere(a, b) else "headline|unread_head"
            if kicker and why is None:
                why = "headline|kicker"
            if why is not None and (not self.broad or rest.strip() in lines[:n]):
                continue  # (in broad mode, a footer's label before the title repeated is no speaker)
            s, e = strip_span(text, lstart + colon + 1, lstart + len(line))
            if any(ts <= s < te for ts, te in taken):
                continue
            cand = Candidate(s, e, "direct", ":", -1, (a, b), None, 0.8 if n == 0 else 0.7, True)
            cand.rejected_by = why
            out.append(cand)
            # the title repeated in the body (e.g. a "link to this story" footer)
            if n == 0 and why is None:
                full = line.strip()
                k = text.find(full, lstart + len(line))
                while k != -1:
                    off = k + (line.find(":") - line.find(full))
                    s2, e2 = strip_span(text, off + 1, k + len(full))
                    out.append(Candidate(s2, e2, "direct", ":", -1, (a, b), None, 0.7, True))
                    k = text.find(full, k + len(full))
        return out

    def _surname_elsewhere(self, a: int, b: int) -> bool:
        """A one-word head (الشعشعي:، النجيفي:) that ends a person's name elsewhere in the article."""
        doc = self.doc
        words = [k for k in range(a, b) if not doc.is_punct(k)]
        if len(words) != 1:
            return False
        f = doc.folded[words[0]]
        return any(doc.folded[k] == f and doc.entity_at[k] is not None and doc.entity_at[k].label == "PER"
                   for k in doc.word_positions(lx.bare_word(f)) if k != words[0])

    def _speaker_like(self, a: int, b: int) -> bool:
        doc = self.doc
        if a >= b:
            return False
        if any(doc.entity_at[k] is not None and doc.entity_at[k].label in ("PER", "ORG") for k in range(a, b)):
            return True
        if doc.tokens[a].text in QUOTE_MARKS and a + 1 < b:
            return self._speaker_like(a + 1, b)  # حسب “سبأ”: a quoted name
        first = lx.head_word(doc.folded[a])
        if first in lx.DOC_HEADS and a + 1 < b:
            return self._speaker_like(a + 1, b)
        return (first in lx.TITLES or first in lx.ORG_HEADS or first in lx.UNNAMED_HEADS or first in lx.GROUP_HEADS
                or ("ال" + first) in SPEAKER_HEADS)


    def _quoted_name(self, a: int, b: int) -> bool:
        """حسب “سبأ”، بحسب ما ذكرت "ذي دايلي مايل": a source named in quotation marks (an
        outlet, an agency) that no tagger or head word reads."""
        return a < quoted_name_end(self.doc, a) <= b


    def _named_elsewhere(self, a: int, b: int) -> bool:
        """A headline's `Name:` that the article names again (a surname NER may miss)."""
        doc = self.doc
        words = [doc.folded[k] for k in range(a, b) if not doc.is_punct(k)]
        if not words or len(words) > 3 or any(w in lx.FUNCTION_WORDS or w.startswith("ال") for w in words):
            return False
        n = len(words)
        hits = sum(1 for k in range(len(doc.folded) - n + 1) if doc.folded[k:k + n] == words)
        return hits >= 2


def _saying_with_object(f: str) -> bool:
    """نقلته، ذكره، يعتقده: a verb of saying with its object pronoun (what was said)."""
    for pronoun in ("ها", "ه"):
        if f.endswith(pronoun) and len(f) > len(pronoun) + 2:
            stem = f[:-len(pronoun)]
            if lx.cue_form(stem) is not None or lx.cue_form(stem, lx.BROAD_CUE_FORMS) is not None:
                return True
    return False


KICKER_MARKS = ("/", "..", "|")
RESUMPTIVE = frozenset(lx.fold(w) for w in ("إليه", "إليها", "به", "بها", "عنه", "عنها"))  # وفق ما تشير إليه


def _head_start(line: str, colon: int) -> tuple[int, bool]:
    """Where a headline's speaker starts: after a kicker (`رياضي /`، `بعد التكليف..`) and
    leading bullets; and whether there was one."""
    start = 0
    for mark in KICKER_MARKS:
        k = line.rfind(mark, 0, colon)
        if k >= 0:
            start = max(start, k + len(mark))
    bullets = start
    while bullets < colon and line[bullets] in " -–ـ•*":
        bullets += 1
    return bullets, bullets > 0 and bool(line[:bullets].strip())


# every spelling lexicon.masdar_word reads as a verbal-noun cue
MASDAR_SPELLINGS = frozenset(lx.MASDAR_CUES) | frozenset(
    prefix + word for word in lx.MASDAR_CUES for prefix in "وبل" if len(word) > 3)


def _skip_bullets(text: str, s: int, e: int) -> int:
    """Answer markers (- ـ ● * ج:) are not part of the statement."""
    while s < e and (text[s] in "-ـ●•*–—: " or text.startswith("ج:", s) or text.startswith("ج :", s)):
        s += 2 if text.startswith("ج:", s) else 1
    return s
