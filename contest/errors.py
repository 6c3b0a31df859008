"""Friendly error pages (HTML) or JSON errors for the API; never a traceback."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, jsonify, render_template, request
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


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    if wants_json():
        return jsonify(error=str(title), message=str(detail or message)), code
    return render_template("errors/error.html", code=code, title=str(title),
                           message=str(detail or message)), code


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, _l("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. "
                                    "Vui lòng tải lại trang và gửi lại."))

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
