"""The direct NER path tags exactly as stanza.Pipeline does with the same model."""
from __future__ import annotations

import random
from types import SimpleNamespace

import numpy as np
import pytest
from stanza.models.common.crf import viterbi_decode

from app.nlp.ner import StanzaTagger
from app.nlp.ner_direct import DirectTagger, UnsupportedModel, _check_supported, viterbi_batch
from app.nlp.tokenize import model_text, split_sentences, tokenize
from tests.conftest import read_jsonl, shared_file

# Sentences of our own: names the model knows and does not, Latin script, digits, emoji and
# characters outside its character vocabulary, one-token and 200-token sentences, repeats.
OWN_TEXT = """قال الرئيس الروسي فلاديمير بوتين في موسكو إن القوات الروسية ستبقى في سوريا.
وأكد وزير الخارجية سيرغي لافروف أن الحوار مع واشنطن ممكن.
أعلنت وزارة الدفاع الروسية أن الجنرال فاليري غيراسيموف زار دير الزور والرقة.
صرّح المتحدث باسم الأمم المتحدة ستيفان دوجاريك بأن 4.3% من السكان نزحوا عام2006.
قال Emmanuel Macron في باريس إن فرنسا 🇫🇷 تدعم الاتفاق ☮ مع الاتحاد الأوروبي.
ولي العهد الأمير محمد بن سلمان التقى الملك عبدالله الثاني في عمّان.
نعم.
«لن نتراجع»، قال عبد الفتاح السيسي في القاهرة، مضيفا أن مصر تدعم الشعب الفلسطيني.
أشار حسن نصر الله إلى أن حزب الله لن يشارك، بينما قال رجب طيب أردوغان إن تركيا مستعدة.
ⵜⴰⵎⴰⵣⵉⵖⵜ ꙮ ǂ ₿ شركة أرامكو السعودية في الظهران.
"""


@pytest.fixture(scope="module")
def taggers() -> tuple[StanzaTagger, DirectTagger]:
    stanza_tagger = StanzaTagger.load()
    direct = DirectTagger.of_pipeline(stanza_tagger.nlp)
    assert isinstance(direct, DirectTagger)
    return stanza_tagger, direct


def own_sentences() -> list[list[str]]:
    sentences = [[model_text(t.text) for t in s.tokens] for s in split_sentences(OWN_TEXT)]
    words = [w for s in sentences for w in s]
    rng = random.Random(7)
    sentences.append(words[:200])  # as long as the tokenizer lets a sentence be
    sentences += [rng.sample(words, rng.randint(1, 40)) for _ in range(60)]
    return sentences + sentences[:5]


def news_texts() -> list[str]:
    """The shared news articles; the calling test skips, naming SHARED_DIR, without them."""
    return [row["text"] for row in read_jsonl(shared_file("news/articles.jsonl"))]


def news_sentences(count: int = 400) -> list[list[str]]:
    texts = news_texts()
    sentences = [[model_text(t.text) for t in s.tokens] for text in texts[::7] for s in split_sentences(text)]
    return random.Random(11).sample(sentences, count)


@pytest.mark.slow
def test_own_sentences_get_the_pipelines_tags(taggers):
    stanza_tagger, direct = taggers
    sentences = own_sentences()
    expected = stanza_tagger.tag_tokens(sentences)
    assert any(tag != "O" for tags in expected for tag in tags)
    assert direct.tag_tokens(sentences) == expected


@pytest.mark.slow
def test_news_sentences_get_the_pipelines_tags(taggers):
    stanza_tagger, direct = taggers
    sentences = news_sentences()
    assert direct.tag_tokens(sentences) == stanza_tagger.tag_tokens(sentences)


@pytest.mark.slow
def test_news_articles_get_the_pipelines_entities(taggers):
    stanza_tagger, direct = taggers
    documents = [split_sentences(text) for text in news_texts()[:25]]
    documents.insert(3, split_sentences(OWN_TEXT))
    assert direct.tag_many(documents) == stanza_tagger.tag_many(documents)


@pytest.mark.slow
def test_batch_size_and_a_warm_character_cache_change_no_tag(taggers):
    stanza_tagger, direct = taggers
    sentences = own_sentences()
    expected = direct.tag_tokens(sentences)
    other = DirectTagger.of_pipeline(stanza_tagger.nlp, batch_size=7)
    assert other.tag_tokens(sentences[::-1]) == expected[::-1]
    assert other.tag_tokens(sentences) == expected  # every token's characters now cached


@pytest.mark.slow
def test_int8_layers_tag_nearly_as_the_float_model(taggers):
    stanza_tagger, direct = taggers
    quantized = DirectTagger.of_pipeline(stanza_tagger.nlp, quantize=True)
    sentences = own_sentences()[:12]
    documents = [[s] for s in split_sentences(OWN_TEXT)]
    float_entities = {e for doc in direct.tag_many(documents) for e in doc}
    int8_entities = {e for doc in quantized.tag_many(documents) for e in doc}
    assert len(float_entities & int8_entities) >= 0.8 * len(float_entities)
    assert len(quantized.tag_tokens(sentences)) == len(sentences)
    assert direct.tag_tokens(sentences) == stanza_tagger.tag_tokens(sentences)  # the original is untouched


def test_batched_viterbi_decodes_as_stanzas_viterbi():
    rng = np.random.default_rng(3)
    transitions = rng.normal(size=(21, 21)).astype(np.float32)
    lengths = [17, 17, 9, 4, 1]
    scores = rng.normal(size=(len(lengths), 17, 21)).astype(np.float32)
    scores[:, :, 5] += 0.5  # ties and near-ties as trained scores have
    expected = [[int(t) for t in viterbi_decode(scores[i, :n], transitions)[0]] for i, n in enumerate(lengths)]
    assert viterbi_batch(scores, transitions, lengths) == expected


@pytest.mark.parametrize(("args", "reason"), [
    ({"bert_model": "some-bert"}, "transformer"),
    ({"charlm": True}, "character language models"),
])
def test_models_the_direct_path_cannot_feed_are_refused(args, reason):
    model = SimpleNamespace(tag_clfs=[object()], charmodel=SimpleNamespace(attn=False))
    trainer = SimpleNamespace(args={"word_emb_dim": 100, "charlm": False, **args}, model=model, vocab={"word": None})
    with pytest.raises(UnsupportedModel, match=reason):
        _check_supported(trainer)


def test_empty_input_and_empty_sentences(taggers):
    _, direct = taggers
    assert direct.tag_tokens([]) == []
    assert direct.tag_tokens([[], [t.text for t in tokenize("بوتين")]])[0] == []
