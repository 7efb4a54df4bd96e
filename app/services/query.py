"""Read side: articles, quotes and speakers as the API returns them, keyset-paginated."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, literal, or_
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import (
    Article,
    ArticlePublic,
    ArticleRef,
    ArticleSummary,
    Entity,
    EntityPublic,
    Quote,
    QuotePublic,
    Speaker,
    SpeakerAlias,
    SpeakerPublic,
    SpeakerRef,
)
from app.nlp.arabic import normalize
from app.pagination import Page, decode_cursor, encode_cursor


def _newest_first(model, cursor: str | None):  # noqa: ANN001, ANN202
    """Order by (sort_at, id) descending, resuming after the cursor's item."""
    query = select(model).order_by(col(model.sort_at).desc(), col(model.id).desc())
    if cursor:
        at, last_id = decode_cursor(cursor, kinds=(datetime, int))
        query = query.where(or_(model.sort_at < at, and_(model.sort_at == at, model.id < last_id)))
    return query


def _page(rows: Sequence, limit: int) -> tuple[list, str | None]:
    if len(rows) <= limit:
        return list(rows), None
    last = rows[limit - 1]
    return list(rows[:limit]), encode_cursor(last.sort_at, last.id)


# --- articles -------------------------------------------------------------------------

def get_article(*, session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def article_public(*, session: Session, article: Article) -> ArticlePublic:
    quotes = session.exec(
        select(Quote, Speaker).join(Speaker).where(Quote.article_id == article.id).order_by(Quote.start)
    ).all()
    entities = session.exec(select(Entity).where(Entity.article_id == article.id).order_by(Entity.start)).all()
    ref = _article_ref(article)
    return ArticlePublic(
        id=article.id,
        title=article.title,
        url=article.url,
        source=article.source,
        published_at=article.published_at,
        quotes=[_quote_public(q, s, ref) for q, s in quotes],
        entities=[EntityPublic.model_validate(e, from_attributes=True) for e in entities],
    )


def list_articles(
    *, session: Session, source: str | None, since: datetime | None, until: datetime | None,
    limit: int, cursor: str | None,
) -> Page[ArticleSummary]:
    query = _newest_first(Article, cursor)
    if source:
        query = query.where(Article.source == source)
    if since:
        query = query.where(Article.sort_at >= since)
    if until:
        query = query.where(Article.sort_at < until)
    rows, next_cursor = _page(session.exec(query.limit(limit + 1)).all(), limit)
    counts = dict(
        session.exec(
            select(Quote.article_id, func.count()).where(col(Quote.article_id).in_([a.id for a in rows]))
            .group_by(Quote.article_id)
        ).all()
    )
    items = [
        ArticleSummary(id=a.id, title=a.title, url=a.url, source=a.source, published_at=a.published_at,
                       quote_count=counts.get(a.id, 0))
        for a in rows
    ]
    return Page(items=items, next_cursor=next_cursor)


# --- quotes ---------------------------------------------------------------------------

def list_quotes(
    *, session: Session, speaker: str | None = None, speaker_id: int | None = None, q: str | None = None,
    since: datetime | None = None, until: datetime | None = None, type: str | None = None,
    article_id: int | None = None, limit: int, cursor: str | None = None,
) -> Page[QuotePublic]:
    query = _newest_first(Quote, cursor)
    if speaker_id is not None:
        query = query.where(Quote.speaker_id == speaker_id)
    if speaker:
        ids = find_speaker_ids(session=session, name=speaker)
        if not ids:
            return Page(items=[])
        query = query.where(col(Quote.speaker_id).in_(ids))
    for word in normalize(q or "").split():
        query = query.where(col(Quote.norm_statement).contains(word, autoescape=True))
    if since:
        query = query.where(Quote.sort_at >= since)
    if until:
        query = query.where(Quote.sort_at < until)
    if type:
        query = query.where(Quote.type == type)
    if article_id is not None:
        query = query.where(Quote.article_id == article_id)
    rows, next_cursor = _page(session.exec(query.limit(limit + 1)).all(), limit)
    speakers = _by_id(session, Speaker, {r.speaker_id for r in rows})
    articles = {a.id: _article_ref(a) for a in _by_id(session, Article, {r.article_id for r in rows}).values()}
    items = [_quote_public(r, speakers[r.speaker_id], articles[r.article_id]) for r in rows]
    return Page(items=items, next_cursor=next_cursor)


def _by_id(session: Session, model, ids: set[int]) -> dict:  # noqa: ANN001
    if not ids:
        return {}
    return {row.id: row for row in session.exec(select(model).where(col(model.id).in_(ids)))}


def _article_ref(article: Article) -> ArticleRef:
    return ArticleRef(id=article.id, title=article.title, url=article.url, published_at=article.published_at)


def _quote_public(quote: Quote, speaker: Speaker, article: ArticleRef) -> QuotePublic:
    return QuotePublic(
        id=quote.id, statement=quote.statement, type=quote.type, cue=quote.cue, start=quote.start,
        end=quote.end, confidence=quote.confidence, mention=quote.mention,
        speaker=SpeakerRef(id=speaker.id, name=speaker.name, kind=speaker.kind), article=article,
    )


# --- speakers -------------------------------------------------------------------------

def find_speaker_ids(*, session: Session, name: str) -> list[int]:
    """Speakers a typed name means: an exact alias first, else aliases holding it as whole words."""
    norm = normalize(name)
    if not norm:
        return []
    exact = session.exec(select(SpeakerAlias.speaker_id).where(SpeakerAlias.norm_alias == norm)).all()
    if exact:
        return sorted(set(exact))
    padded = literal(" ") + SpeakerAlias.norm_alias + literal(" ")
    partial = session.exec(
        select(SpeakerAlias.speaker_id).where(padded.contains(f" {norm} ", autoescape=True))
    ).all()
    return sorted(set(partial))


def get_speaker(*, session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound(f"no speaker with id {speaker_id}")
    return speaker


def speaker_public(*, session: Session, speaker: Speaker) -> SpeakerPublic:
    aliases = session.exec(
        select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == speaker.id).order_by(SpeakerAlias.id)
    ).all()
    return SpeakerPublic(id=speaker.id, name=speaker.name, kind=speaker.kind, aliases=list(aliases),
                         quote_count=speaker.quote_count)


def list_speakers(*, session: Session, q: str | None, limit: int, cursor: str | None) -> Page[SpeakerPublic]:
    """Speakers by id; with `q`, only those whose aliases match it."""
    query = select(Speaker).order_by(Speaker.id)
    if q:
        ids = find_speaker_ids(session=session, name=q)
        if not ids:
            return Page(items=[])
        query = query.where(col(Speaker.id).in_(ids))
    if cursor:
        (last_id,) = decode_cursor(cursor, kinds=(int,))
        query = query.where(Speaker.id > last_id)
    rows = session.exec(query.limit(limit + 1)).all()
    next_cursor = encode_cursor(rows[limit - 1].id) if len(rows) > limit else None
    return Page(items=[speaker_public(session=session, speaker=s) for s in rows[:limit]], next_cursor=next_cursor)
