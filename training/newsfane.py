"""NewsFANE (ANERcorp's text re-annotated with 50 fine classes) mapped to PER/LOC/ORG/MISC.

NewsFANE holds ANERcorp's test text too, in another order and partly respelt, so each
NewsFANE sentence is compared with the excluded ANERcorp text (its test part and the
held-out dev tail) by letter 20-grams and left out when most of them occur there.
"""
from __future__ import annotations

import re
from pathlib import Path

from training.corpora import Sentence, read_conll

NEWSFANE_FILE = Path("newsfane") / "NewsFANE_Gold_2014_170K.txt"

# Fine classes as ANERcorp's coarse scheme would tag them; None means "not an entity" there.
FINE_TO_COARSE: dict[str, str | None] = {
    **dict.fromkeys(["Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Engineer", "Police"], "PER"),
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "County-or-District",
                     "Continent", "Water-Body", "Land-Region-Natural", "Land", "Celestial"], "LOC"),
    **dict.fromkeys(["Non-Governmental", "Sports", "Government", "Media", "Commercial", "Educational",
                     "Medical-Science", "Entertainment", "Religious_ORG"], "ORG"),
    **dict.fromkeys(["Book", "Movie", "Software", "Hardware", "Projectile", "Shooting", "Air", "Water",
                     "Food", "Drug", "Plant", "Building-Grounds", "Airport", "Path", "Subarea-Facility"], "MISC"),
    "Group": None,
}
_NON_LETTER = re.compile(r"[^\w]|_|\d")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def letters(tokens: list[str]) -> str:
    """Letters only, alef/ya/ta-marbuta folded: equal for both corpora's spelling of one text."""
    return _NON_LETTER.sub("", "".join(tokens)).translate(_FOLD)


def _shingles(text: str, size: int = 20) -> set[str]:
    return {text[i : i + size] for i in range(0, max(1, len(text) - size + 1))}


def overlaps(sentence: Sentence, excluded: set[str]) -> bool:
    """Whether most of the sentence's letter 20-grams occur in the excluded text."""
    grams = _shingles(letters([t for t, _ in sentence]))
    return len(grams & excluded) > 0.3 * len(grams)


def newsfane_training_sentences(corpora: Path, exclude: list[Sentence]) -> list[Sentence]:
    """NewsFANE without the sentences that re-annotate `exclude` or ANERcorp's test text."""
    test = read_conll(corpora / "anercorp" / "test.txt")
    excluded = _shingles(letters([t for s in exclude + test for t, _ in s]))
    sentences = read_conll(corpora / NEWSFANE_FILE, sep="\t", types=FINE_TO_COARSE)
    return [s for s in sentences if not overlaps(s, excluded)]
