"""One test per attribution pattern, on sentences written for the tests.

Entities are given by hand (what a good NER model would return), so these tests need no
model and pin the rules themselves (the `RULES` deciders: the hand rules' own verdicts, which
the learned deciders take as candidates and features): statement, offsets, type and speaker.
The shipped learned deciders are tested in test_attribution_learned.py.
"""
from __future__ import annotations

import pytest

from app.nlp.attribution import RULES, find_quotes
from app.nlp.attribution.document import Doc
from app.nlp.attribution.entities import repair
from app.nlp.tokenize import split_sentences
from app.nlp.types import Entity, Quote


def ents(text: str, *spans: tuple[str, str]) -> list[Entity]:
    """Entities from (surface, label) pairs, every occurrence in the text."""
    out = []
    for surface, label in spans:
        start = text.find(surface)
        assert start != -1, surface
        while start != -1:
            out.append(Entity(surface, label, start, start + len(surface)))
            start = text.find(surface, start + 1)
    return sorted(out, key=lambda e: e.start)


def quotes(text: str, *spans: tuple[str, str]) -> list[Quote]:
    return find_quotes(text, split_sentences(text), ents(text, *spans), RULES)


def only(text: str, *spans: tuple[str, str]) -> Quote:
    found = quotes(text, *spans)
    assert len(found) == 1, [q.statement for q in found]
    return found[0]


def check(q: Quote, text: str, statement: str, type_: str, speaker: str, kind: str = "person") -> None:
    assert q.statement == statement
    assert text[q.start:q.end] == statement
    assert q.start == text.index(statement)
    assert q.type == type_
    assert q.speaker.name == speaker
    assert q.speaker.kind == kind
    assert 0.0 <= q.confidence <= 1.0


# -- direct quotations in each mark ---------------------------------------------------------

@pytest.mark.parametrize("open_, close", [("“", "”"), ("«", "»"), ('"', '"'), ("„", "“")])
def test_direct_quote_in_each_mark(open_: str, close: str) -> None:
    text = f"وقال الوزير سامي العلي {open_}سنبدأ العمل في المشروع الجديد الشهر المقبل{close}."
    q = only(text, ("سامي العلي", "PER"))
    check(q, text, "سنبدأ العمل في المشروع الجديد الشهر المقبل", "direct", "سامي العلي")
    assert q.cue == "قال"


def test_direct_quote_after_colon_without_marks() -> None:
    text = "وأضاف المهندس ناصر الحربي: اكتمل تركيب الجسر في الموعد المحدد. ثم غادر الموقع."
    q = only(text, ("ناصر الحربي", "PER"))
    check(q, text, "اكتمل تركيب الجسر في الموعد المحدد", "direct", "ناصر الحربي")
    assert q.cue == "أضاف"


def test_broken_quote_is_two_statements() -> None:
    text = "«الطريق سيفتح أمام السيارات غدا»، قال مدير المرور فهد الزامل، «لكن الشاحنات ستنتظر أسبوعا»."
    found = quotes(text, ("فهد الزامل", "PER"))
    assert [q.statement for q in found] == ["الطريق سيفتح أمام السيارات غدا", "لكن الشاحنات ستنتظر أسبوعا"]
    assert all(q.speaker.name == "فهد الزامل" and q.type == "direct" for q in found)


def test_quote_over_several_sentences_is_one_statement() -> None:
    text = "وقالت الطبيبة ليلى القحطاني: «ارتفعت الحالات هذا الأسبوع. ونحن نتابع الوضع عن قرب»."
    q = only(text, ("ليلى القحطاني", "PER"))
    check(q, text, "ارتفعت الحالات هذا الأسبوع. ونحن نتابع الوضع عن قرب", "direct", "ليلى القحطاني")


def test_a_straight_quotation_inside_a_straight_quotation_stays_in_it() -> None:
    """A straight mark after a space and before a letter opens a quotation inside the open one
    ("… صباحاً "لاستلام الجثة" واستكمال …"): the outer one runs to the mark that closes it;
    with no such mark before the paragraph ends, the inner mark opened a new quotation."""
    text = 'وقال ماجد الزهراني: "حضرنا منذ الساعة الثامنة صباحاً "لاستلام الجثة" واستكمال الإجراءات اللازمة".'
    check(only(text, ("ماجد الزهراني", "PER")), text,
          'حضرنا منذ الساعة الثامنة صباحاً "لاستلام الجثة" واستكمال الإجراءات اللازمة', "direct", "ماجد الزهراني")


def test_unclosed_quotation_ends_at_the_next_cue() -> None:
    text = "وقال المدرب جمال الشهري «سنلعب بخطة هجومية في المباراة، مبيناً أن الفريق جاهز بدنيا."
    found = quotes(text, ("جمال الشهري", "PER"))
    assert [q.statement for q in found] == ["سنلعب بخطة هجومية في المباراة", "الفريق جاهز بدنيا"]
    assert all(q.speaker.name == "جمال الشهري" for q in found)


def test_headline_quote() -> None:
    text = "الرميحي: الموسم الزراعي سيكون الأفضل منذ عقد\nتوقع وزير الزراعة خالد الرميحي أن يرتفع الإنتاج."
    found = quotes(text, ("خالد الرميحي", "PER"), ("الرميحي", "PER"))
    head = found[0]
    check(head, text, "الموسم الزراعي سيكون الأفضل منذ عقد", "direct", "خالد الرميحي")
    assert head.cue == ":"


def test_headline_with_a_title_resolves_to_the_person_named_in_the_body() -> None:
    text = "وزير النقل: القطار السريع يعمل قبل نهاية العام\nوأكد وزير النقل عادل الفارس أن العمل يسير وفق الجدول."
    found = quotes(text, ("عادل الفارس", "PER"))
    assert found[0].statement == "القطار السريع يعمل قبل نهاية العام"
    assert found[0].speaker.name == "عادل الفارس"


def test_headline_repeated_in_a_link_line_at_the_foot_counts_once() -> None:
    text = ("الرميحي: الموسم الزراعي سيكون الأفضل منذ عقد\n"
            "توقع وزير الزراعة خالد الرميحي أن يرتفع الإنتاج.\n"
            "رابط الخبر بصحيفة الوئام: الرميحي: الموسم الزراعي سيكون الأفضل منذ عقد")
    found = quotes(text, ("خالد الرميحي", "PER"), ("الرميحي", "PER"))
    repeated = [q for q in found if q.statement == "الموسم الزراعي سيكون الأفضل منذ عقد"]
    assert [q.start for q in repeated] == [text.index("الموسم")]


# -- indirect speech ------------------------------------------------------------------------

@pytest.mark.parametrize("comp", ["أن", "إن", "أنه", "إلى أن", "على أن"])
def test_indirect_with_each_complementiser(comp: str) -> None:
    cue = {"أن": "وأكد", "إن": "وقال", "أنه": "وأوضح", "إلى أن": "وأشار", "على أن": "وشدد"}[comp]
    text = f"{cue} رئيس البلدية منصور الخالدي {comp} الأعمال ستنتهي قبل الصيف. وغادر بعدها."
    q = only(text, ("منصور الخالدي", "PER"))
    check(q, text, "الأعمال ستنتهي قبل الصيف", "indirect", "منصور الخالدي")
    assert q.cue == cue[1:]


def test_feminine_cue_and_participle_cue() -> None:
    text = "أعلنت الشركة الوطنية للطيران أنها ستضيف عشر وجهات جديدة، مضيفة أن الأسعار لن ترتفع."
    found = quotes(text, ("الشركة الوطنية للطيران", "ORG"))
    assert [q.statement for q in found] == ["ستضيف عشر وجهات جديدة", "الأسعار لن ترتفع"]
    assert {q.speaker.name for q in found} == {"الشركة الوطنية للطيران"}
    assert [q.cue for q in found] == ["أعلن", "أضاف"]


def test_present_tense_cue() -> None:
    text = "ويقول الخبير الاقتصادي وليد الشمري إن الأسواق ستتعافى ببطء."
    q = only(text, ("وليد الشمري", "PER"))
    check(q, text, "الأسواق ستتعافى ببطء", "indirect", "وليد الشمري")


def test_verbal_noun_object() -> None:
    text = "وأكد الوزير سامي العلي استعداد بلاده للمشاركة في القمة المقبلة."
    q = only(text, ("سامي العلي", "PER"))
    check(q, text, "استعداد بلاده للمشاركة في القمة المقبلة", "indirect", "سامي العلي")


def test_appeal_with_preposition() -> None:
    text = "ودعا النائب حمد البقمي إلى تشديد الرقابة على الأسواق."
    q = only(text, ("حمد البقمي", "PER"))
    check(q, text, "تشديد الرقابة على الأسواق", "indirect", "حمد البقمي")


@pytest.mark.parametrize("form", ["بحسب ", "وفقا لـ", "حسب "])
def test_according_to_after_the_statement(form: str) -> None:
    text = f"وارتفعت أسعار القمح بنسبة عشرة في المئة خلال الشهر الماضي، {form}وزارة التجارة."
    q = only(text, ("وزارة التجارة", "ORG"))
    check(q, text, "وارتفعت أسعار القمح بنسبة عشرة في المئة خلال الشهر الماضي", "indirect", "وزارة التجارة",
          "organization")


def test_according_to_before_the_statement() -> None:
    text = "ونقلا عن مصادر محلية فإن الطريق الساحلي أغلق بسبب الأمطار."
    q = only(text)
    check(q, text, "الطريق الساحلي أغلق بسبب الأمطار", "indirect", "مصادر محلية", "unnamed")


def test_mixed_quote_is_one_statement() -> None:
    text = "واعتبر المحلل فيصل الدوسري أن القرار «خطوة في الاتجاه الصحيح» رغم تأخره."
    q = only(text, ("فيصل الدوسري", "PER"))
    check(q, text, "القرار «خطوة في الاتجاه الصحيح» رغم تأخره", "mixed", "فيصل الدوسري")


def test_attribution_after_the_fact() -> None:
    text = "وصل إلى المستشفى اثنا عشر مصابا بينهم ثلاثة أطفال. صرح بذلك مدير المستشفى الدكتور سعد الغامدي."
    q = only(text, ("سعد الغامدي", "PER"))
    check(q, text, "وصل إلى المستشفى اثنا عشر مصابا بينهم ثلاثة أطفال", "indirect", "سعد الغامدي")


