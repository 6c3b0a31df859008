"""Round close-out time and round-scoped disqualifications

Revision ID: 0005_p
Revises: 0005_u
Create Date: 2026-12-07 23:40:00

``round.closed_out_at``: when the round's open attempts were finalised and its prediction truth
computed (contest.attempts.closeout). ``round_disqualification``: an entrant disqualified in one
round only (a whole-contest disqualification stays on ``registration.disqualified``).
``attempt_item`` gets fillfactor 70 on PostgreSQL (pages written from now on keep room for the
in-place updates of answer saves and grading).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_p'
down_revision = '0005_u'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_out_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('round_disqualification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_disqualification_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_round_disqualification_registration_id_registration'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_round_disqualification_created_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_disqualification')),
    sa.UniqueConstraint('round_id', 'registration_id', name=op.f('uq_round_disqualification_round_id_registration_id'))
    )
    if op.get_context().dialect.name == 'postgresql':
        op.execute('ALTER TABLE attempt_item SET (fillfactor = 70)')


def downgrade():
    if op.get_context().dialect.name == 'postgresql':
        op.execute('ALTER TABLE attempt_item RESET (fillfactor)')
    op.drop_table('round_disqualification')
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('closed_out_at')
