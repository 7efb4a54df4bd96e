"""Resolve who said each statement, through the whole article.

Order of evidence, strongest first: a person or organisation named in the mention zone
(NER, extended over titles and adjectives); a source or collective noun (مصدر مسؤول,
مغردون); a title, role or honorific (الجنرال الروسي, سموه) resolved to the person the
article introduced with it; the subject before the cue in the same sentence (SVO); and an
elided subject, resolved to the last fitting speaker (gender of the cue verb helps).
Names are clustered so a surname resolves to the fullest name the article gives.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import CLAUSE_PUNCT, QUOTE_MARKS, Doc
from app.nlp.attribution.morphology import masdar_like as _masdar_like
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.morphology import oblique_plural, plural_noun, plural_verb, verb_shaped
from app.nlp.attribution.phrases import partitive_end
from app.nlp.attribution.statement import Candidate
from app.nlp.attribution.surnames import introduced_name
from app.nlp.types import Entity, Speaker

FACILITY_WORDS = frozenset(lx.fold(w) for w in (
    "مطار", "جامعة", "مستشفى", "شارع", "جائزة", "مسجد", "مدينة", "ملعب", "استاد", "إستاد", "مركز", "كأس",
    "قاعة", "مجمع", "برج", "حي", "ميدان", "طريق", "جسر", "مؤسسة", "مدرسة", "كلية", "معهد", "فندق", "قصر",
    "جائزه", "بطولة", "مهرجان", "عهد", "عصر",
))
# How far back from a cue its sentence's subject is looked for: far beyond any news sentence,
# and it keeps a text with no sentence end ("قال أن" × 8,000) from costing quadratic time.
SUBJECT_SCAN_TOKENS = 150
ANAPHOR_SUFFIXES = ("نفسه", "نفسها", "ذاته", "ذاتها", "المذكور", "المذكورة")
ISSUED = frozenset(lx.fold(w) for w in ("صادر", "الصادر", "صدر", "عن", "من", "رسمي", "الرسمي", "مشترك"))
# Indefinite titles in a construct: the name after them is whose title it is (سفير الملك، مستشار الرئيس X).
CONSTRUCT_TITLES = frozenset(lx.fold(w) for w in (
    "سفير", "وزير", "رئيس", "مدير", "أمين", "نائب", "مستشار", "مندوب", "ممثل", "قائد", "حاكم", "عضو", "متحدث",
    "ناطق", "مبعوث", "مساعد", "وكيل", "سكرتير", "حرس", "مكتب", "ديوان", "ابن", "ابنة", "زوجة", "شقيق", "والد",
))

# Bodies a definite noun names by itself (not an anaphor needing an antecedent).
STANDALONE_BODIES = frozenset(lx.fold(w) for w in (
    "حكومة", "سلطات", "جيش", "شرطة", "معارضة", "نظام", "برلمان", "رئاسة", "قوات", "تحالف", "أمم", "ادعاء",
    "نيابة", "محكمة", "داخلية", "خارجية",
))
VERB_PARTICLES = frozenset(lx.fold(w) for w in (
    "ما", "إذا", "اذا", "لا", "لم", "لن", "قد", "أن", "ان", "كي", "حتى", "عندما", "حين", "حينما", "لما", "سوف",
))
NAME_JOINERS = frozenset(lx.fold(w) for w in ("بن", "بنت", "ابن", "عبد", "آل", "ال", "أبو", "ابو", "أبي", "ابي", "أم", "ام", "ولد"))
SPEECH_EVENTS = frozenset(lx.fold(w) for w in (
    "بيان", "تصريح", "تصريحات", "كلمة", "مؤتمر", "حديث", "مقابلة", "لقاء", "تغريدة", "حوار", "ندوة",
))


@dataclass
class Resolved:
    speaker: Speaker
    mention: str
    confidence: float
    gender: str | None = None  # "f" / "m" / None
    description: tuple[str, ...] = ()  # folded words of the mention, for title matching
    cue_index: int = -1


@dataclass
class NameIndex:
    """Person names of the article, clustered: a surname maps to its fullest name."""

    names: list[tuple[str, ...]] = field(default_factory=list)  # folded word tuples
    surface: dict[tuple[str, ...], str] = field(default_factory=dict)
    # the names holding each bare word, in the order added: a lookup reads only those
    by_word: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def add(self, words: tuple[str, ...], text: str) -> None:
        if words and words not in self.surface:
            self.names.append(words)
            self.surface[words] = text
            for word in dict.fromkeys(_bare(words)):
                self.by_word.setdefault(word, []).append(words)

    def fullest(self, words: tuple[str, ...], text: str | None = None) -> tuple[str, float]:
        """The longest name containing `words` (as a contiguous run, ال ignored); else `text`."""
        key = _bare(words)
        best, best_len = self.surface.get(words, text or " ".join(words)), len(words)
        if not key:
            return best, 1.0
        for other in self.by_word.get(key[0], ()):
            ob = _bare(other)
            if len(ob) > best_len and _contains(ob, key):
                best, best_len = self.surface[other], len(ob)
        return best, 1.0

    def by_first_name(self, word: str) -> str | None:
        hits = {self.surface[n] for n in self.names if len(n) >= 2 and lx.bare_word(n[0]) == lx.bare_word(word)}
        return hits.pop() if len(hits) == 1 else None


@functools.lru_cache(maxsize=8192)  # the same descriptions and names are compared all through an article
def _bare(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(lx.bare_word, words))


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


class Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.names = NameIndex()
        for ent in doc.entities:
            if ent.label == "PER":
                words, text = self._person_words(ent)
                if words:
                    self.names.add(words, text)
        self.history: list[Resolved] = []
        self.set_statement_spans([])

    # -- names ----------------------------------------------------------------------
    def _person_words(self, ent: Entity) -> tuple[tuple[str, ...], str]:
        """A PER entity without its leading titles (الدكتور، الأمير، صاحب السمو الملكي)."""
        raw = ent.text.split()
        k = 0
        while k < len(raw) - 1 and (lx.fold(raw[k]) in lx.TITLES or _relation(raw[k])):
            k += 1
        raw = raw[k:]
        # trailing clitics or punctuation from a loose NER span
        raw = [w.strip("،,.:«»“”\"()") for w in raw]
        raw = [w for w in raw if w]
        return tuple(lx.fold(w) for w in raw), " ".join(raw)

    def _person(self, ent: Entity) -> tuple[str, float]:
        words, text = self._person_words(ent)
        if not words:
            return ent.text, 0.5
        return self.names.fullest(words)

    def _org_name(self, ent: Entity, zone_end: int) -> str:
        """An ORG entity extended over its head noun before and adjectives after it."""
        doc = self.doc
        a = doc.token_index_at(ent.start)
        if a > 0 and doc.tokens[a - 1].end > ent.start:
            a -= 1  # the entity starts inside a token (لـوزارة)
        b = a
        while b < len(doc.tokens) and doc.tokens[b].start < ent.end:
            b += 1
        start, end = ent.start, ent.end
        if a < len(doc.tokens) and doc.tokens[a].start == ent.start:  # not for a clitic-joined start
            while a > 0 and doc.folded[a - 1] in lx.ORG_HEADS and doc.entity_at[a - 1] is None \
                    and doc.folded[a - 1] not in lx.DOC_HEADS and lx.head_word(doc.folded[a]) == doc.folded[a]:
                a -= 1
                start = doc.tokens[a].start
        while b < min(zone_end, len(doc.tokens)) and _nisba(doc.folded[b]) and doc.entity_at[b] is None:
            end = doc.tokens[b].end
            b += 1
        return _clean_org(doc.text[start:end].strip("«»“”\" "))

    def person_name(self, ent: Entity) -> str:
        """The fullest name the article gives the person a PER entity names."""
        return self._person(ent)[0]

    def body_name(self, ent: Entity) -> str:
        """An ORG entity with its head noun and adjectives, in its fullest form."""
        return self.fullest_body(self._org_name(ent, len(self.doc.tokens)))

    def fullest_person(self, name: str) -> str:
        words = tuple(lx.fold(w) for w in name.split())
        full, _ = self.names.fullest(words, name)
        return full

    def fullest_body(self, name: str) -> str:
        """The fullest form the article gives an organisation: a longer name holding all its words
        (هيئة الأرصاد الأسترالية → هيئة الأرصاد الجوية الأسترالية), or the name an acronym was
        introduced with (فيفا → الاتحاد الدولي لكرة القدم "فيفا")."""
        words = _name_words(name)
        if not words:
            return name
        best = name
        for text, body_words in self._bodies_by_word.get(min(words), []) if len(words) >= 2 else []:
            if len(text) > len(best) and words <= body_words:
                best = text
        for full, short in self.short_names:
            if len(full) > len(best) and (lx.fold(short) == lx.fold(name) or (words <= _name_words(full) and len(words) >= 2)):
                best = full
        return _clean_org(best)

    @cached_property
    def _bodies_by_word(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """The article's ORG entities (text, name words) under each of their words, in order."""
        index: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for ent in self.doc.entities:
            if ent.label == "ORG":
                words = _name_words(ent.text)
                for word in words:
                    index.setdefault(word, []).append((ent.text, words))
        return index

    @cached_property
    def short_names(self) -> list[tuple[str, str]]:
        """(full name, short name) of the bodies the article introduces with a quoted short name."""
        return _introduced_short_names(self.doc.text, self.doc.entities)

    def interviewee(self) -> Resolved:
        """The person an interview is with: the person quoted most, else the first person named."""
        counts: dict[str, int] = {}
        for res in self.history:
            if res.speaker.kind == "person":
                counts[res.speaker.name] = counts.get(res.speaker.name, 0) + 1
        if counts:
            name = max(counts, key=lambda n: counts[n])
            speaker = next(r.speaker for r in self.history if r.speaker.name == name)
            return Resolved(speaker, "", 0.6)
        people = [e for e in self.doc.entities if e.label == "PER"]
        if people:
            name, _ = self._person(people[0])
            return Resolved(Speaker(name, "person", _aliases(name)), "", 0.45)
        return Resolved(Speaker("مصدر غير محدد", "unnamed"), "", 0.2)

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, cand: Candidate) -> Resolved:
        res = self._resolve(cand)
        if not any(ch.isalpha() for ch in res.speaker.name):
            res = self._elided(cand)  # a "name" of punctuation only: nobody was named
            if not any(ch.isalpha() for ch in res.speaker.name):
                res = Resolved(Speaker("مصدر غير محدد", "unnamed"), "", 0.2, None)
        name = res.speaker.name.strip(" .,،:؛;…-–")
        speaker = res.speaker if name == res.speaker.name else Speaker(name, res.speaker.kind, res.speaker.aliases)
        res = Resolved(speaker, res.mention, res.confidence, res.gender, res.description, cand.cue_index)
        if cand.feminine is not None and res.gender is None:
            res.gender = "f" if cand.feminine else "m"
        if res.confidence >= 0.25:  # an unknown speaker is nobody to refer back to
            self.history.append(res)
        return res

    def _zone_tokens(self, a: int, b: int) -> tuple[int, int]:
        """Trim a mention zone: drop leading punctuation and everything after an aside."""
        doc = self.doc
        while a < b and (doc.is_punct(a) and doc.tokens[a].text not in QUOTE_MARKS):
            a += 1
        if a < b and doc.folded[a] in lx.ACCORDING:
            return a, a  # وشددت، وفقا لما نقلته وكالة الأنباء، على أن: a source aside, the subject elided
        if a < b and doc.folded[a] in ("ل", "لـ"):
            # لـ«الاقتصادية»: who it was said to, before an elided subject
            a += 1
            if a < b and doc.tokens[a].text in QUOTE_MARKS:
                a += 1
                while a < b and doc.tokens[a].text not in QUOTE_MARKS:
                    a += 1
                a += 1
            elif a < b and doc.entity_at[a] is not None:
                ent = doc.entity_at[a]
                while a < b and doc.entity_at[a] is ent:
                    a += 1
            while a < b and doc.is_punct(a) and doc.tokens[a].text not in QUOTE_MARKS:
                a += 1
        k = a
        while k < b:
            f = doc.folded[k]
            if k > a and lx.head_word(doc.folded[k - 1]) not in lx.DOC_HEADS and (
                          f in ("ل", "لـ") or doc.tokens[k].text.startswith("لـ") or
                          (f.startswith("ل") and k + 1 < b and doc.tokens[k + 1].text in QUOTE_MARKS) or
                          (f.startswith("ل") and lx.head_word(f) != f and lx.head_word(f) in lx.ORG_HEADS
                           and not self._after_title(a, k))):
                break  # لـ«الشرق الأوسط»، لوكالة فرانس برس: who it was said to (الناطق الإعلامي لمديرية …: whose)
            if k > a and f in lx.RELATIVES and f != "ما":
                break  # عدد من التجار | الذين تحدثوا لـ«الاقتصادية»
            if k > a and doc.tokens[k].text.endswith(("اً", "ًا")) and doc.entity_at[k] is None:
                break  # زوج المعلمة | متحفظاً على ذكر اسمه: a circumstantial after the mention
            if k > a and f in ("عن", "من") and doc.folded[k - 1] in ("صادر", "الصادر", "صادره", "الصادره"):
                k += 1  # بيان صادر عن الوزارة
                continue
            if k > a and f in lx.ASIDE_STARTS and doc.entity_at[k] is None and not _given_name_ali(doc, k):
                # "في/من" inside a source or collective (مصدر في وزارة الداخلية، عدد من الأكاديميين)
                head = lx.head_word(doc.folded[a])
                nxt = doc.folded[k + 1] if k + 1 < b else ""
                if f in ("في", "من", "علي") and (head in lx.UNNAMED_HEADS or head in lx.GROUP_HEADS or
                                                ("ال" + head) in lx.UNNAMED_HEADS | lx.GROUP_HEADS) \
                        and k - a <= 8 and nxt and nxt not in lx.DOC_HEADS and nxt not in SPEECH_EVENTS \
                        and nxt not in lx.FUNCTION_WORDS:
                    k += 1
                    continue
                break
            k += 1
        while k > a and (doc.tokens[k - 1].text in CLAUSE_PUNCT or doc.tokens[k - 1].text in ("-", "–")):
            k -= 1
        return a, k

    def _resolve(self, cand: Candidate) -> Resolved:
        doc = self.doc
        a, b = cand.zone
        b = min(b, len(doc.tokens))
        i = cand.cue_index
        if i > 0 and (doc.folded[i].startswith("ف") or doc.folded[i - 1] in ("فقد", "قد")) and not cand.source_first:
            back = self._subject_before(i)  # أما X فقد برر / X فأشار
            named_after = a < b and (doc.folded[a] in lx.TITLES or doc.entity_at[a] is not None)
            if back and not (named_after and back.confidence < 0.75):
                return back  # (أما فيما يتعلق بالطرق فقد بين المهندس السيد: a topic, the subject after the verb)
        b = self._before_addressee(cand, a, b)
        if 0 <= i < len(doc.tokens) and plural_verb(doc.folded[i]) and not cand.source_first:
            # يطالبون نتنياهو بـ: a verb agreeing in the plural follows its subject; after it, its object
            back = self._subject_before(i) or self._plural_subject_before(i)
            if back:
                return back
            b = a
        found = self._quoted_name(a, b) or self._headline_surname(cand, a, b) or \
            self._headline_description(cand, a, b) or self._named_in(a, b, cand)
        if found:
            return found
        if cand.cue_index >= 0 and not cand.source_first:
            back = self._subject_before(cand.cue_index)
            if back:
                return back
        return self._elided(cand)

    def _after_title(self, a: int, k: int) -> bool:
        """Token k follows a title, or a title and its adjective, within the zone from a."""
        f = self.doc.folded
        return f[k - 1] in lx.TITLES or (k - 2 >= a and f[k - 2] in lx.TITLES and _nisba(f[k - 1]))

    def _headline_description(self, cand: Candidate, a: int, b: int) -> Resolved | None:
        """A headline's `ملياردير كوري:` describes the one person the body names right after
        the same words (الملياردير الكوري الجنوبي تشونج مونج-جون); NER may take the nisba
        (كوري) for a name."""
        doc = self.doc
        if cand.cue_index != -1 or not 2 <= b - a <= 3:
            return None
        words = tuple(doc.folded[a:b])
        if any(w in lx.FUNCTION_WORDS or doc.is_punct(k) for k, w in zip(range(a, b), words)) or any(
                doc.entity_at[k] is not None and not (doc.entity_at[k].label == "PER" and _nisba(words[k - a])
                                                      and k > a and not words[k - a].startswith("ال"))
                for k in range(a, b)):
            return None
        key = set(_bare(words))
        meant = {self._person(e)[0] for e in doc.entities if e.label == "PER" and e.start >= cand.end
                 and key <= set(_bare(tuple(doc.folded[max(0, (k := doc.token_index_at(e.start)) - 4):k])))}
        if len(meant) != 1:
            return None
        name = meant.pop()
        return Resolved(Speaker(name, "person", _aliases(name)), doc.text[doc.tokens[a].start:doc.tokens[b - 1].end],
                        0.8, None, words)

    def _headline_surname(self, cand: Candidate, a: int, b: int) -> Resolved | None:
        """A headline's `إسلام:` names a person the body names in full (محمد إسلام), though
        NER saw no name in the headline."""
        doc = self.doc
        if cand.cue_index != -1 or not 0 < b - a <= 2 or any(doc.entity_at[k] is not None for k in range(a, b)):
            return None
        words = tuple(doc.folded[a:b])
        if any(w in lx.TITLES or w in lx.FUNCTION_WORDS or w.startswith("ال") for w in words):
            return None
        key = _bare(words)
        fuller = [n for n in self.names.names if len(n) > len(words) and _contains(_bare(n), key)]
        if len({self.names.surface[n] for n in fuller}) != 1:
            return None  # nobody, or several people, bear it
        name, _ = self.names.fullest(fuller[0])
        return Resolved(Speaker(name, "person", _aliases(name)), doc.text[doc.tokens[a].start:doc.tokens[b - 1].end],
                        0.85, None, words)

    def _before_addressee(self, cand: Candidate, a: int, b: int) -> int:
        """Where the addressee of دعا/حث/طالب starts in the zone: an oblique plural (دعا
        المواطنين) or, after a masculine verb, a place (دعا طهران); the subject, if any, precedes."""
        doc = self.doc
        if cand.cue_index < 0 or cand.cue_index >= len(doc.tokens) or cand.cue not in lx.ADDRESSEE_CUES:
            return b
        for k in range(a, b):
            f = doc.folded[k]
            ent = doc.entity_at[k]
            if k > a and doc.folded[k - 1] in ("احد", "بعض", "عدد", "من"):
                continue
            if oblique_plural(f) and f not in lx.TITLES and not (ent is not None and ent.label == "PER"
                                                                  and ent.end > doc.tokens[k].end):
                return k
            if ent is not None and ent.label == "LOC" and cand.feminine is False and doc.tokens[k].start == ent.start:
                return k
        return b

    def _quoted_name(self, a: int, b: int) -> Resolved | None:
        """A speaker named in quotation marks: أكد «المرصد السوري»، أن / موقع «الدرر الشامية»."""
        doc = self.doc
        k = a
        head = ""
        if k < b and doc.folded[k] in lx.ORG_HEADS:
            head = doc.tokens[k].text
            k += 1
        if not (k < b and doc.tokens[k].text in QUOTE_MARKS):
            return None
        close = k + 1
        while close < b and doc.tokens[close].text not in QUOTE_MARKS:
            close += 1
        if close >= b or close - k - 1 > 7 or close == k + 1:
            return None
        inner = doc.text[doc.tokens[k + 1].start:doc.tokens[close - 1].end]
        ent = doc.entity_at[k + 1]
        desc = tuple(doc.folded[a:close])
        inner_heads = [doc.folded[j] for j in range(k + 1, close) if lx.head_word(doc.folded[j]) in lx.ORG_HEADS]
        if ent is not None and ent.label == "PER" and not head and not inner_heads:
            name, _ = self._person(ent)
            return Resolved(Speaker(name, "person", _aliases(name)), inner, 0.85, None, (doc.folded[k + 1],))
        if head or inner_heads or (ent is not None and ent.label in ("ORG", "LOC")):
            name = f"{head} {inner}" if head else inner
            return Resolved(Speaker(name, "organization", (inner,) if head else ()), name, 0.8, None, desc)
        # a short quoted name with no organisation word: a person (وأكد "العصيمي" أن)
        return Resolved(Speaker(inner, "person", _aliases(inner)), inner, 0.65, None, desc)

    def _named_in(self, a: int, b: int, cand: Candidate) -> Resolved | None:
        doc = self.doc
        if a >= b:
            return None
        for k in range(a, b):
            if doc.folded[k] in lx.QUOTED_SAYING:
                # نقلت الوكالة عن المتحدث X قوله: the speaker is the one after عن
                for j in range(k - 1, a - 1, -1):
                    if doc.folded[j] == "عن":
                        res = self._named_in(j + 1, k, Candidate(0, 0, "", "", -1, (j + 1, k), None, 0))
                        if res:
                            return res
                        break
                break
        ma, mb = self._zone_tokens(a, b)
        mention = doc.text[doc.tokens[ma].start:doc.tokens[mb - 1].end] if ma < mb else ""
        if ma + 1 < mb and doc.folded[ma] == "في" and lx.bare_word(lx.head_word(doc.folded[ma + 1])) in lx.DOC_HEADS:
            ma += 1  # في بيان ...: the speaker only if a body is named in it (في بيان للوزارة)
            if not any(doc.entity_at[k] is not None and doc.entity_at[k].label == "ORG"
                       or lx.head_word(doc.folded[k]) in lx.ORG_HEADS - lx.DOC_HEADS for k in range(ma + 1, mb)):
                word = lx.bare_word(doc.folded[ma])
                return self._document_source(cand, word) if doc.folded[ma].startswith("ال") else None
        if ma < mb and doc.folded[ma] in lx.MEDIA_REPORTS and all(_nisba(f) for f in doc.folded[ma + 1:mb]):
            return Resolved(Speaker(mention, "group"), mention, 0.7, "f", tuple(doc.folded[ma:mb]))  # the media
        if ma + 1 < mb and lx.head_word(doc.folded[ma]) in lx.DOC_HEADS and (
                doc.folded[ma] not in lx.ORG_HEADS or doc.folded[ma + 1] in ISSUED
                or doc.entity_at[ma + 1] is not None or lx.head_word(doc.folded[ma + 1]) in lx.ORG_HEADS):
            ma += 1  # بيانات مؤسسة النقد → مؤسسة النقد
            while ma + 1 < mb and doc.entity_at[ma] is None and (_nisba(doc.folded[ma]) or doc.folded[ma] in ISSUED):
                ma += 1  # بيان صادر عن الوزارة، البيان الرسمي للوزارة
            if ma < mb and doc.folded[ma].startswith("ل") and doc.entity_at[ma] is None and \
                    lx.head_word(doc.folded[ma]) != doc.folded[ma]:
                pass
            a = max(a, ma)
        if ma < mb and doc.folded[ma] in ("ما",) and ma + 2 < mb:
            ma += 2  # بحسب ما أفادت مصادر
            a = max(a, ma)
        desc = tuple(doc.folded[ma:mb])
        # 1. a person named by NER: in the mention, else later in the zone but not inside a
        #    relative clause (خلال المؤتمر الذي حضره مراسلو...)
        relative = False
        for k in list(range(ma, mb)) + list(range(a, ma)) + list(range(mb, b)):
            if k >= mb and doc.folded[k] in lx.RELATIVES:
                relative = True
            ent = doc.entity_at[k]
            if ent is None or ent.label != "PER" or (k > 0 and doc.entity_at[k - 1] is ent) or (k >= mb and relative):
                continue
            if self._genitive(k):
                continue
            if k > 0 and doc.folded[k - 1] in CONSTRUCT_TITLES:
                continue  # سفير خادم الحرمين: the person whose ambassador it is, not the speaker
            if k >= 2 and doc.tokens[k - 1].text in QUOTE_MARKS and doc.folded[k - 2] in lx.ORG_HEADS:
                continue  # فريق «لأمتنا نحيا»: the name of a body, not a person
            name, _ = self._person(ent)
            return Resolved(Speaker(name, "person", _aliases(name)), mention or ent.text, 0.9, None, desc)
        if ma >= mb:
            return None
        first = lx.head_word(doc.folded[ma])
        if first != doc.folded[ma]:
            mention = mention[1:] if mention.startswith("ل") else mention  # لخبراء الآثار → خبراء الآثار
        # 2. anonymous sources and collectives by their head noun
        if first in lx.UNNAMED_HEADS or ("ال" + first) in lx.UNNAMED_HEADS or (first in ("احد", "بعض") and mb - ma > 1):
            name = self._earlier_source(mention, desc) or mention
            kind = "group" if (mb - ma > 1 and doc.folded[ma + 1] in lx.GROUP_HEADS and first in ("بعض",)) else "unnamed"
            return Resolved(Speaker(name, kind), mention, 0.75, None, desc)
        if first in lx.GROUP_HEADS or ("ال" + first) in lx.GROUP_HEADS:
            return Resolved(Speaker(mention, "group"), mention, 0.75, None, desc)
        if first.endswith("ون") and not first.startswith("ال") and plural_noun(first) and doc.entity_at[ma] is None \
                and first not in lx.TITLES and ma == a and mb - ma <= 3 and self.names.fullest((first,))[0] == first \
                and not any(f in lx.FUNCTION_WORDS or doc.entity_at[k] is not None
                            for k, f in zip(range(ma + 1, mb), doc.folded[ma + 1:mb])):
            return Resolved(Speaker(mention, "group"), mention, 0.7, None, desc)  # مستثمرون أجانب: a collective
        # 3. an organisation named by NER (not one in a "to the agency" aside, not the genitive of a
        #    person's title: وزير الإسكان رئيس مجلس إدارة صندوق التنمية ماجد الحقيل)
        for k in range(ma, mb if first not in lx.TITLES else ma):
            ent = doc.entity_at[k]
            if ent is None or ent.label != "ORG" or (k > 0 and doc.entity_at[k - 1] is ent):
                continue
            if k > ma and doc.folded[k - 1] not in lx.ORG_HEADS and doc.tokens[k - 1].text not in QUOTE_MARKS:
                continue
            if doc.folded[k].startswith("ل") and doc.tokens[k].text.startswith("ل") and k == ma and len(doc.folded[k]) > 4 \
                    and doc.folded[k][1:] in ():
                continue
            name = self._org_name(ent, mb)
            return Resolved(Speaker(name, "organization", _org_aliases(name)), mention, 0.85, None, desc)
        # 3b. a place standing for its government, first in the zone (ترى موسكو، أدانت دولة الإمارات)
        k = ma + 1 if doc.folded[ma] in ("دوله", "حكومه", "سلطات") else ma
        ent = doc.entity_at[k] if k < mb else None
        if ent is not None and ent.label == "LOC" and not (k > 0 and doc.entity_at[k - 1] is ent):
            name = doc.text[doc.tokens[ma].start:ent.end] if k > ma else ent.text
            return Resolved(Speaker(_clean_org(name), "organization"), mention, 0.7, None, desc)
        # 4. honorific pronouns and bare titles: the person the article means
        if first in lx.HONORIFIC_TITLES:
            res = self._antecedent_person(mention, desc, cand, title=None, conf=0.7)
            if not self._titled(res.speaker, first, cand) and (honoured := self._honoured(first, cand)):
                name, _ = self._person(honoured)
                return Resolved(Speaker(name, "person", _aliases(name)), mention, 0.7, None, desc)
            return res
        if first in lx.HONORIFIC_PRONOUNS or first in lx.PRONOUNS:
            return self._antecedent_person(mention, desc, cand, title=None, conf=0.7)
        # 5. organisation heads: a named body or an anaphor (الوزارة، المكتب، البيان)
        if first in lx.ORG_HEADS:
            if first.startswith("ال") and (mb - ma <= 2 and not any(_nisba(w) for w in desc[1:]) or (
                    ma + 1 < mb and not _nisba(doc.folded[ma + 1]) and doc.entity_at[ma + 1] is None
                    and not doc.folded[ma + 1].startswith("ل"))):
                # الوزارة، المكتب، البيان — or الوزارة followed by its object (الوزارة المتقدمين ...)
                ant = self._antecedent_org(first)
                if ant:
                    return Resolved(ant.speaker, mention, 0.7, ant.gender, desc)
            name = doc.text[doc.tokens[ma].start:doc.tokens[mb - 1].end].strip("«»“”\" ")
            return Resolved(Speaker(name, "organization"), mention, 0.65, None, desc)
        if first in lx.TITLES:
            if cand.source_first:  # a headline's title: the person the article introduces with it
                res = self._antecedent_person(mention, desc, cand, title=first, conf=0.65)
                if res.speaker.kind == "person" and res.confidence >= 0.7:
                    return res
            name_words = self._untitled_name(ma, mb)
            if name_words:
                text = " ".join(doc.tokens[k].text for k in name_words)
                words = tuple(doc.folded[k] for k in name_words)
                full, _ = self.names.fullest(words, text)
                if full == text and len(words) == 1:
                    alt = self.names.by_first_name(words[0])
                    if alt:
                        return Resolved(Speaker(alt, "person", _aliases(alt)), mention, 0.55, None, desc)
                self.names.add(words, text)
                return Resolved(Speaker(full, "person", _aliases(full)), mention, 0.65, None, desc)
            res = self._antecedent_person(mention, desc, cand, title=first, conf=0.65)
            if "باسم" in desc and res.confidence < 0.7:  # no one introduced so: the body's unnamed spokesman
                return Resolved(Speaker(mention, "unnamed"), mention, 0.6, None, desc)
            return res
        # 6. a surname of someone already named (وأضاف الشريف) though NER missed it here
        if cand.cue_index >= 0 and ma == cand.cue_index + 1 and doc.entity_at[ma] is None \
                and first not in lx.ASIDE_STARTS and first not in lx.FUNCTION_WORDS and first not in lx.TITLES:
            full, _ = self.names.fullest((first,))
            if full == first and first.startswith("ال"):
                full = introduced_name(doc, ma) or full  # introduced where NER missed it
            if full != " ".join((first,)) and full != doc.tokens[ma].text:
                return Resolved(Speaker(full, "person", _aliases(full)), mention, 0.7, None, desc)
        # 7. a name NER missed: a run of name-like words right after the cue (أكد نايف الشريف رئيس...)
        if cand.cue_index >= 0 and ma == cand.cue_index + 1 and doc.entity_at[ma] is None \
                and not first.startswith("ال") and first not in lx.FUNCTION_WORDS and first not in lx.ASIDE_STARTS \
                and not _adverbial(doc.tokens[ma].text) and not doc.tokens[ma].text[0].isdigit() \
                and not _article_with_clitic(first) and not _possessed(doc.tokens[ma].text) \
                and not _masdar_like(first) and first not in NOT_NAMES and first not in lx.DOC_HEADS \
                and not verb_shaped(first) and lx.cue_form(first) is None:
            end = ma
            while end < mb and end - ma < 4 and not doc.is_punct(end) and doc.folded[end] not in lx.TITLES \
                    and doc.folded[end] not in lx.FUNCTION_WORDS and doc.folded[end] not in lx.ASIDE_STARTS \
                    and lx.head_word(doc.folded[end]) == doc.folded[end] and not _adverbial(doc.tokens[end].text):
                end += 1
            words = tuple(doc.folded[ma:end])
            text = doc.text[doc.tokens[ma].start:doc.tokens[end - 1].end]
            full, _ = self.names.fullest(words)
            if full == " ".join(words):
                full = text
                if len(words) >= 2:
                    self.names.add(words, text)
            return Resolved(Speaker(full, "person", _aliases(full)), mention, 0.5, None, desc)
        # 8. a role noun the lexicon does not list, then a name (المبتعث عارف السحيمي)
        if first.startswith("ال") and not _nisba(first) and mb - ma >= 2:
            name_words = self._untitled_name(ma, mb)
            if name_words and len(name_words) >= 2:
                text = " ".join(doc.tokens[k].text for k in name_words)
                words = tuple(doc.folded[k] for k in name_words)
                full, _ = self.names.fullest(words, text)
                self.names.add(words, text)
                return Resolved(Speaker(full, "person", _aliases(full)), mention, 0.5, None, desc)
        return None

    def _genitive(self, k: int) -> bool:
        """A person named inside a longer name or as a possessor (مطار الأمير X، لوزير Y)."""
        doc = self.doc
        j = k - 1
        while j >= 0 and doc.folded[j] in lx.TITLES and doc.entity_at[j] is None:
            j -= 1
        if j < 0:
            return False
        prev = doc.folded[j]
        if prev in FACILITY_WORDS or (prev[:1] in ("ل", "ب", "و") and prev[1:] in FACILITY_WORDS):
            return True
        if j < k - 1 and prev.startswith("ل") and len(prev) > 3:
            return False
        return False

    def _untitled_name(self, a: int, b: int) -> list[int]:
        """Tokens of a name after a title chain when NER did not tag it: the last run of the zone
        that starts with a bare word and may go on with joiners (بن، عبد، آل، أبو) and a family
        name (ماجد الحقيل، محمد بن عبد الرحمن آل سعود, المغرد همام)."""
        doc = self.doc
        runs: list[list[int]] = []
        k = a
        while k < b:
            if self._name_start(k):
                run = [k]
                k += 1
                while k < b and len(run) < 12 and self._name_part(k, run):
                    run.append(k)
                    k += 1
                runs.append(run)
                continue
            k += 1
        if not runs and b - a >= 2 and doc.folded[b - 1].startswith("ال") and not _nisba(doc.folded[b - 1]) \
                and doc.folded[b - 2] in lx.TITLES and doc.folded[b - 2].startswith("ال") \
                and doc.folded[b - 1] not in lx.TITLES | lx.ORG_HEADS \
                and doc.entity_at[b - 1] is None and lx.head_word(doc.folded[b - 1]) == doc.folded[b - 1]:
            return [b - 1]  # a definite title and a family name: الدكتور الخزيم (not وزير الطاقة)
        for run in reversed(runs):
            last = run[-1]
            before = doc.folded[run[0] - 1] if run[0] > 0 else ""
            if before in VERB_PARTICLES:
                continue  # إذا ما تكلم: a verb after its particle, not a name
            construct = not before.startswith("ال") and (before in lx.TITLES or before in lx.ORG_HEADS
                                                         or before in lx.DOC_HEADS or before == "عام")
            if construct and (len(run) == 1 or any(doc.entity_at[k] is not None and doc.entity_at[k].label in ("LOC", "ORG")
                                                   for k in run)):
                continue  # رئيس غرفة مكة، أمير منطقة مكة المكرمة: a genitive noun, not a name
            if before in CONSTRUCT_TITLES:
                continue  # سفير خادم الحرمين الشريفين: whose ambassador, not the speaker
            # the name closes the description: the zone ends, or an aside / punctuation follows
            if last == b - 1 or doc.is_punct(last + 1) or doc.folded[last + 1] in lx.ASIDE_STARTS \
                    or doc.folded[last + 1].startswith("ل") or doc.folded[last + 1] in lx.TITLES:
                while len(run) > 1 and doc.folded[run[-1]] in NAME_JOINERS:
                    run = run[:-1]
                return run
        return []

    def _name_start(self, k: int) -> bool:
        doc = self.doc
        f = doc.folded[k]
        raw = doc.tokens[k].text
        if k + 1 < len(doc.tokens) and doc.folded[k + 1] == "الله":
            return False  # أيده الله، حفظه الله: a blessing after a title, not a name
        if _given_name_ali(doc, k):
            return True
        if f == "باسم" and k > 0 and (doc.folded[k - 1] in lx.TITLES or _nisba(doc.folded[k - 1])):
            return False  # المتحدث الرسمي باسم الرئاسة: on behalf of, not the given name Basem
        if doc.is_punct(k) or raw[0].isdigit() or f.startswith("ال") or _article_with_clitic(f) \
                or f in lx.TITLES or f in lx.FUNCTION_WORDS \
                or f in lx.ASIDE_STARTS or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS or f in lx.GROUP_HEADS \
                or f in lx.DOC_HEADS or f in NAME_JOINERS - {"عبد", "ابو", "أبو"} or _adverbial(raw) or _nisba(f) \
                or lx.head_word(f) != f or lx.cue_form(f) is not None:
            return False
        if f.startswith(("ل", "ب")) and doc.entity_at[k] is None and (f[1:] in lx.TITLES | lx.ORG_HEADS or (
                k + 1 < len(doc.tokens) and (doc.folded[k + 1].startswith("ال") or (
                    doc.entity_at[k + 1] is not None and doc.entity_at[k + 1].label in ("ORG", "LOC"))))):
            return False  # لكرة القدم، بالنادي، لسوق عكاظ: a prepositional phrase
        ent = doc.entity_at[k]
        if ent is not None and ent.label == "LOC" and k > 0 and (doc.entity_at[k - 1] is not None
                                                                 or doc.folded[k - 1] in lx.TITLES):
            return True  # في ليبيا | برناردينو ليون: a person the tagger took for a place
        if ent is not None and ent.label == "ORG" and k > 0 and doc.folded[k - 1] in lx.TITLES \
                and doc.folded[k - 1].startswith("ال"):
            return True  # الدكتور | موافق الرويلي: a definite title is followed by a name, not a genitive
        return ent is None or ent.label == "PER"

    def _name_part(self, k: int, run: list[int]) -> bool:
        doc = self.doc
        f = doc.folded[k]
        if doc.is_punct(k) or doc.tokens[k].text[0].isdigit() or f in lx.FUNCTION_WORDS or f in lx.TITLES \
                or f in lx.ASIDE_STARTS or lx.cue_form(f) is not None:
            return False
        if f in NAME_JOINERS or doc.folded[run[-1]] in NAME_JOINERS:
            return True
        if f.startswith("ال"):
            # a family name (الحقيل، الخليل) ends the name; an adjective (الروسي) is not part of it
            return not _nisba(f) or len(run) >= 1 and f.endswith(("ي",)) and len(f) <= 7
        prep_phrase = f.startswith(("ل", "ب")) and (lx.head_word(f) != f or _article_with_clitic(f) or (
            k + 1 < len(doc.tokens) and doc.folded[k + 1].startswith("ال")))
        # a bare nisba-shaped word after two name words is a family name (علي اكبر صالحي)
        return len(run) < 4 and not prep_phrase and (not _nisba(f) or len(run) >= 2)

    def _earlier_source(self, mention: str, desc: tuple[str, ...]) -> str | None:
        """`المصادر` / `المصدر نفسه` is the unnamed source described earlier."""
        if not desc:
            return None
        head = _bare(desc[:1])[0]
        marked = any(s in desc for s in map(lx.fold, ANAPHOR_SUFFIXES))
        if not (desc[0].startswith("ال") or marked):
            return None
        for prev in reversed(self.history):
            if prev.speaker.kind != "unnamed" or not prev.description:
                continue
            if _bare(prev.description[:1])[0] != head:
                continue
            rest = set(_bare(_no_and(desc[1:]))) - {lx.fold(s) for s in ANAPHOR_SUFFIXES} - {"و"}
            known = set(_bare(_no_and(prev.description)))
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
                return Resolved(Speaker(name, "organization", _org_aliases(name)), "", 0.6, "f")
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
            if not (prev in lx.COMPLEMENTISERS or _verbish_start(doc, k) or lx.cue_form(prev) is not None):
                continue  # not the subject (اتهمت المجموعة الميليشيات: the object)
            name = self._org_name(ent, len(doc.tokens))
            return Resolved(Speaker(name, "organization", _org_aliases(name)), "", 0.55, "f")
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
                return Resolved(Speaker(name, "organization", _org_aliases(name)), name, 0.6, None)
        named = self._indefinite_head(bare)
        if named:
            return Resolved(Speaker(named, "organization"), named, 0.6, None)
        if bare in STANDALONE_BODIES:
            return None  # الحكومة، الجيش: a body named by the word itself
        for prev in reversed(self.history):
            if prev.speaker.kind == "organization":
                return prev
        return None

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
            words = set(_bare(desc)) - lx.FUNCTION_WORDS
            best, best_score = None, 0
            for n, prev in enumerate(self.history):  # the whole article so far (a headline: all of it)
                if prev.speaker.kind != "person" or t not in (described := _bare(prev.description)):
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
                return Resolved(Speaker(name, "person", _aliases(name)), mention, conf + 0.05, None, desc)
        for prev in reversed(self.history):
            if prev.speaker.kind == "person":
                return Resolved(prev.speaker, mention, conf - 0.05, prev.gender, prev.description)
        ent = self._last_person_before(cand)
        if ent:
            name, _ = self._person(ent)
            return Resolved(Speaker(name, "person", _aliases(name)), mention, 0.4, None, desc)
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
                out.append((ent, before, after, _bare(tuple(lx.fold(w) for w in ent.text.split()))))
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

    def _plural_subject_before(self, i: int) -> Resolved | None:
        """جنرالات إسرائيليون يطالبون: a short plural noun phrase opening the sentence is a group."""
        doc = self.doc
        start = i
        while start > 0 and i - start < SUBJECT_SCAN_TOKENS and not doc.ends_sentence(start - 1) \
                and doc.paragraph_of[start - 1] == doc.paragraph_of[i]:
            start -= 1
        words = [k for k in range(start, i) if not doc.is_punct(k)]
        if not 1 <= len(words) <= 4 or len(words) != i - start or any(doc.folded[k] in lx.FUNCTION_WORDS for k in words):
            return None
        mention = doc.text[doc.tokens[start].start:doc.tokens[i - 1].end]
        return Resolved(Speaker(mention, "group"), mention, 0.6, None, tuple(doc.folded[start:i]))

    def _subject_before(self, i: int) -> Resolved | None:
        """SVO: the noun phrase right before the cue (`أما X فقد برر`, `المصادر الأمنية شددت`)."""
        doc = self.doc
        k = i - 1
        while k >= 0 and doc.folded[k] in ("فقد", "قد", "وقد", "لقد"):
            k -= 1
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
            if doc.is_punct(k) or f in lx.FUNCTION_WORDS or f in lx.COMPLEMENTISERS or f in lx.RELATIVES:
                break
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
                return Resolved(Speaker(full, "person", _aliases(full)), doc.tokens[start].text, 0.7, None)
        return None

    def _elided(self, cand: Candidate) -> Resolved:
        """No subject after the cue: the speaker of an earlier cue in the sentence, the sentence's
        first named subject, else the last fitting speaker."""
        doc = self.doc
        i = cand.cue_index
        if i >= 0 and self.history:
            prev = self.history[-1]
            if 0 <= prev.cue_index < i and doc.sentence_of[prev.cue_index] == doc.sentence_of[i]:
                return Resolved(prev.speaker, "", 0.8, prev.gender, prev.description)
        if i >= 0:
            k = i
            while k > 0 and i - k < SUBJECT_SCAN_TOKENS and not doc.ends_sentence(k - 1) \
                    and doc.paragraph_of[k - 1] == doc.paragraph_of[i]:
                k -= 1
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
                        and doc.folded[j - 1] not in lx.FUNCTION_WORDS | lx.ASIDE_STARTS:
                    end = j + 1
                    while end < i and end - j < 4 and (doc.folded[end].startswith("ال") or doc.entity_at[end] is not None) \
                            and not doc.is_punct(end) and doc.folded[end] not in lx.FUNCTION_WORDS:  # (إلى folds to الي)
                        end += 1
                    end = partitive_end(doc, j, end, i)  # عدد من زوار المهرجان
                    name = doc.text[doc.tokens[j].start:doc.tokens[end - 1].end]
                    kind = "organization" if head in lx.ORG_HEADS else "group" if head in lx.GROUP_HEADS else "unnamed"
                    return Resolved(Speaker(_clean_org(name), kind), "", 0.65, None, tuple(doc.folded[j:end]))
            for j in range(k, i):
                ent = doc.entity_at[j]
                subject_slot = j <= k + 3 or lx.cue_form(doc.folded[j - 1]) is not None or _verbish_start(doc, j) \
                    or _after_titles(doc, k, j)
                if ent is not None and ent.label in ("PER", "ORG") and not (j > 0 and doc.entity_at[j - 1] is ent) \
                        and subject_slot and not self._in_statement(j) and not self._genitive(j) \
                        and not (j > k and doc.folded[j - 1].startswith("ل")):
                    if ent.label == "PER":
                        name, _ = self._person(ent)
                        return Resolved(Speaker(name, "person", _aliases(name)), "", 0.7, None)
                    name = self._org_name(ent, len(doc.tokens))
                    return Resolved(Speaker(name, "organization", _org_aliases(name)), "", 0.65, None)
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
            return Resolved(Speaker(name, "person", _aliases(name)), "", 0.4, None)
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
            if lx.head_word(doc.folded[j]) in lx.DOC_HEADS | SPEECH_EVENTS and doc.folded[j + 1].startswith("ل"):
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

    def in_statement(self, j: int) -> bool:
        return self._in_statement(j)

    def _in_statement(self, j: int) -> bool:
        """Token j is inside a statement (a name quoted by the speaker is not the subject): some
        span starting at or before it ends after it (a bisection over the spans by start)."""
        off = self.doc.tokens[j].start
        n = bisect.bisect_right(self._span_starts, off)
        return n > 0 and self._span_reach[n - 1] > off

    def set_statement_spans(self, spans: list[tuple[int, int]]) -> None:
        self.statement_spans = sorted(spans)
        self._span_starts = [s for s, _ in self.statement_spans]
        self._span_reach = list(itertools.accumulate((e for _, e in self.statement_spans), max))