def test_attribution_after_the_fact_with_a_bare_demonstrative() -> None:
    """`أوضح ذلك X` opening the next paragraph: ذلك points back; it does not open an object
    (`ذلك الناطق الإعلامي …` is not what X said)."""
    text = ("شهد المنفذ الحدودي عبور أكثر من ألف مسافر خلال عشرة أيام.\n"
            "أوضح ذلك الناطق الإعلامي للجوازات العقيد سعد الغامدي.")
    found = quotes(text, ("سعد الغامدي", "PER"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("شهد المنفذ الحدودي عبور أكثر من ألف مسافر خلال عشرة أيام", "سعد الغامدي")]


# -- what is not a quote --------------------------------------------------------------------

def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = ("تواصل قوات التحالف ضرباتها على مواقع تنظيم «داعش» في المنطقة. "
            "وعرضت القناة فيلم “رحلة إلى الجنوب” مساء أمس.")
    assert quotes(text, ("داعش", "ORG")) == []


def test_reporter_question_is_not_a_quote_but_the_answer_is() -> None:
    text = "وسألنا الوزير سامي العلي: هل ستترشح للانتخابات المقبلة؟ فأجاب: لم أقرر بعد."
    q = only(text, ("سامي العلي", "PER"))
    assert q.statement == "لم أقرر بعد"
    assert q.speaker.name == "سامي العلي"


def test_narration_with_a_non_speech_verb_is_not_a_quote() -> None:
    text = "وأضاف اللاعب ماجد الرشيد الهدف الثاني في الدقيقة العشرين، وزار الوزير المعرض."
    assert quotes(text, ("ماجد الرشيد", "PER")) == []


def test_impersonal_speech_is_not_a_quote() -> None:
    text = "ويذكر أن المهرجان يقام كل عام في الربيع. ومن المتوقع أن يزوره آلاف."
    assert quotes(text) == []


# -- resolving the speaker ------------------------------------------------------------------

def test_apposition_before_the_cue() -> None:
    text = "وأحمد الكعبي، وزير الخارجية، قال إن المفاوضات ستستأنف الأسبوع المقبل."
    q = only(text, ("أحمد الكعبي", "PER"))
    check(q, text, "المفاوضات ستستأنف الأسبوع المقبل", "indirect", "أحمد الكعبي")


def test_title_resolves_to_the_person_named_with_it() -> None:
    text = ("وقال قائد القوات البحرية اللواء بدر المطيري إن المناورات بدأت أمس. "
            "وأوضح اللواء أن السفن عادت إلى قواعدها.")
    found = quotes(text, ("بدر المطيري", "PER"))
    assert [q.statement for q in found] == ["المناورات بدأت أمس", "السفن عادت إلى قواعدها"]
    assert found[1].speaker.name == "بدر المطيري"
    assert found[1].mention == "اللواء"


def test_a_name_after_a_definite_title_is_a_person_though_tagged_as_a_body() -> None:
    # the tagger ran the name on into the statement as an organisation
    text = ("وقال المهندس سامي العتيبي إن المشروع تأخر. "
            "بدوره ألمح عضو المجلس الدكتور ماجد الرويلي إلى أخطاء في التقرير.")
    found = quotes(text, ("سامي العتيبي", "PER"), ("ماجد الرويلي إلى أخطاء", "ORG"))
    assert [q.speaker.name for q in found] == ["سامي العتيبي", "ماجد الرويلي"]


def test_surname_resolves_to_the_full_name() -> None:
    text = "وقال الباحث عمر سالم الجابري إن الدراسة استغرقت عامين. وأكد الجابري أن النتائج دقيقة."
    found = quotes(text, ("عمر سالم الجابري", "PER"), ("الجابري", "PER"))
    assert [q.speaker.name for q in found] == ["عمر سالم الجابري", "عمر سالم الجابري"]
    assert found[1].mention == "الجابري"
    assert "الجابري" in found[1].speaker.aliases


def test_elided_subject_is_the_last_speaker() -> None:
    text = "وقال المدير يوسف العنزي إن الموسم كان صعبا. ولفت إلى أن الميزانية لم تكف."
    found = quotes(text, ("يوسف العنزي", "PER"))
    check(found[1], text, "الميزانية لم تكف", "indirect", "يوسف العنزي")
    assert found[1].mention == ""


def test_gender_of_the_cue_picks_the_speaker() -> None:
    text = ("وقالت الوزيرة هند السالم إن المدارس ستفتح في موعدها. "
            "وقال المتحدث خالد العمر إن الحافلات جاهزة. "
            "وأضافت أن المناهج الجديدة طبعت.")
    found = quotes(text, ("هند السالم", "PER"), ("خالد العمر", "PER"))
    assert [q.speaker.name for q in found] == ["هند السالم", "خالد العمر", "هند السالم"]


def test_organisation_and_its_statement() -> None:
    text = "وقال بيان صادر عن وزارة الصحة إن عدد الإصابات تراجع. وأضافت الوزارة أن اللقاحات متوفرة."
    found = quotes(text, ("وزارة الصحة", "ORG"))
    assert [q.statement for q in found] == ["عدد الإصابات تراجع", "اللقاحات متوفرة"]
    assert all(q.speaker.name == "وزارة الصحة" and q.speaker.kind == "organization" for q in found)


def test_body_introduced_with_a_short_name_is_one_speaker_by_its_full_name() -> None:
    """الجمعية الخيرية للطعام "إطعام": the full name runs past the tagged words (للطعام), and
    the short name alone later is the same body; a description (التنظيم الإرهابي "داعش") is not a name."""
    text = ('أعلنت الجمعية الخيرية للطعام "إطعام" أن الحملة نجحت. وأوضحت «إطعام» أن المتطوعين كثر. '
            'وقال التنظيم الإرهابي "داعش" في بيان إن الهجوم وقع.')
    found = quotes(text, ("الجمعية الخيرية", "ORG"), ("إطعام", "ORG"), ("داعش", "ORG"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("الحملة نجحت", "الجمعية الخيرية للطعام"), ("المتطوعين كثر", "الجمعية الخيرية للطعام"),
        ("الهجوم وقع", "داعش")]
    assert found[1].speaker.aliases == ("إطعام",)


def test_given_name_ali_after_a_title_is_no_preposition() -> None:
    """علي (spelt with ي) folds like على; before a name-like word it starts the name NER missed,
    which may end in a bare nisba-shaped family name (صالحي); على before a noun stays a preposition."""
    text = ("اعلن رئيس منظمة الطاقة الذرية الايرانية علي اكبر صالحي ان روسيا ستبدا البناء. "
            "وقال صالحي ان ايران ستشهد انشطة واسعة. وأكد الوزير على أهمية التعاون.")
    found = quotes(text)
    assert [q.speaker.name for q in found[:2]] == ["علي اكبر صالحي", "علي اكبر صالحي"]
    assert all(q.speaker.kind == "person" for q in found[:2])


def test_unnamed_source_kept_as_written() -> None:
    text = "وقال مصدر مسؤول إن الاجتماع تأجل. وأضاف المصدر نفسه أن الموعد الجديد لم يحدد."
    found = quotes(text)
    assert [q.speaker.name for q in found] == ["مصدر مسؤول", "مصدر مسؤول"]
    assert all(q.speaker.kind == "unnamed" for q in found)


def test_later_source_in_the_other_number_is_the_first_description() -> None:
    text = "وقالت مصادر كويتية إن اللاعب سيعود. وأوضح المصدر أن العقد جاهز."
    found = quotes(text)
    assert [q.speaker.name for q in found] == ["مصادر كويتية", "مصادر كويتية"]


def test_later_definite_collective_is_the_first_description() -> None:
    text = "وذكرت الصحف التركية أن الزيارة تأجلت. وأضافت الصحف أن الموعد لم يحدد."
    found = quotes(text)
    assert [q.speaker.name for q in found] == ["الصحف التركية", "الصحف التركية"]
    assert all(q.speaker.kind == "group" for q in found)


def test_a_definite_body_with_adjectives_is_the_body_named_with_them() -> None:
    from app.nlp.attribution import lexicon as lx
    from app.nlp.attribution import prepare

    text = ("ونقلت صحيفة ديلي ميل البريطانية أن اللوحة أثارت جدلا كبيرا. وذكرت صحيفة لوموند الفرنسية أن المعرض "
            "أغلق. وقالت الصحيفة البريطانية إن الفنانين معروفان بمحو الخطوط.")
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("ديلي ميل", "ORG"), ("لوموند", "ORG")))
    here = doc.token_index_at(text.index("وقالت"))
    british = resolver._described_body(lx.fold("الصحيفة"), (lx.fold("البريطانية"),), here)
    assert british is not None and british.name == "صحيفة ديلي ميل البريطانية"
    assert resolver._described_body(lx.fold("الصحيفة"), (lx.fold("الأمريكية"),), here) is None
    assert quotes(text, ("ديلي ميل", "ORG"), ("لوموند", "ORG"))[-1].speaker.name == "صحيفة ديلي ميل البريطانية"


def test_and_between_after_between_is_no_cue() -> None:
    text = ("وأكد رئيس اللجنة خالد الراشد صحة المحادثات التي تمت بينه وبين مسؤولي الاتحاد حول رئاسته للجنة "
            "الانضباط.")
    q = only(text, ("خالد الراشد", "PER"))
    assert q.statement == "صحة المحادثات التي تمت بينه وبين مسؤولي الاتحاد حول رئاسته للجنة الانضباط"


