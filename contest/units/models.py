"""Units (đơn vị) form a tree and belong to a block (khối)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, utcnow

if TYPE_CHECKING:
    from contest.accounts.models import User


class Block(Model):
    """A group of units ranked together for collective prizes, e.g. "Khối xã, phường"."""

    __tablename__ = "block"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)

    units: Mapped[list[Unit]] = relationship(back_populates="block")


class Unit(Model):
    """An agency, commune, public-service unit or school that entrants belong to."""

    __tablename__ = "unit"
    __table_args__ = (sa.CheckConstraint("headcount >= 0", name="headcount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    block_id: Mapped[int | None] = mapped_column(sa.ForeignKey("block.id"), index=True)
    headcount: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")
    block: Mapped[Block | None] = relationship(back_populates="units")
    members: Mapped[list[User]] = relationship(back_populates="unit")

    @property
    def path(self) -> str:
        """Names from the root down, e.g. "UBND tỉnh › Sở Nội vụ"."""
        node: Unit | None
        names, node, seen = [], self, set()
        while node is not None and node.id not in seen:
            seen.add(node.id)
            names.append(node.name)
            node = node.parent
        return " › ".join(reversed(names))
