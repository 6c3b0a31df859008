"""The home page invites: contests open now and coming, a countdown on the server's clock,
the right button for each visitor, the latest results, and social previews."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from PIL import Image

from contest.contests.services import create_round
from contest.extensions import db, utcnow
from contest.results.models import ResultSnapshot


def test_open_contest_shows_groups_round_countdown_and_entrants(client, make_contest, make_user,
                                                                make_entrant):
    contest = make_contest(title="Cuộc thi tìm hiểu CCHC tỉnh Cao Bằng",
                           plan_reference="Kế hoạch 12/KH-UBND")
    for _ in range(3):
        make_entrant(make_user(), contest)
    page = client.get("/").get_data(as_text=True)
    assert "Cuộc thi tìm hiểu CCHC tỉnh Cao Bằng" in page
    assert "Theo Kế hoạch 12/KH-UBND" in page
    assert "Đối tượng dự thi: CBCCVC, Người dân." in page
    assert "Tuần 1" in page and "đóng lúc" in page
    assert "3 người đã đăng ký" in page
    countdown = re.search(r'class="countdown" data-to="([^"]+)" data-now="([^"]+)"', page)
    assert countdown and countdown.group(1) == contest.rounds[0].closes_at.isoformat()
    assert f'href="/dang-ky/{contest.invite_token}"' in page  # anonymous: register
    assert "/dang-nhap?next=" in page and "#the-le" in page


def test_registered_entrant_continues_and_staff_only_look(client, auth, make_contest, make_user,
                                                          make_entrant):
    contest = make_contest()
    entrant = make_user()
    make_entrant(entrant, contest)
    auth.login(entrant)
    page = client.get("/").get_data(as_text=True)
    assert "Tiếp tục dự thi" in page
    assert f"/dang-ky/{contest.invite_token}" not in page
    auth.logout()
    auth.login(make_user(role="organiser"))
    page = client.get("/").get_data(as_text=True)
    assert "Xem cuộc thi" in page and f"/dang-ky/{contest.invite_token}" not in page


def test_drafts_and_finished_contests_stay_off_and_coming_rounds_count_down_to_opening(
        client, make_contest):
    make_contest(title="Bản nháp bí mật", published=False)
    done = make_contest(title="Cuộc thi đã xong", with_round=False)
    now = utcnow()
    create_round(done, name="Đợt cũ", opens_at=now - timedelta(days=9),
                 closes_at=now - timedelta(days=2), question_count=5, time_limit_minutes=10)
    coming = make_contest(title="Cuộc thi sắp mở", with_round=False)
    create_round(coming, name="Đợt 1", opens_at=now + timedelta(hours=5),
                 closes_at=now + timedelta(days=3), question_count=5, time_limit_minutes=10)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Bản nháp bí mật" not in page and "Cuộc thi đã xong" not in page
    assert "Cuộc thi sắp mở" in page and "mở lúc" in page and "Còn đến giờ mở:" in page
    assert f'data-to="{coming.rounds[0].opens_at.isoformat()}"' in page


def test_open_contests_come_before_coming_ones(client, make_contest):
    now = utcnow()
    coming = make_contest(title="Sắp mở", with_round=False)
    create_round(coming, name="Đợt 1", opens_at=now + timedelta(hours=1),
                 closes_at=now + timedelta(days=1), question_count=5, time_limit_minutes=10)
    db.session.commit()
    make_contest(title="Đang mở")
    page = client.get("/").get_data(as_text=True)
    assert page.index("Đang mở</a>") < page.index("Sắp mở</a>")


def test_latest_published_results_are_listed(client, make_contest):
    contest = make_contest(title="Cuộc thi có kết quả")
    db.session.add(ResultSnapshot(round_id=contest.rounds[0].id, version=1, is_current=True,
                                  data={}))
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Kết quả mới công bố" in page
    assert f'href="/ket-qua/dot/{contest.rounds[0].id}"' in page
    assert "Cuộc thi có kết quả – Tuần 1" in page


def test_empty_home_page_says_so(client):
    page = client.get("/").get_data(as_text=True)
    assert "Hiện chưa có cuộc thi nào đang mở hoặc sắp mở." in page
    assert "Chưa có kết quả nào được công bố." in page


def test_contest_page_carries_social_preview_tags(app, client, make_contest):
    contest = make_contest(title="Cuộc thi tìm hiểu CCHC 2026", rules_text="Mỗi đợt 20 phút.")
    app.config["PUBLIC_URL"] = "https://thi.example.gov.vn"
    page = client.get(f"/cuoc-thi/{contest.id}", headers={"Host": "evil.example"}).get_data(
        as_text=True)
    assert '<meta property="og:title" content="Cuộc thi tìm hiểu CCHC 2026">' in page
    assert '<meta name="description" content="Mỗi đợt 20 phút.">' in page
    image = f"https://thi.example.gov.vn/cuoc-thi/{contest.id}/anh-chia-se.png"
    assert f'<meta property="og:image" content="{image}">' in page
    assert "evil.example" not in page


def test_share_picture_is_a_1200_by_630_png(client, make_contest):
    contest = make_contest(title="Cuộc thi tìm hiểu cải cách hành chính tỉnh Thừa Thiên Huế "
                                 "năm 2026 dành cho cán bộ, công chức, viên chức và Nhân dân")
    response = client.get(f"/cuoc-thi/{contest.id}/anh-chia-se.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert "public" in response.headers["Cache-Control"]
    assert Image.open(io.BytesIO(response.data)).size == (1200, 630)


def test_share_picture_of_a_draft_or_unknown_contest_is_not_found(client, make_contest):
    draft = make_contest(published=False)
    assert client.get(f"/cuoc-thi/{draft.id}/anh-chia-se.png").status_code == 404
    assert client.get("/cuoc-thi/999999/anh-chia-se.png").status_code == 404


def test_home_page_runs_a_fixed_number_of_queries(client, make_contest, make_user, make_entrant):
    from sqlalchemy import event

    for n in range(4):
        contest = make_contest(title=f"Cuộc thi {n}")
        make_entrant(make_user(), contest)
    statements: list[str] = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get("/").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) <= 8, statements
