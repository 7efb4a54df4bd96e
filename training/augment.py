"""Mention replacement: extra copies of ANERcorp's training sentences with names from gazetteers.

Why: most names in the test sets never occur in training, and a fifth of the test entities'
words are outside the word vectors, so the tagger has to recognise a name from its context and
spelling rather than remember it. Swapping a PER, LOC or ORG mention for another name of the
same type (the ANERGazet gazetteers, `corpora/gazetteers`) keeps the context and shows it with
names the corpora lack. `training.train_ner --gazetteer-copies N` measures whether it helps.

Only training sentences are augmented: the caller passes ANERcorp's training part, never its
dev tail nor a test file. Tags stay BIO, as the corpora are read (Stanza converts to BIOES).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from app.nlp.ner import tag_spans
from app.nlp.tokenize import model_text
from training.corpora import Sentence

GAZETTEER_FILES = {"PER": "AlignedPersGazetteer.txt", "LOC": "AlignedLocGazetteer.txt",
                   "ORG": "AlignedOrgGazetteer.txt"}
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

Gazetteers = dict[str, list[tuple[str, ...]]]


def read_gazetteers(directory: Path) -> Gazetteers:
    """Entries per type as token tuples, in file order without repeats; lines that are not
    Arabic words (the files' `====` and `****` separators, blank lines) are skipped."""
    gazetteers: Gazetteers = {}
    for kind, name in GAZETTEER_FILES.items():
        entries: dict[tuple[str, ...], None] = {}
        for line in (directory / name).read_text(encoding="utf-8-sig").splitlines():
            tokens = tuple(model_text(token) for token in line.split())
            if tokens and all(_ARABIC_LETTER.search(token) for token in tokens):
                entries[tokens] = None
        gazetteers[kind] = list(entries)
    return gazetteers


def replace_mentions(sentence: Sentence, gazetteers: Gazetteers, rng: random.Random,
                     probability: float = 0.5) -> Sentence:
    """A copy of the sentence in which each entity of a gazetteer's type is, with `probability`,
    replaced by a random entry of that type (tagged B-, I-, I-...); other tokens are kept."""
    spans = {first: (last, kind) for first, last, kind in tag_spans([tag for _, tag in sentence])}
    result: Sentence = []
    i = 0
    while i < len(sentence):
        if i not in spans:
            result.append(sentence[i])
            i += 1
            continue
        last, kind = spans[i]
        if kind in gazetteers and rng.random() < probability:
            entry = rng.choice(gazetteers[kind])
            result += [(token, f"{'B' if j == 0 else 'I'}-{kind}") for j, token in enumerate(entry)]
        else:
            result += sentence[i : last + 1]
        i = last + 1
    return result


def augmented_copies(sentences: list[Sentence], gazetteers: Gazetteers, copies: int,
                     seed: int) -> list[Sentence]:
    """`copies` augmented copies of `sentences` (all of them, in order), reproducible from `seed`."""
    rng = random.Random(seed)
    return [replace_mentions(sentence, gazetteers, rng) for _ in range(copies) for sentence in sentences]
