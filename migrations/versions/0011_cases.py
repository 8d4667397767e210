"""The Panel's business, part 1: cases, the agencies' notifications, each member's answer to "is the
child or family known to your agency?", agency representatives, and requests from the public.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agency_representatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_agency_representatives_period')),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_agency_representatives_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_agency_representatives_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_representatives'))
    )
    with op.batch_alter_table('agency_representatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_representatives_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_representatives_person_id'), ['person_id'], unique=False)

    op.create_table('public_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('referred_to_id', sa.Integer(), nullable=False),
    sa.Column('requester_told_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_public_requests_committee_id_committees')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_public_requests_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['referred_to_id'], ['agencies.id'], name=op.f('fk_public_requests_referred_to_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_requests'))
    )
    with op.batch_alter_table('public_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_public_requests_committee_id'), ['committee_id'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=60), nullable=False),
    sa.Column('age_band', sa.String(length=20), nullable=False),
    sa.Column('area', sa.String(length=40), nullable=False),
    sa.Column('stage', sa.Enum('notified', 'awaiting_board', 'more_information', 'not_recommended', 'commissioned', 'not_commissioned', 'closed', name='case_stage', native_enum=False, length=20), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_cases_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_cases_committee_id_committees')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_cases_meeting_id_meetings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_cases_reference'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_stage'), ['stage'], unique=False)

    op.create_table('known_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('agency', sa.String(length=200), nullable=True),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('known', sa.Boolean(), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_known_answers_answered_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_known_answers_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_known_answers_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_known_answers')),
    sa.UniqueConstraint('case_id', 'person_id', name=op.f('uq_known_answers_case_id_person_id'))
    )
    with op.batch_alter_table('known_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_answers_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_known_answers_person_id'), ['person_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('senior_representative', sa.String(length=200), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('determined_on', sa.Date(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('criteria', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('family_told', sa.Boolean(), nullable=False),
    sa.Column('family_not_told_reason', sa.Text(), nullable=True),
    sa.Column('other_agencies', sa.Text(), nullable=True),
    sa.Column('linked_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_notifications_agency_id_agencies')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notifications_case_id_cases')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_notifications_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_case_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_agency_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('known_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_known_answers_person_id'))
        batch_op.drop_index(batch_op.f('ix_known_answers_case_id'))

    op.drop_table('known_answers')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_stage'))
        batch_op.drop_index(batch_op.f('ix_cases_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_cases_committee_id'))

    op.drop_table('cases')
    with op.batch_alter_table('public_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_public_requests_committee_id'))

    op.drop_table('public_requests')
    with op.batch_alter_table('agency_representatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_representatives_person_id'))
        batch_op.drop_index(batch_op.f('ix_agency_representatives_agency_id'))

    op.drop_table('agency_representatives')
