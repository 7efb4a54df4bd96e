"""Quote attribution: every statement an Arabic news article attributes, and who said it.

Each stage is candidates -> features -> a decision:
- `candidates` proposes statements (quotations, cue + complementiser content, verbal-noun
  objects, colon speech, according-to, headlines `Name: statement`); in broad mode also those
  of cue words a hand filter turned down;
- `speakers` gives the rules' reading of each statement's speaker (titles, surnames, elided
  subjects), and `mentions` the other plausible speakers around it;
- `features` and `mentions` describe both; the deciders of `learned` (logistic regressions
  learned from the annotated articles, or the rules as they are) keep the statements and
  rank the speakers.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.candidates import CONTINUATION, INTERVIEW, Candidate, Finder
from app.nlp.attribution.document import Doc, strip_span
from app.nlp.attribution.entities import repair
from app.nlp.attribution.features import statement_features
from app.nlp.attribution.formulaic import ruled_out
from app.nlp.attribution.intervals import Reach
from app.nlp.attribution.learned import RULES, Deciders, shipped
from app.nlp.attribution.mentions import PREVIOUS_OPTIONS, SpeakerOption, name_key, speaker_options
from app.nlp.attribution.morphology import plural_noun
from app.nlp.attribution.spans import span_options
from app.nlp.attribution.speakers import Resolver
from app.nlp.attribution.speakers.resolved import Resolved
from app.nlp.attribution.speakers.words import tidy_speaker
from app.nlp.types import Entity, Quote, Sentence, Speaker

__all__ = ["History", "Proposal", "RULES", "decide", "find_quotes", "prepare", "propose"]


@dataclass
class Proposal:
    """A candidate statement with the rules' reading of it and its features."""

    candidate: Candidate
    rule: Resolved  # the rules' speaker, in the fullest form the article gives
    rule_keeps: bool  # the hand rules alone would report it
    features: dict[str, float]
    formulaic: bool = False  # a courtesy or a prayer: never a statement (GUIDELINES), whatever a decider says


def find_quotes(text: str, sentences: Sequence[Sentence], entities: Sequence[Entity],
                deciders: Deciders | None = None) -> list[Quote]:
    deciders = deciders or shipped()
    prepared = prepare(text, sentences, entities)
    if prepared is None:
        return []
    doc, resolver = prepared
    return decide(doc, resolver, propose(doc, resolver, broad=deciders.broad), deciders)


