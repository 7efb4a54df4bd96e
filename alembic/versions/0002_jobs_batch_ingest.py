"""Batch ingest jobs: a job and one item per article (status, attempts, lease, error).

Revision ID: jobs01
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "jobs01"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "job_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("draft", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["job_id"], ["job.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("job_id", "position", name="uq_job_item_position"),
    )
    op.create_index("ix_job_item_job_status", "job_item", ["job_id", "status"])
    op.create_index("ix_job_item_status", "job_item", ["status", "id"])


def downgrade() -> None:
    op.drop_index("ix_job_item_status", table_name="job_item")
    op.drop_index("ix_job_item_job_status", table_name="job_item")
    op.drop_table("job_item")
    op.drop_table("job")
