"""Speaker candidates of a statement and their features.

For each statement the options are broad: the rules' own answer, every person and body the
tagger found around the cue (the sentence before, the cue's sentence, the statement), the
people introduced with the mention's words (before it, or, for an unnamed source, named just
after it), and the speakers of the statements just before (for elided subjects). A learned
ranker picks one (learned.py); the rules' answer is one option among them, with its score as
a feature.
"""
from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.descriptions import completed
from app.nlp.attribution.document import Doc, per_article
from app.nlp.attribution.features import origin, score_bin
from app.nlp.attribution.phrases import name_end
from app.nlp.attribution.speakers import Resolver
from app.nlp.attribution.speakers.resolved import Resolved
from app.nlp.attribution.speakers.words import SUBJECT_SCAN_TOKENS, adverbial
from app.nlp.attribution.statement import Candidate
from app.nlp.types import Speaker

PREPOSITIONS = frozenset(lx.fold(w) for w in ("ل", "لـ", "ب", "عن", "من", "في", "إلى", "على", "مع", "مقابل", "لدى"))
CHANNELS = lx.read_words("name_words.tsv", "channel")  # platforms: where words are published, not who says them
PREVIOUS_OPTIONS = 3  # the speakers of the statements just before that are options
HEADLINE_SENTENCES = 3  # a headline's speaker is named in the title or the lead


