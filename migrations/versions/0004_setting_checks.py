"""Database checks for the contest and round settings (values of contest.vocabulary's enums)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 13:45:00

The values are written out here, not read from contest.vocabulary: a migration records the
schema as it was when written. A later enum member needs a new migration that replaces the
check. Stored values do not change.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

CHECKS = {
    'contest': {
        'collective_formula': ('rate_then_average', 'points', 'most_entrants'),
    },
    'round': {
        'prediction_kind': ('none', 'full_marks_count', 'entrant_count', 'attempt_count',
                            'full_marks_percent'),
        'attempt_policy': ('one_per_round', 'one_per_contest', 'max_per_round', 'unlimited'),
        'counting': ('best', 'first', 'last'),
        'review_policy': ('never', 'after_submit', 'after_close'),
    },
}


def upgrade():
    # Batch mode: SQLite cannot add a constraint to an existing table, so it copies the table.
    for table, columns in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, values in columns.items():
                listed = ", ".join(f"'{value}'" for value in values)
                batch_op.create_check_constraint(
                    op.f(f'ck_{table}_{column}_known'), f"{column} IN ({listed})")


def downgrade():
    for table, columns in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_constraint(op.f(f'ck_{table}_{column}_known'), type_='check')
