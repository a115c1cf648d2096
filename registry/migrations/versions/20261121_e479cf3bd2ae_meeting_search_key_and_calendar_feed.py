"""meetings: accent-insensitive search key; users: calendar feed token

Revision ID: e479cf3bd2ae
Revises: 65d6d108f5c9
Create Date: 2026-11-21 08:34:43.799268

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e479cf3bd2ae'
down_revision = '65d6d108f5c9'
branch_labels = None
depends_on = None

meetings = sa.table(
    "meetings", sa.column("id", sa.Integer), sa.column("folio", sa.String),
    sa.column("title", sa.String), sa.column("place", sa.String),
    sa.column("description", sa.Text), sa.column("search_key", sa.Text),
)


def upgrade():
    # Added with a temporary default so existing rows get a value, then filled and the default
    # dropped (the services keep the key from now on).
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_key', sa.Text(), nullable=False, server_default=''))
    _fill_search_keys()
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.alter_column('search_key', server_default=None)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_feed_token'), ['feed_token'])


def _fill_search_keys():
    from registry.text import fold

    connection = op.get_bind()
    for row in connection.execute(sa.select(meetings)).all():
        text = " ".join(part for part in (row.folio, row.title, row.place, row.description) if part)
        connection.execute(
            meetings.update().where(meetings.c.id == row.id).values(search_key=fold(text))
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_feed_token'), type_='unique')
        batch_op.drop_column('feed_token')

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('search_key')
