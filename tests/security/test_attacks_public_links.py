"""Attacks on the public QR endpoint (issue 14, points 12 and 13): a forged Host header put
into invitation QR codes that caches keep, and oversized input that costs CPU or a 500."""

from __future__ import annotations

import pytest

import contest.registration.views as views


@pytest.fixture
def drawn(monkeypatch):
    """The links the endpoint turned into pictures."""
    urls: list[str] = []
    real = views._qr_svg

    def spy(url: str) -> bytes:
        urls.append(url)
        return real(url)

    monkeypatch.setattr(views, "_qr_svg", spy)
    return urls


def test_forged_host_never_reaches_the_qr_code(app, client, make_contest, drawn):
    app.config["PUBLIC_URL"] = "https://thi.example.gov.vn"
    contest = make_contest()
    response = client.get(f"/dang-ky/{contest.invite_token}/qr.svg?don-vi=SNV",
                          headers={"Host": "evil.example"})
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert drawn == [f"https://thi.example.gov.vn/dang-ky/{contest.invite_token}?don-vi=SNV"]
    assert response.headers["Cache-Control"] == "public, max-age=86400"


def test_without_public_url_shared_caches_may_not_keep_it(app, client, make_contest):
    app.config["PUBLIC_URL"] = ""
    contest = make_contest()
    response = client.get(f"/dang-ky/{contest.invite_token}/qr.svg",
                          headers={"Host": "evil.example"})
    assert response.headers["Cache-Control"].startswith("private")


@pytest.mark.parametrize("query", ["don-vi=" + "A" * 5000, "don-vi=" + "A" * 41,
                                   "don-vi=%3Cscript%3E", "don-vi=x&pad=" + "B" * 3000])
def test_oversized_or_odd_input_is_a_400_before_any_drawing(client, make_contest, drawn,
                                                           query):
    contest = make_contest()
    response = client.get(f"/dang-ky/{contest.invite_token}/qr.svg?{query}")
    assert response.status_code == 400 and drawn == []


def test_oversized_token_is_a_400(client, drawn):
    assert client.get("/dang-ky/" + "t" * 5000 + "/qr.svg").status_code == 400
    assert drawn == []


def test_the_picture_is_drawn_once_per_link(app, client, make_contest):
    app.config["PUBLIC_URL"] = "https://thi.example.gov.vn"
    contest = make_contest()
    views._qr_svg.cache_clear()
    bodies = [client.get(f"/dang-ky/{contest.invite_token}/qr.svg?don-vi=SNV").data
              for _ in range(20)]
    assert len(set(bodies)) == 1
    info = views._qr_svg.cache_info()
    assert info.misses == 1 and info.hits == 19
