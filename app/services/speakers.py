"""Speaker identity: mentions of one person across articles become one speaker, found by any
spelling of any of their names; speakers found to be one are merged, and the merge recorded."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, update
from sqlmodel import Session, col, select

from app.db import insert_rows, unused_id
from app.errors import InvalidInput
from app.models import Quote, Speaker, SpeakerAlias, SpeakerMerge, SpeakerNameKey, SpeakerRole
from app.nlp import types as nlp
from app.nlp.arabic import normalize
from app.nlp.identity import name_words, same_family_name, same_name
from app.nlp.names import TitledName, index_keys, last_word_key, name_keys, role_in_mention, split_title

# Unnamed sources and groups are only the same speaker within one article.
ARTICLE_SCOPED_KINDS = frozenset({"unnamed", "group"})
KEY_CHARS = 200  # speaker_name_key.key is cut to its column's length


def speaker_key(*, name: str, kind: str, article_id: int) -> str:
    norm = normalize(name)
    return f"{kind}:{article_id}:{norm}" if kind in ARTICLE_SCOPED_KINDS else f"{kind}:{norm}"


def get_or_create_speaker(
    *, session: Session, speaker: nlp.Speaker, article_id: int, mentions: Iterable[str] = ()
) -> Speaker:
    """The stored speaker a name means: the same name in any press spelling, or a family
    name alone when exactly one known person bears it; else a new speaker. Titles in the name
    or in the article's mentions of it (`رئيس هيئة الأركان العامة`) become the speaker's roles."""
    titled, name, names = said_names(speaker)
    row = None
    if speaker.kind not in ARTICLE_SCOPED_KINDS:
        row = known_speaker(session=session, name=name, kind=speaker.kind)
    if row is None:
        row = create_speaker(session=session, name=name, kind=speaker.kind,
                      key=speaker_key(name=name, kind=speaker.kind, article_id=article_id))
    elif len(name.split()) > len(row.name.split()):
        rename_speaker(session=session, speaker=row, name=name)
    add_aliases(session=session, speaker=row, names=names)
    if titled:
        add_roles(session=session, speaker=row, roles=article_roles(titled, name, mentions))
        absorb_family_name_speakers(session=session, speaker=row)
    return row


def said_as(speaker: nlp.Speaker) -> str:
    """The name an article gives a speaker, without the titles of a person."""
    return split_title(speaker.name).name if speaker.kind == "person" else speaker.name


def said_names(speaker: nlp.Speaker) -> tuple[TitledName | None, str, list[str]]:
    """A person's titled name (None for other kinds), the name said (`said_as`), and every
    name to record for the speaker: that name and the aliases, a person's without titles."""
    titled = split_title(speaker.name) if speaker.kind == "person" else None
    name = said_as(speaker)
    return titled, name, [name, *(split_title(a).name if titled else a for a in speaker.aliases)]


def article_roles(titled: TitledName, name: str, mentions: Iterable[str]) -> tuple[str, ...]:
    """A person's roles in an article: the titles in their name, then those its mentions give."""
    return (*titled.roles, *(role for mention in mentions if (role := role_in_mention(mention, name))))


def roles_by_norm(roles: Iterable[str]) -> dict[str, str]:
    """The roles to store, one per normalized form (its last spelling); blank ones dropped."""
    return {norm: role.strip() for role in roles if (norm := normalize(role))}


def aliases_by_norm(names: Iterable[str]) -> dict[str, str]:
    """The names to store as aliases, one per normalized form (its first spelling); blank ones dropped."""
    new: dict[str, str] = {}
    for name in names:
        if (norm := normalize(name)) and norm not in new:
            new[norm] = name.strip()
    return new


def alias_keys(*, kind: str, name: str, added: Iterable[str]) -> set[str]:
    """The name keys that new aliases give a speaker called `name`, cut to the column: the
    aliases' search keys, and a person's family name (`l:`) once their name is a full one."""
    keys = {k for alias in added for k in index_keys(alias)}
    if kind == "person" and len(name.split()) > 1:
        keys.add(f"l:{last_word_key(name)}")
    return {key[:KEY_CHARS] for key in keys}


