"""Make an export file for a round from its published snapshot (or a marked live preview)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.models import User
from contest.audit import services as audit
from contest.audit.queries import AuditFilter, audit_query
from contest.contests.models import Contest, Registration, Round
from contest.errors import DomainError
from contest.exports import builders
from contest.exports.writers import MIMETYPES, render
from contest.extensions import db, utcnow
from contest.i18n import vn_time
from contest.results import overall
from contest.results import services as results
from contest.results.build import build_round_data
from contest.vocabulary import AuditAction

ROUND_KINDS = ("winners", "results", "units", "bulletin", "referrals", "verification")
KINDS = ROUND_KINDS + ("audit",)
FORMATS = ("xlsx", "csv")
KIND_LABELS = {"winners": "Danh sách đạt giải", "results": "Kết quả đầy đủ",
               "units": "Bảng đơn vị", "bulletin": "Bản tin tuần", "referrals": "Lan tỏa",
               "verification": "Đối chiếu (không che)", "audit": "Nhật ký thao tác"}
AUDIT_EXPORT_LIMIT = 200_000
# Title lines of the files: official documents, always Vietnamese (like exports.builders).
PUBLISHED_STATUS = "Kết quả đã công bố, phiên bản {version} ({at})"
PREVIEW_STATUS = "BẢN XEM TRƯỚC — kết quả chưa được công bố"
ALL_GROUPS = "Tất cả khối thi"
ONE_GROUP = "Khối thi: {name}"
EXPORTED_AT = "Xuất lúc {at}."
AUDIT_TITLE = "NHẬT KÝ THAO TÁC CỦA BAN TỔ CHỨC VÀ BAN GIÁM KHẢO"
AUDIT_FILTER = "Bộ lọc: {parts}"
NO_FILTER = "không"
OVERALL_ROUNDS = "Tổng hợp các đợt: {rounds}"
# The audit log's reason for an unmasked export (stored data, not page text).
VERIFICATION_REASON = "Xuất dữ liệu đối chiếu"


class ExportError(DomainError):
    """The export cannot be made (no such group or kind: 404); the message is for the user."""

    status = 404


@dataclass
class ExportFile:
    filename: str
    mimetype: str
    content: bytes


def _source(rnd: Round) -> tuple[dict, str]:
    snapshot = results.current(rnd)
    if snapshot is not None:
        return snapshot.data, PUBLISHED_STATUS.format(version=snapshot.version,
                                                      at=vn_time(snapshot.created_at))
    return build_round_data(rnd), PREVIEW_STATUS


def _filter_text(data: dict, group_id: int | None) -> str:
    if group_id is None:
        return ALL_GROUPS
    names = [g["name"] for g in data["groups"] if g["group_id"] == group_id]
    if not names:
        raise ExportError(_("Khối thi không thuộc cuộc thi này."))
    return ONE_GROUP.format(name=names[0])


def _accounts(data: dict) -> dict[int, tuple[str, str]]:
    ids = [r["registration_id"] for g in data["groups"] for r in g["rows"] if r["prize"]]
    rows = db.session.execute(
        sa.select(Registration.id, User.phone, User.id_number)
        .join(User, User.id == Registration.user_id).where(Registration.id.in_(ids)))
    return {r[0]: (r[1] or "", r[2] or "") for r in rows}


def round_export(kind: str, rnd: Round, fmt: str, group_id: int | None = None,
                 actor_id: int | None = None, reason: str = VERIFICATION_REASON) -> ExportFile:
    """Build one round export; the unmasked verification export is written to the audit log."""
    if kind not in ROUND_KINDS:
        raise ExportError(_("Loại xuất không hợp lệ: %(kind)s.", kind=kind))
    if fmt not in FORMATS:
        raise ExportError(_("Định dạng phải là xlsx hoặc csv."), 400)
    data, status = _source(rnd)
    titles = builders.title_lines(data, kind, _filter_text(data, group_id),
                                  f"{status}. {EXPORTED_AT.format(at=vn_time(utcnow()))}")
    if kind == "winners":
        sheet = builders.winners(data, group_id, titles)
    elif kind == "results":
        sheet = builders.results(data, group_id, titles)
    elif kind == "units":
        sheet = builders.units(data, titles)
    elif kind == "bulletin":
        sheet = builders.bulletin(data, titles)
    elif kind == "referrals":
        sheet = builders.referrals(data, titles)
    else:
        sheet = builders.verification(data, group_id, titles, _accounts(data))
        audit.record(actor_id, AuditAction.EXPORT_VERIFICATION, rnd, reason=reason,
                     format=fmt, group_id=group_id, rows=len(sheet.rows),
                     contest_id=rnd.contest_id)
    if kind != "verification":
        audit.record(actor_id, AuditAction.EXPORT_FILE, rnd, kind=kind, format=fmt,
                     group_id=group_id, rows=len(sheet.rows))
    name = f"{kind}-dot-{rnd.id}" + (f"-khoi-{group_id}" if group_id else "") + f".{fmt}"
    return ExportFile(name, MIMETYPES[fmt], render([sheet], fmt))


OVERALL_KINDS = ("winners", "results", "units")


def overall_export(kind: str, contest: Contest, fmt: str,
                   group_id: int | None = None) -> ExportFile:
    """An overall export from the published overall snapshot (or a marked live preview)."""
    if kind not in OVERALL_KINDS:
        raise ExportError(_("Loại xuất không hợp lệ: %(kind)s.", kind=kind))
    if fmt not in FORMATS:
        raise ExportError(_("Định dạng phải là xlsx hoặc csv."), 400)
    snapshot = overall.current(contest)
    if snapshot is not None:
        data, status = snapshot.data, PUBLISHED_STATUS.format(
            version=snapshot.version, at=vn_time(snapshot.created_at))
    else:
        data, status = overall.build_overall_data(contest), PREVIEW_STATUS
    titles = builders.title_lines(data, kind, _filter_text(data, group_id),
                                  f"{status}. {EXPORTED_AT.format(at=vn_time(utcnow()))}")
    titles.insert(-1, OVERALL_ROUNDS.format(rounds=", ".join(data.get("rounds", []))))
    if kind == "winners":
        sheet = builders.winners(data, group_id, titles)
    elif kind == "results":
        sheet = builders.results(data, group_id, titles)
    else:
        sheet = builders.units(data, titles)
    name = f"{kind}-chung-cuoc-{contest.id}" + (f"-khoi-{group_id}" if group_id else "")
    return ExportFile(f"{name}.{fmt}", MIMETYPES[fmt], render([sheet], fmt))


def audit_export(f: AuditFilter, fmt: str, actor_id: int | None = None) -> ExportFile:
    """The audit log (filtered) as a file (the export itself is recorded too)."""
    if fmt not in FORMATS:
        raise ExportError(_("Định dạng phải là xlsx hoặc csv."), 400)
    entries = db.session.scalars(audit_query(f).limit(AUDIT_EXPORT_LIMIT))
    parts = [f"{k}={v}" for k, v in vars(f).items() if v]
    titles = [AUDIT_TITLE, AUDIT_FILTER.format(parts=", ".join(parts) or NO_FILTER),
              EXPORTED_AT.format(at=vn_time(utcnow()))]
    sheet = builders.audit_log(list(entries), titles)
    audit.record(actor_id, AuditAction.EXPORT_FILE, kind="audit", format=fmt,
                 rows=len(sheet.rows), contest_id=f.contest_id, round_id=f.round_id)
    return ExportFile(f"nhat-ky.{fmt}", MIMETYPES[fmt], render([sheet], fmt))
