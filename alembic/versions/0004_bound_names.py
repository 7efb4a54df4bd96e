"""Repair names, mentions, entities and titles stored longer than their columns (issue 15).

SQLite does not enforce VARCHAR lengths: before the NLP stage bounded names
(app/nlp/bounds.py), one article could store a 604-character speaker name, and every read
serving it then failed. Such rows get the bounds new ones get: names and mentions cut to their
first whole words, their normalised forms recomputed; an entity longer than its column is
tagger noise and is dropped; a title is cut. A cut alias or role that becomes one its speaker
already has is dropped. No schema change; PostgreSQL refused such rows, so it has none.

Revision ID: 0004_bound_names
Revises: 0004_speaker_split (its revision id kept from when it came first)
"""
import sqlalchemy as sa

from alembic import op
from app.nlp.arabic import normalize
from app.nlp.bounds import MENTION_MAX_CHARS, NAME_MAX_CHARS, UNNAMED, bounded

revision = "0004_bound_names"
down_revision = "0004_speaker_split"
branch_labels = None
depends_on = None

NAME_COLUMN_CHARS = 500  # as created by 0001 and speakers02
TITLE_COLUMN_CHARS = 1000


def upgrade() -> None:
    db = op.get_bind()
    db.execute(sa.text("DELETE FROM entity WHERE length(text) > :n"), {"n": NAME_COLUMN_CHARS})
    for row in _overlong(db, "SELECT id, mention FROM quote WHERE length(mention) > :n"):
        db.execute(sa.text("UPDATE quote SET mention = :m WHERE id = :id"),
                   {"m": bounded(row.mention, MENTION_MAX_CHARS), "id": row.id})
    for row in _overlong(db, "SELECT id, said_as FROM quote WHERE length(said_as) > :n"):  # 0004_speaker_split's
        db.execute(sa.text("UPDATE quote SET said_as = :s WHERE id = :id"),
                   {"s": bounded(row.said_as, NAME_MAX_CHARS) or None, "id": row.id})
    for row in _overlong(db, "SELECT id, name FROM speaker WHERE length(name) > :n OR length(norm_name) > :n"):
        name = bounded(row.name, NAME_MAX_CHARS) or UNNAMED.name
        db.execute(sa.text("UPDATE speaker SET name = :name, norm_name = :norm WHERE id = :id"),
                   {"name": name, "norm": normalize(name), "id": row.id})
    for row in _overlong(db, "SELECT id, source_name FROM speaker_merge WHERE length(source_name) > :n"):
        db.execute(sa.text("UPDATE speaker_merge SET source_name = :name WHERE id = :id"),
                   {"name": bounded(row.source_name, NAME_MAX_CHARS) or UNNAMED.name, "id": row.id})
    _repair_names(db, table="speaker_alias", column="alias")
    _repair_names(db, table="speaker_role", column="role")
    for row in db.execute(sa.text("SELECT id, title FROM article WHERE length(title) > :n"),
                          {"n": TITLE_COLUMN_CHARS}).all():
        db.execute(sa.text("UPDATE article SET title = :t WHERE id = :id"),
                   {"t": row.title[:TITLE_COLUMN_CHARS].strip(), "id": row.id})


def _overlong(db, query: str) -> list:  # noqa: ANN001
    return db.execute(sa.text(query), {"n": NAME_COLUMN_CHARS}).all()


def _repair_names(db, *, table: str, column: str) -> None:  # noqa: ANN001
    """Cut an alias or role and its normalised form; drop it if empty or one its speaker has."""
    rows = _overlong(db, f"SELECT id, speaker_id, {column} AS value FROM {table} "
                         f"WHERE length({column}) > :n OR length(norm_{column}) > :n")
    for row in rows:
        value = bounded(row.value, NAME_MAX_CHARS)
        norm = normalize(value)
        taken = db.execute(sa.text(f"SELECT 1 FROM {table} WHERE speaker_id = :s AND norm_{column} = :norm "
                                   "AND id != :id"), {"s": row.speaker_id, "norm": norm, "id": row.id}).first()
        if not norm or taken:
            db.execute(sa.text(f"DELETE FROM {table} WHERE id = :id"), {"id": row.id})
        else:
            db.execute(sa.text(f"UPDATE {table} SET {column} = :v, norm_{column} = :norm WHERE id = :id"),
                       {"v": value, "norm": norm, "id": row.id})


def downgrade() -> None:
    pass  # the cut names are valid under 0003 too; what was cut is not kept
