"""Features of a statement candidate: plain functions of (candidate, document, the rules' reading).

The learned statement decider weighs them (learned.py); each name is a fact a reader could
check in the text: the cue word and its form, what opens the content, what the hand filters
said, how long the content is, where it stands.
"""
from __future__ import annotations

from functools import lru_cache

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import QUOTE_MARKS, Doc
from app.nlp.attribution.statement import CONTINUATION, INTERVIEW, Candidate

ACT_NOUNS = frozenset(line.strip() for line in (lx.DATA / "act_nouns.txt").read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
NOT_SPEAKERS = dict(line.split("\t") for line in (lx.DATA / "not_speakers.tsv").read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.startswith(("#", "word\t")))
SCRIPTURE_WORDS = lx.GOD | {lx.fold("تعالى"), lx.fold("سبحانه"), lx.fold("عز")}
SCRIPTURE_OPENERS = ("{", "﴿")
# each cue's lexicon entry (cue_verbs.tsv first): rarer cues share the weights of their frame
CUE_ENTRIES = {v.base: ("broad", v) for v in lx.BROAD_CUE_VERBS} | {v.base: ("main", v) for v in lx.CUE_VERBS}


def opens_scripture(text: str) -> bool:
    """{…} ﴿…﴾: a verse opens the statement."""
    return text.lstrip("(«\"“ ").startswith(SCRIPTURE_OPENERS)


# the rules' ordinal scores, binned so the learned weights carry over
_BINS = (0.8, 0.7, 0.6, 0.5, 0.4, 0.25, 0.0)


@lru_cache(maxsize=1024)
def score_bin(score: float) -> str:
    return str(next(b for b in _BINS if score >= b - 1e-9))


@lru_cache(maxsize=1024)
def length_bin(words: int) -> str:
    return next(label for limit, label in ((2, "1-2"), (5, "3-5"), (15, "6-15"), (40, "16-40")) if words <= limit) \
        if words <= 40 else "41+"


def origin(cand: Candidate) -> str:
    if cand.cue_index == -1:
        return "headline"
    if cand.cue_index == INTERVIEW:
        return "interview"
    if cand.cue_index == CONTINUATION:
        return "continuation"
    return "cue"


def statement_features(doc: Doc, cand: Candidate, *, speaker_kind: str, speaker_score: float,
                       has_mention: bool, formulaic: bool, rule_keeps: bool) -> dict[str, float]:
    """What the decider knows about one candidate statement."""
    text = doc.text[cand.start:cand.end]
    words = text.split()
    kind = origin(cand)
    f: dict[str, float] = {
        "rule": 1.0 if rule_keeps else 0.0,  # the hand rules keep it (RuleDecider reads this)
        f"origin={kind}": 1.0,
        f"type={cand.type}": 1.0,
        f"cue={cand.cue}": 1.0,
        f"cue_type={cand.cue}|{cand.type}": 1.0,
        f"speaker_kind={speaker_kind}": 1.0,
        f"statement_score={score_bin(cand.confidence)}": 1.0,
        f"speaker_score={score_bin(speaker_score)}": 1.0,
        f"length={length_bin(len(words))}": 1.0,
        f"filter={cand.rejected_by or 'none'}": 1.0,
        "formulaic": 1.0 if formulaic else 0.0,
        "no_mention": 0.0 if has_mention else 1.0,
        "source_first": 1.0 if cand.source_first else 0.0,
        "quote_marks_inside": 1.0 if any(m in text for m in QUOTE_MARKS) else 0.0,
    }
    if words:
        f[f"first_word={lx.fold(words[0])}"] = 1.0
        f["act_noun"] = 1.0 if act_noun(words[0]) else 0.0
    f["scripture"] = 1.0 if opens_scripture(text) else 0.0
    first = doc.token_index_at(cand.start)
    # the title line (the text before the first newline): a headline's statement
    f["first_paragraph"] = 1.0 if first < len(doc.tokens) and doc.paragraph_of[first] == 0 else 0.0
    if first < len(doc.tokens):
        f[f"content_first={word_class(doc, first)}"] = 1.0
    for k in range(max(0, first - 3), first):
        kind = _not_speaker(doc.folded[k])
        if kind:
            f[f"before_content={kind}"] = 1.0
    before = first - 1  # the token right before the content
    if before >= 0:
        opener = _opener(doc.folded[before], doc.tokens[before].text)
        f[f"opener={opener}"] = 1.0
        f[f"frame={_frame(cand.cue)}|{opener}"] = 1.0
    if cand.cue_index >= 0:
        i = cand.cue_index
        token = doc.tokens[i].text
        form = lx.cue_form(doc.folded[i])
        if form is not None:
            f["cue_form=" + ("participle" if form.participle else "present" if form.present else "past")] = 1.0
        f["cue_prefix_wa"] = 1.0 if token[:1] in "وف" else 0.0
        f["negated"] = 1.0 if i > 0 and doc.folded[i - 1] in lx.NEGATIONS else 0.0
        f["cue_after_statement"] = 1.0 if doc.tokens[i].start >= cand.end else 0.0
        gap = max(0, before - i)
        f[f"cue_gap={min(gap, 12) // 3}"] = 1.0
        f["cue_in_first_paragraph"] = 1.0 if doc.paragraph_of[i] == 0 else 0.0
        f[f"cue_next={word_class(doc, i + 1)}"] = 1.0
        f[f"cue_prev={word_class(doc, i - 1)}"] = 1.0
        if any(w in SCRIPTURE_WORDS for w in doc.folded[i + 1:i + 3]):
            f["scripture"] = 1.0
    return f


@lru_cache(maxsize=1024)
def _frame(cue: str) -> str:
    """The cue's lexicon and frame (which list, a direct object, a preposition, a quotation):
    what a rare cue shares with frequent ones."""
    lexicon, verb = CUE_ENTRIES.get(cue, ("other", None))
    if verb is None:
        return lexicon
    return f"{lexicon}|np={int(verb.np)}|prep={int(bool(verb.preps))}|saying={int(verb.saying)}"


@lru_cache(maxsize=1 << 14)
def _not_speaker(folded: str) -> str:
    """The kind of a word that stands where a speaker would but does not speak ('' if none)."""
    w = folded[1:] if folded[:1] in "وف" and len(folded) > 4 and folded[1:] not in NOT_SPEAKERS else folded
    w = w[2:] if w.startswith("ال") else w
    return NOT_SPEAKERS.get(w, "")


@lru_cache(maxsize=1 << 14)
def act_noun(word: str) -> bool:
    """ترشحه، الاستقالة، ومبايعتها: a verbal noun whose announcement is the act itself."""
    w = lx.fold(word)
    w = w[1:] if w[:1] in "وب" and len(w) > 4 else w
    w = w[2:] if w.startswith("ال") else w
    for pronoun in ("هما", "هم", "ها", "ه", ""):
        if pronoun and not w.endswith(pronoun):
            continue
        stem = w[: len(w) - len(pronoun)]
        if pronoun and stem.endswith("ت"):
            stem = stem[:-1] + "ه"  # استقالته ← استقالة
        if stem in ACT_NOUNS:
            return True
    return False


def word_class(doc: Doc, k: int) -> str:
    """What kind of word stands next to the cue: the speaker it names (an entity, a title, a
    body, an unnamed source, a group, God in scripture) or the frame it opens."""
    if k < 0 or k >= len(doc.tokens):
        return "none"
    if doc.entity_at[k] is not None:
        return "entity_" + doc.entity_at[k].label
    return _word_class(doc.folded[k], doc.tokens[k].text, doc.is_punct(k))


@lru_cache(maxsize=1 << 14)
def _word_class(f: str, raw: str, punct: bool) -> str:
    """word_class of a word no entity covers: a function of the word alone (read once per spelling)."""
    if f in SCRIPTURE_WORDS:
        return "god"
    if _not_speaker(f):
        return _not_speaker(f)
    if raw in QUOTE_MARKS:
        return "quote"
    if punct:
        return "colon" if raw == ":" else "punct"
    if f in lx.COMPLEMENTISERS:
        return "complementiser"
    if f in lx.COMP_PREPS:
        return "preposition"
    head = lx.head_word(f)
    for name, table in (("title", lx.TITLES), ("body", lx.ORG_HEADS), ("unnamed", lx.UNNAMED_HEADS),
                        ("group", lx.GROUP_HEADS), ("document", lx.DOC_HEADS)):
        if head in table or lx.bare_word(head) in table or "ال" + head in table:
            return name
    if f in lx.PRONOUNS or f in lx.HONORIFIC_PRONOUNS:
        return "pronoun"
    if lx.cue_form(f) is not None:
        return "cue"
    return "definite" if f.startswith(("ال", "وال")) else "other"


def _opener(folded: str, raw: str) -> str:
    """What stands right before the content: a complementiser, a colon, a quotation mark, a
    preposition, or another word."""
    if raw in QUOTE_MARKS:
        return "quote"
    if raw == ":":
        return "colon"
    if raw in ("،", ","):
        return "comma"
    if folded in lx.COMPLEMENTISERS:
        return "complementiser"
    if folded in lx.COMP_PREPS or folded in ("ب", "بـ"):
        return "preposition"
    return "word"
