"""Initial schema: articles, speakers and their aliases, quotes, entities.

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('article',
    sa.Column('title', sa.String(length=1000), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('sort_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash', name='uq_article_content_hash'),
    sa.UniqueConstraint('url', name='uq_article_url')
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.create_index('ix_article_sort', ['sort_at', 'id'], unique=False)
        batch_op.create_index('ix_article_source_sort', ['source', 'sort_at', 'id'], unique=False)

    op.create_table('speaker',
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('norm_name', sa.String(length=500), nullable=False),
    sa.Column('key', sa.String(length=600), nullable=False),
    sa.Column('quote_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key', name='uq_speaker_key')
    )
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.create_index('ix_speaker_norm_name', ['norm_name'], unique=False)

    op.create_table('entity',
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('label', sa.String(length=10), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.create_index('ix_entity_article', ['article_id'], unique=False)

    op.create_table('quote',
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('cue', sa.String(length=50), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('mention', sa.String(length=500), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('norm_statement', sa.Text(), nullable=False),
    sa.Column('sort_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index('ix_quote_article', ['article_id'], unique=False)
        batch_op.create_index('ix_quote_sort', ['sort_at', 'id'], unique=False)
        batch_op.create_index('ix_quote_speaker_sort', ['speaker_id', 'sort_at', 'id'], unique=False)

    op.create_table('speaker_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=500), nullable=False),
    sa.Column('norm_alias', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('speaker_id', 'norm_alias', name='uq_speaker_alias')
    )
    with op.batch_alter_table('speaker_alias', schema=None) as batch_op:
        batch_op.create_index('ix_speaker_alias_norm', ['norm_alias'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('speaker_alias', schema=None) as batch_op:
        batch_op.drop_index('ix_speaker_alias_norm')

    op.drop_table('speaker_alias')
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.drop_index('ix_quote_speaker_sort')
        batch_op.drop_index('ix_quote_sort')
        batch_op.drop_index('ix_quote_article')

    op.drop_table('quote')
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.drop_index('ix_entity_article')

    op.drop_table('entity')
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.drop_index('ix_speaker_norm_name')

    op.drop_table('speaker')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index('ix_article_source_sort')
        batch_op.drop_index('ix_article_sort')

    op.drop_table('article')
