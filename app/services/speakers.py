"""Speaker identity: mentions of one person across articles become one speaker, found by any
spelling of any of their names; speakers found to be one are merged, and the merge recorded."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.errors import InvalidInput
from app.models import Quote, Speaker, SpeakerAlias, SpeakerMerge, SpeakerNameKey, SpeakerRole
from app.nlp import types as nlp
from app.nlp.arabic import normalize
from app.nlp.names import index_keys, last_word_key, role_in_mention, skeleton, split_title

# Unnamed sources and groups are only the same speaker within one article.
ARTICLE_SCOPED_KINDS = frozenset({"unnamed", "group"})


def speaker_key(*, name: str, kind: str, article_id: int) -> str:
    norm = normalize(name)
    return f"{kind}:{article_id}:{norm}" if kind in ARTICLE_SCOPED_KINDS else f"{kind}:{norm}"


def get_or_create_speaker(
    *, session: Session, speaker: nlp.Speaker, article_id: int, mentions: Iterable[str] = ()
) -> Speaker:
    """The stored speaker a name means: the same name in any press spelling, or a family
    name alone when exactly one known person bears it; else a new speaker. Titles in the name
    or in the article's mentions of it (`رئيس هيئة الأركان العامة`) become the speaker's roles."""
    titled = split_title(speaker.name) if speaker.kind == "person" else None
    name = titled.name if titled else speaker.name
    names = [name, *(split_title(a).name if titled else a for a in speaker.aliases)]
    row = None
    if speaker.kind not in ARTICLE_SCOPED_KINDS:
        row = _known_speaker(session=session, name=name, kind=speaker.kind)
    if row is None:
        row = _create(session=session, name=name, kind=speaker.kind,
                      key=speaker_key(name=name, kind=speaker.kind, article_id=article_id))
    elif len(name.split()) > len(row.name.split()):
        _rename(session=session, speaker=row, name=name)
    add_aliases(session=session, speaker=row, names=names)
    if titled:
        described = [role for mention in mentions if (role := role_in_mention(mention, name))]
        add_roles(session=session, speaker=row, roles=(*titled.roles, *described))
        absorb_family_name_speakers(session=session, speaker=row)
    return row


def _known_speaker(*, session: Session, name: str, kind: str) -> Speaker | None:
    exact = session.exec(select(Speaker).where(Speaker.key == speaker_key(name=name, kind=kind, article_id=0))).first()
    if exact is not None:
        return exact
    same = _speakers_with_key(session=session, key=f"n:{skeleton(name)}", kind=kind)
    if kind == "person" and len(name.split()) == 1:
        # a family name alone: one known person bearing it, or nobody (ambiguity keeps them apart)
        same |= _speakers_with_key(session=session, key=f"l:{last_word_key(name)}", kind=kind)
        return session.get(Speaker, same.pop()) if len(same) == 1 else None
    if not same:
        return None
    rows = session.exec(select(Speaker).where(col(Speaker.id).in_(same)).order_by(Speaker.id)).all()
    full = [r for r in rows if skeleton(r.name) == skeleton(name)]
    return (full or rows)[0]


def _speakers_with_key(*, session: Session, key: str, kind: str) -> set[int]:
    if key.endswith(":"):
        return set()
    return set(session.exec(
        select(SpeakerNameKey.speaker_id).join(Speaker).where(SpeakerNameKey.key == key, Speaker.kind == kind)
    ))


def _create(*, session: Session, name: str, kind: str, key: str) -> Speaker:
    row = session.exec(select(Speaker).where(Speaker.key == key)).first()
    if row is not None:
        return row
    row = Speaker(name=name, kind=kind, norm_name=normalize(name), key=key)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # created meanwhile by a concurrent request
        row = session.exec(select(Speaker).where(Speaker.key == key)).one()
    return row


def _rename(*, session: Session, speaker: Speaker, name: str) -> None:
    """The canonical name is the fullest form seen."""
    key = speaker_key(name=name, kind=speaker.kind, article_id=0)
    if session.exec(select(Speaker.id).where(Speaker.key == key, Speaker.id != speaker.id)).first() is None:
        speaker.key = key
    speaker.name, speaker.norm_name = name, normalize(name)
    session.add(speaker)
    session.flush()


def add_aliases(*, session: Session, speaker: Speaker, names: Iterable[str]) -> list[str]:
    """Record the names not yet known for this speaker, with their search keys; returns the ones added."""
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
    keys = {k for name in added for k in index_keys(name)}
    if speaker.kind == "person" and len(speaker.name.split()) > 1:
        keys.add(f"l:{last_word_key(speaker.name)}")
    _add_keys(session=session, speaker_id=speaker.id, keys=keys)
    return added


def add_user_alias(*, session: Session, speaker: Speaker, name: str) -> None:
    """A name a user gives the speaker, in any script; it must hold letters."""
    if not any(ch.isalpha() for ch in normalize(name)):
        raise InvalidInput("name holds no letters", extra={"field": "name"})
    add_aliases(session=session, speaker=speaker, names=[name])


def _add_keys(*, session: Session, speaker_id: int, keys: set[str]) -> None:
    known = set(session.exec(select(SpeakerNameKey.key).where(SpeakerNameKey.speaker_id == speaker_id)))
    for key in sorted(keys - known):
        try:
            with session.begin_nested():
                session.add(SpeakerNameKey(speaker_id=speaker_id, key=key[:200]))
        except IntegrityError:
            pass


def add_roles(*, session: Session, speaker: Speaker, roles: Iterable[str]) -> None:
    known = set(session.exec(select(SpeakerRole.norm_role).where(SpeakerRole.speaker_id == speaker.id)))
    for role in roles:
        norm = normalize(role)
        if norm and norm not in known:
            known.add(norm)
            try:
                with session.begin_nested():
                    session.add(SpeakerRole(speaker_id=speaker.id, role=role.strip(), norm_role=norm))
            except IntegrityError:
                pass


def absorb_family_name_speakers(*, session: Session, speaker: Speaker) -> list[SpeakerMerge]:
    """New evidence: once a person's full name is known and no other known person bears their
    family name, speakers known only by that family name are this person."""
    if speaker.kind != "person" or len(speaker.name.split()) < 2:
        return []
    family = last_word_key(speaker.name)
    if _speakers_with_key(session=session, key=f"l:{family}", kind="person") - {speaker.id}:
        return []
    merges = []
    for other_id in sorted(_speakers_with_key(session=session, key=f"n:{family}", kind="person") - {speaker.id}):
        other = session.get(Speaker, other_id)
        if other is not None and len(other.name.split()) == 1:
            merges.append(merge_speakers(session=session, target=speaker, source=other,
                                         reason="known by the family name of the only person bearing it"))
    return merges


def merge_speakers(*, session: Session, target: Speaker, source: Speaker, reason: str) -> SpeakerMerge:
    """Move the source's quotes, names, roles and count to the target, record it, drop the source."""
    if target.id == source.id:
        raise InvalidInput("a speaker cannot be merged into itself", extra={"field": "speaker_id"})
    names = session.exec(select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == source.id)).all()
    roles = session.exec(select(SpeakerRole.role).where(SpeakerRole.speaker_id == source.id)).all()
    source_keys = set(session.exec(select(SpeakerNameKey.key).where(SpeakerNameKey.speaker_id == source.id)))
    moved = session.exec(
        select(func.count()).select_from(Quote).where(Quote.speaker_id == source.id)
    ).one()
    session.exec(update(Quote).where(Quote.speaker_id == source.id).values(speaker_id=target.id))
    session.exec(update(SpeakerMerge).where(SpeakerMerge.target_id == source.id).values(target_id=target.id))
    record = SpeakerMerge(source_id=source.id, source_name=source.name, target_id=target.id, reason=reason)
    session.add(record)
    source_name = source.name
    session.exec(delete(Speaker).where(Speaker.id == source.id))
    session.expunge(source)
    session.exec(update(Speaker).where(Speaker.id == target.id).values(quote_count=Speaker.quote_count + moved))
    session.flush()
    session.refresh(target)
    if len(source_name.split()) > len(target.name.split()):
        _rename(session=session, speaker=target, name=source_name)
    add_aliases(session=session, speaker=target, names=[source_name, *names])
    _add_keys(session=session, speaker_id=target.id, keys={k for k in source_keys if not k.startswith("l:")})
    add_roles(session=session, speaker=target, roles=roles)
    return record


def merged_into(*, session: Session, speaker_id: int) -> int | None:
    """Where a merged speaker's quotes went, if it was merged."""
    return session.exec(select(SpeakerMerge.target_id).where(SpeakerMerge.source_id == speaker_id)
                        .order_by(col(SpeakerMerge.id).desc())).first()


def count_quotes(*, session: Session, speaker_id: int, by: int) -> None:
    """Atomic increment, safe under concurrent ingests."""
    session.exec(update(Speaker).where(Speaker.id == speaker_id).values(quote_count=Speaker.quote_count + by))
