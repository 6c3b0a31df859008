"""Turn a round's results (snapshot data) or the audit log into titled tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contest.audit.describe import describe, vietnamese
from contest.audit.models import AuditEntry
from contest.exports.writers import Sheet
from contest.i18n import vn_time
from contest.vocabulary import AuditAction

# Times are numbers of seconds (sortable, summable), never text like "27 giây".
TIME_HEADER = "Thời gian làm bài (giây)"
# Seconds with one decimal and the unit shown by the number format: the cell stays a number.
SECONDS_FORMAT = '#,##0.0" giây"'
DURATION_FORMATS = {TIME_HEADER: SECONDS_FORMAT}
WINNER_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Khối thi", "Giải", "Điểm",
                  TIME_HEADER, "Dự đoán", "Tiêu chí phân định thứ hạng", "Ghi chú"]
RESULT_HEADERS = ["Hạng", "Họ và tên", "Ngày sinh", "Đơn vị", "Khối thi", "Điện thoại",
                  "Số CCCD", "Điểm", "Điểm tối đa", TIME_HEADER, "Dự đoán",
                  "Sai số dự đoán", "Nộp bài lúc", "Số lượt thi", "Giải"]
UNIT_HEADERS = ["Khối đơn vị", "Hạng", "Đơn vị", "Biên chế", "Số người dự thi",
                "Tỷ lệ tham gia (%)", "Số lượt thi", "Điểm trung bình",
                "Số bài đạt điểm tối đa", "Tổng điểm tiêu chí", "Giải tập thể",
                "Số người đạt giải", "Căn cứ xếp hạng", "Ghi chú giải"]
BULLETIN_HEADERS = ["Mục", "Chỉ tiêu", "Số liệu"]
VERIFY_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Khối thi", "Giải",
                  "Số điện thoại", "Số CCCD"]
REFERRAL_HEADERS = ["Hạng", "Người giới thiệu", "Đơn vị", "Số người đã thi (được tính)",
                    "Nghi vấn (chưa tính)", "Đã đăng ký, chưa thi", "Giải"]
AUDIT_HEADERS = ["Thời gian", "Người thực hiện", "Vai trò", "Hành động", "Đối tượng",
                 "Mã đối tượng", "Lý do", "Chi tiết"]
BAND_LABELS = {"100%": "Đạt 100% số điểm", ">=75%": "Từ 75% đến dưới 100%",
               "25-75%": "Từ 25% đến dưới 75%", "<25%": "Dưới 25% (trên 0 điểm)",
               "0": "0 điểm"}
TITLES = {"winners": "DANH SÁCH CÁ NHÂN ĐẠT GIẢI", "results": "KẾT QUẢ THI",
          "units": "BẢNG XẾP HẠNG TẬP THỂ (ĐƠN VỊ)", "bulletin": "BẢN TIN TUẦN",
          "verification": "DANH SÁCH ĐỐI CHIẾU THÔNG TIN NGƯỜI ĐẠT GIẢI (MẬT)",
          "referrals": "BẢNG XẾP HẠNG LAN TỎA (NGƯỜI GIỚI THIỆU)"}


def title_lines(data: Mapping[str, Any], kind: str, filter_text: str, status: str) -> list[str]:
    """Contest, decision reference, round, the filter used and the snapshot status."""
    contest = data["contest"]
    lines = [f"{TITLES[kind]} — {contest['title']}"]
    if contest.get("decision_reference"):
        lines.append(f"(Kèm theo {contest['decision_reference']})")
    lines += [f"Đợt thi: {data['round']['name']}", f"Bộ lọc: {filter_text}", status]
    return lines


def _groups(data: Mapping[str, Any], group_id: int | None) -> Iterable[dict]:
    return [g for g in data["groups"] if group_id is None or g["group_id"] == group_id]


def _num(value: Any) -> Any:
    return "" if value is None else value


def boundary_lines(data: Mapping[str, Any], group_id: int | None) -> list[str]:
    """One title line per tie across the last prize slot: the rule applied and who is out."""
    lines = []
    for group in _groups(data, group_id):
        b = group.get("boundary")
        if not b:
            continue
        line = f"Đồng hạng ở suất giải cuối — khối {group['name']}: {b['note']}"
        if b["out"]:
            line += " Không được giải: " + ", ".join(
                f"{p['name']} (mã đăng ký {p['registration_id']})" for p in b["out"]) + "."
        lines.append(line)
    return lines


def _seconds(row: Mapping[str, Any]) -> Any:
    """The attempt's time in seconds as a number (one decimal), "" when there is none."""
    seconds = row.get("time_seconds")
    return "" if seconds is None else round(float(seconds), 1)


