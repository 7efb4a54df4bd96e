"""An article's speakers are written in a few set-based statements (`ArticleSpeakers`), and
what they write is exactly what resolving them one by one (`get_or_create_speaker`) writes."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import event
from sqlmodel import select

from app.models import Article, SpeakerAlias, SpeakerMerge, SpeakerNameKey, SpeakerRole
from app.models import Quote as QuoteRow
from app.models import Speaker as SpeakerRow
from app.nlp.types import Speaker
from app.services.speaker_batch import ArticleSpeakers
from app.services.speakers import ARTICLE_SCOPED_KINDS
from tests.api.test_speaker_identity import person, store
from tests.nlp.name_pairs import NAME_PAIRS


def count_statements(session, action) -> int:
    statements = []
    connection = session.connection()

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(connection, "before_cursor_execute", record)
    return len(statements)


def test_statements_per_article_do_not_grow_with_its_speakers(session):
    arabic = [name for _, name in NAME_PAIRS if len(name.split()) > 1]
    few = count_statements(session, lambda: store(
        session, *((person(f"الوزير {name}"), f"تصريح {n}") for n, name in enumerate(arabic[:2]))))
    many = count_statements(session, lambda: store(
        session, *((person(f"الوزير {name}"), f"تصريح {n}") for n, name in enumerate(arabic[2:14])),
        (Speaker("مصدر أمني", "unnamed", ()), "تصريح مصدر"), (Speaker("الحوثيون", "group", ()), "تصريح جماعة")))
    assert session.exec(select(SpeakerRow)).all().__len__() >= 16
    assert many == few <= 16, (few, many)


def test_a_speaker_known_from_an_earlier_article_costs_no_more_statements(session):
    store(session, (person("فلاديمير بوتين", "بوتين"), "أ"), (person("سيرغي لافروف"), "ب"))
    again = count_statements(session, lambda: store(
        session, (person("الرئيس الروسي فلاديمير بوتين"), "ج"), (person("بوتين"), "د"), (person("لافروف"), "هـ")))
    assert again <= 16


# Names that meet: spellings of one person, family names alone, namesakes, a full name after
# its family name alone (a merge), titles, unnamed sources and groups.
_PEOPLE = [
    ("فلاديمير بوتين", "بوتين"), ("فلاديمير بوتن",), ("بوتين",), ("الرئيس الروسي فلاديمير بوتين", "بوتين"),
    ("لافروف",), ("وزير الخارجية الروسي سيرغي لافروف", "لافروف"), ("سيرجي لافروف",),
    ("سعد الحربي", "الحربي"), ("سعيد الحربي", "الحربي"), ("الحربي",), ("سعود الحربي",),
    ("عمر البشير", "البشير"), ("أحمد البشير",), ("البشير",),
    ("محمد بن سلمان",), ("ولي العهد الأمير محمد بن سلمان", "بن سلمان"), ("سلمان بن عبدالعزيز", "عبدالعزيز"),
    ("عبدالعزيز",), ("عبد العزيز",), ("رجب طيب أردوغان", "أردوغان"), ("رجب طيب اردوغان",), ("أردوغان",),
    ("شويغو",), ("وزير الدفاع سيرغي شويغو", "شويغو"), ("ماريا زاخاروفا", "زاخاروفا"), ("زاخاروفا",),
]
_OTHERS = [Speaker("مصدر أمني", "unnamed", ()), Speaker("مصدر عسكري", "unnamed", ()), Speaker("مصدر-أمني", "unnamed", ()),
           Speaker("الحوثيون", "group", ()), Speaker("الحوثي", "group", ()),
           Speaker("وزارة الدفاع الروسية", "organization", ()), Speaker("وزارة الدفاع", "organization", ())]


def _articles(seed: int) -> list[list[tuple[Speaker, str]]]:
    rng = random.Random(seed)
    speakers = [person(*names) for names in _PEOPLE] + _OTHERS
    articles = [[(s, f"تصريح {a} {n}") for n, s in enumerate(rng.sample(speakers, rng.randint(1, 5)))]
                for a in range(30)]
    # One unnamed source written two ways in one article: the same key, a longer name.
    return [*articles, [(Speaker("مصدر-أمني", "unnamed", ()), "أ"), (Speaker("مصدر أمني", "unnamed", ()), "ب")]]


def _state(session) -> dict:
    """What the speaker writes left, by names rather than ids (PostgreSQL's ids are not rolled back)."""
    articles = {str(i): str(n) for n, i in enumerate(session.exec(select(Article.id).order_by(Article.id)))}

    def key(row: SpeakerRow) -> str:  # an article-scoped key names the article by its place
        kind, _, rest = row.key.partition(":")
        article, _, name = rest.partition(":")
        return f"{kind}:{articles[article]}:{name}" if kind in ARTICLE_SCOPED_KINDS else row.key

    speakers = {row.id: (row.kind, key(row), row.name, row.norm_name, row.quote_count)
                for row in session.exec(select(SpeakerRow))}
    named = lambda speaker_id: speakers.get(speaker_id, ("gone", speaker_id))
    return {
        "speakers": sorted(speakers.values()),
        "aliases": sorted((named(a.speaker_id), a.alias, a.norm_alias)
                          for a in session.exec(select(SpeakerAlias).order_by(SpeakerAlias.id))),
        "alias order": [(named(a.speaker_id)[1], a.alias)
                        for a in session.exec(select(SpeakerAlias).order_by(SpeakerAlias.id))],
        "keys": sorted((named(k.speaker_id), k.key) for k in session.exec(select(SpeakerNameKey))),
        "roles": sorted((named(r.speaker_id), r.role, r.norm_role) for r in session.exec(select(SpeakerRole))),
        "merges": [(m.source_name, named(m.target_id), m.reason)
                   for m in session.exec(select(SpeakerMerge).order_by(SpeakerMerge.id))],
        "quotes": sorted((q.statement, named(q.speaker_id), q.said_as) for q in session.exec(select(QuoteRow))),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_set_based_writes_equal_one_by_one_writes(session, monkeypatch, seed):
    articles = _articles(seed)
    one_by_one = session.begin_nested()
    with monkeypatch.context() as patch:
        patch.setattr(ArticleSpeakers, "resolve", lambda self, found, mentions: None)
        for said in articles:
            store(session, *said)
    expected = _state(session)
    one_by_one.rollback()
    assert not session.exec(select(SpeakerRow)).all()
    for said in articles:
        store(session, *said)
    assert expected["merges"], "the articles should include a merge"
    assert _state(session) == expected
