"""no data version; the INEGI layer's import token

Rendered pages are no longer kept, so the data_version row that every write replaced goes. The
one value workers keep is the imported INEGI polygons, under the token of the import that wrote
them: the new one-row table boundary_layer (a registry that already holds polygons gets a token
now, as if it had just imported them).

Revision ID: 82e351a39d9f
Revises: 63ce38577c06
Create Date: 2026-12-03 18:00:00.000000

"""
import secrets
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '82e351a39d9f'
down_revision = '63ce38577c06'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table('data_version')
    layer = op.create_table(
        'boundary_layer',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_boundary_layer')),
    )
    imported = op.get_bind().execute(sa.text('SELECT COUNT(*) FROM party_boundaries')).scalar()
    if imported:
        op.bulk_insert(layer, [{
            'id': 1,
            'token': secrets.token_hex(16),
            'source': 'party_boundaries',
            'imported_at': datetime.now(UTC),
        }])


def downgrade():
    op.drop_table('boundary_layer')
    table = op.create_table(
        'data_version',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version')),
    )
    op.bulk_insert(table, [{'id': 1, 'token': secrets.token_hex(16)}])
