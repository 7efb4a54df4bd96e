"""An article's speakers resolved in a few set-based statements, with the identity rules of
`speakers.get_or_create_speaker` applied one speaker after another, in memory.

`get_or_create_speaker` costs each speaker about seven statements (candidates, their names,
the new row, aliases, keys, roles, the family-name check). Here the candidates of all the
article's names are read at once (`_load`: the speakers holding any key the rules will look
up, those keys, and the names of those speakers), each speaker is decided on that picture,
which each decision updates as the database would be, and the new rows and names are
written at the end (`flush`), a statement per table. The rules themselves are shared
(`speakers.pick_known`, `speakers.family_name_sources`). A decision that would merge stored
speakers is not taken here: `resolve` returns None and the caller goes on speaker by speaker
through `get_or_create_speaker`, after `flush`. Call it holding `one_writer_at_a_time`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, or_, text, update
from sqlmodel import Session, col, select

from app.db import insert_rows, unused_id
from app.models import Speaker, SpeakerAlias, SpeakerMerge, SpeakerNameKey, SpeakerRole, utcnow
from app.nlp import types as nlp
from app.nlp.arabic import normalize
from app.nlp.identity import name_words
from app.nlp.names import last_word_key
from app.services.speakers import (
    ARTICLE_SCOPED_KINDS,
    Known,
    Lookup,
    alias_keys,
    aliases_by_norm,
    article_roles,
    family_name_sources,
    pick_known,
    roles_by_norm,
    said_as,
    said_names,
    speaker_key,
)


@dataclass(eq=False)
class _Row:
    """A speaker as the database holds it after the writes decided so far."""

    id: int | None  # None until `flush` inserts a new one
    kind: str
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    alias_norms: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)  # of the keys read, and every key added
    new: bool = False
    renamed: bool = False


@dataclass
class ArticleSpeakers:
    session: Session
    article_id: int
    _rows: list[_Row] = field(default_factory=list)  # stored ones in id order, then new ones
    _by_id: dict[int, _Row] = field(default_factory=dict)
    _keys_read: set[str] = field(default_factory=set)
    _exact_read: set[str] = field(default_factory=set)
    _aliases: list[tuple[_Row, str, str]] = field(default_factory=list)
    _new_keys: list[tuple[_Row, str]] = field(default_factory=list)
    _roles: dict[tuple[int, str], tuple[_Row, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, *, session: Session, article_id: int, speakers: Iterable[nlp.Speaker]) -> ArticleSpeakers:
        """The picture every speaker of the article will be decided on, read in three statements."""
        batch = cls(session, article_id)
        keys, exact = set(), set()
        for found in speakers:
            name = said_as(found)
            keys.update(_lookup_keys(name, found.kind))
            exact.add(speaker_key(name=name, kind=found.kind, article_id=article_id))
            exact.add(speaker_key(name=name, kind=found.kind, article_id=0))
        batch._load(keys, exact)
        return batch

    def resolve(self, found: nlp.Speaker, mentions: Sequence[str]) -> _Row | None:
        """What `get_or_create_speaker` would do, decided and noted for `flush`; None (and
        nothing noted) when it would merge stored speakers."""
        titled, name, names = said_names(found)
        key = speaker_key(name=name, kind=found.kind, article_id=self.article_id)
        if found.kind in ARTICLE_SCOPED_KINDS:  # the article's own, by its key, never renamed
            row = next((r for r in self._rows if r.key == key), None)
            creates, renames = row is None, False
        else:
            row = self._known(name, found.kind)
            creates = row is None
            renames = not creates and len(name.split()) > len(row.name.split())
        final_name = name if creates or renames else row.name
        if titled and self._would_absorb(final_name, row):
            return None
        if creates:
            row = _Row(None, found.kind, key, name, new=True)
            self._rows.append(row)
        elif renames:
            self._rename(row, name)
        self._add_aliases(row, names)
        if titled:
            # as `add_roles` (its last spelling), then the first stored wins
            for norm, role in roles_by_norm(article_roles(titled, name, mentions)).items():
                self._roles.setdefault((id(row), norm), (row, role))
        return row

    def flush(self) -> None:
        """Write what was decided: new speakers, renames, aliases, keys and roles, a statement each."""
        new = [row for row in self._rows if row.new and row.id is None]
        if new:
            ids = _new_ids(self.session, len(new))
            now = utcnow()
            insert_rows(self.session, Speaker, [
                {"id": i, "name": row.name, "kind": row.kind, "norm_name": normalize(row.name), "key": row.key,
                 "quote_count": 0, "created_at": now} for i, row in zip(ids, new, strict=True)])
            for i, row in zip(ids, new, strict=True):
                row.id = i
        renamed = [row for row in self._rows if row.renamed]
        if renamed:
            table = Speaker.__table__  # type: ignore[attr-defined]
            self.session.exec(update(table).where(table.c.id == bindparam("row_id"))
                              .values(name=bindparam("new_name"), norm_name=bindparam("new_norm"),
                                      key=bindparam("new_key")),
                              params=[{"row_id": r.id, "new_name": r.name, "new_norm": normalize(r.name),
                                       "new_key": r.key} for r in renamed])
            for row in renamed:
                row.renamed = False
                if (stale := self.session.identity_map.get(self.session.identity_key(Speaker, row.id))) is not None:
                    self.session.expire(stale)
        insert_rows(self.session, SpeakerAlias, [{"speaker_id": row.id, "alias": alias, "norm_alias": norm}
                                                 for row, alias, norm in self._aliases], skip_duplicates=True)
        insert_rows(self.session, SpeakerNameKey, [{"speaker_id": row.id, "key": key}
                                                   for row, key in sorted(self._new_keys, key=lambda x: x[1])],
                    skip_duplicates=True)
        insert_rows(self.session, SpeakerRole, [{"speaker_id": row.id, "role": role, "norm_role": norm}
                                                for (_, norm), (row, role) in self._roles.items()],
                    skip_duplicates=True)
        self._aliases, self._new_keys, self._roles = [], [], {}

    # --- the rules on the picture -----------------------------------------------------------

    def _known(self, name: str, kind: str) -> _Row | None:
        look = Lookup.of(name, kind)
        keys = set(look.keys)
        self._ensure(keys, {look.exact})
        rows = [row for row in self._rows if row.kind == kind and (row.key == look.exact or row.keys & keys)]
        return pick_known(name, [Known(row, row.key, row.name, [row.name, *row.aliases]) for row in rows],
                          look)

    def _would_absorb(self, name: str, speaker: _Row | None) -> bool:
        """Whether `absorb_family_name_speakers` would merge someone into this speaker."""
        if len(name_words(name)) < 2 or not (family := last_word_key(name)):
            return False
        full, alone = f"l:{family}", f"n:{family}"
        self._ensure({full, alone}, set())
        found = [row for row in self._rows
                 if row.kind == "person" and row is not speaker and row.keys & {full, alone}]
        return bool(family_name_sources(
            name, [Known(row, row.key, row.name, [row.name, *row.aliases]) for row in found],
            full_name_holders=[row for row in found if full in row.keys]))

    def _rename(self, row: _Row, name: str) -> None:
        """As `rename_speaker`: the key follows the name unless another speaker holds it."""
        key = speaker_key(name=name, kind=row.kind, article_id=0)
        self._ensure(set(), {key})
        if not any(r.key == key for r in self._rows if r is not row):
            row.key = key
        row.name = name
        row.renamed = not row.new

    def _add_aliases(self, row: _Row, names: Iterable[str]) -> None:
        """As `add_aliases`: the names the speaker does not have yet, and the keys of those."""
        added = []
        for norm, alias in aliases_by_norm(names).items():
            if norm not in row.alias_norms:
                row.alias_norms.add(norm)
                row.aliases.append(alias)
                self._aliases.append((row, alias, norm))
                added.append(alias)
        for key in alias_keys(kind=row.kind, name=row.name, added=added) - row.keys:
            row.keys.add(key)
            self._new_keys.append((row, key))

    # --- reading ----------------------------------------------------------------------------

    def _ensure(self, keys: set[str], exact: set[str]) -> None:
        """Read whatever of these keys (name keys, speaker keys) is not in the picture yet."""
        keys, exact = keys - self._keys_read, exact - self._exact_read
        if keys or exact:
            self._load(keys, exact)

    def _load(self, keys: set[str], exact: set[str]) -> None:
        self._keys_read |= keys
        self._exact_read |= exact
        conditions = []
        if exact:
            conditions.append(col(Speaker.key).in_(sorted(exact)))
        if keys:
            conditions.append(col(Speaker.id).in_(
                select(SpeakerNameKey.speaker_id).where(col(SpeakerNameKey.key).in_(sorted(keys)))))
        stored = self.session.exec(
            select(Speaker.id, Speaker.kind, Speaker.key, Speaker.name)
            .where(or_(*conditions), col(Speaker.id).not_in(list(self._by_id)))).all()
        fresh = [_Row(i, kind, key, name) for i, kind, key, name in stored]
        for row in fresh:
            self._by_id[row.id] = row
        if fresh:  # stored rows come before new ones, in id order, as `known_speaker` orders them
            self._rows = sorted([r for r in self._rows if not r.new] + fresh, key=lambda r: r.id) + [
                r for r in self._rows if r.new]
            for speaker_id, alias, norm in self.session.exec(
                select(SpeakerAlias.speaker_id, SpeakerAlias.alias, SpeakerAlias.norm_alias)
                .where(col(SpeakerAlias.speaker_id).in_([r.id for r in fresh])).order_by(SpeakerAlias.id)
            ):
                self._by_id[speaker_id].aliases.append(alias)
                self._by_id[speaker_id].alias_norms.add(norm)
        if keys and self._by_id:
            for speaker_id, key in self.session.exec(
                select(SpeakerNameKey.speaker_id, SpeakerNameKey.key)
                .where(col(SpeakerNameKey.key).in_(sorted(keys)))
            ):
                if (row := self._by_id.get(speaker_id)) is not None:
                    row.keys.add(key)


def _lookup_keys(name: str, kind: str) -> list[str]:
    """The name keys `known_speaker` looks a name up by, and those the family-name rules read."""
    family = last_word_key(name) if kind == "person" else ""
    return Lookup.of(name, kind).keys + ([f"l:{family}", f"n:{family}"] if family else [])


def _new_ids(session: Session, count: int) -> list[int]:
    """Ids for new speakers: from the sequence on PostgreSQL; on SQLite past every id a speaker
    ever had (`unused_id`), as `create_speaker` gives them."""
    if session.get_bind().dialect.name == "postgresql":
        return list(session.exec(text("SELECT nextval(pg_get_serial_sequence('speaker', 'id')) "
                                      "FROM generate_series(1, :n)").bindparams(n=count)).scalars())
    first = unused_id(session, Speaker.id, SpeakerMerge.source_id)
    return list(range(first, first + count))
