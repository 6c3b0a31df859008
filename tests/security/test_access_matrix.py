"""Every route x every role gets the expected answer; a new route without a rule fails.

Outcomes per role (anonymous, entrant, judge, organiser, admin):
  ok     2xx/3xx and not a redirect to the login page
  any    allowed through the guard: not 401/403, not a login redirect, never 5xx (POSTs with an
         empty form may answer 400/404/409 or redirect with a message)
  login  anonymous: redirect to the login page (HTML) or 401 (API)
  403 / 404  exactly that status
"""

from __future__ import annotations

import pytest

from tests.security.conftest import ROLES

OK, ANY, LOGIN, DENY, GONE = "ok", "any", "login", "403", "404"
PUBLIC = (OK,) * 5
ORGANISER = (LOGIN, DENY, DENY, ANY, ANY)
STAFF = (LOGIN, DENY, ANY, ANY, ANY)
ENTRANT = (LOGIN, ANY, DENY, DENY, DENY)
NOBODY_BUT_OWNER = (LOGIN, GONE, GONE, GONE, GONE)  # the attempt belongs to another entrant
ENTRANT_ONLY_NOT_OWNER = (LOGIN, GONE, DENY, DENY, DENY)

# (endpoint, method) -> outcome per role. Dummy tokens/codes (import tokens) answer 404 to
# those allowed through. Every endpoint of app.url_map must be listed here.
RULES: dict[tuple[str, str], tuple[str, ...]] = {
    ("main.index", "GET"): PUBLIC,
    ("main.healthz", "GET"): PUBLIC,
    ("main.share_picture", "GET"): PUBLIC,
    ("main.preferences", "POST"): PUBLIC,
    ("accounts.login", "GET"): PUBLIC,
    ("accounts.login", "POST"): PUBLIC,
    ("accounts.logout", "POST"): (LOGIN, OK, OK, OK, OK),
    ("accounts.change_password", "GET"): (LOGIN, OK, OK, OK, OK),
    ("accounts.change_password", "POST"): (LOGIN, ANY, ANY, ANY, ANY),
    # The account is another entrant's: organisers and admins manage it.
    ("accounts.manage_account", "GET"): ORGANISER,
    ("accounts.reset_password", "POST"): ORGANISER,
    ("accounts.deactivate", "POST"): ORGANISER,
    ("contests.public_list", "GET"): PUBLIC,
    ("contests.public_detail", "GET"): PUBLIC,
    ("registration.register", "GET"): PUBLIC,
    ("registration.register", "POST"): (ANY,) * 5,
    ("registration.qr", "GET"): PUBLIC,
    ("results.index", "GET"): PUBLIC,
    ("results.round_results", "GET"): PUBLIC,
    ("certificates.verify_form", "GET"): PUBLIC,
    ("certificates.verify", "GET"): PUBLIC,
    ("units.search", "GET"): PUBLIC,
    # Practice is open to everyone; without a set in the session the pages redirect.
    ("practice.index", "GET"): PUBLIC,
    ("practice.start", "POST"): (ANY,) * 5,
    ("practice.question", "GET"): PUBLIC,
    ("practice.question", "POST"): PUBLIC,
    ("practice.summary", "GET"): PUBLIC,
    ("practice.settings", "GET"): ORGANISER,
    ("printing.short_link", "GET"): (GONE,) * 5,  # a dummy token
    ("referrals.follow", "GET"): (GONE,) * 5,  # a dummy share code
    ("referrals.qr", "GET"): (GONE,) * 5,
    ("referrals.mine", "GET"): (LOGIN, GONE, GONE, GONE, GONE),  # not registered in it
    ("referrals.leaderboard", "GET"): ORGANISER,
    ("referrals.export", "GET"): ORGANISER,
    ("referrals.accept", "POST"): ORGANISER,
    ("printing.all_sheets", "GET"): ORGANISER,
    ("printing.unit_sheet_pdf", "GET"): ORGANISER,
    ("printing.qr_codes", "GET"): ORGANISER,
    ("practice.settings", "POST"): ORGANISER,
    # Entrant pages; the attempt in the URL belongs to another entrant.
    ("attempts.my_attempts", "GET"): (LOGIN, OK, DENY, DENY, DENY),
    ("attempts.start", "POST"): (LOGIN, OK, DENY, DENY, DENY),
    ("attempts.start_page", "GET"): (LOGIN, OK, DENY, DENY, DENY),
    ("attempts.take", "GET"): ENTRANT_ONLY_NOT_OWNER,
    ("attempts.submit", "POST"): ENTRANT_ONLY_NOT_OWNER,
    ("attempts.result", "GET"): ENTRANT_ONLY_NOT_OWNER,
    # JSON API: 401 without a session; another entrant's attempt is 404 for everyone.
    ("attempts_api.start", "POST"): (LOGIN, OK, DENY, DENY, DENY),
    ("attempts_api.paper", "GET"): NOBODY_BUT_OWNER,
    ("attempts_api.status", "GET"): NOBODY_BUT_OWNER,
    ("attempts_api.answer", "PUT"): NOBODY_BUT_OWNER,
    ("attempts_api.answers", "PUT"): NOBODY_BUT_OWNER,
    ("attempts_api.prediction", "PUT"): NOBODY_BUT_OWNER,
    ("attempts_api.submit", "POST"): NOBODY_BUT_OWNER,
    ("attempts_api.event", "POST"): NOBODY_BUT_OWNER,
    # Certificates: the holder (another entrant here) and organisers may download one.
    ("certificates.certificate_pdf", "GET"): (LOGIN, DENY, DENY, OK, OK),
    ("certificates.index", "GET"): ORGANISER,
    ("certificates.round_view", "GET"): ORGANISER,
    ("certificates.round_view", "POST"): ORGANISER,
    ("certificates.from_results", "POST"): ORGANISER,
    ("certificates.round_pdf", "GET"): ORGANISER,
    ("certificates.revoke", "POST"): ORGANISER,
    ("certificates.style", "GET"): ORGANISER,
    ("certificates.style", "POST"): ORGANISER,
    ("certificates.style_sample", "GET"): ORGANISER,
    # Contest management.
    ("contests.manage_list", "GET"): ORGANISER,
    ("contests.manage_create", "GET"): ORGANISER,
    ("contests.manage_create", "POST"): ORGANISER,
    ("contests.manage_detail", "GET"): ORGANISER,
    ("contests.manage_edit", "GET"): ORGANISER,
    ("contests.manage_edit", "POST"): ORGANISER,
    ("contests.manage_status", "POST"): ORGANISER,
    ("contests.group_add", "POST"): ORGANISER,
    ("contests.group_edit", "GET"): ORGANISER,
    ("contests.group_edit", "POST"): ORGANISER,
    ("contests.manage_units", "GET"): ORGANISER,
    ("contests.manage_units", "POST"): ORGANISER,
    ("contests.manage_units_all", "POST"): ORGANISER,
    ("contests.group_targets", "GET"): ORGANISER,
    ("contests.group_targets", "POST"): ORGANISER,
    ("contests.group_recipe", "GET"): ORGANISER,
    ("contests.group_recipe", "POST"): ORGANISER,
    ("contests.round_create", "GET"): ORGANISER,
    ("contests.round_create", "POST"): ORGANISER,
    ("contests.round_detail", "GET"): ORGANISER,
    ("contests.round_edit", "GET"): ORGANISER,
    ("contests.round_edit", "POST"): ORGANISER,
    ("contests.round_extend", "POST"): ORGANISER,
    ("contests.round_shorten", "POST"): ORGANISER,
    ("attempts.prepare", "POST"): ORGANISER,
    ("registration.manage_list", "GET"): ORGANISER,
    ("registration.manage_edit", "GET"): ORGANISER,
    ("registration.manage_edit", "POST"): ORGANISER,
    ("registration.change_log", "GET"): ORGANISER,
    # Judging and exports.
    ("judging.index", "GET"): STAFF,
    ("judging.leaderboard", "GET"): STAFF,
    ("judging.entry", "GET"): STAFF,
    ("judging.flags", "GET"): STAFF,
    ("judging.disqualify", "POST"): STAFF,
    ("judging.reinstate", "POST"): STAFF,
    ("judging.confirm", "POST"): STAFF,
    ("judging.correct_prediction_truth", "POST"): STAFF,
    ("judging.audit", "GET"): STAFF,
    ("exports.export_audit", "GET"): STAFF,
    ("exports.export_round", "GET"): STAFF,
    ("exports.export_verification", "GET"): ORGANISER,
    ("exports.export_verification", "POST"): ORGANISER,
    ("exports.export_registrations", "GET"): ORGANISER,
    ("results.publish", "GET"): ORGANISER,
    ("results.publish", "POST"): ORGANISER,
    # The overall ranking across rounds (the site has not published one: its page is a 404).
    ("judging.overall_board", "GET"): STAFF,
    ("judging.overall_confirm", "POST"): STAFF,
    ("exports.overall_export", "GET"): STAFF,
    ("judging.round_units", "GET"): STAFF,
    ("judging.overall_units", "GET"): STAFF,
    ("results.overall_results", "GET"): (GONE,) * 5,
    ("results.overall_publish", "GET"): ORGANISER,
    ("results.overall_publish", "POST"): ORGANISER,
    # Reports: staff; unit pages for staff and the unit's managers (the judge manages it).
    ("reports.index", "GET"): STAFF,
    ("reports.dashboard", "GET"): STAFF,
    ("reports.items", "GET"): STAFF,
    ("reports.my_units", "GET"): (LOGIN, DENY, OK, OK, OK),
    ("reports.unit_roster_view", "GET"): (LOGIN, DENY, OK, OK, OK),
    ("reports.managers", "GET"): ORGANISER,
    ("reports.managers", "POST"): ORGANISER,
    ("reports.revoke_manager", "POST"): ORGANISER,
    # Units and the question bank.
    ("units.index", "GET"): ORGANISER,
    ("units.create", "GET"): ORGANISER,
    ("units.create", "POST"): ORGANISER,
    ("units.edit", "GET"): ORGANISER,
    ("units.edit", "POST"): ORGANISER,
    ("units.import_upload", "GET"): ORGANISER,
    ("units.import_upload", "POST"): ORGANISER,
    ("units.import_preview", "GET"): (LOGIN, DENY, DENY, GONE, GONE),
    ("units.import_confirm", "POST"): ORGANISER,
    ("question_bank.browse", "GET"): ORGANISER,
    ("question_bank.create", "GET"): ORGANISER,
    ("question_bank.create", "POST"): ORGANISER,
    ("question_bank.edit", "GET"): ORGANISER,
    ("question_bank.edit", "POST"): ORGANISER,
    ("question_bank.change_status", "POST"): ORGANISER,
    ("question_bank.export", "GET"): ORGANISER,
    ("question_bank.template", "GET"): ORGANISER,
    ("question_bank.import_upload", "GET"): ORGANISER,
    ("question_bank.import_upload", "POST"): ORGANISER,
    ("question_bank.import_preview", "GET"): (LOGIN, DENY, DENY, GONE, GONE),
    ("question_bank.import_recheck", "POST"): (LOGIN, DENY, DENY, GONE, GONE),
    ("question_bank.import_confirm", "POST"): (LOGIN, DENY, DENY, GONE, GONE),
    ("question_bank.import_cancel", "POST"): (LOGIN, DENY, DENY, ANY, ANY),
    ("question_bank.import_report", "GET"): (LOGIN, DENY, DENY, GONE, GONE),
}
API_BODIES = {"attempts_api.answer": {"selected": [0]},
              "attempts_api.answers": {"answers": [{"position": 1, "selected": [0]}]},
              "attempts_api.prediction": {"prediction": 5},
              "attempts_api.event": {"type": "tab_hidden"}, "attempts_api.submit": {},
              "attempts_api.start": {}}