@dataclass(frozen=True, slots=True)
class Lookup:
    """How `known_speaker` looks a name up: by its exact speaker key, or by any of `keys` (its
    whole-name skeletons, and for a lone family name (`single`) its bearers' family-name key)."""

    exact: str
    single: bool
    keys: list[str]

    @classmethod
    def of(cls, name: str, kind: str, *, by_family_name: bool = True) -> Lookup:
        single = by_family_name and kind == "person" and len(name_words(name)) == 1
        family = [f"l:{k}"] if single and (k := last_word_key(name)) else []
        return cls(speaker_key(name=name, kind=kind, article_id=0), single,
                   [f"n:{k}" for k in name_keys(name)] + family)


def known_speaker(*, session: Session, name: str, kind: str, exclude: int | None = None,
                   by_family_name: bool = True) -> Speaker | None:
    """The stored speaker this name means. The consonant skeleton finds candidates (any stored
    name or alias sharing it, and for a lone family name its known bearers); the identity
    rules (`app.nlp.identity`) decide: the same name in another press spelling, or for a family
    name alone the one person bearing it (none when several do), unless `by_family_name` is off."""
    look = Lookup.of(name, kind, by_family_name=by_family_name)
    rows = session.exec(select(Speaker).where(Speaker.kind == kind, col(Speaker.id) != (exclude or 0), or_(
        Speaker.key == look.exact,
        col(Speaker.id).in_(select(SpeakerNameKey.speaker_id).where(col(SpeakerNameKey.key).in_(look.keys))),
    )).order_by(Speaker.id)).all()
    for row in rows:
        if row.key == look.exact:
            return row
    names = names_of(session=session, speakers=rows)
    return pick_known(name, [Known(row, row.key, row.name, names[row.id]) for row in rows], look)


@dataclass(frozen=True, slots=True, eq=False)
class Known:
    """A stored speaker as the identity rules see it: `ref` is whatever the caller tracks it by."""

    ref: Any
    key: str
    name: str
    names: list[str]


def pick_known(name: str, candidates: Sequence[Known], look: Lookup) -> Any | None:
    """The rules of `known_speaker` over its candidates (in id order); returns the chosen `ref`."""
    for row in candidates:
        if row.key == look.exact:
            return row.ref
    same = [row for row in candidates if any(same_name(name, known) for known in row.names)]
    if not look.single:
        return same[0].ref if same else None
    # Everyone the name alone may mean counts (a father's name too: سلمان of محمد بن سلمان);
    # only a family name joins, and only the one person who may be meant.
    bearers = [row for row in candidates if row in same or any(
        len(name_words(known)) > 1 and same_family_name(name, known, or_father=True) for known in row.names)]
    if len(bearers) != 1:
        return None
    return next((row.ref for row in bearers if row in same or any(
        len(name_words(known)) > 1 and same_family_name(name, known) for known in row.names)), None)


def names_of(*, session: Session, speakers: Iterable[Speaker]) -> dict[int, list[str]]:
    """Every name each speaker is known by: its name and its aliases."""
    names = {row.id: [row.name] for row in speakers}
    for speaker_id, alias in session.exec(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(col(SpeakerAlias.speaker_id).in_(list(names)))
        .order_by(SpeakerAlias.id)
    ):
        names[speaker_id].append(alias)
    return names


def create_speaker(*, session: Session, name: str, kind: str, key: str) -> Speaker:
    """A new speaker. Writers hold `one_writer_at_a_time` and named speakers were just looked
    up by this key, so only article-scoped ones (two mentions of one unnamed source) can exist."""
    if kind in ARTICLE_SCOPED_KINDS:
        row = session.exec(select(Speaker).where(Speaker.key == key)).first()
        if row is not None:
            return row
    row = Speaker(id=unused_id(session, Speaker.id, SpeakerMerge.source_id),  # a merged id keeps leading to its target
                  name=name, kind=kind, norm_name=normalize(name), key=key)
    session.add(row)
    session.flush()
    return row


def rename_speaker(*, session: Session, speaker: Speaker, name: str) -> None:
    """The canonical name is the fullest form seen."""
    key = speaker_key(name=name, kind=speaker.kind, article_id=0)
    if session.exec(select(Speaker.id).where(Speaker.key == key, Speaker.id != speaker.id)).first() is None:
        speaker.key = key
    speaker.name, speaker.norm_name = name, normalize(name)
    session.add(speaker)
    session.flush()


