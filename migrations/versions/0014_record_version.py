"""The record's version: one row, advanced in the same commit as every change, so what a page has
worked out can be kept until the record changes (govapp.cache).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('record_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_version'))
    )
    op.bulk_insert(table, [{'id': 1, 'counter': 0, 'epoch': secrets.token_hex(16)}])


def downgrade():
    op.drop_table('record_version')
