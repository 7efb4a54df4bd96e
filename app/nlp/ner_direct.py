"""The trained Stanza NER model fed directly: ready batches of our own tokens in, BIOES tags out.

`stanza.Pipeline` builds a `Document` of every token, a `DataLoader` that walks it again and
a CRF loss nobody reads on every call: about half of the NER stage's time on news articles.
`DirectTagger` loads the model exactly as `StanzaTagger` does (the same `Pipeline`, so the
same weights, vocabularies and options) and then keeps only its network. Per batch it
builds the tensors Stanza's `DataLoader` builds (word and delta-vocabulary ids of the
lowercased token, character ids), runs the network's layers under `torch.inference_mode`
and decodes with the same Viterbi and tag fixes, vectorized over the batch.

A word's character representation does not depend on its sentence, so each distinct token
is run through the character LSTM once per batch, and the result is kept (up to
`char_cache_size` tokens) for later batches.
"""
from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from stanza.models.ner.trainer import fix_singleton_tags
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from app.nlp.ner import DEFAULT_BATCH_SIZE, StanzaTagger, load_stanza_pipeline, tag_documents
from app.nlp.types import Entity, Sentence

log = logging.getLogger(__name__)

_PAD_ID, _UNK_ID, _FIRST_TAG_ID = 0, 1, 4  # Stanza's vocabulary prefix: <PAD> <UNK> <EMPTY> <ROOT>
CHAR_CACHE_SIZE = 50_000  # tokens; 200 floats each


class UnsupportedModel(ValueError):
    """The model uses a part `DirectTagger` does not feed (a transformer, character LMs, several tag sets)."""


