"""The learned deciders: their files, their arithmetic, and each stage on the dev articles.

Stage tests (candidate recall, speaker options, decider accuracy on fixed candidates) run
the bundled NER model over `dev.jsonl` and skip without `SHARED_DIR`; the headline figures
are the cross-validated ones of `python -m training.train_attribution --cv`.
"""
from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

from app.nlp.attribution import RULES, History, decide, prepare, propose
from app.nlp.attribution.learned import MODEL_DIR, Deciders, LinearDecider, shipped
from app.nlp.attribution.mentions import PREVIOUS_OPTIONS, speaker_options
from app.nlp.tokenize import split_sentences
from tests.conftest import SHARED, needs_shared, read_jsonl

DEV = SHARED / "eval" / "dev.jsonl"
SCORER = SHARED / "eval" / "score.py"
needs_gold = needs_shared("eval/dev.jsonl")


def test_linear_decider_is_a_logistic_regression_over_named_features(tmp_path: Path) -> None:
    model = LinearDecider({"a": 2.0, "b": -1.0}, bias=-1.0, threshold=0.4, meta={"examples": 3})
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828 ** 1.0), rel=1e-6)
    assert model.probability({"a": 1.0, "unknown": 5.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    model.to_json(tmp_path / "m.json")
    again = LinearDecider.from_json(tmp_path / "m.json")
    assert again.probability({"a": 1.0, "b": 1.0}) == model.probability({"a": 1.0, "b": 1.0})
    assert (again.threshold, again.meta) == (0.4, {"examples": 3})


def test_the_statement_threshold_is_the_middle_of_the_f1_plateau() -> None:
    from training.train_attribution import NEAR_BEST, plateau_middle

    # a noisy single best point (0.38) on a flat stretch from 0.38 to 0.50: the middle, 0.44
    f1s = {0.30: 0.80, 0.34: 0.85, 0.38: 0.900, 0.42: 0.899, 0.44: 0.8995, 0.46: 0.899, 0.50: 0.898, 0.60: 0.85}
    assert NEAR_BEST >= 0.002
    assert plateau_middle(f1s) == 0.44
    assert plateau_middle({0.2: 0.5, 0.4: 0.9, 0.6: 0.5}) == 0.4


def test_calibration_interpolates_monotonically_and_clips() -> None:
    d = Deciders(RULES.statement, RULES.speaker, RULES.span, True, ((0.2, 0.1), (0.6, 0.5), (0.9, 0.8)))
    assert d.confidence(0.0) == 0.1 and d.confidence(1.0) == 0.8
    assert d.confidence(0.4) == pytest.approx(0.3)
    values = [d.confidence(x / 100) for x in range(101)]
    assert values == sorted(values)
    assert RULES.confidence(0.4567) == 0.457  # no map: the raw value


def test_shipped_models_are_small_learned_and_loaded_once() -> None:
    files = [MODEL_DIR / f"{n}.json" for n in ("statement", "speaker", "span", "calibration")]
    assert all(f.exists() for f in files), "run python -m training.train_attribution"
    assert sum(f.stat().st_size for f in files) < 5_000_000
    deciders = shipped()
    assert deciders is shipped() and deciders.broad
    assert 0.0 < deciders.statement.threshold < 1.0
    assert deciders.statement.meta["articles"] >= 200  # train + dev
    points = json.loads((MODEL_DIR / "calibration.json").read_text())["points"]
    assert [y for _, y in points] == sorted(y for _, y in points)


def test_a_named_speaker_of_a_doubted_cue_is_whom_a_later_elided_subject_means() -> None:
    """بين is mostly "between", so a filter doubts it before a long subject; where its subject
    is named outright, the next cue with no subject still refers back to that person, in the
    rules' reading and among the previous speakers the ranker sees."""
    from tests.nlp.test_attribution import ents

    text = ("قال المهندس زياد الفهد إن الشركة ستبدأ العمل في المشروع الشهر المقبل. "
            "من جهته، بين الأمير الدكتور تركي السالم، رئيس مدينة الملك عبدالعزيز للعلوم والتقنية، "
            "أن السعر المتفق عليه هو الأقل في العالم. وأشار إلى أن هناك خطوط اتصال مع دول مجاورة.")
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("زياد الفهد", "PER"), ("تركي السالم", "PER")))
    proposals = {p.candidate.cue: p for p in propose(doc, resolver, broad=True)}
    assert proposals["بين"].candidate.rejected_by == "bare_homograph"  # the doubted cue
    assert proposals["أشار"].rule.speaker.name == "تركي السالم"
    previous = History(list(proposals.values())).before(proposals["أشار"], PREVIOUS_OPTIONS)
    assert [s.name for s in previous] == ["تركي السالم", "زياد الفهد"]


