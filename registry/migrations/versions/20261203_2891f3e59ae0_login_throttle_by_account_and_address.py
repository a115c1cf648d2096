"""login throttle by (account, address) pair

login_throttles counted failures per account and per address separately, so anyone could lock a
user out (issue 15). It now holds one row per (e-mail, address) pair with its failures since the
last lock, the number of locks (each twice as long as the one before) and the last failure.

The rows are short-lived counters, not records: the old ones are dropped, not converted (at
worst a lock in force at the moment of the upgrade ends early).

Revision ID: 2891f3e59ae0
Revises: c4e8a1f6d392
Create Date: 2026-12-03 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2891f3e59ae0'
down_revision = 'c4e8a1f6d392'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table('login_throttles')
    op.create_table('login_throttles',
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locks', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('email', 'address', name=op.f('pk_login_throttles'))
    )
    op.create_index(op.f('ix_login_throttles_last_failure_at'), 'login_throttles', ['last_failure_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_login_throttles_last_failure_at'), table_name='login_throttles')
    op.drop_table('login_throttles')
    op.create_table('login_throttles',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('first_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_throttles'))
    )
