"""Evidence when the subject is not named after the cue: before it, or elided."""
from __future__ import annotations

import bisect
from functools import cached_property

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import QUOTE_MARKS, Doc, unquoted
from app.nlp.attribution.morphology import plural_noun
from app.nlp.attribution.phrases import QUANTITIES, partitive_end, phrase_word
from app.nlp.attribution.speakers.resolved import NameIndex, Resolved
from app.nlp.attribution.speakers.words import (
    SPEECH_EVENTS,
    SUBJECT_SCAN_TOKENS,
    after_titles,
    clean_org,
    org_aliases,
    person_aliases,
    verbish_start,
)
from app.nlp.attribution.statement import Candidate
from app.nlp.types import Speaker

DOCUMENTS_OR_EVENTS = lx.DOC_HEADS | SPEECH_EVENTS  # what carries a body's words (بيان، مؤتمر)
NEGATIONS_BEFORE_VERB = frozenset({"لا", "لم", "لن", "قد"})
WAS = frozenset(lx.fold(w) for w in ("كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا", "فكان", "فكانت"))
GROUP_WORDS = 4  # a group subject before its verb is short: منتقدين، الخبراء الأجانب


class ElidedSubjects:
    """The subject before the cue in its sentence (SVO), a plural noun phrase opening it, and
    an elided subject resolved to the last fitting speaker."""

    doc: Doc
    history: list[Resolved]
    names: NameIndex

    def _plural_subject_before(self, i: int) -> Resolved | None:
        """جنرالات إسرائيليون يطالبون: a short plural noun phrase opening the sentence is a group."""
        doc = self.doc
        start = max(doc.sentence_start(i), i - SUBJECT_SCAN_TOKENS)
        words = [k for k in range(start, i) if not doc.is_punct(k)]
        if not 1 <= len(words) <= 4 or len(words) != i - start or any(doc.folded[k] in lx.FUNCTION_WORDS for k in words):
            return None
        mention = doc.text[doc.tokens[start].start:doc.tokens[i - 1].end]
        return Resolved(Speaker(mention, "group"), mention, 0.6, None, tuple(doc.folded[start:i]))

    def _group_before(self, i: int) -> Resolved | None:
        """لكن منتقدين يقولون، الكثير من الخبراء لا يعتقدون: a plural verb right after a noun
        phrase of people (a plural noun or a group head, with its quantity) in its clause."""
        doc = self.doc
        end = i
        while end > 0 and doc.folded[end - 1] in NEGATIONS_BEFORE_VERB:
            end -= 1
        k = end - 1
        while k >= 0 and end - k <= GROUP_WORDS and phrase_word(doc, k) \
                and doc.sentence_of[k] == doc.sentence_of[i]:
            k -= 1
        start = k + 1
        if start >= 2 and doc.folded[start - 1] == "من" and doc.folded[start - 2].rstrip("ا") in QUANTITIES:
            start -= 2  # كثيراً من | الاقتصاديين
        if start >= end or not any(plural_noun(doc.folded[j]) or doc.folded[j] in lx.GROUP_HEADS
                                   for j in range(start, end)):
            return None
        mention = doc.text[doc.tokens[start].start:doc.tokens[end - 1].end]
        return Resolved(Speaker(mention, "group"), mention, 0.6, None, tuple(doc.folded[start:end]))

    def _subject_before(self, i: int) -> Resolved | None:
        """SVO: the noun phrase right before the cue (`أما X فقد برر`, `المصادر الأمنية شددت`)."""
        doc = self.doc
        k = i - 1
        while k >= 0 and doc.folded[k] in ("فقد", "قد", "وقد", "لقد"):
            k -= 1
        while k >= 0 and doc.folded[k] in WAS:
            k -= 1  # الادعاء العام كان قد أعلن
        if doc.folded[i].startswith("ف") or (i > 0 and doc.folded[i - 1] == "فقد"):
            # أما X، وصفه، فـ...: everything after أما is the subject
            for a in range(k, max(-1, k - 20), -1):
                if doc.ends_sentence(a) or doc.paragraph_of[a] != doc.paragraph_of[i]:
                    break
                if doc.folded[a] in ("اما", "واما"):
                    end = k + 1
                    while end > a + 1 and doc.tokens[end - 1].text in ("،", ","):
                        end -= 1
                    res = self._named_in(a + 1, end, Candidate(0, 0, "", "", a, (a + 1, end), None, 0))
                    if res:
                        res.confidence = min(res.confidence, 0.85)
                        return res
                    break
        form = lx.cue_form(doc.folded[i])
        if k > 0 and doc.tokens[k].text in ("،", ",") and form is not None and not form.participle \
                and doc.folded[i] == form.verb.past and doc.entity_at[k - 1] is not None \
                and doc.entity_at[k - 1].label in ("PER", "ORG"):
            k -= 1  # المتحدث ... مبارك العصيمي، أوضح: a bare verb after a comma follows its named subject
        end = k + 1
        para = doc.paragraph_of[i]
        while k >= 0 and doc.paragraph_of[k] == para and end - k <= 10:
            f = doc.folded[k]
            if doc.is_punct(k) or f in lx.FUNCTION_WORDS or f in lx.COMPLEMENTISERS or f in lx.RELATIVES or f in WAS:
                break  # (وكانت | تقارير صحفية سابقة قد أكدت)
            if lx.cue_form(f) is not None and doc.entity_at[k] is None:
                break
            k -= 1
        start = k + 1
        if start >= end:
            return None
        if k >= 0 and doc.folded[k] in ("الي", "من", "في", "علي", "عن", "مع", "حول"):
            return None  # من اليابان إلى تشيلي قالوا: the subject is further back
        res = self._named_in(start, end, Candidate(0, 0, "", "", -1, (start, end), None, 0))
        if res:
            res.confidence = min(res.confidence, 0.8)
            return res
        if end - start == 1 and doc.entity_at[start] is None:  # إلا أن المخلافي أكد: a surname NER missed here
            full, _ = self.names.fullest((doc.folded[start],))
            if full != doc.folded[start]:
                return Resolved(Speaker(full, "person", person_aliases(full)), doc.tokens[start].text, 0.7, None)
        return None

    def _elided(self, cand: Candidate) -> Resolved:
        """No subject after the cue: the speaker of an earlier cue in the sentence, the sentence's
        first named subject, else the last fitting speaker."""
        doc = self.doc
        i = cand.cue_index
        if i >= 0 and self.history:
            prev = self.history[-1]
            if 0 <= prev.cue_index < i and doc.sentence_of[prev.cue_index] == doc.sentence_of[i] \
                    and not _verbal_noun(doc.folded[prev.cue_index]):
                return Resolved(prev.speaker, "", 0.8, prev.gender, prev.description)
        if i >= 0:
            k = max(doc.sentence_start(i), i - SUBJECT_SCAN_TOKENS)
            org = self._statement_of_org(k, i)
            if org:
                return org
            rel = self._relative_antecedent(k, i)
            if rel:
                return rel
            for j in range(k, min(i, k + 3)):
                # وعلمت إدارة الفندق ... وقالت / وأطلقت حركة طالبان ... وتعهدت: the sentence's subject
                head = lx.head_word(doc.folded[j])
                if j > k and doc.entity_at[j] is None and head not in lx.DOC_HEADS and \
                        (head in lx.ORG_HEADS or head in lx.UNNAMED_HEADS or head in lx.GROUP_HEADS) \
                        and not head.startswith("ال") and not doc.is_punct(j - 1) \
                        and doc.folded[j - 1] not in lx.FUNCTION_OR_ASIDE:
                    end = j + 1
                    while end < i and end - j < 6 and (doc.folded[end].startswith("ال") or doc.entity_at[end] is not None
                                                       or _marks_a_name(doc, end)) \
                            and (not doc.is_punct(end) or _marks_a_name(doc, end)) \
                            and doc.folded[end] not in lx.FUNCTION_WORDS:  # (إلى folds to الي)
                        end += 1
                    end = partitive_end(doc, j, end, i)  # عدد من زوار المهرجان
                    name = unquoted(doc.text[doc.tokens[j].start:doc.tokens[end - 1].end])
                    kind = "organization" if head in lx.ORG_HEADS else "group" if head in lx.GROUP_HEADS else "unnamed"
                    return Resolved(Speaker(clean_org(name), kind), "", 0.65, None, tuple(doc.folded[j:end]))
            for j in range(k, i):
                ent = doc.entity_at[j]
                if ent is None or ent.label not in ("PER", "ORG") or (j > 0 and doc.entity_at[j - 1] is ent):
                    continue  # a person or body, at its first token
                subject_slot = j <= k + 3 or lx.cue_form(doc.folded[j - 1]) is not None or verbish_start(doc, j) \
                    or after_titles(doc, k, j)
                if subject_slot and not self._in_statement(j) and not self._genitive(j) \
                        and not (j > k and doc.folded[j - 1].startswith("ل")):
                    if ent.label == "PER":
                        name, _ = self._person(ent)
                        return Resolved(Speaker(name, "person", person_aliases(name)), "", 0.7, None)
                    name = self._org_name(ent, len(doc.tokens))
                    return Resolved(Speaker(name, "organization", org_aliases(name)), "", 0.65, None)
        want = None if cand.feminine is None else ("f" if cand.feminine else "m")
        for prev in reversed(self.history):
            if want is None or prev.gender in (None, want) or (want == "f" and prev.speaker.kind != "person"):
                return Resolved(prev.speaker, "", 0.7 if want else 0.65, prev.gender, prev.description)
        if self.history:
            prev = self.history[-1]
            return Resolved(prev.speaker, "", 0.45, prev.gender, prev.description)
        ent = self._last_person_before(cand)
        source = self._last_source_noun(cand)
        if ent and not (source and source.cue_index > doc.token_index_at(ent.start)):
            name, _ = self._person(ent)
            return Resolved(Speaker(name, "person", person_aliases(name)), "", 0.4, None)
        if source:
            return source
        return Resolved(Speaker("مصدر غير محدد", "unnamed"), "", 0.2, None)

    def _relative_antecedent(self, k: int, i: int) -> Resolved | None:
        """`ونستون تشرشل الذي كتب إلى زوجته يقول إنه`: the one the relative clause is about."""
        doc = self.doc
        cue = doc.folded[i]
        plural = cue.endswith(("وا", "ون"))
        wanted = {"الذين"} if plural else {"الذي", "التي", "الذين"}
        for r in range(i - 1, max(k, i - 16) - 1, -1):
            if doc.is_punct(r):
                return None  # وعن الدور الذي تقوم به اللجنة، قال: the clause is not the subject
            if doc.folded[r] in wanted and r > k:
                a = r
                while a > k and r - a < 4 and not doc.is_punct(a - 1) and doc.folded[a - 1] not in lx.FUNCTION_WORDS \
                        and lx.cue_form(doc.folded[a - 1]) is None:
                    a -= 1
                if a < r:
                    return self._named_in(a, r, Candidate(0, 0, "", "", a - 1, (a, r), None, 0))
                return None
        return None

    def _statement_of_org(self, k: int, i: int) -> Resolved | None:
        """`وفي بيان للتنظيم ...، أعلن`: the body whose statement the sentence reports."""
        doc = self.doc
        for j in range(k, i - 1):
            if lx.head_word(doc.folded[j]) in DOCUMENTS_OR_EVENTS and doc.folded[j + 1].startswith("ل"):
                word = lx.head_word(doc.folded[j + 1])  # للتنظيم → التنظيم
                word = word[1:] if word == doc.folded[j + 1] else word
                ent = doc.entity_at[j + 1]
                if ent is not None and ent.label == "ORG":
                    name = self._org_name(ent, i)
                    return Resolved(Speaker(name, "organization"), "", 0.6, "f")
                if "ال" + word in lx.ORG_HEADS or word in lx.ORG_HEADS:
                    ant = self._antecedent_org("ال" + word if not word.startswith("ال") else word)
                    if ant:
                        return Resolved(ant.speaker, "", 0.55, ant.gender, ant.description)
        return None

    def _last_source_noun(self, cand: Candidate) -> Resolved | None:
        """Nobody named yet: the last person-noun the article used (الشاب، أحد النقاد الفنيين)."""
        doc = self.doc
        i = cand.cue_index if cand.cue_index >= 0 else doc.token_index_at(cand.start)
        before = bisect.bisect_left(self._source_nouns, i)
        if before:
            k = self._source_nouns[before - 1]
            end = k + 1
            while end < len(doc.tokens) and end - k <= 3 and doc.folded[end].startswith("ال") \
                    and doc.entity_at[end] is None:
                end += 1
            name = doc.text[doc.tokens[k].start:doc.tokens[end - 1].end]
            return Resolved(Speaker(name, "unnamed"), "", 0.35, None, tuple(doc.folded[k:end]), k)
        return None

    @cached_property
    def _source_nouns(self) -> list[int]:
        """Where the article uses a person-noun as a source (الشاب، أحد النقاد), in order."""
        return [k for k, f in enumerate(self.doc.folded) if f in lx.UNNAMED_HEADS and (f.startswith("ال") or f == "احد")]


def _marks_a_name(doc: Doc, k: int) -> bool:
    """A quotation mark around a tagged name (صحيفة “ديلي ميل” البريطانية): part of the body's name."""
    if doc.tokens[k].text not in QUOTE_MARKS:
        return False
    return any(0 <= j < len(doc.tokens) and doc.entity_at[j] is not None for j in (k - 1, k + 1))


def _verbal_noun(folded: str) -> bool:
    """A verbal-noun cue (اتهامات عباس لها بـ): its speaker is a genitive, not the subject that
    a later verb of the sentence goes on with (رفضت حماس اتهامات عباس …، واعتبرت)."""
    return lx.masdar_word(folded) in lx.MASDAR_CUES
