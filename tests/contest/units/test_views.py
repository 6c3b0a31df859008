"""Units list, create and edit pages, and the public search endpoint."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.units.models import Block, Unit


@pytest.fixture
def tree(app):
    """T01 > SNV > P1, and X01 in another block."""
    provincial, communes = Block(name="Cơ quan tỉnh"), Block(name="Khối xã, phường")
    t01 = Unit(code="T01", name="UBND tỉnh Thừa Thiên Huế", block=provincial, headcount=120)
    snv = Unit(code="SNV", name="Sở Nội vụ", parent=t01, block=provincial, headcount=45)
    p1 = Unit(code="P1", name="Phòng Cải cách hành chính", parent=snv, headcount=8)
    x01 = Unit(code="X01", name="UBND xã Phú Vang", parent=t01, block=communes, headcount=30)
    db.session.add_all([t01, snv, p1, x01])
    db.session.commit()
    return {u.code: u for u in (t01, snv, p1, x01)}


def test_index_lists_units_in_tree_order_with_paths_and_members(client, organiser, tree,
                                                                make_user):
    make_user(unit_id=tree["SNV"].id)
    make_user(unit_id=tree["SNV"].id)
    body = client.get("/don-vi/").get_data(as_text=True)
    rows = body[body.index("<tbody"):]  # not the page head: a random CSRF token may hold "SNV"
    assert rows.index("T01") < rows.index("SNV") < rows.index("P1") < rows.index("X01")
    assert "UBND tỉnh Thừa Thiên Huế › Sở Nội vụ ›" in body
    assert '<td class="num">2</td>' in body
    assert f'href="/don-vi/{tree["P1"].id}/sua"' in body
    assert "4 đơn vị" in body


@pytest.mark.parametrize(("q", "expected"), [
    ("noi vu", {"SNV"}), ("SỞ NỘI", {"SNV"}), ("x01", {"X01"}), ("ubnd", {"T01", "X01"}),
    ("khong co", set()),
])
def test_index_search_by_name_or_code_ignores_accents(client, organiser, tree, q, expected):
    body = client.get("/don-vi/", query_string={"q": q}).get_data(as_text=True)
    shown = {code for code in tree if f"<td>{code}</td>" in body}
    assert shown == expected


def test_index_filters_by_block(client, organiser, tree):
    block_id = tree["X01"].block_id
    body = client.get(f"/don-vi/?khoi={block_id}").get_data(as_text=True)
    assert "<td>X01</td>" in body and "<td>SNV</td>" not in body


def test_index_ignores_a_bad_block_or_page(client, organiser, tree):
    assert client.get("/don-vi/?khoi=abc&trang=-4").status_code == 200


def test_index_pages_long_lists(client, organiser):
    db.session.add_all(Unit(code=f"U{n:03d}", name=f"Đơn vị {n}") for n in range(130))
    db.session.commit()
    first = client.get("/don-vi/").get_data(as_text=True)
    assert "Trang 1/2" in first and "<td>U099</td>" in first and "<td>U100</td>" not in first
    second = client.get("/don-vi/?trang=2").get_data(as_text=True)
    assert "<td>U100</td>" in second


def test_create_a_unit_with_a_new_block(client, organiser, tree):
    response = client.post("/don-vi/them", data={
        "code": "SYT", "name": "  Sở   Y tế ", "parent_id": str(tree["T01"].id),
        "block": "Sở, ban, ngành", "headcount": "60",
    })
    assert response.status_code == 302
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == "SYT"))
    assert unit.name == "Sở Y tế" and unit.parent_id == tree["T01"].id
    assert unit.block.name == "Sở, ban, ngành" and unit.headcount == 60
    assert db.session.scalar(sa.select(AuditEntry.action)) == "units.create"


def test_create_reuses_a_block_spelt_differently(client, organiser, tree):
    client.post("/don-vi/them", data={"code": "SYT", "name": "Sở Y tế", "parent_id": "",
                                      "block": "cơ quan TỈNH"})
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == "SYT"))
    assert unit.block is tree["T01"].block and unit.parent is None and unit.headcount == 0


def test_create_refuses_a_used_code(client, organiser, tree):
    response = client.post("/don-vi/them", data={"code": "SNV", "name": "Trùng"})
    assert response.status_code == 200
    assert "Mã “SNV” đã được dùng cho đơn vị khác." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Unit)) == 4


@pytest.mark.parametrize(("field", "value", "message"), [
    ("headcount", "-1", "Biên chế phải là số từ 0 trở lên."),
    ("headcount", "abc", "Vui lòng nhập một số nguyên."),
    ("parent_id", "999999", "Đơn vị cấp trên không hợp lệ, vui lòng chọn lại."),
    ("parent_id", "x", "Đơn vị cấp trên không hợp lệ, vui lòng chọn lại."),
    ("name", "", "Vui lòng nhập tên đơn vị."),
])
def test_create_shows_vietnamese_field_errors(client, organiser, tree, field, value, message):
    data = {"code": "NEW", "name": "Đơn vị mới", "parent_id": "", field: value}
    response = client.post("/don-vi/them", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Unit.id).where(Unit.code == "NEW")) is None


def test_edit_form_offers_no_parent_inside_the_unit(client, organiser, tree):
    body = client.get(f"/don-vi/{tree['SNV'].id}/sua").get_data(as_text=True)
    offered = {int(v) for v in re.findall(r'<option[^>]*value="(\d+)"', body)}
    assert offered == {tree["T01"].id, tree["X01"].id}
    assert re.search(rf'<option selected value="{tree["T01"].id}"', body)
    assert "data-unit-picker" in body and "js/unit_picker.js" in body


def test_edit_changes_name_parent_block_and_headcount(client, organiser, tree):
    response = client.post(f"/don-vi/{tree['P1'].id}/sua", data={
        "name": "Phòng CCHC", "parent_id": str(tree["T01"].id), "block": "Khối xã, phường",
        "headcount": "9", "code": "IGNORED",
    })
    assert response.status_code == 302
    db.session.expire_all()
    p1 = db.session.get(Unit, tree["P1"].id)
    assert (p1.code, p1.name, p1.parent.code, p1.block.name, p1.headcount) == (
        "P1", "Phòng CCHC", "T01", "Khối xã, phường", 9)


def test_edit_form_shows_current_values(client, organiser, tree):
    body = client.get(f"/don-vi/{tree['SNV'].id}/sua").get_data(as_text=True)
    assert 'value="Sở Nội vụ"' in body and 'value="Cơ quan tỉnh"' in body
    assert 'value="45"' in body and "<strong>Mã đơn vị:</strong> SNV" in body


def test_edit_with_fields_left_out_clears_block_and_parent(client, organiser, tree):
    response = client.post(f"/don-vi/{tree['SNV'].id}/sua", data={"name": "Sở Nội vụ"})
    assert response.status_code == 302
    db.session.expire_all()
    snv = db.session.get(Unit, tree["SNV"].id)
    assert (snv.parent, snv.block, snv.headcount) == (None, None, 0)


@pytest.mark.parametrize("target", ["SNV", "P1"])
def test_edit_refuses_itself_or_a_descendant_as_parent(client, organiser, tree, target):
    response = client.post(f"/don-vi/{tree['SNV'].id}/sua", data={
        "name": "Sở Nội vụ", "parent_id": str(tree[target].id), "headcount": "45",
    })
    assert response.status_code == 200
    assert "Đơn vị cấp trên không hợp lệ" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Unit, tree["SNV"].id).parent_id == tree["T01"].id


def test_service_refuses_a_descendant_parent_too(app, tree):
    from contest.units.services import UnitError, update_unit

    with pytest.raises(UnitError, match="cấp dưới"):
        update_unit(tree["T01"], name="UBND tỉnh", parent_id=tree["P1"].id)


def test_edit_unknown_unit_is_404(client, organiser):
    assert client.get("/don-vi/424242/sua").status_code == 404


@pytest.mark.parametrize("path", ["/don-vi/", "/don-vi/them"])
def test_entrant_gets_403(client, auth, make_user, path):
    auth.login(make_user(role="entrant"))
    assert client.get(path).status_code == 403


def test_entrant_cannot_edit(client, auth, make_user, tree):
    auth.login(make_user(role="entrant"))
    response = client.post(f"/don-vi/{tree['SNV'].id}/sua", data={"name": "Bị sửa"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Unit, tree["SNV"].id).name == "Sở Nội vụ"


def test_search_endpoint_is_public_and_returns_non_personal_fields(client, tree, make_user):
    make_user(unit_id=tree["SNV"].id, full_name="Nguyễn Văn A")
    response = client.get("/don-vi/tim?q=noi vu")
    assert response.status_code == 200
    assert response.get_json() == [{
        "id": tree["SNV"].id, "code": "SNV", "name": "Sở Nội vụ",
        "path": "UBND tỉnh Thừa Thiên Huế › Sở Nội vụ",
    }]


def test_search_puts_name_prefix_matches_first(client, tree):
    codes = [row["code"] for row in client.get("/don-vi/tim?q=ubnd").get_json()]
    assert codes == ["T01", "X01"]
    codes = [row["code"] for row in client.get("/don-vi/tim?q=phong").get_json()]
    assert codes == ["P1"]


def test_search_returns_at_most_20(client):
    db.session.add_all(Unit(code=f"X{n:02d}", name=f"UBND xã số {n}") for n in range(30))
    db.session.commit()
    assert len(client.get("/don-vi/tim?q=xa").get_json()) == 20
    assert len(client.get("/don-vi/tim").get_json()) == 20


def test_search_sees_units_saved_through_the_app(client, organiser, tree):
    assert client.get("/don-vi/tim?q=y te").get_json() == []
    client.post("/don-vi/them", data={"code": "SYT", "name": "Sở Y tế"})
    assert [r["code"] for r in client.get("/don-vi/tim?q=y te").get_json()] == ["SYT"]
