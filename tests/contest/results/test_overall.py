"""The overall ranking across rounds through the pages: its own chain (total score, total time,
total attempts), boundary ties, confirm, publish, public page, exports and the audit log."""

from __future__ import annotations

import io
import secrets
from datetime import timedelta

import sqlalchemy as sa
from openpyxl import load_workbook

from contest.attempts.models import Attempt
from contest.audit.models import AuditEntry
from contest.contests.models import Contest, Round
from contest.extensions import db, utcnow
from contest.results import overall
from contest.results.models import OverallConfirmation, OverallSnapshot


def add_round(world, results, *, closed=True, name="Tuần 2"):
    """A second counted round; ``results`` maps registration -> (score, duration seconds)."""
    first = world.round
    now = utcnow()
    rnd = Round(contest=world.contest, name=name, opens_at=first.opens_at + timedelta(hours=2),
                closes_at=(now - timedelta(minutes=5)) if closed else now + timedelta(days=1),
                question_count=4)
    db.session.add(rnd)
    db.session.flush()
    for reg, (score, duration) in results.items():
        started = rnd.opens_at + timedelta(minutes=5)
        db.session.add(Attempt(public_id=secrets.token_hex(8), round_id=rnd.id,
                               registration_id=reg.id, status="submitted", started_at=started,
                               deadline=started + timedelta(minutes=20),
                               finished_at=started + timedelta(seconds=duration), score=score,
                               max_score=4, duration_seconds=duration))
    db.session.commit()
    return rnd


def two_rounds(world):
    # Round 1: An 4 in 300 s, Bình 4 in 100 s, Cường 3 in 50 s.
    an = world.entrant("Nguyễn Văn An", duration=300)
    binh = world.entrant("Trần Thị Bình", duration=100)
    cuong = world.entrant("Lê Văn Cường", score=3, duration=50)
    # Round 2: An 4 in 100 s (total 8, 400 s), Bình 3 in 100 s (7), Cường 4 in 60 s (7, 110 s).
    add_round(world, {an: (4, 100), binh: (3, 100), cuong: (4, 60)})
    return an, binh, cuong


def test_overall_ranks_on_its_own_chain(world):
    an, binh, cuong = two_rounds(world)
    ranked = overall.overall_ranking(world.contest)[world.group.id]
    assert [(r.rank, r.entry.registration_id, r.entry.score, r.entry.time_taken)
            for r in ranked] == [(1, an.id, 8, 400), (2, cuong.id, 7, 110), (3, binh.id, 7, 200)]
    world.contest.overall_tie_breaks = ["score", "attempt_count"]  # time no longer counts
    db.session.commit()
    ranked = overall.overall_ranking(world.contest)[world.group.id]
    assert [(r.rank, r.entry.registration_id) for r in ranked] == [
        (1, an.id), (2, binh.id), (2, cuong.id)]


def test_judge_confirms_organiser_publishes_public_reads(world, client, auth, make_user):
    an, binh, cuong = two_rounds(world)
    world.group.prize_counts = {"nhat": 1, "nhi": 1, "ba": 0, "khuyen_khich": 0}
    db.session.commit()
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    auth.login(judge)
    url = f"/cham-giai/cuoc-thi/{world.contest.id}/chung-cuoc"
    body = client.get(url).get_data(as_text=True)
    assert "Xếp hạng chung cuộc" in body and "Tuần 1, Tuần 2" in body
    assert body.index("Nguyễn Văn An") < body.index("Lê Văn Cường") < body.index("Trần Thị Bình")
    assert client.post(f"{url}/xac-nhan", data={"note": ""}).status_code == 302
    assert db.session.scalar(sa.select(OverallConfirmation)) is not None
    auth.logout()
    auth.login(organiser)
    publish = f"/ket-qua/cuoc-thi/{world.contest.id}/chung-cuoc/cong-bo"
    assert "Đã được Ban giám khảo xác nhận" in client.get(publish).get_data(as_text=True)
    form = {f"g{world.group.id}_nhat": "1", f"g{world.group.id}_nhi": "1", "reason": ""}
    assert client.post(publish, data=form).status_code == 302
    snapshot = db.session.scalar(sa.select(OverallSnapshot))
    rows = snapshot.data["groups"][0]["rows"]
    assert [(r["name"], r["prize_label"]) for r in rows] == [
        ("Nguyễn Văn An", "Giải Nhất"), ("Lê Văn Cường", "Giải Nhì"), ("Trần Thị Bình", "")]
    public = client.get(f"/ket-qua/cuoc-thi/{world.contest.id}/chung-cuoc").get_data(
        as_text=True)
    assert "Kết quả chung cuộc" in public and "Nguyễn Văn An" in public
    assert "Trần Thị Bình" not in public  # no prize, not shown publicly
    response = client.get(f"{url}/xuat/winners")
    ws = load_workbook(io.BytesIO(response.data)).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Đợt thi: Chung cuộc" in cells and "Tổng hợp các đợt: Tuần 1, Tuần 2" in cells
    assert "Nguyễn Văn An" in cells and "Giải Nhì" in cells
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"overall.confirm", "overall.publish"} <= actions


