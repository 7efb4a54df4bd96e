"""Speaker splits: each quote keeps the name its article gave the speaker (`quote.said_as`), so
a wrongly merged name can be taken out with its quotes; splits are recorded (`speaker_split`).
The name keys of this revision's search keys (names beginning with ال that is not the article,
Turkish -oğlu names, short words) are rebuilt by 0006_speaker_split, once names are bounded.

Revision ID: 0004_speaker_split
Revises: 0003
"""
import sqlalchemy as sa

from alembic import op

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
    # the name keys of this revision are rebuilt by 0006_speaker_split, after the names are bounded


def downgrade() -> None:
    op.drop_index("ix_speaker_split_source", table_name="speaker_split")
    op.drop_table("speaker_split")
    op.execute("ALTER TABLE quote DROP COLUMN said_as")  # SQLite 3.35+ too, keeping the FTS triggers
