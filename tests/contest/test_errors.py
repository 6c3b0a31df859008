"""The one domain error and its one handler (contest/errors.py): services raise, the handler
rolls back and answers — the form again with the reasons on its fields, a redirect with the
reasons flashed, the error page, or JSON for the API."""

from __future__ import annotations

import pytest
from flask import Blueprint, get_flashed_messages, redirect, render_template_string, request
from wtforms import StringField

from contest.errors import DomainError, FieldProblem, on_refusal
from contest.extensions import db
from contest.i18n import Form
from contest.units.models import Unit

PAGE = """{% for m in get_flashed_messages() %}<p class=flash>{{ m }}</p>{% endfor %}
<form><input name=name value="{{ form.name.data or '' }}">
{% for e in form.name.errors %}<span class=field-error>{{ e }}</span>{% endfor %}</form>
<p>calls={{ calls }}</p>"""


class NameForm(Form):
    name = StringField()


def _write_then_refuse(name: str, *problems: FieldProblem | str, status: int = 400) -> None:
    """A service that wrote something, then refused: the write must not survive."""
    db.session.add(Unit(code=f"X{len(name)}", name=name))
    db.session.flush()
    raise DomainError(problems=list(problems), status=status)


@pytest.fixture
def calls():
    return {"action": 0}


@pytest.fixture
def client(app, calls):
    bp = Blueprint("errtest", __name__)

    @bp.route("/t/form", methods=["GET", "POST"])
    def form_page():
        form = NameForm()
        if form.validate_on_submit():
            calls["action"] += 1
            _write_then_refuse(form.name.data, FieldProblem("name", "Tên đã có."),
                               "Chưa lưu được.")
        return render_template_string(PAGE, form=form, calls=calls["action"])

    @bp.route("/t/button", methods=["POST"])
    def button():
        on_refusal("errtest.form_page")
        if NameForm().validate_on_submit():
            _write_then_refuse("nút", "Không làm được việc này.", status=409)
        return redirect("/t/form")

    @bp.route("/t/no-form", methods=["POST"])
    def no_form():
        _write_then_refuse("không biểu mẫu", "Từ chối.")

    @bp.route("/t/missing")
    def missing():
        raise DomainError("Không có cuộc thi này.", 404)

    @bp.route("/t/broken-page", methods=["POST"])
    def broken_page():
        NameForm()
        raise DomainError("Trang này cũng không hiện được.")

    @bp.route("/t/flashes")
    def flashes():
        return " | ".join(get_flashed_messages()) + f" from={request.args.get('from', '')}"

    app.register_blueprint(bp)
    return app.test_client()


def test_a_refused_form_is_shown_again_with_the_input_kept_and_the_reason_on_its_field(
        client, calls):
    page = client.post("/t/form", data={"name": "Sở Nội vụ"})
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'value="Sở Nội vụ"' in body  # nothing typed is lost
    assert '<span class=field-error>Tên đã có.</span>' in body  # next to its field
    assert "<p class=flash>Chưa lưu được.</p>" in body  # the rest above the form
    assert "<p class=flash>Tên đã có.</p>" not in body  # each reason once
    assert calls["action"] == 1  # shown again, not done again
    assert db.session.query(Unit).count() == 0  # rolled back


def test_a_refused_action_that_names_its_way_back_redirects_there_with_the_reason(client):
    response = client.post("/t/button", data={"name": "x"})
    assert response.status_code == 303 and response.location.endswith("/t/form")
    assert "Không làm được việc này." in client.get("/t/flashes").get_data(as_text=True)
    assert db.session.query(Unit).count() == 0


def test_a_refused_post_without_a_form_goes_back_to_the_page_it_came_from(client):
    response = client.post("/t/no-form", headers={"Referer": "http://localhost/t/flashes?from=x"})
    assert response.status_code == 303 and response.location.endswith("/t/flashes?from=x")
    assert client.get(response.location).get_data(as_text=True) == "Từ chối. from=x"
    assert db.session.query(Unit).count() == 0


def test_a_referrer_on_another_site_is_never_followed(client):
    response = client.post("/t/no-form", headers={"Referer": "https://evil.example/phish"})
    assert response.status_code == 303 and "evil" not in response.location


def test_a_page_that_cannot_be_shown_is_the_error_page_with_the_message(client):
    page = client.get("/t/missing")
    assert page.status_code == 404
    assert "Không có cuộc thi này." in page.get_data(as_text=True)


def test_a_refusal_while_showing_the_form_again_falls_back_to_a_redirect(client):
    response = client.post("/t/broken-page", headers={"Referer": "http://localhost/t/flashes"})
    assert response.status_code == 303
    assert "Trang này cũng không hiện được." in client.get("/t/flashes").get_data(as_text=True)


def test_the_api_gets_json_with_each_field_problem(client):
    response = client.post("/t/form", data={"name": "abc"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "Yêu cầu không hợp lệ"
    assert body["message"] == "Tên đã có.; Chưa lưu được."
    assert body["problems"] == [{"field": "name", "message": "Tên đã có."}]
    assert body["server_time"].endswith("Z")
    assert db.session.query(Unit).count() == 0


def test_the_refusal_of_one_request_does_not_leak_into_the_next(client, calls):
    client.post("/t/form", data={"name": "một"})
    client.post("/t/form", data={"name": "hai"})
    assert calls["action"] == 2  # the second request's form was validated and acted on
