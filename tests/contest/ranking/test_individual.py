"""Pure individual ranking: the tie-break chains seen in real contest rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contest.ranking.individual import (
    AttemptResult,
    Registrant,
    overall_entries,
    pick_counted,
    rank,
    rank_by_group,
    round_entries,
)
from contest.ranking.tiebreak import Entry, RankingError, explain, normalise_chain

T0 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def e(rid, score, err=None, time=None, sub=None, n=1, reg=None) -> Entry:
    return Entry(rid, score, 20.0, None, err, time, None if sub is None else at(sub), n,
                 None if reg is None else at(reg))


def order(rows) -> list[tuple[int, int]]:
    return [(r.rank, r.entry.registration_id) for r in rows]


CHAINS = {
    "score_prediction_submission": ["score", "prediction_error", "submitted_at"],
    "score_time_prediction": ["score", "time_taken", "prediction_error"],
    "score_time_attempts_registration": ["score", "time_taken", "attempt_count",
                                         "registered_at"],
    "totals_time_attempts": ["score", "time_taken", "attempt_count"],
}

CASES = [
    # (chain, entries, expected [(rank, registration id)])
    ("score_prediction_submission",
     [e(1, 20, err=15, sub=1), e(2, 20, err=3, sub=9), e(3, 19, err=0, sub=0),
      e(4, 20, err=3, sub=5)],
     [(1, 4), (2, 2), (3, 1), (4, 3)]),
    ("score_prediction_submission",  # no prediction is worse than any error
     [e(1, 20, err=None, sub=0), e(2, 20, err=1000, sub=9)],
     [(1, 2), (2, 1)]),
    ("score_prediction_submission",  # equal on every key: shared rank, id orders the display
     [e(7, 20, err=3, sub=5), e(5, 20, err=3, sub=5), e(6, 18, err=0, sub=0)],
     [(1, 5), (1, 7), (3, 6)]),
    ("score_time_prediction",
     [e(1, 20, err=0, time=600), e(2, 20, err=9, time=300), e(3, 20, err=1, time=300),
      e(4, 17, err=0, time=60)],
     [(1, 3), (2, 2), (3, 1), (4, 4)]),
    ("score_time_prediction",  # missing time loses
     [e(1, 20, time=None), e(2, 20, time=1200)],
     [(1, 2), (2, 1)]),
    ("score_time_attempts_registration",
     [e(1, 20, time=300, n=3, reg=0), e(2, 20, time=300, n=1, reg=50),
      e(3, 20, time=300, n=1, reg=10), e(4, 20, time=200, n=9, reg=99)],
     [(1, 4), (2, 3), (3, 2), (4, 1)]),
    ("score_time_attempts_registration",  # 1, 2, 2, 4
     [e(1, 20, time=300, n=1, reg=1), e(2, 19, time=300, n=1, reg=1),
      e(3, 19, time=300, n=1, reg=1), e(4, 18, time=1, n=1, reg=0)],
     [(1, 1), (2, 2), (2, 3), (4, 4)]),
    ("totals_time_attempts",
     [e(1, 58, time=1500, n=3), e(2, 60, time=3000, n=9), e(3, 58, time=1500, n=2),
      e(4, 58, time=1400, n=7)],
     [(1, 2), (2, 4), (3, 3), (4, 1)]),
]


@pytest.mark.parametrize(("chain", "entries", "expected"), CASES)
def test_rank_follows_configured_chain(chain, entries, expected):
    assert order(rank(entries, CHAINS[chain])) == expected


@pytest.mark.parametrize(("chain", "entries", "expected"), CASES)
def test_rank_does_not_depend_on_input_order(chain, entries, expected):
    assert order(rank(list(reversed(entries)), CHAINS[chain])) == expected


def test_tied_flag_marks_every_member_of_a_shared_rank():
    rows = rank([e(1, 20), e(2, 20), e(3, 10)], ["score"])
    assert [r.tied for r in rows] == [True, True, False]


def test_rank_by_group_ranks_each_group_apart():
    a, b, c = e(1, 10), e(2, 20), e(3, 15)
    a.group_id, b.group_id, c.group_id = 1, 2, 1
    groups = rank_by_group([a, b, c], ["score"])
    assert {g: order(rows) for g, rows in groups.items()} == {1: [(1, 3), (2, 1)], 2: [(1, 2)]}


def test_chain_gets_score_first_and_rejects_unknown_keys():
    assert normalise_chain(["time_taken", "score", "time_taken"]) == ("score", "time_taken")
    assert normalise_chain(None) == ("score",)
    with pytest.raises(RankingError, match="không hợp lệ"):
        normalise_chain(["luck"])


@pytest.mark.parametrize(("a", "b", "chain", "text"), [
    (e(1, 20, err=3), e(2, 20, err=15), ["score", "prediction_error"],
     "Bằng điểm (20/20); sai số dự đoán 3 < 15"),
    (e(1, 19), e(2, 20), ["score"], "Điểm 19/20 < 20/20"),
    (e(1, 20, time=302), e(2, 20, time=370), ["score", "time_taken"],
     "Bằng điểm (20/20); thời gian làm bài 5 phút 02 giây < 6 phút 10 giây"),
    (e(1, 20, err=2), e(2, 20, err=None), ["score", "prediction_error"],
     "Bằng điểm (20/20); sai số dự đoán 2 tốt hơn không dự đoán"),
    (e(1, 20, time=60, n=2), e(2, 20, time=60, n=1), CHAINS["totals_time_attempts"],
     "Bằng điểm (20/20); bằng thời gian làm bài (1 phút 00 giây); số lượt thi 2 > 1"),
    (e(1, 20, sub=0), e(2, 20, sub=0.5), ["score", "submitted_at"],
     "Bằng điểm (20/20); thời điểm nộp bài 08:00:00 05/05/2025 < 08:00:30 05/05/2025"),
    (e(3, 20), e(8, 20), ["score"],
     "Bằng điểm (20/20); đồng hạng; thứ tự hiển thị theo mã đăng ký 3 < 8"),
])
def test_explain_names_first_separating_key(a, b, chain, text):
    assert explain(a, b, chain) == text


def att(aid, rid, number, score, status="submitted", pred=None, dur=None, fin=None):
    return AttemptResult(aid, rid, number, status, score, 20.0, pred, dur,
                         None if fin is None else at(fin))


@pytest.mark.parametrize(("counting", "chain", "truth", "expected"), [
    ("best", ["score", "prediction_error"], 100.0, 3),  # 18 vs 18: error 2 beats 5
    ("best", ["score", "time_taken"], 100.0, 2),  # 18 vs 18: 200 s beats 400 s
    ("best", ["score"], 100.0, 2),  # equal: the earlier attempt
    ("first", ["score"], None, 1),
    ("last", ["score"], None, 3),  # attempt 4 is still open
])
def test_pick_counted_follows_counting_rule(counting, chain, truth, expected):
    attempts = [
        att(1, 9, 1, 10, pred=100, dur=100, fin=1),
        att(2, 9, 2, 18, pred=105, dur=200, fin=2),
        att(3, 9, 3, 18, status="expired", pred=98, dur=400, fin=3),
        att(4, 9, 4, 20, status="open"),
    ]
    assert pick_counted(attempts, counting, chain, truth).attempt_id == expected


def test_pick_counted_without_finished_attempt_is_none():
    assert pick_counted([att(1, 1, 1, None, status="open")], "best", ["score"]) is None


def test_round_entries_skip_disqualified_and_excluded_and_count_attempts():
    attempts = [att(1, 1, 1, 10), att(2, 1, 2, 15), att(3, 2, 1, 20), att(4, 3, 1, 20),
                att(5, 1, 3, 0, status="open")]
    people = [Registrant(1, group_id=1), Registrant(2, disqualified=True), Registrant(3)]
    entries = round_entries(attempts, people, "best", ["score"], exclude_ids={3})
    assert [(x.registration_id, x.score, x.attempt_count, x.attempt_id) for x in entries] == [
        (1, 15, 2, 2)]


def test_overall_sums_rounds_and_keeps_missing_values_worst():
    r1 = [e(1, 20, err=2, time=100, sub=1, n=1), e(2, 18, err=None, time=50, sub=2, n=2)]
    r2 = [e(1, 15, err=1, time=200, sub=9, n=3), e(2, 17, err=4, time=None, sub=8, n=1)]
    r3 = [e(1, 5, err=None, time=10, sub=20, n=1)]  # round without a known truth
    totals = {t.registration_id: t for t in overall_entries([(r1, True), (r2, True),
                                                             (r3, False)])}
    one, two = totals[1], totals[2]
    assert (one.score, one.time_taken, one.attempt_count, one.prediction_error, one.rounds) == (
        40, 310, 5, 3, 3)
    assert one.submitted_at == at(20)
    assert (two.score, two.time_taken, two.attempt_count, two.prediction_error) == (
        35, None, 3, None)
    assert order(rank(totals.values(), CHAINS["totals_time_attempts"])) == [(1, 1), (2, 2)]


def test_explain_accepts_ranked_rows():
    first, second = rank([e(2, 20, err=9), e(1, 20, err=4)], ["score", "prediction_error"])
    assert explain(first, second, ["score", "prediction_error"]) == (
        "Bằng điểm (20/20); sai số dự đoán 4 < 9")
