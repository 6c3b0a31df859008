"""Helper for fault_pg_restart.sh: build a contest, run answering entrants, verify the database.

    python benchmarks/fault_pg_client.py setup  --entrants 20 --out /tmp/fault.json
    python benchmarks/fault_pg_client.py run    --data /tmp/fault.json --base-url URL --seconds 20
    python benchmarks/fault_pg_client.py verify --data /tmp/fault.json
DATABASE_URL must point at a scratch PostgreSQL database (setup drops and creates every table).
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import requests
import sqlalchemy as sa

from contest import create_app
from contest.extensions import db, utcnow

AREAS = ["Cải cách thể chế", "Cải cách thủ tục hành chính",
         "Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách chế độ công vụ",
         "Cải cách tài chính công", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"]
PASSWORD = "matkhau123"
BROKEN = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


def setup(entrants: int, out: str) -> None:
    """Fresh schema, one open round with 10 questions, entrants registered with open attempts."""
    from contest.accounts.services import create_user
    from contest.attempts.services import start_attempt
    from contest.contests.models import Contest, EntrantGroup, Registration, Round
    from question_bank.fingerprint import fingerprint
    from question_bank.models import Bank, Question, QuestionOption, ReformArea

    app = create_app({"PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.session.add_all(ReformArea(id=i, name=n, position=i) for i, n in enumerate(AREAS, 1))
        bank = Bank(name="Ngân hàng thử sự cố")
        for n in range(30):
            texts = [f"Phương án {c} câu {n}" for c in "ABCD"]
            bank.questions.append(Question(
                code=f"F{n:04d}", text=f"Câu hỏi {n}", area_id=n % 6 + 1, difficulty=2,
                fingerprint=fingerprint(str(n), texts),
                options=[QuestionOption(position=i, text=t, is_correct=i == 0)
                         for i, t in enumerate(texts)]))
        contest = Contest(title="Thử khởi động lại PostgreSQL", status="published")
        contest.groups.append(EntrantGroup(name="Khối thử", banks=[bank]))
        now = utcnow()
        round_ = Round(contest=contest, name="Vòng thử", opens_at=now - timedelta(hours=1),
                       closes_at=now + timedelta(days=1), question_count=10,
                       time_limit_minutes=60)
        db.session.add_all([bank, contest, round_])
        db.session.commit()
        people = []
        for i in range(entrants):
            user = create_user(role="entrant", password=PASSWORD, full_name=f"Thí sinh {i}",
                               phone=f"0977{i:06d}")
            db.session.add(Registration(contest=contest, user_id=user.id,
                                        group=contest.groups[0], consent_at=now))
            db.session.flush()
            attempt = start_attempt(user.id, round_.id).attempt
            db.session.commit()
            people.append({"phone": user.phone, "attempt": attempt.public_id,
                           "options": {str(it.position): len(it.options)
                                       for it in attempt.items}})
        db.engine.dispose()
    with open(out, "w") as handle:
        json.dump({"people": people}, handle)
    print(f"setup: {entrants} entrants with open attempts")


def run(data_path: str, base: str, seconds: float) -> None:
    """Every entrant answers in a loop for ``seconds``, retrying anything not acknowledged."""
    data = json.loads(Path(data_path).read_text())
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    outages: list[float] = []

    def entrant(person: dict) -> None:
        session = requests.Session()
        for _ in range(100):  # logging in may itself meet the outage: retry
            try:
                page = session.get(f"{base}/dang-nhap", timeout=10)
                found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
                if found and session.post(
                        f"{base}/dang-nhap", allow_redirects=False, timeout=10,
                        data={"login": person["phone"], "password": PASSWORD,
                              "csrf_token": found.group(1)}).status_code == 302:
                    break
            except BROKEN:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit(f"could not log in {person['phone']}")
        acked: dict[str, list[int]] = {}
        n = 0
        while time.monotonic() < stop:
            n += 1
            for position, count in person["options"].items():
                selected = [(n + int(position)) % count]
                first_failure = None
                while True:  # retry until acknowledged
                    try:
                        response = session.put(
                            f"{base}/api/v1/attempts/{person['attempt']}/answers/{position}",
                            json={"selected": selected}, timeout=15,
                            headers={"X-Requested-With": "fetch"})
                        code = response.status_code
                    except BROKEN:  # refused, reset, or cut off mid-answer
                        code = "connection error"
                    with lock:
                        statuses[code] += 1
                    if code == 200:
                        acked[position] = selected
                        if first_failure is not None:
                            with lock:
                                outages.append(time.monotonic() - first_failure)
                        break
                    if code not in (502, 503, 504, "connection error"):
                        raise SystemExit(f"unexpected {code}: {response.text[:300]}")
                    first_failure = first_failure or time.monotonic()
                    time.sleep(0.2)
        person["acked"] = acked

    threads = [threading.Thread(target=entrant, args=(p,)) for p in data["people"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    Path(data_path).write_text(json.dumps(data))
    print(f"run: answer responses {dict(statuses)}")
    if outages:
        print(f"run: {len(outages)} answers needed retries; longest wait "
              f"{max(outages):.1f}s until acknowledged")


def verify(data_path: str) -> None:
    """Every acknowledged answer is the stored selection of its position."""
    from contest.attempts.models import Attempt, AttemptItem

    data = json.loads(Path(data_path).read_text())
    app = create_app()
    lost = checked = 0
    with app.app_context():
        for person in data["people"]:
            rows = db.session.execute(
                sa.select(AttemptItem.position, AttemptItem.selected).join(Attempt)
                .where(Attempt.public_id == person["attempt"])).all()
            stored = {str(p): s for p, s in rows}
            for position, selected in person.get("acked", {}).items():
                checked += 1
                lost += stored[position] != selected
        db.engine.dispose()
    print(f"verify: {checked} acknowledged answers checked, {lost} lost")
    raise SystemExit(1 if lost or not checked else 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["setup", "run", "verify"])
    parser.add_argument("--entrants", type=int, default=20)
    parser.add_argument("--out", "--data", dest="data", default="/tmp/fault_pg.json")
    parser.add_argument("--base-url", default="http://127.0.0.1:5109")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--smoke", action="store_true",
                        help="3 entrants, a 2 s run (no outage: fault_pg_restart.sh makes one)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.entrants, args.seconds = 3, 2.0
    if args.command == "setup":
        setup(args.entrants, args.data)
    elif args.command == "run":
        run(args.data, args.base_url, args.seconds)
    else:
        verify(args.data)


if __name__ == "__main__":
    main()
