"""The audit log in words: what each entry's target is ("đợt thi «Tuần 1» — Cuộc thi X") and
what its details say ("Giờ đóng: 20:00 07/12/2026 → 21:00 07/12/2026"), in the reader's
language for the page, in Vietnamese for the exported log (an official document).

``describe(entries, translate)`` loads the names of every target of a page of entries at once
(one query per kind of target), so a page of 50 entries costs a handful of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext

from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.i18n import vn_time
from contest.vocabulary import (
    N_,
    AttemptPolicy,
    CollectiveFormula,
    ContestStatus,
    Counting,
    PredictionKind,
    RegistrationField,
    ReviewPolicy,
    TieBreakKey,
)

Translate = Callable[[str], str]

KINDS = {
    "Contest": N_("cuộc thi"), "Round": N_("đợt thi"), "EntrantGroup": N_("khối thí sinh"),
    "Registration": N_("thí sinh"), "Unit": N_("đơn vị"), "Certificate": N_("giấy chứng nhận"),
    "ResultSnapshot": N_("kết quả công bố"), "UnitManager": N_("quyền theo dõi đơn vị"),
    "Bank": N_("ngân hàng câu hỏi"), "User": N_("tài khoản"),
}

# Detail keys shown in words (others are technical and stay out of the description).
FIELDS = {
    "title": N_("Tên"), "name": N_("Tên"), "banks": N_("Ngân hàng câu hỏi"),
    "opens_at": N_("Giờ mở"), "closes_at": N_("Giờ đóng"),
    "time_limit_minutes": N_("Thời gian làm bài (phút)"), "question_count": N_("Số câu"),
    "attempt_policy": N_("Số lượt thi"), "max_attempts": N_("Số lượt tối đa"),
    "counting": N_("Lượt được tính"), "prediction_kind": N_("Câu dự đoán"),
    "review_policy": N_("Xem lại bài"), "tie_breaks": N_("Thứ tự xét hạng"),
    "collective_formula": N_("Cách xếp hạng tập thể"), "collective_min_rate": N_("Tỷ lệ tối thiểu"),
    "required_fields": N_("Thông tin bắt buộc"), "prize_counts": N_("Số giải"),
    "recipe": N_("Cơ cấu đề"), "shuffle_options": N_("Đảo phương án"),
    "plan_reference": N_("Kế hoạch"), "decision_reference": N_("Quyết định"),
    "rules_text": N_("Thể lệ"), "status": N_("Trạng thái"), "truth": N_("Đáp án dự đoán"),
    "entrants": N_("Số thí sinh"), "attempts": N_("Số lượt thi"),
    "full_marks": N_("Số bài điểm tối đa"),
    "kind": N_("Loại"), "format": N_("Định dạng"), "rows": N_("Số dòng"),
    "version": N_("Phiên bản"), "prize": N_("Giải"), "code": N_("Mã"), "sheet": N_("Trang tính"),
    "created": N_("Tạo mới"), "updated": N_("Cập nhật"), "unchanged": N_("Không đổi"),
    "bank": N_("Ngân hàng"), "new": N_("Câu mới"), "duplicates": N_("Câu trùng"),
    "filename": N_("Tệp"), "previous_reason": N_("Lý do trước đó"),
}
# An entrant's record as an edit's before/after names it (ids stay ids: the record says which).
RECORD_FIELDS = {"group_id": N_("Khối thí sinh"), "unit_id": N_("Đơn vị")}
VALUE_LABELS: dict[str, Any] = {
    "kind": PredictionKind,
    "attempt_policy": AttemptPolicy, "counting": Counting, "prediction_kind": PredictionKind,
    "review_policy": ReviewPolicy, "collective_formula": CollectiveFormula,
    "tie_breaks": TieBreakKey, "status": ContestStatus, "before": ContestStatus,
    "after": ContestStatus,
}


@dataclass(frozen=True)
class Described:
    target: str
    details: str


def _names(entries: Iterable[AuditEntry]) -> dict[tuple[str, int], str]:
    """Display names of every target, one query per kind."""
    from contest.accounts.models import User
    from contest.certificates.models import Certificate
    from contest.contests.models import Contest, EntrantGroup, Registration, Round
    from contest.reports.models import UnitManager
    from contest.results.models import ResultSnapshot
    from contest.units.models import Unit
    from question_bank.models import Bank

    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.target_type and entry.target_id is not None:
            wanted[entry.target_type].add(entry.target_id)
    queries: dict[str, Callable[[set[int]], sa.Select]] = {
        "Contest": lambda ids: sa.select(Contest.id, Contest.title).where(Contest.id.in_(ids)),
        "Round": lambda ids: sa.select(Round.id, Round.name + " — " + Contest.title)
        .join(Contest, Contest.id == Round.contest_id).where(Round.id.in_(ids)),
        "EntrantGroup": lambda ids: sa.select(EntrantGroup.id, EntrantGroup.name)
        .where(EntrantGroup.id.in_(ids)),
        "Registration": lambda ids: sa.select(Registration.id, User.full_name)
        .join(User, User.id == Registration.user_id).where(Registration.id.in_(ids)),
        "Unit": lambda ids: sa.select(Unit.id, Unit.name).where(Unit.id.in_(ids)),
        "Certificate": lambda ids: sa.select(Certificate.id, Certificate.holder_name + " — "
                                             + Certificate.prize)
        .where(Certificate.id.in_(ids)),
        "ResultSnapshot": lambda ids: sa.select(ResultSnapshot.id, Round.name)
        .join(Round, Round.id == ResultSnapshot.round_id).where(ResultSnapshot.id.in_(ids)),
        "UnitManager": lambda ids: sa.select(UnitManager.id, User.full_name)
        .join(User, User.id == UnitManager.user_id).where(UnitManager.id.in_(ids)),
        "Bank": lambda ids: sa.select(Bank.id, Bank.name).where(Bank.id.in_(ids)),
        "User": lambda ids: sa.select(User.id, User.full_name).where(User.id.in_(ids)),
    }
    names: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        if kind in queries:
            for target_id, name in db.session.execute(queries[kind](ids)):
                names[(kind, target_id)] = name
    return names


def _value(key: str, value: Any, translate: Translate) -> str:
    if value is None or value == "" or value == []:
        return "—"
    enum = VALUE_LABELS.get(key)
    if isinstance(value, list):
        return ", ".join(_value(key, v, translate) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(key, v, translate)}" for k, v in value.items())
    if enum is not None and value in enum.values():
        return translate(enum(value).vietnamese)
    if isinstance(value, bool):
        return translate(N_("có")) if value else translate(N_("không"))
    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and "T" in value:
        try:
            return vn_time(datetime.fromisoformat(value))
        except ValueError:
            return value
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def details_text(entry: AuditEntry, translate: Translate) -> str:
    """The entry's details in words: each change as "Field: old → new", then named values."""
    details = dict(entry.details or {})
    parts = []
    for key, (old, new) in (details.pop("changes", None) or {}).items():
        label = translate(FIELDS[key]) if key in FIELDS else key
        parts.append(f"{label}: {_value(key, old, translate)} → {_value(key, new, translate)}")
    before, after = details.get("before"), details.get("after")
    if isinstance(before, dict) and isinstance(after, dict):  # an entrant's data, as recorded:
        details.pop("before"), details.pop("after")  # phone, CCCD and birth date masked
        for key in [k for k in {**before, **after} if before.get(k) != after.get(k)]:
            label = (translate(RECORD_FIELDS[key]) if key in RECORD_FIELDS else
                     translate(FIELDS[key]) if key in FIELDS else
                     RegistrationField(key).label if key in RegistrationField.values() else key)
            parts.append(f"{label}: {_value(key, before.get(key), translate)} → "
                         f"{_value(key, after.get(key), translate)}")
    elif "before" in details and "after" in details:
        parts.append(f"{_value('before', details.pop('before'), translate)} → "
                     f"{_value('after', details.pop('after'), translate)}")
    for key, value in details.items():
        if key in FIELDS:
            parts.append(f"{translate(FIELDS[key])}: {_value(key, value, translate)}")
    return "; ".join(parts)


def target_text(entry: AuditEntry, names: dict[tuple[str, int], str],
                translate: Translate) -> str:
    if not entry.target_type:
        return ""
    kind = translate(KINDS[entry.target_type]) if entry.target_type in KINDS else \
        entry.target_type
    name = names.get((entry.target_type, entry.target_id or 0))
    if name:
        return f"{kind} «{name}»"
    return f"{kind} #{entry.target_id}" if entry.target_id else kind


def describe(entries: list[AuditEntry], translate: Translate = gettext) -> dict[int, Described]:
    """Every entry's target and details in words, by entry id."""
    names = _names(entries)
    return {e.id: Described(target_text(e, names, translate), details_text(e, translate))
            for e in entries}


def vietnamese(text: str) -> str:
    """The identity: for the exported log, which stays in Vietnamese."""
    return text
