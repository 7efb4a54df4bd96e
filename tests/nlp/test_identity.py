"""Speaker identity on the name-pair list: no two people joined, nearly every press variant of
one person's name joined (the figures print with `pytest -s`)."""
from __future__ import annotations

import pytest

from app.nlp.identity import is_foreign, name_words, part_of_name, same_family_name, same_name
from tests.nlp.name_pairs import DIFFERENT_PEOPLE, SAME_PERSON


def test_the_pair_list_is_large_and_holds_no_pair_twice():
    assert len(SAME_PERSON) + len(DIFFERENT_PEOPLE) >= 300
    assert len(DIFFERENT_PEOPLE) >= 150 and len(SAME_PERSON) >= 150
    different = {frozenset(p) for p in DIFFERENT_PEOPLE}
    assert not different & {frozenset(p) for p in SAME_PERSON}


def test_no_two_people_are_joined_and_nearly_every_spelling_is():
    false_merges = [pair for pair in DIFFERENT_PEOPLE if same_name(*pair)]
    joined = [pair for pair in SAME_PERSON if same_name(*pair)]
    rate = len(joined) / len(SAME_PERSON)
    print(f"\nname pairs: {len(DIFFERENT_PEOPLE)} different-people pairs, false merges {len(false_merges)}; "
          f"{len(SAME_PERSON)} same-person pairs, joined {len(joined)} ({rate:.1%})")
    assert false_merges == []
    assert rate >= 0.95, [pair for pair in SAME_PERSON if not same_name(*pair)]


@pytest.mark.parametrize("a, b", [("سعد", "سعيد"), ("سعيد", "سعود"), ("عمر", "عمرو"), ("أحمد", "حامد")])
def test_the_relation_is_symmetric_on_near_names(a, b):
    assert same_name(a, b) == same_name(b, a) is False


@pytest.mark.parametrize("name, words", [
    ("عبد العزيز", ("عبدالعزيز",)), ("أبو الغيط", ("ابوالغيط",)), ("حسن نصر الله", ("حسن", "نصرالله")),
    ("تميم بن حمد آل ثاني", ("تميم", "بنحمد", "ال+ثاني")), ("أحمد داود أوغلو", ("احمد", "داوداوغلو")),
    ("ابن سينا", ("ابن", "سينا")),
])
def test_compounds_are_one_word_however_spaced(name, words):
    assert name_words(name) == words


@pytest.mark.parametrize("word, foreign", [
    ("غيراسيموف", True), ("زيلينسكي", True), ("ابراهيموفيتش", True), ("وانغ", True), ("ماتيو", True),
    ("بوتين", True), ("سعيد", False), ("محمود", False), ("المقرن", False), ("ابراهيم", False), ("عبدالعزيز", False),
    ("شريف", False), ("مخلوف", False), ("عز", False), ("داوداوغلو", True),
])
def test_a_word_is_foreign_on_evidence_in_it(word, foreign):
    assert is_foreign(word) is foreign


def test_a_family_name_and_a_shorter_form():
    assert same_family_name("غيراسيموف", "فاليري جيراسيموف")
    assert not same_family_name("الحربي", "سعد الحربي الشمري")
    assert not same_family_name("سعد الحربي", "سعد الحربي")
    assert part_of_name("رجب أردوغان", "رجب طيب أردوغان")
    assert not part_of_name("سعيد الحربي", "سعد الحربي")
