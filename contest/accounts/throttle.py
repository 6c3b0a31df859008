"""Login throttling that an attacker cannot turn against other people.

Every attempt reserves a hit on its counters before the password is checked (so parallel
requests cannot slip past a limit), and gives it back when the login succeeds. Keys:

* ``login:ip:<address>`` - failures from one client address against any account (password
  spraying). Hard limit: ``LOGIN_MAX_FAILURES`` per ``LOGIN_WINDOW_SECONDS``, then 429. The
  address comes from ``contest.proxies.client_address`` (``X-Forwarded-For`` counts only from a
  ``TRUSTED_PROXIES`` peer), so one client behind the proxy cannot block everyone. A successful
  login gives back only its own hit: it never clears failures against other accounts.
* ``login:ip-id:<address>:<login>`` - one address against one account: hard limit.
* ``login:id:<login>`` - failures against one account from anywhere. Never a lock: past the
  limit, attempts are *slowed* (one every 2, 4, 8 ... up to ``LOGIN_MAX_DELAY_SECONDS``), each
  refused attempt answered without checking the password.
* ``login:dev:<nonce>`` - a browser that has logged in to this account before carries a signed
  ``login_device`` cookie for it (OWASP "device cookies"): it skips the three keys above and
  has only its own hard limit, so the real owner is never slowed or locked out by strangers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.security import generate_password_hash
from werkzeug.wrappers import Response

from contest.proxies import client_address
from contest.ratelimit import counter

DEVICE_COOKIE = "login_device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="login-device")


def _device_nonce(login: str) -> str | None:
    """The nonce of a valid device cookie issued for ``login``, else None."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw)
    except BadSignature:
        return None
    if isinstance(data, dict) and data.get("l") == login and isinstance(data.get("n"), str):
        return data["n"]
    return None


def remember_device(response: Response, login: str) -> None:
    """After a successful login: mark this browser as one its owner uses."""
    value = _serializer().dumps({"l": login, "n": secrets.token_urlsafe(12)})
    secure = bool(current_app.config.get("SESSION_COOKIE_SECURE"))
    response.set_cookie(DEVICE_COOKIE, value, max_age=DEVICE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=secure)


def dummy_hash() -> str:
    """A hash to check unknown logins against, so they take as long as known ones."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    cache = current_app.extensions.setdefault("dummy_password_hash", {})
    if method not in cache:
        cache[method] = generate_password_hash(secrets.token_hex(8), method=method)
    return cache[method]


@dataclass
class LoginAttempt:
    """One login attempt's reservation on the counters; ``refusal`` says why it may not run."""

    login: str
    hard: list[str] = field(default_factory=list)
    soft: str | None = None
    refusal: tuple[str, int] | None = None  # ("locked", minutes) or ("slowed", seconds)

    @classmethod
    def reserve(cls, login: str) -> LoginAttempt:
        config = current_app.config
        window, limit = config["LOGIN_WINDOW_SECONDS"], config["LOGIN_MAX_FAILURES"]
        nonce = _device_nonce(login)
        address = client_address()
        attempt = cls(login)
        if nonce:
            attempt.hard = [f"login:dev:{nonce}"]
        else:
            attempt.hard = [f"login:ip:{address}", f"login:ip-id:{address}:{login}"]
            attempt.soft = f"login:id:{login}"
        counts = [counter().hit(key, window) for key in attempt.hard]
        if any(n > limit for n in counts):
            attempt._give_back(soft=False)
            attempt.refusal = ("locked", -(-window // 60))
            return attempt
        if attempt.soft:
            n = counter().hit(attempt.soft, window)
            if n > limit:
                delay = min(2 ** (n - limit), config["LOGIN_MAX_DELAY_SECONDS"])
                if not counter().claim(f"{attempt.soft}:next", delay):
                    attempt._give_back(soft=True)
                    wait = counter().held_for(f"{attempt.soft}:next")
                    attempt.refusal = ("slowed", max(1, wait))
        return attempt

    def _give_back(self, *, soft: bool) -> None:
        for key in self.hard:
            counter().undo(key)
        if soft and self.soft:
            counter().undo(self.soft)

    def succeeded(self) -> None:
        """The password was right: this attempt was no failure. Only this account's own
        counters start over; failures from the address against other accounts stay."""
        self._give_back(soft=True)
        for key in self.hard[1:] if self.soft else self.hard:
            counter().reset(key)
