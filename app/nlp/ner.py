"""Offline Arabic NER: the project's own Stanza model, loaded through Stanza's `Pipeline`.

The bundled model (models/ner/, trained by `python -m training.train_ner`) loads with no
network. Stanza is fed our own tokens (`tokenize_pretokenized=True`) because the model must
see the tokenization it was trained on, and entity spans map back to character offsets
through the tokens. Sentences of many documents are tagged together for throughput.
`StanzaTagger` tags through the `Pipeline` (`NER_TAGGER=pipeline`); the service's default,
`ner_direct.DirectTagger`, feeds the same loaded model without it, with the same tags.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from app.nlp.tokenize import model_text
from app.nlp.types import Entity, EntityLabel, Sentence, Token

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "ner"
MODEL_FILE = MODEL_DIR / "ar_project_nertagger.pt"
PRETRAIN_FILE = MODEL_DIR / "ar_project.pretrain.pt"
# Character language models, next to a model trained with them (`training.charlm`).
CHARLM_FILES = ("ar_project_forward_charlm.pt", "ar_project_backward_charlm.pt")
DEFAULT_BATCH_SIZE = 64  # measured on an idle core: 64 beats 256 by 12% (docs/model-card.md)
# Sentences handed to Stanza per call: bounds memory on very large inputs.
_CHUNK_SENTENCES = 2048
# Per call when progress is reported, so a progress bar moves often: one batch at the default
# size. Measured on 100 news articles: CPU time 11.0-11.9 s with 64, 256 or 2048 per call alike.
_PROGRESS_SENTENCES = 64
_LABELS: dict[str, EntityLabel] = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "GPE": "LOC",
                                   "ORG": "ORG", "MISC": "MISC", "MIS": "MISC"}


class NerModelError(RuntimeError):
    """The NER model cannot be loaded or would not tag correctly; the message says why."""


class StanzaTagger:
    """Tags sentences with a Stanza NER model; see `load`."""

    def __init__(self, nlp, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.nlp = nlp  # the stanza.Pipeline
        self.batch_size = batch_size

    @classmethod
    def load(cls, *, model_path: Path | None = None, pretrain_path: Path | None = None, official: bool = False,
             official_dir: Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> StanzaTagger:
        """The bundled model by default; `model_path` (+ `pretrain_path`) for another one;
        `official=True` for Stanza's official Arabic models from its resources directory."""
        return cls(load_stanza_pipeline(model_path=model_path, pretrain_path=pretrain_path, official=official,
                                        official_dir=official_dir, batch_size=batch_size), batch_size)

    def tag_many(self, documents: Sequence[Sequence[Sentence]], *,
                 progress: Callable[[int, int], None] | None = None) -> list[tuple[Entity, ...]]:
        """Entities of each document, with offsets into its text; `progress(done, total)` is
        told the sentences tagged so far."""
        return tag_documents(self.tag_tokens, documents, progress=progress)

    def tag_tokens(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIOES tags for pre-tokenized sentences (the evaluation uses this directly).

        Stanza batches sentences in the order given, so they are sent sorted by length."""
        if not sentences:
            return []
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        document = self.nlp([list(sentences[i]) for i in order])
        tags: list[list[str]] = [[] for _ in sentences]
        for i, sentence in zip(order, document.sentences, strict=True):
            tags[i] = [token.ner for token in sentence.tokens]
        return tags


def load_stanza_pipeline(*, model_path: Path | None = None, pretrain_path: Path | None = None,
                         official: bool = False, official_dir: Path | None = None,
                         batch_size: int = DEFAULT_BATCH_SIZE):
    """A `stanza.Pipeline` (pre-tokenized input, NER) with the bundled model, another one, or
    Stanza's official Arabic models."""
    if official:
        return _official_pipeline(official_dir, batch_size)
    if model_path is None:
        model_path, pretrain_path = MODEL_FILE, pretrain_path or PRETRAIN_FILE
    return _local_pipeline(Path(model_path), pretrain_path and Path(pretrain_path), batch_size)


def tag_documents(tag_tokens: Callable[[Sequence[Sequence[str]]], list[list[str]]],
                  documents: Sequence[Sequence[Sentence]], *,
                  progress: Callable[[int, int], None] | None = None) -> list[tuple[Entity, ...]]:
    """Entities of each document through a tagger's `tag_tokens`, with offsets into its text;
    `progress(done, total)` is told the sentences tagged so far.

    Sentences of all documents are sorted by length before batching, so a batch holds
    sentences of similar length and little padding is computed."""
    flat = sorted(((doc_index, sentence) for doc_index, sentences in enumerate(documents)
                   for sentence in sentences if sentence.tokens), key=lambda item: len(item[1].tokens))
    found: list[list[Entity]] = [[] for _ in documents]
    per_call = _CHUNK_SENTENCES if progress is None else _PROGRESS_SENTENCES
    for start in range(0, len(flat), per_call):
        chunk = flat[start : start + per_call]
        tags = tag_tokens([[model_text(t.text) for t in sentence.tokens] for _, sentence in chunk])
        for (doc_index, sentence), sentence_tags in zip(chunk, tags, strict=True):
            found[doc_index].extend(entities_from_tags(sentence.tokens, sentence_tags))
        if progress is not None:
            progress(start + len(chunk), len(flat))
    return [tuple(sorted(entities, key=lambda e: e.start)) for entities in found]


def entities_from_tags(tokens: Sequence[Token], tags: Sequence[str]) -> Iterator[Entity]:
    """Decode BIO/BIOES tags into entities spanning from the first token's start to the last one's end."""
    for first, last, kind in tag_spans(tags):
        label = _LABELS.get(kind)
        if label is not None:
            yield Entity(_span_text(tokens[first : last + 1]), label, tokens[first].start, tokens[last].end)


def tag_spans(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(first, last, type) token spans; a stray I-/E- opens a new span, as seqeval does."""
    open_at, open_kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix in ("I", "E") and open_kind == kind
        if open_kind is not None and not continues:
            yield open_at, i - 1, open_kind
            open_at, open_kind = None, None
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            open_at, open_kind = i, kind
        if prefix in ("E", "S") and open_kind is not None:
            yield open_at, i, open_kind
            open_at, open_kind = None, None


def _span_text(tokens: Sequence[Token]) -> str:
    """The span's text, with the gaps between tokens (whitespace in the original) as spaces."""
    parts = [tokens[0].text]
    for previous, token in zip(tokens, tokens[1:]):
        parts.append(" " * (token.start - previous.end) + token.text)
    return "".join(parts)


def _local_pipeline(model_path: Path, pretrain_path: Path | None, batch_size: int):
    charlms = _check_model_files(model_path, pretrain_path)
    import stanza

    if charlms:
        charlm_paths = {"ner_forward_charlm_path": str(charlms[0]), "ner_backward_charlm_path": str(charlms[1])}
    else:
        charlm_paths = {}
    try:
        with _unknown_language_notice_silenced():
            nlp = stanza.Pipeline(
                lang="ar", processors="tokenize,ner", tokenize_pretokenized=True,
                ner_model_path=str(model_path), ner_pretrain_path=str(pretrain_path) if pretrain_path else None,
                ner_batch_size=batch_size, download_method=None, allow_unknown_language=True,
                dir=str(MODEL_DIR), logging_level="WARN", use_gpu=False, **charlm_paths,
            )
    except Exception as error:  # Stanza raises many kinds; the service needs one clear message
        raise NerModelError(f"cannot load the NER model {model_path}: {error}") from error
    log.info("loaded NER model %s (pretrain %s)", model_path, pretrain_path)
    return nlp


class _UnknownLanguageNotice(logging.Filter):
    """Drops Stanza's "Trying to create pipeline for unsupported language: ar": it says that no
    official resources are listed for the pipeline, which is the point of loading our own model
    (`allow_unknown_language=True`), yet it printed a WARNING at every start. Nothing else is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Trying to create pipeline for unsupported language")


@contextmanager
def _unknown_language_notice_silenced() -> Iterator[None]:
    stanza_log, notice = logging.getLogger("stanza"), _UnknownLanguageNotice()
    stanza_log.addFilter(notice)
    try:
        yield
    finally:
        stanza_log.removeFilter(notice)


def _check_model_files(model_path: Path, pretrain_path: Path | None) -> tuple[Path, Path] | None:
    """A model trained with word vectors but loaded without them tags garbage silently: refuse.
    Returns the character language models the model was trained with, if any (they lie next
    to it, named as `training.package` stores them)."""
    import torch

    if not model_path.is_file():
        raise NerModelError(f"NER model file not found: {model_path}")
    try:
        checkpoint = torch.load(model_path, map_location="cpu", weights_only=True)
        config, vocab = checkpoint["config"], checkpoint["vocab"]
    except Exception as error:
        raise NerModelError(f"{model_path} is not a Stanza NER model: {error}") from error
    charlms = None
    if config.get("charlm"):
        charlms = tuple(model_path.parent / name for name in CHARLM_FILES)
        if missing := [str(path) for path in charlms if not path.is_file()]:
            raise NerModelError(f"NER model {model_path} was trained with character language models: "
                                f"missing {', '.join(missing)}")
    if not (config.get("pretrain", True) and config.get("word_emb_dim", 0) > 0):
        return charlms
    if pretrain_path is None or not pretrain_path.is_file():
        raise NerModelError(f"NER model {model_path} was trained with word vectors: "
                            f"its pretrain file is required (got {pretrain_path})")
    try:
        pretrain = torch.load(pretrain_path, map_location="cpu", weights_only=True)
        rows, dim = pretrain["emb"].shape
    except Exception as error:
        raise NerModelError(f"{pretrain_path} is not a Stanza pretrain file: {error}") from error
    words = len(vocab["word"]["_id2unit"])
    if (rows, dim) != (words, config["word_emb_dim"]):
        raise NerModelError(f"pretrain {pretrain_path} ({rows}x{dim}) does not belong to NER model {model_path} "
                            f"({words}x{config['word_emb_dim']})")
    return charlms


def _official_pipeline(resources_dir: Path | None, batch_size: int):
    import stanza
    from stanza.resources.common import DEFAULT_MODEL_DIR

    directory = str(resources_dir or DEFAULT_MODEL_DIR)
    try:
        return stanza.Pipeline(lang="ar", processors="tokenize,ner", tokenize_pretokenized=True,
                               ner_batch_size=batch_size, download_method=None, dir=directory,
                               logging_level="WARN", use_gpu=False)
    except Exception as error:
        raise NerModelError(f"Stanza's official Arabic NER is not available in {directory} "
                            f"(run stanza.download('ar', dir=...) where a network exists): {error}") from error
