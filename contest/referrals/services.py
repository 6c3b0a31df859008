"""Share codes and crediting registrations to their referrer. Services flush; views commit."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from contest.contests.models import Registration
from contest.errors import DomainError
from contest.extensions import db
from contest.referrals import rules
from contest.referrals.models import Referral, ShareCode

SESSION_KEY = "gioi-thieu"  # the share code followed, until the visitor registers
DEVICE_COOKIE = "thiet-bi"

CODE_LENGTH = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # read aloud and typed: no 0/o, 1/l/i
_CODE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")


class ReferralError(DomainError):
    """A share link or referral that cannot be used (message in the request's language)."""


def share_code_for(registration: Registration) -> ShareCode:
    """The entrant's share code for the registration's contest, made on first use."""
    existing = db.session.get(ShareCode, registration.id)
    if existing is not None:
        return existing
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not db.session.scalar(sa.select(ShareCode.code).where(ShareCode.code == code)):
            break
    share = ShareCode(registration_id=registration.id, code=code)
    db.session.add(share)
    db.session.flush()
    return share


def find_code(raw: str) -> ShareCode:
    """The share code in a link; a malformed, unknown or tampered code is refused."""
    code = (raw or "").strip().lower()
    share = db.session.scalar(sa.select(ShareCode).where(ShareCode.code == code)) \
        if _CODE.match(code) else None
    if share is None or share.registration.disqualified:
        raise ReferralError(_("Liên kết giới thiệu không hợp lệ (có thể đã bị sửa). Bạn vẫn "
                              "đăng ký được bằng liên kết chung của cuộc thi."), 404)
    return share


def address_hash(address: str) -> str:
    """A keyed hash of the client address: bursts can be seen, the address cannot be read."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest() if address else ""


def credit(registration: Registration, code: str, address: str = "", device: str = ""
           ) -> Referral | None:
    """Credit ``registration`` to the owner of ``code`` if the code is for the same contest and
    the rules allow it (no self-referral, no loop, one credit per registration); else None."""
    try:
        share = find_code(code)
    except ReferralError:
        return None
    referrer = share.registration
    if referrer.contest_id != registration.contest_id or referrer.user_id == registration.user_id:
        return None
    referred_by = {referred: referrer for referred, referrer in db.session.execute(
        sa.select(Referral.referred_id, Referral.referrer_id)
        .where(Referral.contest_id == registration.contest_id))}
    if rules.refusal(referrer.id, registration.id, referred_by) is not None:
        return None
    referral = Referral(contest_id=registration.contest_id, referrer_id=referrer.id,
                        referred_id=registration.id, address_hash=address_hash(address),
                        device=device[:40])
    db.session.add(referral)
    db.session.flush()
    return referral


def accept(referral: Referral) -> None:
    """An organiser decides a flagged referral is genuine: it counts from now on."""
    referral.accepted = True
    db.session.flush()


def credit_from_session(registration: Registration) -> None:
    """Called by the sign-up view once a registration exists: credit the share link this
    visitor followed (kept in the session by ``/gt/<code>``), if any."""
    from flask import request, session

    from contest.proxies import client_address

    code = session.pop(SESSION_KEY, None)
    if code:
        credit(registration, code, client_address(), request.cookies.get(DEVICE_COOKIE, ""))
