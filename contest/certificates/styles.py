"""A contest's certificate style: place line, signer, decision, layout, seal image.
Services flush; views commit."""

from __future__ import annotations

import io
import warnings
from datetime import date

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from contest.certificates.models import CertificateStyle
from contest.certificates.pdf import Style
from contest.certificates.services import CertificateError
from contest.contests.models import Contest
from contest.extensions import db
from contest.vocabulary import CertificateLayout

SEAL_MAX_BYTES = 2 * 1024 * 1024
SEAL_MAX_PIXELS = 16_000_000  # a 4000 x 4000 scan; larger is a mistake or a decompression bomb
SEAL_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
COUNTRY_NAMES = ("việt nam", "viet nam")  # a place line names the province or city instead


def check_seal(data: bytes) -> str:
    """The image's MIME type if ``data`` is a PNG or JPEG within the limits (read from the
    content, never from the file name); CertificateError naming the field otherwise."""
    if len(data) > SEAL_MAX_BYTES:
        raise CertificateError(_("Ảnh chữ ký / con dấu quá lớn (%(size)s KB): tối đa %(max)s KB.",
                                 size=len(data) // 1024, max=SEAL_MAX_BYTES // 1024),
                               field="seal")
    not_image = CertificateError(_("Tệp tải lên không phải ảnh PNG hoặc JPEG."), field="seal")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                pixels = image.width * image.height
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise not_image from exc
    if kind not in SEAL_FORMATS:
        raise not_image
    if pixels > SEAL_MAX_PIXELS:
        raise CertificateError(_("Ảnh chữ ký / con dấu có kích thước quá lớn: tối đa 4000 × 4000 "
                                 "điểm ảnh."), field="seal")
    return SEAL_FORMATS[kind]


def style_row(contest_id: int) -> CertificateStyle | None:
    return db.session.get(CertificateStyle, contest_id)


def style_of(contest_id: int | None) -> Style:
    """The style the contest's PDFs are drawn with (the defaults when none is saved)."""
    row = style_row(contest_id) if contest_id is not None else None
    if row is None:
        return Style()
    return Style(place=row.place, signer_title=row.signer_title, signer_name=row.signer_name,
                 decision_number=row.decision_number, decision_date=row.decision_date,
                 issuer_name=row.issuer_name, layout=row.layout, seal_image=row.seal_image)


def save_style(contest: Contest, *, place: str, signer_title: str, signer_name: str,
               decision_number: str, decision_date: date | None, issuer_name: str,
               layout: str, seal: bytes | None = None,
               remove_seal: bool = False) -> CertificateStyle:
    """Keep the contest's certificate style; a new seal image replaces the old one."""
    if layout not in CertificateLayout.values():
        raise CertificateError(_("Mẫu giấy chứng nhận không hợp lệ."), field="layout")
    if place.strip().casefold() in COUNTRY_NAMES:
        raise CertificateError(_("Ghi tên tỉnh hoặc thành phố nơi ký (ví dụ: Lâm Đồng), không "
                                 "ghi “Việt Nam”."), field="place")
    mimetype = check_seal(seal) if seal else ""
    row = style_row(contest.id)
    if row is None:
        row = CertificateStyle(contest_id=contest.id)
        db.session.add(row)
    row.place, row.signer_title = place.strip(), signer_title.strip()
    row.signer_name, row.decision_number = signer_name.strip(), decision_number.strip()
    row.decision_date, row.issuer_name, row.layout = decision_date, issuer_name.strip(), layout
    if seal:
        row.seal_image, row.seal_mimetype = seal, mimetype
    elif remove_seal:
        row.seal_image, row.seal_mimetype = None, ""
    db.session.flush()
    return row
