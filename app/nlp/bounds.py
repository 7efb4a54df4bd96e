"""What a name, a mention and an entity may be, so that every analysis can be stored and served.

The tagger and the attribution take whatever the text holds: `محمد` stretched by 600 tatweels,
or a 100,000-letter run tagged as a person. A name is written without tatweel and invisible
formatting characters, and is at most `NAME_MAX_CHARS` long (the longest speaker name in the
annotated data is under 60 characters, the longest mention under 120). Storage holds 500
characters (app/models.py), more than any bound here, also once NFKC normalisation has
expanded a ligature.
"""
from __future__ import annotations

import re
from dataclasses import replace

from app.nlp.arabic import TATWEEL, normalize, strip_format
from app.nlp.types import Analysis, Quote, Speaker

NAME_MAX_CHARS = 200
MENTION_MAX_CHARS = 300
ENTITY_MAX_CHARS = 200
UNNAMED = Speaker("مصدر غير محدد", "unnamed")

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Without tatweel and format characters (zero-width joiners, bidi marks), spaces collapsed."""
    return _SPACES.sub(" ", strip_format(text).replace(TATWEEL, "")).strip()


def bounded(text: str, limit: int) -> str:
    """The cleaned text's first whole words that fit in `limit` characters, written and
    normalised; a first word longer than that is cut."""
    cleaned = clean(text)
    if len(cleaned) <= limit and len(normalize(cleaned)) <= limit:
        return cleaned  # the common case: it fits whole, no word-by-word search
    words = cleaned.split(" ")
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if len(longer) > limit or len(normalize(longer)) > limit:
            break
        kept = longer
    if kept or not words[0]:
        return kept
    cut = words[0][:limit]
    while len(normalize(cut)) > limit:  # NFKC expands a ligature (ﷺ is 18 letters)
        cut = cut[:-1]
    return cut


def bounded_speaker(speaker: Speaker) -> Speaker:
    name = bounded(speaker.name, NAME_MAX_CHARS)
    if not name:
        return UNNAMED
    aliases = tuple(dict.fromkeys(a for alias in speaker.aliases if (a := bounded(alias, NAME_MAX_CHARS)) and a != name))
    return Speaker(name, speaker.kind, aliases)


def bounded_analysis(analysis: Analysis) -> Analysis:
    """The analysis with every name and mention bounded; an entity longer than any name is
    the tagger running over a run of text, and is left out."""
    entities = tuple(e for e in analysis.entities if len(e.text) <= ENTITY_MAX_CHARS)
    quotes = tuple(_bounded_quote(q) for q in analysis.quotes)
    return replace(analysis, entities=entities, quotes=quotes)


def _bounded_quote(quote: Quote) -> Quote:
    return replace(quote, speaker=bounded_speaker(quote.speaker), mention=bounded(quote.mention, MENTION_MAX_CHARS))