def prepare(text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> tuple[Doc, Resolver] | None:
    doc = Doc.build(text, sentences, entities)
    if not doc.tokens:
        return None
    doc = doc.with_entities(repair(doc))
    return doc, Resolver(doc)


def propose(doc: Doc, resolver: Resolver, broad: bool) -> list[Proposal]:
    """Every candidate statement, resolved by the rules, with its features. In broad mode also
    a statement reported inside another (قال مسؤول إن الوزير أكد أن…), marked nested: the
    rules keep the outer one, the decider weighs both."""
    found = Finder(doc).find(broad=broad)
    accepted = [c for c in found if not c.rejected_by]
    candidates = _dedupe(accepted)
    overlaps = _overlap_test(candidates)
    cut = _cut_before(doc, candidates)
    doubted = [cut(c) for c in found if c.rejected_by]
    extra = _dedupe_doubted([c for c in doubted if c is not None and not overlaps(c)])
    if broad:
        kept = {id(c) for c in candidates}
        extra += _dedupe([replace(c, rejected_by="nested") for c in accepted
                          if id(c) not in kept and c.cue_index >= 0])
    # courtesies, prayers, scripture, laws are no statements, but their subject is who a later مؤكداً means
    formulaic = {id(c) for c in candidates + extra if ruled_out(doc, c)}
    resolver.set_statement_spans([(c.start, c.end) for c in candidates + extra])
    resolved = _resolve_by_rules(resolver, candidates, extra)
    out = []
    for c in candidates + extra:
        r = _fullest(resolver, resolved[id(c)])
        keeps = not c.rejected_by and id(c) not in formulaic and not (r.confidence < 0.25 and c.type != "direct")
        feats = statement_features(doc, c, speaker_kind=r.speaker.kind, speaker_score=r.confidence,
                                   has_mention=bool(r.mention), formulaic=id(c) in formulaic, rule_keeps=keeps)
        out.append(Proposal(c, r, keeps, feats, id(c) in formulaic))
    return out


def decide(doc: Doc, resolver: Resolver, proposals: list[Proposal], deciders: Deciders) -> list[Quote]:
    """Keep the statements the statement decider accepts (the likelier of two overlapping
    ones), then give each the speaker option the speaker decider ranks first."""
    scored = [(deciders.statement.probability(p.features), p) for p in proposals if not p.formulaic]
    kept = [(prob, p) for prob, p in scored if prob >= deciders.statement.threshold]
    kept = _without_overlaps(kept)
    quotes: list[Quote] = []
    history = History(proposals)
    said: set[str] = set()
    for prob, p in sorted(kept, key=lambda x: (x[1].candidate.start, x[1].candidate.end)):
        p = choose_span(doc, p, deciders)
        words = _words_said(doc, p.candidate)
        if words in said and _at_foot(doc, p.candidate):
            continue  # a headline repeated in a link line at the foot is page furniture (GUIDELINES 10)
        said.add(words)
        earlier = history.before(p, FULLER_LOOKBACK)  # nearest first: the options take the first few
        option, speaker_prob = choose_speaker(doc, resolver, p, earlier[:PREVIOUS_OPTIONS], deciders)
        speaker = _written_fuller_before(tidy_speaker(option.speaker), earlier)
        if deciders is RULES:
            confidence = _confidence(p.candidate.confidence, p.rule.confidence)
        else:
            confidence = deciders.confidence(prob * speaker_prob)
        c = p.candidate
        quotes.append(Quote(statement=doc.text[c.start:c.end], start=c.start, end=c.end, type=c.type, cue=c.cue,
                            mention=option.mention, speaker=speaker, confidence=confidence))
    return quotes


FULLER_LOOKBACK = 8  # earlier speakers searched for a fuller writing of a description
# words that make a description another one of its kind (مسؤول تركي آخر), never a fuller writing
OTHER_ONE = frozenset(lx.fold(w) for w in ("آخر", "أخرى", "آخرون", "آخرين", "ثان", "ثاني", "الآخر", "الأخرى"))


def _written_fuller_before(speaker: Speaker, earlier: list[Speaker]) -> Speaker:
    """A source or group described in two words or more that an earlier statement's speaker
    runs on from (ابنة المعلمة → ابنة المعلمة المتوفاة في جامعة تبوك) is that speaker, named
    as the article introduced it. Persons are completed by the resolver's own name chains."""
    if speaker.kind == "person" or len(speaker.name.split()) < 2:
        return speaker
    key = name_key(speaker.name)
    for other in map(tidy_speaker, earlier):
        fuller = name_key(other.name)
        if other.kind == speaker.kind and fuller.startswith(key + " ") \
                and not OTHER_ONE & set(fuller[len(key):].split()):
            return other
    return speaker


def _words_said(doc: Doc, c: Candidate) -> str:
    """A statement's words, folded, without punctuation: two copies of one text are one."""
    return " ".join(lx.fold(w) for w in _WORD.findall(doc.text[c.start:c.end]))


_WORD = re.compile(r"\w+")


def _at_foot(doc: Doc, c: Candidate) -> bool:
    """The statement stands in the article's last line (where a link or tag line repeats the headline)."""
    return doc.paragraph_of[doc.token_index_at(c.start)] == doc.paragraph_of[-1]


# runs of one speaker walked back at most: an article naming only two speakers in turn
# would otherwise be read back to its start from every statement (quadratic time)
HISTORY_STEPS = 64


class History:
    """The rules' speakers of an article's statements in order: what an elided subject may
    refer back to. The rules' answers, not the decided ones, so that learning and deciding see
    the same history; each question is a bisection and a few steps back, not a sort."""

    def __init__(self, proposals: list[Proposal]) -> None:
        # by start; statements starting together, latest first as listed (as a stable sort by -start)
        kept = sorted(((o.candidate.start, -n), o.rule.speaker) for n, o in enumerate(proposals)
                      if o.rule_keeps or (o.candidate.rejected_by and not o.formulaic
                                          and named_outright(o.rule)))
        self.starts = [start for (start, _), _ in kept]
        self.speakers = [speaker for _, speaker in kept]
        # the nearest earlier statement whose speaker has another name: runs of one speaker are skipped at once
        self.other_before: list[int] = []
        for k, speaker in enumerate(self.speakers):
            same = k > 0 and self.speakers[k - 1].name == speaker.name
            self.other_before.append(self.other_before[k - 1] if same else k - 1)

    def before(self, p: Proposal, limit: int | None = None) -> list[Speaker]:
        out: list[Speaker] = []
        names: set[str] = set()
        k = bisect.bisect_left(self.starts, p.candidate.start) - 1
        steps = 0
        while k >= 0 and (limit is None or len(out) < limit) and steps < HISTORY_STEPS:
            steps += 1
            speaker = self.speakers[k]
            if speaker.name not in names:
                out.append(speaker)
                names.add(speaker.name)
            k = self.other_before[k]
        return out


def choose_span(doc: Doc, p: Proposal, deciders: Deciders) -> Proposal:
    """The reading of the statement's span the span decider ranks first (the found one on a tie)."""
    options = span_options(doc, p.candidate)
    if len(options) == 1:
        return p  # a single reading: nothing to rank
    probs = [deciders.span.probability(o.features) for o in options]
    best = max(range(len(options)), key=lambda k: (probs[k], k == 0))
    return p if best == 0 else replace(p, candidate=options[best].candidate)


def choose_speaker(doc: Doc, resolver: Resolver, p: Proposal, previous: list[Speaker],
                   deciders: Deciders) -> tuple[SpeakerOption, float]:
    """The option the speaker decider ranks first (the rules' own on a tie), and its
    probability among the options (a softmax of the ranker's scores: odds over summed odds)."""
    options = speaker_options(doc, resolver, p.candidate, p.rule, previous)
    probs = [deciders.speaker.probability(o.features) for o in options]
    best = max(range(len(options)), key=lambda k: (probs[k], k == 0))
    if deciders is RULES:
        return options[best], probs[best]
    odds = [min(q, 1 - 1e-9) / max(1 - q, 1e-9) for q in probs]
    return options[best], odds[best] / sum(odds)


def _resolve_by_rules(resolver: Resolver, candidates: list[Candidate],
                      extra: list[Candidate]) -> dict[int, Resolved]:
    """The rules' speakers, in the order they need: body statements by cue (with those of the
    cues a filter turned down), then headlines (named by a title the body explains), interview
    answers, and continued quotations."""
    resolved: dict[int, Resolved] = {}
    turned_down = {id(c) for c in extra}
    body = [c for c in candidates + extra if c.cue_index >= 0]
    for c in sorted(body, key=lambda c: (c.cue_index, c.start, id(c) in turned_down)):
        told = len(resolver.history)
        resolved[id(c)] = res = resolver.resolve(c)
        if id(c) in turned_down and not named_outright(res):
            del resolver.history[told:]  # a cue the filters doubt is someone to refer back to only when named
    history = list(resolver.history)
    for c in extra:  # a doubted headline or other statement with no cue: read with no body statement before it
        if c.cue_index < 0:
            resolver.history = []
            resolved[id(c)] = resolver.resolve(c)
    resolver.history = history
    for c in candidates:
        if c.cue_index == -1:
            resolved[id(c)] = resolver.resolve(c)
    answers = [c for c in candidates if c.cue_index == INTERVIEW]
    if answers:
        interviewee = resolver.interviewee()
        for c in answers:
            resolved[id(c)] = interviewee
    for c in sorted((c for c in candidates if c.cue_index == CONTINUATION), key=lambda c: c.start):
        earlier = [o for o in candidates if o.start < c.start and id(o) in resolved]
        if earlier:
            prev = resolved[id(max(earlier, key=lambda o: o.start))]
            resolved[id(c)] = Resolved(prev.speaker, "", min(prev.confidence, 0.7), prev.gender, prev.description)
        else:
            resolved[id(c)] = Resolved(Speaker("مصدر غير محدد", "unnamed"), "", 0.2)
    return resolved


def named_outright(res: Resolved) -> bool:
    """A speaker named where the cue is (a person or body in its zone, or a group: قدر مختصون),
    not inferred."""
    return bool(res.mention) and (res.confidence >= 0.85 and res.speaker.kind in ("person", "organization")
                                  or res.confidence >= 0.7 and res.speaker.kind == "group")


def _fullest(resolver: Resolver, r: Resolved) -> Resolved:
    """A body or person in the fullest form the article gives; one plural word is a group."""
    if r.speaker.kind == "organization":
        full = resolver.fullest_body(r.speaker.name)
        if full != r.speaker.name:
            return Resolved(Speaker(full, "organization", (r.speaker.name,)), r.mention, r.confidence)
    elif r.speaker.kind == "person" and _collective(r.speaker.name):
        return Resolved(Speaker(r.speaker.name, "group"), r.mention, r.confidence)
    elif r.speaker.kind == "person":
        full = resolver.fullest_person(r.speaker.name)  # a surname resolved before the full name was seen
        if full != r.speaker.name:
            return Resolved(Speaker(full, "person", tuple(dict.fromkeys((*r.speaker.aliases, r.speaker.name)))),
                            r.mention, r.confidence)
    return r


def _overlap_test(spans: list[Candidate]) -> Callable[[Candidate], bool]:
    """Whether a candidate overlaps any of the spans (a bisection, not a scan of every span)."""
    reach = Reach((o.start, o.end) for o in spans)
    return lambda c: reach.overlaps(c.start, c.end)


MIN_CUT_CHARS = 10  # what is left of a doubted candidate cut short must still say something


def _cut_before(doc: Doc, accepted: list[Candidate]) -> Callable[[Candidate], Candidate | None]:
    """A doubted candidate that runs on into a statement the rules accept ends where that
    statement's cue (or, without one, the statement) begins: `وطالب المديفر بتوفير …
    مشدداً على ضرورة …` is two statements, not one swallowing the other."""
    starts = sorted((c.start, _opening(doc, c)) for c in accepted)
    keys = [start for start, _ in starts]

    def cut(c: Candidate) -> Candidate | None:
        n = bisect.bisect_right(keys, c.start)
        if n == len(starts) or starts[n][0] >= c.end:
            return c  # no accepted statement starts inside it
        end = min(starts[n][1], starts[n][0])
        if end <= c.start:
            return c
        s, e = strip_span(doc.text, c.start, end)
        return replace(c, start=s, end=e) if e - s >= MIN_CUT_CHARS else None
    return cut


def _opening(doc: Doc, c: Candidate) -> int:
    """Where a statement's attribution begins: its cue word when the cue comes first."""
    if 0 <= c.cue_index < len(doc.tokens):
        return min(doc.tokens[c.cue_index].start, c.start)
    return c.start


def _without_overlaps(kept: list[tuple[float, Proposal]]) -> list[tuple[float, Proposal]]:
    out: list[tuple[float, Proposal]] = []
    taken: list[tuple[int, int]] = []  # the spans kept: disjoint, so by start their ends ascend too
    for prob, p in sorted(kept, key=lambda x: (-x[0], x[1].candidate.start)):
        c = p.candidate
        n = bisect.bisect_left(taken, (c.end,))  # the kept spans starting before c ends
        if not (n and taken[n - 1][1] > c.start):
            bisect.insort(taken, (c.start, c.end))
            out.append((prob, p))
    return out


# The stages score evidence on an ordinal scale (a named entity beats a title, which beats an
# elided subject, which beats a guess). These bands turn the scores into probabilities: they
# were read off dev (share of right speakers per score band, docs/attribution.md) and are
# deliberately coarse so they carry over to unseen articles.
SPEAKER_BANDS = ((0.85, 0.95), (0.7, 0.9), (0.65, 0.85), (0.5, 0.7), (0.3, 0.4), (0.0, 0.15))
STATEMENT_BANDS = ((0.8, 0.96), (0.7, 0.92), (0.6, 0.85), (0.0, 0.6))


def _band(score: float, bands: tuple[tuple[float, float], ...]) -> float:
    return next(p for floor, p in bands if score >= floor - 1e-9)


def _confidence(statement: float, speaker: float) -> float:
    """P(statement right) × P(speaker right), each read from its evidence score."""
    return round(_band(statement, STATEMENT_BANDS) * _band(speaker, SPEAKER_BANDS), 3)


def _collective(name: str) -> bool:
    """الحوثيون، المتظاهرين، سياسيون: one plural word is a group, not a person."""
    words = name.split()
    return len(words) == 1 and plural_noun(lx.fold(words[0]))


def _dedupe_doubted(cands: list[Candidate]) -> list[Candidate]:
    """Doubted candidates, one per stretch of text: one whose cue passed its filters and only
    its frame was relaxed (أعلنت إدارة نادي الشباب عن توقيع) goes before one whose cue word a
    filter doubts (نادي, the club) that covers it."""
    firm = _dedupe([c for c in cands if c.rejected_by.endswith("|accepted")])
    covered = _overlap_test(firm)
    rest = _dedupe([c for c in cands if not c.rejected_by.endswith("|accepted") and not covered(c)])
    return sorted(firm + rest, key=lambda c: (c.start, c.end))


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per span; a candidate nested in a longer one is part of it."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    reach = -1  # every kept candidate starts at or before c: c is nested in one iff one reaches its end
    for c in cands:
        if c.end <= reach:
            continue
        out.append(c)
        reach = max(reach, c.end)
    return out
