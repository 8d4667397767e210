"""The Panel's recommendation (its findings, the motion that decided it, the draft terms of reference),
the Board's decision (in writing, with each member's agreement, or at a meeting) and the letters made
from them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('board_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('agreed', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_board_agreements_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_board_agreements_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_agreements')),
    sa.UniqueConstraint('case_id', 'person_id', name=op.f('uq_board_agreements_case_id_person_id'))
    )
    with op.batch_alter_table('board_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_agreements_case_id'), ['case_id'], unique=False)

    op.create_table('case_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('addressee', sa.String(length=300), nullable=False),
    sa.Column('to_address', sa.String(length=320), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outbox_message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_letters_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'], name=op.f('fk_case_letters_outbox_message_id_outbox_messages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_letters'))
    )
    with op.batch_alter_table('case_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_letters_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('findings', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('recommendation', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('recommendation_motion_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('terms_of_reference', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('methodology', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('recommendation_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('recommended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('board_decision', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('board_route', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('board_decided_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('involves_death_or_proceedings', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('family_to_be_told', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('family_told_by', sa.String(length=200), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cases_recommendation_motion_id_motions'), 'motions', ['recommendation_motion_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_recommendation_motion_id_motions'), type_='foreignkey')
        batch_op.drop_column('family_told_by')
        batch_op.drop_column('family_to_be_told')
        batch_op.drop_column('involves_death_or_proceedings')
        batch_op.drop_column('board_decided_at')
        batch_op.drop_column('board_route')
        batch_op.drop_column('board_decision')
        batch_op.drop_column('recommended_at')
        batch_op.drop_column('recommendation_reason')
        batch_op.drop_column('methodology')
        batch_op.drop_column('terms_of_reference')
        batch_op.drop_column('recommendation_motion_id')
        batch_op.drop_column('recommendation')
        batch_op.drop_column('findings')

    with op.batch_alter_table('case_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_letters_case_id'))

    op.drop_table('case_letters')
    with op.batch_alter_table('board_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_agreements_case_id'))

    op.drop_table('board_agreements')
