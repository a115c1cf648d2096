"""municipalities may share a name: INEGI has homonyms (San Juan Mixtepec 20208 and 20209)

Parties of every other kind keep one name per kind; a municipality is identified by its CVEGEO.

Revision ID: e57284aa428d
Revises: d8e8d4d76f35
Create Date: 2026-11-21 08:38:09.442814

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e57284aa428d'
down_revision = 'd8e8d4d76f35'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_parties_kind_name_key'), type_='unique')
        batch_op.create_index('uq_parties_kind_name_key', ['kind', 'name_key'], unique=True, sqlite_where=sa.text("kind <> 'municipio'"), postgresql_where=sa.text("kind <> 'municipio'"))


def downgrade():
    # Fails while two municipalities share a name (as after importing all of Oaxaca).
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_index('uq_parties_kind_name_key', sqlite_where=sa.text("kind <> 'municipio'"), postgresql_where=sa.text("kind <> 'municipio'"))
        batch_op.create_unique_constraint(batch_op.f('uq_parties_kind_name_key'), ['kind', 'name_key'])
