"""Labelled articles for learning attribution: the gold sets with their NER entities.

Tagging 218 articles takes minutes on two cores, so the entities are cached (keyed by the
article's text hash and the NER model file) under `training/work/attribution/`; every
experiment after the first reads them back in a second.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from app.nlp.tokenize import split_sentences
from app.nlp.types import Entity, Sentence
from training.corpora import SHARED

REPO = Path(__file__).resolve().parent.parent
GOLD_FILES = (SHARED / "eval" / "train.jsonl", SHARED / "eval" / "dev.jsonl")
CACHE = REPO / "training" / "work" / "attribution" / "entities.jsonl"


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    quotes: tuple[dict, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    @property
    def outlet(self) -> str:
        """The fold of leave-one-outlet-out: the id's part before the number (`okaz_012`)."""
        return self.id.rsplit("_", 1)[0]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _key(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def load_articles(paths: tuple[Path, ...] = GOLD_FILES, cache: Path = CACHE) -> list[Article]:
    """Every gold article with its sentences and entities (tagged once, then cached)."""
    from app.config import Settings

    rows = [row for path in paths for row in read_jsonl(path)]
    model = str(Settings().ner_model_path or "bundled")
    cached: dict[str, list] = {}
    if cache.exists():
        cached = {r["key"]: r["entities"] for r in read_jsonl(cache)}
    sentences = [tuple(split_sentences(r["text"])) for r in rows]
    missing = [i for i, r in enumerate(rows) if _key(r["text"], model) not in cached]
    if missing:
        from app.main import load_pipeline

        tagger = load_pipeline(Settings()).tagger
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("a", encoding="utf-8") as f:
            for n in range(0, len(missing), 8):
                chunk = missing[n:n + 8]
                for i, ents in zip(chunk, tagger.tag_many([sentences[i] for i in chunk]), strict=True):
                    key = _key(rows[i]["text"], model)
                    cached[key] = [[e.text, e.label, e.start, e.end] for e in ents]
                    f.write(json.dumps({"key": key, "entities": cached[key]}, ensure_ascii=False) + "\n")
    return [Article(r["id"], r["text"], tuple(r["quotes"]), sentences[i],
                    tuple(Entity(*e) for e in cached[_key(r["text"], model)]))
            for i, r in enumerate(rows)]
