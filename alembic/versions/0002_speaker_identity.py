"""Speaker identity and search: roles, spelling-blind name keys, merge records; full-text
search over normalised statements (FTS5 on SQLite, a stored tsvector with a GIN index on
PostgreSQL).

Revision ID: speakers02
Revises: 0001
"""
import sqlalchemy as sa

from alembic import op
from app.nlp.names import index_keys

revision = "speakers02"
down_revision = "0001"
branch_labels = None
depends_on = None

# The FTS5 table mirrors quote.norm_statement (external content); triggers keep it in step.
# detail=none: searches are for words, not phrases, so rowids alone make a smaller, faster index.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE quote_fts USING fts5(norm_statement, content='quote', content_rowid='id', detail=none)",
    ("CREATE TRIGGER quote_fts_insert AFTER INSERT ON quote BEGIN "
     "INSERT INTO quote_fts(rowid, norm_statement) VALUES (new.id, new.norm_statement); END"),
    ("CREATE TRIGGER quote_fts_delete AFTER DELETE ON quote BEGIN "
     "INSERT INTO quote_fts(quote_fts, rowid, norm_statement) VALUES ('delete', old.id, old.norm_statement); END"),
    ("CREATE TRIGGER quote_fts_update AFTER UPDATE OF norm_statement ON quote BEGIN "
     "INSERT INTO quote_fts(quote_fts, rowid, norm_statement) VALUES ('delete', old.id, old.norm_statement); "
     "INSERT INTO quote_fts(rowid, norm_statement) VALUES (new.id, new.norm_statement); END"),
    "INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')",
]
# A stored tsvector: checking a row while walking the feed index costs no parsing.
POSTGRES_FTS = [
    ("ALTER TABLE quote ADD COLUMN statement_tsv tsvector "
     "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, norm_statement)) STORED"),
    "CREATE INDEX ix_quote_statement_tsv ON quote USING gin (statement_tsv)",
]


def upgrade() -> None:
    op.create_table(
        "speaker_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=500), nullable=False),
        sa.Column("norm_role", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speaker.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("speaker_id", "norm_role", name="uq_speaker_role"),
    )
    op.create_table(
        "speaker_name_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speaker.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("speaker_id", "key", name="uq_speaker_name_key"),
    )
    op.create_index("ix_speaker_name_key_key", "speaker_name_key", ["key", "speaker_id"])
    op.create_table(
        "speaker_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["target_id"], ["speaker.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_speaker_merge_source", "speaker_merge", ["source_id"])
    _key_existing_aliases()
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        for statement in POSTGRES_FTS:
            op.execute(statement)


def _key_existing_aliases() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT DISTINCT speaker_id, alias FROM speaker_alias")).all()
    keys = {(speaker_id, key) for speaker_id, alias in rows for key in index_keys(alias)}
    if keys:
        bind.execute(sa.text("INSERT INTO speaker_name_key (speaker_id, key) VALUES (:s, :k)"),
                     [{"s": s, "k": k} for s, k in sorted(keys)])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("quote_fts_insert", "quote_fts_delete", "quote_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS quote_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_quote_statement_tsv")
        op.execute("ALTER TABLE quote DROP COLUMN IF EXISTS statement_tsv")
    op.drop_index("ix_speaker_merge_source", table_name="speaker_merge")
    op.drop_table("speaker_merge")
    op.drop_index("ix_speaker_name_key_key", table_name="speaker_name_key")
    op.drop_table("speaker_name_key")
    op.drop_table("speaker_role")
