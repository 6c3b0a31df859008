"""The demo contest: two entrant groups, a closed round with graded attempts and an open round."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import cast

import sqlalchemy as sa

from contest.accounts.models import Role, User
from contest.attempts.closeout import close_out
from contest.attempts.services import save_answers, start_attempt, submit_attempt
from contest.contests.groups import add_group
from contest.contests.models import Contest, Registration, Round
from contest.contests.services import create_contest, create_round, set_status
from contest.demo.people import DEMO_PASSWORD, demo_entrants
from contest.demo.questions import CITIZEN_BANK, STAFF_BANK
from contest.demo.units import BLOCK_COMMUNES, demo_units
from contest.extensions import db, utcnow
from contest.i18n import VN_TZ
from contest.registration.services import register_entrant
from contest.vocabulary import (
    DEFAULTS,
    AttemptPolicy,
    ContestStatus,
    PredictionKind,
    RegistrationField,
    ReviewPolicy,
)
from question_bank.models import ReformArea
from question_bank.services import get_or_create_bank

CONTEST_TITLE = "Cuộc thi trực tuyến tìm hiểu cải cách hành chính năm 2025 (demo)"
STAFF_GROUP, CITIZEN_GROUP = "Cán bộ, công chức, viên chức", "Người dân"
PREDICTION_PROMPT = ("Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi "
                     "trong đợt này?")
# 20 questions per paper: (reform area position, count), every area represented.
RECIPE = [(1, 3), (2, 4), (3, 3), (4, 3), (5, 3), (6, 4)]
ENTRANTS = {STAFF_GROUP: 26, CITIZEN_GROUP: 14}
RULES = """\
1. Đối tượng dự thi: cán bộ, công chức, viên chức, người lao động đang công tác tại các cơ quan, \
đơn vị trên địa bàn thành phố (khối Cán bộ, công chức, viên chức) và người dân từ đủ 14 tuổi \
trở lên (khối Người dân). Thành viên Ban tổ chức, Ban giám khảo, Tổ thư ký không được dự thi.
2. Hình thức: thi trắc nghiệm trực tuyến. Mỗi đợt, thí sinh làm một đề gồm 20 câu hỏi lấy \
ngẫu nhiên từ ngân hàng câu hỏi của khối mình, thuộc 6 nội dung cải cách hành chính theo Nghị \
quyết 76/NQ-CP, và 01 câu hỏi dự đoán, trong thời gian 20 phút. Có câu hỏi có nhiều đáp án đúng.
3. Mỗi thí sinh được dự thi 01 lần trong mỗi đợt. Hết giờ, bài thi được tự động nộp.
4. Chấm điểm: mỗi câu trả lời đúng được 1 điểm, câu trả lời sai không bị trừ điểm. Câu hỏi dự \
đoán không tính điểm, chỉ dùng để xếp hạng khi bằng điểm.
5. Xếp hạng: theo điểm từ cao xuống thấp; nếu bằng điểm, thí sinh có dự đoán gần với số người \
trả lời đúng tất cả các câu hỏi trong đợt hơn xếp trên; nếu vẫn bằng nhau, thí sinh nộp bài \
sớm hơn xếp trên.
6. Cơ cấu giải mỗi đợt, mỗi khối: 01 giải Nhất, 02 giải Nhì, 03 giải Ba, 05 giải Khuyến khích; \
giải tập thể cho các đơn vị có tỷ lệ cán bộ, công chức, viên chức tham gia cao, theo từng khối.
7. Thí sinh khai báo đúng họ tên, số điện thoại, ngày sinh và đơn vị. Thi hộ, dùng nhiều tài \
khoản hoặc khai báo sai thông tin sẽ bị hủy kết quả. Dữ liệu cá nhân được xử lý theo Nghị định \
13/2023/NĐ-CP, chỉ dùng để tổ chức cuộc thi và khen thưởng.
8. Quyết định của Ban tổ chức là quyết định cuối cùng."""


def _vn_midnight(moment: datetime) -> datetime:
    """00:00 Vietnam time of the day ``moment`` falls on, as aware UTC."""
    local = moment.astimezone(VN_TZ).date()
    return datetime.combine(local, time(0), tzinfo=VN_TZ).astimezone(moment.tzinfo)


def _round_settings(area_ids: dict[int, int]) -> dict:
    return {
        "time_limit_minutes": DEFAULTS.time_limit_minutes,
        "question_count": DEFAULTS.question_count,
        "recipe": [{"area": area_ids[a], "difficulty": None, "count": n} for a, n in RECIPE],
        "prediction_kind": PredictionKind.FULL_MARKS_COUNT, "prediction_prompt": PREDICTION_PROMPT,
        "attempt_policy": AttemptPolicy.ONE_PER_ROUND, "review_policy": ReviewPolicy.AFTER_CLOSE,
    }


def find_contest() -> Contest | None:
    return db.session.scalar(sa.select(Contest).where(Contest.title == CONTEST_TITLE))


def seed_contest(now: datetime | None = None, seed: int = 2025) -> Contest | None:
    """Create the demo contest unless its title exists; return it, or None if it existed."""
    if find_contest() is not None:
        return None
    now = now or utcnow()
    rng = random.Random(seed)
    area_ids = dict(db.session.execute(sa.select(ReformArea.position, ReformArea.id)).all())
    contest = create_contest(
        title=CONTEST_TITLE,
        plan_reference="Kế hoạch số 45/KH-UBND ngày 10/3/2025 của UBND thành phố (dữ liệu mẫu)",
        decision_reference="Quyết định số 120/QĐ-UBND ngày 20/3/2025 (dữ liệu mẫu)",
        rules_text=RULES, tie_breaks=list(DEFAULTS.tie_breaks),
        required_fields=[*DEFAULTS.required_fields, RegistrationField.GENDER],
    )
    groups = {
        STAFF_GROUP: add_group(contest, STAFF_GROUP, [get_or_create_bank(STAFF_BANK).id]),
        CITIZEN_GROUP: add_group(contest, CITIZEN_GROUP, [get_or_create_bank(CITIZEN_BANK).id]),
    }
    this_week = _vn_midnight(now - timedelta(days=1))
    closed = create_round(contest, name="Đợt 1", opens_at=this_week - timedelta(days=7),
                          closes_at=this_week, **_round_settings(area_ids))
    create_round(contest, name="Đợt 2", opens_at=this_week,
                 closes_at=this_week + timedelta(days=7), **_round_settings(area_ids))
    set_status(contest, ContestStatus.PUBLISHED)
    registrations = _register_entrants(contest, groups, rng, now)
    for registration in registrations:
        _simulate_attempt(closed, registration, rng)
    close_out(closed)  # as the scheduler does: open attempts finalised, truth computed
    db.session.flush()
    return contest


def _register_entrants(contest: Contest, groups: dict, rng: random.Random,
                       now: datetime) -> list[Registration]:
    units = demo_units()
    communes = [u for u in units if u.block and u.block.name == BLOCK_COMMUNES]
    taken = cast(set[str],  # NULL phones are filtered out
                 set(db.session.scalars(sa.select(User.phone).where(User.phone.is_not(None)))))
    registrations: list[Registration] = []
    for name, count in ENTRANTS.items():
        ages = (23, 58) if name == STAFF_GROUP else (16, 70)
        pool = units if name == STAFF_GROUP else communes
        for person in demo_entrants(count, rng, taken_phones=taken, ages=ages, today=now.date()):
            fields = {"full_name": person.full_name, "phone": person.phone,
                      "gender": person.gender, "date_of_birth": person.date_of_birth}
            entrant: dict | User = {**fields, "password": DEMO_PASSWORD}
            if registrations:
                # Same password for every demo entrant: reuse the first hash (scrypt is slow).
                entrant = User(role=Role.ENTRANT, **fields,
                               password_hash=registrations[0].user.password_hash)
                db.session.add(entrant)
            registrations.append(register_entrant(contest, groups[name], rng.choice(pool),
                                                  entrant))
    return registrations


def _answer(correct: list[int], option_count: int, skill: float,
            rng: random.Random) -> list[int]:
    """A plausible answer: right with probability ``skill``, else a near miss or a blank."""
    roll = rng.random()
    if roll < skill:
        return sorted(correct)
    if roll > 0.985:
        return []  # left blank
    wrong = [i for i in range(option_count) if i not in correct]
    if len(correct) > 1 and (not wrong or rng.random() < 0.6):
        return [rng.choice(correct)]  # only part of a multi-answer question
    # Most mistakes fall on the same tempting option (the first wrong one shown).
    return [wrong[0] if rng.random() < 0.6 else rng.choice(wrong)]


def _simulate_attempt(round_: Round, registration: Registration, rng: random.Random) -> None:
    """Take the round as this entrant would have: start, answer, predict, submit in time."""
    span = (round_.closes_at - round_.opens_at).total_seconds() - 2 * 3600
    started = round_.opens_at + timedelta(seconds=3600 + rng.uniform(0, span))
    client_ip = f"113.160.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    attempt = start_attempt(registration.user_id, round_.id, now=started, rng=rng,
                            client_ip=client_ip).attempt
    skill = 1.0 if rng.random() < 0.2 else rng.uniform(0.5, 0.95)
    taken = timedelta(seconds=rng.uniform(240, 19 * 60))
    answers = {item.position: _answer(list(item.correct), len(item.options), skill, rng)
               for item in attempt.items}
    save_answers(attempt, answers, now=started + taken - timedelta(seconds=5))
    submit_attempt(attempt, prediction=rng.randint(2, 25), now=started + taken)


def demo_entrant_login() -> tuple[str, str] | None:
    """The phone and password of the demo contest's first registered entrant."""
    contest = find_contest()
    if contest is None:
        return None
    phone = db.session.scalar(
        sa.select(User.phone).join(Registration, Registration.user_id == User.id)
        .where(Registration.contest_id == contest.id).order_by(Registration.id).limit(1)
    )
    return (phone, DEMO_PASSWORD) if phone else None
