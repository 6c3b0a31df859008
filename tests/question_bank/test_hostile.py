"""Hostile files: clear refusals, never a crash."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest.spreadsheets import SpreadsheetError
from question_bank.import_plan import ImportOptions
from question_bank.importer import prepare

from .files import one_sheet, question

GOOD = one_sheet([question(text="Câu?"), question(text="Câu hai?", answer="B")])


def check(data: bytes, filename: str = "x.xlsx") -> str:
    with pytest.raises(SpreadsheetError) as info:
        prepare(data, filename, ImportOptions())
    return str(info.value)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"MZ\x90\x00 not a spreadsheet", "x.xlsx", "hỏng"),
        (b"", "x.xlsx", "rỗng"),
        (GOOD, "x.exe", "Chỉ nhận"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "x.xlsx", "mật khẩu"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "x.xls", "hỏng"),
        (b"<html>hi</html>", "x.xls", "hỏng"),
        (GOOD[: len(GOOD) // 2], "x.xlsx", "hỏng"),
    ],
)
def test_refusals_are_clear(app, data, filename, message):
    assert message in check(data, filename)


def test_zip_bomb_is_refused(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    assert "bom nén" in check(buffer.getvalue())


def test_file_without_question_header_is_refused(app):
    assert "Câu hỏi và Đáp án" in check(one_sheet([["x", "y"]], ["Họ tên", "Điện thoại"]))


def test_script_in_cells_is_kept_as_text(app):
    plan, _ = prepare(one_sheet([question(text="<script>alert(1)</script>")]), "x.xlsx",
                      ImportOptions())
    assert plan.rows[0].text == "<script>alert(1)</script>"


def _corrupt(data: bytes, position: int, value: int) -> bytes:
    position %= len(data)
    return data[:position] + bytes([value]) + data[position + 1:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["random", "truncated", "corrupted"]),
    blob=st.binary(max_size=2048),
    cut=st.integers(min_value=0, max_value=len(GOOD)),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    ext=st.sampled_from(["xlsx", "xls", "ods", "csv"]),
)
def test_importer_never_raises_anything_but_spreadsheet_error(app, kind, blob, cut, flips, ext):
    if kind == "random":
        data = blob
    elif kind == "truncated":
        data = GOOD[:cut]
    else:
        data = GOOD
        for position, value in flips:
            data = _corrupt(data, position, value)
    try:
        prepare(data, f"x.{ext}", ImportOptions(default_area=1))
    except SpreadsheetError:
        pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(GOOD)), blob=st.binary(max_size=512),
       ext=st.sampled_from(["xlsx", "ods", "csv", "xls", "txt"]))
def test_web_upload_never_returns_500(client, organiser_client, cut, blob, ext):
    data = GOOD[:cut] + blob
    response = client.post("/ngan-hang/nhap", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(data), f"x.{ext}"), "area": "1"})
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        token = response.headers["Location"].rsplit("/", 1)[1]
        for url in (f"/ngan-hang/nhap/{token}", f"/ngan-hang/nhap/{token}/bao-cao-loi.xlsx"):
            assert client.get(url).status_code in (200, 302)


@pytest.fixture
def organiser_client(make_user, auth):
    auth.login(make_user(role="organiser"))