def test_a_relative_clause_with_speech_of_its_own_is_a_statement_of_its_own() -> None:
    text = ("وأكد الوزير خالد العمر أن الفريق لم يتوصل إلى اتفاق مع النادي الذي أعرب مدربه سامي العلي عن "
            "استغرابه من رغبة اللاعب في الانتقال.")
    found = quotes(text, ("خالد العمر", "PER"), ("سامي العلي", "PER"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("الفريق لم يتوصل إلى اتفاق مع النادي", "خالد العمر"),
        ("استغرابه من رغبة اللاعب في الانتقال", "سامي العلي")]
    # in the present, the relative clause describes whom it is about: it reports nothing
    text = "وأعلن الوزير خالد العمر تأييده للمتظاهرين الذين يطالبون بالإصلاح في البلاد."
    assert only(text, ("خالد العمر", "PER")).statement == "تأييده للمتظاهرين الذين يطالبون بالإصلاح في البلاد"


def test_a_colon_after_a_title_labels_the_name_that_follows() -> None:
    text = ("وبدوره أكد والد الشهيد، المواطن: مسفر بن محمد المسيلي لـ\"الرياض\" أن ابنه كان بارا بوالديه. "
            "وأشار إلى أن جثمانه نقل إلى الطائف.")
    found = quotes(text, ("مسفر بن محمد المسيلي", "PER"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("ابنه كان بارا بوالديه", "مسفر بن محمد المسيلي"), ("جثمانه نقل إلى الطائف", "مسفر بن محمد المسيلي")]


def test_a_platform_is_where_words_are_published_not_who_says_them() -> None:
    text = ("أعلنت وزارة الداخلية المصرية عن ضبط 44 عنصرا. وقال بيان صادر عن وزارة الداخلية على موقع التواصل "
            "الاجتماعي (فيس بوك) اليوم إنه «تمكنت الأجهزة الأمنية من ضبط العناصر في عدة محافظات».")
    found = quotes(text, ("وزارة الداخلية المصرية", "ORG"), ("فيس بوك", "PER"))
    assert found[-1].statement == "تمكنت الأجهزة الأمنية من ضبط العناصر في عدة محافظات"
    assert found[-1].speaker.name != "فيس بوك"


@pytest.mark.parametrize("when", ["فور وصوله", "إثر وصوله"])
def test_an_adverbial_of_time_after_the_cue_is_no_subject(when: str) -> None:
    text = (f"وصل رئيس الوزراء خالد بحاح إلى مطار عدن أمس. وقال {when} في تصريحات إلى الصحفيين: "
            "«عودتي إلى عدن جزء من عملية تحريرها».")
    q = only(text, ("خالد بحاح", "PER"))
    assert (q.statement, q.speaker.name) == ("عودتي إلى عدن جزء من عملية تحريرها", "خالد بحاح")


@pytest.mark.parametrize("between", ["في الفترة ما بين 8 و10 سبتمبر", "بين 2012 و2014"])
def test_between_dates_is_no_cue(between: str) -> None:
    from app.nlp.attribution import prepare, propose

    text = f"ويقام المعرض {between} في إرسال رسالة مفادها أن السوق بخير."
    doc, resolver = prepare(text, split_sentences(text), [])
    assert not [p for p in propose(doc, resolver, broad=True) if p.candidate.cue == "بين"]


@pytest.mark.parametrize("said_to", ["لوكالة الأنباء الألمانية", "لموقع سيتي على الانترنت"])
def test_the_agency_the_words_were_said_to_is_not_the_speaker(said_to: str) -> None:
    text = (f"وقالت لينا الصالح إن الخطة لم تشرح لهم. كما قالت {said_to} إن الحادث "
            "لا يعنيها. وأضافت: «أريد فقط أن أعرف ما حدث».")
    found = quotes(text, ("لينا الصالح", "PER"), *([("سيتي", "ORG")] if "سيتي" in text else []))
    assert [q.speaker.name for q in found] == ["لينا الصالح"] * 3


def test_a_person_named_in_quotation_marks_after_a_title_is_the_subject() -> None:
    text = ('كشف المبعوث الدولي إلى اليمن "إسماعيل ولد الشيخ أحمد"؛ عن استعداد الجامعة العربية لإدارة '
            "المراقبين. ولفت إلى أن الحوثيين يؤكدون على وقف إطلاق النار.")
    found = quotes(text, ("إسماعيل", "PER"), ("أحمد", "PER"))
    assert "إسماعيل ولد الشيخ أحمد" not in [q.statement for q in found]
    assert found[-1].speaker.name == "إسماعيل ولد الشيخ أحمد"


def test_a_headline_person_described_without_a_title_is_the_one_the_body_introduces() -> None:
    text = ("قاضية أميركية: قردة الشمبانزي قد تمنح حقوقا قانونية\n"
            "قالت القاضية باربره جافي إن المطالب بمنح الحيوانات الذكية حقوقا قد تنجح يوما.")
    found = quotes(text, ("باربره جافي", "PER"))
    assert (found[0].statement, found[0].speaker.name) == ("قردة الشمبانزي قد تمنح حقوقا قانونية", "باربره جافي")
    text = "مصدر: الاجتماع تأجل إلى الأسبوع المقبل\nوقال المهندس سامي العلي إن المصدر لم يبلغه بذلك."
    assert quotes(text, ("سامي العلي", "PER"))[0].speaker.name == "مصدر"  # a source stays anonymous


def test_collective_speaker_is_a_group() -> None:
    text = "وطالب مغردون بمحاسبة المسؤولين عن التأخير."
    q = only(text)
    check(q, text, "محاسبة المسؤولين عن التأخير", "indirect", "مغردون", "group")


def test_guessed_speaker_has_lower_confidence() -> None:
    text = "وقال الوزير سامي العلي إن الخطة جاهزة. وأشار إلى أن التنفيذ يبدأ غدا."
    named, elided = quotes(text, ("سامي العلي", "PER"))
    assert elided.speaker.name == "سامي العلي"
    assert elided.confidence < named.confidence


def test_statement_reported_through_an_outlet() -> None:
    text = "ونقلت وكالة الأنباء الرسمية عن وزير المالية طارق الحمد قوله: «الميزانية ستسجل فائضا هذا العام»."
    q = only(text, ("وكالة الأنباء الرسمية", "ORG"), ("طارق الحمد", "PER"))
    check(q, text, "الميزانية ستسجل فائضا هذا العام", "direct", "طارق الحمد")


def test_it_came_in_a_statement() -> None:
    text = "وجاء في بيان للهيئة العامة للطيران المدني أن الرحلات ستعود تدريجيا."
    q = only(text, ("للهيئة العامة للطيران المدني", "ORG"))  # NER tags the token with its clitic
    check(q, text, "الرحلات ستعود تدريجيا", "indirect", "الهيئة العامة للطيران المدني", "organization")


def test_interview_answers_are_quotes_and_questions_are_not() -> None:
    text = ("وزير الطاقة: الأسعار ستستقر\n"
            "التقت الصحيفة وزير الطاقة فارس المهيري وكان هذا الحوار.\n"
            "ما توقعاتكم لأسعار النفط؟\n"
            "- أتوقع أن تستقر الأسعار خلال الربع المقبل.\n"
            "هل ستزيد المملكة إنتاجها؟\n"
            "- لا نية لذلك في الوقت الحالي.\n"
            "وماذا عن الطاقة الشمسية؟\n"
            "- المشاريع تسير حسب الخطة.")
    found = quotes(text, ("فارس المهيري", "PER"))
    answers = [q for q in found if q.start > text.index("ما توقعاتكم")]
    assert [q.statement for q in answers] == ["أتوقع أن تستقر الأسعار خلال الربع المقبل",
                                              "لا نية لذلك في الوقت الحالي", "المشاريع تسير حسب الخطة"]
    assert all(q.speaker.name == "فارس المهيري" and q.type == "direct" for q in answers)
    assert not any(q.statement.endswith("؟") for q in found)


def test_verbal_noun_cue() -> None:
    text = "ورغم إصرار الحكومة على أن الخطة ناجحة، تراجعت الصادرات."
    q = only(text, ("الحكومة", "ORG"))
    check(q, text, "الخطة ناجحة", "indirect", "الحكومة", "organization")
    assert q.cue == "أصر"


def test_a_name_the_tagger_cut_short_is_completed() -> None:
    text = "وأعلن حاكم الإقليم عبد الستار بارز لوكالة الأنباء «قتل خمسة أشخاص في الانفجار»."
    q = only(text, ("عبد الستار", "PER"))
    check(q, text, "قتل خمسة أشخاص في الانفجار", "direct", "عبد الستار بارز")


def test_a_body_the_tagger_ran_into_the_object_is_trimmed() -> None:
    text = "أعلنت وزارة الصحة الكويتية التطعيم الإلزامي لطلاب المدارس."
    q = only(text, ("وزارة الصحة الكويتية التطعيم", "ORG"))
    check(q, text, "التطعيم الإلزامي لطلاب المدارس", "indirect", "وزارة الصحة الكويتية", "organization")


def test_a_quotation_paragraph_continues_the_previous_speaker() -> None:
    text = ("وقال المدير العام ياسر الدوسري: «بدأنا تشغيل المصنع الجديد هذا الشهر».\n"
            "«وسنضاعف الإنتاج خلال عامين ونصدر إلى أسواق الخليج كلها».\n"
            "وتأسست الشركة قبل عشرين عاما.")
    found = quotes(text, ("ياسر الدوسري", "PER"))
    assert [q.statement for q in found] == ["بدأنا تشغيل المصنع الجديد هذا الشهر",
                                            "وسنضاعف الإنتاج خلال عامين ونصدر إلى أسواق الخليج كلها"]
    assert all(q.speaker.name == "ياسر الدوسري" for q in found)


def test_a_quotation_reopened_at_each_paragraph_is_one_statement() -> None:
    text = ("وقال الكاتب منصور الحربي: «الرواية بدأت فكرة صغيرة في دفتر قديم.\n"
            "«ثم كبرت حتى صارت ثلاثمائة صفحة».")
    q = only(text, ("منصور الحربي", "PER"))
    assert q.statement.startswith("الرواية بدأت") and q.statement.endswith("ثلاثمائة صفحة")
    assert q.speaker.name == "منصور الحربي"


def test_a_foreign_name_that_looks_like_a_clitic_is_kept() -> None:
    text = "وقال الجنرال فالنتين سوروكين إن القوات انسحبت."
    q = only(text, ("فالنتين سوروكين", "PER"))
    check(q, text, "القوات انسحبت", "indirect", "فالنتين سوروكين")


def test_subject_before_its_relative_clause() -> None:
    text = "وكان المحتجون الذين تجمعوا أمام مقر البلدية قالوا إن مطالبهم لم تتحقق."
    q = only(text)
    check(q, text, "مطالبهم لم تتحقق", "indirect", "المحتجون", "group")


def test_according_to_before_a_cue_leaves_the_statement_to_the_cue() -> None:
    text = "ووفقا لوكالة الأنباء، فقد ذكر الوزير نبيل الصالح أن المفاوضات متعثرة."
    q = only(text, ("نبيل الصالح", "PER"))
    check(q, text, "المفاوضات متعثرة", "indirect", "نبيل الصالح")


def test_quotation_inside_a_verbal_noun_object_makes_it_mixed_and_names_no_speaker() -> None:
    text = ('وقال جون كيري إن الاجتماع كان مثمرا. وأكد ضرورة البحث عن حل سياسي للأزمة "بما أنه لا يوجد '
            'حل عسكري".. مشيراً إلى استمرار الدعم.')
    found = quotes(text, ("جون كيري", "PER"))
    mixed = [q for q in found if q.cue == "أكد"]
    assert len(mixed) == 1
    check(mixed[0], text, 'ضرورة البحث عن حل سياسي للأزمة "بما أنه لا يوجد حل عسكري"', "mixed", "جون كيري")


def test_a_body_named_in_quotation_marks_before_its_verb_is_no_quote() -> None:
    text = "منظمة «مجموعة الأزمات الدولية» أعربت في تقرير جديد لها عن قلقها الشديد."
    assert not [q for q in quotes(text, ("مجموعة الأزمات الدولية", "ORG")) if q.type == "direct"]


def test_ali_before_bin_is_a_name_not_the_preposition() -> None:
    text = "وأوضح الدكتور علي بن ناصر الغفيص أن المؤسسة ستطرح المشروع للترسية."
    q = only(text, ("علي بن ناصر الغفيص", "PER"))
    check(q, text, "المؤسسة ستطرح المشروع للترسية", "indirect", "علي بن ناصر الغفيص")


@pytest.mark.parametrize("appeal", ["ودعا المواطنين إلى", "ودعا طهران إلى"])
def test_who_is_called_on_is_not_the_speaker(appeal: str) -> None:
    text = f"وقال الوزير فهد العلي إن الوضع مستقر. {appeal} الالتزام بالتعليمات."
    found = quotes(text, ("فهد العلي", "PER"), *([("طهران", "LOC")] if "طهران" in text else []))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("الوضع مستقر", "فهد العلي"), ("الالتزام بالتعليمات", "فهد العلي")]


def test_a_subject_before_the_addressee_still_speaks() -> None:
    text = "ودعا الرئيس سعيد الحربي المواطنين السوريين إلى العودة إلى ديارهم."
    q = only(text, ("سعيد الحربي", "PER"))
    check(q, text, "العودة إلى ديارهم", "indirect", "سعيد الحربي")


def test_a_plural_noun_tagged_as_a_person_is_no_speaker() -> None:
    text = "وقال المفتي إن الإسلام يحث على التناصح. داعياً المسلمين إلى التناصح فيما بينهم."
    assert all(q.speaker.name != "المسلمين" for q in quotes(text, ("المسلمين", "PER")))


def test_an_office_after_the_name_stays_out_of_it() -> None:
    text = "ووصف الشيخ عبدالعزيز بن عبدالله آل الشيخ مفتي عام المملكة الإشاعات بأنها مضيعة للوقت."
    q = only(text, ("عبدالعزيز بن عبدالله آل الشيخ مفتي", "PER"))
    assert q.speaker.name == "عبدالعزيز بن عبدالله آل الشيخ"


def test_mirrored_curly_marks_pair_up() -> None:
    text = ("وصرح فاوتر مولمان قائلا: ”علينا أن نفهم أن السوق تعيش فترة تصحيحية“. \n"
            "وأضاف: ”الفوز بإكسبو أدى إلى زيادة حادة في الأسعار“. \nويقام المعرض سنويا.")
    found = quotes(text, ("فاوتر مولمان", "PER"))
    assert [q.statement for q in found] == ["علينا أن نفهم أن السوق تعيش فترة تصحيحية",
                                            "الفوز بإكسبو أدى إلى زيادة حادة في الأسعار"]


def test_a_name_tagged_from_bin_on_takes_its_given_name() -> None:
    text = "برعاية وزير العمل د. مفرج بن سعد الحقباني. وأكد الحقباني أن الوزارة تدعم المنتدى."
    q = only(text, ("بن سعد الحقباني", "PER"))
    assert q.speaker.name == "مفرج بن سعد الحقباني"


def test_a_verbal_noun_after_the_name_is_the_object() -> None:
    text = "وأكد الدكتور مفرج الحقباني حرص الوزارة على دعم المنتدى."
    q = only(text, ("مفرج الحقباني", "PER"))
    check(q, text, "حرص الوزارة على دعم المنتدى", "indirect", "مفرج الحقباني")


def test_a_headline_surname_is_the_person_the_body_names_in_full() -> None:
    text = "إسلام: نعمل بخطط متوسطة وحريصون على التضامن\nوقال رئيس الاتحاد محمد إسلام: \"هناك حرص كبير على المشاركة\"."
    found = quotes(text, ("محمد إسلام", "PER"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("نعمل بخطط متوسطة وحريصون على التضامن", "محمد إسلام"), ("هناك حرص كبير على المشاركة", "محمد إسلام")]


def test_a_secretary_general_title_after_the_name_stays_out_of_it() -> None:
    text = "وقال عبدالله بن شاكر الشريف أمين عام الغرفة إن الغرفة ستدعم المراكز."
    q = only(text, ("عبدالله بن شاكر الشريف أمين", "PER"))
    assert q.speaker.name == "عبدالله بن شاكر الشريف"


def test_a_headline_title_is_the_person_the_body_introduces_with_it() -> None:
    text = ("وزير الداخلية اللبناني: هناك إجماع في بلدنا على رفض التطرف\n\n"
            "برنامج حافل أعد لوزير الداخلية اللبناني، نهاد المشنوق، في زيارته لباريس. "
            "وأكد المشنوق أن الوضع تحت السيطرة. ورأى الوزير اللبناني أن المجال المفتوح هو اتفاق إقليمي.")
    found = quotes(text, ("نهاد المشنوق", "PER"))
    assert len(found) == 3 and {q.speaker.name for q in found} == {"نهاد المشنوق"}


def test_according_to_a_bodys_accusations_names_the_body() -> None:
    text = "ووفقا لاتهامات وزارة العدل الأمريكية، فإن المصرف فتح حسابات سرية لعملاء أمريكيين."
    q = only(text, ("وزارة العدل الأمريكية", "ORG"))
    assert q.speaker.name == "وزارة العدل الأمريكية" and q.statement == "المصرف فتح حسابات سرية لعملاء أمريكيين"


def test_a_body_stops_where_its_object_starts() -> None:
    text = "واتهمت وزارة العدل الأمريكية لهذا المصرف باستخدامه أساليب متنوعة لإخفاء الأموال."
    q = only(text, ("العدل الأمريكية", "ORG"))
    assert q.speaker.name == "وزارة العدل الأمريكية"


def test_a_manner_adverb_after_the_cue_is_no_speaker() -> None:
    text = "وقال الوزير فهد العلي إن الوضع مستقر. وأكد بوضوح أن الإدارة هي المستفيد الأول."
    found = quotes(text, ("فهد العلي", "PER"))
    assert [q.speaker.name for q in found] == ["فهد العلي", "فهد العلي"]


def test_a_blessing_tagged_as_a_person_is_no_speaker() -> None:
    text = ("وقال الأمير محمد بن نايف إن الأمن مستتب. ونقل سموه -حفظه الله- للمصابين تحيات خادم الحرمين "
            "الشريفين -أيده الله- وأكد أن الدولة تقف معهم.")
    found = quotes(text, ("محمد بن نايف", "PER"), ("أيده الله", "PER"))
    assert found and {q.speaker.name for q in found} == {"محمد بن نايف"}


def test_a_relation_before_a_name_stays_out_of_it() -> None:
    text = "وأصر وكيله رامي عباس على أن الصفقة ستتم رغم التهديدات."
    q = only(text, ("وكيله رامي عباس", "PER"))
    assert q.speaker.name == "رامي عباس"


def test_a_speaker_name_carries_no_trailing_punctuation() -> None:
    text = "وبحسب المسؤولين.. فإن موجة من هجمات التماسيح ضربت القرى الواقعة حول الحديقة."
    assert all(not q.speaker.name.endswith(".") for q in quotes(text))


def test_a_cue_inside_the_subjects_relative_clause_leaves_the_main_cue_its_statement() -> None:
    text = 'وقال عدد من التجار الذين تحدثوا لـ "الاقتصادية" إن أسعار المواد الغذائية ستعاود الحركة.'
    q = only(text)
    assert (q.cue, q.speaker.name, q.speaker.kind) == ("قال", "عدد من التجار", "group")


def test_a_source_aside_after_the_cue_is_no_speaker() -> None:
    text = ("وقال الوزير فهد العلي إن الوضع مستقر. وشدد، وفقا لما نقلته وكالة الأنباء، على أن "
            "هذه الجريمة لا تمت بصلة لأي دين.")
    found = quotes(text, ("فهد العلي", "PER"))
    assert [q.speaker.name for q in found] == ["فهد العلي", "فهد العلي"]


@pytest.mark.parametrize("subject", ["حرص", "يوم", "ينسجون"])
def test_a_bare_word_after_the_cue_that_names_nobody_is_not_the_speaker(subject: str) -> None:
    text = f"وقال الوزير فهد العلي إن الوضع مستقر. وأكد {subject} الحكومة على أن الخطة ماضية."
    assert all(q.speaker.name == "فهد العلي" for q in quotes(text, ("فهد العلي", "PER")))


def test_a_plural_word_as_speaker_is_a_group() -> None:
    text = "وقال سياسيون إن الانتخابات ستجرى في موعدها."
    q = only(text)
    assert (q.speaker.name, q.speaker.kind) == ("سياسيون", "group")


def test_a_serial_saying_verb_is_not_the_speaker() -> None:
    text = "وقال المحامي فهد العلي إن اللائحة واضحة. وأضاف يقول: إن المادة لا تنطبق على المباريات الودية."
    assert all(q.speaker.name == "فهد العلي" for q in quotes(text, ("فهد العلي", "PER")))


@pytest.mark.parametrize("courtesy", ["عن شكره وتقديره لخادم الحرمين على دعمه", "عن تعازيه لأسر الضحايا"])
def test_thanks_and_condolences_are_courtesies_not_statements(courtesy: str) -> None:
    text = f"وقال الوزير فهد العلي إن الوضع مستقر. وأعرب {courtesy}."
    assert [q.statement for q in quotes(text, ("فهد العلي", "PER"))] == ["الوضع مستقر"]


def test_in_the_meantime_is_an_aside_before_the_object() -> None:
    text = "وقال جون كيري إن الاجتماع كان مثمرا. وأكد في الوقت ذاته الحاجة إلى معالجة الوضع الإنساني."
    found = quotes(text, ("جون كيري", "PER"))
    assert found[-1].statement == "الحاجة إلى معالجة الوضع الإنساني"


def test_a_circumstantial_after_the_mention_is_not_part_of_it() -> None:
    text = "وقال زوج المعلمة متحفظاً على ذكر اسمه إن ابنته حاصلة على نسبة عالية."
    q = only(text)
    assert (q.speaker.name, q.speaker.kind) == ("زوج المعلمة", "unnamed")


def test_a_call_where_it_was_said_is_not_part_of_the_mention() -> None:
    text = "وقالت ابنة المعلمة في اتصال مع الصحيفة إن والدتها راجعت الجامعة مرارا."
    q = only(text)
    assert (q.speaker.name, q.speaker.kind) == ("ابنة المعلمة", "unnamed")


def test_religious_formulas_are_not_part_of_names() -> None:
    text = "وأورد حديثا عن المستورد بن شداد رضي الله عنه عن النبي صلى الله عليه وسلم في فضل الصدقة."
    doc = Doc.build(text, split_sentences(text), ents(text, ("بن شداد رضي الله", "PER"), ("وسلم", "PER")))
    assert [(e.text, e.label) for e in repair(doc)] == [("المستورد بن شداد", "PER")]


def test_a_headline_title_given_after_a_name_in_apposition() -> None:
    text = ("رئيس الاتحاد الآسيوي يدعو إلى الاصطفاف وراء مرشح واحد في انتخابات الفيفا\n\n"
            "دعا الشيخ سلمان بن إبراهيم آل خليفة رئيس الاتحاد الآسيوي لكرة القدم المنطقة إلى الاصطفاف وراء مرشح "
            "واحد، لكنه لم يؤيد ميشيل بلاتيني رئيس الاتحاد الأوروبي لخلافة سيب بلاتر.\n"
            "وقال بلاتيني إنه سيعيد للفيفا مكانته.")
    found = quotes(text, ("سلمان بن إبراهيم آل خليفة", "PER"), ("ميشيل بلاتيني", "PER"), ("سيب بلاتر", "PER"))
    assert [q.speaker.name for q in found] == ["سلمان بن إبراهيم آل خليفة", "سلمان بن إبراهيم آل خليفة",
                                               "ميشيل بلاتيني"]


def test_a_collectives_adjectives_belong_to_its_mention() -> None:
    text = "واستنكر دبلوماسيون عرب ومصريون مزاعم نوري المالكي ضد المملكة."
    q = only(text, ("ومصريون", "PER"), ("نوري المالكي", "PER"))
    assert (q.statement, q.speaker.name) == ("مزاعم نوري المالكي ضد المملكة", "دبلوماسيون عرب ومصريون")


def test_a_hyphenated_given_name_is_one_name() -> None:
    text = "ذكر هانز - بيتر بارتلس، مفوض شؤون الدفاع، أن المهمة صعبة. وقال بارتلس إن الدفاع الجوي ضروري."
    found = quotes(text, ("هانز", "PER"), ("بيتر بارتلس", "PER"), ("بارتلس", "PER"))
    assert {q.speaker.name for q in found} == {"هانز - بيتر بارتلس"}


def test_a_place_tagged_as_a_person_is_no_speaker() -> None:
    text = "واعتبر وزير الداخلية المحلي لولاية ساكسونيا السفلى، بوريس بيستوريوس، أن النزاع يصعب العبور."
    q = only(text, ("لولاية ساكسونيا", "PER"), ("بوريس بيستوريوس", "PER"))
    assert q.speaker.name == "بوريس بيستوريوس"


def test_a_plural_verb_follows_its_subject_and_its_object_is_no_speaker() -> None:
    text = "جنرالات إسرائيليون يطالبون نتنياهو بقبول الاتفاق مع إيران\n\nوقال مسؤول إن الحكومة تدرس الطلب."
    found = quotes(text, ("نتنياهو", "PER"))
    assert (found[0].statement, found[0].speaker.name, found[0].speaker.kind) == (
        "قبول الاتفاق مع إيران", "جنرالات إسرائيليون", "group")


def test_a_name_ending_like_a_plural_stays_a_person() -> None:
    q = only("وقال جونسون إن الحكومة ستعلن خطتها الأسبوع المقبل.", ("جونسون", "PER"))
    assert (q.speaker.name, q.speaker.kind) == ("جونسون", "person")


def test_a_quoted_name_opening_reported_content_is_part_of_it() -> None:
    text = 'وكشف سامي الحسيني المتحدث باسم "مدن" أن "مدن" تعتزم بناء مجمعات سكنية في المدن الصناعية.'
    q = only(text, ("سامي الحسيني", "PER"))
    check(q, text, '"مدن" تعتزم بناء مجمعات سكنية في المدن الصناعية', "indirect", "سامي الحسيني")


def test_a_short_quotation_after_a_complementiser_is_still_the_statement() -> None:
    text = "وقال الوزير سامي العلي إن «الوضع مستقر»، مضيفا أن الحكومة تتابع التطورات."
    found = quotes(text, ("سامي العلي", "PER"))
    assert [(q.statement, q.type) for q in found] == [("الوضع مستقر", "direct"),
                                                     ("الحكومة تتابع التطورات", "indirect")]


def test_a_cue_with_its_own_content_does_not_take_the_quotation_before_it() -> None:
    text = ("وردا على دعوة المالكي إلى وضع المملكة «تحت الوصاية الدولية»، أكد المتحدث الرسمي باسم "
            "الرئاسة، خالد شواني، أن هذه التصريحات لا تمثل الموقف الرسمي.")
    q = only(text, ("المالكي", "PER"), ("خالد شواني", "PER"))
    check(q, text, "هذه التصريحات لا تمثل الموقف الرسمي", "indirect", "خالد شواني")


def test_an_honorific_means_the_person_named_with_its_title_not_the_last_speaker() -> None:
    text = ("استعرض صاحب السمو الأمير جلوي بن عبدالعزيز أمير المنطقة المشروعات، حيث أوضح الدكتور علي الغفيص "
            "محافظ المؤسسة أن المؤسسة ستطرح المشروع قريبا. ونوه سموه بالمبادرات التي قدمتها المؤسسة للمواطنين.")
    found = quotes(text, ("جلوي بن عبدالعزيز", "PER"), ("علي الغفيص", "PER"))
    assert [(q.speaker.name, q.mention) for q in found] == [("علي الغفيص", "الدكتور علي الغفيص محافظ المؤسسة"),
                                                            ("جلوي بن عبدالعزيز", "سموه")]


def test_an_honorific_stays_with_a_speaker_the_article_gave_its_title() -> None:
    text = ("وأكد صاحب السمو الأمير فيصل بن خالد أن المنطقة آمنة. وحضر اللقاء الدكتور سامي العلي. "
            "وأضاف سموه أن الخطة تمضي كما رسمت.")
    found = quotes(text, ("فيصل بن خالد", "PER"), ("سامي العلي", "PER"))
    assert {q.speaker.name for q in found} == {"فيصل بن خالد"}


@pytest.mark.parametrize("addressee", ["المولى", "الله"])
def test_a_prayer_is_no_statement(addressee: str) -> None:
    text = f"وقال الأمير فيصل بن خالد إن الوطن بخير، داعيا {addressee} أن يحفظ البلاد من كل سوء."
    found = quotes(text, ("فيصل بن خالد", "PER"))
    assert [q.statement for q in found] == ["الوطن بخير"]


@pytest.mark.parametrize("citation", [
    "قال الله تعالى: {وما أموالكم ولا أولادكم بالتي تقربكم عندنا زلفى}",
    "وقال صلى الله عليه وسلم: «إن الأنبياء يتباهون أيهم أكثر أصحابا من أمته»",
    "وعن أبي ذر رضي الله عنه، عن النبي ﷺ قال: «آنيته أكثر من عدد نجوم السماء»",
    "وعن سمرة رضي الله عنه قال: «كنا عند النبي صلى الله عليه وسلم في المسجد»",
    "وعن زيد بن خالد عن النبي صلى الله عليه وسلم أنه قال: «هل تدرون ما الكوثر»",
    "ويقول الشاعر: «وما نيل المطالب بالتمني ولكن تؤخذ الدنيا غلابا»",
])
def test_scripture_and_hadith_are_cited_not_stated(citation: str) -> None:
    text = f"وقال الشيخ سامي العلي إن الصدقة باب من أبواب الخير. {citation}. وأضاف العلي أن الزكاة حق."
    found = quotes(text, ("سامي العلي", "PER"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("الصدقة باب من أبواب الخير", "سامي العلي"), ("الزكاة حق", "سامي العلي")]


@pytest.mark.parametrize("voiceless", [
    "وأشارت المادة (28) إلى أنه «يعد مستثمرا كل من استأجر عقارا بلديا»",
    "ويقول التعميم: «على الجامعات إيقاف القبول في البرنامج»",
    "العقل يقول: إن الحب طاقة مؤقتة",
    "وكأن لسان حالهم جميعا يقول: «كلنا فداء للوطن»",
])
def test_laws_and_figurative_speakers_say_nothing(voiceless: str) -> None:
    text = f"وقال رئيس اللجنة سامي العلي إن الترشح مفتوح للجميع. {voiceless}."
    found = quotes(text, ("سامي العلي", "PER"))
    assert [q.statement for q in found] == ["الترشح مفتوح للجميع"]


def test_a_description_the_titles_do_not_know_runs_into_the_name() -> None:
    text = ("حذر إمام وخطيب المسجد الحرام فضيلة الشيخ عبدالرحمن السديس، من فتن الشبهات التي غزت كثيرا من "
            "شباب الأمة.")
    q = only(text, ("عبدالرحمن السديس", "PER"))
    check(q, text, "فتن الشبهات التي غزت كثيرا من شباب الأمة", "indirect", "عبدالرحمن السديس")


def test_a_headline_description_means_the_person_the_body_names_after_it() -> None:
    text = ("ملياردير كوري: رئاسة «فيفا» صعبة .. سأحاول\n\n"
            "سيعلن الملياردير الكوري الجنوبي تشونج مونج-جون ترشحه لرئاسة الاتحاد الدولي لكرة القدم.")
    tagged = [Entity("كوري", "PER", 9, 13), *ents(text, ("تشونج مونج-جون", "PER"))]  # the headline's word only
    found = find_quotes(text, split_sentences(text), tagged)
    assert [(q.statement, q.speaker.name) for q in found] == [("رئاسة «فيفا» صعبة .. سأحاول", "تشونج مونج-جون")]


def test_an_adjective_shaped_like_a_participle_cue_reports_nothing() -> None:
    text = "أكد الوزير سامي العلي أن البلاد بخير. وفرضت السلطات قيودا مشددة على مرور الأجانب عبر أراضيها."
    assert [q.statement for q in quotes(text, ("سامي العلي", "PER"))] == ["البلاد بخير"]


def test_headquarters_is_no_cue() -> None:
    text = "وأفادت المنظمة الحقوقية التي تتخذ مقرا في لندن أن السلطات أعدمت مئات الأشخاص."
    q = only(text, ("لندن", "LOC"))
    assert (q.statement, q.cue) == ("السلطات أعدمت مئات الأشخاص", "أفاد")


def test_the_club_spelt_with_ya_is_no_cue() -> None:
    text = "كشف رئيس نادي برشلونة جوسيب بارتوميو أن النادي لن يبرم تعاقدات جديدة."
    q = only(text, ("برشلونة", "ORG"), ("جوسيب بارتوميو", "PER"))
    assert (q.statement, q.cue, q.speaker.name) == ("النادي لن يبرم تعاقدات جديدة", "كشف", "جوسيب بارتوميو")


def test_a_feminine_participle_after_a_definite_noun_is_still_a_cue() -> None:
    text = "وأعلنت الوزارة فتح باب التسجيل للمتقدمين المسجلين موضحة أن الاختبار يبدأ الأحد المقبل."
    found = quotes(text)
    assert "الاختبار يبدأ الأحد المقبل" in [q.statement for q in found]


def test_a_courtesy_is_no_statement_but_its_subject_carries_on() -> None:
    text = ("وقال الأمير محمد بن نايف إن الوطن بخير. من جهتهم أعرب ذوو الشهداء عن شكرهم وتقديرهم للأمير "
            "على مواساته، مؤكدين أن هذا هو ديدن القيادة الرشيدة.")
    found = quotes(text, ("محمد بن نايف", "PER"))
    assert [(q.statement, q.speaker.name) for q in found] == [("الوطن بخير", "محمد بن نايف"),
                                                             ("هذا هو ديدن القيادة الرشيدة", "ذوو الشهداء")]


def test_an_elided_subject_is_the_titled_subject_of_the_sentence_verb() -> None:
    text = ("وأعرب رئيس المنتدى د. إيهاب أبوركبة عن سعادته لرعاية وزير العمل د. مفرج الحقباني للمنتدى، "
            "مؤكداً أن حرص الوزارة على دعم المنتدى يعكس أهميته.")
    q = only(text, ("إيهاب أبوركبة", "PER"), ("مفرج الحقباني", "PER"))
    assert (q.statement, q.speaker.name) == ("حرص الوزارة على دعم المنتدى يعكس أهميته", "إيهاب أبوركبة")


def test_a_bare_verb_after_a_comma_follows_its_named_subject() -> None:
    text = ("وقالت ابنة المعلمة إن والدتها انهارت. يُذكر أن المتحدث الرسمي باسم وزارة التعليم مبارك العصيمي، "
            "أوضح أمس قيام الوزير بتشكيل لجنة للتحقيق.")
    found = quotes(text, ("مبارك العصيمي", "PER"))
    assert [(q.statement, q.speaker.name) for q in found][-1] == ("قيام الوزير بتشكيل لجنة للتحقيق", "مبارك العصيمي")


def test_between_before_a_colon_is_no_cue() -> None:
    text = 'وقال الأمير محمد إن البرنامج ينتج بالشراكة بين: "القناة الثقافية" و"جمعية الثقافة والفنون".'
    assert [q.statement for q in quotes(text, ("محمد", "PER"))] == [
        'البرنامج ينتج بالشراكة بين: "القناة الثقافية" و"جمعية الثقافة والفنون"']


def test_a_title_of_a_body_runs_on_to_the_untagged_name() -> None:
    text = "وأوضح الناطق الإعلامي لمديرية الشؤون الصحية بمحافظة الطائف عيضة الهذلي أنه تم الوقوف على المستشفى."
    q = only(text, ("الطائف", "LOC"))
    assert (q.statement, q.speaker.name) == ("تم الوقوف على المستشفى", "عيضة الهذلي")


@pytest.mark.parametrize("text, reports", [
    ("ذكرت تقارير إخبارية، أمس، أن السوق العقارية الصينية تواصل التعافي.", "تقارير إخبارية"),
    ("وقال المدرب رامي عباس إن اللاعب سيقبل. وذكرت التقارير أن السوق العقارية الصينية تواصل التعافي.", "التقارير"),
])
def test_reports_of_no_named_body_are_the_media(text: str, reports: str) -> None:
    q = quotes(text, *([("رامي عباس", "PER")] if "رامي عباس" in text else []))[-1]
    assert (q.statement, q.speaker.name, q.speaker.kind) == (
        "السوق العقارية الصينية تواصل التعافي", reports, "group")


def test_a_document_may_open_a_long_mention_zone() -> None:
    text = ("وأوضح التقرير الذي صدر عن مؤسسة النقد العربي السعودي مؤخرا وتلقت وكالة الأنباء نسخة منه أن معظم "
            "الزيادة طرأت في القروض الاستهلاكية.")
    q = only(text, ("مؤسسة النقد العربي السعودي", "ORG"))
    assert q.statement == "معظم الزيادة طرأت في القروض الاستهلاكية"


def test_bayyana_before_a_name_and_an_complementiser_is_a_cue() -> None:
    text = "في حين بين عبد الله كدسة أن المشهد الداخلي لم يحقق النجاح المطلوب، وبين المدينتين مسافة طويلة."
    q = only(text, ("عبد الله كدسة", "PER"))
    assert (q.statement, q.cue, q.speaker.name) == ("المشهد الداخلي لم يحقق النجاح المطلوب", "بين", "عبد الله كدسة")


def test_a_definite_statement_is_the_one_of_the_body_named_before() -> None:
    text = ("يذكر أن وزارة الدفاع الجزائرية كانت قد أعلنت مقتل جنود. وجاء في البيان، أنه «على إثر عملية بحث "
            "وتمشيط بمنطقة جبل اللوح تعرضت مفرزة للجيش لإطلاق نار».")
    found = quotes(text, ("وزارة الدفاع الجزائرية", "ORG"))
    assert (found[-1].cue, found[-1].speaker.name) == ("جاء", "وزارة الدفاع الجزائرية")


def test_a_definite_report_is_the_one_of_the_body_quoted_with_it() -> None:
    text = ("وحسب «مجموعة الأزمات الدولية» في تقرير فإن البرنامج لم يحسن الأمن. وقال القائد حاجي إن الوضع صعب. "
            "كذلك جاء في التقرير أن الأمر «الأكثر شيوعًا أن تسمع شكاوى من الشرطة المحلية».")
    found = quotes(text, ("حاجي", "PER"))
    assert (found[-1].cue, found[-1].speaker.name) == ("جاء", "مجموعة الأزمات الدولية")


def test_an_indefinite_plural_of_people_is_a_group() -> None:
    q = only("وأكد مستثمرون أجانب أن جدة ستدخل قريبا قائمة المدن ذات القوة الاقتصادية.")
    assert (q.speaker.name, q.speaker.kind) == ("مستثمرون أجانب", "group")


def test_a_name_ending_like_a_plural_is_no_group() -> None:
    text = "ويرى ميلتون ازراتي أن الديون منخفضة. وقال ميلتون إن الحكومة تملك خيارات أخرى."
    assert {q.speaker.name for q in quotes(text, ("ميلتون ازراتي", "PER"))} == {"ميلتون ازراتي"}


def test_an_adverb_before_a_long_subject_and_a_colon() -> None:
    text = "وقال أيضاً الطالبان أسامة المالكي ، وحمد الشايب : إن البرنامج حفز فيهم روح الفريق الواحد."
    q = only(text, ("أسامة المالكي", "PER"), ("حمد الشايب", "PER"))
    assert (q.statement, q.speaker.name) == ("إن البرنامج حفز فيهم روح الفريق الواحد", "أسامة المالكي")


def test_a_topic_after_amma_is_no_speaker_when_a_titled_subject_follows_the_verb() -> None:
    text = "أما فيما يتعلق بمشاريع الطرق فقد بين المهندس عدنان السيد بأن الأمانة نفذت عددا كبيرا من الطرق."
    q = only(text, ("عدنان السيد", "PER"))
    assert (q.statement, q.speaker.name) == ("الأمانة نفذت عددا كبيرا من الطرق", "عدنان السيد")


def test_a_surname_before_the_verb_is_the_person_named_in_full_before() -> None:
    text = ("وقال القائد حمود المخلافي إن القتال مستمر. وقال القيادي عبدالقادر هلال إن العرض قائم. "
            "إلا أن المخلافي أكد أن المقاومة جزء من التحالف.")
    found = quotes(text, ("حمود المخلافي", "PER"), ("عبدالقادر هلال", "PER"))
    assert [q.speaker.name for q in found] == ["حمود المخلافي", "عبدالقادر هلال", "حمود المخلافي"]


def test_a_titles_genitive_is_no_name() -> None:
    text = ("افتتح صاحب السمو الملكي الأمير خالد الفيصل السوق. وقال سمو أمير منطقة مكة المكرمة رئيس اللجنة "
            "الإشرافية لسوق عكاظ: إن تنمية الثقافة طريقنا نحو بناء الإنسان.")
    found = quotes(text, ("خالد الفيصل", "PER"), ("مكة", "LOC"), ("عكاظ", "ORG"))
    assert [q.speaker.name for q in found] == ["خالد الفيصل"]


@pytest.mark.parametrize("text", [
    "وسجلت تسلا إنفاقا كبيرا في النصف الأول وهو ما يشير إلى أنها ستنفق نحو 700 مليون دولار أخرى.",
    "ونما النشاط الصناعي بأسرع وتيرة بما يشير إلى احتمال تعافي النمو الاقتصادي ببطء.",
    'وقد سطعت بوادر النجاح عبر وسائل التواصل الاجتماعي من خلال الحديث عن "السوبر السعودي في لندن".',
])
def test_which_shows_and_via_are_no_speech(text: str) -> None:
    assert find_quotes(text, split_sentences(text), ents(text, *([("تسلا", "ORG")] if "تسلا" in text else []))) == []


def test_abbara_with_a_quoted_name_before_an_is_a_cue() -> None:
    text = 'من جانبه، عبر مدرب المنتخب "جورج إيفانوف" عن سعادته بالفوز، وقال: "قدم اللاعبون مستوى مميزا".'
    found = quotes(text, ("جورج إيفانوف", "PER"))
    assert [(q.cue, q.speaker.name) for q in found] == [("عبر", "جورج إيفانوف"), ("قال", "جورج إيفانوف")]


def test_the_noun_description_is_no_cue_and_many_are_a_group() -> None:
    text = ("ويهدف المعجم إلى صحة وصف وثبات البيانات المستخدمة بين أطراف القطاع. فيما سخر كثيرون من القضية، "
            "معتبرين أن الخلاف لا يشكل قضية حساسة.")
    q = only(text)
    assert (q.statement, q.speaker.name, q.speaker.kind) == ("الخلاف لا يشكل قضية حساسة", "كثيرون", "group")


def test_a_sentence_subject_body_stops_before_a_preposition() -> None:
    text = "وتطرق تقرير مؤسسة النقد إلى نظام سداد للمدفوعات، مبينا أن عدد المفوترين بلغ 139 مفوترا."
    q = only(text)
    assert (q.statement, q.speaker.name) == ("عدد المفوترين بلغ 139 مفوترا", "مؤسسة النقد")


def test_a_mark_before_a_full_stop_closes_and_opens_nothing() -> None:
    text = ("وأكد الوزير خالد العمري أن هذه الأعمال لن تثني رجال الأمن عن التصدي لها “.\n"
            "وأوضح الناطق باسم الوزارة سعد الحربي أن التحقيق مستمر.\n"
            "وقال العمري إن عناصر ”داعش” لن يفلتوا.")
    found = quotes(text, ("خالد العمري", "PER"), ("سعد الحربي", "PER"), ("العمري", "PER"))
    assert [q.statement for q in found] == ["هذه الأعمال لن تثني رجال الأمن عن التصدي لها",
                                            "التحقيق مستمر", "عناصر ”داعش” لن يفلتوا"]


def test_a_name_ending_in_allah_keeps_it() -> None:
    text = "وقال زعيم الحزب حسن نصر الله إن الحزب يثق في الدعم. وأضاف مجلس الأمن حفظه الله أن الوضع هادئ."
    found = quotes(text, ("حسن نصر الله", "PER"))
    assert found[0].speaker.name == "حسن نصر الله"


def test_a_report_speaks_for_the_body_that_issued_it() -> None:
    text = ("وأشار تقرير حديث أصدرته منظمة العفو الدولية إلى أن السجون مكتظة. "
            "وأوضح التقرير أن عدد المعتقلين تضاعف خلال العام.")
    found = quotes(text, ("منظمة العفو الدولية", "ORG"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("السجون مكتظة", "منظمة العفو الدولية"), ("عدد المعتقلين تضاعف خلال العام", "منظمة العفو الدولية")]


def test_the_kin_of_a_named_person_speak_not_the_person() -> None:
    text = "وأكد أهالي وذوو الشهيد خالد العمري أن الحادث لن يثنيهم عن دعم رجال الأمن."
    q = only(text, ("خالد العمري", "PER"))
    assert q.statement == "الحادث لن يثنيهم عن دعم رجال الأمن"
    assert q.speaker.name == "أهالي وذوو الشهيد خالد العمري" and q.speaker.kind == "group"


def test_a_datelines_reporter_is_nobody_the_article_quotes() -> None:
    text = ("المبعوث الأممي: الحل السياسي هو الحل الوحيد\n"
            "سامي الكردي- وكالة- متابعة: كشف المبعوث الدولي إلى اليمن مراد الحسني عن خطة جديدة. "
            "وأوضح المبعوث الأممي أن الحل السياسي هو الحل الوحيد.")
    found = quotes(text, ("سامي الكردي", "PER"), ("مراد الحسني", "PER"))
    assert found and {q.speaker.name for q in found} == {"مراد الحسني"}


def test_a_name_split_at_a_joiner_is_one_name() -> None:
    text = "وقال إسماعيل ولد الشيخ أحمد إن المحادثات ستستأنف الأسبوع المقبل."
    q = only(text, ("إسماعيل", "PER"), ("أحمد", "PER"))
    assert q.speaker.name == "إسماعيل ولد الشيخ أحمد"


def test_the_feminine_participle_of_ashara_is_a_cue() -> None:
    text = "وأكدت رئيسة الفريق سلمى الحربي أن المعرض نجح، مشيرة إلى أن الفريق يطمح إلى تنظيمه سنويا."
    found = quotes(text, ("سلمى الحربي", "PER"))
    assert [(q.statement, q.cue, q.speaker.name) for q in found] == [
        ("المعرض نجح", "أكد", "سلمى الحربي"), ("الفريق يطمح إلى تنظيمه سنويا", "أشار", "سلمى الحربي")]


def test_a_time_phrase_after_the_cue_is_not_its_subject() -> None:
    text = ("وتعمل وزارة الطاقة على المشروع منذ سنوات. وقالت رئيسة البلدية ليلى حداد إن المنازل تنتظر الكهرباء. "
            "وكانت الوزارة قد أعلنت العام الماضي أن الشبكة ستتوسع.")
    found = quotes(text, ("ليلى حداد", "PER"), ("وزارة الطاقة", "ORG"))
    assert [(q.statement, q.speaker.name) for q in found] == [
        ("المنازل تنتظر الكهرباء", "ليلى حداد"), ("الشبكة ستتوسع", "وزارة الطاقة")]


@pytest.mark.parametrize(("text", "statement"), [
    ("وقال النائب سامي العلي إن الحكومة ستستقيل، كما أيد إجراء انتخابات مبكرة.", "الحكومة ستستقيل"),
    ("وأوضح رئيس النادي سامي العلي أنه لم يتلق أي عرض رسمي، ولكنه أبدى تفهمه لرغبة اللاعب.",
     "لم يتلق أي عرض رسمي"),
])
def test_a_cue_after_a_comma_and_a_connector_ends_the_statement(text: str, statement: str) -> None:
    q = only(text, ("سامي العلي", "PER"))
    assert q.statement == statement and q.speaker.name == "سامي العلي"


def test_a_description_the_finder_cut_short_is_named_in_full() -> None:
    text = "وانتقدت مصادر دبلوماسية في الحكومة اليمنية الأمم المتحدة، مشيرة إلى أن الدول الغربية لم ترسل أية مساعدات."
    found = quotes(text, ("الأمم المتحدة", "ORG"))
    said = next(q for q in found if q.cue == "أشار")
    assert said.statement == "الدول الغربية لم ترسل أية مساعدات"
    assert said.speaker.name == "مصادر دبلوماسية في الحكومة اليمنية"
    assert "مصادر دبلوماسية في الحكومة" in said.speaker.aliases


def test_ali_ending_a_tagged_name_is_the_name_not_a_preposition() -> None:
    # folded, the name علي is the preposition على: cut off, أحمد would be taken for the other أحمد
    text = "وقال أحمد يحيى البرعي إن الإجراءات سريعة. وأوضح أحمد علي زيح أن اليمنيين استبشروا خيرا."
    found = quotes(text, ("أحمد يحيى البرعي", "PER"), ("أحمد علي", "PER"))
    assert [q.speaker.name for q in found] == ["أحمد يحيى البرعي", "أحمد علي زيح"]


def test_the_name_words_the_tagger_left_before_the_complementiser_end_the_name() -> None:
    text = "وأوضح المهندس صالح بن حسين قدح أن الفعالية ناجحة. وقال برنار باجوليه، إن الوضع صعب جدا."
    found = quotes(text, ("صالح بن حسين", "PER"), ("برنار", "PER"))
    assert [q.speaker.name for q in found] == ["صالح بن حسين قدح", "برنار باجوليه"]


def test_a_circumstantial_participle_of_a_rarer_cue_ends_the_statement_before_it() -> None:
    text = ("وأكد المهندس سامي العلي أن الخدمات متاحة للجميع عبر الموقع، حاثاً المواطنين على التسجيل المبكر. "
            "وقال المهندس سامي العلي إن النمو المتوقع كبير، منتقداً تأخر الإجراءات الحكومية.")
    found = [(q.cue, q.statement, q.speaker.name) for q in quotes(text, ("سامي العلي", "PER"))]
    assert found == [("أكد", "الخدمات متاحة للجميع عبر الموقع", "سامي العلي"),
                     ("حث", "التسجيل المبكر", "سامي العلي"),
                     ("قال", "النمو المتوقع كبير", "سامي العلي"),
                     ("انتقد", "تأخر الإجراءات الحكومية", "سامي العلي")]  # no subject after a participle


@pytest.mark.parametrize("word", ["المتوقع", "منتقدين", "ملاحظة", "متوقعة"])
def test_the_adjective_and_noun_forms_of_those_participles_are_no_cues(word: str) -> None:
    from app.nlp.attribution import lexicon as lx

    assert lx.cue_form(lx.fold(word)) is None


@pytest.mark.parametrize("cue", ["وكشف", "وذكر", "وأكد"])
def test_speech_a_source_relays_from_another_is_the_others(cue: str) -> None:
    # GUIDELINES, decision 6: X نقلا عن Y is Y's, whatever the cue
    text = f"{cue} موقع فيتو نقلا عن صحيفة الغارديان أن محبي الفنون أصيبوا بصدمة كبيرة."
    q = only(text, ("فيتو", "ORG"), ("الغارديان", "ORG"))
    assert q.speaker.name == "صحيفة الغارديان"


def test_a_body_whose_name_is_in_quotation_marks_is_named_without_them() -> None:
    text = "كشفت صحيفة “ديلي ميل” البريطانية، حقيقة اللقطات المتداولة في وسائل الإعلام، مؤكدة أن الصور عبارة عن عمل فني."
    q = only(text, ("ديلي ميل", "ORG"))
    check(q, text, "الصور عبارة عن عمل فني", "indirect", "صحيفة ديلي ميل البريطانية", "organization")


@pytest.mark.parametrize(("name", "kind", "tidy"), [
    ("الصحف التركية امس", "group", "الصحف التركية"), ("محتجون صينيون اليوم الأربعاء", "group", "محتجون صينيون"),
    ("ماليون لـ اليوم", "group", "ماليون"), ("لـ", "unnamed", "مصدر غير محدد"), ("8", "unnamed", "مصدر غير محدد"),
    ("محمد الخميس", "person", "محمد الخميس")])
def test_a_speaker_is_written_without_the_time_or_preposition_its_mention_ran_into(name, kind, tidy) -> None:
    from app.nlp.attribution.speakers.words import tidy_speaker
    from app.nlp.types import Speaker

    assert tidy_speaker(Speaker(name, kind)).name == tidy


@pytest.mark.parametrize("adverb", ["بصورة خاصة", "بشكل قاطع", "بكل وضوح"])
def test_an_adverb_after_the_subject_is_not_part_of_its_mention(adverb: str) -> None:
    text = f"وأشار الرئيس الروسي {adverb} إلى أن التنظيمات الإرهابية تشكل خطرا كبيرا."
    assert only(text).mention == "الرئيس الروسي"


def test_an_agency_the_tagger_split_and_took_for_a_person_is_whom_it_was_said_to() -> None:
    text = "واوضح وحيد سعودي مدير عام التحاليل في هيئة الارصاد لفرانس برس ان درجات الحرارة اعلى من المعدل المعتاد."
    assert only(text, ("لفرانس", "PER"), ("برس", "ORG")).speaker.name == "وحيد سعودي"


def test_a_new_clause_whose_cue_has_a_pronoun_object_is_its_own_statement() -> None:
    from app.nlp.attribution import prepare, propose

    text = ("وأشاد المهندس زياد الفهد بالخطوة التي تنفذ للمرة الثانية عبر الإنترنت، "
            "ووصفها بالطريقة الحضارية في إدارة المخيمات.")
    found = quotes(text, ("زياد الفهد", "PER"))
    assert [q.statement for q in found] == ["الخطوة التي تنفذ للمرة الثانية عبر الإنترنت"]
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("زياد الفهد", "PER")))
    described = [p for p in propose(doc, resolver, broad=True) if p.candidate.cue == "وصف"]
    assert len(described) == 1 and text[described[0].candidate.start:described[0].candidate.end].endswith(
        "الطريقة الحضارية في إدارة المخيمات")
    # a relative clause (التي وصفها بأنها) is no new clause: the statement runs on
    text = "وقال المهندس زياد الفهد إن الأزمة التي وصفها بأنها كارثية لن تحل إلا سلميا."
    assert only(text, ("زياد الفهد", "PER")).statement == "الأزمة التي وصفها بأنها كارثية لن تحل إلا سلميا"


@pytest.mark.parametrize(("text", "statement", "body"), [
    ("وأعلنت الداخلية السعودية عن استشهاد ثلاثة من عناصر حرس الحدود.", "استشهاد ثلاثة من عناصر حرس الحدود",
     "الداخلية السعودية"),
    ("وقالت الخارجية الأمريكية إن الولايات المتحدة تدين الهجمات.", "الولايات المتحدة تدين الهجمات",
     "الخارجية الأمريكية")])
def test_a_ministry_named_by_its_shorthand_is_a_body(text: str, statement: str, body: str) -> None:
    check(only(text), text, statement, "indirect", body, "organization")


def test_an_adjective_after_a_title_is_no_family_name() -> None:
    text = ("وقال ستيف مكلارين مدرب نيوكاسل إن الفريق جاهز. "
            "وقال المدرب السابق لمنتخب انجلترا \"الطاقم الفني قام بعمل عظيم\".")
    found = quotes(text, ("ستيف مكلارين", "PER"), ("نيوكاسل", "ORG"))
    assert [q.speaker.name for q in found] == ["ستيف مكلارين", "ستيف مكلارين"]


def test_the_object_of_a_demand_follows_an_aside_closed_by_a_comma() -> None:
    text = "وطالب المهندس زياد الفهد في كلمته التي ألقاها في حفل افتتاح الملتقى الأول، بالاستفادة من تجارب الدول العربية."
    q = only(text, ("زياد الفهد", "PER"))
    check(q, text, "الاستفادة من تجارب الدول العربية", "indirect", "زياد الفهد")


def test_who_a_participle_of_appeal_addresses_is_not_its_speaker() -> None:
    from app.nlp.attribution import prepare, propose

    text = "وانتقد أسامة النجيفي أداء الحكومة، داعياً مجلس النواب إلى استضافة الحكومة ومساءلتها."
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("أسامة النجيفي", "PER"), ("مجلس النواب", "ORG")))
    appeal = next(p for p in propose(doc, resolver, broad=True) if p.candidate.cue == "دعا")
    assert appeal.rule.speaker.name == "أسامة النجيفي"


