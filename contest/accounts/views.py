"""Log in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from contest.accounts.forms import LoginForm
from contest.accounts.services import find_by_login, normalise_login
from contest.ratelimit import counter

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a relative ``next`` on this site."""
    # Browsers read "/\\host" as "//host"; control characters could split headers.
    if (target and target.startswith("/") and "//" not in target and "\\" not in target
            and target.isprintable() and not urlsplit(target).netloc):
        return target
    return url_for("main.index")


def _limit_keys(login: str) -> list[str]:
    # Normalised, so "+84 912..." and "0912..." cannot each get their own allowance.
    return [f"login:ip:{request.remote_addr}", f"login:id:{normalise_login(login)}"]


@bp.route("/dang-nhap", methods=["GET", "POST"])
def login():
    """Log in with phone or email; failures are counted per address and per login."""
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        window = current_app.config["LOGIN_WINDOW_SECONDS"]
        limit = current_app.config["LOGIN_MAX_FAILURES"]
        keys = _limit_keys(form.login.data)
        if any(counter().count(k, window) >= limit for k in keys):
            flash(_("Đăng nhập sai quá %(limit)s lần. Vui lòng thử lại sau %(minutes)s phút.",
                    limit=limit, minutes=-(-window // 60)), "error")
            return render_template("accounts/login.html", form=form), 429
        user = find_by_login(form.login.data)
        if user and user.active and user.check_password(form.password.data):
            for key in keys:
                counter().reset(key)
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        for key in keys:
            counter().hit(key, window)
        flash(_("Số điện thoại/email hoặc mật khẩu không đúng."), "error")
    return render_template("accounts/login.html", form=form)


@bp.route("/dang-xuat", methods=["POST"])
@login_required
def logout():
    """Log out (POST, so a link on another site cannot do it)."""
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("main.index"))