def test_overall_boundary_tie_is_shown_before_confirming(world, client, auth, make_user):
    an = world.entrant("Nguyễn Văn An")
    binh = world.entrant("Trần Thị Bình")
    add_round(world, {an: (4, 300), binh: (4, 300)})
    world.group.prize_counts = {"nhat": 1, "nhi": 0, "ba": 0, "khuyen_khich": 0}
    db.session.commit()
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/cuoc-thi/{world.contest.id}/chung-cuoc").get_data(
        as_text=True)
    review = body[body.index("Ranh giới giải thưởng"):body.index("Xác nhận của Ban giám khảo")]
    assert "2 thí sinh đồng hạng 1" in review and "Không được giải (1)" in review
    assert review.index("Nguyễn Văn An") < review.index("Không được giải") < review.index(
        "Trần Thị Bình")


def test_confirm_is_refused_while_a_round_is_open(world, client, auth, make_user):
    an = world.entrant("Nguyễn Văn An")
    add_round(world, {an: (4, 100)}, closed=False)
    auth.login(make_user(role="judge"))
    url = f"/cham-giai/cuoc-thi/{world.contest.id}/chung-cuoc"
    response = client.post(f"{url}/xac-nhan", data={"note": ""}, follow_redirects=True)
    assert "Còn đợt thi chưa kết thúc: Tuần 2" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(OverallConfirmation)) is None


def test_publish_needs_a_fresh_confirmation(world, make_user):
    from contest.judging import services as judging
    from contest.results.services import ResultsError

    an, binh, cuong = two_rounds(world)
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    overall.confirm(judge.id, world.contest)
    overall.publish(organiser.id, world.contest)
    judging.disqualify(judge.id, an, "Thi hộ người khác")
    db.session.commit()
    assert overall.is_stale(overall.current(world.contest))
    try:
        overall.publish(organiser.id, world.contest, reason="Loại thí sinh thi hộ")
    except ResultsError as error:
        assert "chưa được Ban giám khảo xác nhận" in str(error)
    else:
        raise AssertionError("publish should need a new confirmation")
    overall.confirm(judge.id, world.contest)
    second = overall.publish(organiser.id, world.contest, reason="Loại thí sinh thi hộ")
    assert second.version == 2
    assert [r["name"] for r in second.data["groups"][0]["rows"]][0] == "Lê Văn Cường"


def test_contest_form_sets_the_overall_chain(client, auth, make_user):
    auth.login(make_user(role="organiser"))
    base = {"title": "Cuộc thi CCHC", "tie_break_1": "score", "collective_formula":
            "most_entrants", "collective_min_rate": "50", "prize_tie_rule": "cut"}
    bad = client.post("/quan-ly/cuoc-thi/moi", data={
        **base, "overall_tie_break_1": "score", "overall_tie_break_2": "score"})
    assert "Xếp hạng chung cuộc: Mỗi tiêu chí xếp hạng chỉ được chọn một lần." in (
        bad.get_data(as_text=True))
    assert db.session.scalar(sa.select(Contest)) is None
    client.post("/quan-ly/cuoc-thi/moi", data={
        **base, "overall_tie_break_1": "score", "overall_tie_break_2": "attempt_count",
        "overall_tie_break_3": "time_taken"})
    contest = db.session.scalar(sa.select(Contest))
    assert contest.overall_tie_breaks == ["score", "attempt_count", "time_taken"]


def test_contest_page_links_the_published_overall_results(world, client, make_user):
    two_rounds(world)
    world.contest.status = "published"
    db.session.commit()
    url = f"/ket-qua/cuoc-thi/{world.contest.id}/chung-cuoc"
    assert url not in client.get(f"/cuoc-thi/{world.contest.id}").get_data(as_text=True)
    overall.confirm(make_user(role="judge").id, world.contest)
    overall.publish(make_user(role="organiser").id, world.contest)
    db.session.commit()
    body = client.get(f"/cuoc-thi/{world.contest.id}").get_data(as_text=True)
    assert url in body and "Xếp hạng chung cuộc (tổng hợp các đợt):" in body
    assert url in client.get("/ket-qua/").get_data(as_text=True)


def test_cli_exports_the_overall_ranking(world, runner, tmp_path):
    two_rounds(world)
    out = tmp_path / "overall.csv"
    result = runner.invoke(args=["results", "export", "results", "--overall",
                                 str(world.contest.id), "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8-sig")
    assert "BẢN XEM TRƯỚC" in text and "Đợt thi: Chung cuộc" in text
    assert text.index("Nguyễn Văn An") < text.index("Lê Văn Cường") < text.index("Trần Thị Bình")
    bad = runner.invoke(args=["results", "export", "bulletin", "--overall",
                              str(world.contest.id), "--output", str(tmp_path / "x.xlsx")])
    assert bad.exit_code != 0 and "Loại xuất không hợp lệ" in bad.output
    missing = runner.invoke(args=["results", "export", "winners", "--overall", "999",
                                  "--output", str(tmp_path / "y.xlsx")])
    assert missing.exit_code != 0 and "999" in missing.output
