"""Longer import messages that speak for a whole table rather than one row."""

from __future__ import annotations

from flask_babel import ngettext


def missing_area_message(count: int) -> str:
    return ngettext(
        "%(num)s dòng chưa có lĩnh vực vì tệp không có cột Lĩnh vực. Hãy chọn một lĩnh vực "
        "cho cả tệp (ô “Lĩnh vực cho các dòng không ghi lĩnh vực” ở trang xem trước; dòng "
        "lệnh: --area N), hoặc thêm cột Lĩnh vực (số 1-6 hoặc tên lĩnh vực) vào tệp.",
        "%(num)s dòng chưa có lĩnh vực vì tệp không có cột Lĩnh vực. Hãy chọn một lĩnh vực "
        "cho cả tệp (ô “Lĩnh vực cho các dòng không ghi lĩnh vực” ở trang xem trước; dòng "
        "lệnh: --area N), hoặc thêm cột Lĩnh vực (số 1-6 hoặc tên lĩnh vực) vào tệp.",
        count)


def unmapped_topics_message(count: int) -> str:
    return ngettext(
        "%(num)s dòng chưa có lĩnh vực: tệp không có cột Lĩnh vực, chỉ có cột hạng mục. Hãy gán "
        "từng hạng mục cho một lĩnh vực trong bảng “Gán nhóm trong tệp cho lĩnh vực” (dòng "
        "lệnh: --map-area \"Tên=3\"), hoặc chọn một lĩnh vực cho cả tệp (dòng lệnh: --area N).",
        "%(num)s dòng chưa có lĩnh vực: tệp không có cột Lĩnh vực, chỉ có cột hạng mục. Hãy gán "
        "từng hạng mục cho một lĩnh vực trong bảng “Gán nhóm trong tệp cho lĩnh vực” (dòng "
        "lệnh: --map-area \"Tên=3\"), hoặc chọn một lĩnh vực cho cả tệp (dòng lệnh: --area N).",
        count)
