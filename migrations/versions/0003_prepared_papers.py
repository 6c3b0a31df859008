"""Prepared papers: papers drawn before a round opens, claimed by the entrants who start

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:31:47.384359

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('prepared_paper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.Column('max_score', sa.Double(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['entrant_group.id'], name=op.f('fk_prepared_paper_group_id_entrant_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_prepared_paper_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prepared_paper'))
    )
    with op.batch_alter_table('prepared_paper', schema=None) as batch_op:
        batch_op.create_index('ix_prepared_paper_round_group', ['round_id', 'group_id', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('prepared_paper', schema=None) as batch_op:
        batch_op.drop_index('ix_prepared_paper_round_group')

    op.drop_table('prepared_paper')
