"""Repair NER output with Arabic name morphology before speakers are resolved.

A statistical tagger cuts names short (عبد الستار for عبد الستار بارز, محمد صالح for
صالح محمد صالح), tags an adjective alone (الروسي) or a news agency as a person, and stops
an organisation before its genitive (الاتحاد الدولي for الاتحاد الدولي لكرة القدم). The
speaker is "the fullest name the article gives", so boundaries matter; these rules grow or
drop spans, and add a person only where a title that precedes nothing but a person's name
stands before a given name and a family name the tagger left untagged.
"""
from __future__ import annotations

import bisect

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import Doc, indices_in
from app.nlp.attribution.morphology import nisba as _nisba
from app.nlp.attribution.morphology import plural_noun
from app.nlp.attribution.speakers.words import given_name_ali
from app.nlp.types import Entity

NAME_JOINERS = frozenset(lx.fold(w) for w in ("بن", "بنت", "ابن", "عبد", "آل", "أبو", "ابو", "أبي", "ابي", "أم", "ولد"))
# words of news agencies' names: a person tagged with one (سيف لفرانس برس) was speaking to it
AGENCY_WORDS = lx.read_words("name_words.tsv", "agency")


def _preposition(doc: Doc, k: int) -> bool:
    """A function word opening a name's span. Folding merges the name علي into على: a علي
    before بن, or in a text that spells the preposition على, is the name (علي بن ناصر الغفيص)."""
    if doc.folded[k] not in lx.FUNCTION_WORDS:
        return False
    if doc.tokens[k].text != "علي":
        return True
    return not (k + 1 < len(doc.tokens) and doc.folded[k + 1] in ("بن", "ابن", "بنت") or "على" in doc.text)


# Words that open a cue's object or complement, never part of a name.
OBJECT_STARTS = frozenset(lx.fold(w) for w in ("لهذا", "لهذه", "لذلك", "لتلك", "له", "لها", "لهم", "بأن", "بان", "أن"))


# heads of a place's name (ولاية، مدينة، محافظة)
PLACE_HEADS = lx.read_words("name_words.tsv", "place")


def _place_head(f: str) -> bool:
    """ولاية، لولاية، بمدينة: a place's head noun, never the start of a person's name."""
    return f in PLACE_HEADS or f[:1] in ("ل", "ب", "و") and f[1:] in PLACE_HEADS


def _blessing(doc: Doc, a: int, b: int) -> bool:
    """أيده الله، حفظه الله، رحمه الله (unlike عبد الله، نصر الله): a verb with its pronoun."""
    return b - a == 2 and doc.folded[b - 1] == "الله" and doc.folded[a].endswith("ه") and len(doc.folded[a]) >= 4


def _name_final_allah(doc: Doc, b: int) -> bool:
    """نصر الله، فضل الله، جار الله: الله ends a name after a name word, unlike after a
    blessing's verb (حفظه الله), which is a function word itself."""
    return doc.folded[b - 1] == "الله" and b >= 2 and doc.folded[b - 2] not in lx.FUNCTION_WORDS \
        and not doc.is_punct(b - 2)


def _joined(between: str) -> bool:
    """Two parts of one name the tagger split at a joiner (إسماعيل | ولد الشيخ | أحمد، X | بن | Y)."""
    words = [lx.fold(w) for w in between.split()]
    return 0 < len(words) <= 3 and words[0] in NAME_JOINERS and \
        all(w in NAME_JOINERS or w in lx.TITLES for w in words[1:])


def _given_name(doc: Doc, k: int) -> bool:
    """The word before a nasab (بن …) is a given name, the article included (المستورد بن شداد),
    unless it is a title, an adjective or a function word."""
    f = doc.folded[k]
    return not (doc.is_punct(k) or _nisba(f) or f in lx.TITLES or f in lx.FUNCTION_WORDS
                or doc.entity_at[k] is not None or lx.cue_form(f) is not None or doc.tokens[k].text[0].isdigit())


DATELINE_TOKENS = 10  # `بدر الجبل- سبق- تبوك:` opens a paragraph within this many tokens
DASHES = ("-", "–", "—")


