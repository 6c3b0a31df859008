"""The contest's vocabulary: every setting's values, their labels and the defaults, in one home.

No database and no Flask here (only Flask-Babel's lazy gettext), so models, forms, services,
ranking, exports and the demo all read the same names. Each concept is a ``StrEnum``: a member
*is* its stored string (``AttemptStatus.SUBMITTED == "submitted"``), the database check of its
column is derived from the members (``contest.extensions.enum_column``), and it carries:

- ``member.vietnamese``: the Vietnamese name as data (frozen into snapshots, exports, PDFs);
- ``member.label``: the same name in the reader's language (through Babel), for pages;
  ``member.caption`` is its lazy form and ``Enum.choices()`` the (value, caption) pairs.

Names are marked with ``N_`` (Babel's "translate later" keyword) so they are extracted into the
catalogue while staying plain Vietnamese until a page asks for ``label``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark ``text`` for the catalogue without translating it now."""
    return text


class Labelled(enum.StrEnum):
    """A ``StrEnum`` whose members are declared as ``VALUE = "value", N_("Vietnamese name")``."""

    vietnamese: str

    def __new__(cls, value: str, vietnamese: str = "") -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.vietnamese = vietnamese
        return member

    @property
    def label(self) -> str:
        """The name in the reader's language."""
        return _(self.vietnamese)

    @property
    def caption(self) -> Any:
        """The name in the reader's language, lazily (for forms built at import time)."""
        return _l(self.vietnamese)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        """(value, lazy label) pairs in declaration order, for select fields."""
        return [(member.value, member.caption) for member in cls]

    @classmethod
    def label_of(cls, value: str) -> str:
        """The label of a stored value; an unknown value is shown as it is."""
        return cls(value).label if value in cls.values() else value


# --- Attempts -----------------------------------------------------------------------------

class AttemptStatus(Labelled):
    OPEN = "open", N_("Đang làm bài")
    SUBMITTED = "submitted", N_("Đã nộp bài")  # the entrant submitted
    EXPIRED = "expired", N_("Hết giờ (đã chốt bài)")  # finalised as it was at the deadline


# An attempt that counts: submitted by the entrant or finalised at its deadline.
FINISHED: frozenset[AttemptStatus] = frozenset({AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED})
FINISHED_VALUES: tuple[str, ...] = tuple(s.value for s in AttemptStatus if s in FINISHED)


# --- Contests and rounds ------------------------------------------------------------------

class ContestStatus(Labelled):
    DRAFT = "draft", N_("Bản nháp")
    PUBLISHED = "published", N_("Đã công bố")
    CLOSED = "closed", N_("Đã kết thúc")


class RoundStatus(Labelled):
    """Derived from a round's times, never stored."""

    UPCOMING = "upcoming", N_("Sắp mở")
    OPEN = "open", N_("Đang mở")
    CLOSED = "closed", N_("Đã đóng")


class AttemptPolicy(Labelled):
    ONE_PER_ROUND = "one_per_round", N_("1 lượt mỗi đợt")
    ONE_PER_CONTEST = "one_per_contest", N_("1 lượt cho cả cuộc thi")
    MAX_PER_ROUND = "max_per_round", N_("Tối đa N lượt mỗi đợt")
    UNLIMITED = "unlimited", N_("Không giới hạn")


class Counting(Labelled):
    """Which of an entrant's attempts in a round counts."""

    BEST = "best", N_("Lượt cao điểm nhất")
    FIRST = "first", N_("Lượt đầu tiên")
    LAST = "last", N_("Lượt cuối cùng")


class PredictionKind(Labelled):
    NONE = "none", N_("Không có câu dự đoán")
    FULL_MARKS_COUNT = "full_marks_count", N_("Số thí sinh trả lời đúng tất cả")
    ENTRANT_COUNT = "entrant_count", N_("Tổng số thí sinh dự thi trong đợt")
    ATTEMPT_COUNT = "attempt_count", N_("Tổng số lượt thi trong đợt")
    FULL_MARKS_PERCENT = "full_marks_percent", N_("Tỷ lệ % thí sinh trả lời đúng tất cả")

    @property
    def default_prompt(self) -> str:
        """The question shown to entrants when the organiser writes none (always Vietnamese:
        it is stored in the round and shown to every entrant)."""
        return DEFAULT_PREDICTION_PROMPTS.get(self, "")


