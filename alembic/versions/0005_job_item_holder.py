"""Which process holds a running job item (app/processes.py), so that a restarting worker
reclaims at once what a dead process on its machine held, instead of waiting out the lease.

Revision ID: 0005_job_item_holder
Revises: 0004_bound_names
"""
import sqlalchemy as sa

from alembic import op

revision = "0005_job_item_holder"
down_revision = "0004_bound_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job_item") as batch:
        batch.add_column(sa.Column("holder", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_item") as batch:
        batch.drop_column("holder")
