"""indicators: the counting rules of meetings (outside party, ZMO municipality)

Defaults as docs/counting-rules.md gives them: every indicator of meetings needs an outside
party; the one coded 12.2 ("vinculaciones con municipios metropolitanos") also a ZMO
municipality.

Revision ID: b91d5e2c7f43
Revises: a7c31e9d4b20
Create Date: 2026-12-03 18:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b91d5e2c7f43'
down_revision = 'a7c31e9d4b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_outside_party', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('needs_zmo_municipality', sa.Boolean(), nullable=False, server_default=sa.false()))
    indicators = sa.table('indicators', sa.column('code', sa.String), sa.column('source', sa.String), sa.column('needs_zmo_municipality', sa.Boolean))
    op.get_bind().execute(
        indicators.update()
        .where(indicators.c.code == '12.2', indicators.c.source == 'meetings')
        .values(needs_zmo_municipality=True)
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.alter_column('needs_outside_party', server_default=None)
        batch_op.alter_column('needs_zmo_municipality', server_default=None)


def downgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('needs_zmo_municipality')
        batch_op.drop_column('needs_outside_party')
