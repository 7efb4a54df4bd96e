"""Evidence 1-8 of speaker resolution: a speaker named in the mention zone after the cue."""
from __future__ import annotations

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import QUOTE_MARKS, Doc
from app.nlp.attribution.morphology import masdar_like as _masdar_like
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.morphology import oblique_plural, plural_noun, verb_shaped
from app.nlp.attribution.speakers.resolved import NameIndex, Resolved, bare_words, contains_run
from app.nlp.attribution.speakers.words import (
    CONSTRUCT_TITLES,
    FACILITY_WORDS,
    ISSUED,
    KIN,
    NAME_JOINERS,
    NOT_NAMES,
    TITLE_ADJECTIVES,
    VERB_PARTICLES,
    adverbial,
    article_with_clitic,
    clean_org,
    given_name_ali,
    org_aliases,
    person_aliases,
    possessed,
)
from app.nlp.attribution.statement import Candidate
from app.nlp.attribution.surnames import introduced_name
from app.nlp.types import Speaker

INNER_JOINERS = NAME_JOINERS - {"عبد", "ابو", "أبو"}  # the joiners that cannot start a name


# heads of sources and quantities that stay unnamed even in a headline (a source is anonymous by choice)
SOURCE_HEADS = lx.read_words("speaker_heads.tsv", "anonymous")


