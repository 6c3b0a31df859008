"""Web import: upload, preview, confirm; organisers only; nothing written on error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from contest.extensions import db
from contest.units.models import Unit
from tests.contest.units.files import ROWS, csv_bytes, upload, xlsx_bytes


def token_of(response) -> str:
    return response.headers["Location"].rsplit("/", 1)[-1]


def unit_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Unit))


def test_upload_page_explains_the_columns(client, organiser):
    body = client.get("/don-vi/nhap").get_data(as_text=True)
    assert "Mã đơn vị" in body and "Biên chế" in body
    assert 'enctype="multipart/form-data"' in body


def test_upload_then_preview_then_confirm(app, client, organiser):
    response = upload(client, xlsx_bytes(ROWS))
    assert response.status_code == 302
    token = token_of(response)
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
    # The one upload store (contest/uploads.py), shared with the question import.
    stored = sorted(p.name for p in (Path(app.config["UPLOAD_FOLDER"]) / "units-import").iterdir())
    assert stored == [f"{token}.bin", f"{token}.json"]

    preview = client.get(f"/don-vi/nhap/{token}")
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "3 tạo mới" in body and "Sở Nội vụ" in body
    assert f'value="{token}"' in body and "Xác nhận nhập 3 đơn vị" in body
    assert unit_count() == 0  # the preview writes nothing

    done = client.post("/don-vi/nhap/xac-nhan", data={"token": token}, follow_redirects=True)
    body = done.get_data(as_text=True)
    assert "Đã nhập đơn vị: 3 tạo mới, 0 cập nhật, 0 không đổi." in body
    assert unit_count() == 3
    assert list((Path(app.config["UPLOAD_FOLDER"]) / "units-import").iterdir()) == []  # removed


def test_preview_of_a_reimport_shows_updates_and_unchanged(client, organiser):
    client.post("/don-vi/nhap/xac-nhan", data={"token": token_of(upload(client, xlsx_bytes(ROWS)))})
    rows = [ROWS[0], ["SNV", "Sở Nội vụ tỉnh Huế", "T01", "Cơ quan tỉnh", 45], ROWS[2]]
    body = client.get(f"/don-vi/nhap/{token_of(upload(client, xlsx_bytes(rows)))}").get_data(
        as_text=True)
    assert "1 cập nhật" in body and "2 không đổi" in body
    assert "Tên: Sở Nội vụ → Sở Nội vụ tỉnh Huế" in body


def test_errors_are_listed_with_rows_and_nothing_is_written(client, organiser):
    rows = [*ROWS, ["X02", "UBND xã Phú Lộc", "KHONGCO", "", -3], ["SNV", "Trùng", "", "", 1]]
    token = token_of(upload(client, xlsx_bytes(rows)))
    body = client.get(f"/don-vi/nhap/{token}").get_data(as_text=True)
    assert "Có 2 lỗi: chưa nhập đơn vị nào" in body
    assert "Dòng 5, cột “Biên chế”: Biên chế không được âm." in body
    assert "Dòng 6, cột “Mã đơn vị”: Mã “SNV” trùng với dòng 3." in body
    assert "Xác nhận nhập" not in body
    response = client.post("/don-vi/nhap/xac-nhan", data={"token": token}, follow_redirects=True)
    assert "Chưa nhập được" in response.get_data(as_text=True)
    assert unit_count() == 0


def test_csv_upload_works_too(client, organiser):
    token = token_of(upload(client, csv_bytes(ROWS, encoding="cp1258", sep=";"),
                              "don_vi.csv"))
    client.post("/don-vi/nhap/xac-nhan", data={"token": token})
    assert unit_count() == 3


def test_broken_file_shows_a_message_not_a_crash(client, organiser):
    token = token_of(upload(client, b"PK\x03\x04garbage"))
    response = client.get(f"/don-vi/nhap/{token}")
    assert response.status_code == 200
    assert "Tệp bị hỏng" in response.get_data(as_text=True)


def test_wrong_extension_is_refused_at_upload(client, organiser):
    response = upload(client, b"%PDF-1.4", "don_vi.pdf")
    assert response.status_code == 200
    assert "Chỉ nhận tệp Excel" in response.get_data(as_text=True)


def test_upload_without_a_file_asks_for_one(client, organiser):
    response = client.post("/don-vi/nhap", data={}, content_type="multipart/form-data")
    assert "Vui lòng chọn tệp." in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["../../etc/passwd", "abc", "0" * 31 + "g", "", "A" * 32])
def test_confirm_refuses_a_forged_token(client, organiser, token):
    response = client.post("/don-vi/nhap/xac-nhan", data={"token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/don-vi/nhap"
    assert unit_count() == 0


def test_confirm_with_an_unknown_token_asks_to_upload_again(client, organiser):
    response = client.post("/don-vi/nhap/xac-nhan", data={"token": "0" * 32},
                           follow_redirects=True)
    assert "Vui lòng tải lên lại" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["0" * 32, "..%2F..%2Fsecret", "xyz"])
def test_preview_of_an_unknown_token_is_404(client, organiser, token):
    assert client.get(f"/don-vi/nhap/{token}").status_code == 404


def test_confirming_twice_imports_once(client, organiser):
    token = token_of(upload(client, xlsx_bytes(ROWS)))
    client.post("/don-vi/nhap/xac-nhan", data={"token": token})
    second = client.post("/don-vi/nhap/xac-nhan", data={"token": token})
    assert second.headers["Location"] == "/don-vi/nhap"
    assert unit_count() == 3


@pytest.mark.parametrize("path", ["/don-vi/nhap", "/don-vi/nhap/" + "0" * 32])
def test_entrant_gets_403_on_import_pages(client, auth, make_user, path):
    auth.login(make_user(role="entrant"))
    assert client.get(path).status_code == 403


def test_entrant_cannot_upload_or_confirm(client, auth, make_user):
    auth.login(make_user(role="entrant"))
    assert upload(client, xlsx_bytes(ROWS)).status_code == 403
    assert client.post("/don-vi/nhap/xac-nhan", data={"token": "0" * 32}).status_code == 403
    assert unit_count() == 0


def test_upload_folder_defaults_to_instance_uploads(app_config, tmp_path):
    from contest import create_app
    from contest.uploads import folder

    app_config.pop("UPLOAD_FOLDER")
    other = create_app(app_config)
    other.instance_path = str(tmp_path / "instance")
    with other.app_context():
        assert folder("units-import") == tmp_path / "instance" / "uploads" / "units-import"
        assert folder("units-import").is_dir()


def test_unrecognised_headers_are_mapped_in_the_preview(client, organiser):
    """The published commune list has its own header names: the preview offers its columns,
    the organiser maps them, and the import reads those columns."""
    header = ["STT", "Mã xã", "Tên xã, phường", "Tỉnh/thành"]
    rows = [[1, "00001", "Phường Ba Đình", "Hà Nội"], [2, "00004", "Phường Ngọc Hà", "Hà Nội"]]
    token = token_of(upload(client, xlsx_bytes(rows, header=header)))
    body = client.get(f"/don-vi/nhap/{token}").get_data(as_text=True)
    assert "Ghép cột của tệp" in body
    assert '<option value="1" >Mã xã</option>' in body
    assert "Xác nhận nhập" not in body
    # Only the code chosen: the name is required too, and said so.
    body = client.get(f"/don-vi/nhap/{token}", query_string={"cot_code": 1}).get_data(
        as_text=True)
    assert "Hãy chọn cột cho: Tên đơn vị." in body
    body = client.get(f"/don-vi/nhap/{token}",
                      query_string={"cot_code": 1, "cot_name": 2}).get_data(as_text=True)
    assert "2 tạo mới" in body and "Phường Ngọc Hà" in body
    assert 'value="code:1;name:2"' in body
    assert unit_count() == 0
    done = client.post("/don-vi/nhap/xac-nhan", data={"token": token, "mapping": "code:1;name:2"},
                       follow_redirects=True)
    assert "Đã nhập đơn vị: 2 tạo mới" in done.get_data(as_text=True)
    assert db.session.scalar(sa.select(Unit.name).where(Unit.code == "00004")) == "Phường Ngọc Hà"


def test_a_forged_mapping_changes_nothing(client, organiser):
    header = ["STT", "Mã xã", "Tên xã, phường"]
    token = token_of(upload(client, xlsx_bytes([[1, "00001", "Phường Ba Đình"]], header=header)))
    body = client.get(f"/don-vi/nhap/{token}",
                      query_string={"cot_code": 1, "cot_name": 9}).get_data(as_text=True)
    assert "Cột đã chọn không có trong tệp" in body
    response = client.post("/don-vi/nhap/xac-nhan", data={"token": token, "mapping": "x'; drop"})
    assert response.status_code == 302
    assert unit_count() == 0
