"""Units belong to a contest: the organiser chooses them; registration, judges' filters, the
dashboard, the bulletin and the unit ranking use only them; targets per entrant group."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from contest.audit.models import AuditEntry
from contest.contests.models import ContestUnit, Registration
from contest.contests.unit_scope import chosen_ids, labelled_units
from contest.extensions import db
from contest.ranking import services as ranking
from contest.results.build import build_round_data
from contest.units.models import Block, Unit


@pytest.fixture
def provinces(app):
    """Two provinces, each with a "Sở Nội vụ" (namesakes) and a commune; a Huế demo unit."""
    khoi = Block(name="Khối sở, ngành")
    xa = Block(name="Khối xã, phường")
    cb = Unit(code="CB", name="UBND tỉnh Cao Bằng")
    tn = Unit(code="TN", name="UBND tỉnh Thái Nguyên")
    hue = Unit(code="HUE-1", name="Phường Thuận Hoá", block=xa, headcount=5)
    db.session.add_all([khoi, xa, cb, tn, hue])
    db.session.flush()
    units = {
        "CB-SNV": Unit(code="CB-SNV", name="Sở Nội vụ", parent_id=cb.id, block=khoi,
                       headcount=4),
        "CB-X1": Unit(code="CB-X1", name="Xã Đại Tiến", parent_id=cb.id, block=xa,
                      headcount=10),
        "TN-SNV": Unit(code="TN-SNV", name="Sở Nội vụ", parent_id=tn.id, block=khoi,
                       headcount=6),
    }
    db.session.add_all(units.values())
    db.session.commit()
    return {"CB": cb, "TN": tn, "HUE-1": hue, **units}


def organiser(auth, make_user):
    user = make_user(role="organiser")
    auth.login(user)
    return user


def test_a_contest_without_chosen_units_uses_every_unit(make_contest, provinces):
    contest = make_contest()
    assert chosen_ids(contest.id) is None
    assert {code for _id, code, _label in labelled_units(contest.id)} == {
        "CB", "TN", "HUE-1", "CB-SNV", "CB-X1", "TN-SNV"}


def test_organiser_chooses_a_subtree_and_the_pickers_follow(client, auth, make_user,
                                                            make_contest, provinces):
    contest = make_contest()
    organiser(auth, make_user)
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi",
                           data={"subtrees": "CB", "codes": "TN-SNV", "mode": "replace"})
    assert response.status_code == 302
    assert chosen_ids(contest.id) == {provinces[c].id for c in ("CB", "CB-SNV", "CB-X1",
                                                               "TN-SNV")}
    page = client.get(f"/quan-ly/cuoc-thi/{contest.id}/don-vi").get_data(as_text=True)
    assert "4 đơn vị tham gia" in page
    # Namesakes are told apart by their parent's name.
    assert "Sở Nội vụ — UBND tỉnh Cao Bằng" in page
    assert "Sở Nội vụ — UBND tỉnh Thái Nguyên" in page
    assert db.session.scalar(sa.select(AuditEntry.action).order_by(AuditEntry.id.desc())
                             ) == "contest.units"
    # The registration picker lists only the contest's units.
    auth.logout()
    body = client.get(f"/dang-ky/{contest.invite_token}").get_data(as_text=True)
    assert "Xã Đại Tiến" in body and "Thuận Hoá" not in body
    # A link for a unit outside the contest warns and preselects nothing.
    body = client.get(f"/dang-ky/{contest.invite_token}?don-vi=HUE-1").get_data(as_text=True)
    assert "không tham gia cuộc thi này" in body


def test_registering_in_a_unit_outside_the_contest_is_refused(client, make_contest,
                                                              provinces):
    contest = make_contest()
    db.session.add(ContestUnit(contest_id=contest.id, unit_id=provinces["CB-X1"].id))
    db.session.commit()
    data = {"full_name": "Phạm Văn Dũng", "phone": "0933444555", "date_of_birth": "1988-02-03",
            "password": "matkhau123", "password_again": "matkhau123",
            "group_id": str(contest.groups[0].id), "unit_id": str(provinces["HUE-1"].id),
            "consent": "y"}
    response = client.post(f"/dang-ky/{contest.invite_token}", data=data)
    assert response.status_code == 200
    assert "Đơn vị này không tham gia cuộc thi" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0
    data["unit_id"] = str(provinces["CB-X1"].id)
    assert client.post(f"/dang-ky/{contest.invite_token}", data=data).status_code == 302


def test_unknown_codes_are_named_and_nothing_changes(client, auth, make_user, make_contest,
                                                     provinces):
    contest = make_contest()
    organiser(auth, make_user)
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={"codes": "CB-X1"})
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi",
                           data={"codes": "CB-SNV, KHONG-CO\nXA-9", "mode": "replace"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Không có đơn vị nào mang mã: KHONG-CO, XA-9. Chưa thay đổi gì." in body
    assert chosen_ids(contest.id) == {provinces["CB-X1"].id}


def test_blocks_a_file_and_adding_to_the_list(client, auth, make_user, make_contest,
                                              provinces):
    contest = make_contest()
    organiser(auth, make_user)
    xa = db.session.scalar(sa.select(Block).where(Block.name == "Khối xã, phường"))
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={"block_ids": [str(xa.id)]})
    assert chosen_ids(contest.id) == {provinces["CB-X1"].id, provinces["HUE-1"].id}
    book = Workbook()
    book.active.append(["Danh sách đơn vị dự thi"])  # a title row above the header
    book.active.append(["STT", "Mã đơn vị", "Tên đơn vị"])
    book.active.append([1, "TN-SNV", "Sở Nội vụ"])
    data = io.BytesIO()
    book.save(data)
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={
        "file": (io.BytesIO(data.getvalue()), "don-vi.xlsx"), "mode": "add"},
        content_type="multipart/form-data")
    assert response.status_code == 302
    assert chosen_ids(contest.id) == {provinces[c].id for c in ("CB-X1", "HUE-1", "TN-SNV")}
    bad = "Mã đơn vị\nTN-SNV\nKHONG-CO\n".encode()
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={
        "file": (io.BytesIO(bad), "don-vi.csv"), "mode": "replace"},
        content_type="multipart/form-data")
    assert "KHONG-CO" in response.get_data(as_text=True)
    assert len(chosen_ids(contest.id) or ()) == 3
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi/tat-ca")
    assert chosen_ids(contest.id) is None


def test_judges_filter_and_unit_ranking_use_the_contest_units(client, auth, make_user, world):
    cb = Unit(code="CB", name="UBND tỉnh Cao Bằng")
    db.session.add(cb)
    db.session.flush()
    namesake = Unit(code="CB-SNV", name="Sở Nội vụ", parent_id=cb.id, headcount=2)
    db.session.add(namesake)
    world.entrant("Nguyễn Văn A", unit=namesake)
    world.entrant("Trần Thị B")  # in world.unit, the other "Sở Nội vụ" (no parent)
    contest = world.contest
    db.session.add_all([ContestUnit(contest_id=contest.id, unit_id=u.id)
                        for u in (namesake, world.unit)])
    db.session.commit()
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/dot/{world.round.id}").get_data(as_text=True)
    assert "Sở Nội vụ — UBND tỉnh Cao Bằng" in body
    assert "Sở Nội vụ (SNV)" in body  # a namesake without a parent shows its code
    assert "Sở Tư pháp" not in body  # not one of the contest's units
    # Each entrant's row tells the namesakes apart too.
    assert body.count("<td>Sở Nội vụ — UBND tỉnh Cao Bằng</td>") == 1
    assert body.count("<td>Sở Nội vụ (SNV)</td>") == 1
    results = ranking.unit_results(contest, world.round)
    assert {s.unit_id for s in results.units} == {namesake.id, world.unit.id}
    # The dashboard, and the unit table of the bulletin and the units export, too.
    dashboard = client.get(f"/thong-ke/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Sở Nội vụ — UBND tỉnh Cao Bằng" in dashboard and "Sở Tư pháp" not in dashboard
    data = build_round_data(world.round)
    assert {u["unit"] for u in data["units"]} == {"Sở Nội vụ — UBND tỉnh Cao Bằng",
                                                  "Sở Nội vụ (SNV)"}
    assert {r["name"]: r["unit"] for g in data["groups"] for r in g["rows"]} == {
        "Nguyễn Văn A": "Sở Nội vụ — UBND tỉnh Cao Bằng", "Trần Thị B": "Sở Nội vụ (SNV)"}


def test_targets_per_group_count_citizens_without_a_rate(client, auth, make_user, world):
    """Citizens are counted at their unit but do not count against the civil servants'
    target; without a target a group has no rate."""
    contest = world.contest
    for name in ("Cán bộ 1", "Cán bộ 2"):
        world.entrant(name)
    for name in ("Người dân 1", "Người dân 2", "Người dân 3", "Người dân 4"):
        world.entrant(name, group=world.citizens)
    # Before targets: the unit's headcount (3) is the denominator for everyone: 6/3.
    before = {s.unit_id: s for s in ranking.unit_results(contest, world.round).units}
    assert before[world.unit.id].rate == 2.0
    organiser(auth, make_user)
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={"codes": "SNV STP"})
    response = client.post(f"/quan-ly/khoi/{world.group.id}/chi-tieu",
                           data={"targets": "SNV: 4\nSTP: 10"})
    assert response.status_code == 302
    stats = {s.unit_id: s for s in ranking.unit_results(contest, world.round).units}
    snv = stats[world.unit.id]
    assert (snv.entrants, snv.headcount, snv.rate) == (6, 4, 0.5)  # 2 civil servants of 4
    page = client.get(f"/thong-ke/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "CBCCVC: 2/4 (50" in page and "Nhân dân: 4<" in page
    # The round's bulletin data (used by publishing) agrees.
    tallied = {s.unit_id: s for s in ranking.round_results(world.round).units.units}
    assert tallied[world.unit.id].rate == 0.5
    # A bad line or an unknown code is named and changes nothing.
    response = client.post(f"/quan-ly/khoi/{world.group.id}/chi-tieu",
                           data={"targets": "SNV: 4\nSTP muoi"})
    assert "Dòng 2" in response.get_data(as_text=True)
    response = client.post(f"/quan-ly/khoi/{world.group.id}/chi-tieu",
                           data={"targets": "SNV: 5\nKHONG-CO: 3"})
    assert "KHONG-CO" in response.get_data(as_text=True)
    stats = {s.unit_id: s for s in ranking.unit_results(contest, world.round).units}
    assert stats[world.unit.id].headcount == 4
    # Targets from the units' headcount (biên chế).
    client.post(f"/quan-ly/khoi/{world.group.id}/chi-tieu",
                data={"targets": "", "from_headcount": "y"})
    stats = {s.unit_id: s for s in ranking.unit_results(contest, world.round).units}
    assert stats[world.unit.id].headcount == 3 and stats[world.other_unit.id].headcount == 10


def test_units_with_registrations_cannot_be_left_out(client, auth, make_user, make_contest,
                                                     make_entrant, provinces):
    contest = make_contest()
    make_entrant(make_user(), contest, unit=provinces["CB-X1"])
    organiser(auth, make_user)
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={"codes": "TN-SNV"})
    assert response.status_code == 200
    assert ("Đã có thí sinh đăng ký ở các đơn vị sau nên phải giữ chúng trong cuộc thi: CB-X1."
            in response.get_data(as_text=True))
    assert chosen_ids(contest.id) is None
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/don-vi", data={"codes": "TN-SNV CB-X1"})
    assert chosen_ids(contest.id) == {provinces["TN-SNV"].id, provinces["CB-X1"].id}
