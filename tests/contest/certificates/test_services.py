"""Issuing certificates: codes, idempotence, prize changes, results."""

from __future__ import annotations

import pytest

from contest.certificates import services
from contest.certificates.models import CODE_LENGTH
from contest.extensions import db


def winner(data, i=0, prize="Giải Nhất"):
    person = data.people[i]
    return services.Winner(data.regs[i].id, person.full_name, data.unit.name, prize,
                           data.round.name, data.round.id)


def test_codes_are_long_random_and_unambiguous():
    codes = {services.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == CODE_LENGTH for c in codes)
    assert not set("".join(codes)) & set("0O1IL")


def test_issue_copies_names_and_is_idempotent(contest_data):
    [cert] = services.issue([winner(contest_data)], None)
    db.session.commit()
    assert cert.holder_name == "Nguyễn Thị Hồng Nhung" and cert.prize == "Giải Nhất"
    assert cert.contest_title.startswith("Tìm hiểu") and cert.round_name == "Tuần 1"
    [again] = services.issue([winner(contest_data)], None)
    assert again.id == cert.id


def test_changed_prize_revokes_the_old_certificate(contest_data):
    [first] = services.issue([winner(contest_data)], None)
    [second] = services.issue([winner(contest_data, prize="Giải Nhì")], None)
    db.session.commit()
    assert first.revoked_at is not None and "Giải Nhì" in first.revoke_reason
    assert second.is_valid and second.code != first.code


def test_find_by_code_accepts_what_people_type(contest_data):
    [cert] = services.issue([winner(contest_data)], None)
    typed = cert.display_code.lower().replace("-", " ")
    assert services.find_by_code(typed).id == cert.id
    assert services.find_by_code("") is None
    assert services.find_by_code("x" * 500) is None
    assert services.find_by_code("0000-0000-0000-0000") is None


def test_issue_refuses_unknown_registration_and_empty_prize(contest_data):
    bad = services.Winner(9999, "Ai đó", "", "Giải Ba", "Tuần 1", contest_data.round.id)
    with pytest.raises(services.CertificateError, match="Không tìm thấy đăng ký"):
        services.issue([bad], None)
    with pytest.raises(services.CertificateError, match="Chưa có tên giải"):
        services.issue([winner(contest_data, prize="  ")], None)


def test_issue_by_login(contest_data):
    cert = services.issue_by_login(contest_data.round, contest_data.people[1].phone,
                                   "Giải Ba", None)
    assert cert.holder_name == "Trần Minh Quân" and cert.unit_name == "Sở Nội vụ"
    with pytest.raises(services.CertificateError, match="Không có thí sinh"):
        services.issue_by_login(contest_data.round, "0900000000", "Giải Ba", None)


def test_winners_come_from_the_published_snapshot(contest_data):
    from contest.results.models import ResultSnapshot

    rnd = contest_data.round
    assert services.winners_from_results(rnd) is None
    rows = [{"registration_id": contest_data.regs[0].id, "name": "Nguyễn Thị Hồng Nhung",
             "unit": "Sở Nội vụ", "prize_label": "Giải Nhất"},
            {"registration_id": contest_data.regs[1].id, "name": "Trần Minh Quân",
             "unit": "Sở Nội vụ", "prize_label": ""}]
    db.session.add(ResultSnapshot(round_id=rnd.id, version=1, is_current=True,
                                  data={"groups": [{"rows": rows}]}))
    db.session.commit()
    winners = services.winners_from_results(rnd)
    assert [(w.full_name, w.prize) for w in winners] == [("Nguyễn Thị Hồng Nhung", "Giải Nhất")]
