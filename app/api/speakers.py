"""Speakers: search by name, read one with its aliases, list what one said."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CursorQuery, IdPath, LimitQuery, SessionDep, SettingsDep, page_size
from app.models import QuotePublic, SpeakerPublic
from app.pagination import Page
from app.services import query

router = APIRouter(prefix="/speakers", tags=["speakers"])

SpeakerId = IdPath


@router.get("", response_model=Page[SpeakerPublic])
def list_speakers(
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, examples=["غيراسيموف"])] = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> Page[SpeakerPublic]:
    return query.list_speakers(session=session, q=q, limit=page_size(limit, settings), cursor=cursor)


@router.get("/{speaker_id}", response_model=SpeakerPublic)
def get_speaker(session: SessionDep, speaker_id: SpeakerId) -> SpeakerPublic:
    return query.speaker_public(session=session, speaker=query.get_speaker(session=session, speaker_id=speaker_id))


@router.get("/{speaker_id}/quotes", response_model=Page[QuotePublic])
def speaker_quotes(
    session: SessionDep, settings: SettingsDep, speaker_id: SpeakerId, limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> Page[QuotePublic]:
    query.get_speaker(session=session, speaker_id=speaker_id)
    return query.list_quotes(
        session=session, speaker_id=speaker_id, limit=page_size(limit, settings), cursor=cursor
    )
