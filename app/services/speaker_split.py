"""Undoing wrong merges: a name taken out of a speaker with the quotes said under it, and a
re-check of stored speakers with the identity rules (`app.nlp.identity`) that lists the ones
older rules merged from different people."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from app.errors import InvalidInput
from app.models import Article, Quote, Speaker, SpeakerAlias, SpeakerMerge, SpeakerNameKey, SpeakerSplit
from app.nlp.arabic import has_arabic, normalize
from app.nlp.identity import part_of_name, same_name
from app.nlp.names import index_keys, last_word_key, role_in_mention
from app.services.speakers import (
    ARTICLE_SCOPED_KINDS,
    add_aliases,
    add_roles,
    create_speaker,
    known_speaker,
    names_of,
    rename_speaker,
    speaker_key,
)


def split_speaker(*, session: Session, speaker: Speaker, name: str, reason: str,
                  without_quotes: bool = True) -> SpeakerSplit | None:
    """Take `name` (and the speaker's other names that are that name) out of the speaker: the
    quotes said under it move to the name's own speaker (a known one, else a new one), the
    split is recorded, and merges of that name into this speaker now point at the new one.
    With `without_quotes` off, a name no quote was said under is left (None)."""
    names = names_of(session=session, speakers=[speaker])[speaker.id]
    if same_name(name, speaker.name):
        raise InvalidInput("that is the speaker's own name: split the other names out of it",
                           extra={"field": "name"})
    moving, staying = _sides(names=names, name=name, own=speaker.name)
    if not moving:
        raise InvalidInput(f"speaker {speaker.id} is not known by that name", extra={"field": "name"})
    quotes = _quotes_said_as(session=session, speaker=speaker, moving=moving, staying=staying)
    if not quotes and not without_quotes:
        return None
    full = max(moving, key=lambda n: len(n.split()))
    target = known_speaker(session=session, name=full, kind=speaker.kind, exclude=speaker.id, by_family_name=False)
    if target is None:
        target = create_speaker(session=session, name=full, kind=speaker.kind,
                                key=_free_key(session=session, name=full, kind=speaker.kind, speaker_id=speaker.id))
    elif len(full.split()) > len(target.name.split()):
        rename_speaker(session=session, speaker=target, name=full)
    ids = [q.id for q in quotes]
    session.exec(update(Quote).where(col(Quote.id).in_(ids)).values(speaker_id=target.id))
    session.exec(update(Speaker).where(Speaker.id == speaker.id).values(quote_count=Speaker.quote_count - len(ids)))
    session.exec(update(Speaker).where(Speaker.id == target.id).values(quote_count=Speaker.quote_count + len(ids)))
    session.exec(update(SpeakerMerge).where(SpeakerMerge.target_id == speaker.id,
                                            col(SpeakerMerge.source_name).in_(moving)).values(target_id=target.id))
    session.exec(delete(SpeakerAlias).where(SpeakerAlias.speaker_id == speaker.id,
                                            col(SpeakerAlias.norm_alias).in_([normalize(n) for n in moving])))
    session.flush()
    session.refresh(speaker)
    session.refresh(target)
    add_aliases(session=session, speaker=target, names=moving)
    add_roles(session=session, speaker=target,
              roles=[role for q in quotes if q.mention and (role := role_in_mention(q.mention, full))])
    rekey(session=session, speaker=speaker)
    record = SpeakerSplit(source_id=speaker.id, name=name.strip(), target_id=target.id, quotes_moved=len(ids),
                          reason=reason)
    session.add(record)
    session.flush()
    return record


def _sides(*, names: Sequence[str], name: str, own: str) -> tuple[list[str], list[str]]:
    """The speaker's names that go with `name` (that name, and shorter forms of it no staying
    name shares) and the ones that stay (the speaker's own name always does)."""
    same = [n for n in names if same_name(n, name)]
    others = [n for n in names if n not in same]
    shorter = [n for n in others if normalize(n) != normalize(own) and any(part_of_name(n, m) for m in same)
               and not any(part_of_name(n, o) or same_name(n, o) for o in others if o != n)]
    moving = same + shorter
    return moving, [n for n in names if n not in moving]


def _distinct(names: Sequence[str], others: Sequence[str]) -> list[str]:
    """Names that tell their bearer from the others' (a family name both share does not)."""
    return [normalize(n) for n in names if not any(part_of_name(n, o) or same_name(n, o) for o in others)]


def _quotes_said_as(*, session: Session, speaker: Speaker, moving: list[str], staying: list[str]) -> list[Quote]:
    """The speaker's quotes said under a moving name: the name stored with the quote, or for
    quotes stored before it was (`said_as` empty), the article naming only the moving person,
    else the quote's mention doing so."""
    quotes = session.exec(select(Quote).where(Quote.speaker_id == speaker.id)).all()
    away, home = _distinct(moving, staying), _distinct(staying, moving)
    legacy = {q.article_id for q in quotes if q.said_as is None}
    texts = dict(session.exec(select(Article.id, Article.text).where(col(Article.id).in_(legacy))).all()) if legacy else {}
    named = {i: (_names_in(normalize(t), away), _names_in(normalize(t), home)) for i, t in texts.items()}
    chosen = []
    for q in quotes:
        if q.said_as is not None:
            if any(same_name(q.said_as, n) for n in moving):
                chosen.append(q)
            continue
        moving_named, staying_named = named[q.article_id]
        mention = normalize(q.mention or "")
        if moving_named and not staying_named or _names_in(mention, away) and not _names_in(mention, home):
            chosen.append(q)
    return chosen


def _names_in(text: str, names: Sequence[str]) -> bool:
    padded = f" {text} "
    return any(f" {n} " in padded or f"ل{n} " in padded or f"و{n} " in padded for n in names if n)


def _free_key(*, session: Session, name: str, kind: str, speaker_id: int) -> str:
    """The identity key of the name, or when another speaker holds it, one marking the split."""
    key = speaker_key(name=name, kind=kind, article_id=0)
    taken = session.exec(select(Speaker.id).where(Speaker.key == key)).first()
    return key if taken is None else f"{key}:split-from-{speaker_id}"


def rekey(*, session: Session, speaker: Speaker) -> None:
    """The speaker's name keys again, from the names it keeps."""
    names = names_of(session=session, speakers=[speaker])[speaker.id]
    keys = {k for n in names for k in index_keys(n)}
    if speaker.kind == "person" and len(speaker.name.split()) > 1:
        keys.add(f"l:{last_word_key(speaker.name)}")
    session.exec(delete(SpeakerNameKey).where(SpeakerNameKey.speaker_id == speaker.id))
    session.add_all(SpeakerNameKey(speaker_id=speaker.id, key=k[:200]) for k in sorted(keys))
    session.flush()


# --- re-check -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MergedPeople:
    """A stored speaker whose names belong to more than one person under the identity rules:
    the group holding its own name stays, each other group is another person."""

    speaker_id: int
    name: str
    quote_count: int
    others: tuple[tuple[str, ...], ...]


def merged_people(*, session: Session) -> list[MergedPeople]:
    """Stored speakers that hold names of different people (what older rules merged)."""
    multi = select(SpeakerAlias.speaker_id).group_by(SpeakerAlias.speaker_id).having(func.count() > 1)
    speakers = session.exec(select(Speaker).where(col(Speaker.id).in_(multi),
                                                  col(Speaker.kind).not_in(ARTICLE_SCOPED_KINDS))
                            .order_by(Speaker.id)).all()
    names = names_of(session=session, speakers=speakers)
    found = []
    for speaker in speakers:
        groups = people_among(speaker.name, names[speaker.id])
        if len(groups) > 1:
            found.append(MergedPeople(speaker.id, speaker.name, speaker.quote_count, tuple(groups[1:])))
    return found


def people_among(own: str, names: Sequence[str]) -> list[tuple[str, ...]]:
    """The speaker's Arabic-script names grouped by person, its own name's group first: names
    that are not a shorter form of another are grouped when they are one name or one is a
    shorter form of the other; shorter forms join the one group they fit, or stay with the own
    name when several fit (a family name two people share). Latin aliases are a user's word."""
    arabic = list(dict.fromkeys(n for n in names if has_arabic(n)))
    full = [n for n in arabic if not any(part_of_name(n, m) and not same_name(n, m) for m in arabic if m != n)]
    groups: list[list[str]] = []
    for n in sorted(full, key=lambda n: not same_name(n, own)):
        group = next((g for g in groups if any(same_name(n, m) or part_of_name(n, m) or part_of_name(m, n)
                                               for m in g)), None)
        if group is None:
            groups.append([n])
        else:
            group.append(n)
    fits: dict[str, list[int]] = defaultdict(list)
    for n in arabic:
        if n not in full:
            fits[n] = [i for i, g in enumerate(groups) if any(part_of_name(n, m) for m in g)]
    for n, where in fits.items():
        groups[where[0] if len(where) == 1 else 0].append(n)
    return [tuple(g) for g in groups]
