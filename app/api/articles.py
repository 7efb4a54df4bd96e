"""POST an article (text or url), read it back, list articles."""
from __future__ import annotations

from typing import Annotated

import httpx
from fastapi import APIRouter, Body, Query, Response, status
from sqlmodel import Session

from app.api.deps import (
    CursorQuery,
    DateQuery,
    HttpClientDep,
    IdPath,
    LimitQuery,
    PipelineDep,
    SessionDep,
    SettingsDep,
    page_size,
)
from app.config import Settings
from app.errors import InvalidInput
from app.models import Article, ArticleCreate, ArticlePublic, ArticleSummary, as_utc
from app.nlp.pipeline import Pipeline
from app.pagination import Page
from app.services import ingest, query
from app.services.fetch import fetch_article

router = APIRouter(prefix="/articles", tags=["articles"])

SEED_EXAMPLE = {
    "title": "غيراسيموف: تحرير سوريا من داعش",
    "text": (
        "غيراسيموف: تحرير سوريا من داعش\n"
        "وقال رئيس هيئة الأركان العامة الروسية، الجنرال فاليري غيراسيموف: “تم القضاء على جميع "
        "تشكيلات داعش في أراضي سوريا”.\nوأكد غيراسيموف أن العمليات انتهت."
    ),
    "source": "RT Arabic",
    "published_at": "2017-12-06T12:00:00Z",
}


@router.post(
    "",
    response_model=ArticlePublic,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "the article was already stored; nothing new was created"}},
)
def post_article(
    session: SessionDep,
    pipeline: PipelineDep,
    http_client: HttpClientDep,
    settings: SettingsDep,
    response: Response,
    draft: Annotated[
        ArticleCreate,
        Body(openapi_examples={
            "text": {"summary": "An article's text", "value": SEED_EXAMPLE},
            "url": {"summary": "Only a url: the service fetches the page",
                    "value": {"url": "https://www.example.com/news/1"}},
        }),
    ],
) -> ArticlePublic:
    article, created = store_article(session=session, pipeline=pipeline, http_client=http_client,
                                     settings=settings, draft=draft)
    if not created:
        response.status_code = status.HTTP_200_OK
    return query.article_public(session=session, article=article)


def store_article(
    *, session: Session, pipeline: Pipeline, http_client: httpx.Client, settings: Settings, draft: ArticleCreate
) -> tuple[Article, bool]:
    """Fetch (for a url alone), analyse and store an article, committing; an article already
    stored is returned as it is, with `False`. Shared by the JSON API and the add page."""
    existing = ingest.find_existing(session=session, url=draft.url, text=draft.text)
    if existing is not None:
        return existing, False
    # End the read-only transaction: the fetch holds no database connection (slow pages would
    # exhaust the pool), and the ingest's writes begin a fresh transaction.
    session.commit()
    if draft.text is None:
        draft = _fetch_text(draft, http_client=http_client, settings=settings)
    ingest.check_text(draft.text, max_chars=settings.max_text_chars)
    article, created = ingest.ingest_article(session=session, pipeline=pipeline, draft=draft)
    session.commit()
    return article, created


def _fetch_text(draft: ArticleCreate, *, http_client: httpx.Client, settings: Settings) -> ArticleCreate:
    if not draft.url:
        raise InvalidInput("give the article's text, or a url to fetch it from", extra={"field": "text"})
    page = fetch_article(
        draft.url, client=http_client, max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects, deadline_seconds=settings.fetch_timeout_seconds,
        allow_private=settings.fetch_allow_private_hosts,
    )
    return draft.model_copy(update={"text": page.text, "title": draft.title or page.title})


@router.get("/{article_id}", response_model=ArticlePublic)
def get_article(session: SessionDep, article_id: IdPath) -> ArticlePublic:
    return query.article_public(session=session, article=query.get_article(session=session, article_id=article_id))


@router.get("", response_model=Page[ArticleSummary])
def list_articles(
    session: SessionDep,
    settings: SettingsDep,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: DateQuery = None,
    until: DateQuery = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> Page[ArticleSummary]:
    return query.list_articles(
        session=session, source=source, since=as_utc(since), until=as_utc(until),
        limit=page_size(limit, settings), cursor=cursor,
    )
