"""Migration 0004 repairs what SQLite stored before names were bounded (issue 15): a 604-character
speaker name, alias, role and mention, a 100,000-character entity and an over-long title once made
every read serving them answer 500; after the migration they all answer."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from alembic import command
from app.config import Settings
from app.db import get_session, make_engine
from app.main import create_app
from app.models import Article, Entity, Quote, Speaker, SpeakerAlias, SpeakerRole, utcnow
from app.nlp.arabic import normalize
from app.nlp.bounds import MENTION_MAX_CHARS, NAME_MAX_CHARS

REPO = Path(__file__).resolve().parents[1]
STRETCHED = "محمد" + "ـ" * 600
RUN_ON = "محمد " + "ب" * 700


def _upgrade(engine, revision: str) -> None:  # noqa: ANN001
    config = Config(str(REPO / "alembic.ini"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _store_overlong_rows(engine, *, said_as: bool) -> int:  # noqa: ANN001
    """What the service stored on SQLite before the fix (with `said_as`, as 0004_speaker_split
    let it store the name as the article gave it); returns the article's id."""
    with Session(engine) as session:
        article = Article(title="ع " * 800, text="وقال " + STRETCHED + ": “الحرب انتهت”.", content_hash="0" * 64,
                          sort_at=utcnow())
        speakers = [Speaker(name=name, kind="person", norm_name=normalize(name), key=f"person:{normalize(name)}")
                    for name in (STRETCHED, RUN_ON)]
        session.add_all([article, *speakers])
        session.flush()
        # the run-on name, cut, is محمد: an alias its speaker already has
        session.add(SpeakerAlias(speaker_id=speakers[1].id, alias="محمد", norm_alias="محمد"))
        for speaker in speakers:
            session.add_all([
                SpeakerAlias(speaker_id=speaker.id, alias=speaker.name, norm_alias=speaker.norm_name),
                SpeakerRole(speaker_id=speaker.id, role="وزير " + speaker.name, norm_role=normalize("وزير " + speaker.name)),
            ])
            # in SQL: the Quote model has columns of later revisions (said_as) that 0003 lacks
            extra = (", said_as", ", :said_as") if said_as else ("", "")
            session.execute(text(
                'INSERT INTO quote (statement, norm_statement, type, cue, start, "end", confidence, mention, '
                f"article_id, speaker_id, sort_at{extra[0]}) VALUES ('الحرب انتهت', 'الحرب انتهت', 'direct', 'قال', "
                f"0, 5, 0.9, :mention, :article, :speaker, :sort_at{extra[1]})"),
                {"mention": "الوزير " + speaker.name, "article": article.id, "speaker": speaker.id,
                 "sort_at": article.sort_at, "said_as": speaker.name})
        session.add_all([Entity(text=STRETCHED, label="PER", start=5, end=609, article_id=article.id),
                         Entity(text="ب" * 100_000, label="PER", start=0, end=100_000, article_id=article.id),
                         Entity(text="محمد", label="PER", start=5, end=9, article_id=article.id)])
        session.commit()
        return article.id


@pytest.mark.parametrize("stored_at", ["0003", "0004_speaker_split"])
def test_migration_bounds_rows_stored_before_the_fix(tmp_path, pipeline, stored_at):
    """From 0003, and from 0004_speaker_split, where databases of that time stand."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(engine, stored_at)
    article_id = _store_overlong_rows(engine, said_as=stored_at != "0003")
    _upgrade(engine, "heads")

    with Session(engine) as session:
        assert [s.name for s in session.exec(select(Speaker).order_by(Speaker.id))] == ["محمد", "محمد"]
        assert sorted((a.speaker_id, a.alias) for a in session.exec(select(SpeakerAlias))) == [(1, "محمد"), (2, "محمد")]
        assert all(len(r.role) <= NAME_MAX_CHARS for r in session.exec(select(SpeakerRole)))
        assert all(len(q.mention) <= MENTION_MAX_CHARS for q in session.exec(select(Quote)))
        assert all(q.said_as is None or len(q.said_as) <= NAME_MAX_CHARS for q in session.exec(select(Quote)))
        assert [e.text for e in session.exec(select(Entity))] == ["محمد"]
        assert len(session.get(Article, article_id).title) <= 1000

    app = create_app(settings=Settings(database_url=str(engine.url)), pipeline=pipeline)

    def sessions():  # noqa: ANN202
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = sessions
    with TestClient(app) as client:
        speaker_ids = [s["id"] for s in client.get("/speakers").json()["items"]]
        paths = [f"/articles/{article_id}", "/articles", "/quotes"]
        paths += [p for i in speaker_ids for p in (f"/speakers/{i}", f"/speakers/{i}/quotes")]
        for path in paths:
            assert client.get(path).status_code == 200, path
    engine.dispose()
