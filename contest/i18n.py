"""Locale and time zone: Vietnamese by default, English on request."""

from __future__ import annotations

import functools
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.support import NullTranslations, Translations
from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale, refresh
from flask_wtf import FlaskForm

from contest.extensions import babel

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LANG_COOKIE = "lang"


def select_locale() -> str:
    """Pick the language from the cookie, defaulting to Vietnamese (and outside a request)."""
    if not has_request_context():
        return "vi"
    lang = request.cookies.get(LANG_COOKIE, "vi")
    return lang if lang in ("vi", "en") else "vi"


def vn_time(value: datetime | None, fmt: str = "%H:%M %d/%m/%Y") -> str:
    """Format an aware UTC datetime in Vietnam time."""
    if value is None:
        return ""
    return value.astimezone(VN_TZ).strftime(fmt)


def init_babel(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel caches the locale on the app context, which outlives a request when one is
    # already pushed (a CLI command or a test holding the app context): choose it per request.
    app.before_request(refresh)
    app.teardown_request(lambda _exc: refresh())
    app.jinja_env.filters["vn_time"] = vn_time
    app.jinja_env.filters["vn_date"] = lambda v: vn_time(v, "%d/%m/%Y")


@functools.cache
def _wtforms_catalogue(directory: str, language: str) -> NullTranslations:
    if language == "vi":  # WTForms ships no Vietnamese: ours is translations/vi/.../wtforms.po
        return Translations.load(directory, ["vi"], domain="wtforms")
    return NullTranslations()  # WTForms' own messages are English


class _WTFormsMessages:
    """WTForms' built-in messages ("Not a valid integer value.") in the page's language."""

    @staticmethod
    def _catalogue() -> NullTranslations:
        locale = get_locale()
        return _wtforms_catalogue(current_app.config["BABEL_TRANSLATION_DIRECTORIES"],
                                  locale.language if locale else "vi")

    def gettext(self, string: str) -> str:
        return self._catalogue().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue().ngettext(singular, plural, n)


WTFORMS_MESSAGES = _WTFormsMessages()


class Form(FlaskForm):
    """Base of every form: Flask-WTF (CSRF) with WTForms' own messages translated too.

    A form built for a submitted request is counted, so that a service's ``DomainError`` shows
    the page again with this form (``contest.errors.answer_refusal``); while that refusal is
    being shown, ``validate_on_submit`` answers False and puts the problems on the fields.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if has_request_context() and self.is_submitted():
            from contest.errors import note_submitted_form

            note_submitted_form()

    def validate_on_submit(self, extra_validators=None) -> bool:
        from contest.errors import refusal, show_refusal

        if refusal() is not None:
            show_refusal(self)
            return False
        return super().validate_on_submit(extra_validators)

    class Meta:
        def get_translations(self, form):
            return WTFORMS_MESSAGES
