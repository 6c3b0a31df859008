"""The contest's registered-entrants list as a file: masked by default; unmasked for
organisers only, written to the audit log."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.models import User
from contest.accounts.services import mask_id_number, mask_phone
from contest.audit import services as audit
from contest.contests import unit_scope
from contest.contests.models import Contest, EntrantGroup, Registration
from contest.exports.services import FORMATS, ExportError, ExportFile
from contest.exports.writers import MIMETYPES, Sheet, render
from contest.extensions import db, utcnow
from contest.i18n import vn_time
from contest.sorting import vi_key
from contest.vocabulary import AuditAction

# Official document texts: always Vietnamese (like contest.exports.builders).
TITLE = "DANH SÁCH THÍ SINH ĐĂNG KÝ"
MASKED = "Số điện thoại và số CCCD đã được che."
FULL = "BẢN ĐẦY ĐỦ (không che) — chỉ dùng để đối chiếu, không phát tán."
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Số điện thoại", "Số CCCD", "Email", "Khối thi",
           "Đơn vị", "Ngày đăng ký", "Tình trạng"]
DISQUALIFIED = "Bị loại"
FULL_REASON = "Xuất danh sách thí sinh không che"
SHEET_NAME = "Thí sinh"
EXPORTED = "Xuất lúc {at}; {count} thí sinh."


def registrations_export(contest: Contest, fmt: str = "xlsx", *, full: bool = False,
                         actor_id: int | None = None) -> ExportFile:
    """Every registration of the contest, by unit then name in Vietnamese order."""
    if fmt not in FORMATS:
        raise ExportError(_("Định dạng phải là xlsx hoặc csv."), 400)
    rows = db.session.execute(
        sa.select(User.full_name, User.date_of_birth, User.phone, User.id_number, User.email,
                  EntrantGroup.name, Registration.unit_id, Registration.created_at,
                  Registration.disqualified)
        .join(User, User.id == Registration.user_id)
        .join(EntrantGroup, EntrantGroup.id == Registration.group_id)
        .where(Registration.contest_id == contest.id)).all()
    units = unit_scope.unit_names()
    table = []
    for name, born, phone, id_number, email, group, unit_id, created, out in rows:
        unit = units.get(unit_id, "") if unit_id else ""
        table.append([name, born.strftime("%d/%m/%Y") if born else "",
                      (phone or "") if full else mask_phone(phone),
                      (id_number or "") if full else mask_id_number(id_number),
                      (email or "") if full else _mask_email(email), group, unit,
                      vn_time(created, "%d/%m/%Y %H:%M"), DISQUALIFIED if out else ""])
    table.sort(key=lambda r: (vi_key(r[6]), vi_key(r[0])))
    sheet = Sheet(name=SHEET_NAME, title_lines=[
        f"{TITLE} — {contest.title}", FULL if full else MASKED,
        EXPORTED.format(at=vn_time(utcnow()), count=len(table))],
        headers=HEADERS, rows=[[n, *r] for n, r in enumerate(table, start=1)],
        widths=[6, 28, 12, 14, 16, 24, 16, 36, 17, 10])
    if full:
        audit.record(actor_id, AuditAction.EXPORT_REGISTRATIONS, contest, reason=FULL_REASON,
                     format=fmt, rows=len(table))
    name = f"thi-sinh-cuoc-thi-{contest.id}" + ("-day-du" if full else "") + f".{fmt}"
    return ExportFile(name, MIMETYPES[fmt], render([sheet], fmt))


def _mask_email(email: str | None) -> str:
    if not email or "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"
