"""Evidence through the article: what a title, a source noun or a document refers back to."""
from __future__ import annotations

import bisect
import itertools
from functools import cached_property

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.descriptions import completed
from app.nlp.attribution.document import QUOTE_MARKS, Doc
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.speakers.resolved import NameIndex, Resolved, bare_words
from app.nlp.attribution.speakers.words import (
    ANAPHOR_SUFFIXES,
    STANDALONE_BODIES,
    org_aliases,
    person_aliases,
    verbish_start,
    without_and,
)
from app.nlp.attribution.statement import Candidate
from app.nlp.types import Entity, Speaker

# documents that speak for whoever issued them (bare folded heads); data words (أرقام، بيانات) do not
DOCUMENTS = frozenset(map(lx.bare_word, lx.read_words("documents.tsv", "issued")))
# how a body issued a document: أصدرته، الذي صدر عن، الصادر من، أعده، نشرته
ISSUING = frozenset(map(lx.bare_word, lx.read_words("documents.tsv", "issuing")))
ISSUER_REACH = 10  # tokens from a document word to the body that issued it
TITLE_HISTORY = 100  # earlier speakers a title or a source noun is matched against
DOCUMENT_LOOKBACK = 600  # tokens back to the report a definite `التقرير` refers to


class Antecedents:
    """Who a description means: the unnamed source met earlier, the body that issued a
    document, the person the article introduced with a title or an honorific."""

    doc: Doc
    history: list[Resolved]
    names: NameIndex

    def _earlier_source(self, mention: str, desc: tuple[str, ...], kind: str = "unnamed") -> str | None:
        """`المصادر` / `المصدر نفسه` is the unnamed source described earlier (`مصدر مسؤول`,
        `مصادر كويتية`: in either number), `الصحف` the collective (`الصحف التركية`)."""
        if not desc:
            return None
        head = lx.head_lemma(desc[0])
        marked = any(s in desc for s in map(lx.fold, ANAPHOR_SUFFIXES))
        if not (desc[0].startswith("ال") or marked):
            return None
        for prev in itertools.islice(reversed(self.history), TITLE_HISTORY):
            if prev.speaker.kind != kind or not prev.description:
                continue
            if lx.head_lemma(prev.description[0]) != head:
                continue
            rest = set(bare_words(without_and(desc[1:]))) - {lx.fold(s) for s in ANAPHOR_SUFFIXES} - {"و"}
            known = set(bare_words(without_and(prev.description)))
            if marked or rest <= known:
                return prev.speaker.name
        return None

    def _document_source(self, cand: Candidate, word: str) -> Resolved | None:
        """وجاء في البيان / التقرير: the body the article named with that document before
        (مجموعة الأزمات الدولية في تقرير), else the body quoted last if it was the last speaker."""
        doc = self.doc
        limit = cand.cue_index if cand.cue_index >= 0 else doc.token_index_at(cand.start)
        for k in range(limit - 1, -1, -1):
            if lx.bare_word(lx.head_word(doc.folded[k])) != word:
                continue
            quoted = next((q for a in range(max(0, k - 6), k) if (q := self._quoted_name(a, k)) is not None), None)
            if quoted is not None:
                return Resolved(quoted.speaker, "", 0.6, "f")  # وحسب «مجموعة الأزمات الدولية» في تقرير
            near = [doc.entity_at[j] for j in range(max(0, k - 6), min(limit, k + 6))
                    if doc.entity_at[j] is not None and doc.entity_at[j].label == "ORG"]
            if near:
                name = self._org_name(near[0], len(doc.tokens))
                return Resolved(Speaker(name, "organization", org_aliases(name)), "", 0.6, "f")
        if self.history and self.history[-1].speaker.kind == "organization":
            prev = self.history[-1]
            return Resolved(prev.speaker, "", 0.6, "f", prev.description)
        # the body the sentence before was about (يذكر أن وزارة الدفاع كانت قد أعلنت …. وجاء في البيان)
        start = doc.tokens[limit].start
        sentence = doc.sentence_of[limit]
        for ent in reversed([e for e in doc.entities if e.label == "ORG" and e.end <= start]):
            k = doc.token_index_at(ent.start)
            if doc.sentence_of[k] < sentence - 1 or self._in_statement(k):
                break
            prev = doc.folded[k - 1] if k else ""
            if not (prev in lx.COMPLEMENTISERS or verbish_start(doc, k) or lx.cue_form(prev) is not None):
                continue  # not the subject (اتهمت المجموعة الميليشيات: the object)
            name = self._org_name(ent, len(doc.tokens))
            return Resolved(Speaker(name, "organization", org_aliases(name)), "", 0.55, "f")
        return None

    def _issuer_of_document(self, cand: Candidate, res: Resolved) -> Resolved:
        """A report, statement or survey speaks for the body that issued it (GUIDELINES,
        decision 7): `تقرير حديث أصدرته منظمة X`، `التقرير الصادر عن X`، `التقرير السنوي لـX`;
        `التقرير` later is the report met before, so its issuer. Else the answer stands."""
        words = res.speaker.name.split()
        if res.speaker.kind == "person" or not words:
            return res
        head = lx.bare_word(lx.head_word(lx.fold(words[0])))
        if head not in DOCUMENTS:
            return res
        doc = self.doc
        here = cand.cue_index if cand.cue_index >= 0 else doc.token_index_at(cand.start)
        a = cand.zone[0] if cand.cue_index >= 0 else max(0, here - ISSUER_REACH)
        ahead = range(a, min(len(doc.tokens), a + ISSUER_REACH))
        back = range(min(here, len(doc.tokens)) - 1, max(-1, here - DOCUMENT_LOOKBACK), -1)
        for k in itertools.chain(ahead, back):
            if lx.bare_word(lx.head_word(doc.folded[k])) != head:
                continue
            issuer = self._issuer_after(k)
            if issuer is not None:
                if issuer.label == "ORG":
                    name = self._org_name(issuer, len(doc.tokens))
                    speaker = Speaker(name, "organization", org_aliases(name))
                else:
                    name = self.person_name(issuer)
                    speaker = Speaker(name, "person", person_aliases(name))
                return Resolved(speaker, res.mention, res.confidence, res.gender, res.description, res.cue_index)
        return res

    def _issuer_after(self, k: int) -> Entity | None:
        """The body named right after a document word, through what it is (السنوي، الـ 51،
        حديث) and how it was issued (أصدرته، الذي صدر عن، لـ)."""
        doc = self.doc
        for j in range(k + 1, min(len(doc.tokens), k + ISSUER_REACH)):
            ent = doc.entity_at[j]
            if ent is not None and ent.label in ("ORG", "PER"):
                genitive = j == k + 1 or doc.folded[j - 1] in ("ل", "لـ") or \
                    doc.tokens[j].text.startswith("ل") and not ent.text.startswith("ل")  # تقرير X، التقرير السنوي لـX
                issued = any(lx.bare_word(doc.folded[i]) in ISSUING for i in range(k + 1, j))
                return ent if genitive or issued else None
            if doc.is_punct(j) and doc.tokens[j].text not in QUOTE_MARKS or \
                    lx.cue_form(doc.folded[j]) is not None:
                return None
        return None

    def _antecedent_org(self, head: str) -> Resolved | None:
        bare = head[2:]
        for prev in reversed(self.history):
            if prev.speaker.kind == "organization" and bare in lx.fold(prev.speaker.name):
                return prev
        if bare in ("بيان", "تنظيم"):
            for prev in reversed(self.history):
                if prev.speaker.kind == "organization":
                    return prev
        for ent in reversed([e for e in self.doc.entities if e.label == "ORG"]):
            if bare in lx.fold(ent.text) and not self._in_statement(self.doc.token_index_at(ent.start)):
                name = ent.text
                return Resolved(Speaker(name, "organization", org_aliases(name)), name, 0.6, None)
        named = self._indefinite_head(bare)
        if named:
            return Resolved(Speaker(named, "organization"), named, 0.6, None)
        if bare in STANDALONE_BODIES:
            return None  # الحكومة، الجيش: a body named by the word itself
        for prev in reversed(self.history):
            if prev.speaker.kind == "organization":
                return prev
        return None

    def _described_body(self, head: str, adjectives: tuple[str, ...], before: int) -> Speaker | None:
        """`الصحيفة البريطانية` after `صحيفة ديلي ميل البريطانية`: the body the article named
        last before token `before` with that head and every one of those adjectives (a body the
        words do not fit is never chosen: another paper is not this one)."""
        want = {lx.head_lemma(head), *map(lx.bare_word, adjectives)}

        def fits(name: str) -> bool:
            words = {lx.bare_word(lx.fold(w)) for w in name.split()}
            return want <= words | {lx.head_lemma(w) for w in words}

        start = self.doc.tokens[min(before, len(self.doc.tokens) - 1)].start
        # (a name, where to read it in full): the earlier speakers, then the bodies the text names
        bodies = itertools.chain(
            ((prev.speaker.name, start) for prev in itertools.islice(reversed(self.history), TITLE_HISTORY)
             if prev.speaker.kind == "organization"),
            ((self.body_name(e), e.end) for e in reversed(self._bodies_before(start))))
        for name, at in bodies:
            full = completed(self.doc, name, at)  # صحيفة “ديلي ميل” البريطانية: the adjective after the marks
            if fits(full):
                return Speaker(full, "organization", org_aliases(full))
        return None

    def _bodies_before(self, offset: int) -> list[Entity]:
        """The last TITLE_HISTORY ORG entities ending by `offset` (a bisection: bounded work a question)."""
        bodies, ends = self._bodies
        n = bisect.bisect_right(ends, offset)
        return bodies[max(0, n - TITLE_HISTORY):n]

    @cached_property
    def _bodies(self) -> tuple[list[Entity], list[int]]:
        bodies = [e for e in self.doc.entities if e.label == "ORG"]  # in order of start, so of end too
        return bodies, [e.end for e in bodies]

    def _indefinite_head(self, bare: str) -> str | None:
        """`التنظيم` after `تنظيم داعش`, `الوزارة` after `وزارة الداخلية`: the body the article named."""
        doc = self.doc
        for k in range(len(doc.tokens) - 1):
            if doc.folded[k] != bare or doc.is_punct(k + 1) or doc.folded[k + 1] in lx.FUNCTION_WORDS:
                continue
            nxt = doc.folded[k + 1]
            if doc.entity_at[k + 1] is None and not nxt.startswith("ال") and nxt[:1] in "يتن" and len(nxt) <= 5:
                continue  # دراسة توثق: a verb follows, not the body's name
            if self._in_statement(k):
                continue  # a body named inside someone's words is not the narration's referent
            end = k + 2
            while end < len(doc.tokens) and end - k < 4 and (_nisba(doc.folded[end]) or doc.folded[end].startswith("ال")) \
                    and not doc.is_punct(end) and doc.folded[end] not in lx.ASIDE_STARTS:
                end += 1
            return doc.text[doc.tokens[k].start:doc.tokens[end - 1].end].strip("«»“”\" ")
        return None

    def _antecedent_person(self, mention: str, desc: tuple[str, ...], cand: Candidate, title: str | None,
                           conf: float) -> Resolved:
        """A title or honorific: the person introduced with that title, else the last person."""
        if title:
            t = lx.bare_word(title)
            words = set(bare_words(desc)) - lx.FUNCTION_WORDS
            best, best_score = None, 0
            # the article so far (a headline: all of it), its last TITLE_HISTORY speakers: each
            # question costs a bounded scan, and recency (n) stays below the overlap's hundreds
            for n, prev in enumerate(self.history[-TITLE_HISTORY:]):
                if prev.speaker.kind != "person" or t not in (described := bare_words(prev.description)):
                    continue
                score = len(words & set(described)) * 100 + n  # overlap, then recency
                if score > best_score:
                    best, best_score = prev, score
            # the title introduced a person named in the text (not yet quoted; for a headline, one
            # whose introduction shares more of its words than the earlier speaker's description)
            hit, hit_overlap = (None, 0) if best is not None and cand.cue_index >= 0 else \
                self._introduced_with_title(t, words, cand)
            if best is not None and not (hit and hit_overlap > best_score // 100):
                return Resolved(best.speaker, mention, conf + 0.1, best.gender, best.description)
            if hit:
                name, _ = self._person(hit)
                return Resolved(Speaker(name, "person", person_aliases(name)), mention, conf + 0.05, None, desc)
        for prev in reversed(self.history):
            if prev.speaker.kind == "person":
                return Resolved(prev.speaker, mention, conf - 0.05, prev.gender, prev.description)
        ent = self._last_person_before(cand)
        if ent:
            name, _ = self._person(ent)
            return Resolved(Speaker(name, "person", person_aliases(name)), mention, 0.4, None, desc)
        return Resolved(Speaker(mention, "unnamed"), mention, 0.3, None, desc)

    def _introduced_with_title(self, title: str, words: set[str], cand: Candidate) -> tuple[Entity | None, int]:
        """The person introduced with the title (لوزير الداخلية اللبناني، نهاد المشنوق) and how many
        words of the mention that introduction shares: the best sharing one, the nearest before
        the cue, or for a headline the first in the article (its subject). A headline's title may
        also follow the name in apposition (سلمان بن إبراهيم، رئيس الاتحاد الآسيوي)."""
        doc = self.doc
        headline = cand.cue_index < 0
        limit = len(doc.text) if headline else doc.tokens[cand.cue_index].start
        best, best_score = None, 0
        for ent, before, after, own in self._person_windows:
            if ent.start >= limit:
                break
            window = before | after if headline else before
            if title not in window and title not in own:
                continue
            score = len(window & words) + 1
            if score > best_score or score == best_score and not headline:
                best, best_score = ent, score
        return best, max(best_score - 1, 0)

    @cached_property
    def _person_windows(self) -> list[tuple[Entity, set[str], set[str], tuple[str, ...]]]:
        """Each PER entity in order, with the bare head words of the 8 tokens before and after
        it and its own bare words: what a title may introduce it with."""
        doc, out = self.doc, []
        for ent in doc.entities:
            if ent.label == "PER":
                k, end = doc.token_index_at(ent.start), doc.token_index_at(ent.end)
                before, after = ({lx.bare_word(lx.head_word(f)) for f in doc.folded[a:b]}
                                 for a, b in ((max(0, k - 8), k), (end, end + 8)))
                out.append((ent, before, after, bare_words(tuple(lx.fold(w) for w in ent.text.split()))))
        return out

    def _honoured(self, pronoun: str, cand: Candidate) -> Entity | None:
        """سموه after someone else spoke: the last person before the cue named right after a
        title the honorific answers to (صاحب السمو الأمير جلوي بن عبدالعزيز ... وقال سموه)."""
        return next((e for e in reversed(self._people_before(cand)) if self._has_title(e, pronoun)), None)

    def _titled(self, speaker: Speaker, pronoun: str, cand: Candidate) -> bool:
        """The article names this person with a title the honorific answers to."""
        if speaker.kind != "person":
            return False
        names = {speaker.name, *speaker.aliases}
        return any(e.label == "PER" and self._person(e)[0] in names and self._has_title(e, pronoun)
                   for e in self.doc.entities)

    def _has_title(self, ent: Entity, pronoun: str) -> bool:
        k = self.doc.token_index_at(ent.start)
        before = {lx.bare_word(lx.head_word(f)) for f in self.doc.folded[max(0, k - 3):k]}
        return bool(before & lx.HONORIFIC_TITLES[pronoun])

    def _last_person_before(self, cand: Candidate) -> Entity | None:
        people = self._people_before(cand)
        return people[-1] if people else None

    def _people_before(self, cand: Candidate) -> list[Entity]:
        """The PER entities that end before the cue (before the statement for a headline)."""
        limit = self.doc.tokens[cand.cue_index].start if cand.cue_index >= 0 else cand.start
        return [e for e in self.doc.entities if e.label == "PER" and e.end <= limit]

