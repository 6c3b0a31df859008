"""Prize rules per contest (minimum score, share cap, one prize per contest, tie at the last
slot), points-formula weights, the "100% of staff and a winner" collective formula, and the
overall ranking across rounds (its chain, confirmations and published snapshots)

Revision ID: 0005_r
Revises: 0005_s
Create Date: 2026-12-07 23:30:00

Values written out here, not read from contest.vocabulary (see 0004).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_r'
down_revision = '0005_s'
branch_labels = None
depends_on = None

FORMULAS_BEFORE = ('rate_then_average', 'points', 'most_entrants')
FORMULAS_AFTER = FORMULAS_BEFORE + ('full_staff_winner',)
TIE_RULES = ('cut', 'share')


def _listed(values):
    return ", ".join(f"'{value}'" for value in values)


def upgrade():
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.add_column(sa.Column('collective_weights', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('prize_min_score', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('prize_max_share', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('prize_once_per_contest', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('prize_tie_rule', sa.String(length=5), nullable=False,
                                      server_default='cut'))
        batch_op.add_column(sa.Column(
            'overall_tie_breaks', sa.JSON(), nullable=False,
            server_default='["score", "time_taken", "attempt_count"]'))
        batch_op.create_check_constraint(op.f('ck_contest_prize_tie_rule_known'),
                                         f"prize_tie_rule IN ({_listed(TIE_RULES)})")
        batch_op.drop_constraint(op.f('ck_contest_collective_formula_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_contest_collective_formula_known'),
                                         f"collective_formula IN ({_listed(FORMULAS_AFTER)})")

    op.create_table('overall_confirmation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('confirmed_by', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data_version', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by'], ['user.id'], name=op.f('fk_overall_confirmation_confirmed_by_user')),
    sa.ForeignKeyConstraint(['contest_id'], ['contest.id'], name=op.f('fk_overall_confirmation_contest_id_contest'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overall_confirmation')),
    sa.UniqueConstraint('contest_id', name=op.f('uq_overall_confirmation_contest_id'))
    )
    op.create_table('overall_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('data_version', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.CheckConstraint('version >= 1', name=op.f('ck_overall_snapshot_version_positive')),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_overall_snapshot_created_by_user')),
    sa.ForeignKeyConstraint(['contest_id'], ['contest.id'], name=op.f('fk_overall_snapshot_contest_id_contest'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overall_snapshot')),
    sa.UniqueConstraint('contest_id', 'version', name=op.f('uq_overall_snapshot_contest_id_version'))
    )
    with op.batch_alter_table('overall_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overall_snapshot_contest_id'), ['contest_id'], unique=False)
        batch_op.create_index('uq_overall_snapshot_current', ['contest_id'], unique=True, sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))


def downgrade():
    with op.batch_alter_table('overall_snapshot', schema=None) as batch_op:
        batch_op.drop_index('uq_overall_snapshot_current', sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))
        batch_op.drop_index(batch_op.f('ix_overall_snapshot_contest_id'))
    op.drop_table('overall_snapshot')
    op.drop_table('overall_confirmation')
    op.execute("UPDATE contest SET collective_formula = 'rate_then_average' "
               "WHERE collective_formula = 'full_staff_winner'")
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_contest_collective_formula_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_contest_collective_formula_known'),
                                         f"collective_formula IN ({_listed(FORMULAS_BEFORE)})")
        batch_op.drop_constraint(op.f('ck_contest_prize_tie_rule_known'), type_='check')
        batch_op.drop_column('overall_tie_breaks')
        batch_op.drop_column('prize_tie_rule')
        batch_op.drop_column('prize_once_per_contest')
        batch_op.drop_column('prize_max_share')
        batch_op.drop_column('prize_min_score')
        batch_op.drop_column('collective_weights')