SECURITY_HEADERS = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                    "Referrer-Policy"]


def routes(app) -> list[tuple[str, str, object]]:
    """(endpoint, method, rule) for every route but static files; HEAD/OPTIONS are implied."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, rule))
    return found


def url_args(site, endpoint: str) -> dict:
    """Real ids of the site's objects for every URL argument; dummies where 404 is right."""
    world = site.world
    args = {
        "contest_id": world.contest.id, "round_id": world.round.id,
        "registration_id": site.regs[1].id, "group_id": world.group.id,
        "unit_id": world.unit.id, "question_id": site.question.id, "code": site.cert.code,
        "token": "khong-co-ma-nay", "public_id": site.theirs.public_id, "position": 1,
        "link_id": site.link.id, "user_id": site.other.id, "kind": "winners",
        "action": "ngung", "target": "khong-co",
        "referral_id": 999999,
    }
    if endpoint.startswith("registration.") and endpoint != "registration.manage_list":
        args["token"] = site.open_contest.invite_token
    if endpoint in ("attempts.start", "attempts.start_page", "attempts_api.start"):
        args["round_id"] = site.open_round.id
    return args


def build_url(app, site, endpoint: str, rule) -> str:
    args = url_args(site, endpoint)
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{name: args[name] for name in rule.arguments})


