"""Merge the speaker identity and batch job branches (both grew from 0001); no schema change.

Revision ID: 0003
Revises: jobs01, speakers02
"""
revision = '0003'
down_revision = ('jobs01', 'speakers02')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