@dataclass
class SpeakerOption:
    """One possible speaker of a statement, with what speaks for it."""

    speaker: Speaker
    mention: str
    features: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return name_key(self.speaker.name)


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A name folded word by word: two spellings of one speaker are one option."""
    return " ".join(lx.fold(w) for w in name.split())


def speaker_options(doc: Doc, resolver: Resolver, cand: Candidate, rule: Resolved,
                    previous: list[Speaker]) -> list[SpeakerOption]:
    """The rules' answer, the people and bodies named around the cue, and the last speakers."""
    options: dict[str, SpeakerOption] = {}

    def add(speaker: Speaker, mention: str, feats: dict[str, float]) -> None:
        if speaker.kind != "person":
            full = completed(doc, speaker.name, cand.start)
            if full != speaker.name:
                speaker = Speaker(full, speaker.kind, tuple(dict.fromkeys((*speaker.aliases, speaker.name))))
        key = name_key(speaker.name)
        existing = options.get(key)
        if existing is None:
            existing = options[key] = SpeakerOption(speaker, mention)
        features = existing.features
        for k, v in feats.items():
            features[k] = max(features.get(k, 0.0), v)

    def add_joint(ent, first: SpeakerOption | None, feats: dict[str, float]) -> None:
        joint = _coordinated(doc, ent)
        if joint is None:
            return
        # the joint subject inherits what the rules saw for its first name (rare as it is,
        # a ranker could not learn it from its own features alone)
        extra = dict(first.features) if first is not None and first.features.get("rule") else {}
        add(Speaker(joint, "group"), joint, {**feats, **extra, "coordinated": 1.0,
                                             f"coordinated_cue={_cue_number(doc, cand)}": 1.0})

    kind = origin(cand)
    add(rule.speaker, rule.mention, {"rule": 1.0, f"rule_score={score_bin(rule.confidence)}": 1.0,
                                     f"rule_kind={rule.speaker.kind}": 1.0, f"rule_origin={kind}": 1.0,
                                     "rule_mention_empty": 0.0 if rule.mention else 1.0})
    for rank, speaker in enumerate(previous[:PREVIOUS_OPTIONS]):
        add(speaker, "", {f"previous={rank}": 1.0})
    zone = _zone_mention(doc, cand)
    if zone is not None:
        text, head = zone
        add(_zone_speaker(resolver, text, head), text, {"zone": 1.0, f"zone_head={_head_class(head)}": 1.0,
                                                         f"zone_words={min(len(text.split()), 6)}": 1.0})
    names = doc.entity_name_counts
    for ent, feats in _entities_around(doc, cand):
        feats[f"salience={min(names.get(lx.fold(ent.text), 1), 4)}"] = 1.0
        name = resolver.person_name(ent) if ent.label == "PER" else resolver.body_name(ent)
        if not any(ch.isalpha() for ch in name):
            continue
        add(Speaker(name, "person" if ent.label == "PER" else "organization"), ent.text, feats)
        if feats.get("subject_slot"):
            add_joint(ent, options.get(name_key(name)), feats)
    place = _place_subject(doc, cand)  # countries speak too (أدانت الولايات المتحدة وبريطانيا)
    if place is not None and rule.mention.startswith(place.text):
        add_joint(place, next(iter(options.values())), {})  # the rules named the place: the first option
    subject = _sentence_subject(doc, cand)
    if subject:
        add(Speaker(subject[0], _kind_of_head(subject[1])), subject[0],
            {"sentence_subject": 1.0, f"sentence_subject_head={_head_class(subject[1])}": 1.0})
    described = _mention_words(doc, rule.mention, zone[0] if zone else "")
    for rank, (ent, overlap, titled) in enumerate(_described_people(doc, cand, described)):
        feats = {"described": 1.0, f"described_overlap={min(overlap, 3)}": 1.0, f"described_rank={min(rank, 2)}": 1.0}
        if titled:
            feats["described_by_title"] = 1.0
        add(Speaker(resolver.person_name(ent), "person"), ent.text, feats)
    later = _described_later(doc, cand, described, _words_of_mention(rule.mention.split()[0])) \
        if rule.speaker.kind == "unnamed" and rule.mention else []
    for rank, (ent, overlap, titled) in enumerate(later):
        feats = {"described_later": 1.0, f"described_later_overlap={min(overlap, 3)}": 1.0,
                 f"described_later_rank={min(rank, 1)}": 1.0}
        if titled:
            feats["described_later_by_title"] = 1.0
        add(Speaker(resolver.person_name(ent), "person"), ent.text, feats)
    rule_key = name_key(rule.speaker.name)
    context = _cue_context(doc, cand, rule)
    _add_recency(doc, resolver, cand, list(options.values()))
    _add_gender(resolver, cand, list(options.values()))
    _add_last_spoke(doc, resolver, cand, list(options.values()))
    rule_where = f"{score_bin(rule.confidence)}|{rule.speaker.kind}"
    for option in options.values():
        f = option.features
        where = _where(f)
        f[f"where|context={where}|{context}"] = 1.0
        f[f"where|rule={where}|{rule_where}"] = 1.0
        f[f"kind={option.speaker.kind}"] = 1.0
        f[f"kind_origin={option.speaker.kind}|{kind}"] = 1.0
        if option.key != rule_key and (f" {option.key} " in f" {rule_key} " or f" {rule_key} " in f" {option.key} "):
            f["overlaps_rule"] = 1.0
        if cand.feminine is not None:
            f[f"feminine_cue={cand.feminine}|{option.speaker.kind}"] = 1.0
        f[f"name_words={min(len(option.speaker.name.split()), 4)}"] = 1.0
    voiced = [o for o in options.values() if lx.fold(o.speaker.name) not in CHANNELS]
    return voiced or list(options.values())  # عبر صفحتها على فيس بوك: the page's owner speaks, not the platform


# where an option stands, by the first of these features it has (the feature, the name it gives)
WHERE = tuple((key, key.split("=")[0]) for key in ("subject_slot", "in_zone", "subject_before_cue", "first_in_sentence",
                                                    "sentence_offset=-1", "previous=0", "zone", "rule"))


def _where(features: dict[str, float]) -> str:
    """The name of the first WHERE feature an option has ("other" if none)."""
    for key, name in WHERE:
        if features.get(key):
            return name
    return "other"


DESCRIPTION_TOKENS = 8  # how far a person's introduction (title, office) reaches from the name
ZONE_WORDS = 8  # a descriptive subject (عدد من الاقتصاديين، مصدر مسؤول في الوزارة) is short


