"""``flask --app contest users ...``"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from contest.accounts.models import Role
from contest.accounts.services import AccountError, create_user
from contest.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "full_name", required=True, help="Full name.")
@click.option("--phone", default=None, help="Phone number (login).")
@click.option("--email", default=None, help="Email (login).")
@click.password_option("--password", help="Password (prompted if omitted).")
def create(role: str, full_name: str, phone: str | None, email: str | None, password: str) -> None:
    """Create an account that logs in with its phone or email."""
    try:
        user = create_user(full_name=full_name, password=password, role=role,
                           phone=phone, email=email)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role} #{user.id}: {user.login}")
