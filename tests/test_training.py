"""The training command runs end to end on a tiny slice, and never sees test text."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.nlp.ner import CHARLM_FILES, NerModelError, StanzaTagger
from app.nlp.tokenize import split_sentences
from training import charlm, train_ner, vectors
from training.corpora import anercorp, split_off_tail
from training.evaluate import entity_scores
from training.newsfane import letters, newsfane_training_sentences
from training.package import MODEL_NAME, PRETRAIN_NAME

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("SHARED_DIR", REPO.parent / "shared")) / "corpora"


@pytest.mark.slow
def test_training_command_end_to_end_on_a_tiny_slice(tmp_path):
    pretrain = vectors.build_vectors(CORPORA, tmp_path / "tiny.pretrain.pt", dim=20, epochs=1,
                                     max_vocab=5000, max_articles=5)
    output = tmp_path / "model"
    train_ner.main(["--corpora", str(CORPORA), "--pretrain", str(pretrain), "--newsfane",
                    "--output", str(output), "--work-dir", str(tmp_path / "work"),
                    "--max-sentences", "40", "--max-steps", "4", "--eval-interval", "2", "--hidden-dim", "32"])

    summary = json.loads((output / "training.json").read_text())
    assert summary["train_sentences"] == 40
    tagger = StanzaTagger.load(model_path=output / MODEL_NAME, pretrain_path=output / PRETRAIN_NAME)
    text = "قال فلاديمير بوتين في موسكو."
    [entities] = tagger.tag_many([split_sentences(text)])
    assert all(text[e.start : e.end] == e.text and e.label in {"PER", "LOC", "ORG", "MISC"} for e in entities)


@pytest.mark.slow
def test_a_model_trained_with_charlms_ships_and_loads_with_them(tmp_path):
    lms = [charlm.train_charlm(charlm.main_args(["--output", str(tmp_path / "charlm"), "--direction", direction,
                                                 "--max-articles", "30", "--hidden-dim", "16", "--eval-steps", "1"]))
           for direction in ("forward", "backward")]
    output = tmp_path / "model"
    train_ner.main(["--corpora", str(CORPORA), "--charlm-forward", str(lms[0]),
                    "--charlm-backward", str(lms[1]), "--output", str(output), "--work-dir", str(tmp_path / "work"),
                    "--max-sentences", "20", "--max-steps", "2", "--eval-interval", "2", "--hidden-dim", "16"])

    tagger = StanzaTagger.load(model_path=output / MODEL_NAME)
    text = "قال فلاديمير بوتين في موسكو."
    [entities] = tagger.tag_many([split_sentences(text)])
    assert all(text[e.start : e.end] == e.text for e in entities)
    (output / CHARLM_FILES[1]).unlink()
    with pytest.raises(NerModelError, match="character language models"):
        StanzaTagger.load(model_path=output / MODEL_NAME)


def test_newsfane_training_part_leaves_out_anercorp_test_text():
    test = anercorp(CORPORA, "test")
    _, dev = split_off_tail(anercorp(CORPORA, "train"), 0.1)
    kept = newsfane_training_sentences(CORPORA, exclude=dev)
    kept_grams = {g for s in kept for text in [letters([t for t, _ in s])] for g in
                  (text[i : i + 20] for i in range(len(text) - 19))}
    test_text = letters([t for s in test for t, _ in s])
    probes = [test_text[i : i + 20] for i in range(0, len(test_text) - 19, 10)]
    assert sum(p in kept_grams for p in probes) / len(probes) < 0.02
    assert 3000 < len(kept) < 4200  # most of NewsFANE is ANERcorp's training text


def test_entity_scores_match_exact_spans_and_types():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    predicted = [["B-PER", "E-PER", "O", "S-ORG"], ["B-ORG", "O"]]
    scores = entity_scores(gold, predicted)
    assert scores["ALL"]["precision"] == pytest.approx(100 / 3, abs=0.01)
    assert scores["ALL"]["recall"] == pytest.approx(100 / 3, abs=0.01)
    assert scores["PER"]["f1"] == 100.0 and scores["LOC"]["f1"] == 0.0
