"""Friendly error pages (HTML) or JSON errors for the API; never a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng. Vui lòng thử lại."),
    403: ("Không có quyền truy cập", "Tài khoản của bạn không được phép xem trang này."),
    404: ("Không tìm thấy trang", "Địa chỉ bạn mở không tồn tại hoặc đã bị gỡ bỏ."),
    405: ("Thao tác không được hỗ trợ", "Trang này không nhận cách gửi dữ liệu đó."),
    409: ("Xung đột dữ liệu", "Dữ liệu đã thay đổi. Vui lòng tải lại trang."),
    413: ("Tệp quá lớn", "Tệp gửi lên vượt quá dung lượng cho phép."),
    429: ("Quá nhiều yêu cầu", "Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại."),
    500: ("Đã có lỗi xảy ra", "Hệ thống gặp sự cố. Bạn vui lòng thử lại sau ít phút."),
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    if wants_json():
        return jsonify(error=title, message=detail or message), code
    return render_template("errors/error.html", code=code, title=title,
                           message=detail or message), code


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. "
                                 "Vui lòng tải lại trang và gửi lại.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        return render_error(code if code in MESSAGES else 500 if code >= 500 else 400)

    @app.errorhandler(Exception)
    def unhandled(error: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return render_error(500)