@pytest.mark.parametrize("after_cue", ["واضاف يقول:", "وقال معقبا:", "مؤكداً في «البشتخته» أن"])
def test_a_verb_an_adverb_or_an_aside_after_the_cue_is_no_speaker_option(after_cue: str) -> None:
    from tests.nlp.test_attribution import ents

    text = f"وقال المهندس زياد الفهد إن المشروع تأخر. {after_cue} \"العمل سيبدأ الشهر المقبل في الموقع\"."
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("زياد الفهد", "PER")))
    proposals = propose(doc, resolver, broad=True)
    history = History(proposals)
    last = max(proposals, key=lambda p: p.candidate.start)
    names = [o.speaker.name for o in speaker_options(doc, resolver, last.candidate, last.rule,
                                                       history.before(last, PREVIOUS_OPTIONS))]
    assert "زياد الفهد" in names
    assert not any(n.split()[0] in ("يقول", "معقبا", "في") for n in names), names


def test_a_family_name_after_the_cue_is_the_person_named_before() -> None:
    from tests.nlp.test_attribution import ents

    text = "وقال وزير الداخلية نهاد المشنوق إن الوضع مستقر. وأضاف المشنوق أن الحوار مستمر بين الأطراف."
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("نهاد المشنوق", "PER")))
    proposals = propose(doc, resolver, broad=True)
    last = max(proposals, key=lambda p: p.candidate.start)
    options = speaker_options(doc, resolver, last.candidate, last.rule, [])
    zone = [o.speaker for o in options if o.features.get("zone")]
    assert [(s.name, s.kind) for s in zone] in ([], [("نهاد المشنوق", "person")])
    assert all(o.speaker.kind == "person" for o in options if "المشنوق" in o.speaker.name)


def test_a_rare_cue_shares_the_statement_features_of_its_frame() -> None:
    """A cue the training articles rarely hold still weighs what its lexicon entry says of
    it (a broad-lexicon verb with a noun object), not only its own, unlearned cue feature."""
    from tests.nlp.test_attribution import ents

    text = "واستبعد المهندس زياد الفهد تأجيل المشروع إلى العام المقبل."
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("زياد الفهد", "PER")))
    features = next(p.features for p in propose(doc, resolver, broad=True) if p.candidate.cue == "استبعد")
    assert "frame=broad|np=1|prep=0|saying=0|word" in features
    said = "وقال المهندس زياد الفهد إن المشروع سيتأخر."
    doc, resolver = prepare(said, split_sentences(said), ents(said, ("زياد الفهد", "PER")))
    features = next(p.features for p in propose(doc, resolver, broad=True) if p.candidate.cue == "قال")
    assert "frame=main|np=0|prep=0|saying=1|complementiser" in features


def _options(text: str, *spans: tuple[str, str], cue: str) -> tuple[object, list]:
    from tests.nlp.test_attribution import ents

    doc, resolver = prepare(text, split_sentences(text), ents(text, *spans))
    proposals = propose(doc, resolver, broad=True)
    p = next(p for p in proposals if p.candidate.cue == cue)
    return p, speaker_options(doc, resolver, p.candidate, p.rule, History(proposals).before(p, PREVIOUS_OPTIONS))


def test_a_body_named_in_quotation_marks_is_named_whole() -> None:
    """موقع «الدرر الشامية» المعارض: the name in marks and the adjective after it are the
    body's name, not the head word alone (the marks themselves are dropped)."""
    text = "وفي الشمال، أفاد موقع «الدرر الشامية» المعارض، أن عشرات المدنيين قتلوا في القصف."
    _, options = _options(text, cue="أفاد")
    names = [o.speaker.name for o in options]
    assert "موقع الدرر الشامية المعارض" in names
    assert "موقع" not in names


def test_places_joined_by_wa_are_one_subject_and_a_joint_option() -> None:
    """أدانت الولايات المتحدة الأمريكية وبريطانيا وألمانيا الهجوم: the countries are the
    subject together, the object starts after the last of them, and the joint subject is an
    option with what the rules saw for its first name; the noun after a list of names is the
    object, not more subject (تتهم واشنطن ولندن | الجيش السوري بشن)."""
    text = "ودوليا أدانت الولايات المتحدة الأمريكية وبريطانيا وألمانيا الجريمة الإرهابية في القرية."
    p, options = _options(text, ("الولايات المتحدة", "LOC"), ("وبريطانيا", "LOC"), ("وألمانيا", "LOC"), cue="أدان")
    assert text[p.candidate.start:p.candidate.end] == "الجريمة الإرهابية في القرية"
    joint = [o for o in options if o.features.get("coordinated")]
    assert [o.speaker.name for o in joint] == ["الولايات المتحدة الأمريكية وبريطانيا وألمانيا"]
    assert joint[0].features.get("rule")
    text = "مجلس الأمن يصوت على القرار\nوتتهم واشنطن ولندن وباريس الجيش السوري بشن هجمات بغاز الكلور."
    p, _ = _options(text, ("واشنطن", "LOC"), ("ولندن", "LOC"), ("وباريس", "LOC"), cue="اتهم")
    assert text[p.candidate.start:p.candidate.end].startswith("الجيش السوري")


