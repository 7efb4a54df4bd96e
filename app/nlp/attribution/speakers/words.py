"""Word sets and small word tests of speaker resolution (titles, relations, names that are not names)."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import Doc
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.speakers.resolved import bare_words
from app.nlp.types import Entity, Speaker

# Facilities and prizes a person's name is part of (مطار الأمير X، جائزة الملك X).
FACILITY_WORDS = lx.read_words("name_words.tsv", "facility")
# Nouns whose genitive is whose kin they are (ذوو الشهيد X، أسرة X): X is not the one speaking.
KIN = lx.read_words("name_words.tsv", "kin")
# How far back from a cue its sentence's subject is looked for: far beyond any news sentence,
# and it keeps a text with no sentence end ("قال أن" × 8,000) from costing quadratic time.
SUBJECT_SCAN_TOKENS = 150
ANAPHOR_SUFFIXES = ("نفسه", "نفسها", "ذاته", "ذاتها", "المذكور", "المذكورة")
ISSUED = frozenset(lx.fold(w) for w in ("صادر", "الصادر", "صدر", "عن", "من", "رسمي", "الرسمي", "مشترك"))
# Indefinite titles in a construct: the name after them is whose title it is (سفير الملك، مستشار الرئيس X).
CONSTRUCT_TITLES = lx.read_words("speaker_heads.tsv", "construct_title")

# Bodies a definite noun names by itself (not an anaphor needing an antecedent).
STANDALONE_BODIES = lx.read_words("speaker_heads.tsv", "standalone_body")
# Particles before a verb, never before a name (إذا ما تكلم).
VERB_PARTICLES = lx.read_words("function_words.tsv", "verb_particle")
NAME_JOINERS = frozenset(lx.fold(w) for w in ("بن", "بنت", "ابن", "عبد", "آل", "ال", "أبو", "ابو", "أبي", "ابي", "أم", "ام", "ولد"))
# Occasions of speech that carry a body's words (كلمة، مؤتمر، مقابلة).
SPEECH_EVENTS = lx.read_words("documents.tsv", "speech_event")



# Nouns of a relation or role that take a possessive pronoun before a name (وكيله رامي عباس).
RELATIONS = lx.OFFICES | lx.read_words("name_words.tsv", "relation")


def relation_noun(word: str) -> bool:
    """وكيله، شقيقتها، محاميهم: someone's relation, not part of the name that follows."""
    for pronoun in ("هما", "هم", "ها", "ه"):
        if word.endswith(pronoun) and lx.fold(word[: -len(pronoun)]) in RELATIONS:
            return True
    return False


# Bare words that follow a cue and are no one's name: times, and nouns of the object.
NOT_NAMES = lx.read_words("name_words.tsv", "not_name")


# Adjectives of a title, never a family name after it (المدرب السابق، المدير العام، الأمين المساعد).
TITLE_ADJECTIVES = lx.read_words("name_words.tsv", "title_adjective")


# A short name (one or two words) in quotation marks or brackets.
_SHORT_NAME = re.compile(r'[(«“"]\s*([^«»“”"()\n.،,:؛]{2,30}?)\s*[)»”"]')


def introduced_short_names(text: str, entities: Sequence[Entity]) -> list[tuple[str, str]]:
    """(a body's full name, its short name) where the text introduces one in quotation marks or
    brackets: right after an ORG entity (الاتحاد الدولي لكرة القدم "فيفا"), or after an
    organisation's head noun (جمعية، منظمة) followed only by genitives and adjectives (words with
    ال or ل: الجمعية الخيرية للطعام "إطعام"), not by an aside (الأربعاء) or a clause."""
    org_ends = {ent.end: ent.text for ent in entities if ent.label == "ORG"}
    found = []
    for m in _SHORT_NAME.finditer(text):
        short = m.group(1).strip()
        if not short or len(short.split()) > 2 or lx.fold(short.split()[0]) in lx.FUNCTION_OR_ASIDE:
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
def name_word_set(name: str) -> frozenset[str]:
    """A name's folded words without و and ال, to compare two forms of it."""
    return frozenset(bare_words(without_and(tuple(lx.fold(w) for w in name.split()))))


NOT_AFTER_ALI = lx.FUNCTION_OR_ASIDE | lx.TITLES


def given_name_ali(doc: Doc, k: int) -> bool:
    """علي spelt with ي and followed by a bare word that could be a name (علي اكبر صالحي) is the
    given name, though it folds like the preposition على."""
    if doc.tokens[k].text != "علي" or k + 1 >= len(doc.tokens) or doc.is_punct(k + 1):
        return False
    if doc.entity_at[k] is not None and doc.entity_at[k].label == "PER":
        return True  # the tagger read it as a name (علي الأحمدي)
    nxt = doc.folded[k + 1]
    return not nxt.startswith("ال") and nxt not in NOT_AFTER_ALI \
        and lx.head_word(nxt) == nxt and lx.cue_form(nxt) is None and not doc.tokens[k + 1].text[0].isdigit()