def _zone_mention(doc: Doc, cand: Candidate) -> tuple[str, str] | None:
    """The words right after the cue, up to punctuation, a complementiser or a quotation:
    the subject as written, for the groups and unnamed sources no tagger names."""
    a, b = cand.zone
    if cand.cue_index < -1 or a >= b:
        return None  # (a headline's zone is its head: `الداخلية المصرية :`)
    k = a
    while k < min(b, a + ZONE_WORDS) and not doc.is_punct(k) and doc.folded[k] not in lx.COMPLEMENTISERS:
        k += 1
    if k == a or any(e is not None and e.label in ("PER", "ORG") for e in doc.entity_at[a:k]):
        return None  # a named person or body is its own option, without the words around it
    if adverbial(doc.tokens[a].text) or doc.folded[a] in lx.FUNCTION_OR_ASIDE or lx.cue_form(doc.folded[a]):
        return None  # وقال معقباً، مؤكداً في «…» أن، وأضاف يقول: the subject elided
    return doc.text[doc.tokens[a].start:doc.tokens[k - 1].end], lx.head_word(doc.folded[a])


def _zone_speaker(resolver: Resolver, text: str, head: str) -> Speaker:
    """The subject as written; after titles (الدكتور الغفيص) the untagged name they introduce,
    in the fullest form the article gives it: a person's name carries no title."""
    words = text.split()
    titles = 0
    while titles < len(words) and lx.fold(words[titles]) in lx.TITLES:
        titles += 1
    if 0 < titles < len(words):
        return Speaker(resolver.fullest_person(" ".join(words[titles:])), "person")
    if _head_class(head) == "other" and (full := resolver.fullest_person(text)) != text:
        return Speaker(full, "person")  # وأضاف المشنوق: the family name of نهاد المشنوق, named before
    return Speaker(text, _kind_of_head(head))


def _head_class(head: str) -> str:
    for name, table in (("title", lx.TITLES), ("org", lx.ORG_HEADS), ("unnamed", lx.UNNAMED_HEADS),
                        ("group", lx.GROUP_HEADS), ("document", lx.DOC_HEADS)):
        if head in table or lx.bare_word(head) in table:
            return name
    return "other"


def _kind_of_head(head: str) -> str:
    return {"org": "organization", "document": "organization", "group": "group",
            "title": "unnamed"}.get(_head_class(head), "unnamed")


def _entities_around(doc: Doc, cand: Candidate):
    """PER and ORG entities near the cue, each with where it stands relative to it."""
    if not doc.tokens:
        return
    if cand.cue_index >= 0:
        cue = cand.cue_index
    elif cand.cue_index == -1:
        cue = doc.token_index_at(cand.start)
    else:
        return
    cue = min(cue, len(doc.tokens) - 1)
    sentence = doc.sentence_of[cue]
    lo_sentence = sentence - 1 if cand.cue_index >= 0 else 0
    hi_sentence = sentence if cand.cue_index >= 0 else HEADLINE_SENTENCES
    after_rank = 0
    # the entities (at their first token) of those sentences only (sentence_of ascends)
    lo = bisect.bisect_left(doc.sentence_of, lo_sentence)
    hi = bisect.bisect_right(doc.sentence_of, hi_sentence)
    heads = doc.entity_heads
    firsts = [(k, doc.entity_at[k]) for k in heads[bisect.bisect_left(heads, lo):bisect.bisect_left(heads, hi)]
              if doc.entity_at[k].label in ("PER", "ORG")]
    first_of_sentence: dict[int, int] = {}
    for k, _ in firsts:
        first_of_sentence.setdefault(doc.sentence_of[k], k)
    for k, ent in firsts:
        feats: dict[str, float] = {"entity": 1.0, f"label={ent.label}": 1.0}
        if first_of_sentence[doc.sentence_of[k]] == k:
            feats["first_in_sentence"] = 1.0
        inside = cand.start <= ent.start < cand.end
        feats["in_statement"] = 1.0 if inside else 0.0
        distance = k - cue
        feats[f"sentence_offset={doc.sentence_of[k] - sentence}"] = 1.0
        a, b = cand.zone
        if a <= k < b:
            feats["in_zone"] = 1.0
        if distance > 0 and not inside:
            feats[f"after_cue_rank={min(after_rank, 3)}"] = 1.0
            after_rank += 1
            feats[f"after_cue_distance={min(distance, 12) // 2}"] = 1.0
        elif distance < 0:
            feats[f"before_cue_distance={min(-distance, 20) // 4}"] = 1.0
        prev = doc.folded[k - 1] if k > 0 else ""
        raw = doc.tokens[k].text
        if prev in PREPOSITIONS or (raw[:1] in "لب" and not ent.text.startswith(raw[:1])):
            feats["after_preposition"] = 1.0
        if prev in lx.TITLES or (k > 1 and doc.folded[k - 2] in lx.TITLES):
            feats["after_title"] = 1.0
        if k > 0 and doc.is_punct(k - 1):
            feats["after_punct"] = 1.0
        if k > 0 and lx.cue_form(doc.folded[k - 1]) is not None:
            feats["right_after_a_cue"] = 1.0
        if distance > 0 and _subject_slot(doc, cue, k):
            feats["subject_slot"] = 1.0  # only titles and descriptions between the cue and the name
        if distance < 0 and _clause_subject(doc, k, cue):
            feats["subject_before_cue"] = 1.0
        yield ent, feats