def winners(data: Mapping[str, Any], group_id: int | None, titles: list[str]) -> Sheet:
    rows, n = [], 0
    for group in _groups(data, group_id):
        for r in group["rows"]:
            if r["prize"]:
                n += 1
                rows.append([n, r["name"], r["date_of_birth"], r["unit"], group["name"],
                             r["prize_label"], r["score"], _seconds(r),
                             _num(r["prediction"]), r["deciding"], r.get("prize_note", "")])
    return Sheet("Danh sách đạt giải", [*titles, *boundary_lines(data, group_id)],
                 WINNER_HEADERS, rows, [6, 28, 12, 36, 18, 18, 8, 16, 10, 60, 40],
                 DURATION_FORMATS)


def results(data: Mapping[str, Any], group_id: int | None, titles: list[str]) -> Sheet:
    rows = [[r["rank"], r["name"], r["date_of_birth"], r["unit"], group["name"], r["phone"],
             r["id_number"], r["score"], r["max_score"], _seconds(r), _num(r["prediction"]),
             _num(r["prediction_error"]), r["submitted_at"], r["attempt_count"],
             r["prize_label"]]
            for group in _groups(data, group_id) for r in group["rows"]]
    return Sheet("Kết quả", titles, RESULT_HEADERS, rows, number_formats=DURATION_FORMATS)


def units(data: Mapping[str, Any], titles: list[str]) -> Sheet:
    rows = [[u["block"], _num(u["rank"]), u["unit"], u["headcount"], u["entrants"],
             _num(u["rate"]), u["attempts"], _num(u["average_score"]), u["full_marks"],
             _num(u["points"]), u["prize_label"], _num(u.get("winners")), u.get("why", ""),
             u.get("prize_note", "")]
            for u in data["units"]]
    return Sheet("Đơn vị", titles, UNIT_HEADERS, rows)


def bulletin(data: Mapping[str, Any], titles: list[str]) -> Sheet:
    b = data["bulletin"]
    rows: list[list[Any]] = [["Phổ điểm (lượt thi)", BAND_LABELS[k], v]
                             for k, v in b["bands"].items()]
    rows += [["Số lượt thi theo khối thi", g["group"], g["attempts"]]
             for g in b["attempts_per_group"]]
    rows.append(["Đơn vị đạt 100% biên chế tham gia", "Số đơn vị", len(b["full_units"])])
    rows += [["Đơn vị đạt 100% biên chế tham gia", name, "100%"] for name in b["full_units"]]
    rows += [["Đơn vị có tỷ lệ tham gia thấp nhất", u["unit"],
              f"{u['rate']:g}% ({u['entrants']}/{u['headcount']})"] for u in b["lowest_units"]]
    return Sheet("Bản tin", titles, BULLETIN_HEADERS, rows, [36, 48, 20])


def referrals(data: Mapping[str, Any], titles: list[str]) -> Sheet:
    """The referral leaderboard frozen in the snapshot (older snapshots have none)."""
    rows = [[r["rank"], r["name"], r["unit"], r["counted"], r["flagged"], r["waiting"],
             r["prize_label"]] for r in data.get("referrals", [])]
    return Sheet("Lan tỏa", titles, REFERRAL_HEADERS, rows, [6, 28, 36, 14, 14, 14, 28])


def verification(data: Mapping[str, Any], group_id: int | None, titles: list[str],
                 accounts: Mapping[int, tuple[str, str]]) -> Sheet:
    """Winners with their full phone and CCCD from ``accounts`` (registration id -> pair)."""
    rows, n = [], 0
    for group in _groups(data, group_id):
        for r in group["rows"]:
            if r["prize"]:
                n += 1
                phone, id_number = accounts.get(r["registration_id"], ("", ""))
                rows.append([n, r["name"], r["date_of_birth"], r["unit"], group["name"],
                             r["prize_label"], phone, id_number])
    return Sheet("Đối chiếu", titles, VERIFY_HEADERS, rows, [6, 28, 12, 36, 18, 18, 14, 16])


def _action_name(action: str) -> str:
    """The Vietnamese name of an audit action (the exported log is an official document)."""
    return AuditAction(action).vietnamese if action in AuditAction.values() else action


def audit_log(entries: list[AuditEntry], titles: list[str]) -> Sheet:
    """The log in words, in Vietnamese (contest.audit.describe), as the page shows it."""
    described = describe(entries, vietnamese)
    rows = []
    for e in entries:
        rows.append([vn_time(e.at, "%H:%M:%S %d/%m/%Y"), e.actor.full_name if e.actor else
                     "Hệ thống", e.actor.role if e.actor else "", _action_name(e.action),
                     described[e.id].target, _num(e.target_id), e.reason,
                     described[e.id].details])
    return Sheet("Nhật ký", titles, AUDIT_HEADERS, rows, [20, 26, 12, 30, 18, 12, 50, 50])
