"""The secretariat may correct a declaration's withdrawal and return times: why, kept with it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

"""

from alembic import op
import sqlalchemy as sa


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("declarations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("times_correction", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("declarations", schema=None) as batch_op:
        batch_op.drop_column("times_correction")
