"""Resolve who said each statement, through the whole article.

Order of evidence, strongest first: a person or organisation named in the mention zone
(NER, extended over titles and adjectives); a source or collective noun (مصدر مسؤول,
مغردون); a title, role or honorific (الجنرال الروسي, سموه) resolved to the person the
article introduced with it; the subject before the cue in the same sentence (SVO); and an
elided subject, resolved to the last fitting speaker (gender of the cue verb helps).
Names are clustered so a surname resolves to the fullest name the article gives.
"""
from __future__ import annotations

import functools
from functools import cached_property

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import CLAUSE_PUNCT, QUOTE_MARKS, Doc
from app.nlp.attribution.intervals import Reach
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.morphology import plural_verb
from app.nlp.attribution.speakers.antecedents import Antecedents
from app.nlp.attribution.speakers.elided import ElidedSubjects
from app.nlp.attribution.speakers.named import NamedInZone
from app.nlp.attribution.speakers.resolved import NameIndex, Resolved
from app.nlp.attribution.speakers.words import (
    SPEECH_EVENTS,
    after_time_phrase,
    clean_org,
    given_name_ali,
    introduced_short_names,
    name_word_set,
    person_aliases,
    relation_noun,
)
from app.nlp.attribution.statement import Candidate
from app.nlp.types import Entity, Speaker


@functools.lru_cache(maxsize=1 << 14)
def person_words(text: str) -> tuple[tuple[str, ...], str]:
    """A PER entity's text without its leading titles (الدكتور، الأمير، صاحب السمو الملكي): its
    folded words and the text."""
    raw = text.split()
    k = 0
    while k < len(raw) - 1 and (lx.fold(raw[k]) in lx.TITLES or relation_noun(raw[k])):
        k += 1
    raw = raw[k:]
    # trailing clitics or punctuation from a loose NER span
    raw = [w.strip("،,.:«»“”\"()") for w in raw]
    raw = [w for w in raw if w]
    return tuple(lx.fold(w) for w in raw), " ".join(raw)


RELAYING_CUES = frozenset({"نقل"})  # نقل X عن Y: Y is the speaker
RELAY_REACH = 12  # tokens of the relaying subject (an agency with its description) before عن