# Nouns of a relation or role that take a possessive pronoun before a name (وكيله رامي عباس).
RELATIONS = lx.OFFICES | frozenset(lx.fold(w) for w in (
    "وكيل", "شقيق", "شقيقت", "والد", "والدت", "نجل", "زوج", "زوجت", "محامي", "مدرب", "مساعد", "ابنت",
    "صديق", "زميل",
))


def _relation(word: str) -> bool:
    """وكيله، شقيقتها، محاميهم: someone's relation, not part of the name that follows."""
    for pronoun in ("هما", "هم", "ها", "ه"):
        if word.endswith(pronoun) and lx.fold(word[: -len(pronoun)]) in RELATIONS:
            return True
    return False


# Bare words that follow a cue and are no one's name: times, and nouns of the object.
NOT_NAMES = frozenset(lx.fold(w) for w in (
    "يوم", "غداة", "حين", "حينما", "دون", "لدى", "حق", "سبب", "مجموعة",
    "عقب", "إثر", "اثر", "ليلة", "صباح", "مساء", "نهاية", "بداية", "مطلع", "منتصف",
))


# A short name (one or two words) in quotation marks or brackets.
_SHORT_NAME = re.compile(r'[(«“"]\s*([^«»“”"()\n.،,:؛]{2,30}?)\s*[)»”"]')


