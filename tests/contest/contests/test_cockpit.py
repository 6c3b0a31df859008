"""The organiser's cockpit on the contest page: what to do next, with links; and the
registered-entrants export (masked by default, full version audited)."""

from __future__ import annotations

import io
import secrets
from datetime import timedelta

import sqlalchemy as sa
from openpyxl import load_workbook

from contest.attempts.models import Attempt
from contest.attempts.prepared import prepare_papers
from contest.audit.models import AuditEntry
from contest.extensions import db, utcnow
from contest.results import services as results


def page(client, contest) -> str:
    return client.get(f"/quan-ly/cuoc-thi/{contest.id}").get_data(as_text=True)


def test_an_opening_soon_without_papers_is_flagged_until_they_are_prepared(
        client, auth, make_user, contest_world):
    world = contest_world(entrants=2, opens_at=utcnow() + timedelta(hours=10),
                          closes_at=utcnow() + timedelta(days=2))
    auth.login(make_user(role="organiser"))
    body = page(client, world.contest)
    assert "Việc cần làm" in body
    assert f"Đợt «{world.round.name}» mở sau 10 giờ; mới chuẩn bị 0/2 đề." in body
    assert f'href="/quan-ly/dot-thi/{world.round.id}#de-san"' in body
    prepare_papers(world.round)
    db.session.commit()
    body = page(client, world.contest)
    assert "mở sau" not in body and "Không có việc gì đang chờ." in body


def test_a_closed_round_with_open_attempts_ties_and_no_confirmation(client, auth, make_user,
                                                                    world):
    world.group.prize_counts = {"nhat": 1, "nhi": 0, "ba": 0, "khuyen_khich": 0}
    first = world.entrant("Nguyễn Văn A", duration=200)
    world.entrant("Trần Thị B", duration=200)  # tied with A on every key of the chain
    world.entrant("Lê Văn C", duration=400)
    db.session.add(Attempt(public_id=secrets.token_hex(8), round_id=world.round.id,
                           registration_id=first.id, number=2, status="open",
                           started_at=world.round.closes_at - timedelta(minutes=5),
                           deadline=world.round.closes_at))
    db.session.commit()
    auth.login(make_user(role="organiser"))
    body = page(client, world.contest)
    assert "Đợt «Tuần 1» đã đóng nhưng còn 1 bài đang mở chưa chốt." in body
    assert "Đợt «Tuần 1» đã đóng, chưa xác nhận kết quả." in body
    assert ("Đợt «Tuần 1», khối «CBCCVC»: 2 thí sinh đồng hạng ở giải cuối, 1 được giải theo "
            "tiêu chí cuối cùng, 1 không được giải.") in body
    assert f'href="/cham-giai/dot/{world.round.id}?khoi={world.group.id}"' in body
    judge = make_user(role="judge")
    results.confirm(judge.id, world.round)
    db.session.commit()
    body = page(client, world.contest)
    assert "chưa xác nhận" not in body and "đồng hạng" not in body
    assert "Đợt «Tuần 1» đã xác nhận, chưa công bố kết quả." in body
    assert f'href="/ket-qua/dot/{world.round.id}/cong-bo"' in body


def _rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_entrants_list_is_masked_unless_the_full_one_is_asked_for(client, auth, make_user,
                                                                      world):
    world.entrant("Đặng Văn Đức", phone="0912345678", id_number="001090012345")
    world.entrant("An Thị Bình", phone="0987654321", id_number="001090054321")
    auth.login(make_user(role="organiser"))
    assert 'xuat-thi-sinh' in page(client, world.contest)
    response = client.get(f"/cham-giai/cuoc-thi/{world.contest.id}/xuat-thi-sinh")
    assert response.status_code == 200
    rows = _rows(response)
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "*******678" in text and "0912345678" not in text and "001090012345" not in text
    names = [row[1] for row in rows if isinstance(row[0], int)]
    assert names == ["An Thị Bình", "Đặng Văn Đức"]  # Vietnamese order: A before Đ
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0
    full = client.get(f"/cham-giai/cuoc-thi/{world.contest.id}/xuat-thi-sinh",
                      query_string={"day-du": "1", "dinh_dang": "csv"})
    assert full.status_code == 200 and "0912345678" in full.get_data(as_text=True)
    entry = db.session.scalar(sa.select(AuditEntry))
    assert entry.action == "export.registrations" and entry.details["rows"] == 2
    auth.logout()
    auth.login(make_user(role="judge"))
    assert client.get(f"/cham-giai/cuoc-thi/{world.contest.id}/xuat-thi-sinh").status_code == 403
