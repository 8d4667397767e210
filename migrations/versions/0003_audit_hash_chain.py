"""The audit record as a hash chain: each record carries the SHA-256 of its content and of the record
before it. Records written before this revision are sealed in id order.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

"""

from alembic import op
import sqlalchemy as sa

from govapp.audit_chain import GENESIS, HASHED_FIELDS, content_hash
from govapp.models.base import JSONType, UTCDateTime

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))

    audit = sa.table(
        "audit_events",
        sa.column("id", sa.Integer),
        sa.column("occurred_at", UTCDateTime()),
        sa.column("actor_id", sa.Integer),
        sa.column("actor_label", sa.String),
        sa.column("committee_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("entity_type", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("before", JSONType),
        sa.column("after", JSONType),
        sa.column("previous_hash", sa.String),
        sa.column("content_hash", sa.String),
    )
    connection = op.get_bind()
    previous = GENESIS
    rows = connection.execute(sa.select(*[audit.c[name] for name in HASHED_FIELDS if name != "previous_hash"]).order_by(audit.c.id))
    for row in list(rows.mappings()):
        record = {**row, "previous_hash": previous}
        sealed = content_hash(record)
        connection.execute(
            audit.update().where(audit.c.id == row["id"]).values(previous_hash=previous, content_hash=sealed)
        )
        previous = sealed


def downgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("content_hash")
        batch_op.drop_column("previous_hash")
