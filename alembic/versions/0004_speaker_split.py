"""Speaker splits: each quote keeps the name its article gave the speaker (`quote.said_as`), so
a wrongly merged name can be taken out with its quotes; splits are recorded (`speaker_split`).
The name keys are rebuilt with the search keys of this revision (names beginning with ال that
is not the article, Turkish -oğlu names, short words).

Revision ID: 0004_speaker_split
Revises: 0003
"""
import sqlalchemy as sa

from alembic import op
from app.nlp.names import index_keys, last_word_key

revision = "0004_speaker_split"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quote", sa.Column("said_as", sa.String(length=500), nullable=True))
    op.create_table(
        "speaker_split",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("quotes_moved", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["target_id"], ["speaker.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_speaker_split_source", "speaker_split", ["source_id"])
    _rekey_names()


def _rekey_names() -> None:
    """Every speaker's name keys again, as `app.services.speakers.add_aliases` makes them."""
    bind = op.get_bind()
    aliases = bind.execute(sa.text("SELECT DISTINCT speaker_id, alias FROM speaker_alias")).all()
    keys = {(speaker_id, key[:200]) for speaker_id, alias in aliases for key in index_keys(alias)}
    people = bind.execute(sa.text("SELECT id, name FROM speaker WHERE kind = 'person'")).all()
    keys |= {(speaker_id, f"l:{key}"[:200]) for speaker_id, name in people
             if len(name.split()) > 1 and (key := last_word_key(name))}
    bind.execute(sa.text("DELETE FROM speaker_name_key"))
    if keys:
        bind.execute(sa.text("INSERT INTO speaker_name_key (speaker_id, key) VALUES (:s, :k)"),
                     [{"s": s, "k": k} for s, k in sorted(keys)])


def downgrade() -> None:
    op.drop_index("ix_speaker_split_source", table_name="speaker_split")
    op.drop_table("speaker_split")
    op.execute("ALTER TABLE quote DROP COLUMN said_as")  # SQLite 3.35+ too, keeping the FTS triggers
