"""Speakers: search by name in any spelling or script, read one with its aliases and roles,
list what one said, give one another name, merge two found to be one, split a wrongly merged
name out of one."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import Session

from app.api.deps import CursorQuery, IdPath, LimitQuery, SessionDep, SettingsDep, page_size
from app.db import one_writer_at_a_time
from app.models import AliasCreate, MergeCreate, QuotePublic, Speaker, SpeakerPublic, SplitCreate
from app.pagination import Page
from app.services import query, speaker_split, speakers

router = APIRouter(prefix="/speakers", tags=["speakers"])

SpeakerId = IdPath


@router.get("", response_model=Page[SpeakerPublic])
def list_speakers(
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, description="a name in Arabic or Latin script, any spelling",
                                   examples=["غيراسيموف", "Gerasimov"])] = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> Page[SpeakerPublic]:
    """Without `q`, every speaker by id; with it, the candidates for that name, best first."""
    return query.list_speakers(session=session, q=q, limit=page_size(limit, settings), cursor=cursor)


@router.get("/{speaker_id}", response_model=SpeakerPublic)
def get_speaker(session: SessionDep, speaker_id: SpeakerId) -> SpeakerPublic:
    return query.speaker_public(session=session, speaker=query.get_speaker(session=session, speaker_id=speaker_id))


@router.post("/{speaker_id}/aliases", response_model=SpeakerPublic)
def add_alias(session: SessionDep, speaker_id: SpeakerId, body: AliasCreate) -> SpeakerPublic:
    """Another name the speaker is known by (an English spelling, say); searches find it at once."""
    return query.speaker_public(session=session, speaker=give_alias(session=session, speaker_id=speaker_id,
                                                                     body=body))


@router.post("/{speaker_id}/merge", response_model=SpeakerPublic)
def merge(session: SessionDep, speaker_id: SpeakerId, body: MergeCreate) -> SpeakerPublic:
    """Merge speaker `speaker_id` of the body into this one: its quotes, names and roles move
    here, the merge is recorded, and the merged id answers 404 naming this one."""
    return query.speaker_public(session=session, speaker=merge_into(session=session, speaker_id=speaker_id,
                                                                     body=body))


@router.post("/{speaker_id}/split", response_model=SpeakerPublic)
def split(session: SessionDep, speaker_id: SpeakerId, body: SplitCreate) -> SpeakerPublic:
    """Undo a wrong merge: take the name `name` of the body (and this speaker's other names that
    are that name) out of this speaker; the quotes said under it move to that name's own
    speaker, known or new, which is returned. The split is recorded."""
    return query.speaker_public(session=session, speaker=split_name(session=session, speaker_id=speaker_id,
                                                                     body=body))


@router.get("/{speaker_id}/quotes", response_model=Page[QuotePublic])
def speaker_quotes(
    session: SessionDep, settings: SettingsDep, speaker_id: SpeakerId, limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> Page[QuotePublic]:
    query.get_speaker(session=session, speaker_id=speaker_id)
    return query.list_quotes(
        session=session, speaker_id=speaker_id, limit=page_size(limit, settings), cursor=cursor
    )


# The writes themselves, committed here: shared by these routes and the speaker page's forms.

def give_alias(*, session: Session, speaker_id: int, body: AliasCreate) -> Speaker:
    one_writer_at_a_time(session)  # first: writes to speakers take turns with ingests
    speaker = query.get_speaker(session=session, speaker_id=speaker_id)
    speakers.add_user_alias(session=session, speaker=speaker, name=body.name)
    session.commit()
    return speaker


def merge_into(*, session: Session, speaker_id: int, body: MergeCreate) -> Speaker:
    one_writer_at_a_time(session)
    target = query.get_speaker(session=session, speaker_id=speaker_id)
    source = query.get_speaker(session=session, speaker_id=body.speaker_id)
    speakers.merge_speakers(session=session, target=target, source=source, reason="merged by a user")
    session.commit()
    return target


def split_name(*, session: Session, speaker_id: int, body: SplitCreate) -> Speaker:
    """The speaker the name now belongs to."""
    one_writer_at_a_time(session)
    source = query.get_speaker(session=session, speaker_id=speaker_id)
    record = speaker_split.split_speaker(session=session, speaker=source, name=body.name, reason="split by a user")
    session.commit()
    return query.get_speaker(session=session, speaker_id=record.target_id)