def test_a_doubted_statement_running_into_an_accepted_one_ends_at_its_cue() -> None:
    from app.nlp.attribution import prepare, propose

    text = ("وطالب المديفر بتوفير سياسة الشباك الواحد للمستثمرين تسهيلا لهم مشدداً على ضرورة التسهيل "
            "العاجل للمستثمرين الخليجيين.")
    doc, resolver = prepare(text, split_sentences(text), [])
    spans = {p.candidate.cue: text[p.candidate.start:p.candidate.end] for p in propose(doc, resolver, broad=True)}
    assert spans["شدد"] == "ضرورة التسهيل العاجل للمستثمرين الخليجيين"
    assert spans["طالب"].endswith("للمستثمرين تسهيلا لهم")


def test_a_courtesy_said_with_another_verb_names_whom_the_next_elided_subject_means() -> None:
    # قدم … شكره is no statement, but its subject is who نوه and قال go on with
    text = ("وقال الدكتور زياد الفهد إن الحملة شملت جميع فئات المجتمع. "
            "من جانبه قدم الدكتور سامي العلي، شكره لأمير المنطقة على دعمه. "
            "ونوه بما تقوم به الجمعية من جهود كبيرة في التوعية.")
    found = quotes(text, ("زياد الفهد", "PER"), ("سامي العلي", "PER"))
    assert [(q.cue, q.speaker.name) for q in found] == [("قال", "زياد الفهد"), ("نوه", "سامي العلي")]


