"""Login wiring and the role guard used by every protected view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort
from flask_login import LoginManager, current_user

from contest.extensions import db


def init_login(login_manager: LoginManager, app: Flask) -> None:
    from contest.accounts.models import User

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def role_required(*roles: str) -> Callable:
    """Let only logged-in users with one of ``roles`` through; others get 401/403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any):
            from contest.extensions import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # read by the access-matrix test
        return wrapped

    return decorator


def staff_required(view: Callable) -> Callable:
    """Admins, organisers and judges."""
    return role_required("admin", "organiser", "judge")(view)


def organiser_required(view: Callable) -> Callable:
    """Admins and organisers."""
    return role_required("admin", "organiser")(view)