class Resolver(NamedInZone, Antecedents, ElidedSubjects):
    """The rules' speaker of each statement, in the order of evidence above: each kind of
    evidence is its own class (`named`, `antecedents`, `elided`); this one holds the article's
    names, the speakers resolved so far and the decision list that asks them in turn."""

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
        return person_words(ent.text)

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
        return clean_org(doc.text[start:end].strip("«»“”\" "))

    def person_name(self, ent: Entity) -> str:
        """The fullest name the article gives the person a PER entity names."""
        return self._person(ent)[0]

    def body_name(self, ent: Entity) -> str:
        """An ORG entity with its head noun and adjectives, in its fullest form (each read once)."""
        name = self._body_names.get(ent)
        if name is None:
            name = self._body_names[ent] = self.fullest_body(self._org_name(ent, len(self.doc.tokens)))
        return name

    @cached_property
    def _body_names(self) -> dict[Entity, str]:
        return {}

    def fullest_person(self, name: str) -> str:
        words = tuple(lx.fold(w) for w in name.split())
        full, _ = self.names.fullest(words, name)
        return full

    def fullest_body(self, name: str) -> str:
        """The fullest form the article gives an organisation: a longer name holding all its words
        (هيئة الأرصاد الأسترالية → هيئة الأرصاد الجوية الأسترالية), or the name an acronym was
        introduced with (فيفا → الاتحاد الدولي لكرة القدم "فيفا")."""
        words = name_word_set(name)
        if not words:
            return name
        best = name
        for text, body_words in self._bodies_by_word.get(min(words), []) if len(words) >= 2 else []:
            if len(text) > len(best) and words <= body_words:
                best = text
        for full, short in self.short_names:
            if len(full) > len(best) and (lx.fold(short) == lx.fold(name) or (words <= name_word_set(full) and len(words) >= 2)):
                best = full
        return clean_org(best)

    @cached_property
    def _bodies_by_word(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """The article's ORG names (text, name words) under each of their words, in order of first
        mention, each name once (a name repeated a thousand times is read once a question)."""
        index: dict[str, dict[str, frozenset[str]]] = {}
        for ent in self.doc.entities:
            if ent.label == "ORG":
                words = name_word_set(ent.text)
                for word in words:
                    index.setdefault(word, {}).setdefault(ent.text, words)
        return {word: list(names.items()) for word, names in index.items()}

    @cached_property
    def short_names(self) -> list[tuple[str, str]]:
        """(full name, short name) of the bodies the article introduces with a quoted short name."""
        return introduced_short_names(self.doc.text, self.doc.entities)

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
            return Resolved(Speaker(name, "person", person_aliases(name)), "", 0.45)
        return Resolved(Speaker("مصدر غير محدد", "unnamed"), "", 0.2)

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, cand: Candidate) -> Resolved:
        res = self._issuer_of_document(cand, self._resolve(cand))
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
            if k > a and f in lx.ASIDE_STARTS and doc.entity_at[k] is None and not given_name_ali(doc, k):
                # "في/من" inside a source or collective (مصدر في وزارة الداخلية، عدد من الأكاديميين)
                head = lx.head_word(doc.folded[a])
                nxt = doc.folded[k + 1] if k + 1 < b else ""
                if f in ("في", "من", "علي") and (head in lx.UNNAMED_HEADS or head in lx.GROUP_HEADS or
                                                ("ال" + head) in lx.PERSON_HEADS) \
                        and k - a <= 8 and nxt and nxt not in lx.DOC_HEADS and nxt not in SPEECH_EVENTS \
                        and nxt not in lx.FUNCTION_WORDS:
                    k += 1
                    continue
                after = self._past_place(k, b)
                if after is not None:
                    k = after  # للمشروع العربي في العراق | الشيخ خميس الخنجر: the title and name go on
                    continue
                break
            k += 1
        while k > a and (doc.tokens[k - 1].text in CLAUSE_PUNCT or doc.tokens[k - 1].text in ("-", "–")):
            k -= 1
        return a, k

    def _past_place(self, k: int, b: int) -> int | None:
        """The title or tagged name after `في <place>` (token k is في) inside a mention zone, or
        None: a place that ends a description before the person's own title and name."""
        doc = self.doc
        if doc.folded[k] != "في" or k + 1 >= b:
            return None
        place = doc.entity_at[k + 1]
        if place is None or place.label != "LOC":
            return None
        j = k + 1
        while j < b and doc.entity_at[j] is place:
            j += 1
        named = j < b and doc.entity_at[j] is not None and doc.entity_at[j].label == "PER"
        return j if j < b and (doc.folded[j] in lx.TITLES or named) else None

    def _resolve(self, cand: Candidate) -> Resolved:
        doc = self.doc
        a, b = cand.zone
        b = min(b, len(doc.tokens))
        a = after_time_phrase(doc, a, b) if a >= 0 else a
        a = self._relayed_from(cand, a, b)
        i = cand.cue_index
        if i > 0 and (doc.folded[i].startswith("ف") or doc.folded[i - 1] in ("فقد", "قد")) and not cand.source_first:
            back = self._subject_before(i)  # أما X فقد برر / X فأشار
            named_after = a < b and (doc.folded[a] in lx.TITLES or doc.entity_at[a] is not None)
            if back and not (named_after and back.confidence < 0.75):
                return back  # (أما فيما يتعلق بالطرق فقد بين المهندس السيد: a topic, the subject after the verb)
        b = self._before_addressee(cand, a, b)
        if 0 <= i < len(doc.tokens) and plural_verb(doc.folded[i]) and not cand.source_first:
            # يطالبون نتنياهو بـ: a verb agreeing in the plural follows its subject; after it, its object
            back = self._subject_before(i) or self._plural_subject_before(i) or self._group_before(i)
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

    def _relayed_from(self, cand: Candidate, a: int, b: int) -> int:
        """نقلت وكالة X عن Y (القول) إن…: relayed speech is Y's (GUIDELINES, decision 6), so the
        speaker is read after عن; so is any cue's after `X نقلا عن Y`; the zone as it is otherwise."""
        if a < 0:
            return a
        doc = self.doc
        for k in range(a, min(b, a + RELAY_REACH) - 1):
            if doc.folded[k] in ("نقلا", "ونقلا") and doc.folded[k + 1] == "عن" and k + 2 < b:
                return k + 2  # وكشف موقع “فيتو” نقلا عن صحيفة “ديلي ميل”، أن
        if cand.cue not in RELAYING_CUES:
            return a
        for k in range(a, min(b, a + RELAY_REACH)):
            if self.doc.folded[k] == "عن" and k + 1 < b and (not self.doc.is_punct(k + 1)
                                                            or self.doc.tokens[k + 1].text in QUOTE_MARKS):
                return k + 1
        return a

    def in_statement(self, j: int) -> bool:
        return self._in_statement(j)

    def _in_statement(self, j: int) -> bool:
        """Token j is inside a statement (a name quoted by the speaker is not the subject): some
        span starting at or before it ends after it (a bisection over the spans by start)."""
        return self._statements.contains(self.doc.tokens[j].start)

    def set_statement_spans(self, spans: list[tuple[int, int]]) -> None:
        self._statements = Reach(spans)

