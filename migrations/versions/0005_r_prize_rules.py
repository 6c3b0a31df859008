"""Prize rules per contest (minimum score, share cap, one prize per contest, tie at the last
slot), points-formula weights, and the "100% of staff and a winner" collective formula

Revision ID: 0005_r
Revises: 0004
Create Date: 2026-12-07 23:30:00

Values written out here, not read from contest.vocabulary (see 0004).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_r'
down_revision = '0004'
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
        batch_op.create_check_constraint(op.f('ck_contest_prize_tie_rule_known'),
                                         f"prize_tie_rule IN ({_listed(TIE_RULES)})")
        batch_op.drop_constraint(op.f('ck_contest_collective_formula_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_contest_collective_formula_known'),
                                         f"collective_formula IN ({_listed(FORMULAS_AFTER)})")


def downgrade():
    op.execute("UPDATE contest SET collective_formula = 'rate_then_average' "
               "WHERE collective_formula = 'full_staff_winner'")
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_contest_collective_formula_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_contest_collective_formula_known'),
                                         f"collective_formula IN ({_listed(FORMULAS_BEFORE)})")
        batch_op.drop_constraint(op.f('ck_contest_prize_tie_rule_known'), type_='check')
        batch_op.drop_column('prize_tie_rule')
        batch_op.drop_column('prize_once_per_contest')
        batch_op.drop_column('prize_max_share')
        batch_op.drop_column('prize_min_score')
        batch_op.drop_column('collective_weights')