def test_a_title_and_a_family_name_shaped_like_an_adjective_is_the_person_named_so() -> None:
    # الشثري ends like السعودي, but the article names سعد الشثري: not whoever else is a الدكتور
    text = ("حضر الحفل مستشار الأمير سعد الشثري. وقال مدير الجامعة الدكتور عبدالإله باناجة إن الحفل ناجح. "
            "وأكد الدكتور الشثري أن التوعية مسؤولية الجميع في المجتمع.")
    found = quotes(text, ("عبدالإله باناجة", "PER"), ("سعد الشثري", "PER"))
    assert [q.speaker.name for q in found] == ["عبدالإله باناجة", "سعد الشثري"]


def test_an_untagged_name_after_a_persons_title_is_a_person() -> None:
    text = "التشكيلية مها الملوح حثت الفنان على الاستمرار في البحث. وأضافت الملوح قائلة: \"الفن وسيلة للنظر في تجاربنا\"."
    found = quotes(text)
    assert [q.speaker.name for q in found] == ["مها الملوح", "مها الملوح"]


@pytest.mark.parametrize("phrase", ["مدينة الملك عبدالعزيز الطبية", "الفريق متعدد التخصصات", "اللاعب يحب التتويج"])
def test_a_title_before_other_words_names_no_one(phrase: str) -> None:
    from app.nlp.attribution import prepare

    text = f"وقال مصدر مسؤول إن {phrase} ستكون في الموعد المحدد."
    doc, _ = prepare(text, split_sentences(text), [])
    assert [e.text for e in doc.entities] == []