class DirectTagger:
    """Tags sentences with a Stanza NER model's network, without Stanza's `Pipeline` around it."""

    def __init__(self, trainer, *, batch_size: int = DEFAULT_BATCH_SIZE, quantize: bool = False,
                 char_cache_size: int = CHAR_CACHE_SIZE) -> None:
        _check_supported(trainer)
        model = trainer.model.eval()
        if quantize:
            model = _quantized(model)
        self._model, self._args, self.batch_size = model, trainer.args, batch_size
        vocab = trainer.vocab
        self._words = vocab["word"]._unit2id
        self._delta = vocab["delta"]._unit2id if "delta" in vocab and getattr(model, "delta_emb", None) is not None else None
        self._delta_lower = bool(self._delta is not None and vocab["delta"].lower)
        self._chars = vocab["char"]._unit2id if self._uses_chars() else None
        self._tags = list(vocab["tag"]._id2unit[0])
        self._transitions = model.crits[0]._transitions.detach().numpy()
        self._char_cache: dict[str, torch.Tensor] = {}
        self._lock = threading.Lock()
        self._char_cache_size = char_cache_size

    @classmethod
    def load(cls, *, model_path: Path | None = None, pretrain_path: Path | None = None, official: bool = False,
             official_dir: Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
             quantize: bool = False) -> DirectTagger | StanzaTagger:
        """The model as `StanzaTagger.load` loads it; a model this path cannot feed is run
        through the `Pipeline` instead (logged), so any Stanza NER model still works."""
        nlp = load_stanza_pipeline(model_path=model_path, pretrain_path=pretrain_path, official=official,
                                   official_dir=official_dir, batch_size=batch_size)
        return cls.of_pipeline(nlp, batch_size=batch_size, quantize=quantize)

    @classmethod
    def of_pipeline(cls, nlp, *, batch_size: int = DEFAULT_BATCH_SIZE,
                    quantize: bool = False) -> DirectTagger | StanzaTagger:
        """The NER model of a loaded `stanza.Pipeline`, fed directly (it shares the weights)."""
        trainers = nlp.processors["ner"].trainers
        try:
            if len(trainers) != 1:
                raise UnsupportedModel(f"{len(trainers)} NER models in one processor")
            return cls(trainers[0], batch_size=batch_size, quantize=quantize)
        except UnsupportedModel as reason:
            log.warning("NER through stanza.Pipeline: the direct path cannot feed this model (%s)", reason)
            return StanzaTagger(nlp, batch_size)

    def tag_many(self, documents: Sequence[Sequence[Sentence]], *,
                 progress: Callable[[int, int], None] | None = None) -> list[tuple[Entity, ...]]:
        """Entities of each document, with offsets into its text (as `StanzaTagger.tag_many`)."""
        return tag_documents(self.tag_tokens, documents, progress=progress)

    def tag_tokens(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIOES tags for pre-tokenized sentences, batched as the `Pipeline` batches them:
        sorted by length, `batch_size` sentences a batch."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        tags: list[list[str]] = [[] for _ in sentences]
        with self._lock, torch.inference_mode():  # the API's request threads share one tagger and its cache
            for start in range(0, len(order), self.batch_size):
                batch = [i for i in order[start : start + self.batch_size] if sentences[i]]
                batch.reverse()  # longest first, as packed sequences want
                if batch:
                    for i, sentence_tags in zip(batch, self._tag_batch([sentences[i] for i in batch]), strict=True):
                        tags[i] = sentence_tags
        return tags

    def _tag_batch(self, sentences: list[Sequence[str]]) -> list[list[str]]:
        lengths = [len(s) for s in sentences]
        size, longest = len(sentences), lengths[0]
        parts = []
        if self._args["word_emb_dim"] > 0:
            parts.append(self._word_embeddings(sentences, size, longest))
        if self._chars is not None:
            parts.append(self._char_representations(sentences, size, longest))
        model = self._model
        inputs = pack_padded_sequence(torch.cat(parts, 2), lengths, batch_first=True)
        data = inputs.data
        if model.input_transform is not None:
            data = model.input_transform(data)
        hidden = model.args["hidden_dim"]
        layers = 2 * model.args["num_layers"]
        outputs, _ = model.taggerlstm.lstm(PackedSequence(data, inputs.batch_sizes), (
            model.taggerlstm_h_init.expand(layers, size, hidden).contiguous(),
            model.taggerlstm_c_init.expand(layers, size, hidden).contiguous()))
        scores = model.tag_clfs[0](outputs.data)
        logits = pad_packed_sequence(PackedSequence(scores, inputs.batch_sizes), batch_first=True)[0]
        return [self._tag_names(ids) for ids in viterbi_batch(logits.numpy(), self._transitions, lengths)]

    def _word_embeddings(self, sentences: list[Sequence[str]], size: int, longest: int) -> torch.Tensor:
        """What `NERTagger.extract_static_embeddings` gives: the lowercased token's pretrained
        vector plus its fine-tuned delta; a delta-unknown word known to the vectors adds nothing."""
        lower = self._args.get("lowercase", True)
        words = torch.zeros(size, longest, dtype=torch.long)
        delta = torch.zeros(size, longest, dtype=torch.long) if self._delta is not None else None
        for row, sentence in enumerate(sentences):
            forms = [token.lower() if lower else token for token in sentence]
            ids = [self._words.get(form.replace(" ", "\xa0"), _UNK_ID) for form in forms]
            words[row, : len(ids)] = torch.tensor(ids)
            if delta is not None:
                delta_ids = [self._delta.get(form.lower() if self._delta_lower else form, _UNK_ID) for form in forms]
                delta[row, : len(ids)] = torch.tensor(
                    [_PAD_ID if d == _UNK_ID and w != _UNK_ID else d for d, w in zip(delta_ids, ids, strict=True)])
        embedded = self._model.word_emb(words)
        if delta is not None:
            embedded = embedded + self._model.delta_emb(delta)
        return embedded

    def _char_representations(self, sentences: list[Sequence[str]], size: int, longest: int) -> torch.Tensor:
        """The character model's final states of both directions for every token, padded."""
        cache = self._char_cache
        missing = sorted({token for sentence in sentences for token in sentence if token not in cache},
                         key=len, reverse=True)
        if missing:
            if len(cache) + len(missing) > self._char_cache_size:
                cache.clear()
            for token, vector in zip(missing, self._run_char_model(missing), strict=True):
                cache[token] = vector
        width = 2 * self._args["char_hidden_dim"]
        out = torch.zeros(size, longest, width)
        for row, sentence in enumerate(sentences):
            out[row, : len(sentence)] = torch.stack([cache[token] for token in sentence])
        return out

    def _run_char_model(self, tokens: list[str]) -> torch.Tensor:
        """`CharacterModel.forward` without attention, for tokens sorted longest first."""
        charmodel = self._model.charmodel
        lengths = [len(t) for t in tokens]
        ids = torch.zeros(len(tokens), lengths[0], dtype=torch.long)
        for row, token in enumerate(tokens):
            ids[row, : len(token)] = torch.tensor([self._chars.get(ch, _UNK_ID) for ch in token])
        embedded = pack_padded_sequence(charmodel.char_emb(ids), lengths, batch_first=True)
        layers, hidden = charmodel.num_dir * self._args["char_num_layers"], self._args["char_hidden_dim"]
        _, (h, _) = charmodel.charlstm.lstm(embedded, (
            charmodel.charlstm_h_init.expand(layers, len(tokens), hidden).contiguous(),
            charmodel.charlstm_c_init.expand(layers, len(tokens), hidden).contiguous()))
        return h[-2:].transpose(0, 1).reshape(len(tokens), -1).clone()

    def _tag_names(self, ids: list[int]) -> list[str]:
        return fix_singleton_tags([self._tags[max(i, _FIRST_TAG_ID)] for i in ids])

    def _uses_chars(self) -> bool:
        return bool(self._args["char"] and self._args["char_emb_dim"] > 0)


def viterbi_batch(scores: np.ndarray, transitions: np.ndarray, lengths: Sequence[int]) -> list[list[int]]:
    """Stanza's `viterbi_decode` for every sentence of a padded batch at once, with the same
    float32 sums and first-maximum ties; positions past a sentence's end are never read back."""
    trellis = np.empty_like(scores)
    backpointers = np.zeros(scores.shape, dtype=np.int64)
    trellis[:, 0] = scores[:, 0]
    for t in range(1, scores.shape[1]):
        candidates = trellis[:, t - 1, :, None] + transitions
        backpointers[:, t] = candidates.argmax(1)
        trellis[:, t] = scores[:, t] + candidates.max(1)
    paths = []
    for row, length in enumerate(lengths):
        path = [int(trellis[row, length - 1].argmax())]
        for t in range(length - 1, 0, -1):
            path.append(int(backpointers[row, t, path[-1]]))
        path.reverse()
        paths.append(path)
    return paths


def _quantized(model: nn.Module) -> nn.Module:
    """A copy with int8 weights in the LSTMs and linear layers (activations quantized per batch).
    Not identical to the float model: measured on both test sets in docs/ner-speed.md."""
    with warnings.catch_warnings():  # torch deprecates its quantization API; it still works and is measured
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {nn.LSTM, nn.Linear}, dtype=torch.qint8)


def _check_supported(trainer) -> None:
    args, model = trainer.args, trainer.model
    if args.get("bert_model"):
        raise UnsupportedModel("a transformer")
    if args.get("charlm"):
        raise UnsupportedModel("character language models")
    if len(model.tag_clfs) != 1:
        raise UnsupportedModel("several tag sets")
    if args["word_emb_dim"] > 0 and "word" not in trainer.vocab:
        raise UnsupportedModel("word embeddings without a pretrained vocabulary")
    if getattr(getattr(model, "charmodel", None), "attn", False):
        raise UnsupportedModel("character attention")
