"""Speaker identity: one row per person or organisation, found by any normalised alias."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.models import Speaker, SpeakerAlias
from app.nlp import types as nlp
from app.nlp.arabic import normalize

# Unnamed sources and groups are only the same speaker within one article.
ARTICLE_SCOPED_KINDS = frozenset({"unnamed", "group"})


def speaker_key(*, name: str, kind: str, article_id: int) -> str:
    norm = normalize(name)
    return f"{kind}:{article_id}:{norm}" if kind in ARTICLE_SCOPED_KINDS else f"{kind}:{norm}"


def get_or_create_speaker(*, session: Session, speaker: nlp.Speaker, article_id: int) -> Speaker:
    key = speaker_key(name=speaker.name, kind=speaker.kind, article_id=article_id)
    row = session.exec(select(Speaker).where(Speaker.key == key)).first()
    if row is None:
        row = Speaker(name=speaker.name, kind=speaker.kind, norm_name=normalize(speaker.name), key=key)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # created meanwhile by a concurrent request
            row = session.exec(select(Speaker).where(Speaker.key == key)).one()
    add_aliases(session=session, speaker=row, names=(speaker.name, *speaker.aliases))
    return row


def add_aliases(*, session: Session, speaker: Speaker, names: tuple[str, ...] | list[str]) -> list[str]:
    """Record the names not yet known for this speaker; returns the ones added."""
    known = set(session.exec(select(SpeakerAlias.norm_alias).where(SpeakerAlias.speaker_id == speaker.id)))
    added = []
    for name in names:
        norm = normalize(name)
        if not norm or norm in known:
            continue
        known.add(norm)
        try:
            with session.begin_nested():
                session.add(SpeakerAlias(speaker_id=speaker.id, alias=name.strip(), norm_alias=norm))
            added.append(name.strip())
        except IntegrityError:
            pass
    return added


def count_quotes(*, session: Session, speaker_id: int, by: int) -> None:
    """Atomic increment, safe under concurrent ingests."""
    session.exec(update(Speaker).where(Speaker.id == speaker_id).values(quote_count=Speaker.quote_count + by))