def add_aliases(*, session: Session, speaker: Speaker, names: Iterable[str]) -> list[str]:
    """Record the names not yet known for this speaker, with their search keys; returns the ones added."""
    new = aliases_by_norm(names)
    inserted = set(insert_rows(
        session, SpeakerAlias, [{"speaker_id": speaker.id, "alias": alias, "norm_alias": norm} for norm, alias in new.items()],
        skip_duplicates=True, returning="norm_alias"))
    added = [alias for norm, alias in new.items() if norm in inserted]
    _add_keys(session=session, speaker_id=speaker.id,
              keys=alias_keys(kind=speaker.kind, name=speaker.name, added=added))
    return added


def add_user_alias(*, session: Session, speaker: Speaker, name: str) -> None:
    """A name a user gives the speaker, in any script; it must hold letters."""
    if not any(ch.isalpha() for ch in normalize(name)):
        raise InvalidInput("name holds no letters", extra={"field": "name"})
    add_aliases(session=session, speaker=speaker, names=[name])


def _add_keys(*, session: Session, speaker_id: int, keys: set[str]) -> None:
    insert_rows(session, SpeakerNameKey, [{"speaker_id": speaker_id, "key": key[:KEY_CHARS]} for key in sorted(keys)],
                skip_duplicates=True)


def add_roles(*, session: Session, speaker: Speaker, roles: Iterable[str]) -> None:
    insert_rows(session, SpeakerRole, [{"speaker_id": speaker.id, "role": role, "norm_role": norm}
                                       for norm, role in roles_by_norm(roles).items()], skip_duplicates=True)


def absorb_family_name_speakers(*, session: Session, speaker: Speaker) -> list[SpeakerMerge]:
    """New evidence: once a person's full name is known and no other known person bears their
    family name, speakers known only by that family name are this person."""
    if speaker.kind != "person" or len(name_words(speaker.name)) < 2:
        return []
    family = last_word_key(speaker.name)
    if not family:
        return []
    holders: dict[str, set[int]] = {"l": set(), "n": set()}
    for key, speaker_id in session.exec(
        select(SpeakerNameKey.key, SpeakerNameKey.speaker_id).join(Speaker)
        .where(col(SpeakerNameKey.key).in_([f"l:{family}", f"n:{family}"]), Speaker.kind == "person",
               Speaker.id != speaker.id)
    ):
        holders[key[0]].add(speaker_id)
    found = session.exec(select(Speaker).where(col(Speaker.id).in_(holders["l"] | holders["n"]))).all()
    names = names_of(session=session, speakers=found)
    sources = family_name_sources(speaker.name, [Known(row, row.key, row.name, names[row.id])
                                                 for row in sorted(found, key=lambda row: row.id)],
                                  full_name_holders=[row for row in found if row.id in holders["l"]])
    return [merge_speakers(session=session, target=speaker, source=other,
                           reason="known by the family name of the only person bearing it") for other in sources]


def family_name_sources(name: str, found: Sequence[Known], *, full_name_holders: Collection[Any]) -> list[Any]:
    """The rules of `absorb_family_name_speakers`: of the persons holding the family name's keys
    (`found`, in id order; `full_name_holders` hold it as a full name's last word), the refs of
    those known by the family name alone, unless another full name bears it."""
    family_name = name_words(name)[-1]
    if any(row.ref in full_name_holders and any(len(name_words(n)) > 1 and same_family_name(family_name, n)
                                                for n in row.names) for row in found):
        return []
    return [row.ref for row in found if len(name_words(row.name)) == 1 and same_family_name(row.name, name)]


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
        rename_speaker(session=session, speaker=target, name=source_name)
    add_aliases(session=session, speaker=target, names=[source_name, *names])
    _add_keys(session=session, speaker_id=target.id, keys={k for k in source_keys if not k.startswith("l:")})
    add_roles(session=session, speaker=target, roles=roles)
    return record


def merged_into(*, session: Session, speaker_id: int) -> int | None:
    """Where a merged speaker's quotes went, if it was merged."""
    return session.exec(select(SpeakerMerge.target_id).where(SpeakerMerge.source_id == speaker_id)
                        .order_by(col(SpeakerMerge.id).desc())).first()


def count_quotes(*, session: Session, added: Mapping[int, int]) -> None:
    """Atomic increments (speaker id -> quotes added), safe under concurrent ingests; one
    executemany, which the PostgreSQL driver pipelines into one round trip."""
    if added:
        table = Speaker.__table__  # type: ignore[attr-defined]
        session.exec(update(table).where(table.c.id == bindparam("speaker_id"))
                     .values(quote_count=table.c.quote_count + bindparam("added")),
                     params=[{"speaker_id": i, "added": n} for i, n in sorted(added.items())])
