"""Agencies (the represented bodies, each with its nominated senior representative), the agency a
membership represents, and each committee's kind (the Board, a panel, a Safeguarding Panel, a
sub-committee). Existing committees are panels. A notice's service on someone who joined (or was
approved as a deputy) after it was served is marked late.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('health_trust', 'police', 'education', 'probation', 'youth_justice', 'voluntary', 'council', 'other', name='agency_kind', native_enum=False, length=20), nullable=False),
    sa.Column('senior_representative_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['senior_representative_id'], ['people.id'], name=op.f('fk_agencies_senior_representative_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies')),
    sa.UniqueConstraint('name', name=op.f('uq_agencies_name'))
    )
    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('board', 'panel', 'safeguarding_panel', 'sub_committee', name='committee_kind', native_enum=False, length=20), server_default='panel', nullable=False))

    with op.batch_alter_table('notice_services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('served_late', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_memberships_agency_id'), ['agency_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_memberships_agency_id_agencies'), 'agencies', ['agency_id'], ['id'])



def downgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_memberships_agency_id_agencies'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_memberships_agency_id'))
        batch_op.drop_column('agency_id')

    with op.batch_alter_table('notice_services', schema=None) as batch_op:
        batch_op.drop_column('served_late')

    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.drop_column('kind')

    op.drop_table('agencies')
