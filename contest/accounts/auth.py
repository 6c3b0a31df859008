"""Login wiring and the role guard used by every protected view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from contest.accounts import sessions
from contest.extensions import db


def init_login(login_manager: LoginManager, app: Flask) -> None:
    from contest.accounts.models import User

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.localize_callback = str  # render the lazy message in the request's language
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        # A session from before a logout, password change, deactivation or disqualification
        # carries an old version: it no longer logs anyone in.
        return user if user is not None and sessions.user_is_current(user) else None

    sessions.init_sessions(app, login_manager)


def session_user_id() -> int | None:
    """The logged-in user's id from the signed session cookie, without loading the user.

    Only for hot paths whose own query checks ownership (starting, answering): it skips the
    SELECT of the user row that ``current_user`` costs. None when there is no login in the
    session (e.g. only a remember-me cookie) or when the session was revoked (its version is
    not the account's current one, read from a cache: no query): callers then fall back to
    ``current_user``, which refuses it too.
    """
    raw = session.get("_user_id")
    if not (isinstance(raw, str) and raw.isdigit()):
        return None
    # The session version against the cached current one: revoked sessions stop here too.
    return int(raw) if sessions.session_is_current(int(raw)) else None


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

        return wrapped

    return decorator


def staff_required(view: Callable) -> Callable:
    """Admins, organisers and judges."""
    return role_required("admin", "organiser", "judge")(view)


def organiser_required(view: Callable) -> Callable:
    """Admins and organisers."""
    return role_required("admin", "organiser")(view)
