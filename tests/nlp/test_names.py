"""Names: titles kept out, spelling-blind keys, Latin/Arabic matching (recall@5 on the list)."""
from __future__ import annotations

import pytest

from app.nlp.names import NameQuery, name_keys, role_in_mention, skeleton, split_title
from tests.nlp.name_pairs import NAME_PAIRS, distractors


@pytest.mark.parametrize("mention, name, role", [
    ("جنرال الجيش فاليري غيراسيموف", "فاليري غيراسيموف", "جنرال الجيش"),
    ("رئيس هيئة الأركان العامة للقوات المسلحة الروسية فاليري غيراسيموف", "فاليري غيراسيموف",
     "رئيس هيئة الأركان العامة للقوات المسلحة الروسية"),
    ("وزير الخارجية الروسي سيرغي لافروف", "سيرغي لافروف", "وزير الخارجية الروسي"),
    ("الملك عبدالله الثاني", "عبدالله الثاني", "الملك"),
    ("ولي العهد السعودي الأمير محمد بن سلمان", "محمد بن سلمان", "ولي العهد السعودي الأمير"),
    ("President Vladimir Putin", "Vladimir Putin", "President"),
    ("المتحدث باسم الكرملين ديمتري بيسكوف", "ديمتري بيسكوف", "المتحدث باسم الكرملين"),
    ("سفير روسيا لدى الأمم المتحدة فاسيلي نيبينزيا", "فاسيلي نيبينزيا", "سفير روسيا لدى الأمم المتحدة"),
])
def test_titles_are_kept_out_of_the_name(mention, name, role):
    assert split_title(mention).name == name
    assert split_title(mention).roles == (role,)


@pytest.mark.parametrize("name", ["محمد بن سلمان", "الرئيس", "عبد الفتاح السيسي"])
def test_a_name_without_title_is_untouched(name):
    assert split_title(name).name == name


@pytest.mark.parametrize("mention, role", [
    ("رئيس هيئة الأركان العامة", "رئيس هيئة الأركان العامة"), ("الجنرال الروسي", "الجنرال الروسي"),
    ("الجنرال غيراسيموف", "الجنرال"), ("جنرال الجيش فاليري جيراسيموف", "جنرال الجيش"), ("غيراسيموف", None),
    ("", None), ("وأضاف", None),
])
def test_a_mention_gives_the_speaker_a_role(mention, role):
    assert role_in_mention(mention, "فاليري غيراسيموف") == role


@pytest.mark.parametrize("variant", [
    "جيراسيموف", "قيراسيموف", "غيراسيمُوف", "غيراسيمــوف", "غِيرَاسِيمُوف", "Gerasimov", "Guerassimov",
])
def test_spellings_of_one_name_share_a_skeleton(variant):
    assert skeleton("غيراسيموف") in name_keys(variant)


@pytest.mark.parametrize("a, b", [
    ("أحمد أبو الغيط", "احمد ابو الغيط"), ("مصطفى", "مصطفي"), ("أسامة", "اسامه"), ("إيمانويل ماكرون", "ايمانويل ماكرون"),
    ("عبدالعزيز", "عبد العزيز"),
])
def test_press_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("سلمان بن عبدالعزيز", "محمد بن سلمان"), ("عمر البشير", "أحمد البشير")])
def test_people_sharing_a_name_part_have_different_skeletons(a, b):
    assert skeleton(a) != skeleton(b)


def test_scores_put_the_same_spelling_first_then_the_same_skeleton_then_shared_words():
    query = NameQuery.of("فاليري غيراسيموف")
    assert query.score("فاليري غيراسيموف") > query.score("فاليري جيراسيموف") > query.score("غيراسيموف")
    assert query.score("غيراسيموف") > query.score("فاليري زالوجني")
    assert NameQuery.of("Gerasimov").score("غيراسيموف") > NameQuery.of("Gerasimov").score("غيرهارد شرودر")


def test_name_pairs_are_many_and_varied():
    assert len(NAME_PAIRS) >= 40
    assert len({latin for latin, _ in NAME_PAIRS}) == len(NAME_PAIRS)


def test_latin_names_find_their_arabic_spelling_recall_at_5():
    """Every Latin spelling ranks the stored Arabic names (the true ones and namesakes made
    from their parts); its Arabic spelling must be among the first five."""
    pool = [split_title(arabic).name for _, arabic in NAME_PAIRS] + distractors()
    hits = 0
    for latin, arabic in NAME_PAIRS:
        query = NameQuery.of(latin)
        top5 = sorted(pool, key=lambda name: -query.score(name))[:5]
        hits += split_title(arabic).name in top5
    assert hits / len(NAME_PAIRS) >= 0.95, f"recall@5 = {hits}/{len(NAME_PAIRS)}"
