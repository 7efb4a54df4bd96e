"""Personal names: titles kept apart from the name, and spelling-blind keys that let one
person be found by any press spelling, in Arabic or in Latin script.

A *skeleton* keeps a name's consonants, folded into classes of sounds the press confuses
when it writes a foreign name (ج/غ/ق/ك for a G, ت/ط/ث, س/ص, د/ض, ذ/ز/ظ, ح/ه) and drops the
vowels and the article. Latin spellings map into the same classes, so `Gerasimov`,
`غيراسيموف` and `جيراسيموف` share the key `KRSMF`. Latin letters that stand for more than one
Arabic sound (c, v, th, z, x, ch) give several keys.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz

from app.nlp.arabic import has_arabic, normalize

# --- titles and roles -----------------------------------------------------------------

# Words that open a title ("جنرال الجيش", "وزير الخارجية الروسي", "ولي العهد السعودي").
TITLE_WORDS = frozenset(normalize(w) for w in (
    "الرئيس", "رئيس", "رئيسة", "الرئيسة", "الوزير", "وزير", "وزيرة", "الوزيرة", "مدير", "المدير",
    "الدكتور", "الدكتورة", "دكتور", "د", "المهندس", "الشيخ", "شيخ", "الشيخة", "الأمير", "أمير",
    "الأميرة", "الملك", "الملكة", "الأستاذ", "اللواء", "لواء", "العميد", "العقيد", "الجنرال", "جنرال",
    "العماد", "الفريق", "المشير", "المتحدث", "متحدث", "الناطق", "ناطق", "نائب", "النائب", "الأمين",
    "أمين", "المستشار", "مستشار", "المستشارة", "السفير", "سفير", "قائد", "القائد", "الحاكم", "حاكم",
    "محافظ", "المحافظ", "السيد", "السيدة", "الحاج", "سمو", "صاحب", "السمو", "الملكي", "سعادة",
    "فخامة", "معالي", "دولة", "سماحة", "فضيلة", "المرشد", "آية", "الله", "الإمام", "البابا",
    "العاهل", "ولي", "زعيم", "الزعيم", "المندوب", "مندوب", "المبعوث", "مبعوث", "السيناتور",
    "عضو", "رئيسا", "وكيل", "مساعد", "المفوض", "القاضي", "المدعي", "البروفيسور", "الكابتن",
))
# Words that carry a title on to what it is of: المتحدث باسم الكرملين, المستشار لشؤون الأمن.
_TITLE_LINKS = frozenset(normalize(w) for w in ("باسم", "لشؤون", "لدى", "في"))
_LOWER_CASE_TITLES = frozenset({"president", "minister", "general", "gen", "dr", "mr", "mrs", "ms", "sheikh",
                                "king", "prince", "crown", "emir", "ayatollah", "sir", "prime", "foreign"})


@dataclass(frozen=True, slots=True)
class TitledName:
    name: str
    roles: tuple[str, ...]


def _governs_noun(word: str) -> bool:
    """An indefinite title is the first noun of a construct (رئيس هيئة، وزير خارجية); a
    definite one (الملك عبدالله) is followed by the name."""
    norm = normalize(word)
    return norm in TITLE_WORDS and not norm.startswith("ال")


def split_title(text: str) -> TitledName:
    """`جنرال الجيش فاليري غيراسيموف` → name `فاليري غيراسيموف`, role `جنرال الجيش`.

    A title is a title word and what qualifies it: the noun it governs (رئيس هيئة) and the
    definite adjectives and nouns after it (الأركان العامة للقوات المسلحة الروسية); the name
    starts at the first word that is none of these. When only definite words follow the
    title (الرئيس السيسي, المشير السيسي الأب), they are the name. A name is never stripped
    to nothing.
    """
    words = text.split()
    i, title_end = 0, 0
    while i < len(words) - 1:
        norm = normalize(words[i])
        if norm in TITLE_WORDS or norm in _LOWER_CASE_TITLES:
            title_end = i + 1
        elif title_end and (norm in _TITLE_LINKS or i > 0 and _governs_noun(words[i - 1])):
            title_end = i + 1
        elif not (title_end and norm.startswith(("ال", "لل"))):
            break
        i += 1
    if i == len(words) - 1 and normalize(words[i]).startswith("ال"):
        i = title_end
    return TitledName(" ".join(words[i:]), (" ".join(words[:i]),) if i else ())


def role_in_mention(mention: str, name: str) -> str | None:
    """The role a mention gives the speaker: its title (`الجنرال غيراسيموف` → `الجنرال`), or
    all of it when it is a description without the name (`رئيس هيئة الأركان العامة`)."""
    words = mention.split()
    if not words or normalize(words[0]) not in TITLE_WORDS | _LOWER_CASE_TITLES:
        return None
    name_words = {k for w in word_keys(name) for k in w}
    if any(name_words.intersection(keys) for keys in word_keys(mention)):
        roles = split_title(mention).roles
        return roles[0] if roles else None
    return mention.strip()


# --- skeleton keys --------------------------------------------------------------------

_ARABIC_CLASS = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "س": "S", "ص": "S", "ش": "X",
    "ج": "K", "غ": "K", "ق": "K", "ك": "K", "خ": "K", "گ": "K", "ح": "H", "ه": "H",
    "د": "D", "ض": "D", "ذ": "Z", "ز": "Z", "ظ": "Z", "ژ": "Z", "ر": "R", "ل": "L",
    "م": "M", "ن": "N", "ف": "F", "ڤ": "F",
}
_ARABIC_SEMIVOWEL = {"و": "W", "ي": "Y"}  # consonants only at the start of a word

# Latin spellings, longest first; each maps to the classes it may stand for.
_LATIN_UNITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("X",)), ("tch", ("X",)), ("sch", ("X",)), ("dzh", ("K",)),
    ("sh", ("X",)), ("ch", ("X", "K", "TX")), ("zh", ("K", "Z", "TX")), ("kh", ("K",)), ("gh", ("K",)),
    ("gn", ("N", "KN")), ("st", ("ST", "XT")),
    ("dj", ("K",)), ("th", ("T", "Z")), ("dh", ("Z", "D")), ("ph", ("F",)), ("ts", ("TS",)),
    ("tz", ("TS",)), ("ck", ("K",)), ("ks", ("KS",)), ("c", ("K",)),
    ("b", ("B",)), ("p", ("B",)), ("t", ("T",)), ("d", ("D",)), ("s", ("S",)), ("z", ("Z", "TS")),
    ("k", ("K",)), ("g", ("K",)), ("j", ("K",)), ("q", ("K",)), ("x", ("KS",)), ("f", ("F",)),
    ("v", ("F", "")), ("l", ("L",)), ("m", ("M",)), ("n", ("N",)), ("r", ("R",)), ("h", ("H",)),
)
_VOWELS = frozenset("aeiouy")
_TURKISH = str.maketrans({"ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "ğ": "gh", "Ğ": "gh", "ı": "i", "İ": "i"})
# Articles written as their own word: al-Assad, el Sisi, Al Thani, ad-Din.
_LATIN_ARTICLES = frozenset({"al", "el", "ul", "ol", "as", "ad", "ash", "an", "ar", "at", "az", "ath", "adh"})
# European particles the Arabic press joins to the family name: Le Drian لودريان, von der Leyen.
_LATIN_PARTICLES = frozenset({"le", "la", "de", "di", "da", "du", "del", "della", "van", "von", "der", "den", "ten"})
# Regnal numbers: Abdullah II is عبدالله الثاني.
_REGNAL = {"ii": "thani", "iii": "thalith", "iv": "rabi"}
# Turkish family names in -oğlu are two words in Arabic: Davutoğlu داود أوغلو.
_TURKISH_OGLU = re.compile(r"^(.{3,}?)(og?h?lu)$")
# `Abdelaziz`, `Abdul`, `Abdur-Rahman`: عبد + the article joined to the next word.
_LATIN_ABD = re.compile(r"^abd(?:el|ul|al|ol|ou|ur|ar|er|us|as|an)(?=.)|^abd(?:el|ul|al|ol|ou)$")
_MAX_KEYS = 16


def _collapse(skeleton: str) -> str:
    """Doubled letters are one sound: Fattah, Hassan, Mohammed."""
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _arabic_word_parts(word: str) -> list[str]:
    """A normalised word's parts: `عبدالعزيز` is `عبد` + `العزيز`; آل (a lone ال) has none."""
    if word.startswith("عبدال") and len(word) > 5:
        return ["عبد", *_arabic_word_parts(word[3:])]
    return [] if word == "ال" else [word]


