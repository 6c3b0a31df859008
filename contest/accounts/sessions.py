"""Revocable sessions and rotating remember-me tokens.

Every signed session carries the account's ``session_version`` (key ``_sv``), set at login.
Ending an account's sessions (logout, password change or reset, deactivation,
disqualification) bumps the version and deletes its remember-me tokens, so every session
cookie and remember-me cookie of that account stops working at once.

Checking costs no query on the attempt API's hot paths: the current version of each account
is cached (Redis when REDIS_URL is set, shared by every process; else per process for
``VERSION_TTL`` seconds), filled at login and dropped when the version changes.

"Remember me" is our own cookie (``remember_token``): a random token, only its SHA-256 kept
in ``remember_token``, replaced by a new one at every login and every use, valid for
``REMEMBER_DAYS`` (default 30).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app, g, has_app_context, request, session
from flask_login import login_user, user_logged_in
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from contest.accounts.models import RememberToken, User
from contest.extensions import db, utcnow

VERSION_KEY = "_sv"
REMEMBER_COOKIE = "remember_token"
# Seconds a per-process cached version is trusted without Redis: a bump in this process drops
# it at once; other processes (several workers need Redis anyway) see it within this time.
VERSION_TTL = 30.0
GONE = -1  # cached "version" of a missing or deactivated account: matches no session


class VersionCache:
    """user id -> current session version; Redis when configured, else per process."""

    def __init__(self, url: str = "") -> None:
        self._redis = None
        if url:
            import redis

            self._redis = redis.Redis.from_url(url)
        self._local: dict[int, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: int) -> int | None:
        if self._redis is not None:
            raw = self._redis.get(f"sv:{user_id}")
            return int(raw) if raw is not None else None
        with self._lock:
            hit = self._local.get(user_id)
        if hit and time.monotonic() - hit[1] < VERSION_TTL:
            return hit[0]
        return None

    def put(self, user_id: int, version: int) -> None:
        if self._redis is not None:
            self._redis.set(f"sv:{user_id}", version, ex=3600)
            return
        with self._lock:
            self._local[user_id] = (version, time.monotonic())

    def drop(self, user_id: int) -> None:
        if self._redis is not None:
            self._redis.delete(f"sv:{user_id}")
        with self._lock:
            self._local.pop(user_id, None)


def _cache() -> VersionCache:
    return current_app.extensions["session_versions"]


def current_version(user_id: int) -> int:
    """The account's session version (GONE when missing or deactivated), cached."""
    cached = _cache().get(user_id)
    if cached is not None:
        return cached
    row = db.session.execute(sa.select(User.session_version, User.active)
                             .where(User.id == user_id)).one_or_none()
    version = row.session_version if row is not None and row.active else GONE
    _cache().put(user_id, version)
    return version


def session_is_current(user_id: int) -> bool:
    """Whether the signed session's version is the account's current one (hot paths)."""
    version = session.get(VERSION_KEY)
    return isinstance(version, int) and version == current_version(user_id)


def user_is_current(user: User) -> bool:
    """The same check for a loaded user (no query: the row is at hand)."""
    return user.active and session.get(VERSION_KEY) == user.session_version


def end_all(user: User) -> None:
    """End every session and remember-me token of ``user`` (flushes; the caller commits)."""
    user.session_version = (user.session_version or 0) + 1
    db.session.execute(sa.delete(RememberToken).where(RememberToken.user_id == user.id))
    db.session.flush()
    _cache().drop(user.id)
    db.session.info.setdefault("sv_dropped", set()).add(user.id)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def remember(user: User) -> None:
    """Issue a new remember-me token for this browser (replacing the one it had)."""
    forget_this_browser()
    token = secrets.token_urlsafe(32)
    days = current_app.config["REMEMBER_DAYS"]
    db.session.add(RememberToken(user_id=user.id, token_hash=_hash(token),
                                 expires_at=utcnow() + timedelta(days=days)))
    db.session.flush()
    g.remember_cookie = token


def forget_this_browser() -> None:
    """Delete this browser's remember-me token, if it has one, and its cookie."""
    raw = request.cookies.get(REMEMBER_COOKIE)
    if raw:
        db.session.execute(sa.delete(RememberToken).where(RememberToken.token_hash == _hash(raw)))
        g.remember_cookie = ""


def load_from_remember_cookie() -> User | None:
    """Flask-Login's request loader: a valid token logs the browser in and is rotated."""
    raw = request.cookies.get(REMEMBER_COOKIE)
    if not raw or len(raw) > 100:
        return None
    token = db.session.scalar(sa.select(RememberToken)
                              .where(RememberToken.token_hash == _hash(raw)))
    if token is None or token.expires_at <= utcnow():
        g.remember_cookie = ""
        return None
    user = db.session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    login_user(user)
    remember(user)  # one use per token: a stolen copy dies at the owner's next visit
    db.session.commit()
    return user


def _set_cookie(response: Response) -> Response:
    token = g.pop("remember_cookie", None)
    if token:
        days = current_app.config["REMEMBER_DAYS"]
        response.set_cookie(REMEMBER_COOKIE, token, max_age=days * 24 * 3600, httponly=True,
                            samesite="Lax",
                            secure=bool(current_app.config.get("REMEMBER_COOKIE_SECURE")))
    elif token == "":
        response.delete_cookie(REMEMBER_COOKIE)
    return response


def init_sessions(app: Flask, login_manager) -> None:
    app.extensions["session_versions"] = VersionCache(app.config.get("REDIS_URL", ""))
    # Flask-Login's own remember cookie (a user id that never changes) is never set.
    app.config["REMEMBER_COOKIE_NAME"] = "flask_login_remember_unused"
    login_manager.request_loader(lambda _request: load_from_remember_cookie())
    app.after_request(_set_cookie)

    @user_logged_in.connect_via(app)
    def _stamp(_sender, user: User, **_extra) -> None:
        session[VERSION_KEY] = user.session_version
        _cache().put(user.id, user.session_version)  # the first hot request needs no query



@event.listens_for(Session, "after_commit")
def _drop_after_commit(db_session: Session) -> None:
    """A request that read the old version between the bump and the commit may have cached
    it again: drop it once more now that the new version is visible to everyone."""
    dropped = db_session.info.pop("sv_dropped", set())
    if dropped and has_app_context() and "session_versions" in current_app.extensions:
        for user_id in dropped:
            _cache().drop(user_id)
