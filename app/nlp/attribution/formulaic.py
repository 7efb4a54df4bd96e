"""Candidates the guidelines rule out for certain, whatever a decider says: courtesies,
prayers, citations of scripture and hadith, and words whose subject is the text of a law or
a figurative speaker. They stay candidates (their subject is who a later elided cue means)
but are never reported; each is a filter in every mode, not a feature to learn."""
from __future__ import annotations

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import Doc
from app.nlp.attribution.features import opens_scripture, word_class
from app.nlp.attribution.statement import Candidate


def ruled_out(doc: Doc, c: Candidate) -> bool:
    """A courtesy, a prayer, scripture, hadith or poetry, or a voiceless subject (GUIDELINES)."""
    return courtesy(doc, c) or prayer(doc, c) or scripture(doc, c) or poetry(doc, c) or voiceless_subject(doc, c)


def courtesy(doc: Doc, c: Candidate) -> bool:
    """أعرب عن شكره وتقديره لـ…، نقل تعازيه: thanks, congratulations and condolences are
    formulaic courtesies, not statements (GUIDELINES: what is not a quote)."""
    if c.type == "direct":
        return False
    words = doc.text[c.start:c.end].split()
    return bool(words) and lx.courtesy_noun(words[0])


def prayer(doc: Doc, c: Candidate) -> bool:
    """داعيا المولى أن يحفظ…، ودعا الله أن…: a prayer, not a statement (GUIDELINES)."""
    return c.cue == "دعا" and c.cue_index >= 0 and \
        any(f in lx.GOD for f in doc.folded[c.cue_index + 1:c.cue_index + 3])


def voiceless_subject(doc: Doc, c: Candidate) -> bool:
    """نصت المادة على أن، ويقول التعميم، العقل يقول، لسان حالهم يقول: the text of a law or rule
    and figurative speakers say nothing a person said (GUIDELINES, decisions 7 and 8)."""
    if c.cue_index < 0:
        return False
    i = c.cue_index
    return word_class(doc, i + 1) in VOICELESS or word_class(doc, i - 1) in VOICELESS \
        or FIGURATIVE_TONGUE in doc.folded[max(0, i - 3):i]


VOICELESS = frozenset({"legal_text", "figurative"})  # kinds of data/not_speakers.tsv
FIGURATIVE_TONGUE = lx.fold("لسان")  # لسان حالهم جميعا يقول: a few words before the cue


SACRED_SUBJECTS = (("تعالي",), ("سبحانه",), ("الله", "تعالي"), ("الله", "عز"), ("صلي", "الله", "عليه"))
# how a hadith's chain of narrators ends right before its قال (عن أبي ذر رضي الله عنه، عن النبي ﷺ قال)
NARRATOR_ENDS = (("صلياللهعليهوسلم",), ("صلي", "الله", "عليه", "وسلم"), ("رضي", "الله", "عنه"),
                 ("رضي", "الله", "عنها"), ("رضي", "الله", "عنهما"))


def scripture(doc: Doc, c: Candidate) -> bool:
    """{…} ﴿…﴾, قال الله تعالى، قال صلى الله عليه وسلم, a narrator's chain before قال (عن
    النبي ﷺ قال): scripture and hadith are cited, not stated (GUIDELINES, decision 5)."""
    if opens_scripture(doc.text[c.start:c.end]):
        return True
    if c.cue_index < 0:
        return False
    after = tuple(doc.folded[c.cue_index + 1:c.cue_index + 4])
    if any(after[:len(words)] == words for words in SACRED_SUBJECTS):
        return True
    k = c.cue_index
    while k > 0 and (doc.folded[k - 1] == "انه" or doc.tokens[k - 1].text in ("،", ",")):
        k -= 1
    before = tuple(doc.folded[max(0, k - 4):k])
    return any(before[len(before) - len(words):] == words for words in NARRATOR_ENDS)


POETS = frozenset(lx.fold(w) for w in ("الشاعر", "الشاعرة"))


def poetry(doc: Doc, c: Candidate) -> bool:
    """يقول الشاعر: …: the unnamed poet's verse is cited, not stated (GUIDELINES, decision 5);
    a poet named after the word (الشاعر أحمد الملا إن…) speaks like anyone."""
    i = c.cue_index
    if i < 0 or i + 1 >= len(doc.tokens) or doc.folded[i + 1] not in POETS:
        return False
    return i + 2 >= len(doc.tokens) or doc.entity_at[i + 2] is None