COORDINATED_MAX = 4  # X وY وZ وW: a joint subject names a few speakers


def _coordinated(doc: Doc, ent) -> str | None:
    """`X وY` (`X، وY`، `X وY وZ`): names of the same kind joined by و, a joint speaker."""
    k = name_end(doc, doc.token_index_at(ent.start))
    end, joined = doc.tokens[k - 1].end, 0
    while joined < COORDINATED_MAX - 1 and k < len(doc.tokens):
        j = k + 1 if doc.tokens[k].text in ("،", ",") else k
        if j >= len(doc.tokens) or not doc.tokens[j].text.startswith("و"):
            break
        nxt = doc.entity_at[j] or (doc.entity_at[j + 1] if doc.folded[j] == "و" and j + 1 < len(doc.tokens) else None)
        if nxt is None or nxt is ent or nxt.label not in (ent.label, "LOC" if ent.label == "ORG" else ent.label):
            break
        k = name_end(doc, doc.token_index_at(nxt.start))
        end, joined = doc.tokens[k - 1].end, joined + 1
    return doc.text[ent.start:end] if joined else None


def _place_subject(doc: Doc, cand: Candidate):
    """The place named first after the cue (its subject when a country speaks), if any."""
    a, b = cand.zone
    if cand.cue_index < 0 or a >= b or a >= len(doc.tokens):
        return None
    ent = doc.entity_at[a]
    return ent if ent is not None and ent.label == "LOC" else None


def _cue_number(doc: Doc, cand: Candidate) -> str:
    """The cue verb's number as written: dual or plural (قالا، أكدوا، تطالبان، مؤكدين), or not."""
    if cand.cue_index < 0:
        return "none"
    f = doc.folded[min(cand.cue_index, len(doc.tokens) - 1)]
    return "plural" if f.endswith(("وا", "ون", "ين", "ان", "تا")) or (f.endswith("ا") and len(f) > 3) else "singular"


def _cue_context(doc: Doc, cand: Candidate, rule: Resolved) -> str:
    """How the cue names its subject: a participle or a bare verb with the subject elided, a
    named subject, or no cue word (headline, interview, continuation)."""
    if cand.cue_index < 0:
        return origin(cand)
    form = lx.cue_form(doc.folded[cand.cue_index])
    how = "participle" if form and form.participle else "present" if form and form.present else "past"
    return f"{how}|{'elided' if not rule.mention else 'named'}"


def _subject_slot(doc: Doc, cue: int, k: int) -> bool:
    return k - cue <= 8 and all(not doc.is_punct(j) and doc.folded[j] not in PREPOSITIONS
                                and doc.folded[j] not in lx.COMPLEMENTISERS for j in range(cue + 1, k))


def _clause_subject(doc: Doc, k: int, cue: int) -> bool:
    """The name stands before the cue in the same clause (X ... أكد), no comma or full stop between."""
    return cue - k <= 12 and all(not doc.is_punct(j) for j in range(k + 1, cue))


def _mention_words(doc: Doc, *mentions: str) -> frozenset[str]:
    """The content words (folded, bare) of how the statement names its speaker; an honorific
    pronoun stands for its titles (سموه → أمير، سمو)."""
    return frozenset().union(*map(_words_of_mention, mentions))


