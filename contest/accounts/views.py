"""Log in and out."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash

from contest.accounts import sessions
from contest.accounts.forms import LoginForm
from contest.accounts.services import find_by_login, mask_phone, normalise_login
from contest.accounts.throttle import LoginAttempt, dummy_hash, remember_device
from contest.extensions import db
from contest.proxies import client_address

bp = Blueprint("accounts", __name__)
security_log = logging.getLogger("contest.security")


def _safe_next(target: str | None) -> str:
    """Only follow a relative ``next`` on this site."""
    # Browsers read "/\\host" as "//host"; control characters could split headers.
    if (target and target.startswith("/") and "//" not in target and "\\" not in target
            and target.isprintable() and not urlsplit(target).netloc):
        return target
    return url_for("main.index")


@bp.route("/dang-nhap", methods=["GET", "POST"])
def login():
    """Log in with phone or email, throttled by ``contest.accounts.throttle``."""
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        login_name = normalise_login(form.login.data)
        attempt = LoginAttempt.reserve(login_name)
        if attempt.refusal:
            kind, amount = attempt.refusal
            log_login("refused-" + kind, login_name)
            if kind == "locked":
                flash(_("Đăng nhập sai quá %(limit)s lần. Vui lòng thử lại sau %(minutes)s phút.",
                        limit=current_app.config["LOGIN_MAX_FAILURES"], minutes=amount), "error")
            else:
                flash(_("Tài khoản này vừa bị thử mật khẩu nhiều lần. "
                        "Vui lòng thử lại sau %(seconds)s giây.", seconds=amount), "error")
            response = make_response(render_template("accounts/login.html", form=form), 429)
            response.headers["Retry-After"] = str(amount * 60 if kind == "locked" else amount)
            return response
        user = find_by_login(login_name)
        # Unknown logins check a dummy hash: the answer takes as long as for a real account.
        password_ok = check_password_hash(user.password_hash if user else dummy_hash(),
                                          form.password.data)
        if user and user.active and password_ok:
            log_login("ok", login_name)
            attempt.succeeded()
            login_user(user)
            if form.remember.data:
                sessions.remember(user)  # a new token at every login
            db.session.commit()
            done = redirect(_safe_next(request.args.get("next")))
            remember_device(done, login_name)
            return done
        log_login("failed", login_name)
        flash(_("Số điện thoại/email hoặc mật khẩu không đúng."), "error")
    return render_template("accounts/login.html", form=form)


def log_login(outcome: str, login_name: str) -> None:
    """Every authentication decision goes to the ``contest.security`` log (ASVS 7.2.1): the
    outcome, the login masked, the client address; never the password."""
    masked = mask_phone(login_name) if "@" not in login_name else "***" + login_name[-12:]
    security_log.info("login %s login=%s address=%s", outcome, masked, client_address())


@bp.route("/dang-xuat", methods=["POST"])
@login_required
def logout():
    """Log out (POST, so a link on another site cannot do it): every session and remember-me
    token of the account ends, on this device and every other."""
    sessions.forget_this_browser()
    sessions.end_all(current_user._get_current_object())
    db.session.commit()
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("main.index"))


# Account management routes (passwords, resets) on the same blueprint, in their own module.
from contest.accounts import manage  # noqa: E402,F401
