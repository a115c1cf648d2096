"""recycle bin: who moved a record to it and why (agreements, documents, meetings, evidence)

Both are cleared when an admin restores the record; the audit trail keeps them for good.

Revision ID: 696bde6526c7
Revises: 82f5dc9110f4
Create Date: 2026-11-21 09:11:28.329280

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '696bde6526c7'
down_revision = '82f5dc9110f4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('deletion_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_agreements_deleted_by_id_users'), 'users', ['deleted_by_id'], ['id'])

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('deletion_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_evidence_deleted_by_id_users'), 'users', ['deleted_by_id'], ['id'])

    with op.batch_alter_table('instruments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('deletion_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_instruments_deleted_by_id_users'), 'users', ['deleted_by_id'], ['id'])

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('deletion_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_meetings_deleted_by_id_users'), 'users', ['deleted_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_meetings_deleted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('deletion_reason')
        batch_op.drop_column('deleted_by_id')

    with op.batch_alter_table('instruments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_instruments_deleted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('deletion_reason')
        batch_op.drop_column('deleted_by_id')

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evidence_deleted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('deletion_reason')
        batch_op.drop_column('deleted_by_id')

    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_agreements_deleted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('deletion_reason')
        batch_op.drop_column('deleted_by_id')
