"""A description run on to its full length where the article writes it (descriptions.py)."""
from __future__ import annotations

from app.nlp.attribution.descriptions import completed
from app.nlp.attribution.document import Doc
from app.nlp.tokenize import split_sentences
from app.nlp.types import Entity


def doc_of(text: str, *entities: tuple[str, str]) -> Doc:
    ents = [Entity(s, label, text.find(s), text.find(s) + len(s)) for s, label in entities]
    return Doc.build(text, split_sentences(text), ents)


def test_adjectives_and_of_phrases_run_on() -> None:
    text = "وقالت مصادر دبلوماسية في الحكومة اليمنية إن الهدنة انهارت."
    assert completed(doc_of(text), "مصادر دبلوماسية", len(text)) == "مصادر دبلوماسية في الحكومة اليمنية"


def test_a_genitive_name_after_an_indefinite_head_runs_on() -> None:
    text = "وأعلنت إدارة نادي الهلال أن المدرب باق."
    doc = doc_of(text, ("نادي الهلال", "ORG"))
    assert completed(doc, "إدارة", len(text)) == "إدارة نادي الهلال"


def test_the_statement_and_other_clauses_stay_out() -> None:
    text = "وأكد عدد من زوار المهرجان أن الفعاليات كانت متنوعة."
    assert completed(doc_of(text), "عدد", len(text)) == "عدد من زوار المهرجان"
    assert completed(doc_of(text), "عدد من زوار المهرجان", len(text)) == "عدد من زوار المهرجان"


def test_a_name_the_article_does_not_write_is_left_as_it_is() -> None:
    text = "وقالت الوزارة إن المشروع اكتمل."
    assert completed(doc_of(text), "مصادر مطلعة", len(text)) == "مصادر مطلعة"


def test_where_and_when_it_was_said_and_the_object_stay_out() -> None:
    text = "وقال اتحاد اللعبة في البيان إن اللاعبين أبرياء. واعتبر ائتلاف الوطنية ديكتاتورية جديدة تتشكل."
    doc = doc_of(text)
    assert completed(doc, "اتحاد اللعبة", len(text)) == "اتحاد اللعبة"
    assert completed(doc, "ائتلاف الوطنية", len(text)) == "ائتلاف الوطنية"


def test_names_joined_by_wa_run_on_but_a_name_takes_no_genitive() -> None:
    text = "واتهمت واشنطن ولندن الجيش السوري بشن هجمات."
    doc = doc_of(text, ("واشنطن", "LOC"), ("ولندن", "LOC"), ("الجيش السوري", "ORG"))
    assert completed(doc, "واشنطن", len(text)) == "واشنطن ولندن"
