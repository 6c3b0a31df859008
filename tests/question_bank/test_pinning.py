"""Options that name other options keep their meaning whatever the shuffle (issue 15, point 1)."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from contest.extensions import db
from question_bank.drawing import CandidateQuestion, OptionData, fix_question
from question_bank.models import Question
from question_bank.pinning import ALL, COMBINATION, NAMED, NAMES, pins, refers
from question_bank.rules import auto_keep_in_place

from .files import one_sheet, question

# Patterns as they appear in organisers' files: (options, {referring option: letters it names});
# "" = refers to all / none of the options above it.
FIXTURES: list[tuple[list[str], dict[int, str]]] = [
    (["Năm 2020", "Năm 2021", "Năm 2022", "Cả A, B, C đều đúng"], {3: "ABC"}),
    (["Chính phủ", "Thủ tướng", "Phương án A và B đều đúng", "Bộ Nội vụ"], {2: "AB"}),
    (["Công khai", "Minh bạch", "Cả a và b đều đúng", "Không có phương án nào đúng"],
     {2: "AB", 3: ""}),
    (["Nguyên tắc tập trung", "Nguyên tắc dân chủ", "Cả hai nguyên tắc nêu trên (A, B)",
      "Nguyên tắc tự quản"], {2: "AB"}),
    (["Thuế", "Phí", "Lệ phí", "1,2,3"], {3: "ABC"}),
    (["Hồ sơ giấy", "Hồ sơ điện tử", "Tất cả trường hợp trên"], {2: ""}),
    (["Một cửa", "Một cửa liên thông", "Dịch vụ công", "Tất cả các đáp án"], {3: ""}),
    (["Quốc hội", "Chính phủ", "HĐND", "A, B, C đều đúng"], {3: "ABC"}),
    (["Portal", "Mobile app", "Both A and B", "None of the above"], {2: "AB", 3: ""}),
    (["Email", "Post", "Phone", "All of the above"], {3: ""}),
    (["Cấp xã", "Cấp huyện", "Cả hai phương án trên", "Cấp tỉnh"], {2: "AB"}),
    (["Dễ tiếp cận", "Nhanh", "Rẻ", "Cả ba ý trên đều đúng", "Không ý nào đúng"],
     {3: "ABC", 4: ""}),
    (["Đúng luật", "Đúng hạn", "Đúng người", "Đáp án A và C đúng", "Tất cả đều sai"],
     {3: "AC", 4: ""}),
    (["Ý kiến 1", "Ý kiến 2", "Ý kiến 3", "Chỉ B và C", "Cả A, B và C"], {3: "BC", 4: "ABC"}),
    (["Minh bạch", "Trách nhiệm", "Phương án B đúng", "Phục vụ"], {2: "B"}),
    (["Thủ trưởng", "Cấp phó", "Phương án a hoặc b", "Văn thư", "Lưu trữ", "Cả 5 phương án"],
     {2: "AB"}),
    (["Cả nước có 63 tỉnh", "Không", "Tất cả cán bộ, công chức", "Theo điểm a, b khoản 2"], {}),
]
# "1,2" ... keys over statements (1)-(4) of the stem: every key stays where it is.
KEYS = ["1,2", "1,3", "2,3,4", "tất cả"]


def _shuffled(options: list[str], seed: int) -> list[str]:
    keep = set(auto_keep_in_place(options))
    candidate = CandidateQuestion(
        id=1, area=1, difficulty=1, text="?",
        options=tuple(OptionData(t, i == 0, i in keep) for i, t in enumerate(options)))
    return list(fix_question(candidate, random.Random(seed), True).options)


@pytest.mark.parametrize(("options", "refs"), FIXTURES)
def test_detection_finds_each_reference(options, refs):
    found = pins(options)
    for position, letters in refs.items():
        pin = found[position]
        assert pin.kind in (NAMES, ALL), options[position]
        assert "".join("ABCDEF"[p] for p in pin.refs) == letters, options[position]
        for named in pin.refs:
            assert found[named].kind in (NAMED, NAMES)
    if not refs:
        assert found == {}
    assert pins([o.upper() for o in options]) == found  # "CẢ A VÀ B ĐỀU ĐÚNG" too


@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(FIXTURES) - 1), seed=st.integers(0, 2**32 - 1))
def test_named_letters_always_point_at_the_same_texts(index, seed):
    options, refs = FIXTURES[index]
    shown = _shuffled(options, seed)
    assert sorted(shown) == sorted(options)
    for position, letters in refs.items():
        assert shown[position] == options[position]  # "Cả A, B" is still the same letter
        for letter in letters:  # ... and A, B still show the texts it meant
            named = "ABCDEF".index(letter)
            assert shown[named] == options[named]
        if letters == "":  # "all of the above": the same options stay above it
            assert sorted(shown[:position]) == sorted(options[:position])


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_combination_keys_never_move(seed):
    assert all(pins(KEYS)[i].kind in (COMBINATION, ALL) for i in range(4))
    assert _shuffled(KEYS, seed) == KEYS


def test_unrelated_options_still_shuffle():
    options = ["Một", "Hai", "Ba", "Bốn", "Không có phương án nào đúng"]
    orders = {tuple(_shuffled(options, seed)) for seed in range(50)}
    assert len(orders) > 5 and all(order[4] == options[4] for order in orders)


def test_a_bare_option_is_recognised_alone():
    assert refers("Cả A và B", 2, 4) is not None and refers("Năm 2021", 2, 4) is None


def test_import_preview_shows_pins_and_why(client, make_user, auth):
    auth.login(make_user(role="organiser"))
    rows = [question(code="P1", text="Ai ban hành?",
                     options=("Quốc hội", "Chính phủ", "Phương án A và B đều đúng", "Bộ"),
                     answer="C")]
    response = client.post("/ngan-hang/nhap", data={
        "file": (__import__("io").BytesIO(one_sheet(rows)), "p.xlsx"), "bank": "", "area": "0"},
        content_type="multipart/form-data")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "nhắc tới phương án A, B" in page and "được phương án C nhắc tới" in page


def test_question_page_shows_pins_and_the_organiser_can_unpin_or_fix(client, make_user, auth,
                                                                      make_question):
    auth.login(make_user(role="organiser"))
    q = make_question(options=["Quốc hội", "Chính phủ", "Cả A và B đều đúng", "Bộ"],
                      correct=[2])
    url = f"/ngan-hang/cau-hoi/{q.id}"
    page = client.get(url).get_data(as_text=True)
    assert "nhắc tới phương án A, B" in page and "được phương án C nhắc tới" in page
    base = {"text": "Ai?", "area": "1", "difficulty": "2", "option_a": "Quốc hội",
            "option_b": "Chính phủ", "option_c": "Cả A và B đều đúng", "option_d": "Bộ",
            "correct_c": "y"}

    def kept() -> list[bool]:
        db.session.expire_all()
        stored = db.session.scalar(sa.select(Question).where(Question.id == q.id))
        return [o.keep_in_place for o in stored.options]

    client.post(url, data=base | {"option_order": "manual"})  # nothing ticked: unpinned
    assert kept() == [False] * 4
    client.post(url, data=base | {"option_order": "fixed"})
    assert kept() == [True] * 4
    assert "cả câu giữ nguyên thứ tự" in client.get(url).get_data(as_text=True)
    client.post(url, data=base | {"option_order": "auto", "keep_d": "y"})
    assert kept() == [True, True, True, True]
    client.post(url, data=base | {"option_order": "auto"})
    assert kept() == [True, True, True, False]
    client.post(url, data=base | {"option_order": "nonsense"})  # refused, nothing changed
    assert kept() == [True, True, True, False]


def test_repin_adds_pins_by_meaning_to_stored_questions(runner, make_question):
    old = make_question(code="OLD1", options=["Công khai", "Minh bạch",
                                              "Phương án A và B đều đúng", "Khác"], correct=[2])
    manual = make_question(code="MAN1", options=["X", "Y", "Cả A và B", "Z"], correct=[2],
                           keep_in_place=[])  # the organiser's own choice: left alone
    db.session.execute(sa.text("UPDATE question_option SET keep_in_place = :f "
                               "WHERE question_id = :q"), {"f": False, "q": old.id})
    db.session.commit()
    result = runner.invoke(args=["bank", "repin", "--dry-run"])
    assert result.exit_code == 0 and "OLD1: giữ vị trí - → ABC" in result.output
    assert "MAN1" not in result.output
    result = runner.invoke(args=["bank", "repin"])
    assert result.exit_code == 0 and "1 câu" in result.output
    db.session.expire_all()
    assert [o.keep_in_place for o in db.session.get(Question, old.id).options] == [
        True, True, True, False]
    assert not any(o.keep_in_place for o in db.session.get(Question, manual.id).options)
