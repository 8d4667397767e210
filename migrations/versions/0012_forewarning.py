"""Forewarning: the judgement that a review is more likely than not, and the agencies written to, with
their nominations of an IAR author and a team member.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('forewarned_agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('nominations_due', sa.Date(), nullable=False),
    sa.Column('iar_author', sa.String(length=200), nullable=True),
    sa.Column('team_member', sa.String(length=200), nullable=True),
    sa.Column('nominated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('nominated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_forewarned_agencies_agency_id_agencies')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_forewarned_agencies_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nominated_by_id'], ['users.id'], name=op.f('fk_forewarned_agencies_nominated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forewarned_agencies')),
    sa.UniqueConstraint('case_id', 'agency_id', name=op.f('uq_forewarned_agencies_case_id_agency_id'))
    )
    with op.batch_alter_table('forewarned_agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forewarned_agencies_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forewarned_agencies_case_id'), ['case_id'], unique=False)

    op.create_table('forewarnings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('judged_on', sa.Date(), nullable=False),
    sa.Column('sbni_chair', sa.String(length=200), nullable=False),
    sa.Column('panel_chair', sa.String(length=200), nullable=False),
    sa.Column('professional_officer', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_forewarnings_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_forewarnings_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forewarnings')),
    sa.UniqueConstraint('case_id', name=op.f('uq_forewarnings_case_id'))
    )


def downgrade():
    op.drop_table('forewarnings')
    with op.batch_alter_table('forewarned_agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forewarned_agencies_case_id'))
        batch_op.drop_index(batch_op.f('ix_forewarned_agencies_agency_id'))

    op.drop_table('forewarned_agencies')
