"""Where a cue's subject ends and its content starts: titles, names, addressees, asides, objects."""


from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import QUOTE_MARKS, Doc
from app.nlp.attribution.morphology import masdar_like as _masdar_like
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.morphology import oblique_plural
from app.nlp.attribution.phrases import name_end

PEOPLE_HEADS = lx.PERSON_HEADS | {"المتخصصين", "المتخصصون"}
LONG_ASIDE = 25  # tokens of an aside (في كلمته التي ألقاها في …،) between a subject and its object


class SubjectZone:
    """The span between a cue and its content, where the speaker is named."""

    doc: Doc
    n: int
    cues: list[lx.CueForm | None]

    def _object_start(self, i: int, zone_end: int) -> tuple[int, str] | None:
        """Where a verbal-noun or prepositional object starts after cue i, if it takes one."""
        doc = self.doc
        form = self.cues[i]
        verb = form.verb
        np_ok = verb.np and (not form.present or verb.base in ("توقع", "رأى"))
        np_ok = np_ok or (form.participle and verb.base in ("أضاف", "أكد", "أوضح"))
        if not (np_ok or verb.preps):
            return None
        if i > 0 and doc.folded[i - 1] in lx.NEGATIONS:
            return None  # لم تعلن: nothing was said
        if i > 0 and doc.folded[i - 1] in lx.RELATIVES and not verb.preps:
            return None  # الذي أعلن في بيان: the object is fronted (والذي أكد على ... is speech)
        subject_end = self._subject_end(i, zone_end)
        k = subject_end
        if verb.preps:
            # the verb's own preposition right after the subject or past its asides
            p = self._skip_asides(subject_end, zone_end)
            aside = self._past_long_aside(subject_end, zone_end)
            for q in (subject_end, p, self._past_addressee(verb, subject_end, zone_end), aside,
                      self._past_addressee(verb, aside, zone_end)):
                if q >= self.n or doc.paragraph_of[q] != doc.paragraph_of[i]:
                    continue
                f = doc.folded[q]
                if f in verb.preps and q + 1 < self.n and not doc.is_punct(q + 1):
                    return q + 1, "prep"
                if "ب" in verb.preps and f.startswith("ب") and len(f) >= 3 and doc.entity_at[q] is None:
                    return q, "ب"
        # one aside after the subject: في كلمة له، خلال المؤتمر، أمس
        k = self._skip_asides(k, zone_end)
        if k < self.n and k > subject_end and doc.folded[k] in lx.TITLES:
            # الأمين العام للمشروع في العراق | الشيخ خميس الخنجر هذه التصريحات: the subject goes on after the aside
            k = self._name_run_end(self._subject_end_rules(k - 1, zone_end), zone_end, verb)
        if k >= self.n or doc.paragraph_of[k] != doc.paragraph_of[i] or doc.is_punct(k):
            return None
        f = doc.folded[k]
        if verb.preps:
            if f in verb.preps and k + 1 < self.n and not doc.is_punct(k + 1):
                return k + 1, "prep"
            if "ب" in verb.preps and f.startswith("ب") and len(f) >= 3 and doc.entity_at[k] is None:
                return k, "ب"
        if np_ok:
            if f in lx.OBJECT_DEMONSTRATIVES and k + 1 < self.n and not doc.is_punct(k + 1):
                return k, "np"  # استنكر X هذه التصريحات
            if f in lx.FUNCTION_WORDS or f in lx.ASIDE_STARTS or f in lx.COMPLEMENTISERS or f in lx.ACCORDING:
                return None
            if f.startswith(("لل", "بال")) or (f.startswith(("ل", "ب")) and lx.head_word(f) != f):
                return None  # في إشارة للحرب: a prepositional phrase, not an object
            if doc.entity_at[k] is not None and doc.entity_at[k].label in ("PER",):
                return None
            if verb.base in ("أعلن", "توقع") and not _masdar_like(f):
                return None
            return k, "np"
        return None

    def _subject_end(self, i: int, zone_end: int) -> int:
        """Token after the subject that follows cue i (== i+1 when the subject is elided)."""
        form = self.cues[i]
        if form.participle and form.verb.base in lx.ADDRESSEE_CUES:
            return i + 1  # داعياً مجلس النواب إلى: after a participle of appeal, who is addressed
        k = self._subject_end_rules(i, zone_end)
        return self._extend_to_name(i, k, zone_end)

    def _extend_to_name(self, i: int, k: int, zone_end: int) -> int:
        """A long description before the name (مدير الفريق الأول لكرة القدم بالنادي الأهلي باسم X)."""
        doc = self.doc
        verb = self.cues[i].verb
        if k == i + 1 and (named := self._name_after_description(i, zone_end)) is not None:
            return named
        if k == i + 1 and self.cues[i].participle:
            return k  # a circumstantial participle (منتقداً تأخر …) has its subject before it, never after
        if k == i + 1 and verb.np:
            # أكد فيصل عيسى لطفي حرص ...: an untagged name, then the verbal-noun object
            p = k
            while p < min(zone_end, k + 4) and not doc.is_punct(p) and not doc.folded[p].startswith("ال") \
                    and doc.folded[p] not in lx.FUNCTION_WORDS and not _masdar_like(doc.folded[p]) \
                    and self.cues[p] is None and doc.folded[p] not in verb.preps:
                p += 1
            first = lx.strip_marks(doc.tokens[k].text)
            name_like = not first.endswith(("ها", "ه", "هم")) \
                and doc.folded[k] not in lx.ASIDE_STARTS and not _masdar_like(doc.folded[k])
            if k < p < self.n and name_like and (_masdar_like(doc.folded[p]) or doc.folded[p] in verb.preps
                                                 or self.is_comp(p)):
                return p
            return k
        if k == i + 1 and not verb.np and verb.preps:
            # أشاد أبوداود بالروح: an untagged name right before the verb's preposition
            p = k
            while p < min(zone_end, k + 3) and not doc.is_punct(p) and doc.folded[p] not in lx.FUNCTION_WORDS \
                    and doc.folded[p] not in verb.preps and not self._prep_object(verb, p) and self.cues[p] is None \
                    and not doc.folded[p].startswith("ال"):
                p += 1
            if k < p < self.n and (doc.folded[p] in verb.preps or self._prep_object(verb, p)):
                return p
            return k
        if k == i + 1 or doc.folded[i + 1] not in lx.TITLES:
            return k  # only a title's description runs on to the name
        for p in range(k, min(zone_end, k + 20)):
            f = doc.folded[p]
            if doc.is_punct(p) and doc.tokens[p].text not in ("،", ","):
                break
            ent = doc.entity_at[p]
            if (f in verb.preps or self.is_comp(p) or f in lx.FUNCTION_WORDS and f not in ("في", "من")) \
                    and not (ent is not None and ent.label == "PER"):  # a tagged علي is the name, not على
                break
            if ent is not None and ent.label == "PER":
                while p < zone_end and doc.entity_at[p] is ent:
                    p += 1
                return p
        named = doc.entity_at[k - 1] is not None and doc.entity_at[k - 1].label == "PER"
        if named and k < self.n and _masdar_like(doc.folded[k]):
            return k  # أكد الدكتور مفرج الحقباني حرص الوزارة على: the object follows the name
        # no tagged name: a short run of name-like words right before the verb's preposition
        p = self._name_words_end(k, zone_end, verb)
        if k < p < self.n and p - k <= 4 and doc.folded[p] in lx.TITLES and doc.folded[k] not in lx.TITLES:
            # the name, then its own title: الدكتور عبد اللطيف الزياني الأمين العام لمجلس التعاون ...
            return self._subject_end_rules(p - 1, zone_end)
        if k < p < self.n and p - k <= 4 and (doc.folded[p] in verb.preps or self.is_comp(p)
                                              or doc.tokens[p].text in (":", "،", ",")
                                              or doc.folded[p] in lx.OBJECT_DEMONSTRATIVES):
            if doc.tokens[p].text in ("،", ",") and p + 1 < self.n and doc.folded[p + 1] in lx.TITLES:
                # the name, then its apposition between commas: أسامة جستنية، عميد كلية ...، باستغلال
                q = p + 1
                while q < zone_end and doc.tokens[q].text not in ("،", ",") and q - p <= 18:
                    q += 1
                if q < zone_end and doc.tokens[q].text in ("،", ","):
                    return q + 1
            return p
        return k

    def _name_run_end(self, k: int, zone_end: int, verb: lx.CueVerb) -> int:
        """After a title, the end of the untagged name it introduces (الشيخ | خميس الخنجر | هذه):
        a short run of words up to the verb's object or content; k itself when there is none."""
        doc = self.doc
        p = self._name_words_end(k, zone_end, verb)
        if k < p < self.n and p - k <= 4 and (doc.folded[p] in verb.preps or self.is_comp(p) or doc.is_punct(p)
                                              or doc.folded[p] in lx.OBJECT_DEMONSTRATIVES):
            return p
        return k

    def _name_words_end(self, k: int, zone_end: int, verb: lx.CueVerb) -> int:
        """The token after a run of up to five words from k that may be an untagged name: no
        punctuation, function word, title, cue, complementiser or the verb's own preposition."""
        doc = self.doc
        p = k
        while p < min(zone_end, k + 5) and not doc.is_punct(p) and doc.folded[p] not in lx.FUNCTION_WORDS \
                and doc.folded[p] not in verb.preps and not self.is_comp(p) and doc.folded[p] not in lx.TITLES \
                and self.cues[p] is None:
            p += 1
        return p

    def _name_after_description(self, i: int, zone_end: int) -> int | None:
        """حذر إمام وخطيب المسجد الحرام فضيلة الشيخ عبدالرحمن السديس، من...: a description
        the title list does not know (إمام folds like أمام) running into a tagged name that the
        verb's own preposition or أن follows. Returns the token after the name."""
        doc = self.doc
        verb = self.cues[i].verb
        for p in range(i + 1, min(zone_end, i + 11)):
            ent = doc.entity_at[p]
            if ent is not None and ent.label == "PER":
                q = p
                while q < zone_end and doc.entity_at[q] is ent:
                    q += 1
                r = q + 1 if q < self.n and doc.tokens[q].text in ("،", ",") else q
                return q if p > i + 1 and r < self.n and (doc.folded[r] in verb.preps or self.is_comp(r)) else None
            if doc.is_punct(p) or doc.folded[p] in lx.FUNCTION_WORDS or self.cues[p] is not None \
                    or doc.folded[p] in verb.preps or self.is_comp(p):
                return None
        return None

    def _past_addressee(self, verb: lx.CueVerb, k: int, zone_end: int) -> int:
        """Past the addressee of دعا/حث (دعا المواطنين السوريين إلى): where its preposition may be."""
        doc = self.doc
        if verb.base not in lx.ADDRESSEE_CUES or k >= zone_end or not oblique_plural(doc.folded[k]):
            return k
        k += 1
        while k < zone_end and (oblique_plural(doc.folded[k]) or _nisba(doc.folded[k])):
            k += 1
        return k

    def _past_long_aside(self, k: int, zone_end: int) -> int:
        """Past an aside that a comma closes (وطالب الفهيد في كلمته التي ألقاها في حفل الافتتاح،
        بالاستفادة): where the verb's preposition may stand; k itself if no such aside."""
        doc = self.doc
        if k >= zone_end or doc.folded[k] not in lx.ASIDE_STARTS:
            return k
        for c in range(k + 1, min(zone_end, k + LONG_ASIDE)):
            if doc.ends_sentence(c) or self.is_comp(c) or self.cues[c] is not None or doc.tokens[c].text in QUOTE_MARKS:
                return k
            if doc.tokens[c].text in ("،", ","):
                return c + 1
        return k

    def _prep_object(self, verb: lx.CueVerb, p: int) -> bool:
        """An object glued to ب (بمحاسبة، بالروح) for a verb that takes ب."""
        f = self.doc.folded[p]
        return "ب" in verb.preps and f.startswith("ب") and len(f) >= 3 and self.doc.entity_at[p] is None

    def _subject_end_rules(self, i: int, zone_end: int) -> int:
        doc = self.doc
        k = i + 1
        if k >= self.n:
            return k
        # titles, entities and their adjectives
        seen_entity, last, joint = False, None, False  # (last: the entity the subject named last)
        while k < zone_end:
            f = doc.folded[k]
            ent = doc.entity_at[k]
            in_chain = k > i + 1 and (doc.folded[k - 1] in lx.ORG_HEADS or doc.folded[k - 1] in lx.TITLES
                                      or (k > i + 2 and doc.folded[k - 2] in lx.ORG_HEADS))
            if ent is not None and (ent.label in ("PER", "ORG") or ent.label == "LOC" and (k == i + 1 or in_chain)):
                seen_entity, last = True, ent
                while k < zone_end and doc.entity_at[k] is ent:
                    k += 1
                continue
            if last is not None and ent is not None and ent is not last and ent.label == last.label \
                    and f.startswith("و") and f not in lx.ORG_HEADS and f not in lx.TITLES:
                last, joint = ent, True  # أدانت الولايات المتحدة الامريكية | وبريطانيا والمانيا: a joint subject
                k = min(name_end(doc, k), zone_end)
                continue
            if joint:
                break  # what follows a list of names is the object (تتهم واشنطن ولندن وباريس | الجيش السوري)
            if in_chain and doc.folded[k - 1] in lx.ORG_HEADS and not doc.folded[k - 1].startswith("ال") \
                    and ent is None and not doc.is_punct(k) and f not in lx.FUNCTION_WORDS \
                    and f not in lx.ASIDE_STARTS and not f.startswith("ال") and k + 1 < zone_end \
                    and doc.entity_at[k + 1] is not None and doc.entity_at[k + 1].label in ("LOC", "ORG"):
                k += 1  # قيادة عمليات | بغداد: a genitive chain ending in a place
                continue
            if doc.tokens[k].text in QUOTE_MARKS:
                m = self._mark_opening(k)
                if m is not None and self._words(*m.inner) <= 4:
                    k = self._token_after(m.close + 1)
                    seen_entity = True
                    continue
                break
            if f in lx.TITLES or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS or f in lx.GROUP_HEADS:
                k += 1
                seen_entity = True
                continue
            if seen_entity and f in ("من", "في") and k + 1 < zone_end and doc.folded[k + 1].startswith("ال") \
                    and doc.folded[k - 1] in PEOPLE_HEADS:
                k += 2
                continue
            if seen_entity and f.startswith("ال") and doc.folded[k - 1].startswith("ال") and \
                    k >= 2 and doc.folded[k - 2] in ("من", "في"):
                k += 1  # عدد من الأكاديميين المتخصصين
                continue
            if seen_entity and (_nisba(f) or f in ("نفسه", "نفسها", "آخرون", "اخرون", "المذكورة", "عرب", "اجانب",
                                                   "وعرب", "واجانب")):
                k += 1
                continue
            if seen_entity and doc.tokens[k].text in ("،", ","):
                # apposition: X، وزير الخارجية، ...
                k2 = k + 1
                nxt = doc.folded[k2] if k2 < self.n else ""
                if not (nxt in lx.TITLES or nxt in lx.ORG_HEADS or (k2 < self.n and doc.entity_at[k2] is not None)):
                    break  # not an apposition (title or role) but the object after the subject
                while k2 < zone_end and doc.tokens[k2].text not in ("،", ","):
                    k2 += 1
                if k2 < zone_end and k2 - k <= 18:
                    k = k2 + 1
                    continue
                break
            if seen_entity and f.startswith("ل") and len(f) > 2 and k + 1 < zone_end:
                # genitive with ل: مدير عام لشركة X — part of the description
                k += 1
                continue
            if seen_entity and f.startswith("ال") and doc.entity_at[k] is None and _nisba(f) is False \
                    and k > i + 1 and (lx.head_word(doc.folded[k - 1]) in lx.TITLES_BODIES_SOURCES
                                       or (doc.folded[k - 1].startswith("ل") and not doc.folded[k - 1].startswith("ال")
                                           and len(doc.folded[k - 1]) > 2)):
                k += 1  # the head's genitive: رئيس الوزراء، مصادر الشرطة، لمجلس التعاون، لدول الخليج
                continue
            break
        return k

    def _skip_asides(self, k: int, zone_end: int) -> int:
        doc = self.doc
        for _ in range(2):
            if k < self.n and doc.tokens[k].text in ("،", ","):
                k += 1
            if k < self.n and doc.folded[k] in ("في", "خلال", "عبر", "لدى", "امام", "أمام") and k + 1 < self.n:
                k += 2
                if k + 1 < self.n and doc.tokens[k + 1].text in ("،", ",") and not doc.is_punct(k):
                    k += 1  # في بيان منفصل ،
                while k < self.n and doc.entity_at[k] is not None and doc.entity_at[k].label in ("LOC", "ORG") \
                        and doc.entity_at[k] is doc.entity_at[k - 1] or (k < self.n and doc.entity_at[k] is not None
                                                                         and doc.entity_at[k].label == "LOC"):
                    k += 1
                if k < self.n and doc.folded[k] in ("له", "لها", "صحفي", "الصحفي", "صحافي", "الصحافي", "اليوم",
                                                     "امس", "الرسمي", "الالكتروني", "نفسه", "ذاته"):
                    k += 1
                continue
            if k < self.n and doc.folded[k] in ("امس", "اليوم", "ايضا", "بدوره", "بدورها", "كذلك", "مجددا"):
                k += 1
                continue
            if k < self.n and doc.folded[k].startswith("ل") and doc.entity_at[k] is not None:
                ent = doc.entity_at[k]
                while k < self.n and doc.entity_at[k] is ent:
                    k += 1
                continue
        if k < self.n and doc.tokens[k].text in ("،", ","):
            k += 1
        return k

