"""The bundled NER model loads offline, refuses to run without its word vectors, and tags the seed article."""
from __future__ import annotations

import logging

import pytest

from app.nlp import ner
from app.nlp.ner import MODEL_FILE, PRETRAIN_FILE, NerModelError, StanzaTagger, entities_from_tags, tag_spans
from app.nlp.tokenize import split_sentences, tokenize
from tests.conftest import read_jsonl, shared_file

SEED_ENTITIES = {
    "فاليري غيراسيموف": "PER", "سيرغي شويغو": "PER", "فلاديمير بوتين": "PER", "سهيل الحسن": "PER",
    "وزارة الدفاع الروسية": "ORG",
    "سوريا": "LOC", "دير الزور": "LOC", "الرقة": "LOC",
}
# The shipped model is below the targets and misses these; strict, so a model that
# finds them turns the mark into a failure and the mark must be removed.
KNOWN_MISSES = {"وزارة الدفاع الروسية"}
_MISS = pytest.mark.xfail(strict=True, reason="the bundled model misses it (see docs/model-card.md)")


@pytest.fixture(scope="session")
def tagger() -> StanzaTagger:
    return StanzaTagger.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    article = read_jsonl(shared_file("eval/dev.jsonl"))[0]
    assert article["id"] == "seed"
    return article["text"]


@pytest.fixture(scope="session")
def seed_entities(tagger, seed_text):
    [entities] = tagger.tag_many([split_sentences(seed_text)])
    return entities


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "label"),
    [pytest.param(n, l, marks=_MISS) if n in KNOWN_MISSES else (n, l) for n, l in SEED_ENTITIES.items()],
)
def test_bundled_model_tags_the_seed_entity(seed_entities, name, label):
    found = {(e.text, e.label) for e in seed_entities}
    assert (name, label) in found, f"found {sorted(found)}"


@pytest.mark.slow
def test_seed_entities_are_exact_spans_of_the_text(seed_entities, seed_text):
    assert seed_entities
    assert all(seed_text[e.start : e.end] == e.text for e in seed_entities)


@pytest.mark.slow
def test_documents_batched_together_keep_their_own_offsets(tagger, example_article):
    short, text = "التقى فلاديمير بوتين في موسكو.", example_article["text"]
    results = tagger.tag_many([split_sentences(short), [], split_sentences(text)])
    assert len(results) == 3 and results[1] == ()
    assert ("فلاديمير بوتين", "PER") in {(e.text, e.label) for e in results[0]}
    assert all(short[e.start : e.end] == e.text for e in results[0])
    assert results[2] and all(text[e.start : e.end] == e.text for e in results[2])


def test_model_trained_with_vectors_refuses_to_load_without_them(tmp_path):
    with pytest.raises(NerModelError, match="pretrain"):
        StanzaTagger.load(model_path=MODEL_FILE)
    with pytest.raises(NerModelError, match="pretrain"):
        StanzaTagger.load(model_path=MODEL_FILE, pretrain_path=tmp_path / "missing.pt")


def test_missing_or_broken_model_gives_a_clear_error(tmp_path):
    with pytest.raises(NerModelError, match="not found"):
        StanzaTagger.load(model_path=tmp_path / "none.pt")
    broken = tmp_path / "broken.pt"
    broken.write_bytes(b"not a model")
    with pytest.raises(NerModelError, match="not a Stanza NER model"):
        StanzaTagger.load(model_path=broken)


def test_official_models_missing_gives_a_clear_error(tmp_path):
    with pytest.raises(NerModelError, match="official"):
        StanzaTagger.load(official=True, official_dir=tmp_path)


def test_tags_decode_to_character_spans():
    text = "قال عبد الله  الثاني في عمّان"
    tokens = tokenize(text)
    entities = list(entities_from_tags(tokens, ["O", "B-PER", "I-PER", "E-PER", "O", "S-LOC"]))
    assert [(e.text, e.label) for e in entities] == [("عبد الله  الثاني", "PER"), ("عمّان", "LOC")]
    assert all(text[e.start : e.end] == e.text for e in entities)


def test_stray_inside_tags_open_a_span_like_seqeval():
    assert list(tag_spans(["I-PER", "I-PER", "O", "B-LOC", "I-ORG"])) == [(0, 1, "PER"), (3, 3, "LOC"), (4, 4, "ORG")]


def test_loading_drops_only_stanzas_unsupported_language_warning(monkeypatch, caplog):
    """Stanza warns that "ar" is unsupported whenever it loads our own model; that one line is
    dropped while the pipeline is built, every other warning passes."""
    stanza = pytest.importorskip("stanza")

    def pipeline_that_warns(**options):  # noqa: ANN003, ANN202
        logging.getLogger("stanza").warning("Trying to create pipeline for unsupported language: %s", options["lang"])
        logging.getLogger("stanza").warning("some other warning")
        return "pipeline"

    monkeypatch.setattr(stanza, "Pipeline", pipeline_that_warns)
    with caplog.at_level(logging.WARNING, logger="stanza"):
        assert ner._local_pipeline(MODEL_FILE, PRETRAIN_FILE, 8) == "pipeline"
        logging.getLogger("stanza").warning("Trying to create pipeline for unsupported language: %s", "xx")
    assert [r.getMessage() for r in caplog.records if r.name == "stanza"] == [
        "some other warning", "Trying to create pipeline for unsupported language: xx"]  # outside the load: kept
