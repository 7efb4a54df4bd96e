"""Read the public NER corpora and map them to one tag set (PER, LOC, ORG, MISC), BIO.

Test text is never returned for training: `anercorp/test.txt`, `aqmar/test.txt`, and the
part of NewsFANE that re-annotates ANERcorp's test text (see `newsfane_sentences`).
"""
from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.nlp.tokenize import model_text

Sentence = list[tuple[str, str]]  # (token, BIO tag)

# The team's evaluation data and corpora, beside the clone (not public); SHARED_DIR moves it.
SHARED = Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
DEFAULT_CORPORA = SHARED / "corpora"
_COARSE = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "MIS": "MISC"}


def map_tag(tag: str, types: dict[str, str | None] = _COARSE) -> str:
    """`B-PERS` -> `B-PER`; unknown or unmapped types become `O`."""
    if "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    mapped = types.get(kind.strip("-"))
    if prefix not in ("B", "I") or mapped is None:
        return "O"
    return f"{prefix}-{mapped}"


def read_conll(path: Path, sep: str | None = None, types: dict[str, str | None] = _COARSE) -> list[Sentence]:
    """One `token TAG` a line, blank line between sentences."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip().replace("\u200e", "").replace("\u200f", "")
        if not line:
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rpartition(sep or " ")
        if token:
            current.append((model_text(token), map_tag(tag.strip(), types)))
    if current:
        sentences.append(current)
    return sentences


def anercorp(corpora: Path, split: str) -> list[Sentence]:
    return read_conll(corpora / "anercorp" / f"{split}.txt")


def aqmar(corpora: Path, split: str) -> list[Sentence]:
    return read_conll(corpora / "aqmar" / f"{split}.txt")


def split_off_tail(sentences: list[Sentence], fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """The last `fraction` of the sentences (contiguous text) as a held-out dev part."""
    cut = len(sentences) - max(1, int(len(sentences) * fraction))
    return sentences[:cut], sentences[cut:]


def write_stanza_json(sentences: Iterable[Sentence], path: Path) -> int:
    """Stanza's NER trainer reads a JSON list of sentences of {"text", "ner"} words."""
    data = [[{"text": token, "ner": tag} for token, tag in sentence] for sentence in sentences]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return len(data)


def raw_text_sentences(corpora: Path) -> Iterator[list[str]]:
    """Token lists of the training corpora's text (never their test splits), for word vectors."""
    for sentence in anercorp(corpora, "train") + aqmar(corpora, "train") + aqmar(corpora, "dev"):
        yield [token for token, _ in sentence]


def news_articles(corpora: Path) -> Iterator[dict]:
    """SaudiNewsNet's raw articles (dicts with `title` and `content`), in a fixed order."""
    for archive in sorted((corpora / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in sorted(zf.namelist()):
                yield from json.loads(zf.read(name))
