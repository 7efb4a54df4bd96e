"""Word-shape tests for Arabic: relative adjectives and verbal nouns.

Folded words only (see lexicon.fold). They decide where a name ends (an adjective closes it)
and whether an object after a cue is a verbal noun (أعلن تحرير…) rather than narration.
"""
from __future__ import annotations


def oblique_plural(f: str) -> bool:
    """A sound masculine plural in the accusative/genitive (المواطنين، مسلمين، السوريين): never
    the subject right after a verb, which would take -ون (طالب مغردون، but دعا المواطنين)."""
    if not f.endswith("ين"):
        return False
    w = f[2:] if f.startswith("ال") else f
    return (w.startswith("م") and len(w) >= 6) or (w.endswith("يين") and len(w) >= 5)


def plural_noun(f: str) -> bool:
    """A sound masculine plural of people in any case (المواطنين، سياسيون، ومصريون), not a
    name that merely ends in -ون (جونسون)."""
    return oblique_plural(f) or f.endswith("ون") and oblique_plural(f[:-2] + "ين")


def sound_plural_with_nun(f: str) -> bool:
    """مختصون، خبراء اقتصاديين: a sound plural keeps its ن only outside a genitive construct
    (مختصو الطاقة), so a definite noun after it is not its genitive (قدر مختصون | الدعم)."""
    return not f.startswith("ال") and f.endswith(("ون", "ين")) and plural_noun(f)


def plural_verb(f: str) -> bool:
    """A verb agreeing with a plural subject (يطالبون، قالوا، وأكدوا): it comes after that subject."""
    f = f[1:] if f[:1] in ("و", "ف") and len(f) > 4 else f
    return (len(f) >= 5 and f[0] in "يت" and f.endswith("ون")) or (len(f) >= 4 and f.endswith("وا"))


def verb_shaped(f: str) -> bool:
    """A verb with a plural or dual ending (ينسجون، قالوا، يقولان): a clause, not a name."""
    return plural_verb(f) or len(f) >= 5 and f[0] in "يت" and f.endswith("ان")


def nisba(f: str) -> bool:
    """A relative adjective (الروسية، السعودي، الأمريكيون) that extends a name."""
    w = f[2:] if f.startswith("ال") else f
    if w.endswith("ييه") or w.startswith("ل") and w is f:
        return False  # هيئة (folded هييه), للطيران: not adjectives (اللبناني، الليبي are)
    return len(w) >= 4 and (w.endswith("يه") or w.endswith("ي") or w.endswith("يون") or w.endswith("يين"))


def masdar_like(f: str) -> bool:
    """A verbal noun heading an object: تحرير، إنشاء، استعداد، مقتل، مسؤولية..."""
    w = f[2:] if f.startswith("ال") else f
    if f.startswith("عن"):
        return True
    for suffix in ("ه", "ها", "هم"):
        if w.endswith(suffix) and len(w) > 5:
            w2 = w[: -len(suffix)]
            w2 = w2[:-1] + "ه" if w2.endswith("ت") else w2
            if masdar_like(w2):
                return True
    if len(w) >= 4 and w[0] == "ت" and w[-2] in "يو":
        return True  # تفعيل / تفعول
    if len(w) >= 5 and w[0] == "ا" and w[-2] == "ا":
        return True  # إفعال / افتعال / استفعال
    if len(w) >= 4 and w[0] == "م" and (w.endswith("ه") or w[2] == "ت"):
        return True  # مفاعلة / مقتل
    return w in {"رفض", "دعم", "عزم", "قرار", "نجاح", "وجود", "اهميه", "ضروره", "حرص", "رغبه", "عدم", "بدء",
                 "فوز", "موافقه", "مسووليه", "مقتل", "اصابه", "وفاه", "سقوط", "نيه", "استعداد"}


def circumstantial(f: str) -> bool:
    """An active participle in the accusative, the circumstantial (حال) of a clause about its
    subject (مشيرا، مستعرضا، مقدما، متوعدا): after a comma it resumes the narration about the
    speaker, so a statement ends before it (in the annotated articles 119 times, inside one 2)."""
    return len(f) >= 5 and f.startswith("م") and f.endswith("ا") and not f.endswith(("ها", "نا")) \
        and f not in ("مثلما", "مهما")  # "as", "whatever": the clause goes on
