"""instrument becomes document: table, indexes, constraints, evidence column, audit entity

The table instruments becomes documents (its indexes, constraints and id sequence too),
status_changes.evidence_instrument_id becomes evidence_document_id, and the audit events about
those records name the entity "document" instead of "instrument".

Renames only: every row stays. PostgreSQL renames in place. SQLite cannot rename constraints, so
the two tables are rebuilt in batch mode, in an order that never drops a table another one still
references (SQLite checks foreign keys when a table is dropped): status_changes first loses its
evidence foreign key, then documents is rebuilt under its new names, then the key comes back.

Revision ID: 63ce38577c06
Revises: 5e0f3c2a9d41
Create Date: 2026-12-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '63ce38577c06'
down_revision = '5e0f3c2a9d41'
branch_labels = None
depends_on = None

KINDS = (
    'carta_intencion', 'convenio', 'acuerdo_ratificacion', 'acta_cabildo', 'oficio', 'dictamen',
    'minuta', 'otro',
)
#: (old, new) names of the table's own indexes and constraints.
INDEXES = [
    ('ix_instruments_agreement_id', 'ix_documents_agreement_id'),
    ('ix_instruments_kind_issued', 'ix_documents_kind_issued'),
    ('ix_instruments_issued_on', 'ix_documents_issued_on'),
]
CONSTRAINTS = [
    ('pk_instruments', 'pk_documents'),
    ('fk_instruments_agreement_id_agreements', 'fk_documents_agreement_id_agreements'),
    ('fk_instruments_file_id_stored_files', 'fk_documents_file_id_stored_files'),
    ('fk_instruments_deleted_by_id_users', 'fk_documents_deleted_by_id_users'),
    ('ck_instruments_instrument_kind', 'ck_documents_document_kind'),
]
EVIDENCE = (
    ('evidence_instrument_id', 'fk_status_changes_evidence_instrument_id_instruments'),
    ('evidence_document_id', 'fk_status_changes_evidence_document_id_documents'),
)


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite('instruments', 'documents', new=1)
    else:
        _rename_in_place('instruments', 'documents', new=1)
    op.execute("UPDATE audit_events SET entity = 'document' WHERE entity = 'instrument'")


def downgrade():
    op.execute("UPDATE audit_events SET entity = 'instrument' WHERE entity = 'document'")
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite('documents', 'instruments', new=0)
    else:
        _rename_in_place('documents', 'instruments', new=0)


def _rename_in_place(old_table, new_table, new):
    """PostgreSQL: ALTER … RENAME, keeping every row, index and grant where it is."""
    old = 1 - new
    op.rename_table(old_table, new_table)
    op.execute(f'ALTER SEQUENCE {old_table}_id_seq RENAME TO {new_table}_id_seq')
    for names in INDEXES:
        op.execute(f'ALTER INDEX {names[old]} RENAME TO {names[new]}')
    for names in CONSTRAINTS:
        op.execute(f'ALTER TABLE {new_table} RENAME CONSTRAINT {names[old]} TO {names[new]}')
    op.alter_column('status_changes', EVIDENCE[old][0], new_column_name=EVIDENCE[new][0])
    op.execute(
        f'ALTER TABLE status_changes RENAME CONSTRAINT {EVIDENCE[old][1]} TO {EVIDENCE[new][1]}'
    )


def _sqlite(old_table, new_table, new):
    """SQLite: rebuild both tables under the new names (see the module's docstring)."""
    old = 1 - new
    with op.batch_alter_table('status_changes', recreate='always') as batch_op:
        batch_op.drop_constraint(EVIDENCE[old][1], type_='foreignkey')
        batch_op.alter_column(EVIDENCE[old][0], new_column_name=EVIDENCE[new][0])
    for names in INDEXES:
        op.drop_index(names[old], table_name=old_table)
    op.rename_table(old_table, new_table)
    with op.batch_alter_table(new_table, recreate='always', copy_from=_table(new_table, new)):
        pass  # the rebuild itself gives the constraints and indexes their new names
    with op.batch_alter_table('status_changes', recreate='always') as batch_op:
        batch_op.create_foreign_key(EVIDENCE[new][1], new_table, [EVIDENCE[new][0]], ['id'])


def _table(name, new):
    """The documents table as it is named after (new=1) or before (new=0) this revision."""
    named = {pair[0]: pair[new] for pair in INDEXES + CONSTRAINTS}  # by the old name
    kinds = ', '.join(f"'{kind}'" for kind in KINDS)
    return sa.Table(
        name,
        sa.MetaData(),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('number', sa.String(length=120), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=True),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('issuer', sa.String(length=200), nullable=True),
        sa.Column('file_id', sa.Integer(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('deleted_by_id', sa.Integer(), nullable=True),
        sa.Column('deletion_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=named['pk_instruments']),
        sa.ForeignKeyConstraint(
            ['agreement_id'], ['agreements.id'],
            name=named['fk_instruments_agreement_id_agreements'],
        ),
        sa.ForeignKeyConstraint(
            ['file_id'], ['stored_files.id'], name=named['fk_instruments_file_id_stored_files']
        ),
        sa.ForeignKeyConstraint(
            ['deleted_by_id'], ['users.id'], name=named['fk_instruments_deleted_by_id_users']
        ),
        sa.CheckConstraint(f'kind IN ({kinds})', name=named['ck_instruments_instrument_kind']),
        sa.Index(named['ix_instruments_agreement_id'], 'agreement_id'),
        sa.Index(named['ix_instruments_kind_issued'], 'kind', 'issued_on'),
        sa.Index(named['ix_instruments_issued_on'], 'issued_on'),
    )