def _introduced_short_names(text: str, entities: Sequence[Entity]) -> list[tuple[str, str]]:
    """(a body's full name, its short name) where the text introduces one in quotation marks or
    brackets: right after an ORG entity (الاتحاد الدولي لكرة القدم "فيفا"), or after an
    organisation's head noun (جمعية، منظمة) followed only by genitives and adjectives (words with
    ال or ل: الجمعية الخيرية للطعام "إطعام"), not by an aside (الأربعاء) or a clause."""
    org_ends = {ent.end: ent.text for ent in entities if ent.label == "ORG"}
    found = []
    for m in _SHORT_NAME.finditer(text):
        short = m.group(1).strip()
        if not short or len(short.split()) > 2 or lx.fold(short.split()[0]) in lx.FUNCTION_WORDS | lx.ASIDE_STARTS:
            continue
        end = m.start()
        while end and text[end - 1].isspace():
            end -= 1
        if end in org_ends:
            found.append((org_ends[end], short))
        before = text[max(0, end - 120):end].split()[-6:]
        first_head = None
        for i in range(len(before) - 1, -1, -1):
            word = lx.fold(before[i])
            if word in lx.ORG_HEADS and word not in lx.DOC_HEADS and before[i].isalpha():
                first_head = i
            elif not word.startswith(("ال", "ل")) or len(word) < 4 or word in lx.ASIDE_STARTS \
                    or not before[i].isalpha() or "ـ" in before[i]:
                break
        name = before[first_head:] if first_head is not None else []
        descriptive = bool(name) and lx.fold(name[0]).startswith("ال") and all(_nisba(lx.fold(w)) for w in name[1:])
        if len(name) > 1 and not descriptive:  # التنظيم الإرهابي "داعش": a description, the short name is the name
            found.append((" ".join(name), short))
    return found