DEFAULT_PREDICTION_PROMPTS = {
    PredictionKind.FULL_MARKS_COUNT: "Theo bạn, đợt thi này có bao nhiêu thí sinh trả lời đúng "
                                     "tất cả các câu hỏi?",
    PredictionKind.ENTRANT_COUNT: "Theo bạn, đợt thi này có bao nhiêu thí sinh tham gia?",
    PredictionKind.ATTEMPT_COUNT: "Theo bạn, đợt thi này có bao nhiêu lượt thi?",
    PredictionKind.FULL_MARKS_PERCENT: "Theo bạn, bao nhiêu phần trăm thí sinh trả lời đúng tất "
                                       "cả các câu hỏi?",
}


class ReviewPolicy(Labelled):
    NEVER = "never", N_("Không cho xem lại")
    AFTER_SUBMIT = "after_submit", N_("Ngay sau khi nộp bài")
    AFTER_CLOSE = "after_close", N_("Sau khi đợt thi đóng")


# --- Ranking ------------------------------------------------------------------------------

class TieBreakKey(Labelled):
    """Keys of a contest's tie-break chain (contest.ranking.tiebreak knows how to read each)."""

    SCORE = "score", N_("Điểm cao hơn")
    PREDICTION_ERROR = "prediction_error", N_("Dự đoán sát hơn")
    TIME_TAKEN = "time_taken", N_("Thời gian làm bài ngắn hơn")
    SUBMITTED_AT = "submitted_at", N_("Nộp bài sớm hơn")
    ATTEMPT_COUNT = "attempt_count", N_("Ít lượt thi hơn")
    REGISTERED_AT = "registered_at", N_("Đăng ký sớm hơn")


def tie_break_problems(keys: Iterable[str], *, strict: bool = True) -> list[str]:
    """Why a tie-break chain is unusable: unknown keys; when ``strict`` (a contest's setting)
    also an empty chain or a repeated key (ranking itself drops repeats)."""
    keys = list(keys)
    problems = []
    if strict and not keys:
        problems.append(_("Cần ít nhất một tiêu chí xếp hạng."))
    problems += [_("Tiêu chí xếp hạng không hợp lệ: “%(key)s”.", key=key)
                 for key in keys if key not in TieBreakKey.values()]
    if strict and len(set(keys)) != len(keys):
        problems.append(_("Mỗi tiêu chí xếp hạng chỉ được chọn một lần."))
    return problems


class CollectiveFormula(Labelled):
    """How units are ranked (the rules: contest.ranking.collective)."""

    RATE_THEN_AVERAGE = "rate_then_average", N_("Tỷ lệ tham gia, rồi điểm trung bình")
    POINTS = "points", N_("Tính điểm theo nhiều tiêu chí")
    MOST_ENTRANTS = "most_entrants", N_("Nhiều thí sinh nhất")
    FULL_STAFF_AND_WINNER = "full_staff_winner", N_("100% biên chế tham gia và có người đạt giải")


class UnitCriterion(Labelled):
    """Figures of a unit the points formula can weigh (``UnitStats`` attributes)."""

    ENTRANTS = "entrants", N_("Số người dự thi")
    SCORE_TOTAL = "score_total", N_("Tổng điểm")
    ATTEMPTS = "attempts", N_("Số lượt thi")
    RATE = "rate", N_("Tỷ lệ tham gia")
    AVERAGE_SCORE = "average_score", N_("Điểm trung bình")
    FULL_MARKS = "full_marks", N_("Số bài đạt điểm tối đa")
    WINNERS = "winners", N_("Số người đạt giải")


class PrizeTieRule(Labelled):
    """What happens when entrants tied on every key straddle the last prize slot."""

    CUT = "cut", N_("Cắt theo khóa cuối (mã đăng ký): giải theo đúng cơ cấu")
    SHARE = "share", N_("Tất cả người đồng hạng cùng nhận giải")