def test_every_route_has_a_rule(app):
    assert {(e, m) for e, m, _ in routes(app)} == set(RULES)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/dang-nhap" in response.headers.get("Location", "")


def check(outcome: str, response, api: bool) -> bool:
    status = response.status_code
    if outcome == LOGIN:
        return status == 401 if api else is_login_redirect(response)
    if outcome == OK:
        return 200 <= status < 400 and not is_login_redirect(response)
    if outcome == ANY:
        return status < 500 and status not in (401, 403) and not is_login_redirect(response)
    return status == int(outcome)


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, client, auth, site, role):
    """GETs first, then writes (logout last) so a write cannot hide a later check."""
    if role != "anonymous":
        assert auth.login(site.users[role]).status_code == 302
    calls = sorted(routes(app), key=lambda c: (c[1] != "GET", c[0] == "accounts.logout", c[0]))
    wrong = []
    for endpoint, method, rule in calls:
        url = build_url(app, site, endpoint, rule)
        api = endpoint.startswith("attempts_api.")
        headers = {"X-Requested-With": "fetch"} if api else {}
        json = API_BODIES.get(endpoint) if api and method != "GET" else None
        response = client.open(url, method=method, headers=headers, json=json)
        outcome = RULES[(endpoint, method)][ROLES.index(role)]
        if not check(outcome, response, api):
            wrong.append(f"{method} {url} ({endpoint}): expected {outcome}, "
                         f"got {response.status_code} {response.headers.get('Location', '')}")
        missing = [h for h in SECURITY_HEADERS if h not in response.headers]
        if missing:
            wrong.append(f"{method} {url}: missing headers {missing}")
        elif "script-src 'self'" not in response.headers["Content-Security-Policy"]:
            wrong.append(f"{method} {url}: weak CSP")
    assert not wrong, "\n".join(wrong)