class NamedInZone:
    """The speaker named where the cue's subject stands: a quoted name, a headline's surname or
    description, a person or body the tagger found, a source or collective noun, a title."""

    doc: Doc
    history: list[Resolved]
    names: NameIndex

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
        key = set(bare_words(words))
        meant = {self._person(e)[0] for e in doc.entities if e.label == "PER" and e.start >= cand.end
                 and key <= set(bare_words(tuple(doc.folded[max(0, (k := doc.token_index_at(e.start)) - 4):k])))}
        if len(meant) != 1:
            return None
        name = meant.pop()
        return Resolved(Speaker(name, "person", person_aliases(name)), doc.text[doc.tokens[a].start:doc.tokens[b - 1].end],
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
        key = bare_words(words)
        fuller = [n for n in self.names.names if len(n) > len(words) and contains_run(bare_words(n), key)]
        if len({self.names.surface[n] for n in fuller}) != 1:
            return None  # nobody, or several people, bear it
        name, _ = self.names.fullest(fuller[0])
        return Resolved(Speaker(name, "person", person_aliases(name)), doc.text[doc.tokens[a].start:doc.tokens[b - 1].end],
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
            return Resolved(Speaker(name, "person", person_aliases(name)), inner, 0.85, None, (doc.folded[k + 1],))
        if head or inner_heads or (ent is not None and ent.label in ("ORG", "LOC")):
            name = f"{head} {inner}" if head else inner
            return Resolved(Speaker(name, "organization", (inner,) if head else ()), name, 0.8, None, desc)
        # a short quoted name with no organisation word: a person (وأكد "العصيمي" أن)
        return Resolved(Speaker(inner, "person", person_aliases(inner)), inner, 0.65, None, desc)

    def _said_to(self, k: int, cand: Candidate) -> bool:
        """A body or a document glued to ل right after a verb cue (قالت لوكالة، وأضاف لموقع):
        whom the words were said to, not who said them (the subject is elided)."""
        doc = self.doc
        head = lx.head_word(doc.folded[k])
        return cand.cue_index >= 0 and k == cand.cue_index + 1 and doc.tokens[k].text.startswith("ل") \
            and head != doc.folded[k] and (head in lx.ORG_HEADS or head in lx.DOC_HEADS) \
            and lx.cue_form(doc.folded[cand.cue_index]) is not None

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
        if ma < mb and self._said_to(ma, cand):
            return None  # قالت لوكالة الأنباء الألمانية إن، وأضاف لموقع سيتي: whom it was said to
        if ma + 1 < mb and doc.folded[ma] == "في" and lx.bare_word(lx.head_word(doc.folded[ma + 1])) in lx.DOC_HEADS:
            ma += 1  # في بيان ...: the speaker only if a body is named in it (في بيان للوزارة)
            if not any(doc.entity_at[k] is not None and doc.entity_at[k].label == "ORG"
                       or lx.head_word(doc.folded[k]) in lx.BODY_HEADS for k in range(ma + 1, mb)):
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
            return Resolved(Speaker(name, "person", person_aliases(name)), mention or ent.text, 0.9, None, desc)
        if ma >= mb:
            return None
        first = lx.head_word(doc.folded[ma])
        if first != doc.folded[ma]:
            mention = mention[1:] if mention.startswith("ل") else mention  # لخبراء الآثار → خبراء الآثار
        # 2. anonymous sources and collectives by their head noun; a headline's one person so
        #    described (قاضية أميركية: …) is the one the body introduces so (القاضية باربره جافي)
        if cand.source_first and cand.cue_index < 0 and first in lx.UNNAMED_HEADS \
                and first not in SOURCE_HEADS and not plural_noun(first):
            res = self._antecedent_person(mention, desc, cand, title=first, conf=0.65)
            if res.speaker.kind == "person" and res.confidence >= 0.7:
                return res
        if first in lx.UNNAMED_HEADS or ("ال" + first) in lx.UNNAMED_HEADS or (first in ("احد", "بعض") and mb - ma > 1):
            name = self._earlier_source(mention, desc) or mention
            kind = "group" if (mb - ma > 1 and doc.folded[ma + 1] in lx.GROUP_HEADS and first in ("بعض",)) else "unnamed"
            return Resolved(Speaker(name, kind), mention, 0.75, None, desc)
        if first in lx.GROUP_HEADS or ("ال" + first) in lx.GROUP_HEADS:
            name = self._earlier_source(mention, desc, "group") or mention
            return Resolved(Speaker(name, "group"), mention, 0.75, None, desc)
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
            return Resolved(Speaker(name, "organization", org_aliases(name)), mention, 0.85, None, desc)
        # 3b. a place standing for its government, first in the zone (ترى موسكو، أدانت دولة الإمارات)
        k = ma + 1 if doc.folded[ma] in ("دوله", "حكومه", "سلطات") else ma
        ent = doc.entity_at[k] if k < mb else None
        if ent is not None and ent.label == "LOC" and not (k > 0 and doc.entity_at[k - 1] is ent):
            name = doc.text[doc.tokens[ma].start:ent.end] if k > ma else ent.text
            return Resolved(Speaker(clean_org(name), "organization"), mention, 0.7, None, desc)
        # 4. honorific pronouns and bare titles: the person the article means
        if first in lx.HONORIFIC_TITLES:
            res = self._antecedent_person(mention, desc, cand, title=None, conf=0.7)
            if not self._titled(res.speaker, first, cand) and (honoured := self._honoured(first, cand)):
                name, _ = self._person(honoured)
                return Resolved(Speaker(name, "person", person_aliases(name)), mention, 0.7, None, desc)
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
            if first.startswith("ال") and mb - ma >= 2 and all(_nisba(w) for w in desc[1:]):
                here = cand.cue_index if cand.cue_index >= 0 else ma
                body = self._described_body(first, desc[1:], here)  # الصحيفة البريطانية
                if body is not None:
                    return Resolved(body, mention, 0.7, None, desc)
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
                        return Resolved(Speaker(alt, "person", person_aliases(alt)), mention, 0.55, None, desc)
                self.names.add(words, text)
                return Resolved(Speaker(full, "person", person_aliases(full)), mention, 0.65, None, desc)
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
                return Resolved(Speaker(full, "person", person_aliases(full)), mention, 0.7, None, desc)
        # 7. a name NER missed: a run of name-like words right after the cue (أكد نايف الشريف رئيس...)
        if cand.cue_index >= 0 and ma == cand.cue_index + 1 and doc.entity_at[ma] is None \
                and not first.startswith("ال") and first not in lx.FUNCTION_WORDS and first not in lx.ASIDE_STARTS \
                and not adverbial(doc.tokens[ma].text) and not doc.tokens[ma].text[0].isdigit() \
                and not article_with_clitic(first) and not possessed(doc.tokens[ma].text) \
                and not _masdar_like(first) and first not in NOT_NAMES and first not in lx.DOC_HEADS \
                and not verb_shaped(first) and lx.cue_form(first) is None:
            end = ma
            while end < mb and end - ma < 4 and not doc.is_punct(end) and doc.folded[end] not in lx.TITLES \
                    and doc.folded[end] not in lx.FUNCTION_WORDS and doc.folded[end] not in lx.ASIDE_STARTS \
                    and lx.head_word(doc.folded[end]) == doc.folded[end] and not adverbial(doc.tokens[end].text):
                end += 1
            words = tuple(doc.folded[ma:end])
            text = doc.text[doc.tokens[ma].start:doc.tokens[end - 1].end]
            full, _ = self.names.fullest(words)
            if full == " ".join(words):
                full = text
                if len(words) >= 2:
                    self.names.add(words, text)
            return Resolved(Speaker(full, "person", person_aliases(full)), mention, 0.5, None, desc)
        # 8. a role noun the lexicon does not list, then a name (المبتعث عارف السحيمي)
        if first.startswith("ال") and not _nisba(first) and mb - ma >= 2:
            name_words = self._untitled_name(ma, mb)
            if name_words and len(name_words) >= 2:
                text = " ".join(doc.tokens[k].text for k in name_words)
                words = tuple(doc.folded[k] for k in name_words)
                full, _ = self.names.fullest(words, text)
                self.names.add(words, text)
                return Resolved(Speaker(full, "person", person_aliases(full)), mention, 0.5, None, desc)
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
        if prev.startswith("ال") and j > 0 and doc.entity_at[j] is None:
            j -= 1  # ذوو | الشهيد | X: an epithet between the kin and the name
        if any(w in KIN or (w[:1] == "و" and w[1:] in KIN) for w in {prev, doc.folded[j]}):
            return True  # (أهالي و)ذوو الشهيد X، أسرة X، والد X: X is whose kin spoke, not the speaker
        return False

    def _known_surname(self, folded: str) -> bool:
        """الشثري ends like an adjective (السعودي), but the article names سعد الشثري: a family name."""
        return self.names.fullest((folded,))[0] != folded

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
        if not runs and b - a >= 2 and doc.folded[b - 1].startswith("ال") and doc.folded[b - 1] not in TITLE_ADJECTIVES \
                and (not _nisba(doc.folded[b - 1]) or self._known_surname(doc.folded[b - 1])) \
                and doc.folded[b - 2] in lx.TITLES and doc.folded[b - 2].startswith("ال") \
                and doc.folded[b - 1] not in lx.TITLES_OR_BODIES \
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
                    or doc.folded[last + 1].startswith("ل") or doc.folded[last + 1] in lx.TITLES \
                    or doc.folded[last + 1] in lx.OBJECT_DEMONSTRATIVES:  # (X) هذه التصريحات: the object
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
        if given_name_ali(doc, k):
            return True
        if f == "باسم" and k > 0 and (doc.folded[k - 1] in lx.TITLES or _nisba(doc.folded[k - 1])):
            return False  # المتحدث الرسمي باسم الرئاسة: on behalf of, not the given name Basem
        if doc.is_punct(k) or raw[0].isdigit() or f.startswith("ال") or article_with_clitic(f) \
                or f in lx.TITLES or f in lx.FUNCTION_WORDS \
                or f in lx.ASIDE_STARTS or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS or f in lx.GROUP_HEADS \
                or f in lx.DOC_HEADS or f in INNER_JOINERS or adverbial(raw) or _nisba(f) \
                or lx.head_word(f) != f or lx.cue_form(f) is not None:
            return False
        if f.startswith(("ل", "ب")) and doc.entity_at[k] is None and (f[1:] in lx.TITLES_OR_BODIES or (
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
        prep_phrase = f.startswith(("ل", "ب")) and (lx.head_word(f) != f or article_with_clitic(f) or (
            k + 1 < len(doc.tokens) and doc.folded[k + 1].startswith("ال")))
        # a bare nisba-shaped word after two name words is a family name (علي اكبر صالحي)
        return len(run) < 4 and not prep_phrase and (not _nisba(f) or len(run) >= 2)

