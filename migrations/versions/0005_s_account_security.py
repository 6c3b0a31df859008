"""Account security: session versions, rotating remember-me tokens, the unmasked personal-data
change log, registration addresses; existing audit entries get their phone and CCCD masked

Revision ID: 0005_s
Revises: 0005_d
Create Date: 2026-12-07 23:30:00

The data step moves the unmasked before/after of every "registration.edit" audit entry into
personal_data_change and masks them in the entry (the masking is written out here, as it was
when this migration was written).
"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005_s'
down_revision = '0005_d'
branch_labels = None
depends_on = None

MASKED_KEEP = {'phone': 3, 'id_number': 4}


def _mask(key, value):
    if value in (None, ''):
        return value
    value = str(value)
    if key in MASKED_KEEP:
        keep = MASKED_KEEP[key]
        return '*' * max(0, len(value) - keep) + value[-keep:]
    if key == 'date_of_birth':
        return value[:4] + '-**-**'
    return value


def _load(value):
    return json.loads(value) if isinstance(value, str) else (value or {})


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_ip', sa.String(length=45), nullable=True))
    op.create_table('remember_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_remember_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remember_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_remember_token_token_hash'))
    )
    with op.batch_alter_table('remember_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remember_token_user_id'), ['user_id'], unique=False)
    op.create_table('personal_data_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('audit_entry_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('after', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_personal_data_change_actor_id_user')),
    sa.ForeignKeyConstraint(['audit_entry_id'], ['audit_entry.id'], name=op.f('fk_personal_data_change_audit_entry_id_audit_entry')),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_personal_data_change_registration_id_registration'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_personal_data_change_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_data_change'))
    )
    with op.batch_alter_table('personal_data_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personal_data_change_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_change_audit_entry_id'), ['audit_entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_change_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_change_user_id'), ['user_id'], unique=False)

    conn = op.get_bind()
    entries = sa.table('audit_entry', sa.column('id'), sa.column('at'), sa.column('actor_id'),
                       sa.column('action'), sa.column('target_id'),
                       sa.column('details', sa.JSON))
    changes = sa.table('personal_data_change', sa.column('at'), sa.column('audit_entry_id'),
                       sa.column('actor_id'), sa.column('user_id'),
                       sa.column('registration_id'), sa.column('before', sa.JSON),
                       sa.column('after', sa.JSON))
    rows = conn.execute(sa.select(entries.c.id, entries.c.at, entries.c.actor_id,
                                  entries.c.target_id, entries.c.details)
                        .where(entries.c.action == 'registration.edit')).all()
    for entry_id, at, actor_id, target_id, raw in rows:
        details = _load(raw)
        before, after = details.get('before') or {}, details.get('after') or {}
        user_id = details.get('user_id')
        if user_id is None:
            continue
        conn.execute(changes.insert().values(
            at=at, audit_entry_id=entry_id, actor_id=actor_id, user_id=user_id,
            registration_id=target_id, before=before, after=after))
        details['before'] = {k: _mask(k, v) for k, v in before.items()}
        details['after'] = {k: _mask(k, v) for k, v in after.items()}
        conn.execute(sa.update(entries).where(entries.c.id == entry_id).values(details=details))


def downgrade():
    # The masked audit entries stay masked: the unmasked values go with the table.
    with op.batch_alter_table('personal_data_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personal_data_change_user_id'))
        batch_op.drop_index(batch_op.f('ix_personal_data_change_registration_id'))
        batch_op.drop_index(batch_op.f('ix_personal_data_change_audit_entry_id'))
        batch_op.drop_index(batch_op.f('ix_personal_data_change_at'))
    op.drop_table('personal_data_change')
    with op.batch_alter_table('remember_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remember_token_user_id'))
    op.drop_table('remember_token')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_column('client_ip')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('session_version')