def clean_org(name: str) -> str:
    """An organisation's name without the preposition glued to it (للهيئة → الهيئة، لوزارة → وزارة)."""
    first = name.split(" ", 1)[0]
    f = lx.fold(first)
    if f.startswith("لل") and len(f) > 4:
        return "ال" + name[2:]
    if f.startswith(("ل", "ب")) and len(f) > 3 and lx.head_word(f) != f:
        return name[1:].lstrip("ـ")
    return name


def without_and(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the conjunction و from coordinated adjectives (والطبية → الطبية)."""
    return tuple(w[1:] if w.startswith("و") and len(w) > 3 else w for w in words)


def article_with_clitic(f: str) -> bool:
    """للتدريب، بالنادي، والحكومة: a preposition or conjunction glued to the article, never a name."""
    return len(f) > 4 and (f.startswith("لل") or f[:3] in ("بال", "وال", "فال", "كال"))


def possessed(raw: str) -> bool:
    """A noun with a pronoun suffix (وظيفته، روايتها): a thing of someone's, not a name."""
    raw = lx.strip_marks(raw)
    return len(raw) > 3 and raw.endswith(("ه", "ها", "هم")) and not raw.endswith("الله")


def adverbial(raw: str) -> bool:
    """An accusative with tanween (مغرّداً، مضيفاً): a circumstantial word, not a name."""
    if raw.endswith(("اً", "ًا", "ً")):
        return True
    f = lx.fold(raw)
    # participles and verbal adjectives used as circumstantials: معقبا، مغردا، جازما، قائلا
    return f.endswith("ا") and (len(f) >= 5 and f.startswith("م") or len(f) == 5 and f[1] == "ا")


def verbish_start(doc: Doc, j: int) -> bool:
    """The entity follows the clause's verb (نشر ايكرت، قال X): a past verb with و/ف or none."""
    if j == 0:
        return False
    prev = doc.folded[j - 1]
    return prev.startswith(("و", "ف")) and len(prev) in (4, 5) and not prev.startswith(("وال", "فال"))


def after_titles(doc: Doc, k: int, j: int) -> bool:
    """The entity is the subject of the sentence's first word, a verb, after a chain of titles
    (وأعرب رئيس المنتدى د. إيهاب أبوركبة عن سعادته …، مؤكداً أن)."""
    between = range(k + 1, j)
    return 0 < len(between) <= 8 and verbish_start(doc, k + 1) and doc.entity_at[k] is None and all(
        doc.folded[m] in lx.TITLES or lx.head_word(doc.folded[m]) in lx.ORG_HEADS or doc.tokens[m].text in ("د", ".", "م")
        or doc.folded[m].startswith("ال") and doc.entity_at[m] is None for m in between)


def person_aliases(name: str) -> tuple[str, ...]:
    words = name.split()
    return (words[-1],) if len(words) >= 2 else ()


def org_aliases(name: str) -> tuple[str, ...]:
    return ()


def after_time_phrase(doc: Doc, a: int, b: int) -> int:
    """The token after a time phrase opening tokens a..b (العام الماضي، مساء أمس), else a: when
    something was said is not who said it."""
    if a + 1 < b and doc.folded[a] in lx.TIME_NOUNS and doc.folded[a + 1] in lx.TIME_FIXERS:
        return a + 2
    return a


UNNAMED_SOURCE = Speaker("مصدر غير محدد", "unnamed")
TRAILING_ASIDES = lx.FUNCTION_OR_ASIDE | lx.TIME_FIXERS | lx.TIME_NOUNS | frozenset({"يوم", "ل"})  # (لـ folds to ل)


def tidy_speaker(speaker: Speaker) -> Speaker:
    """A source, group or body as the guidelines write it: without the time or the preposition
    its mention ran into (الصحف التركية | امس، محتجون صينيون | اليوم الأربعاء، ماليون | لـ اليوم);
    a mention with no word left is an unnamed source. A person's name is left as it is (محمد
    الخميس is a name)."""
    if speaker.kind == "person":
        return speaker
    words = speaker.name.split()
    while words and lx.fold(words[-1]) in TRAILING_ASIDES:
        words.pop()
    if not any(sum(ch.isalpha() for ch in w) >= 2 for w in words):
        return UNNAMED_SOURCE
    name = " ".join(words)
    return speaker if name == speaker.name else Speaker(name, speaker.kind, speaker.aliases)
