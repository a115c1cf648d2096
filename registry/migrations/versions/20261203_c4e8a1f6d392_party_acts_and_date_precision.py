"""agreements: each party's own acts (ratification, withdrawal); how precise each act's date is

Every existing date is a day (``day``). An act the demo recorded on a quarter's last day only
because its document gives no day (its note says so) becomes what it is: a date known to the
quarter, stored as the quarter's first day.

Revision ID: c4e8a1f6d392
Revises: b91d5e2c7f43
Create Date: 2026-12-03 19:00:00

"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e8a1f6d392'
down_revision = 'b91d5e2c7f43'
branch_labels = None
depends_on = None

PRECISIONS = ('day', 'month', 'quarter')
#: The note the demo wrote on an act dated to the quarter's close for want of a day.
QUARTER_ONLY_NOTE = 'El documento no indica el día; se registra al cierre del trimestre.'


def _precision(name):
    return sa.Column(name, sa.Enum(*PRECISIONS, name=name, native_enum=False, create_constraint=True), nullable=False, server_default='day')


def upgrade():
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.add_column(_precision('signed_on_precision'))
        batch_op.add_column(sa.Column('ratified_on', sa.Date(), nullable=True))
        batch_op.add_column(_precision('ratified_on_precision'))
        batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))
        batch_op.add_column(_precision('withdrawn_on_precision'))
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(_precision('status_date_precision'))
        batch_op.add_column(_precision('formalized_on_precision'))
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.add_column(_precision('acted_on_precision'))
    _quarter_only_acts()
    for table, columns in (
        ('agreement_parties', ('signed_on_precision', 'ratified_on_precision', 'withdrawn_on_precision')),
        ('agreements', ('status_date_precision', 'formalized_on_precision')),
        ('status_changes', ('acted_on_precision',)),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, server_default=None)


def _quarter_only_acts():
    changes = sa.table(
        'status_changes', sa.column('id', sa.Integer), sa.column('agreement_id', sa.Integer),
        sa.column('acted_on', sa.Date), sa.column('acted_on_precision', sa.String),
        sa.column('note', sa.Text),
    )
    agreements = sa.table(
        'agreements', sa.column('id', sa.Integer), sa.column('status_date', sa.Date),
        sa.column('status_date_precision', sa.String), sa.column('formalized_on', sa.Date),
        sa.column('formalized_on_precision', sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(changes).where(changes.c.note == QUARTER_ONLY_NOTE)).all()
    for row in rows:
        old = row.acted_on
        new = date(old.year, 3 * ((old.month - 1) // 3) + 1, 1)
        connection.execute(
            changes.update().where(changes.c.id == row.id)
            .values(acted_on=new, acted_on_precision='quarter', note=None)
        )
        for column in ('status_date', 'formalized_on'):
            connection.execute(
                agreements.update()
                .where(agreements.c.id == row.agreement_id, agreements.c[column] == old)
                .values({column: new, f'{column}_precision': 'quarter'})
            )


def downgrade():
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_status_changes_acted_on_precision'), type_='check')
        batch_op.drop_column('acted_on_precision')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        for column in ('formalized_on_precision', 'status_date_precision'):
            batch_op.drop_constraint(op.f(f'ck_agreements_{column}'), type_='check')
            batch_op.drop_column(column)
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        for column in ('withdrawn_on_precision', 'ratified_on_precision', 'signed_on_precision'):
            batch_op.drop_constraint(op.f(f'ck_agreement_parties_{column}'), type_='check')
            batch_op.drop_column(column)
        batch_op.drop_column('withdrawn_on')
        batch_op.drop_column('ratified_on')
