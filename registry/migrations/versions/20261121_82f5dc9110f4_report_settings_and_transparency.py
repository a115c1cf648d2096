"""report settings and transparency: the settings table, the SIPOT column layout, and the
agreement fields the transparency format asks for (SIPOT type, resources, publication, links,
note; the SRE dictamen and registration of agreements with foreign counterparts)

Revision ID: 82f5dc9110f4
Revises: e57284aa428d
Create Date: 2026-11-21 09:11:47.682766

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '82f5dc9110f4'
down_revision = 'e57284aa428d'
branch_labels = None
depends_on = None


def agreement_columns():
    """The new agreement columns, all nullable: plain ALTER TABLE ADD COLUMN, no table rebuild."""
    return [
        sa.Column('sipot_type', sa.String(length=40), nullable=True),
        sa.Column('resources_source', sa.String(length=300), nullable=True),
        sa.Column('resources_description', sa.Text(), nullable=True),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('document_url', sa.String(length=500), nullable=True),
        sa.Column('amendments_url', sa.String(length=500), nullable=True),
        sa.Column('transparency_note', sa.Text(), nullable=True),
        sa.Column('sre_opinion', sa.String(length=120), nullable=True),
        sa.Column('sre_opinion_on', sa.Date(), nullable=True),
        sa.Column('sre_registry_number', sa.String(length=120), nullable=True),
        sa.Column('sre_registered_on', sa.Date(), nullable=True),
    ]


def upgrade():
    op.create_table('transparency_columns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('header', sa.String(length=500), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transparency_columns'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    for column in agreement_columns():
        op.add_column('agreements', column)


def downgrade():
    # SQLite 3.35+ drops a column in place, so no batch rebuild of a table others refer to.
    for column in reversed(agreement_columns()):
        op.drop_column('agreements', column.name)
    op.drop_table('settings')
    op.drop_table('transparency_columns')
