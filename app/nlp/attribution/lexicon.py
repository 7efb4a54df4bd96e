"""Arabic reporting vocabulary: cue verbs and their forms, titles, sources, groups.

Everything is matched on `fold()`-ed words (no diacritics, one alef, ى→ي, ة→ه), so one
entry covers the spellings the press uses. Cue forms are generated from a base table
(past, present stem, participle) because the inflections (أكدت، يؤكد، مؤكداً، أكدوا) are
regular once the stems are known; hollow and defective verbs list their stems explicitly.

The vocabulary is data, in data/: the cue verbs, and the word lists read with `read_words`
(heads of speakers, titles, documents, function words...; each file's header says what its
sets are for and which wins where they overlap), so that a linguist extends a file, not the
code. The small paradigms of grammar (complementisers, negations, pronouns) stay here.
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


def _rows(path: Path) -> list[list[str]]:
    """The rows of a TSV data file split at tabs, without its `#` comments, blank lines and header row."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


@lru_cache(maxsize=None)
def _word_sets(name: str) -> dict[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    for word, names in _rows(DATA / name):
        for set_name in names.split(","):
            sets.setdefault(set_name, set()).add(fold(word))
    return {set_name: frozenset(words) for set_name, words in sets.items()}


def read_words(name: str, word_set: str) -> frozenset[str]:
    """The folded words of one set of a word-list data file (rows `word<TAB>sets`, the sets
    comma-separated; what each set is for, in the file's header). A set the file never names
    is an error, not an empty set: a misspelt name would silently empty a rule."""
    return _word_sets(name)[word_set]


def read_cue_verbs(path: Path) -> tuple[CueVerb, ...]:
    """Cue verbs from a TSV data file (columns described in its header comment)."""
    verbs = []
    for base, past, present, participle, np, preps, saying in _rows(path):
        verbs.append(CueVerb(base, past, tuple(p for p in present.split(",") if p != "-"),
                             "" if participle == "-" else participle, np == "1",
                             tuple(p for p in preps.split(",") if p != "-"), saying == "1"))
    return tuple(verbs)


CUE_VERBS = read_cue_verbs(DATA / "cue_verbs.tsv")
# verbs that only propose candidates in broad mode, for the learned decision (see the file)
BROAD_CUE_VERBS = read_cue_verbs(DATA / "broad_cue_verbs.tsv")


def _read_pairs(path: Path) -> dict[str, str]:
    return {fold(a): fold(b) for a, b in _rows(path)}


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
NOT_COMPLEMENTISER_BEFORE = read_words("function_words.tsv", "not_complementiser_before")
# Prepositions and particles after which a cue-looking word is a noun (مع توقع انخفاض).
NOT_VERB_AFTER = read_words("function_words.tsv", "not_verb_after")
RELATIVES = frozenset(fold(w) for w in ("الذي", "التي", "الذين", "اللذين", "ما", "مما", "اللتين", "اللاتي"))
# Words that begin another clause inside a mention zone: no complementiser after them is ours.
CLAUSE_STARTERS = read_words("function_words.tsv", "clause_starter")

# Words that join a new clause to the one before a comma: `، كما أيد`, `، ولكنه أبدى`,
# `، إلا أنهم أكدوا`. A cue after a comma and only these opens its own statement.
CLAUSE_CONNECTORS = read_words("function_words.tsv", "clause_connector")

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


def _non_verb_cues(kind: str) -> dict[str, str]:
    """The folded words of one kind in data/non_verb_cues.tsv, each with the cue it stands for."""
    return {fold(word): cue for word, cue, row_kind in _rows(DATA / "non_verb_cues.tsv") if row_kind == kind}


# Verbal nouns that report speech when a speaker and content follow them
# (رغم إصرار الاتحاد أن…، بعد مزاعم في وسائل إعلام بوجود…), with the base cue they stand for.
MASDAR_CUES = _non_verb_cues("verbal_noun")


def masdar_word(f: str) -> str:
    """A verbal noun without a glued preposition or conjunction (وبعد → بعد is not one; بإعلان → إعلان)."""
    if f in MASDAR_CUES:
        return f
    if len(f) > 4 and f[0] in "وبل" and f[1:] in MASDAR_CUES:
        return f[1:]
    return f


# "According to": the source follows; the statement is the clause before or after.
ACCORDING = _non_verb_cues("according")

# Words that head an organisation's name (and its anaphor: الوزارة، المكتب، البيان).
ORG_HEADS = read_words("speaker_heads.tsv", "org")

# Offices named after a person in apposition (آل الشيخ مفتي عام، وكيله، رئيسها), never part
# of the name (unlike الشيخ or أمين, which can be).
OFFICES = read_words("speaker_heads.tsv", "office")

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
NAMING_NOUNS = read_words("name_words.tsv", "naming")

# Documents that carry a body's words: بيان الوزارة، بيانات مؤسسة النقد، معلومات اللجنة.
DOC_HEADS = read_words("documents.tsv", "document")
# Present-tense cues that are impersonal right before أن (يُتوقع أن "it is expected that").
IMPERSONAL_PRESENT = frozenset({"توقع", "قدر", "رجح", "اعتقد", "ذكر", "قال"})
NEGATIONS = frozenset(fold(w) for w in ("لم", "لن", "ولم", "ولن", "فلم", "لا", "ولا", "ما", "ليس"))
# First-person openers: speech given without quotation marks (قال X لقد تعودت...).
FIRST_PERSON = frozenset(fold(w) for w in ("لقد", "نحن", "أنا", "انا", "إنني", "إننا"))

# Heads that make a mention an anonymous source (kept as written, kind unnamed).
UNNAMED_HEADS = read_words("speaker_heads.tsv", "unnamed")

# Heads of collective speakers.
GROUP_HEADS = read_words("speaker_heads.tsv", "group")

# Titles and roles: words that may precede or replace a person's name.
TITLES = read_words("speaker_heads.tsv", "title")

# Honorific pronoun-titles that always mean "the person just named" (سموه، معاليه), and the
# titles some of them answer to, without the article: سموه is the prince the article named
# (الأمير، سمو), who need not be the last person quoted.
_HONORIFICS = _rows(DATA / "honorifics.tsv")
HONORIFIC_PRONOUNS = frozenset(fold(pronoun) for pronoun, _ in _HONORIFICS)
HONORIFIC_TITLES = {fold(pronoun): frozenset(bare_word(fold(t)) for t in titles.split(","))
                    for pronoun, titles in _HONORIFICS if titles != "-"}

# ذكرت تقارير إخبارية/صحفية أن…: reports of no named body are the media, a group (GUIDELINES).
MEDIA_REPORTS = frozenset(fold(w) for w in ("تقارير", "التقارير"))

# Who a prayer addresses (داعيا المولى أن…): دعا then says no statement.
GOD = frozenset(fold(w) for w in ("الله", "المولى", "ربه", "ربها", "ربهم", "الباري", "ربنا"))

# Bare-pronoun mentions.
PRONOUNS = frozenset(fold(w) for w in ("هو", "هي", "هم", "وهو", "وهي"))

# Time phrases between a cue and its subject or object (أعلنت العام الماضي خطة): a noun of
# time, then what fixes it; العام alone may be a title's adjective (المدير العام), so it needs one.
TIME_NOUNS = read_words("function_words.tsv", "time_noun")
TIME_FIXERS = read_words("function_words.tsv", "time_fixer")
# Words that start a prepositional or adverbial aside inside the mention zone
# (في بيان، خلال المؤتمر، أمس، من جانبه، لوكالة...): not part of the speaker's name.
ASIDE_STARTS = read_words("function_words.tsv", "aside")

# Function words that are never names.
FUNCTION_WORDS = read_words("function_words.tsv", "function")

# Unions of the tables above that the rules test words against, built once (an `A | B` written
# in a condition is built again at every test).
PERSON_HEADS = UNNAMED_HEADS | GROUP_HEADS  # unnamed sources and collectives
HEADED_NAMES = ORG_HEADS | UNNAMED_HEADS | GROUP_HEADS | TITLES  # what للـ may glue to (head_word)
TITLES_OR_BODIES = TITLES | ORG_HEADS
TITLES_BODIES_SOURCES = TITLES | ORG_HEADS | UNNAMED_HEADS
BODY_HEADS = ORG_HEADS - DOC_HEADS  # a body's own head, not its document's
FUNCTION_OR_ASIDE = FUNCTION_WORDS | ASIDE_STARTS
