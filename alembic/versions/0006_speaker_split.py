"""The name keys rebuilt once more, after 0004_bound_names cut the names stored too long.

Revision 0004_speaker_split (the split table, `quote.said_as`, the keys of that revision) ran
first on databases of its time and stays where it was in the chain, so that they upgrade. For a
while this revision held the split itself, after the bounds; a database that reached it then
has everything the chain gives now.

Revision ID: 0006_speaker_split
Revises: 0005_job_item_holder
"""
import sqlalchemy as sa

from alembic import op
from app.nlp.names import index_keys, last_word_key

revision = "0006_speaker_split"
down_revision = "0005_job_item_holder"
branch_labels = None
depends_on = None


def upgrade() -> None:
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
    """Keys are derived data: the ones rebuilt stay valid below this revision."""
