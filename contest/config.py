"""Settings read from the environment. SQLite in ``instance/`` unless DATABASE_URL is set."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres://"):  # Heroku-style URLs
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url or f"sqlite:///{INSTANCE / 'contest.sqlite'}"


def _secret_key() -> str:
    """Use SECRET_KEY, else a key kept in instance/ so every local process shares it."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = INSTANCE / "secret_key"
    if not path.exists():
        INSTANCE.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Config:
    """Defaults for development and the embedded SQLite deployment."""

    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key()
        self.SQLALCHEMY_DATABASE_URI = _database_url()
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.REDIS_URL = os.environ.get("REDIS_URL", "")
        self.MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_MB", 10) * 1024 * 1024
        self.PASSWORD_HASH_METHOD = "scrypt"
        self.LOGIN_MAX_FAILURES = _int("LOGIN_MAX_FAILURES", 5)
        self.LOGIN_WINDOW_SECONDS = _int("LOGIN_WINDOW_SECONDS", 300)
        self.REMEMBER_DAYS = _int("REMEMBER_DAYS", 30)
        self.REGISTRATION_ADDRESS_LIMIT = _int("REGISTRATION_ADDRESS_LIMIT", 10)
        self.REGISTRATION_ADDRESS_WINDOW_SECONDS = _int("REGISTRATION_ADDRESS_WINDOW_SECONDS", 600)
        self.REGISTRATION_CONTEST_LIMIT = _int("REGISTRATION_CONTEST_LIMIT", 120)
        self.REGISTRATION_CONTEST_WINDOW_SECONDS = _int("REGISTRATION_CONTEST_WINDOW_SECONDS", 60)
        self.REGISTRATION_BURST_COUNT = _int("REGISTRATION_BURST_COUNT", 5)
        self.REGISTRATION_BURST_SECONDS = _int("REGISTRATION_BURST_SECONDS", 600)
        self.LOGIN_MAX_DELAY_SECONDS = _int("LOGIN_MAX_DELAY_SECONDS", 60)
        self.ANSWER_GRACE_SECONDS = _int("ANSWER_GRACE_SECONDS", 5)
        # How long a request may wait in queues and still be judged on its arrival
        # (contest/arrival.py); attempts are closed on behalf of time only after it too.
        self.ARRIVAL_ALLOWANCE_SECONDS = _int("ARRIVAL_ALLOWANCE_SECONDS", 30)
        self.UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", "")  # empty: instance/uploads
        self.TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "")  # contest/proxies.py
        # The site's address as the public reaches it (https://thi.example.gov.vn): links that
        # leave the site (social previews) are built from it, never from the Host header.
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
        self.RANKING_WORK_MEM = os.environ.get("RANKING_WORK_MEM", "256MB")
        self.BABEL_DEFAULT_LOCALE = "vi"
        self.BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
        self.BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
        self.LANGUAGES = ["vi", "en"]
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the session
        production = os.environ.get("CONTEST_ENV") == "production"
        self.SESSION_COOKIE_SECURE = production
        self.REMEMBER_COOKIE_SECURE = production
        self.TESTING = False
        if production and not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set when CONTEST_ENV=production")