@pytest.mark.parametrize("between", ["أمس", "مجددا", "الخميس"])
def test_a_time_or_an_adverb_after_the_name_is_not_part_of_it(between: str) -> None:
    text = f"وقال المهندس صالح الحربي {between} إن الفعالية ناجحة جدا."
    assert only(text, ("صالح الحربي", "PER")).speaker.name == "صالح الحربي"


def test_a_body_joined_after_a_name_is_not_part_of_it() -> None:
    text = "وقال المهندس صالح الحربي ومركز الأبحاث، إن الفعالية ناجحة جدا."
    assert only(text, ("صالح الحربي", "PER")).speaker.name != "صالح الحربي ومركز الأبحاث"


def test_a_surname_ending_like_a_plural_is_still_the_person() -> None:
    text = ("وكشف المدرب ستيف مكلارين عن إصابة المهاجم. "
            "وقال مكلارين لصحيفة كرونيكل \"اعتقد أن ركبة المهاجم تؤلمه عقب التدريبات\".")
    found = quotes(text, ("ستيف مكلارين", "PER"), ("مكلارين", "PER"), ("كرونيكل", "PER"))
    assert found[-1].speaker.name == "ستيف مكلارين"


def test_a_family_name_is_not_a_fathers_name_inside_another_persons_name() -> None:
    text = ("وأشاد المواطنون بتوجيه الملك سلمان بن عبدالعزيز. "
            "أما علي العبدالعزيز العباسي من محافظة البيضاء فأشار إلى أن التوجيه خطوة إيجابية.")
    found = quotes(text, ("سلمان بن عبدالعزيز", "PER"), ("العبدالعزيز", "PER"))
    assert found and all("سلمان" not in q.speaker.name for q in found)