def dateline_ends(doc: Doc) -> dict[int, int]:
    """Paragraphs that open with a dateline (reporter- outlet- place:): the paragraph → its
    colon's token. Who filed the story and where are not people or bodies the article quotes."""
    out: dict[int, int] = {}
    for k in doc.line_starts:
        end = min(len(doc.tokens), k + DATELINE_TOKENS)
        colon = next((j for j in range(k, end) if doc.tokens[j].text == ":"
                      or doc.paragraph_of[j] != doc.paragraph_of[k]), None)
        if colon is None or doc.tokens[colon].text != ":" or colon + 1 >= len(doc.tokens) \
                or doc.paragraph_of[colon + 1] != doc.paragraph_of[k]:
            continue
        words = range(k, colon)
        dash = next((j for j in words if any(d in doc.tokens[j].text for d in DASHES)), None)
        if dash is None or dash == k or any(doc.tokens[j].text[:1].isdigit() or lx.cue_form(doc.folded[j])
                                            for j in words):
            continue
        out[doc.paragraph_of[k]] = colon
    return out


def repair(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    datelines = dateline_ends(doc)
    # the family names of the people the tagger names in full: مكلارين alone is one of them,
    # not a plural (المسلمين) though it ends like one
    surnames = {lx.fold(e.text.split()[-1]) for e in doc.entities if e.label == "PER" and len(e.text.split()) >= 2}
    for ent in doc.entities:
        a, b = _token_span(doc, ent)
        colon = datelines.get(doc.paragraph_of[a]) if a < len(doc.tokens) else None
        if colon is not None and b <= colon:
            continue  # the reporter, outlet or place of a dateline
        if a >= b or all(doc.tokens[k].text.endswith(("اً", "ًا", "ً")) for k in range(a, b)):
            continue  # nothing, or a circumstantial (مغرّداً) tagged as a name
        if ent.label == "PER":
            if _blessing(doc, a, b) or doc.folded[b - 1] == "وسلم" or _place_head(doc.folded[a]):
                continue  # أيده الله، (صلى الله عليه) وسلم، (ل)ولاية ساكسونيا: not a person's name
            if b - a > 2 and doc.folded[b - 1] == "الله" and doc.folded[b - 2] in ("رضي", "رحمه"):
                b -= 2  # أبي ذر | رضي الله (عنه)
            elif b - a > 1 and doc.folded[b - 1] in ("رضي", "رحمه") and b < len(doc.tokens) \
                    and doc.folded[b] == "الله":
                b -= 1
            while b - a > 2 and (_glued_article(doc.folded[a]) or _preposition(doc, a) or (
                    doc.folded[a].startswith("ال") and not doc.folded[a + 1].startswith("ال")
                    and doc.folded[a] not in NAME_JOINERS)):
                a += 1  # (لل)مهرجان | عبدالعزيز المهوس (a two-word name stays: فاليري غيراسيموف)
            while b - a > 1 and (_glued_article(doc.folded[b - 1])
                                 or doc.folded[b - 1] in lx.FUNCTION_WORDS and not _name_final_allah(doc, b)
                                 and not given_name_ali(doc, b - 1)  # أحمد علي | زيح: the name علي
                                 or lx.cue_form(doc.folded[b - 1]) is not None or doc.is_punct(b - 1)
                                 or b - a > 2 and doc.folded[b - 1] in lx.OFFICES
                                 or b - a > 2 and b < len(doc.tokens) and doc.folded[b] in ("عام", "العام")):
                b -= 1  # أبوداود | بالروح | آل الشيخ مفتي | أمين عام, مدير عام: the tagger ran into the next phrase
            if a > 0 and doc.folded[a] in ("بن", "ابن", "بنت") and _given_name(doc, a - 1):
                a -= 1  # د. مفرج | بن سعد الحقباني: a nasab needs the given name before it
            if not any(_namey(doc, k) for k in range(a, b)) or b - a == 1 and plural_noun(doc.folded[a]) \
                    and doc.folded[a] not in surnames:
                continue  # الجنرال، المغرد، المسلمين، ومصريون: no name in it
            core = [k for k in range(a, b) if doc.folded[k] not in lx.TITLES]
            if len(core) == 1 and _nisba(doc.folded[core[0]]) and doc.folded[core[0]].startswith("ال") and \
                    core[0] > 0 and doc.folded[core[0] - 1] in lx.TITLES:
                continue  # الجنرال الروسي: an adjective of the title (a family name الرميحي stands alone)
            words = {doc.folded[k] for k in range(a, b)}
            if b < len(doc.tokens) and doc.folded[b] in AGENCY_WORDS and doc.folded[a].startswith("ل"):
                b += 1  # لفرانس | برس: the agency the words were said to, split by the tagger
                words.add(doc.folded[b - 1])
            if words & AGENCY_WORDS:
                # سيف لفرانس برس: a person, then the agency the words were said to
                cut = a if doc.folded[a].startswith("ل") else \
                    next((k for k in range(a + 1, b) if doc.folded[k].startswith("ل") or doc.folded[k] in AGENCY_WORDS), a)
                if cut > a and any(_namey(doc, k) for k in range(a, cut)):
                    out.append(_entity(doc, a, cut, "PER", ent))
                out.append(_entity(doc, cut, b, "ORG"))
                continue
            if a > 0 and doc.folded[a - 1] in lx.ORG_HEADS and doc.folded[a - 1] not in lx.DOC_HEADS \
                    and doc.entity_at[a - 1] is None and not doc.folded[a - 1].startswith("ال"):
                out.append(_entity(doc, a - 1, _grow_org(doc, b), "ORG"))  # نادي بوروسيا دورتموند
                continue
            a, b = _grow_person(doc, a, b)
            out.append(_entity(doc, a, b, "PER", ent))
        elif ent.label == "ORG":
            b = _grow_org(doc, b)
            for k in range(a + 1, b):
                if doc.folded[k] in OBJECT_STARTS:
                    b = k  # وزارة العدل الأمريكية | لهذا المصرف: the span ran into the object
                    break
            while a > 0 and doc.folded[a - 1] in lx.ORG_HEADS and doc.folded[a - 1] not in lx.DOC_HEADS \
                    and doc.entity_at[a - 1] is None and lx.head_word(doc.folded[a]) == doc.folded[a] \
                    and a - 1 >= 0 and not doc.folded[a - 1].startswith("ال"):
                a -= 1  # تنظيم | داعش، حركة | طالبان
            out.append(_entity(doc, a, b, "ORG", ent if doc.tokens[a].start <= ent.start else None))
        else:
            out.append(ent)
    out.extend(_titled_names(doc))
    out.sort(key=lambda e: (e.start, -(e.end - e.start)))
    merged: list[Entity] = []
    for e in out:  # grown spans may now overlap: keep the first, longest
        if merged and e.start < merged[-1].end:
            continue
        last = merged[-1] if merged else None
        if last and last.label == e.label == "PER" and (doc.text[last.end:e.start].strip() in ("-", "–")
                                                        or _joined(doc.text[last.end:e.start])):
            merged[-1] = Entity(doc.text[last.start:e.end], "PER", last.start, e.end)  # هانز - بيتر بارتلس
            continue
        merged.append(e)
    return merged


# titles that only ever precede a person's name (not الملك of an institution's name, الفريق a team)
PERSON_TITLES = lx.read_words("speaker_heads.tsv", "person_title")


def _titled_names(doc: Doc) -> list[Entity]:
    """A definite title before a given name and a family name the tagger left untagged
    (المهندس سلطان الخديدي، الدكتور سعد الشثري): a person, as the guidelines name them."""
    out = []
    n = len(doc.tokens)
    for k in indices_in(doc.folded, PERSON_TITLES):
        given, family = k + 1, k + 2
        if family >= n or doc.entity_at[given] is not None or doc.entity_at[family] is not None \
                or doc.paragraph_of[family] != doc.paragraph_of[k]:
            continue
        g, f = doc.folded[given], doc.folded[family]
        if g.startswith(("ال", "و", "ف")) or g.endswith("ه") or _nisba(g) or not _name_word(doc, given) or _adverb_like(g) \
                or not f.startswith("ال") or f.endswith("ه") or not _name_word(doc, family) or _adverb_like(f) \
                or f in lx.TITLES:
            continue
        if family + 1 < n and doc.entity_at[family + 1] is None and doc.folded[family + 1].startswith("ال") \
                and _name_word(doc, family + 1) and not _nisba(doc.folded[family + 1]):
            continue  # a longer phrase (رئيس | هيئة الأركان العامة): not a two-word name
        out.append(_entity(doc, given, family + 1, "PER"))
    return out


def _glued_article(f: str) -> bool:
    """بالروح، للتدريب، والحكومة: a preposition or conjunction glued to the article."""
    return len(f) > 4 and (f.startswith("لل") or f[:3] in ("بال", "وال", "فال", "كال"))


def _token_span(doc: Doc, ent: Entity) -> tuple[int, int]:
    a = bisect.bisect_right(doc.token_ends, ent.start)  # first token ending after the start
    b = a
    while b < len(doc.tokens) and doc.tokens[b].start < ent.end:
        b += 1
    # an adjective closes a name: a definite noun after it is the next phrase
    # (وزارة الدفاع الروسية | التحرير الكامل)
    for k in range(a + 1, b):
        f, prev = doc.folded[k], doc.folded[k - 1]
        if f.startswith("ال") and not _nisba(f) and prev.startswith("ال") and _nisba(prev) and k - a >= 2:
            return a, k
    return a, b


def _entity(doc: Doc, a: int, b: int, label: str, original: Entity | None = None) -> Entity:
    start = doc.tokens[a].start
    if original is not None and doc.tokens[a].start < original.start < doc.tokens[a].end:
        start = original.start  # keep a clitic outside (لـوزارة → وزارة)
    end = doc.tokens[b - 1].end
    return Entity(doc.text[start:end], label, start, end)  # type: ignore[arg-type]


# never a person's name alone (إمام folds like the preposition أمام, so no title list holds it)
NOT_PEOPLE = lx.read_words("name_words.tsv", "not_person")


def _namey(doc: Doc, k: int) -> bool:
    f = doc.folded[k]
    if len(f) < 2 or f in NOT_PEOPLE:
        return False  # لـ، الله: not a person quoted in the news
    if doc.tokens[k].text.endswith(("اً", "ًا", "ً")):
        return False  # مغرّداً: a circumstantial, not a name
    return not (doc.is_punct(k) or f in lx.TITLES or f in lx.FUNCTION_WORDS
                or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS or f in lx.GROUP_HEADS)


def _name_word(doc: Doc, k: int) -> bool:
    """A word that can continue a name: not a title, function word, cue, number or phrase."""
    f = doc.folded[k]
    raw = doc.tokens[k].text
    if doc.is_punct(k) or raw[0].isdigit() or _glued_article(f) or f in lx.TITLES or f in lx.FUNCTION_WORDS \
            or f in lx.ASIDE_STARTS \
            or lx.cue_form(f) is not None or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS or f in lx.GROUP_HEADS \
            or f in lx.DOC_HEADS or f in lx.COMPLEMENTISERS or lx.head_word(f) != f:
        return False
    if doc.entity_at[k] is not None and doc.entity_at[k].label != "PER":
        return False
    if f.startswith(("ل", "ب")) and k + 1 < len(doc.tokens) and doc.folded[k + 1].startswith("ال"):
        return False  # لكرة القدم، بالنادي
    if raw.endswith(("اً", "ًا", "ً")):
        return False
    return True


def _grow_person(doc: Doc, a: int, b: int) -> tuple[int, int]:
    para = doc.paragraph_of[a]
    # left: a first name or joiner the tagger left out (صالح | محمد صالح, صالح بن | أحمد)
    for _ in range(2):
        k = a - 1
        if k < 0 or doc.paragraph_of[k] != para or doc.entity_at[k] is not None and doc.entity_at[k].label != "PER":
            break
        f = doc.folded[k]
        if f in NAME_JOINERS or (_name_word(doc, k) and not f.startswith("ال") and not _nisba(f)
                                 and k > 0 and _closes_description(doc, k - 1)):
            a = k
            continue
        break
    # right: the rest of the name after a joiner or a compound first name (عبد الستار | بارز)
    for _ in range(3):
        k = b
        if k >= len(doc.tokens) or doc.paragraph_of[k] != para:
            break
        f = doc.folded[k]
        prev = doc.folded[k - 1]
        if prev in NAME_JOINERS and not doc.is_punct(k):
            b = k + 1
            continue
        if f in NAME_JOINERS and k + 1 < len(doc.tokens) and _name_word(doc, k + 1):
            b = k + 2
            continue
        if f.startswith("ال") and any(doc.folded[j] in NAME_JOINERS for j in range(a, b)) and _name_word(doc, k) \
                and not (_nisba(f) and not f.endswith("ي")) and doc.folded[k - 1] not in NAME_JOINERS:
            b = k + 1
            break
        compound_only = b - a == 2 and doc.folded[a] in ("عبد", "ابو")
        if _name_word(doc, k) and compound_only and not f.startswith("ال") and not _likely_object(doc, k):
            b = k + 1
            continue
        break
    return a, _rest_of_subject(doc, a, b)


SUBJECT_ENDS = frozenset({"،", ",", "-", "–"})  # (not a colon: أجاب كروبر بسرعة بديهة:)
# words that open an apposition after a name (أحمد يحيى البرعي | أحد المصححين، … | رئيس الجمعية)
APPOSITION_STARTS = lx.OFFICES | frozenset(lx.fold(w) for w in ("أحد", "إحدى"))
SUBJECT_REST = 2  # untagged name words the tagger may leave between a name and what follows it


def _rest_of_subject(doc: Doc, a: int, b: int) -> int:
    """A cue's or title's subject runs to its complementiser or comma: the name words the
    tagger left before it are the name's end (وأوضح أحمد علي | زيح أن، برنار | باجوليه،)."""
    before = a - 1
    if before < 0 or not (doc.folded[before] in lx.TITLES or lx.cue_form(doc.folded[before]) is not None
                          or doc.tokens[before].text in ("،", ",")):
        return b
    k = b
    while k < len(doc.tokens) and k - b < SUBJECT_REST and doc.paragraph_of[k] == doc.paragraph_of[a] \
            and doc.entity_at[k] is None and _name_word(doc, k) and not _adverb_like(doc.folded[k]):
        k += 1
    if k == b or k >= len(doc.tokens) or not (doc.tokens[k].text in SUBJECT_ENDS or doc.folded[k] in lx.COMPLEMENTISERS
                                              or doc.folded[k] in APPOSITION_STARTS):
        return b
    return k


def _adverb_like(f: str) -> bool:
    """أمس، مساء، الخميس، مجددا، أيضا: a time or an adverb after the subject, not a name; nor
    a body or title joined by و."""
    return f in lx.TIME_FIXERS or f in lx.TIME_NOUNS or f.endswith("ا") and not f.startswith("ال") and len(f) >= 4 \
        or f[:1] == "و" and lx.head_word(f[1:]) in lx.HEADED_NAMES  # ومركز الأبحاث: the next of a list


def _closes_description(doc: Doc, k: int) -> bool:
    """Token k ends a description before a name: a title, a definite noun, a place."""
    f = doc.folded[k]
    return f in lx.TITLES or (doc.entity_at[k] is not None and doc.entity_at[k].label == "LOC") \
        or lx.cue_form(f) is not None


def _likely_object(doc: Doc, k: int) -> bool:
    """An indefinite word after a full name that is followed by more of the clause, not a name."""
    nxt = doc.folded[k + 1] if k + 1 < len(doc.tokens) else ""
    return nxt.startswith("ال") and not doc.is_punct(k + 1) and _nisba(nxt) is False and nxt not in lx.TITLES


def _grow_org(doc: Doc, b: int) -> int:
    """An organisation's adjectives, genitive and seat (الاتحاد الدولي | لكرة القدم، بعثة الأمم
    المتحدة | في أفغانستان)."""
    for _ in range(4):
        if b < len(doc.tokens) - 1 and doc.folded[b] == "في" and doc.entity_at[b + 1] is not None \
                and doc.entity_at[b + 1].label == "LOC":
            loc = doc.entity_at[b + 1]
            b += 1
            while b < len(doc.tokens) and doc.entity_at[b] is loc:
                b += 1
            break
        if b >= len(doc.tokens) or doc.entity_at[b] is not None:
            break
        f = doc.folded[b]
        if _nisba(f) and f.startswith("ال"):
            b += 1
            continue
        if f.startswith("ل") and not f.startswith("ال") and len(f) > 3 and lx.head_word(f) == f \
                and b + 1 < len(doc.tokens) and doc.folded[b + 1].startswith("ال") and doc.entity_at[b + 1] is None \
                and f not in lx.FUNCTION_WORDS and doc.folded[b + 1] not in lx.TITLES \
                and doc.folded[b + 1] not in lx.ASIDE_STARTS:
            b += 2
            continue
        break
    return b