def _arabic_word_skeletons(word: str) -> list[str]:
    """A word's skeletons: without its article, and for a word that may be a foreign name
    beginning with al- (اليسيو Alessio, أليكسي Alexei), with the ل too."""
    keys = [_collapse(_arabic_skeleton(word[2:] if word.startswith("ال") and len(word) > 3 else word))]
    if word.startswith("ال") and len(word) > 3:
        keys.append(_collapse(_arabic_skeleton(word)))
    return [k for k in dict.fromkeys(keys) if k]


def _arabic_skeleton(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        if ch in _ARABIC_CLASS and not (ch == "ه" and i == len(word) - 1 and i > 0):
            out.append(_ARABIC_CLASS[ch])
        elif i == 0 and ch in _ARABIC_SEMIVOWEL:
            out.append(_ARABIC_SEMIVOWEL[ch])
    return "".join(out)


def _latin_words(text: str) -> list[str]:
    text = anyascii(text.translate(_TURKISH)).lower().replace("'", "").replace("`", "")
    words = [_REGNAL.get(w, w) for w in re.split(r"[^a-z]+", text) if w]
    out: list[str] = []
    particles = ""
    for i, word in enumerate(words):
        if word in _LATIN_ARTICLES and i < len(words) - 1:
            continue
        if word in _LATIN_PARTICLES and i < len(words) - 1 and i > 0:
            particles += word
            continue
        word, particles = particles + word, ""
        match = _LATIN_ABD.match(word)
        oglu = _TURKISH_OGLU.match(word)
        if match:
            out += ["abd", *([word[match.end():]] if match.end() < len(word) else [])]
        elif oglu:
            out += [oglu.group(1), "oglu"]
        else:
            out.append(word)
    return out


def _latin_skeletons(word: str) -> list[str]:
    """Every consonant skeleton a Latin spelling may stand for, most likely first."""
    options: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        rest, after = word[i:], word[i + 1:i + 2]
        if i == 0 and rest[0] in "wy" and after:
            options.append(("W",) if rest[0] == "w" else ("Y",))
        elif i == 0 and rest[0] == "x":
            options.append(("X", "KS"))  # Xi Jinping: شي
        elif rest[0] == "c" and after in ("e", "i", "y"):
            options.append(("S", "K", "X"))  # Recep (Turkish c: ج), Ancelotti (Italian: أنشيلوتي)
        elif rest[0] == "q" and after == "i":
            options.append(("K", "TX"))  # Chinese q: Qiang تشيانغ
        elif rest[0] == "t" and not after and i > 0:
            options.append(("T", "D"))  # Turkish: Ahmet أحمد, Davut داود, Mevlut مولود
        elif rest[0] == "s" and after in _VOWELS and i > 0 and word[i - 1] in _VOWELS:
            options.append(("S", "Z"))  # between vowels: Chiesa كييزا
        elif rest[0] == "h" and after not in _VOWELS:
            options.append(("H", ""))  # Johnson, Sameh
        elif rest[0] == "j":
            options.append(("K", "Y"))  # Jens: ينس
        else:
            for unit, classes in _LATIN_UNITS:
                if rest.startswith(unit):
                    options.append(classes)
                    i += len(unit)
                    break
            else:
                i += 1  # a vowel, or w or y inside the word
            continue
        i += 1
    keys = dict.fromkeys(_collapse("".join(combo)) for combo in itertools.islice(itertools.product(*options), _MAX_KEYS))
    return [k for k in keys if k]


def word_keys(text: str) -> list[list[str]]:
    """Per word of a name, its possible skeletons, most likely first (several for Latin script,
    two for an Arabic word beginning with ال)."""
    return [list(keys) for keys in _word_keys_of(text)]


@functools.lru_cache(maxsize=16_384)
def _word_keys_of(text: str) -> tuple[tuple[str, ...], ...]:
    """`word_keys`, kept: storing an article computes the keys of the same names several times,
    and the same people recur from article to article."""
    if has_arabic(text):
        parts = [p for w in normalize(text).split() for p in _arabic_word_parts(w)]
        return tuple(tuple(keys) for keys in map(_arabic_word_skeletons, parts) if keys)
    return tuple(tuple(keys) for keys in (_latin_skeletons(w) for w in _latin_words(text)) if keys)


def name_keys(text: str) -> list[str]:
    """Whole-name skeletons: the word skeletons joined (word breaks vary: عبدالعزيز, Abdel Aziz)."""
    combos = itertools.islice(itertools.product(*word_keys(text)), _MAX_KEYS)
    return [k for k in dict.fromkeys(_collapse("".join(c)) for c in combos) if k]


def skeleton(text: str) -> str:
    """The most likely whole-name skeleton."""
    keys = name_keys(text)
    return keys[0] if keys else ""


def last_word_key(text: str) -> str:
    """The family-name skeleton: the last word of the name."""
    words = word_keys(text)
    return words[-1][0] if words else ""


# --- ranking --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NameQuery:
    """A typed name, prepared once to be scored against many stored names."""

    norm: str
    keys: tuple[str, ...]
    words: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, text: str) -> NameQuery:
        name = split_title(text).name
        return cls(normalize(name), tuple(name_keys(name)), tuple(frozenset(w) for w in word_keys(name)))

    def lookup_keys(self) -> list[str]:
        """Keys that find the candidates: the whole name, and the family name (the last word)
        or its beginning; a candidate without the typed family name ranks too low to offer."""
        return list(dict.fromkeys([f"n:{k}" for k in self.keys] + _word_keys(self.words[-1:])))

    def score(self, name: str) -> float:
        """How well a stored name matches (see `score_keys`)."""
        norm, targets, name_words = _stored_name(name)
        return self.score_keys(same_spelling=norm == self.norm, whole=targets, words=name_words)

    def score_keys(self, *, same_spelling: bool, whole: frozenset[str] | set[str],
                   words: frozenset[str] | set[str]) -> float:
        """3 + similarity for the same spelling, 2 + for the same skeleton, 1 + for every typed
        word found in the name; otherwise the skeletons' similarity (0–1), raised when the
        typed family name is in the name (a namesake, or the person by part of the name),
        the more the longer the words found. `whole` and `words` are the stored name's
        skeletons and its words' skeletons, as `index_keys` gives them."""
        if not self.keys or not whole:
            return 0.0
        similarity = max(fuzz.ratio(k, t) for k in self.keys for t in whole) / 100
        if same_spelling:
            return 3 + similarity
        if not whole.isdisjoint(self.keys):
            return 2 + similarity
        found = [word for word in self.words if not word.isdisjoint(words)]
        if len(found) == len(self.words):
            return 1 + similarity
        if self.words[-1] in found:  # the family name: a namesake, or the person by part of the name
            share = sum(min(map(len, w)) for w in found) / sum(min(map(len, w)) for w in self.words)
            return max(similarity, 0.8 + 0.2 * share)
        return similarity


@functools.lru_cache(maxsize=4096)
def _stored_name(name: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """A stored name's normalised form, whole-name skeletons and word skeletons."""
    return normalize(name), frozenset(name_keys(name)), frozenset(k for w in word_keys(name) for k in w)


def _word_keys(words: Iterable[frozenset[str]]) -> list[str]:
    return [key for word in words for key in
            [f"w:{k}" for k in word if len(k) >= 2] + [f"p:{k[:3]}" for k in word if len(k) >= 3]]


def index_keys(name: str) -> list[str]:
    """The keys a stored name is found and scored by: its whole skeletons (`n:`), each word's
    skeletons (`w:`) and beginnings (`p:`)."""
    query = NameQuery.of(name)
    return list(dict.fromkeys([f"n:{k}" for k in query.keys] + _word_keys(query.words)))