@lru_cache(maxsize=1 << 14)
def _words_of_mention(mention: str) -> frozenset[str]:
    words: set[str] = set()
    for raw in mention.split():
        f = lx.fold(raw)
        words |= lx.HONORIFIC_TITLES.get(f, frozenset())
        f = lx.head_word(f)
        if len(f) > 2 and f not in lx.FUNCTION_WORDS and f not in PREPOSITIONS and f not in lx.COMPLEMENTISERS:
            words.add(lx.bare_word(f))
    return frozenset(words)


DESCRIBED_WINDOW = 60  # people introduced most recently before a statement that a description may mean


def _people_before(doc: Doc, limit: int, *, from_start: bool) -> list:
    """The PER entities starting before `limit`: the last DESCRIBED_WINDOW of them (or, for a
    headline, the first ones of the article), so each statement reads a bounded window and
    the article costs linear time."""
    people, starts = _people(doc)
    n = bisect.bisect_left(starts, limit)
    return people[:min(n, DESCRIBED_WINDOW)] if from_start else people[max(0, n - DESCRIBED_WINDOW):n]


_PEOPLE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _people(doc: Doc) -> tuple[list, list[int]]:
    """The article's PER entities in order, with their starts (listed once per article)."""
    def listed() -> tuple[list, list[int]]:
        people = [e for e in doc.entities if e.label == "PER"]
        return people, [e.start for e in people]
    return per_article(_PEOPLE, doc, listed)


def _described_people(doc: Doc, cand: Candidate, words: frozenset[str]):
    """People introduced, before the statement, with words of the mention (المدير التنفيذي
    لشركة مترو جدة ... أسامة عبده; أمير منطقة مكة المكرمة الأمير خالد الفيصل), best overlap
    first: what a title-only or descriptive mention refers to. Yields (entity, overlap, whether a
    title is among the shared words)."""
    if not words:
        return []
    limit = cand.start if cand.cue_index < 0 else doc.tokens[min(cand.cue_index, len(doc.tokens) - 1)].start
    if cand.cue_index < 0:
        limit = len(doc.text)  # a headline names whom the article introduces after it
    people = _people_before(doc, limit, from_start=cand.cue_index < 0)
    return _best_described(doc, people, words, latest_first=True)[:3]


LATER_PEOPLE = 8  # people named after a statement that a description before them may announce


def _described_later(doc: Doc, cand: Candidate, words: frozenset[str], head: frozenset[str]):
    """People the article names after the cue, introduced with words of the mention, its head
    among them (فيما أكد مستشار قانوني … وقال المستشار القانوني علي الغامدي; not ابنة المعلمة
    … زوج المعلمة X): a description that announces a name given later. Of the first
    LATER_PEOPLE after the cue, the two best, nearest first on a tie."""
    if not words or not head or cand.cue_index < 0:
        return []
    people, starts = _people(doc)
    n = bisect.bisect_right(starts, doc.tokens[min(cand.cue_index, len(doc.tokens) - 1)].start)
    descriptions = _descriptions(doc)
    headed = [e for e in people[n:n + LATER_PEOPLE] if head & _description_of(descriptions, doc, e)]
    return _best_described(doc, headed, words, latest_first=False)[:2]


def _best_described(doc: Doc, people: list, words: frozenset[str], latest_first: bool) -> list:
    """(entity, overlap, titled) of the people whose description shares words with the mention,
    one per name (its best introduction), most shared words first."""
    best: dict[str, tuple[int, bool, int, object]] = {}
    descriptions = _descriptions(doc)
    for ent in people:
        shared = words & _description_of(descriptions, doc, ent)
        if not shared:
            continue
        titled = any(w in lx.TITLES or "ال" + w in lx.TITLES for w in shared)
        key = lx.fold(ent.text)
        if key not in best or (len(shared) >= best[key][0] if latest_first else len(shared) > best[key][0]):
            best[key] = (len(shared), titled, ent.start, ent)
    ranked = sorted(best.values(), key=lambda x: (-x[0], -x[2] if latest_first else x[2]))
    return [(ent, overlap, titled) for overlap, titled, _, ent in ranked]


_DESCRIPTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _descriptions(doc: Doc) -> dict:
    """The descriptions of the article's people read so far (each read once per article)."""
    return per_article(_DESCRIPTIONS, doc, dict)


