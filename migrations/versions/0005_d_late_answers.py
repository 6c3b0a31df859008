"""Late answers: answers refused because they arrived after the deadline plus grace

Revision ID: 0005_d
Revises: 0005_q
Create Date: 2026-12-07 23:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_d'
down_revision = '0005_q'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('late_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('selected', sa.JSON(), nullable=False),
    sa.Column('arrived_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_late_answer_attempt_id_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_late_answer'))
    )
    with op.batch_alter_table('late_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_late_answer_attempt_id'), ['attempt_id'], unique=False)


def downgrade():
    with op.batch_alter_table('late_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_late_answer_attempt_id'))

    op.drop_table('late_answer')
