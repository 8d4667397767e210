"""Documents kept as the record (circulated drafts, signed minutes, case letters) are stored once, by
the SHA-256 of their bytes, in stored_documents; the records that keep them point to it by hash.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

#: The tables that keep a document, and the column that held its bytes.
KEEPERS = (('case_letters', 'content'), ('minutes_circulations', 'document'), ('minutes_signatures', 'document'))


def upgrade():
    stored = op.create_table('stored_documents',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_stored_documents'))
    )
    connection = op.get_bind()
    seen = set()
    now = datetime.now(timezone.utc)
    for table, column in KEEPERS:
        # Streamed, a few rows at a time: the documents may run to gigabytes.
        rows = connection.execute(
            sa.text(f'SELECT sha256, "{column}" FROM {table}').execution_options(stream_results=True, max_row_buffer=20)
        )
        for digest, data in rows:
            if digest not in seen:
                seen.add(digest)
                connection.execute(
                    stored.insert().values(sha256=digest, content=data, size_bytes=len(data), stored_at=now)
                )
    for table, column in KEEPERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_sha256'), ['sha256'], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f'fk_{table}_sha256_stored_documents'), 'stored_documents', ['sha256'], ['sha256']
            )
            batch_op.drop_column(column)


def downgrade():
    for table, column in KEEPERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.LargeBinary(), nullable=True))
        op.execute(
            f'UPDATE {table} SET "{column}" = '
            f'(SELECT content FROM stored_documents WHERE stored_documents.sha256 = {table}.sha256)'
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.LargeBinary(), nullable=False)
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_sha256_stored_documents'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_sha256'))
    op.drop_table('stored_documents')
