"""Friendly error pages (HTML) or JSON errors for the API; never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import (
    Flask,
    current_app,
    flash,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: (_l("Yêu cầu không hợp lệ"), _l("Dữ liệu gửi lên không đúng. Vui lòng thử lại.")),
    403: (_l("Không có quyền truy cập"), _l("Tài khoản của bạn không được phép xem trang này.")),
    404: (_l("Không tìm thấy trang"), _l("Địa chỉ bạn mở không tồn tại hoặc đã bị gỡ bỏ.")),
    405: (_l("Thao tác không được hỗ trợ"), _l("Trang này không nhận cách gửi dữ liệu đó.")),
    409: (_l("Xung đột dữ liệu"), _l("Dữ liệu đã thay đổi. Vui lòng tải lại trang.")),
    413: (_l("Tệp quá lớn"), _l("Tệp gửi lên vượt quá dung lượng cho phép.")),
    429: (_l("Quá nhiều yêu cầu"), _l("Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.")),
    500: (_l("Đã có lỗi xảy ra"), _l("Hệ thống gặp sự cố. Bạn vui lòng thử lại sau ít phút.")),
    503: (_l("Hệ thống tạm thời gián đoạn"),
          _l("Kết nối tới cơ sở dữ liệu vừa bị gián đoạn. Dữ liệu đã lưu không bị mất; "
             "vui lòng thử lại sau vài giây.")),
}
RETRY_AFTER_SECONDS = 2
JSON_TITLES = {400: _l("Yêu cầu không hợp lệ"), 401: _l("Chưa đăng nhập"),
               403: _l("Không có quyền truy cập"), 404: _l("Không tìm thấy"),
               409: _l("Xung đột dữ liệu")}


def json_title(status: int) -> str:
    """The short ``error`` of a JSON answer (the ``message`` says what happened)."""
    return str(JSON_TITLES.get(status) or _l("Lỗi"))


@dataclass(frozen=True)
class FieldProblem:
    """One reason a request was refused, tied to the form field at fault (None: the whole form)."""

    field: str | None
    message: str

    def __str__(self) -> str:
        return self.message


class DomainError(ValueError):
    """The one domain error services raise: a message for the user, an HTTP status, and
    optionally every reason (``problems``: ``FieldProblem`` or plain str) and the form
    ``field`` at fault. Every feature's error (``AttemptError``, ``ContestError`` ...) is a
    subclass, so one handler in ``init_errors`` answers them all.

    Subclasses ``ValueError`` so that code catching ``ValueError`` keeps working. A lazy
    message is rendered now, in the language of the request that raised it.
    """

    status: int = 400

    def __init__(self, message: object = "", status: int | None = None, *,
                 field: str | None = None,
                 problems: list[FieldProblem | str] | None = None) -> None:
        if isinstance(message, list | tuple):  # ContestError(["reason", "reason"])
            problems = [*message, *(problems or [])]
            message = ""
        if not message and problems:
            message = "; ".join(str(p) for p in problems)
        self.message = str(message)
        super().__init__(self.message)
        if status is not None:
            self.status = status
        self.field = field
        self.problems: list[FieldProblem | str] = (
            list(problems) if problems else [self.message] if self.message else [])

    def messages(self) -> list[str]:
        """Every reason as text, for flashing one by one."""
        return [str(p) for p in self.problems] or [self.message]


def _refusal_state() -> dict:
    """This request's refusal bookkeeping (kept on the request: ``g`` outlives a request when an
    application context is already pushed, as in tests and commands)."""
    return request.environ.setdefault("contest.refusal", {})


def on_refusal(endpoint: str, *, flash_as: str = "error", **values: object) -> None:
    """Where an action that answers with a redirect goes when a service refuses it: there,
    with the reasons flashed, instead of showing the page again (by default a page without a
    submitted form goes back to the page the request came from). ``flash_as`` is the flash
    category (``"inline"``: shown next to the page's button rather than at the top)."""
    state = _refusal_state()
    state["target"], state["category"] = (endpoint, values), flash_as


def note_submitted_form() -> None:
    """A form was built from this request's data: a refusal can show the page again."""
    state = _refusal_state()
    state["forms"] = state.get("forms", 0) + 1


def refusal() -> DomainError | None:
    """The domain error being answered by showing the page again (see ``answer_refusal``)."""
    return _refusal_state().get("error") if has_request_context() else None


def show_refusal(form: object) -> None:
    """Put the refusal on the form being shown again: each problem tied to one of its fields
    next to that field, the rest flashed above. Called once, by ``contest.i18n.Form``."""
    state = _refusal_state()
    error = state.get("error")
    if error is None or state.get("shown"):
        return
    state["shown"] = True
    fields = getattr(form, "_fields", {})
    for problem in error.problems:
        name = getattr(problem, "field", None)  # a FieldProblem, or text naming its field
        name = name or (error.field if len(error.problems) == 1 else None)
        if name in fields:
            fields[name].errors = [*fields[name].errors, str(problem)]
        else:
            flash(str(problem), "error")


def _back() -> str:
    """Where a refused page goes: the endpoint named by ``on_refusal``, else the page on this
    site the request came from, else the home page."""
    target = _refusal_state().get("target")
    if target is not None:
        return url_for(target[0], **target[1])
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return url_for("main.index")


def answer_refusal(error: DomainError):
    """The one answer to a refused action on a page. A page with a submitted form is shown
    again as for an invalid form (the view runs once more with every ``validate_on_submit``
    answering False, so nothing is done twice) with the problems on their fields; an action
    that named its way back with ``on_refusal``, or has no form, redirects with the problems
    flashed."""
    state = _refusal_state()
    if state.get("forms") and "error" not in state and "target" not in state:
        state["error"] = error
        view = current_app.view_functions[request.endpoint or ""]
        try:
            response = current_app.ensure_sync(view)(**(request.view_args or {}))
        except DomainError as again:  # the page itself cannot be shown: fall back
            from contest.extensions import db

            db.session.rollback()
            error = again
        else:
            if state.get("shown"):  # the form again (200, as for an invalid form)
                return response
    if not state.get("shown"):
        for message in error.messages():
            flash(message, state.get("category", "error"))
    return redirect(_back(), 303)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    if wants_json():
        return jsonify(error=str(title), message=str(detail or message)), code
    return render_template("errors/error.html", code=code, title=str(title),
                           message=str(detail or message)), code


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, _l("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. "
                                    "Vui lòng tải lại trang và gửi lại."))

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        """Services refuse with a DomainError: roll back, then JSON for the API, the error
        page for a page that cannot be shown, or the page again with the reasons."""
        from contest.extensions import db, utcnow

        db.session.rollback()
        if wants_json():
            body: dict[str, object] = {"error": json_title(error.status),
                                       "message": error.message,
                                       "server_time": utcnow().isoformat().replace("+00:00", "Z")}
            fields = [{"field": p.field, "message": p.message}
                      for p in error.problems if isinstance(p, FieldProblem) and p.field]
            if fields:
                body["problems"] = fields
            return jsonify(body), error.status
        if request.method in ("GET", "HEAD") and "target" not in _refusal_state():
            return render_error(error.status, error.message)
        return answer_refusal(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        return render_error(code if code in MESSAGES else 500 if code >= 500 else 400)

    @app.teardown_appcontext
    def release_session(error: BaseException | None) -> None:
        """Runs before Flask-SQLAlchemy's own teardown (registered earlier, run later): a
        connection that died after the answer was ready must not turn it into a 500."""
        from contest.extensions import db

        try:
            db.session.remove()
        except DBAPIError as lost:
            app.logger.warning("Database connection lost at the end of a request: %s",
                               str(lost.orig or lost).splitlines()[0])
            db.session().invalidate()  # drop the dead connection without a rollback
            db.session.remove()

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(error: DBAPIError):
        """A dropped or refused database connection is retryable: 503, not a traceback."""
        from contest.extensions import db

        if not isinstance(error, OperationalError) and not error.connection_invalidated:
            return unhandled(error)
        app.logger.warning("Database unavailable on %s: %s", request.path,
                           str(error.orig or error).splitlines()[0])
        try:
            db.session.rollback()
        except DBAPIError:  # the connection is gone already: drop it without a rollback
            db.session().invalidate()
        response, code = render_error(503)
        response = app.make_response((response, code))
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.errorhandler(Exception)
    def unhandled(error: Exception):
        from contest.extensions import db

        app.logger.exception("Unhandled error on %s", request.path)
        try:
            db.session.rollback()  # the error page must not run in a failed transaction
        except DBAPIError:
            db.session().invalidate()
        return render_error(500)