class PrizeTier(Labelled):
    """Prizes, best first. ``vietnamese`` is data: frozen into snapshots and certificates."""

    NHAT = "nhat", N_("Giải Nhất")
    NHI = "nhi", N_("Giải Nhì")
    BA = "ba", N_("Giải Ba")
    KHUYEN_KHICH = "khuyen_khich", N_("Giải Khuyến khích")


class CertificateLayout(Labelled):
    """The two certificate layouts an organiser chooses between (per contest)."""

    LANDSCAPE = "landscape", N_("Khổ ngang, viền trang trí (giấy chứng nhận)")
    PORTRAIT = "portrait", N_("Khổ dọc, tên cơ quan và quốc hiệu ở đầu trang (giấy khen)")


# --- Registration -------------------------------------------------------------------------

class RegistrationField(Labelled):
    """What an entrant may be asked at registration, in display order."""

    FULL_NAME = "full_name", N_("Họ và tên")
    PHONE = "phone", N_("Số điện thoại")
    DATE_OF_BIRTH = "date_of_birth", N_("Ngày sinh")
    ID_NUMBER = "id_number", N_("Số CCCD")
    EMAIL = "email", N_("Email")
    GENDER = "gender", N_("Giới tính")
    ADDRESS = "address", N_("Địa chỉ")


class DisqualifyScope(Labelled):
    """How far a judge's disqualification reaches."""

    ROUND = "round", N_("Chỉ đợt thi này")
    CONTEST = "contest", N_("Toàn bộ cuộc thi")


# The name is on every certificate and the phone is the login.
ALWAYS_REQUIRED = (RegistrationField.FULL_NAME, RegistrationField.PHONE)


# --- Audit --------------------------------------------------------------------------------

class AuditAction(Labelled):
    """Every action the audit log records (contest.audit.services.record)."""

    CONTEST_CREATE = "contest.create", N_("Tạo cuộc thi")
    CONTEST_UPDATE = "contest.update", N_("Sửa cuộc thi")
    CONTEST_PUBLISHED = "contest.published", N_("Công bố cuộc thi")
    CONTEST_CLOSED = "contest.closed", N_("Kết thúc cuộc thi")
    GROUP_CREATE = "group.create", N_("Thêm khối thí sinh")
    GROUP_UPDATE = "group.update", N_("Sửa khối thí sinh")
    ROUND_CREATE = "round.create", N_("Tạo đợt thi")
    ROUND_UPDATE = "round.update", N_("Sửa đợt thi")
    ROUND_EXTEND = "round.extend", N_("Gia hạn đợt thi")
    ROUND_PREDICTION_TRUTH = "round.prediction_truth", N_("Chốt đáp án câu dự đoán")
    ROUND_PREDICTION_CORRECT = "round.prediction_correct", N_("Sửa đáp án câu dự đoán")
    ROUND_CLOSE_OUT = "round.close_out", N_("Chốt đợt thi (đóng các bài đang làm)")
    ROUND_SHORTEN = "round.shorten", N_("Đóng sớm đợt thi")
    REGISTRATION_EDIT = "registration.edit", N_("Sửa thông tin thí sinh")
    REGISTRATION_DISQUALIFY = "registration.disqualify", N_("Loại thí sinh")
    REGISTRATION_REINSTATE = "registration.reinstate", N_("Khôi phục thí sinh")
    RESULTS_CONFIRM = "results.confirm", N_("Xác nhận kết quả")
    RESULTS_PUBLISH = "results.publish", N_("Công bố kết quả")
    RESULTS_REPUBLISH = "results.republish", N_("Công bố lại kết quả")
    EXPORT_FILE = "export.file", N_("Xuất tệp")
    OVERALL_CONFIRM = "overall.confirm", N_("Xác nhận kết quả chung cuộc")
    OVERALL_PUBLISH = "overall.publish", N_("Công bố kết quả chung cuộc")
    OVERALL_REPUBLISH = "overall.republish", N_("Công bố lại kết quả chung cuộc")
    EXPORT_VERIFICATION = "export.verification", N_("Xuất danh sách đối chiếu (không che)")
    BANK_IMPORT = "bank.import", N_("Nhập câu hỏi vào ngân hàng")
    PERSONAL_DATA_VIEW = "personal_data.view", N_("Xem dữ liệu cá nhân không che")
    PASSWORD_RESET = "account.password_reset", N_("Đặt lại mật khẩu tài khoản")
    ACCOUNT_DEACTIVATE = "account.deactivate", N_("Khoá tài khoản")
    EXPORT_REGISTRATIONS = "export.registrations", N_("Xuất danh sách thí sinh (không che)")
    CERTIFICATE_ISSUE = "certificate.issue", N_("Cấp giấy chứng nhận")
    CERTIFICATE_REVOKE = "certificate.revoke", N_("Thu hồi giấy chứng nhận")
    UNITS_IMPORT = "units.import", N_("Nhập danh sách đơn vị")
    UNITS_CREATE = "units.create", N_("Thêm đơn vị")
    UNITS_UPDATE = "units.update", N_("Sửa đơn vị")
    UNIT_MANAGER_GRANT = "unit_manager.grant", N_("Giao quyền quản lý đơn vị")
    UNIT_MANAGER_REVOKE = "unit_manager.revoke", N_("Thu hồi quyền quản lý đơn vị")
    CONTEST_UNITS = "contest.units", N_("Chọn đơn vị tham gia cuộc thi")
    GROUP_TARGETS = "group.targets", N_("Đặt chỉ tiêu tham gia của đơn vị")
    ROUND_GROUP_RECIPE = "round.group_recipe", N_("Đặt cơ cấu đề riêng cho khối thí sinh")