def test_relayed_speech_is_the_original_speakers() -> None:
    # GUIDELINES, decision 6: نقل X عن Y — the speaker is Y
    text = "ونقلت وكالة «يونهاب» الكورية للأنباء عن «هيونداي» القول، إنها باعت 400 ألف سيارة في يونيو."
    q = only(text, ("يونهاب", "ORG"), ("هيونداي", "ORG"))
    assert q.statement == "باعت 400 ألف سيارة في يونيو" and q.speaker.name == "هيونداي"


def test_a_title_and_untagged_name_after_a_place_aside_are_the_subject() -> None:
    text = ("وقال الدكتور سامي العلي الأمين العام للمجلس إن القرار خاطئ. "
            "واستنكر الأمين العام للمشروع العربي في العراق الشيخ خميس الخنجر هذه التصريحات، "
            "واصفا إياها بأنها «تخريب لعلاقات العراق مع أشقائه العرب».")
    found = quotes(text, ("سامي العلي", "PER"), ("العراق", "LOC"))
    assert [(q.statement, q.speaker.name) for q in found][1:] == [
        ("هذه التصريحات", "خميس الخنجر"), ("إياها بأنها «تخريب لعلاقات العراق مع أشقائه العرب»", "خميس الخنجر")]


def test_a_tagged_name_starting_with_ali_ends_a_long_title() -> None:
    # folded, the name علي is the preposition على: the title's description must run on to it
    text = "وأكد المتحدث باسم المقاومة في عدن علي الأحمدي ضرورة قطع الإمدادات عن المدينة بشكل سريع."
    q = only(text, ("عدن", "LOC"), ("علي الأحمدي", "PER"))
    assert q.speaker.name == "علي الأحمدي" and q.statement == "ضرورة قطع الإمدادات عن المدينة بشكل سريع"


