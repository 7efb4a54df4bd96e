"""The tokenizer keeps exact offsets and splits text the way the NER corpora do."""
import re

import pytest

from app.nlp.tokenize import model_text, split_sentences, tokenize

TRICKY = [
    "قال الرئيس: “سنواصل العمل”، وأضاف «لن نتراجع» (وكالات).",
    "ارتفع المؤشر بـ34.3% إلى ٣٫٥٪ في 2017، و6 آلاف عام2006 Afro-Asiatic e-mail",
    "مُحَمَّدٌ الـــرئيس لـ”داعش” \u200fنعم\u200e  \t ok!? ...؟",
    "Le président Macron a dit \"non\" — ثم غادر إلى باريس... الخميس!",
    "",
    "   ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_token_offsets_round_trip(text):
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))
    covered = "".join(t.text for t in tokens)
    visible = re.sub(r"[\s\u200b-\u200f]", "", text)
    assert covered == visible


@pytest.mark.parametrize("text", TRICKY)
def test_sentences_keep_offsets(text):
    for sentence in split_sentences(text):
        assert sentence.tokens
        assert sentence.start == sentence.tokens[0].start and sentence.end == sentence.tokens[-1].end
        assert all(text[t.start : t.end] == t.text for t in sentence.tokens)


def test_offset_argument_shifts_tokens():
    assert [(t.start, t.end) for t in tokenize("في دمشق", offset=10)] == [(10, 12), (13, 17)]


def test_punctuation_quotes_and_brackets_split_off_clitics_kept():
    words = [t.text for t in tokenize("وقال «الأسد» (للصحفيين): “لا”، بـ90% والرقة.")]
    assert words == ["وقال", "«", "الأسد", "»", "(", "للصحفيين", ")", ":", "“", "لا", "”", "،",
                     "بـ90%", "والرقة", "."]


def test_numbers_keep_decimals_and_percent_like_anercorp():
    assert [t.text for t in tokenize("نما 4.3% و1,500 و٣٫٥")] == ["نما", "4.3%", "و1,500", "و٣٫٥"]


def test_sentence_split_keeps_closing_quote_with_its_sentence():
    sentences = split_sentences("قال: “انتهى الأمر.” ثم غادر. وصل؟ نعم")
    assert [" ".join(t.text for t in s.tokens) for s in sentences] == [
        "قال : “ انتهى الأمر . ”", "ثم غادر .", "وصل ؟", "نعم"]


def test_model_text_drops_diacritics_and_tatweel_but_never_empties():
    assert model_text("مُحَمَّدٌ") == "محمد"
    assert model_text("الـــرئيس") == "الرئيس"
    assert model_text("ـ") == "ـ"