@functools.lru_cache(maxsize=8192)  # fullest_body compares the same few names with every statement
def _name_words(name: str) -> frozenset[str]:
    """A name's folded words without و and ال, to compare two forms of it."""
    return frozenset(_bare(_no_and(tuple(lx.fold(w) for w in name.split()))))


def _given_name_ali(doc: Doc, k: int) -> bool:
    """علي spelt with ي and followed by a bare word that could be a name (علي اكبر صالحي) is the
    given name, though it folds like the preposition على."""
    if doc.tokens[k].text != "علي" or k + 1 >= len(doc.tokens) or doc.is_punct(k + 1):
        return False
    nxt = doc.folded[k + 1]
    return not nxt.startswith("ال") and nxt not in lx.FUNCTION_WORDS | lx.ASIDE_STARTS | lx.TITLES \
        and lx.head_word(nxt) == nxt and lx.cue_form(nxt) is None and not doc.tokens[k + 1].text[0].isdigit()


def _clean_org(name: str) -> str:
    """An organisation's name without the preposition glued to it (للهيئة → الهيئة، لوزارة → وزارة)."""
    first = name.split(" ", 1)[0]
    f = lx.fold(first)
    if f.startswith("لل") and len(f) > 4:
        return "ال" + name[2:]
    if f.startswith(("ل", "ب")) and len(f) > 3 and lx.head_word(f) != f:
        return name[1:].lstrip("ـ")
    return name


