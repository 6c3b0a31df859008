"""The contest and round of each audit entry, for filtering the log by contest and round

Revision ID: 0005_m
Revises: 0004
Create Date: 2026-12-07 23:40:00

Existing entries get them from their target (a contest, a round, a registration, an entrant
group, a certificate, a results snapshot) where it still exists.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_m'
down_revision = '0004'
branch_labels = None
depends_on = None

BACKFILL = {
    # target_type: (contest_id expression, round_id expression), over the target's row t
    'Contest': ('t.id', None, 'contest'),
    'Round': ('t.contest_id', 't.id', 'round'),
    'Registration': ('t.contest_id', None, 'registration'),
    'EntrantGroup': ('t.contest_id', None, 'entrant_group'),
    'Certificate': (None, 't.round_id', 'certificate'),
    'ResultSnapshot': (None, 't.round_id', 'result_snapshot'),
}


def upgrade():
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contest_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('round_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_entry_contest_id'), ['contest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_round_id'), ['round_id'], unique=False)
    for target_type, (contest_expr, round_expr, table) in BACKFILL.items():
        where = f"t.id = audit_entry.target_id AND audit_entry.target_type = '{target_type}'"
        if round_expr:
            op.execute(f'UPDATE audit_entry SET round_id = (SELECT {round_expr} FROM "{table}" t '
                       f'WHERE {where}) WHERE target_type = \'{target_type}\'')
        if contest_expr:
            op.execute(f'UPDATE audit_entry SET contest_id = (SELECT {contest_expr} FROM "{table}" t '
                       f'WHERE {where}) WHERE target_type = \'{target_type}\'')
    op.execute('UPDATE audit_entry SET contest_id = (SELECT r.contest_id FROM "round" r '
               'WHERE r.id = audit_entry.round_id) '
               'WHERE contest_id IS NULL AND round_id IS NOT NULL')


def downgrade():
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_round_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_contest_id'))
        batch_op.drop_column('round_id')
        batch_op.drop_column('contest_id')