def _description_of(descriptions: dict, doc: Doc, ent) -> frozenset[str]:
    desc = descriptions.get(ent)
    if desc is None:
        desc = descriptions[ent] = _description(doc, ent)
    return desc


def _description(doc: Doc, ent) -> frozenset[str]:
    """The words introducing a person: those around the name in its sentence, and its titles."""
    k = doc.token_index_at(ent.start)
    end = k
    while end < len(doc.tokens) and doc.tokens[end].start < ent.end:
        end += 1
    around = [j for j in range(max(0, k - DESCRIPTION_TOKENS), min(len(doc.tokens), end + DESCRIPTION_TOKENS))
              if not (k <= j < end) and doc.sentence_of[j] == doc.sentence_of[k]]
    return frozenset({_description_word(doc.folded[j]) for j in around} |
                     {lx.bare_word(lx.fold(w)) for w in ent.text.split()[:-1] if lx.fold(w) in lx.TITLES})


@lru_cache(maxsize=1 << 16)
def _description_word(folded: str) -> str:
    return lx.bare_word(lx.head_word(folded))


@lru_cache(maxsize=1 << 14)
def _recency_words(name: str) -> tuple[str, ...]:
    """The words of a name that tell where the text named it (no titles, function words, heads)."""
    words = {lx.bare_word(lx.fold(w)) for w in name.split()} - lx.FUNCTION_WORDS - lx.TITLES
    return tuple(w for w in words if len(w) > 2 and w not in lx.ORG_HEADS and w not in PREPOSITIONS)


_NAME_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _name_positions(doc: Doc, name: str) -> list[int]:
    """Where the text names a speaker (any of its recency words), in order: read once per
    article and name, as the article's statements ask about the same speakers again."""
    found = per_article(_NAME_POSITIONS, doc, dict)
    positions = found.get(name)
    if positions is None:
        words = _recency_words(name)
        positions = found[name] = doc.word_positions(words[0]) if len(words) == 1 else \
            sorted({k for w in words for k in doc.word_positions(w)})
    return positions


def _add_recency(doc: Doc, resolver: Resolver, cand: Candidate, options: list[SpeakerOption]) -> None:
    """How recently the text named each option before the statement (sentences back, inside a
    statement or not), and which was named last: an elided subject is who the text was just
    about, not always who spoke last (one quoted in an aside breaks the speakers' chain)."""
    if cand.cue_index >= 0:
        here = min(cand.cue_index, len(doc.tokens) - 1)
    else:
        here = doc.token_index_at(cand.start)
    last: dict[int, int] = {}
    for n, option in enumerate(options):
        positions = _name_positions(doc, option.speaker.name)
        if positions and positions[0] < here:
            last[n] = positions[bisect.bisect_left(positions, here) - 1]
    latest = max(last.values(), default=-1)
    for n, option in enumerate(options):
        if n not in last:
            option.features["never_named_before"] = 1.0
            continue
        k = last[n]
        option.features[f"named_sentences_back={min(doc.sentence_of[here] - doc.sentence_of[k], 3)}"] = 1.0
        if resolver.in_statement(k):
            option.features["named_last_in_statement"] = 1.0
        if k == latest:
            option.features["named_latest"] = 1.0


def _add_gender(resolver: Resolver, cand: Candidate, options: list[SpeakerOption]) -> None:
    """Whether the cue's gender (قالت / قال) agrees with the gender the article's other cue verbs
    give the option (قالت لينا … وأضافت): a feminine verb rarely has a man for its subject."""
    if cand.feminine is None:
        return
    history = _history(resolver)
    want = "f" if cand.feminine else "m"
    for option in options:
        votes = history.genders.get(option.speaker.name)
        if not votes:
            continue  # no cue verb gave this name a gender
        counts = dict(votes)
        own = history.gender_at.get((option.speaker.name, cand.cue_index))
        for gender, n in (own or {}).items():
            counts[gender] -= n  # the other cue verbs only, not this statement's own
        counts = {g: n for g, n in counts.items() if n > 0}
        if counts:
            seen = max(counts, key=lambda g: counts[g])
            option.features[f"gender_agrees={seen == want}|{option.speaker.kind}"] = 1.0


