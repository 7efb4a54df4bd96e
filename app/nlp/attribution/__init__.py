"""Quote attribution: every statement an Arabic news article attributes, and who said it.

Stages: `candidates` finds statements (quotations, cue + complementiser content, verbal-noun
objects, colon speech, according-to, headlines `Name: statement`) and rejects scare quotes
and narration; `speakers` resolves each statement's speaker through the article. The
confidence of a quote combines how sure the statement is and how sure the speaker is
(low where the speaker was guessed from context).
"""
from __future__ import annotations

from collections.abc import Sequence

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.candidates import CONTINUATION, INTERVIEW, Candidate, Finder
from app.nlp.attribution.document import Doc
from app.nlp.attribution.entities import repair
from app.nlp.attribution.morphology import plural_noun
from app.nlp.attribution.speakers import Resolved, Resolver
from app.nlp.types import Entity, Quote, Sentence, Speaker

__all__ = ["find_quotes"]


def find_quotes(text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> list[Quote]:
    doc = Doc.build(text, sentences, entities)
    if not doc.tokens:
        return []
    doc = Doc.build(text, sentences, repair(doc))
    candidates = _dedupe(Finder(doc).find())
    # courtesies and prayers are no statements, but their subject is who a later مؤكداً means
    formulaic = {id(c) for c in candidates if _courtesy(doc, c) or _prayer(doc, c)}
    resolver = Resolver(doc)
    resolver.set_statement_spans([(c.start, c.end) for c in candidates])
    # headlines name their speaker by a title the body explains: resolve them last
    body = [c for c in candidates if c.cue_index >= 0]
    heads = [c for c in candidates if c.cue_index == -1]
    answers = [c for c in candidates if c.cue_index == INTERVIEW]
    resolved = {}
    for c in sorted(body, key=lambda c: (c.cue_index, c.start)):
        resolved[id(c)] = resolver.resolve(c)
    for c in heads:
        resolved[id(c)] = resolver.resolve(c)
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
    quotes = []
    for c in candidates:
        r = resolved[id(c)]
        if id(c) in formulaic:
            continue
        if r.confidence < 0.25 and c.type != "direct":
            continue  # content with nobody to say it: narration, not a quote
        if r.speaker.kind == "organization":
            full = resolver.fullest_body(r.speaker.name)
            if full != r.speaker.name:
                r = Resolved(Speaker(full, "organization", (r.speaker.name,)), r.mention, r.confidence)
        elif r.speaker.kind == "person" and _collective(r.speaker.name):
            r = Resolved(Speaker(r.speaker.name, "group"), r.mention, r.confidence)
        elif r.speaker.kind == "person":
            full = resolver.fullest_person(r.speaker.name)  # a surname resolved before the full name was seen
            if full != r.speaker.name:
                r = Resolved(Speaker(full, "person", tuple(dict.fromkeys((*r.speaker.aliases, r.speaker.name)))),
                             r.mention, r.confidence)
        quotes.append(Quote(
            statement=text[c.start:c.end], start=c.start, end=c.end, type=c.type, cue=c.cue,
            mention=r.mention, speaker=r.speaker, confidence=_confidence(c.confidence, r.confidence),
        ))
    return sorted(quotes, key=lambda q: (q.start, q.end))


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


def _courtesy(doc: Doc, c: Candidate) -> bool:
    """أعرب عن شكره وتقديره لـ…، نقل تعازيه: thanks, congratulations and condolences are
    formulaic courtesies, not statements (GUIDELINES: what is not a quote)."""
    if c.type == "direct":
        return False
    words = doc.text[c.start:c.end].split()
    return bool(words) and lx.courtesy_noun(words[0])


def _prayer(doc: Doc, c: Candidate) -> bool:
    """داعيا المولى أن يحفظ…، ودعا الله أن…: a prayer, not a statement (GUIDELINES)."""
    return c.cue == "دعا" and c.cue_index >= 0 and \
        any(f in lx.GOD for f in doc.folded[c.cue_index + 1:c.cue_index + 3])


def _collective(name: str) -> bool:
    """الحوثيون، المتظاهرين، سياسيون: one plural word is a group, not a person."""
    words = name.split()
    return len(words) == 1 and plural_noun(lx.fold(words[0]))


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
