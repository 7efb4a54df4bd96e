"""Arabic reporting vocabulary: cue verbs and their forms, titles, sources, groups.

Everything is matched on `fold()`-ed words (no diacritics, one alef, ى→ي, ة→ه), so one
entry covers the spellings the press uses. Cue forms are generated from a base table
(past, present stem, participle) because the inflections (أكدت، يؤكد، مؤكداً، أكدوا) are
regular once the stems are known; hollow and defective verbs list their stems explicitly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.nlp.arabic import normalize, strip_diacritics


def bare_word(f: str) -> str:
    """A folded word without its article (البيان → بيان); short words keep it (اليوم)."""
    return f[2:] if f.startswith("ال") and len(f) > 4 else f


def strip_marks(word: str) -> str:
    """A word without diacritics and tatweel, letters otherwise as written (ة stays ة)."""
    return strip_diacritics(word)


# A word of Arabic letters, harakat, tatweel, Latin letters and digits only is folded letter by
# letter: normalize() gives it one alef (آ أ إ ٱ → ا), ي for ى and ئ, ه for ة, و for ؤ, drops
# the harakat and tatweel and lowers Latin letters (checked against normalize on every word of the
# articles and on random strings of these letters); so is a name of such words and spaces
# (the spaces dropped, as normalize() + join would); any other word is normalised.
_BY_LETTER = re.compile("[\u0621-\u063a\u0640-\u065f\u0670\u0671a-zA-Z0-9 ]+")
_LETTER_FOLDS = str.maketrans({
    **dict.fromkeys("آأإٱ", "ا"), "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و",
    **dict.fromkeys([chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]),
    **{chr(c): chr(c).lower() for c in range(ord("A"), ord("Z") + 1)},
})


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """One spelling per word: the project's normalisation, without spaces (cached: the
    attribution folds every token several times)."""
    if _BY_LETTER.fullmatch(word):
        return word.translate(_LETTER_FOLDS).replace(" ", "")
    return normalize(word).replace(" ", "")


# What may introduce a cue's content besides a complementiser (أن/إن), a colon or a quote:
#   np   - a bare noun-phrase object (أكد استعداد..., انتقد القرار)
#   prep - the preposition that introduces a verbal-noun object (أشار إلى احتفاء...)
@dataclass(frozen=True, slots=True)
class CueVerb:
    base: str  # the base past form the gold uses (أكد)
    past: str  # folded past stem 3ms
    present: tuple[str, ...]  # folded present stems without the ي/ت prefix
    participle: str  # folded participle without endings ("" = none: it is a noun)
    np: bool = False
    preps: tuple[str, ...] = ()
    saying: bool = True  # takes a colon or a quotation directly (قال: «...»)


DATA = Path(__file__).resolve().parent / "data"


def read_cue_verbs(path: Path) -> tuple[CueVerb, ...]:
    """Cue verbs from a TSV data file (columns described in its header comment)."""
    verbs = []
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for line in rows[1:]:
        base, past, present, participle, np, preps, saying = line.split("\t")
        verbs.append(CueVerb(base, past, tuple(p for p in present.split(",") if p != "-"),
                             "" if participle == "-" else participle, np == "1",
                             tuple(p for p in preps.split(",") if p != "-"), saying == "1"))
    return tuple(verbs)


CUE_VERBS = read_cue_verbs(DATA / "cue_verbs.tsv")
# verbs that only propose candidates in broad mode, for the learned decision (see the file)
BROAD_CUE_VERBS = read_cue_verbs(DATA / "broad_cue_verbs.tsv")

def _read_pairs(path: Path) -> dict[str, str]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return {fold(a): fold(b) for a, b in rows[1:]}


HEAD_SINGULARS = _read_pairs(DATA / "head_plurals.tsv")  # broken plurals of source and group heads


def head_lemma(f: str) -> str:
    """A folded head noun without its article and number (المصادر، مصدر → مصدر; المسؤولون،
    مسؤولو → مسوول): one source or collective described in the singular and the plural."""
    w = bare_word(f)
    if w in HEAD_SINGULARS:
        return HEAD_SINGULARS[w]
    for ending in ("ون", "ين", "و"):
        if w.endswith(ending) and len(w) - len(ending) >= 4:
            return w[:-len(ending)]
    return w


# Words that introduce the quoted words of someone named after عن: نقلت الوكالة عن X قوله: «...»
QUOTED_SAYING = frozenset({"قوله", "قولها", "قولهم", "قولهما", "تاكيده", "تاكيدها"})


@dataclass(frozen=True, slots=True)
class CueForm:
    verb: CueVerb
    feminine: bool | None  # None: plural / unknown
    participle: bool
    present: bool


OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما")  # (a bare ه only on longer forms: عده is عدة, "several")


def _past_forms(stem: str) -> dict[str, bool | None]:
    forms: dict[str, bool | None] = {stem: False}
    if stem[-1] in "اي":  # defective: دعا/دعت/دعوا, رأى/رأت/رأوا
        root = stem[:-1]
        forms.update({root + "ت": True, root + "وا": None, root + "يا": None, root + "تا": True})
    else:
        forms.update({stem + "ت": True, stem + "وا": None, stem + "تا": True})
    return forms


def _build_forms(verbs: tuple[CueVerb, ...]) -> dict[str, CueForm]:
    table: dict[str, CueForm] = {}
    for verb in verbs:
        for form, fem in _past_forms(verb.past).items():
            table.setdefault(form, CueForm(verb, fem, False, False))
            if verb.np or "ب" in verb.preps:  # وعدتها «…»، ووصفها بـ: a new clause whose object is a pronoun
                for pronoun in OBJECT_PRONOUNS if len(form) >= 4 else OBJECT_PRONOUNS[1:]:
                    for conjunction in ("و", "ف"):  # (not bare: التي وصفها بأنها is a relative clause)
                        table.setdefault(conjunction + (form[:-1] if form.endswith("وا") else form) + pronoun,
                                         CueForm(verb, fem, False, False))
        for stem in verb.present:
            plural_stem = stem[:-1] if stem.endswith("ي") else stem
            for form, fem in (("ي" + stem, False), ("ت" + stem, True),
                              ("ي" + plural_stem + "ون", None), ("ي" + plural_stem + "ان", None)):
                table.setdefault(form, CueForm(verb, fem, False, True))
        if verb.participle:
            p = verb.participle
            root = p[:-1] if p.endswith("ي") else p
            for form, fem in ((p, False), (p + "ا", False), (root + "ا", False), (p + "ه", True),
                              (p + "ين", None), (p + "ون", None), (root + "ين", None)):
                table.setdefault(form, CueForm(verb, fem, True, False))
    # Present forms that are mostly other verbs: تبين "it turned out", يذكر أن "it is worth noting".
    for other in ("تبين", "يذكر", "تذكر", "يعتبر", "تعتبر", "يعد", "تعد", "يشار", "يلفت",
                  "تلفت", "يكتب", "تنقل", "ينقل", "تعلق", "يعلق", "تختم", "يختم", "تبلغ", "يبلغ", "يعرب"):
        table.pop(other, None)
    # أعتقد "I think" folds like اعتقد "he thought": in columns it is the writer, not a source.
    table.pop("اعتقد", None)
    # Feminine participles that are mostly verbal nouns: متابعة "follow-up", مطالبة "a demand"
    # (not مشيرة: the verbal noun of أشار is إشارة, and مشيرة إلى أن is its feminine participle).
    for noun in ("متابعه", "مطالبه", "معلنه", "مفيده"):
        table.pop(noun, None)
    # Nouns that look like participles but name people: never cues.
    for noun in ("متحدث", "مشير", "مقر", "مبين", "كاتب", "مصر", "مفيد", "ناقل", "معلن", "مقترح",
                 "مرجح", "متابع", "داعي", "مطالب", "ناقلا", "كاتبا", "مصري", "مقرا", "مقره"):
        if noun in table and noun not in ("مبينا",):
            table.pop(noun, None)
    # Participles whose other forms are adjectives or nouns (المتوقع، منتقدين "critics", ملاحظة
    # "a note"): only the circumstantial form after the verb (متوقعاً، منتقداً) is a cue.
    for word in ("متوقع", "منتقد", "ملاحظ", "حاث"):
        for suffix in ("", "ه", "ين", "ون"):
            table.pop(word + suffix, None)
    return table


CUE_FORMS: dict[str, CueForm] = _build_forms(CUE_VERBS)
BROAD_CUE_FORMS: dict[str, CueForm] = {k: v for k, v in _build_forms(BROAD_CUE_VERBS).items() if k not in CUE_FORMS}


@lru_cache(maxsize=1 << 16)
def head_word(word: str) -> str:
    """A folded word without a leading ل (لخبراء الآثار → خبراء) when that makes it a known head."""
    if word.startswith("لل") and len(word) > 4 and "ال" + word[2:] in HEADED_NAMES:
        return "ال" + word[2:]  # للمكتب → المكتب
    if word.startswith("ل") and len(word) > 3:
        rest = word[1:]
        for table in (ORG_HEADS, UNNAMED_HEADS, GROUP_HEADS, TITLES, DOC_HEADS):
            if rest in table or ("ال" + rest) in table:
                return rest
    return word


def with_prefixes(forms: dict[str, CueForm]) -> dict[str, CueForm]:
    """A cue table with its prefixed spellings written out (وقال، فقال، وفقال، ولقال of a form
    of three letters or more), so that reading a word is one look-up. A form as it stands
    wins over a prefixed reading, and one prefix over two."""
    table: dict[str, CueForm] = {}
    for prefixes in (("وف", "ول"), ("و", "ف")):
        for form, cue in forms.items():
            if len(form) > 2:
                table.update((prefix + form, cue) for prefix in prefixes)
    table.update(forms)
    return table


_PREFIXED = {id(CUE_FORMS): with_prefixes(CUE_FORMS), id(BROAD_CUE_FORMS): with_prefixes(BROAD_CUE_FORMS)}
# every spelling either lexicon reads as a cue: any other word is none, whatever the filters say
CUE_SPELLINGS = frozenset(_PREFIXED[id(CUE_FORMS)]) | frozenset(_PREFIXED[id(BROAD_CUE_FORMS)])


def cue_form(word: str, forms: dict[str, CueForm] = CUE_FORMS) -> CueForm | None:
    """The cue a (folded) word is, with its و/ف prefix allowed; None if it is not one."""
    table = _PREFIXED.get(id(forms))
    return (table if table is not None else with_prefixes(forms)).get(word)


# Words before أن that make it another conjunction (إلا أن "but", بعد أن "after", رغم أن).
NOT_COMPLEMENTISER_BEFORE = frozenset(fold(w) for w in (
    "إلا", "الا", "بعد", "قبل", "منذ", "حتى", "رغم", "برغم", "بالرغم", "غير", "بما", "مع", "لولا", "لو",
    "فضلا", "عوضا", "بدلا", "يجب", "يمكن", "ينبغي", "عسى", "أراد", "اراد", "أجل", "اجل", "بد",
    "خاصة", "خاصه", "خصوصا", "سيما", "لاسيما", "كون", "بحكم", "طالما", "بمجرد", "شريطة", "شرط",
))
# Prepositions and particles after which a cue-looking word is a noun (مع توقع انخفاض).
NOT_VERB_AFTER = frozenset(fold(w) for w in (
    "مع", "بعد", "قبل", "في", "من", "على", "عن", "إلى", "الى", "رغم", "دون", "عند", "حول", "بسبب", "خلال",
    "ضد", "لدى", "إثر", "اثر", "عقب", "تجاه", "منذ", "حسب", "بحسب", "أي", "اي", "كل", "هذا", "هذه",
))
RELATIVES = frozenset(fold(w) for w in ("الذي", "التي", "الذين", "اللذين", "ما", "مما", "اللتين", "اللاتي"))
# Words that begin another clause inside a mention zone: no complementiser after them is ours.
CLAUSE_STARTERS = frozenset(fold(w) for w in ("قد", "وقد", "لقد", "كيف", "عندما", "بعدما", "لكن", "ولكن", "بينما", "كي", "لكي", "لأن", "لان"))

# Words that join a new clause to the one before a comma: `، كما أيد`, `، ولكنه أبدى`,
# `، إلا أنهم أكدوا`. A cue after a comma and only these opens its own statement.
CLAUSE_CONNECTORS = frozenset(fold(w) for w in (
    "كما", "ثم", "بل", "لكن", "ولكن", "لكنه", "ولكنه", "لكنها", "ولكنها", "لكنهم", "ولكنهم", "إلا", "الا",
    "أنه", "أنها", "أنهم", "بينما", "فيما", "حيث", "ولا", "كذلك", "أيضا",
    "من", "جهته", "جهتها", "جانبه", "جانبها", "بدوره", "بدورها",  # من جهته قال: another speaker's turn
))

# Demonstratives that open a verb's object right after its subject (استنكر X هذه التصريحات).
OBJECT_DEMONSTRATIVES = frozenset(fold(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هؤلاء"))

# Complementisers introducing reported content. The pronoun suffix is part of the
# complementiser and stays out of the statement (أنه سيشكل → سيشكل).
COMPLEMENTISERS = frozenset(
    fold(w) for w in (
        "أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أننا", "إننا", "أنني", "إنني",
        "بأن", "بأنه", "بأنها", "بأنهم", "بأننا", "فإن", "وأن", "وإن", "لأن", "أنّ", "إنّ",
    )
)
# Keep "إنني / إننا / إنه" inside a statement when they open a quotation (the speaker's
# own words), but they are complementisers after a cue with no quotation mark.
COMP_PREPS = frozenset({"الي", "علي", "من", "عن"})

# Verbal nouns that report speech when a speaker and content follow them
# (رغم إصرار الاتحاد أن…، بعد مزاعم في وسائل إعلام بوجود…), with the base cue they stand for.
MASDAR_CUES = {fold(w): b for w, b in (
    ("إصرار", "أصر"), ("مزاعم", "زعم"), ("ادعاءات", "زعم"), ("ادعاء", "زعم"), ("تأكيد", "أكد"),
    ("تأكيدات", "أكد"), ("تحذير", "حذر"), ("تحذيرات", "حذر"), ("اتهامات", "اتهم"), ("مطالبة", "طالب"),
    ("مطالبات", "طالب"), ("نفي", "نفى"), ("إعلان", "أعلن"), ("توقعات", "توقع"), ("تصريحات", "صرح"),
    ("تصريح", "صرح"), ("اعتراف", "اعترف"), ("تعهد", "تعهد"), ("وعود", "وعد"), ("إشارة", "أشار"),
)}


def masdar_word(f: str) -> str:
    """A verbal noun without a glued preposition or conjunction (وبعد → بعد is not one; بإعلان → إعلان)."""
    if f in MASDAR_CUES:
        return f
    if len(f) > 4 and f[0] in "وبل" and f[1:] in MASDAR_CUES:
        return f[1:]
    return f


# "According to": the source follows; the statement is the clause before or after.
ACCORDING = {fold(w): b for w, b in (
    ("بحسب", "بحسب"), ("حسب", "حسب"), ("وبحسب", "بحسب"), ("وحسب", "حسب"),
    ("وفقا", "وفقا"), ("وفقاً", "وفقا"), ("ووفقا", "وفقا"), ("ووفقاً", "وفقا"), ("وفق", "وفقا"),
    ("طبقا", "وفقا"), ("نقلا", "نقلا"), ("ونقلا", "نقلا"),
    ("حسبما", "حسب"), ("وحسبما", "حسب"), ("بحسبما", "بحسب"), ("وبحسبما", "بحسب"),  # حسبما أفاد المرصد
)}

# Words that head an organisation's name (and its anaphor: الوزارة، المكتب، البيان).
ORG_HEADS = frozenset(fold(w) for w in (
    "وزارة", "هيئة", "نادي", "شركة", "مجلس", "اتحاد", "الاتحاد", "منظمة", "جمعية", "حزب", "حركة",
    "جامعة", "وكالة", "صندوق", "مؤسسة", "بنك", "قيادة", "خلية", "مركز", "مكتب", "المرصد", "مرصد",
    "جماعة", "تنظيم", "التنظيم", "الحكومة", "حكومة", "الرئاسة", "رئاسة", "إدارة", "ادارة", "لجنة",
    "اللجنة", "بعثة", "السلطات", "سلطات", "الجيش", "جيش", "القوات", "قوات", "الشرطة", "شرطة",
    "وحدات", "الفرقة", "فرقة", "تنسيقيات", "الغرفة", "غرفة", "البرلمان", "برلمان", "محكمة", "المحكمة",
    "الوزارة", "الهيئة", "النادي", "الشركة", "المجلس", "المنظمة", "الجمعية", "الحزب", "الحركة",
    "الجامعة", "الوكالة", "الصندوق", "المؤسسة", "البنك", "القيادة", "الخلية", "المركز", "المكتب",
    "البيان", "بيان", "موقع", "الموقع", "صحيفة", "الصحيفة", "قناة", "القناة", "التلفزيون", "تلفزيون",
    "مديرية", "المديرية", "الأمانة", "أمانة", "إمارة", "الإمارة", "بلدية", "البلدية", "المستشفى",
    "مستشفى", "السفارة", "سفارة", "الدفاع", "المدني", "البيت", "الأمم", "المفوضية", "مفوضية",
    "الائتلاف", "ائتلاف", "التحالف", "تحالف", "فيلق", "لواء", "كتائب", "المعارضة", "النظام",
    "مصرف", "المصرف", "فريق", "دراسة", "الدراسة", "التقرير", "تقرير", "المنتخب", "منتخب", "الصحيفة",
    "الموقع", "الشرطة", "النيابة", "نيابة", "المحكمة", "الادعاء", "الديوان", "ديوان", "المفوضية",
    "الداخلية", "الخارجية",  # a ministry by its shorthand (الداخلية السعودية، الخارجية الأمريكية)
))

# Offices named after a person in apposition (آل الشيخ مفتي عام، وكيله، رئيسها), never part
# of the name (unlike الشيخ or أمين, which can be).
OFFICES = frozenset(fold(w) for w in (
    "مفتي", "وزير", "رئيس", "مدير", "محافظ", "سفير", "قائد", "مستشار", "متحدث", "عضو", "نائب", "مؤسس",
))

# Cues whose object is who is addressed: دعا طهران إلى، حث الرئيس المواطنين على (not the speaker).
ADDRESSEE_CUES = frozenset({"دعا", "طالب", "حث", "ناشد", "حذر"})

# Courtesies (thanks, congratulations, condolences): not statements. Stems, folded.
_COURTESY_STEMS = ("شكر", "امتنان", "تهنيه", "تهاني", "تعازي", "تعزيه", "مواساه", "عرفان")


def _is_courtesy(f: str) -> bool:
    """شكره، الشكر، وتقديره، امتنانهم، تعازيه (folded): a courtesy heading the content. A bare
    تقدير (an estimate) is not one; with a pronoun (تقديره) it is thanks."""
    f = f[1:] if f.startswith("و") and len(f) > 4 else f
    f = f[2:] if f.startswith("ال") else f
    for pronoun in ("هما", "هم", "ها", "ه", ""):
        stem = f[: len(f) - len(pronoun)] if f.endswith(pronoun) else ""
        if pronoun and stem.endswith("ت"):
            stem = stem[:-1] + "ه"  # مواساته ← مواساة
        if stem in _COURTESY_STEMS or pronoun and stem == "تقدير":
            return True
    return False


def _courtesy_spellings() -> frozenset[str]:
    """Every folded spelling _is_courtesy accepts (a stem, or its ت form, with و/ال and a pronoun)."""
    forms = set()
    for stem in (*_COURTESY_STEMS, "تقدير"):
        for base in {stem, stem[:-1] + "ت" if stem.endswith("ه") else stem}:
            for pronoun in ("", "ه", "ها", "هم", "هما"):
                for prefix in ("", "و", "ال", "وال"):
                    forms.add(prefix + base + pronoun)
    return frozenset(f for f in forms if _is_courtesy(f))


COURTESY_SPELLINGS = _courtesy_spellings()  # for finding them in a text at once (indices_in)


def courtesy_noun(word: str) -> bool:
    """شكره، الشكر، وتقديره، امتنانهم، تعازيه: a courtesy heading the content."""
    return fold(word) in COURTESY_SPELLINGS


# Nouns a name in quotation marks follows: كتاب «...»، حملة "..." (a title, not speech).
NAMING_NOUNS = frozenset(fold(w) for w in (
    "كتاب", "فيلم", "برنامج", "مسلسل", "رواية", "عملية", "حملة", "مبادرة", "شعار", "وسم", "هاشتاغ",
    "هاشتاق", "مشروع", "مهرجان", "مؤتمر", "منتدى", "مسابقة", "جائزة", "قصيدة", "أغنية", "اغنية", "مجلة",
))

# Documents that carry a body's words: بيان الوزارة، بيانات مؤسسة النقد، معلومات اللجنة.
DOC_HEADS = frozenset(fold(w) for w in (
    "بيان", "بيانات", "تقرير", "تقارير", "معلومات", "إحصاءات", "إحصائيات", "أرقام", "دراسة", "تصريحات",
    "تصريح", "وثيقة", "وثائق", "رسالة", "موقع", "حساب", "صفحة", "اتهامات", "تقديرات", "رواية",
    "أقوال", "شهادة", "إفادة",
))
# Present-tense cues that are impersonal right before أن (يُتوقع أن "it is expected that").
IMPERSONAL_PRESENT = frozenset({"توقع", "قدر", "رجح", "اعتقد", "ذكر", "قال"})
NEGATIONS = frozenset(fold(w) for w in ("لم", "لن", "ولم", "ولن", "فلم", "لا", "ولا", "ما", "ليس"))
# First-person openers: speech given without quotation marks (قال X لقد تعودت...).
FIRST_PERSON = frozenset(fold(w) for w in ("لقد", "نحن", "أنا", "انا", "إنني", "إننا"))

# Heads that make a mention an anonymous source (kept as written, kind unnamed).
UNNAMED_HEADS = frozenset(fold(w) for w in (
    "مصدر", "مصادر", "المصدر", "المصادر", "شاهد", "شهود", "الشاهد", "مسؤول", "المسؤول", "مسؤولون",
    "لاعب", "قيادي", "مختص", "تقارير",
    "المسؤولون", "مسؤولو", "مسئول", "المسئول", "خبراء", "الخبراء", "خبير", "الخبير", "مراقبون",
    "المراقبون", "محللون", "المحللون", "أحد", "احد", "بعض", "مواطن", "الشاب", "شاب", "مصدرا",
    "متحدث", "ناطق", "مسعفون", "أطباء", "طبيب", "دبلوماسي", "دبلوماسيون", "مقربون", "مقرب",
    "شهود", "سكان", "ساكن", "عامل", "مسئولون", "مسئولو", "المسئولون", "مسئولين", "قاض", "قاضي", "قاضية", "موظف", "موظفة", "سائق", "رجل", "امرأة", "سيدة",
    "مواطنة", "مقيم", "مقيمة", "طبيبة", "ممرضة", "ممرض", "معلم", "معلمة", "طالبة", "شاهدة", "مسعف", "جندي",
    "ضابط", "الضابط", "الجندي", "مهندس", "صحفي", "صحافي", "مراسل", "ناشط", "ناشطة", "محام", "محامية",
    "ابن", "ابنة", "والد", "والدة", "شقيق", "شقيقة", "زوج", "زوجة", "أرملة", "ارملة", "أقارب", "ذوو", "ذوي",
))

# Heads of collective speakers.
GROUP_HEADS = frozenset(fold(w) for w in (
    "مغردون", "مغردين", "المغردون", "المغردين", "منتقدون", "المنتقدون", "ناشطون", "الناشطون",
    "ناشطين", "سكان", "السكان", "الأهالي", "أهالي", "مواطنون", "المواطنون", "متظاهرون",
    "المتظاهرون", "محتجون", "المحتجون", "وسائل", "جماعات", "عدد", "نشطاء", "النشطاء", "معارضون",
    "المعارضون", "مشجعون", "المشجعون", "أكاديميون", "الأكاديميون", "طلاب", "الطلاب", "نواب",
    "النواب", "منظمات", "حقوقيون", "الحقوقيون", "مراقبين", "الصحافة", "وزراء", "الوزراء", "قادة", "القادة", "صحف", "الصحف", "الإعلام",
    "القائمون", "القائمين", "كثيرون", "الكثيرون", "العاملون", "مراسلو", "مراسلي", "مراسلون", "المراسلون", "المسؤولين", "المختصون", "مختصون", "المختصين", "الخبراء", "المحللين",
))

# Titles and roles: words that may precede or replace a person's name.
TITLES = frozenset(fold(w) for w in (
    "الرئيس", "رئيس", "الوزير", "وزير", "وزيرة", "الوزيرة", "مدير", "المدير", "مديرة", "الدكتور",
    "الدكتورة", "د", "دكتور", "المهندس", "م", "الشيخ", "شيخ", "الأمير", "أمير", "الأميرة", "الملك",
    "الملكة", "الأستاذ", "الأستاذة", "أستاذ", "اللواء", "لواء", "العميد", "عميد", "العقيد", "عقيد",
    "الجنرال", "جنرال", "العماد", "الفريق", "المتحدث", "متحدث", "المتحدثة", "الناطق", "ناطق",
    "المغرد", "المغردة", "المحلل", "محلل", "عضو", "نائب", "النائب", "أمين", "الأمين", "مستشار",
    "المستشار", "السفير", "سفير", "قائد", "القائد", "حاكم", "الحاكم", "المسؤول", "محافظ", "مفتي", "المفتي",
    "المحافظ", "الإعلامي", "الكاتب", "الكاتبة", "اللاعب", "المدرب", "مدرب", "الفنان", "الفنانة",
    "المحقق", "القاضي", "المحامي", "المحامية", "الخبير", "الباحث", "الباحثة", "الناشط",
    "الناشطة", "النجم", "المواطن", "المواطنة", "سمو", "سموه", "معالي", "معاليه", "فضيلة",
    "صاحب", "السمو", "الملكي", "سعادة", "سعادته", "فخامة", "دولة", "المفتي", "الإمام", "الأب",
    "المطران", "البابا", "السيد", "السيدة", "الحاج", "المشير", "الرائد", "النقيب", "الملازم",
    "الروائي", "الشاعر", "المخرج", "الممثل", "الممثلة", "المطرب", "المطربة", "الداعية", "المفكر",
    "الأكاديمي", "البروفيسور", "بروفيسور", "السيناتور", "النائبة", "رئيسة", "الرئيسة", "المديرة",
    "الأمينة", "المستشارة", "المندوب", "مندوب", "المبعوث", "مبعوث", "المراسل", "المذيع",
    "سماحة", "الحاخام", "الكابتن", "كابتن", "العاهل", "ولي", "المستشار", "عمدة", "العمدة",
    "المحترف", "الحارس", "المهاجم", "المدافع", "الظهير", "المفوض", "مفوض", "مساعد", "المساعد",
    "وكيل", "الوكيل", "المدعي", "المرشح", "مرشح", "زعيم", "الزعيم", "المعلق", "عام", "العام",
))

# Honorific pronoun-titles that always mean "the person just named" (سموه، معاليه).
HONORIFIC_PRONOUNS = frozenset(fold(w) for w in ("سموه", "معاليه", "سعادته", "فضيلته", "سماحته", "فخامته", "دولته"))
# The titles some of them answer to, without the article: سموه is the prince the article named
# (الأمير، سمو), who need not be the last person quoted.
HONORIFIC_TITLES = {fold(pronoun): frozenset(bare_word(fold(t)) for t in titles) for pronoun, titles in (
    ("سموه", ("سمو", "الأمير", "أمير", "الأميرة", "ولي")),
    ("معاليه", ("معالي", "الوزير", "وزير")),
    ("فضيلته", ("فضيلة", "الشيخ")),
    ("سماحته", ("سماحة", "الشيخ", "المفتي")),
    ("فخامته", ("فخامة", "الرئيس")),
    ("دولته", ("دولة",)),
)}

# ذكرت تقارير إخبارية/صحفية أن…: reports of no named body are the media, a group (GUIDELINES).
MEDIA_REPORTS = frozenset(fold(w) for w in ("تقارير", "التقارير"))

# Who a prayer addresses (داعيا المولى أن…): دعا then says no statement.
GOD = frozenset(fold(w) for w in ("الله", "المولى", "ربه", "ربها", "ربهم", "الباري", "ربنا"))

# Bare-pronoun mentions.
PRONOUNS = frozenset(fold(w) for w in ("هو", "هي", "هم", "وهو", "وهي"))

# Time phrases between a cue and its subject or object (أعلنت العام الماضي خطة): a noun of
# time, then what fixes it; العام alone may be a title's adjective (المدير العام), so it needs one.
TIME_NOUNS = frozenset(fold(w) for w in ("العام", "الأسبوع", "الشهر", "اليوم", "الليلة", "مساء", "صباح", "ظهر"))
TIME_FIXERS = frozenset(fold(w) for w in (
    "الماضي", "الماضية", "المقبل", "المقبلة", "الحالي", "الحالية", "الجاري", "الجارية", "المنصرم", "الفائت",
    "نفسه", "ذاته", "أمس", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
))
# Words that start a prepositional or adverbial aside inside the mention zone
# (في بيان، خلال المؤتمر، أمس، من جانبه، لوكالة...): not part of the speaker's name.
ASIDE_STARTS = frozenset(fold(w) for w in (
    "في", "خلال", "أمس", "امس", "اليوم", "الليلة", "صباح", "مساء", "عبر", "أثناء", "اثناء", "من",
    "بدوره", "بدورها", "بعد", "قبل", "عقب", "أيضا", "ايضا", "كذلك", "حينها", "وقتها", "عن", "على",
    "إلى", "الى", "مع", "ردا", "تعليقا", "بموقعه", "لدى", "أول", "الأحد", "الاثنين", "الإثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الماضي", "حيث", "بينما", "وذلك", "عندما",
    "الذي", "التي", "وهو", "وهي", "إن", "ان", "أن",
    "بوضوح", "بشدة", "بقوة", "بحزم", "بصراحة", "بثقة", "مجددا", "مجدداً", "مرارا", "مراراً",
    "بصورة", "بشكل", "بكل",  # وأشار الرئيس الروسي بصورة خاصة إلى، وأكد بشكل قاطع
))

# Function words that are never names.
FUNCTION_WORDS = frozenset(fold(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "و", "أو", "او", "ثم", "قد", "لقد", "وقد", "فقد",
    "كما", "لا", "لم", "لن", "ما", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "الذين", "أما", "اما",
    "إن", "أن", "ان", "كان", "كانت", "وكان", "وكانت", "ليس", "هو", "هي", "هم", "نحن", "أنا", "بعد",
    "قبل", "حيث", "عند", "عندما", "بين", "كل", "أي", "اي", "غير", "سوى", "إلا", "الا", "لكن", "ولكن",
    "بل", "حتى", "أمس", "امس", "اليوم", "فيما", "بينما", "خلال", "أيضا", "ايضا", "إذ", "اذ", "إذا", "اذا",
    "لذلك", "لذا", "كذلك", "أيضاً", "هنا", "هناك", "ربما", "له", "لها", "لهم", "عنه", "عنها", "عنهم", "منه",
    "منها", "به", "بها", "إليه", "اليه", "إليها", "عليه", "عليها", "لنا", "لي", "معه", "معها",
    "فورا", "مجددا", "سابقا", "لاحقا", "حاليا", "مؤخرا", "رسميا", "صراحة", "علنا", "أخيرا", "اخيرا", "مرارا",
    "صلى", "رحمه", "رحمها", "رحمهم", "حفظه", "حفظها", "حفظهم", "الله", "تعالى", "سبحانه", "جميع", "كافة", "معظم", "أغلب", "اغلب", "مختلف", "عدة", "فيها", "فيه", "فيهم", "بقوله", "قوله", "بقولها", "قولها",
    "بالقول", "قائلا", "قائلة",
))

# Unions of the tables above that the rules test words against, built once (an `A | B` written
# in a condition is built again at every test).
PERSON_HEADS = UNNAMED_HEADS | GROUP_HEADS  # unnamed sources and collectives
HEADED_NAMES = ORG_HEADS | UNNAMED_HEADS | GROUP_HEADS | TITLES  # what للـ may glue to (head_word)
TITLES_OR_BODIES = TITLES | ORG_HEADS
TITLES_BODIES_SOURCES = TITLES | ORG_HEADS | UNNAMED_HEADS
BODY_HEADS = ORG_HEADS - DOC_HEADS  # a body's own head, not its document's
FUNCTION_OR_ASIDE = FUNCTION_WORDS | ASIDE_STARTS
