"""Unit managers: grant and revoke the view of a unit, and decide who may see which unit."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.models import User
from contest.accounts.services import find_by_login
from contest.audit.services import record
from contest.errors import DomainError
from contest.extensions import db
from contest.reports.models import UnitManager
from contest.sorting import vi_order
from contest.units.models import Unit
from contest.vocabulary import AuditAction


class ReportError(DomainError):
    """A domain error with a message for the user (in the request's language)."""


def sees_every_unit(user: User) -> bool:
    """Admins, organisers and judges see every unit."""
    return bool(user.is_authenticated and user.is_staff)


def managed_unit_ids(user: User) -> set[int]:
    """Units the user has been granted."""
    if not user.is_authenticated:
        return set()
    return set(db.session.scalars(
        sa.select(UnitManager.unit_id).where(UnitManager.user_id == user.id)))


def can_view_unit(user: User, unit_id: int) -> bool:
    """Staff see all units; anyone else only the units granted to them."""
    return sees_every_unit(user) or unit_id in managed_unit_ids(user)


def grant(login: str, unit_code: str, granted_by: User) -> UnitManager:
    """Let the account with ``login`` watch the unit with ``unit_code``."""
    user = find_by_login(login)
    if user is None:
        raise ReportError(_("Không tìm thấy tài khoản “%(login)s”.", login=login.strip()))
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == unit_code.strip()))
    if unit is None:
        raise ReportError(_("Không có đơn vị mã “%(code)s”.", code=unit_code.strip()))
    exists = db.session.scalar(sa.select(UnitManager).where(
        UnitManager.user_id == user.id, UnitManager.unit_id == unit.id))
    if exists:
        raise ReportError(_("%(name)s đã được giao theo dõi %(unit)s.", name=user.full_name,
                                unit=unit.name))
    link = UnitManager(user_id=user.id, unit_id=unit.id, granted_by_id=granted_by.id)
    db.session.add(link)
    db.session.flush()
    record(granted_by.id, AuditAction.UNIT_MANAGER_GRANT, link, user_id=user.id, unit_id=unit.id)
    return link


def revoke(link_id: int, revoked_by: User) -> None:
    """Withdraw a grant."""
    link = db.session.get(UnitManager, link_id)
    if link is None:
        raise ReportError(_("Quyền theo dõi này không còn tồn tại."))
    record(revoked_by.id, AuditAction.UNIT_MANAGER_REVOKE, link, user_id=link.user_id,
           unit_id=link.unit_id)
    db.session.delete(link)
    db.session.flush()


def list_grants() -> list[UnitManager]:
    """Every grant, by unit then user."""
    return list(db.session.scalars(
        sa.select(UnitManager).join(UnitManager.unit).join(UnitManager.user)
        .order_by(vi_order(Unit.name), vi_order(User.full_name))))
