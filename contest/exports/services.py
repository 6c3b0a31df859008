"""Make an export file for a round from its published snapshot (or a marked live preview)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from contest.accounts.models import User
from contest.audit import services as audit
from contest.contests.models import Registration, Round
from contest.exports import builders
from contest.exports.writers import MIMETYPES, render
from contest.extensions import db, utcnow
from contest.i18n import vn_time
from contest.judging.queries import AuditFilter, audit_query
from contest.results import services as results
from contest.results.build import build_round_data

ROUND_KINDS = ("winners", "results", "units", "bulletin", "verification")
KINDS = ROUND_KINDS + ("audit",)
FORMATS = ("xlsx", "csv")
KIND_LABELS = {"winners": "Danh sách đạt giải", "results": "Kết quả đầy đủ",
               "units": "Bảng đơn vị", "bulletin": "Bản tin tuần",
               "verification": "Đối chiếu (không che)", "audit": "Nhật ký thao tác"}
AUDIT_EXPORT_LIMIT = 200_000


class ExportError(ValueError):
    """The export cannot be made; Vietnamese message for the user."""


@dataclass
class ExportFile:
    filename: str
    mimetype: str
    content: bytes


def _source(rnd: Round) -> tuple[dict, str]:
    snapshot = results.current(rnd)
    if snapshot is not None:
        return snapshot.data, (f"Kết quả đã công bố, phiên bản {snapshot.version} "
                               f"({vn_time(snapshot.created_at)})")
    return build_round_data(rnd), "BẢN XEM TRƯỚC — kết quả chưa được công bố"


def _filter_text(data: dict, group_id: int | None) -> str:
    if group_id is None:
        return "Tất cả khối thi"
    names = [g["name"] for g in data["groups"] if g["group_id"] == group_id]
    if not names:
        raise ExportError("Khối thi không thuộc cuộc thi này.")
    return f"Khối thi: {names[0]}"


def _accounts(data: dict) -> dict[int, tuple[str, str]]:
    ids = [r["registration_id"] for g in data["groups"] for r in g["rows"] if r["prize"]]
    rows = db.session.execute(
        sa.select(Registration.id, User.phone, User.id_number)
        .join(User, User.id == Registration.user_id).where(Registration.id.in_(ids)))
    return {r[0]: (r[1] or "", r[2] or "") for r in rows}


def round_export(kind: str, rnd: Round, fmt: str, group_id: int | None = None,
                 actor_id: int | None = None) -> ExportFile:
    """Build one round export; the unmasked verification export is written to the audit log."""
    if kind not in ROUND_KINDS:
        raise ExportError(f"Loại xuất không hợp lệ: {kind}.")
    if fmt not in FORMATS:
        raise ExportError("Định dạng phải là xlsx hoặc csv.")
    data, status = _source(rnd)
    titles = builders.title_lines(data, kind, _filter_text(data, group_id),
                                  f"{status}. Xuất lúc {vn_time(utcnow())}.")
    if kind == "winners":
        sheet = builders.winners(data, group_id, titles)
    elif kind == "results":
        sheet = builders.results(data, group_id, titles)
    elif kind == "units":
        sheet = builders.units(data, titles)
    elif kind == "bulletin":
        sheet = builders.bulletin(data, titles)
    else:
        sheet = builders.verification(data, group_id, titles, _accounts(data))
        audit.record(actor_id, "export.verification", rnd, reason="Xuất dữ liệu đối chiếu",
                     format=fmt, group_id=group_id, rows=len(sheet.rows),
                     contest_id=rnd.contest_id)
    name = f"{kind}-dot-{rnd.id}" + (f"-khoi-{group_id}" if group_id else "") + f".{fmt}"
    return ExportFile(name, MIMETYPES[fmt], render([sheet], fmt))


def audit_export(f: AuditFilter, fmt: str) -> ExportFile:
    """The audit log (filtered) as a file."""
    if fmt not in FORMATS:
        raise ExportError("Định dạng phải là xlsx hoặc csv.")
    entries = db.session.scalars(audit_query(f).limit(AUDIT_EXPORT_LIMIT))
    parts = [f"{k}={v}" for k, v in vars(f).items() if v]
    titles = ["NHẬT KÝ THAO TÁC CỦA BAN TỔ CHỨC VÀ BAN GIÁM KHẢO",
              f"Bộ lọc: {', '.join(parts) or 'không'}", f"Xuất lúc {vn_time(utcnow())}."]
    sheet = builders.audit_log(entries, titles)
    return ExportFile(f"nhat-ky.{fmt}", MIMETYPES[fmt], render([sheet], fmt))