@pytest.mark.parametrize("source", ["حسبما أفاد المرصد السوري", "حسب “المرصد السوري”"])
def test_according_after_the_statement_in_more_spellings(source: str) -> None:
    text = f"قام مقاتلو التنظيم بخطف نحو 230 مدنياً بعد استيلائهم على إحدى البلدات، {source}."
    q = only(text, ("المرصد السوري", "ORG"))
    assert q.statement == "قام مقاتلو التنظيم بخطف نحو 230 مدنياً بعد استيلائهم على إحدى البلدات"
    assert q.speaker.name == "المرصد السوري"


def test_according_to_an_outlet_named_in_quotation_marks_only() -> None:
    text = "وباتت القوات الحكومية تتقدم نحو المدينة في مسعى لدحر المتمردين، حسب “سبأ”."
    q = only(text)
    assert q.statement == "وباتت القوات الحكومية تتقدم نحو المدينة في مسعى لدحر المتمردين"
    assert q.speaker.name == "سبأ"


@pytest.mark.parametrize("source", ["بحسب إعلان الجهاز المركزي للإحصاء", "وفق ما تشير إليه الجهاز المركزي للإحصاء",
                                    "بحسب ما نقله الجهاز المركزي للإحصاء"])
def test_according_to_a_document_or_a_clause_names_who_speaks(source: str) -> None:
    text = f"وتباطأ معدل التضخم في السودان إلى 14 في المئة في يوليو، {source}."
    q = only(text)
    assert q.statement == "وتباطأ معدل التضخم في السودان إلى 14 في المئة في يوليو"
    assert q.speaker.name == "الجهاز المركزي للإحصاء"


@pytest.mark.parametrize("participle", ["مستعرضا", "مقدما", "متوعدا"])
def test_a_circumstantial_participle_after_a_comma_ends_the_statement(participle: str) -> None:
    text = f"وذكر الدكتور سامي العلي أن الإشاعات لها تأثير كبير على المجتمع، {participle} بعض الأمثلة."
    q = only(text, ("سامي العلي", "PER"))
    assert q.statement == "الإشاعات لها تأثير كبير على المجتمع"


def test_a_plural_verb_after_a_group_noun_phrase_takes_it_as_its_subject() -> None:
    """A verb agreeing in the plural follows its subject: a plural of people (منتقدين), with
    the quantity before it (الكثير من الخبراء), negated or not, is the group that speaks."""
    text = "وتواصل الحكومة الحملة منذ أسابيع، لكن منتقدين يؤكدون أن الحملة فشلت في تحقيق أهدافها."
    check(only(text), text, "الحملة فشلت في تحقيق أهدافها", "indirect", "منتقدين", "group")
    text = "وأعلنت الوزارة خطة جديدة، غير أن الكثير من الخبراء الاقتصاديين لا يؤكدون أن الخطة ستنجح هذا العام."
    check(only(text), text, "الخطة ستنجح هذا العام", "indirect", "الكثير من الخبراء الاقتصاديين", "group")


def test_a_verb_after_a_verbal_noun_cue_goes_on_with_the_sentence_subject() -> None:
    """A verbal noun's speaker is its genitive (اتهامات عباس لها بـ…); the next verb of the
    sentence goes on with the sentence's subject (رفضت حماس …، واعتبرت), not with him."""
    text = ("في المقابل رفضت حركة حماس اتهامات الرئيس محمود عباس لها بتعطيل المصالحة، "
            "واعتبرت ذلك جزءا من عملية الهروب من الاستحقاقات.")
    accused, answered = quotes(text, ("حركة حماس", "ORG"), ("محمود عباس", "PER"))
    check(accused, text, "تعطيل المصالحة", "indirect", "محمود عباس")
    check(answered, text, "ذلك جزءا من عملية الهروب من الاستحقاقات", "indirect", "حركة حماس", "organization")


@pytest.mark.parametrize("text, body", [
    ("وتجدر الإشارة إلى أن الادعاء العام الألماني كان قد أعلن أنه فتح باب التحقيقات مع الصحفيين.",
     "الادعاء العام الألماني"),
    ("ولم يعلق النادي على الخبر. وكانت وزارة الرياضة قد أكدت أن اللاعب سينتقل إلى النادي الشهر المقبل.",
     "وزارة الرياضة"),
])
def test_the_subject_of_was_then_had_is_the_speaker(text: str, body: str) -> None:
    """`X كان قد أعلن` and `وكانت X قد أكدت`: the subject stands before the cue, around كان."""
    q = only(text, (body, "ORG"))
    assert q.speaker.name == body and q.speaker.kind == "organization"


def test_a_name_runs_on_to_its_apposition() -> None:
    """وقال أحمد يحيى البرعي أحد المصححين: the tagger stopped at أحمد يحيى; the untagged
    family name before the apposition (أحد، رئيس، مدير …) is the name's end."""
    text = "وقال أحمد يحيى البرعي أحد المصححين بأن القرار راعى ظروف المسافرين كلها."
    q = only(text, ("أحمد يحيى", "PER"))
    assert q.speaker.name == "أحمد يحيى البرعي"


def test_a_participle_cue_with_its_complementiser_ends_a_one_word_object() -> None:
    """أكد … الحصيلة مضيفًا أن: the participle opens new content even one word into the
    object, with no comma before it."""
    text = "وأكد المتحدث باسم الشرطة سامي العلي الحصيلة مضيفًا أن بعض الجرحى في حالة حرجة."
    found = quotes(text, ("سامي العلي", "PER"))
    assert [(q.statement, q.cue) for q in found] == [("الحصيلة", "أكد"), ("بعض الجرحى في حالة حرجة", "أضاف")]


def test_imam_tagged_alone_as_a_person_is_a_description_not_a_name() -> None:
    """The tagger reads إمام (folded like the preposition أمام, so no title list holds it) as a
    person; the speaker is the name the description leads to."""
    text = "حذر إمام وخطيب المسجد الحرام فضيلة الشيخ الدكتور عبدالرحمن السديس، من فتن الشبهات التي غزت الشباب."
    q = only(text, ("إمام", "PER"), ("عبدالرحمن السديس", "PER"))
    assert q.speaker.name == "عبدالرحمن السديس"


def test_a_description_written_fuller_earlier_is_named_as_first_written() -> None:
    text = ("كشفت ابنة المعلمة المتوفاة في جامعة تبوك أنهم طالبوا الوزير بتشكيل لجنة للتحقيق.\n"
            "وقالت ابنة المعلمة في اتصال هاتفي إن والدتها راجعت الجامعة مرات عدة دون جدوى.")
    speakers = [q.speaker.name for q in quotes(text)]
    assert speakers == ["ابنة المعلمة المتوفاة في جامعة تبوك"] * 2


def test_another_one_of_a_kind_is_no_fuller_writing() -> None:
    text = ("وقال مسؤول أمريكي آخر إن الوفد سيصل إلى العاصمة يوم الأحد المقبل.\n"
            "وأضاف مسؤول أمريكي في تصريح صحفي أن المحادثات ستستمر أسبوعا كاملا.")
    assert [q.speaker.name for q in quotes(text)] == ["مسؤول أمريكي آخر", "مسؤول أمريكي"]


def test_a_quotation_after_the_cue_followed_by_because_is_the_statement() -> None:
    """وقال «…»، لأن …: لأن gives a reason, so the quotation is no subject before content."""
    text = ("وأضاف سامي العلي أنه سلم الحقيبة قبل الظهر. "
            "وقال “إن الهدف كان هدم المبنى وليس إيذاء أحد”، لأن المبنى كان خاليا وقتها.")
    found = quotes(text, ("سامي العلي", "PER"))
    assert [(q.statement, q.type, q.speaker.name) for q in found][-1] == \
        ("إن الهدف كان هدم المبنى وليس إيذاء أحد", "direct", "سامي العلي")