def _no_and(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the conjunction و from coordinated adjectives (والطبية → الطبية)."""
    return tuple(w[1:] if w.startswith("و") and len(w) > 3 else w for w in words)


def _article_with_clitic(f: str) -> bool:
    """للتدريب، بالنادي، والحكومة: a preposition or conjunction glued to the article, never a name."""
    return len(f) > 4 and (f.startswith("لل") or f[:3] in ("بال", "وال", "فال", "كال"))


def _possessed(raw: str) -> bool:
    """A noun with a pronoun suffix (وظيفته، روايتها): a thing of someone's, not a name."""
    raw = lx.strip_marks(raw)
    return len(raw) > 3 and raw.endswith(("ه", "ها", "هم")) and not raw.endswith("الله")


def _adverbial(raw: str) -> bool:
    """An accusative with tanween (مغرّداً، مضيفاً): a circumstantial word, not a name."""
    if raw.endswith(("اً", "ًا", "ً")):
        return True
    f = lx.fold(raw)
    # participles and verbal adjectives used as circumstantials: معقبا، مغردا، جازما، قائلا
    return f.endswith("ا") and (len(f) >= 5 and f.startswith("م") or len(f) == 5 and f[1] == "ا")


def _verbish_start(doc: Doc, j: int) -> bool:
    """The entity follows the clause's verb (نشر ايكرت، قال X): a past verb with و/ف or none."""
    if j == 0:
        return False
    prev = doc.folded[j - 1]
    return prev.startswith(("و", "ف")) and len(prev) in (4, 5) and not prev.startswith(("وال", "فال"))


def _after_titles(doc: Doc, k: int, j: int) -> bool:
    """The entity is the subject of the sentence's first word, a verb, after a chain of titles
    (وأعرب رئيس المنتدى د. إيهاب أبوركبة عن سعادته …، مؤكداً أن)."""
    between = range(k + 1, j)
    return 0 < len(between) <= 8 and _verbish_start(doc, k + 1) and doc.entity_at[k] is None and all(
        doc.folded[m] in lx.TITLES or lx.head_word(doc.folded[m]) in lx.ORG_HEADS or doc.tokens[m].text in ("د", ".", "م")
        or doc.folded[m].startswith("ال") and doc.entity_at[m] is None for m in between)


def _aliases(name: str) -> tuple[str, ...]:
    words = name.split()
    return (words[-1],) if len(words) >= 2 else ()


def _org_aliases(name: str) -> tuple[str, ...]:
    return ()
