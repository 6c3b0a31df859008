"""Questions: how their options are kept in place (option_order) and the file's topic

Revision ID: 0005_q
Revises: 0005_m
Create Date: 2026-12-07 23:30:00

option_order: 'auto' (pinned by meaning + ticks), 'manual' (ticks only), 'fixed' (never
shuffled); existing questions are 'auto', their stored keep_in_place flags unchanged.
topic: a category from the imported file that is not a reform area ("Hạng mục"), '' if none.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_q'
down_revision = '0005_m'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('option_order', sa.String(length=10), nullable=False,
                                      server_default='auto'))
        batch_op.add_column(sa.Column('topic', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.create_check_constraint(
            op.f('ck_question_option_order_known'),
            "option_order IN ('auto', 'manual', 'fixed')")
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.alter_column('option_order', server_default=None)
        batch_op.alter_column('topic', server_default=None)


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_question_option_order_known'), type_='check')
        batch_op.drop_column('topic')
        batch_op.drop_column('option_order')