# --- Defaults -----------------------------------------------------------------------------

def _frozen(mapping: dict[str, int]) -> MappingProxyType[str, int]:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class Defaults:
    """The value every new contest, round and entrant group starts with."""

    time_limit_minutes: int = 20
    question_count: int = 20
    max_attempts: int = 1
    attempt_policy: AttemptPolicy = AttemptPolicy.ONE_PER_ROUND
    counting: Counting = Counting.BEST
    prediction_kind: PredictionKind = PredictionKind.NONE
    review_policy: ReviewPolicy = ReviewPolicy.AFTER_CLOSE
    required_fields: tuple[RegistrationField, ...] = (
        RegistrationField.FULL_NAME, RegistrationField.PHONE, RegistrationField.DATE_OF_BIRTH)
    tie_breaks: tuple[TieBreakKey, ...] = (
        TieBreakKey.SCORE, TieBreakKey.PREDICTION_ERROR, TieBreakKey.SUBMITTED_AT)
    # The overall ranking across a contest's rounds: total score, total time, total attempts.
    overall_tie_breaks: tuple[TieBreakKey, ...] = (
        TieBreakKey.SCORE, TieBreakKey.TIME_TAKEN, TieBreakKey.ATTEMPT_COUNT)
    collective_formula: CollectiveFormula = CollectiveFormula.RATE_THEN_AVERAGE
    collective_min_rate: float = 0.5
    # Points formula: weight of each criterion (0 = not used).
    collective_weights: MappingProxyType[str, float] = field(
        default_factory=lambda: MappingProxyType(
            {"entrants": 1.0, "score_total": 1.0, "attempts": 1.0}))
    # Prize rules: none of the optional limits; a tie at the last slot is cut by the final key.
    prize_min_score: float | None = None  # share of the max score needed for any prize
    prize_max_share: float | None = None  # at most this share of the ranked entrants win
    prize_once_per_contest: bool = False
    prize_tie_rule: PrizeTieRule = PrizeTieRule.CUT
    # Predictions and truths carry at most this many decimals (a percentage: 45.38), so
    # prediction errors are exact decimals and equal distances from the truth are equal.
    prediction_decimals: int = 2
    # Prizes per entrant group and round, and per unit block (collective ranking).
    prize_counts: MappingProxyType[str, int] = field(default_factory=lambda: _frozen(
        {"nhat": 1, "nhi": 2, "ba": 3, "khuyen_khich": 5}))
    unit_prize_counts: MappingProxyType[str, int] = field(default_factory=lambda: _frozen(
        {"nhat": 1, "nhi": 1, "ba": 1, "khuyen_khich": 0}))
    certificate_layout: CertificateLayout = CertificateLayout.LANDSCAPE


DEFAULTS = Defaults()
