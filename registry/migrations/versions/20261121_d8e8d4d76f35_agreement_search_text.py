"""agreement search text: fold() of folio, title and objective for accent-insensitive search

Revision ID: d8e8d4d76f35
Revises: e479cf3bd2ae
Create Date: 2026-11-21 08:35:37.320815

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd8e8d4d76f35'
down_revision = 'e479cf3bd2ae'
branch_labels = None
depends_on = None

agreements = sa.table(
    "agreements",
    sa.column("id", sa.Integer), sa.column("folio", sa.String), sa.column("title", sa.String),
    sa.column("objective", sa.Text), sa.column("search_text", sa.Text),
)


def upgrade():
    # Plain ALTER TABLE ADD COLUMN (SQLite and PostgreSQL both support it): no table rebuild.
    # Nullable: making it NOT NULL afterwards would rebuild the table on SQLite, which other
    # tables refer to. The services always fill it.
    op.add_column('agreements', sa.Column('search_text', sa.Text(), nullable=True))
    # Rows that already exist get their search text, as the services compute it.
    from registry.agreements.search import search_text

    bind = op.get_bind()
    rows = bind.execute(sa.select(agreements.c.id, agreements.c.folio, agreements.c.title,
                                  agreements.c.objective)).all()
    for row in rows:
        bind.execute(
            agreements.update().where(agreements.c.id == row.id).values(
                search_text=search_text(row.folio, row.title, row.objective)
            )
        )


def downgrade():
    # SQLite 3.35+ drops a column in place, so no batch rebuild of a table others refer to.
    op.drop_column('agreements', 'search_text')
