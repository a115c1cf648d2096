"""our own areas (catalogue, meetings' areas); meeting state (programada, realizada, cancelada)

Existing meetings: all dates after today (in Oaxaca) -> programada; otherwise realizada.

Revision ID: a7c31e9d4b20
Revises: 82e351a39d9f
Create Date: 2026-12-03 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c31e9d4b20'
down_revision = '82e351a39d9f'
branch_labels = None
depends_on = None

STATES = ('programada', 'realizada', 'cancelada')


def upgrade():
    op.create_table(
        'areas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('name_key', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.Enum('secretaria', 'instituto', 'organo_auxiliar', 'otra', name='area_kind', native_enum=False, create_constraint=True), nullable=False),
        sa.Column('email', sa.String(length=200), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_areas')),
        sa.UniqueConstraint('name_key', name=op.f('uq_areas_name_key')),
    )
    op.create_table(
        'meeting_areas',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_meeting_areas_area_id_areas')),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_areas_meeting_id_meetings')),
        sa.PrimaryKeyConstraint('meeting_id', 'area_id', name=op.f('pk_meeting_areas')),
    )
    with op.batch_alter_table('meeting_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_areas_area_id'), ['area_id'], unique=False)

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.Enum(*STATES, name='meeting_state', native_enum=False, create_constraint=True), nullable=False, server_default='realizada'))
        batch_op.add_column(sa.Column('cancellation_reason', sa.Text(), nullable=True))
    _schedule_future_meetings()
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.alter_column('state', server_default=None)


def _schedule_future_meetings():
    """Meetings none of whose dates has come yet are programada (the rest were held)."""
    from registry.dates import today_local

    meetings = sa.table('meetings', sa.column('id', sa.Integer), sa.column('state', sa.String), sa.column('first_date', sa.Date))
    op.get_bind().execute(
        meetings.update().where(meetings.c.first_date > today_local()).values(state='programada')
    )


def downgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('cancellation_reason')
        batch_op.drop_constraint(op.f('ck_meetings_meeting_state'), type_='check')
        batch_op.drop_column('state')
    with op.batch_alter_table('meeting_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_areas_area_id'))
    op.drop_table('meeting_areas')
    op.drop_table('areas')
