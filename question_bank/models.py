"""Questions, their options, the banks they belong to and the six reform areas."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, db, enum_column, utcnow

# Nghị quyết 76/NQ-CP: every question belongs to exactly one of these, in this order.
REFORM_AREAS: tuple[str, ...] = (
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
)


class Difficulty(enum.IntEnum):
    EASY = 1
    MEDIUM = 2
    HARD = 3

    @property
    def label(self) -> str:
        """The name shown in the UI, in the current language."""
        return str(DIFFICULTY_NAMES[self])


# Written in exported workbooks and recognised by the importer: data, always Vietnamese.
DIFFICULTY_LABELS: dict[int, str] = {Difficulty.EASY: "Dễ", Difficulty.MEDIUM: "Trung bình",
                                     Difficulty.HARD: "Khó"}
# The same names for pages and forms, in the current language.
DIFFICULTY_NAMES = {Difficulty.EASY: _l("Dễ"), Difficulty.MEDIUM: _l("Trung bình"),
                    Difficulty.HARD: _l("Khó")}


class QuestionStatus(enum.StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


class OptionOrder(enum.StrEnum):
    """How a question's options are kept in place when a round shuffles them."""

    AUTO = "auto"  # options that name others (and those they name) found by meaning, + ticks
    MANUAL = "manual"  # exactly the options the organiser ticked
    FIXED = "fixed"  # never shuffled

    @property
    def label(self) -> str:
        return str(OPTION_ORDER_NAMES[self])


OPTION_ORDER_NAMES = {
    OptionOrder.AUTO: _l("Tự nhận theo nội dung (và các ô đã đánh dấu)"),
    OptionOrder.MANUAL: _l("Chỉ giữ các phương án đã đánh dấu"),
    OptionOrder.FIXED: _l("Giữ nguyên thứ tự, không trộn"),
}
MAX_TOPIC = 200


class ReformArea(Model):
    """One of the six reform areas; rows are created by the first migration."""

    __tablename__ = "reform_area"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    position: Mapped[int] = mapped_column(unique=True)


question_bank_link = sa.Table(
    "question_bank_link",
    db.metadata,
    sa.Column("question_id", sa.ForeignKey("question.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("bank_id", sa.ForeignKey("bank.id", ondelete="CASCADE"), primary_key=True),
)


class Bank(Model):
    """A named set of questions, e.g. "CBCCVC 2025" or "Người dân 2025"."""

    __tablename__ = "bank"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list[Question]] = relationship(
        secondary=question_bank_link, back_populates="banks"
    )


class Question(Model):
    """A multiple-choice question. Attempts copy what they show, so edits never change them."""

    __tablename__ = "question"
    __table_args__ = (
        sa.CheckConstraint("difficulty BETWEEN 1 AND 3", name="difficulty_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    text: Mapped[str] = mapped_column(sa.Text)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("reform_area.id"), index=True)
    difficulty: Mapped[int] = mapped_column(default=Difficulty.MEDIUM)
    explanation: Mapped[str] = mapped_column(sa.Text, default="")
    legal_basis: Mapped[str] = mapped_column(sa.String(500), default="")
    status: Mapped[str] = enum_column(QuestionStatus, "status", default=QuestionStatus.ACTIVE,
                                      length=10, index=True)
    option_order: Mapped[str] = enum_column(OptionOrder, "option_order",
                                            default=OptionOrder.AUTO, length=10)
    # The file's own category when it is not a reform area ("Hạng mục"), for filters and recipes.
    topic: Mapped[str] = mapped_column(sa.String(MAX_TOPIC), default="")
    # Normalised text + options, for duplicate detection across imports.
    fingerprint: Mapped[str] = mapped_column(sa.String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    area: Mapped[ReformArea] = relationship()
    options: Mapped[list[QuestionOption]] = relationship(
        back_populates="question",
        order_by="QuestionOption.position",
        cascade="all, delete-orphan",
    )
    banks: Mapped[list[Bank]] = relationship(
        secondary=question_bank_link, back_populates="questions"
    )

    @property
    def correct_positions(self) -> list[int]:
        return [o.position for o in self.options if o.is_correct]


class QuestionOption(Model):
    """One option; ``keep_in_place`` stops shuffling ("Cả A, B, C đều đúng")."""

    __tablename__ = "question_option"
    __table_args__ = (sa.UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"))
    position: Mapped[int]  # 0 = A, 1 = B ...
    text: Mapped[str] = mapped_column(sa.Text)
    is_correct: Mapped[bool] = mapped_column(default=False)
    keep_in_place: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="options")

    @property
    def letter(self) -> str:
        return "ABCDEF"[self.position]
