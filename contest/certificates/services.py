"""Issue, find and revoke certificates. Services flush; callers commit."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.services import find_by_login
from contest.audit.services import record
from contest.certificates.models import CODE_LENGTH, Certificate
from contest.contests.models import Registration, Round
from contest.errors import DomainError
from contest.extensions import db, utcnow
from contest.results.services import current
from contest.vocabulary import AuditAction

# No 0/O, 1/I/L: codes are read aloud and typed from paper. 31 symbols x 16: about 79 bits.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_SEPARATORS = re.compile(r"[\s\-_.]")
# Stored on the certificate and shown on its public page: part of the official record, so it
# stays Vietnamese whatever language the organiser uses.
REISSUE_REASON = "Cấp lại do đổi giải thành {prize}."


class CertificateError(DomainError):
    """A domain error with a message for the user (in the request's language)."""


@dataclass(frozen=True)
class Winner:
    """Someone to certify: who, for which prize, in which round (None = the whole contest)."""

    registration_id: int
    full_name: str
    unit_name: str
    prize: str
    round_name: str = ""
    round_id: int | None = None
    category: str = ""  # "referrals" for a referral prize (lan tỏa)


def new_code() -> str:
    """A random code from an unambiguous alphabet (about 79 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Accept "abcd-efgh ijkm npqr" as typed from paper."""
    return _SEPARATORS.sub("", raw or "").upper()


def find_by_code(raw: str) -> Certificate | None:
    """The certificate with this code, or None (also for malformed codes)."""
    code = normalise_code(raw)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return db.session.scalar(sa.select(Certificate).where(Certificate.code == code))


def active_for(registration_id: int, round_id: int | None,
               category: str = "") -> Certificate | None:
    """The valid certificate of an entrant for a round (or for the whole contest) in a
    category ("" individual prizes, "referrals" referral prizes)."""
    round_match = (Certificate.round_id.is_(None) if round_id is None
                   else Certificate.round_id == round_id)
    return db.session.scalar(sa.select(Certificate).where(
        Certificate.registration_id == registration_id, round_match,
        Certificate.category == category, Certificate.revoked_at.is_(None)))


def issue(winners: list[Winner], issued_by_id: int | None) -> list[Certificate]:
    """Certify each winner once per round; a changed prize revokes the old certificate."""
    issued = []
    for winner in winners:
        if not winner.prize.strip():
            raise CertificateError(_("Chưa có tên giải cho %(name)s.", name=winner.full_name))
        registration = db.session.get(Registration, winner.registration_id)
        if registration is None:
            raise CertificateError(_("Không tìm thấy đăng ký số %(number)s.",
                                     number=winner.registration_id))
        current = active_for(winner.registration_id, winner.round_id, winner.category)
        if current is not None and current.prize == winner.prize.strip():
            issued.append(current)
            continue
        if current is not None:
            revoke(current, issued_by_id, REISSUE_REASON.format(prize=winner.prize.strip()))
        cert = Certificate(
            code=_unused_code(), registration_id=registration.id, round_id=winner.round_id,
            prize=winner.prize.strip(), holder_name=winner.full_name.strip(),
            unit_name=winner.unit_name.strip(), contest_title=registration.contest.title,
            round_name=winner.round_name.strip(), issued_by_id=issued_by_id,
            category=winner.category)
        db.session.add(cert)
        db.session.flush()
        record(issued_by_id, AuditAction.CERTIFICATE_ISSUE, cert, prize=cert.prize,
               registration_id=registration.id, round_id=winner.round_id)
        issued.append(cert)
    return issued


def issue_by_login(rnd: Round, login: str, prize: str, issued_by_id: int | None) -> Certificate:
    """An organiser certifies the entrant with this phone or email for ``rnd``."""
    user = find_by_login(login)
    registration = user and db.session.scalar(sa.select(Registration).where(
        Registration.contest_id == rnd.contest_id, Registration.user_id == user.id))
    if not registration:
        raise CertificateError(_("Không có thí sinh “%(login)s” đăng ký cuộc thi này.",
                                 login=login.strip()))
    assert user is not None  # a registration was found for this user
    if registration.disqualified:
        raise CertificateError(_("%(name)s đã bị loại khỏi cuộc thi.", name=user.full_name))
    unit = registration.unit.name if registration.unit else ""
    return issue([Winner(registration.id, user.full_name, unit, prize, rnd.name, rnd.id)],
                 issued_by_id)[0]


def winners_from_results(rnd: Round) -> list[Winner] | None:
    """Prize winners of the round's published results; None if nothing is published."""
    snapshot = current(rnd)
    if snapshot is None:
        return None
    return winners_from_snapshot(snapshot.data, rnd)


def winners_from_snapshot(data: dict, rnd: Round) -> list[Winner]:
    """Read the individual prize winners out of a results snapshot's data."""
    winners = []
    for group in data.get("groups", []):
        for row in group.get("rows", []):
            if row.get("prize_label") and row.get("registration_id"):
                winners.append(Winner(int(row["registration_id"]), row.get("name", ""),
                                      row.get("unit", ""), row["prize_label"], rnd.name, rnd.id))
    for row in data.get("referrals", []):  # referral prizes (lan tỏa), a category of their own
        if row.get("prize_label") and row.get("registration_id"):
            winners.append(Winner(int(row["registration_id"]), row.get("name", ""),
                                  row.get("unit", ""), row["prize_label"], rnd.name, rnd.id,
                                  category="referrals"))
    return winners


def revoke(cert: Certificate, revoked_by_id: int | None, reason: str) -> None:
    """Withdraw a certificate; its code then says so."""
    if cert.revoked_at is not None:
        raise CertificateError(_("Giấy chứng nhận này đã bị thu hồi trước đó."))
    cert.revoked_at = utcnow()
    cert.revoke_reason = reason.strip()
    db.session.flush()
    record(revoked_by_id, AuditAction.CERTIFICATE_REVOKE, cert, reason=cert.revoke_reason)


def round_certificates(round_id: int, valid_only: bool = False) -> list[Certificate]:
    """A round's certificates by prize order of issue, then name."""
    stmt = sa.select(Certificate).where(Certificate.round_id == round_id)
    if valid_only:
        stmt = stmt.where(Certificate.revoked_at.is_(None))
    return list(db.session.scalars(stmt.order_by(Certificate.issued_at, Certificate.id)))


def _unused_code() -> str:
    while True:  # a clash among 31**16 codes is practically impossible; stay correct anyway
        code = new_code()
        if not db.session.scalar(sa.select(Certificate.id).where(Certificate.code == code)):
            return code
