"""Who said what: quotes filtered by speaker name, words, dates, type and article."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from app.api.deps import MAX_ID, CursorQuery, DateQuery, LimitQuery, SessionDep, SettingsDep, page_size
from app.models import QuotePublic, as_utc
from app.pagination import Page
from app.services import query

router = APIRouter(prefix="/quotes", tags=["quotes"])


@router.get("", response_model=Page[QuotePublic])
def list_quotes(
    session: SessionDep,
    settings: SettingsDep,
    speaker: Annotated[str | None, Query(max_length=200, description="a name as typed: غيراسيموف",
                                         examples=["غيراسيموف"])] = None,
    q: Annotated[str | None, Query(max_length=500, description="words in the statement",
                                   examples=["سوريا"])] = None,
    since: DateQuery = None,
    until: DateQuery = None,
    type: Literal["direct", "indirect", "mixed"] | None = None,
    article_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> Page[QuotePublic]:
    """Quotes, newest first."""
    return query.list_quotes(
        session=session, speaker=speaker, q=q, since=as_utc(since), until=as_utc(until), type=type,
        article_id=article_id, limit=page_size(limit, settings), cursor=cursor,
    )
