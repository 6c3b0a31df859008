"""Your own password, and the organisers' account actions (password reset, deactivation)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from contest.accounts import services
from contest.accounts.auth import organiser_required
from contest.accounts.forms import ChangePasswordForm, ReasonForm
from contest.accounts.models import User
from contest.accounts.services import AccountError, mask_phone
from contest.accounts.throttle import LoginAttempt
from contest.accounts.views import bp
from contest.extensions import db
from contest.security import no_store

# Pages a user holding a temporary password may open before replacing it.
BEFORE_CHANGE = {"accounts.change_password", "accounts.logout", "static", "main.healthz",
                 "main.preferences"}


@bp.before_app_request
def temporary_password_first():
    """After an organiser's reset, every page leads to the change-password form (the API is
    left alone: its hot paths load no user, and a reset has ended every session anyway)."""
    if (request.endpoint and request.endpoint not in BEFORE_CHANGE
            and not request.endpoint.startswith("attempts_api.")
            and current_user.is_authenticated and current_user.must_change_password):
        flash(_("Bạn đang dùng mật khẩu tạm. Vui lòng đặt mật khẩu mới trước khi tiếp tục."),
              "info")
        return redirect(url_for("accounts.change_password"))
    return None


@bp.route("/tai-khoan/doi-mat-khau", methods=["GET", "POST"])
@login_required
@no_store
def change_password():
    """Change your password; every other session and remember-me token of the account ends."""
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        user = current_user._get_current_object()
        # Guessing the current password through a stolen session is throttled like a login.
        attempt = LoginAttempt.reserve(user.login)
        if attempt.refusal:
            flash(_("Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau."), "error")
            return render_template("accounts/change_password.html", form=form), 429
        try:
            services.change_password(user, form.current_password.data, form.new_password.data,
                                     form.new_password_again.data)
        except AccountError as error:
            db.session.rollback()
            if error.field != "current_password":
                attempt.succeeded()  # the current password was right: no failure
            flash(error.message, "error")
            status = 400
        else:
            attempt.succeeded()
            db.session.commit()
            login_user(user)  # this browser carries on with the new session version
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc."),
                  "success")
            return redirect(url_for("main.index"))
    return render_template("accounts/change_password.html", form=form), status


def _account(user_id: int) -> User:
    user = db.get_or_404(User, user_id)
    if not services.may_manage(current_user, user):
        abort(403)
    return user


@bp.route("/quan-ly/tai-khoan/<int:user_id>")
@organiser_required
@no_store
def manage_account(user_id: int):
    """An account's actions for organisers: reset its password, deactivate it."""
    user = _account(user_id)
    return render_template("accounts/manage.html", account=user, form=ReasonForm(),
                           masked_phone=mask_phone(user.phone))


@bp.route("/quan-ly/tai-khoan/<int:user_id>/dat-lai-mat-khau", methods=["POST"])
@organiser_required
@no_store
def reset_password(user_id: int):
    """Give the account a temporary password to hand over in person or by phone (audited)."""
    user = _account(user_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(_("Vui lòng ghi lý do."), "error")
        return redirect(url_for(".manage_account", user_id=user.id))
    password = services.reset_password(current_user, user, form.reason.data)
    db.session.commit()
    return render_template("accounts/reset_done.html", account=user, password=password,
                           masked_phone=mask_phone(user.phone))


@bp.route("/quan-ly/tai-khoan/<int:user_id>/khoa", methods=["POST"])
@organiser_required
def deactivate(user_id: int):
    """Lock the account: no more logins, its open sessions end now (audited)."""
    user = _account(user_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(_("Vui lòng ghi lý do."), "error")
        return redirect(url_for(".manage_account", user_id=user.id))
    services.deactivate(current_user, user, form.reason.data)
    db.session.commit()
    flash(_("Đã khoá tài khoản. Mọi phiên đăng nhập của tài khoản đã kết thúc."), "success")
    return redirect(url_for(".manage_account", user_id=user.id))
