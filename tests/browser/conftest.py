"""Shared browser fixtures: the demo seed on a fresh SQLite file behind a live threaded server,
one Chromium for the session, signed-in contexts per role, and the screenshot folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.contest.attempts.live import live_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# Default: artifacts/screenshots at the repository root (git-ignored), wherever pytest runs from.
SHOTS = Path(os.environ.get("SCREENSHOT_DIR")
             or Path(__file__).resolve().parents[2] / "artifacts" / "screenshots")
STAFF = {"admin": ("admin@demo.vn", "admin12345"), "organiser": ("btc@demo.vn", "btc12345"),
         "judge": ("bgk@demo.vn", "bgk12345")}
_shots_taken: list[Path] = []


def chromium_or_skip() -> None:
    """Skip loudly without Chromium; under CI=true a missing browser fails instead."""
    if Path(CHROMIUM).exists():
        return
    message = f"CHROMIUM NOT FOUND at {CHROMIUM}: the browser tests did not run"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip("!!! " + message + " !!!")


@dataclass
class DemoSite:
    """The live demo site and the ids its pages need."""

    base: str
    app: object
    contest_id: int = 0
    closed_round_id: int = 0
    open_round_id: int = 0
    invite_token: str = ""
    registration_id: int = 0
    unit_id: int = 0
    certificate_code: str = ""
    bank_id: int = 0
    entrants: list[str] = field(default_factory=list)  # phones, all with DEMO_PASSWORD
    manager_phone: str = ""
    result_path: str = ""  # entrants[0]'s graded paper of the closed round
    attempt_path: str = ""  # entrants[1]'s open paper of the open round, two answers saved

    def url(self, path: str) -> str:
        return self.base + path


def seed_demo_site(app, site: DemoSite) -> None:
    """Run the demo seed, then confirm and publish the closed round and certify its winners."""
    from contest.accounts.models import User
    from contest.attempts.models import Attempt
    from contest.attempts.services import save_answers, start_attempt
    from contest.certificates.services import issue, winners_from_results
    from contest.contests.models import Registration, Round
    from contest.demo.bank import seed_questions
    from contest.demo.cli import seed_staff
    from contest.demo.contest import seed_contest
    from contest.demo.practice import seed_practice_questions
    from contest.demo.units import seed_units
    from contest.extensions import db
    from contest.reports.services import grant
    from contest.results.services import confirm, publish
    from question_bank.models import Bank, ReformArea
    from tests.conftest import AREAS

    with app.app_context():
        db.create_all()
        db.session.add_all(ReformArea(id=i, name=n, position=i) for i, n in enumerate(AREAS, 1))
        db.session.flush()
        seed_staff()
        seed_units()
        seed_questions()
        seed_practice_questions()
        contest = seed_contest()
        db.session.flush()
        judge = db.session.scalar(sa.select(User).where(User.email == STAFF["judge"][0]))
        organiser = db.session.scalar(sa.select(User).where(User.email == STAFF["organiser"][0]))
        closed, open_ = sorted(contest.rounds, key=lambda r: r.opens_at)[:2]
        confirm(judge.id, closed)
        publish(organiser.id, closed)
        issued = issue(winners_from_results(closed) or [], organiser.id)
        registrations = list(db.session.scalars(
            sa.select(Registration).where(Registration.contest_id == contest.id)
            .order_by(Registration.id)))
        manager = registrations[-1]
        grant(manager.user.phone, manager.unit.code, organiser)
        db.session.commit()
        site.contest_id, site.invite_token = contest.id, contest.invite_token
        site.closed_round_id, site.open_round_id = closed.id, open_.id
        site.registration_id, site.unit_id = registrations[0].id, registrations[0].unit_id
        site.certificate_code = issued[0].code if issued else ""
        site.bank_id = db.session.scalar(sa.select(Bank.id).order_by(Bank.id).limit(1))
        site.entrants = [r.user.phone for r in registrations[:-1]]
        site.manager_phone = manager.user.phone
        first = db.session.scalar(sa.select(Attempt).where(
            Attempt.registration_id == registrations[0].id, Attempt.round_id == closed.id))
        site.result_path = f"/bai-thi/{first.public_id}/ket-qua"
        attempt = start_attempt(registrations[1].user_id, open_.id).attempt
        save_answers(attempt, {1: [0], 2: [1]})
        db.session.commit()
        site.attempt_path = f"/bai-thi/{attempt.public_id}"
        assert db.session.get(Round, open_.id).status == "open", "demo round 2 should be open"
        db.session.remove()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo data on a fresh SQLite file, served by a real threaded server."""
    from contest import create_app

    chromium_or_skip()
    folder = tmp_path_factory.mktemp("demo-site")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "browser-demo", "REDIS_URL": "",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.sqlite'}",
        "WTF_CSRF_ENABLED": True, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "UPLOAD_FOLDER": str(folder / "uploads"), "LOGIN_MAX_FAILURES": 1000,
    })
    with live_server(app) as port:
        site = DemoSite(base=f"http://127.0.0.1:{port}", app=app)
        seed_demo_site(app, site)
        yield site


@pytest.fixture(scope="module")
def browser(demo_site):
    """One Chromium per test module: a module that starts its own sync_playwright (like
    test_attempt_flow) cannot run while another one is open."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def log_in(page, site: DemoSite, login: str, password: str) -> None:
    """Sign in through the real login form."""
    page.goto(site.url("/dang-nhap"))
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    assert "/dang-nhap" not in page.url, f"login as {login} failed"


def record_shot(path: Path) -> None:
    _shots_taken.append(path)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _shots_taken:
        terminalreporter.write_sep("-", "screenshots")
        terminalreporter.write_line(
            f"{len(_shots_taken)} screenshots saved in {SHOTS.resolve()} "
            f"(open {SHOTS.resolve() / 'index.html'} to see them all)")
