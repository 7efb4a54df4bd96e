"""The training command runs end to end on a tiny slice, and never sees test text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.nlp.ner import CHARLM_FILES, NerModelError, StanzaTagger, tag_spans
from app.nlp.tokenize import split_sentences
from training import charlm, train_ner, vectors
from training.corpora import anercorp, split_off_tail
from training.evaluate import entity_scores
from training.newsfane import letters, newsfane_training_sentences
from training.package import MODEL_NAME, PRETRAIN_NAME
from tests.conftest import shared_file


@pytest.fixture
def corpora() -> Path:
    return shared_file("corpora")


@pytest.mark.slow
def test_training_command_end_to_end_on_a_tiny_slice(tmp_path, corpora):
    pretrain = vectors.build_vectors(corpora, tmp_path / "tiny.pretrain.pt", dim=20, epochs=1,
                                     max_vocab=5000, max_articles=5)
    output = tmp_path / "model"
    train_ner.main(["--corpora", str(corpora), "--pretrain", str(pretrain), "--newsfane",
                    "--output", str(output), "--work-dir", str(tmp_path / "work"),
                    "--max-sentences", "40", "--max-steps", "4", "--eval-interval", "2", "--hidden-dim", "32"])

    summary = json.loads((output / "training.json").read_text())
    assert summary["train_sentences"] == 40
    tagger = StanzaTagger.load(model_path=output / MODEL_NAME, pretrain_path=output / PRETRAIN_NAME)
    text = "قال فلاديمير بوتين في موسكو."
    [entities] = tagger.tag_many([split_sentences(text)])
    assert all(text[e.start : e.end] == e.text and e.label in {"PER", "LOC", "ORG", "MISC"} for e in entities)


@pytest.mark.slow
def test_a_model_trained_with_charlms_ships_and_loads_with_them(tmp_path, corpora):
    lms = [charlm.train_charlm(charlm.main_args(["--corpora", str(corpora), "--output", str(tmp_path / "charlm"),
                                                 "--direction", direction, "--max-articles", "30",
                                                 "--hidden-dim", "16", "--eval-steps", "1"]))
           for direction in ("forward", "backward")]
    output = tmp_path / "model"
    train_ner.main(["--corpora", str(corpora), "--charlm-forward", str(lms[0]),
                    "--charlm-backward", str(lms[1]), "--output", str(output), "--work-dir", str(tmp_path / "work"),
                    "--max-sentences", "20", "--max-steps", "2", "--eval-interval", "2", "--hidden-dim", "16"])

    tagger = StanzaTagger.load(model_path=output / MODEL_NAME)
    text = "قال فلاديمير بوتين في موسكو."
    [entities] = tagger.tag_many([split_sentences(text)])
    assert all(text[e.start : e.end] == e.text for e in entities)
    (output / CHARLM_FILES[1]).unlink()
    with pytest.raises(NerModelError, match="character language models"):
        StanzaTagger.load(model_path=output / MODEL_NAME)


def test_newsfane_training_part_leaves_out_anercorp_test_text(corpora):
    test = anercorp(corpora, "test")
    _, dev = split_off_tail(anercorp(corpora, "train"), 0.1)
    kept = newsfane_training_sentences(corpora, exclude=dev)
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


def test_gazetteer_copies_replace_names_with_consistent_tags_and_leave_dev_alone(tmp_path):
    train_text = "زار O\nمحمد B-PERS\nعلي I-PERS\nبغداد B-LOC\nمع O\nالأمم B-ORG\nالمتحدة I-ORG\nفي O\nكأس B-MISC\n"
    dev_text = "قال O\nخالد B-PERS\nفي O\nدمشق B-LOC\n"
    for path, text in {"anercorp/train.txt": "\n".join([train_text] * 8 + [dev_text] * 2),
                       "aqmar/train.txt": "هنا O\n", "aqmar/dev.txt": "هناك O\n",
                       "gazetteers/AlignedPersGazetteer.txt": "سعيد\nعبد الله\n",
                       "gazetteers/AlignedLocGazetteer.txt": "====\nحلب\nالدار البيضاء\n",
                       "gazetteers/AlignedOrgGazetteer.txt": "الجزيرة\n\n"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    options = dict(use_newsfane=False, dev_fraction=0.2, max_sentences=None)
    plain, plain_dev = train_ner.build_datasets(tmp_path, **options)
    train, dev = train_ner.build_datasets(tmp_path, **options, gazetteer_copies=2, seed=7)

    assert dev == plain_dev and len(dev) == 3  # ANERcorp's dev tail (2) + AQMAR dev, untouched
    assert train[: len(plain)] == plain and len(train) == len(plain) + 2 * 8
    assert not {"خالد", "دمشق", "قال"} & {token for sentence in train for token, _ in sentence}
    assert train == train_ner.build_datasets(tmp_path, **options, gazetteer_copies=2, seed=7)[0]

    def segments(sentence):  # (type or None, tokens) for each entity span and each other token
        spans = {first: (last, kind) for first, last, kind in tag_spans([tag for _, tag in sentence])}
        result, i = [], 0
        while i < len(sentence):
            last, kind = spans.get(i, (i, None))
            result.append((kind, tuple(token for token, _ in sentence[i : last + 1])))
            i = last + 1
        return result

    names = {"PER": {("سعيد",), ("عبد", "الله")}, "LOC": {("حلب",), ("الدار", "البيضاء")}, "ORG": {("الجزيرة",)}}
    replaced = 0
    for copy in train[len(plain) :]:
        assert all(tag == "O" or tag[:2] in ("B-", "I-") for _, tag in copy)
        # I- always continues a span of its type: re-tagging each span as B-, I-... gives the same tags
        assert [tag for _, tag in copy] == [f"{'B' if j == 0 else 'I'}-{kind}" if kind else "O"
                                           for kind, tokens in segments(copy) for j, _ in enumerate(tokens)]
        for (kind, original), (new_kind, tokens) in zip(segments(train[0]), segments(copy), strict=True):
            assert new_kind == kind
            assert tokens == original or (kind in names and tokens in names[kind])
            replaced += tokens != original
    assert 0 < replaced < 16 * 3  # about half of the 48 PER/LOC/ORG mentions; MISC and O never change


def test_pseudo_labelled_news_is_sampled_reproducibly_and_tagged_bio():
    from training.pseudo import bio_tags, pseudo_labelled

    assert bio_tags(["S-PER", "O", "B-ORG", "I-ORG", "E-ORG", "E-LOC", "O"]) == \
        ["B-PER", "O", "B-ORG", "I-ORG", "I-ORG", "B-LOC", "O"]
    pool = [[f"كلمة{i}", "قال", "بوتين"] for i in range(20)]
    calls = []

    def tag(sentences):  # stands in for StanzaTagger.tag_tokens: the last word is a person
        calls.append(len(sentences))
        return [["O"] * (len(s) - 1) + ["S-PER"] for s in sentences]

    tagged = pseudo_labelled(pool, tag, sentences=5, seed=3)
    assert calls == [5] and len(tagged) == 5
    assert all(sentence[-1] == ("بوتين", "B-PER") and sentence[0][1] == "O" for sentence in tagged)
    assert len({sentence[0][0] for sentence in tagged}) == 5
    assert tagged == pseudo_labelled(pool, tag, sentences=5, seed=3)
    assert len(pseudo_labelled(pool, tag, sentences=50, seed=3)) == 20  # never more than the pool
