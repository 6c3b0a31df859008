"""Units belong to a contest (contest_unit) with per-group targets (unit_target); a round's
paper recipe per entrant group (round.group_recipes)

Revision ID: 0005_u
Revises: 0005_l
Create Date: 2026-12-07 23:40:00

A contest without contest_unit rows keeps using every unit, so existing contests are unchanged.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_u'
down_revision = '0005_l'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contest_unit',
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['contest.id'], name=op.f('fk_contest_unit_contest_id_contest'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_contest_unit_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contest_id', 'unit_id', name=op.f('pk_contest_unit'))
    )
    with op.batch_alter_table('contest_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contest_unit_unit_id'), ['unit_id'], unique=False)

    op.create_table('unit_target',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.CheckConstraint('target >= 0', name=op.f('ck_unit_target_target_not_negative')),
    sa.ForeignKeyConstraint(['group_id'], ['entrant_group.id'], name=op.f('fk_unit_target_group_id_entrant_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_target_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'unit_id', name=op.f('pk_unit_target'))
    )
    with op.batch_alter_table('unit_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_target_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_recipes', sa.JSON(), server_default='{}',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('group_recipes')
    with op.batch_alter_table('unit_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_target_unit_id'))
    op.drop_table('unit_target')
    with op.batch_alter_table('contest_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contest_unit_unit_id'))
    op.drop_table('contest_unit')
