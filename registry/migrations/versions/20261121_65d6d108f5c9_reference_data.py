"""reference data: ZMO and partner municipalities (geo/), the initial topic list

Revision ID: 65d6d108f5c9
Revises: 07141a0fdcde
Create Date: 2026-11-21 08:29:31.265877

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '65d6d108f5c9'
down_revision = '07141a0fdcde'
branch_labels = None
depends_on = None


def upgrade():
    # Imported here so the migration runs the reference loader as it is in the project, on the
    # columns these tables were created with (see registry/reference.py).
    from registry.reference import ensure_reference_data

    ensure_reference_data(op.get_bind())


def downgrade():
    # Reference rows are facts; the previous revision's downgrade drops their tables anyway.
    pass
