"""Compare ways to find an Arabic-script name from a Latin spelling: recall@1 and recall@5 on
the name-pair list (`tests/nlp/name_pairs.py`) among the true names and namesakes built from
their parts, and time per query. Prints one row per method.

    python scripts/compare_name_matchers.py          # needs the dev extras: unidecode, jellyfish

Every method but the last ranks by a similarity computed against each stored name (it cannot
use an index); the last is `app/nlp/names.py`, whose skeleton keys an index can look up.
"""
from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import jellyfish  # noqa: E402
from anyascii import anyascii  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from unidecode import unidecode  # noqa: E402

from app.nlp.names import NameQuery, split_title  # noqa: E402
from tests.nlp.name_pairs import NAME_PAIRS, distractors  # noqa: E402

Scorer = Callable[[str], Callable[[str], float]]


def consonants(text: str) -> str:
    return re.sub(r"[aeiouy\W_]", "", text.lower())


METHODS: dict[str, Scorer] = {
    "unidecode, consonants, rapidfuzz.ratio":
        lambda q: lambda n: fuzz.ratio(consonants(unidecode(q)), consonants(unidecode(n))),
    "anyascii, consonants, rapidfuzz.ratio":
        lambda q: lambda n: fuzz.ratio(consonants(anyascii(q)), consonants(anyascii(n))),
    "anyascii, rapidfuzz.WRatio": lambda q: lambda n: fuzz.WRatio(q.lower(), anyascii(n)),
    "anyascii, jellyfish.metaphone, ratio":
        lambda q: lambda n: fuzz.ratio(jellyfish.metaphone(anyascii(q)), jellyfish.metaphone(anyascii(n))),
    "skeleton keys + rapidfuzz (app/nlp/names.py)": lambda q: NameQuery.of(q).score,
}


def main() -> None:
    pool = [split_title(arabic).name for _, arabic in NAME_PAIRS] + distractors()
    print(f"{len(NAME_PAIRS)} Latin spellings, {len(pool)} stored names")
    print(f"{'method':<46} {'recall@1':>8} {'recall@5':>8} {'ms/query':>8}")
    for label, make in METHODS.items():
        at1 = at5 = 0
        started = time.perf_counter()
        for latin, arabic in NAME_PAIRS:
            score = make(latin)
            ranked = sorted(pool, key=lambda name: -score(name))
            wanted = split_title(arabic).name
            at1 += ranked[0] == wanted
            at5 += wanted in ranked[:5]
        ms = (time.perf_counter() - started) * 1000 / len(NAME_PAIRS)
        print(f"{label:<46} {at1 / len(NAME_PAIRS):>8.2f} {at5 / len(NAME_PAIRS):>8.2f} {ms:>8.1f}")


if __name__ == "__main__":
    main()