def test_an_unnamed_description_may_announce_a_person_named_later() -> None:
    """`فيما أكد مستشار قانوني صحة الزواج` … `وقال المستشار القانوني علي الغامدي`: a person the
    article names after the statement with the mention's words is an option (described_later);
    one named later with other words is not."""
    text = ("عنوان الخبر\nوطالبت الأسرة بفسخ الخطوبة، فيما أكد مستشار قانوني صحة الزواج واكتمال أركانه. "
            "وقال المستشار القانوني علي الغامدي إن العقد صحيح. وقال المحامي سعد العتيبي إن القضية بسيطة.")
    _, options = _options(text, ("علي الغامدي", "PER"), ("سعد العتيبي", "PER"), cue="أكد")
    later = [o.speaker.name for o in options if o.features.get("described_later")]
    assert later == ["علي الغامدي"]
    # the mention's head must introduce the later person: a husband is not his wife's daughter
    text = ("عنوان الخبر\nوقالت ابنة المعلمة إن والدتها راجعت الجامعة مرارا. "
            "وقال زوج المعلمة سالم الحربي إن الجامعة لم ترد.")
    _, options = _options(text, ("سالم الحربي", "PER"), cue="قال")
    assert not [o for o in options if o.features.get("described_later")]


@pytest.fixture(scope="module")
def dev_stages(pipeline) -> dict:
    """Each dev article's proposals, labelled against the gold, with the speaker options."""
    spec = importlib.util.spec_from_file_location("score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    rows = read_jsonl(DEV)
    tagged = pipeline.entities_many([r["text"] for r in rows])
    out: dict = defaultdict(int)
    out["statements"] = []
    out["options"] = []
    for row, entities in zip(rows, tagged, strict=True):
        doc, resolver = prepare(row["text"], tuple(split_sentences(row["text"])), entities)
        proposals = propose(doc, resolver, broad=True)
        history = History(proposals)  # the speakers before each statement, indexed once
        gold = [(q["start"], q["end"]) for q in row["quotes"]]
        out["gold"] += len(gold)
        out["found"] += sum(any(scorer.overlap(g, (p.candidate.start, p.candidate.end)) >= 0.5 for p in proposals)
                            for g in gold)
        for p in proposals:
            c = p.candidate
            best = max(((scorer.overlap(g, (c.start, c.end)), k) for k, g in enumerate(gold)), default=(0.0, -1))
            out["statements"].append((p.features, best[0] >= 0.5))
            if best[0] >= 0.5:
                options = speaker_options(doc, resolver, c, p.rule, history.before(p, PREVIOUS_OPTIONS))
                out["options"].append([(o.features, bool(scorer.speaker_right(row["quotes"][best[1]], o.speaker.name)))
                                       for o in options])
    return out


@needs_gold
@pytest.mark.slow
def test_candidates_cover_the_gold_statements(dev_stages) -> None:
    assert dev_stages["found"] / dev_stages["gold"] >= 0.9


@needs_gold
@pytest.mark.slow
def test_the_gold_speaker_is_among_the_options(dev_stages) -> None:
    groups = dev_stages["options"]
    assert sum(any(right for _, right in g) for g in groups) / len(groups) >= 0.9


@needs_gold
@pytest.mark.slow
def test_deciders_on_fixed_candidates(dev_stages) -> None:
    deciders = shipped()
    rows = dev_stages["statements"]
    accuracy = sum((deciders.statement.probability(f) >= deciders.statement.threshold) == y for f, y in rows) / len(rows)
    assert accuracy >= 0.85
    groups = [g for g in dev_stages["options"] if any(right for _, right in g)]
    picked = [max(g, key=lambda o: deciders.speaker.probability(o[0]))[1] for g in groups]
    assert sum(picked) / len(picked) >= 0.85


@needs_gold
@pytest.mark.slow
def test_learning_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    from app.nlp.tokenize import split_sentences
    from training.attribution_data import Article
    from training.train_attribution import fit

    rows = read_jsonl(DEV)[1:7]
    articles = [Article(r["id"], r["text"], tuple(r["quotes"]), tuple(split_sentences(r["text"])), ())
                for r in rows]  # no entities: learning still runs on the rules' readings
    first, second = fit(articles), fit(articles)
    assert first.statement.weights == second.statement.weights
    assert first.speaker.weights == second.speaker.weights
    prepared = prepare(rows[0]["text"], articles[0].sentences, ())
    quotes = decide(*prepared, propose(*prepared, broad=True), first)
    assert all(0.0 <= q.confidence <= 1.0 for q in quotes)


@pytest.mark.parametrize(("text", "cue", "statement"), [
    ("وجادل الوزير سامي العلي بأن الخطة ستنجح في العام المقبل.", "جادل", "الخطة ستنجح في العام المقبل"),
    ("وتبرأ الحزب من التصريحات التي أطلقها النائب أمس.", "تبرأ", "التصريحات التي أطلقها النائب أمس"),
    ("وتطرق سامي العلي إلى أن المشروع تأخر كثيرا.", "تطرق", "المشروع تأخر كثيرا"),
])
def test_broad_lexicon_verbs_of_argument_and_disavowal_propose_their_content(text: str, cue: str,
                                                                             statement: str) -> None:
    """Verbs the annotated news reports speech with but the rules never read (جادل بأن، تبرأ من،
    تطرق إلى أن): broad mode proposes their content for the learned decider to weigh."""
    from tests.nlp.test_attribution import ents

    text = "عنوان الخبر\n" + text
    doc, resolver = prepare(text, split_sentences(text), ents(text, ("سامي العلي", "PER")) if "سامي" in text else [])
    found = [(p.candidate.cue, text[p.candidate.start:p.candidate.end]) for p in propose(doc, resolver, broad=True)]
    assert (cue, statement) in found


def test_a_doubted_frame_of_a_sure_cue_goes_before_a_doubted_cue_word_covering_it() -> None:
    """`وأعلنت إدارة نادي الشباب أمس عن توقيع`: نادي is the club (a filter doubts the verb نادى),
    and أعلن reads its content after عن (a relaxed frame); both are doubted, and the one whose
    cue word is sure is the one proposed, not the longer reading of the club's name."""
    text = "عنوان الخبر\nوأعلنت إدارة نادي الشباب أمس الأول عن توقيع عقد يمتد لموسمين مع الكويتي سيف الحشان."
    doc, resolver = prepare(text, split_sentences(text), [])
    found = {p.candidate.cue: text[p.candidate.start:p.candidate.end] for p in propose(doc, resolver, broad=True)}
    assert found.get("أعلن") == "توقيع عقد يمتد لموسمين مع الكويتي سيف الحشان"
    assert "نادى" not in found


def test_a_statement_reported_inside_another_is_proposed_for_the_decider() -> None:
    """`قال مسؤول إن وزير الخارجية أكد أن…`: the rules report the outer content whole; broad mode
    also proposes the inner cue's own content (marked nested) so the learned decider can take
    the inner statement, with its own speaker, instead."""
    text = "عنوان الخبر\nوقال مسؤول أمريكي إن وزير الخارجية أكد أن الوضع في المنطقة خطير جدا."
    doc, resolver = prepare(text, split_sentences(text), [])
    broad = [(p.candidate.cue, p.candidate.rejected_by, text[p.candidate.start:p.candidate.end])
             for p in propose(doc, resolver, broad=True)]
    assert ("أكد", "nested", "الوضع في المنطقة خطير جدا") in broad
    assert [p.candidate.cue for p in propose(doc, resolver, broad=False)] == ["قال"]


def test_a_group_named_at_a_doubted_cue_is_whom_a_later_elided_subject_means() -> None:
    """`قدر مختصون الدعم الحكومي …` (قدر doubted: also "fate"), then `وقالوا، إن …`: the group
    named outright at the doubted cue is among the previous speakers, and it is named by its
    plural alone: a plural that keeps its ن takes no genitive (مختصون | الدعم)."""
    text = ("دعم حكومي بحاجة إلى ترشيد\nقدر مختصون الدعم الحكومي للسلع الاستهلاكية بما يقارب 300 مليار ريال سنويا.\n"
            "وقالوا، إن نسبة كبيرة من هذا الدعم تتركز على قطاع الطاقة.")
    doc, resolver = prepare(text, split_sentences(text), [])
    proposals = {p.candidate.cue: p for p in propose(doc, resolver, broad=True)}
    assert proposals["قدر"].candidate.rejected_by and proposals["قدر"].rule.speaker.name == "مختصون"
    previous = History(list(proposals.values())).before(proposals["قال"], PREVIOUS_OPTIONS)
    assert [s.name for s in previous] == ["مختصون"]
    p = proposals["قال"]
    options = speaker_options(doc, resolver, p.candidate, p.rule, previous)
    assert "مختصون" in [o.speaker.name for o in options]
    assert not [o for o in options if o.speaker.name.startswith("مختصون ")]