def _add_last_spoke(doc: Doc, resolver: Resolver, cand: Candidate, options: list[SpeakerOption]) -> None:
    """How many sentences back each option last spoke (by the rules), in this paragraph or not:
    an elided subject continues a speaker of the same paragraph, not one of long before."""
    if cand.cue_index < 0:
        return
    here = min(cand.cue_index, len(doc.tokens) - 1)
    history = _history(resolver)
    spoke: dict[str, int] = {}
    for option in options:
        cues = history.cues.get(option.speaker.name, [])
        n = bisect.bisect_left(cues, here)
        if n:
            spoke[option.speaker.name] = cues[n - 1]
    latest = max(spoke.values(), default=-1)
    for option in options:
        k = spoke.get(option.speaker.name)
        if k is None:
            continue
        option.features[f"spoke_sentences_back={min(doc.sentence_of[here] - doc.sentence_of[k], 3)}"] = 1.0
        option.features[f"spoke_same_paragraph={doc.paragraph_of[k] == doc.paragraph_of[here]}"] = 1.0
        if k == latest:
            option.features["spoke_latest"] = 1.0


@dataclass
class _SpokenHistory:
    """The rules' speakers indexed once per article: gender votes and cue positions by name."""

    genders: dict[str, dict[str, int]]
    gender_at: dict[tuple[str, int], dict[str, int]]
    cues: dict[str, list[int]]


_HISTORIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _history(resolver: Resolver) -> _SpokenHistory:
    """The index of the resolver's history, rebuilt only when the history has grown."""
    cached = _HISTORIES.get(resolver)
    if cached is not None and cached[0] == len(resolver.history):
        return cached[1]
    genders: dict[str, dict[str, int]] = {}
    gender_at: dict[tuple[str, int], dict[str, int]] = {}
    cues: dict[str, list[int]] = {}
    for res in resolver.history:
        name = res.speaker.name
        if res.gender:
            for table in (genders.setdefault(name, {}), gender_at.setdefault((name, res.cue_index), {})):
                table[res.gender] = table.get(res.gender, 0) + 1
        if res.cue_index >= 0:
            cues.setdefault(name, []).append(res.cue_index)
    index = _SpokenHistory(genders, gender_at, {name: sorted(set(ks)) for name, ks in cues.items()})
    _HISTORIES[resolver] = (len(resolver.history), index)
    return index


SUBJECT_WORDS = 5


def _sentence_subject(doc: Doc, cand: Candidate) -> tuple[str, str] | None:
    """The noun phrase after the verb opening the cue's sentence (وأبدت الصحف الرومانية
    اهتمامها …، منوهة بأن): who a participle or an elided subject later in it refers to,
    for the groups and bodies no tagger names."""
    if cand.cue_index < 0:
        return None
    i = min(cand.cue_index, len(doc.tokens) - 1)
    k = doc.sentence_start(i)
    if i - k > SUBJECT_SCAN_TOKENS:
        return None  # no sentence start within reach: no opening verb to read
    f = doc.folded[k]
    if k >= i - 1 or doc.entity_at[k] is not None or f.startswith("ال") or not (4 <= len(f) <= 7) \
            or f[1:] in PREPOSITIONS or f[1:] in lx.FUNCTION_WORDS \
            or not f.startswith(("و", "ف")) and lx.cue_form(f) is None:
        return None
    end = k + 1
    while end < i and end - k <= SUBJECT_WORDS and not doc.is_punct(end):
        g = doc.folded[end]
        raw = lx.strip_marks(doc.tokens[end].text)
        if g in lx.FUNCTION_WORDS or g in PREPOSITIONS or g in lx.COMPLEMENTISERS or lx.cue_form(g) is not None \
                or (raw.endswith(("ه", "ها", "هم")) and not raw.startswith("ال") and end > k + 1):
            break
        end += 1
    if end == k + 1 or any(e is not None and e.label in ("PER", "ORG") for e in doc.entity_at[k + 1:end]):
        return None  # a named person or body is its own option, without its titles
    return doc.text[doc.tokens[k + 1].start:doc.tokens[end - 1].end], lx.head_word(doc.folded[k + 1])
