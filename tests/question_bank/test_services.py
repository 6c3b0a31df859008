import pytest
import sqlalchemy as sa

from contest.extensions import db
from question_bank.fingerprint import fingerprint
from question_bank.models import Bank, Question, QuestionStatus
from question_bank.services import (
    QuestionError,
    available_counts,
    create_question,
    delete_question,
    get_or_create_bank,
    new_codes,
    reactivate_question,
    retire_question,
    update_question,
)


def test_create_question_stores_options_banks_and_fingerprint(app):
    question = create_question(
        code="CT-01", text="Nghị quyết 76/NQ-CP ban hành năm nào?", area_id=1, difficulty=1,
        options=["2020", "2021", "2022", "Cả A, B, C đều đúng"], correct=[1],
        explanation="Ban hành 15/7/2021.", legal_basis="Nghị quyết 76/NQ-CP",
        banks=["CBCCVC 2025", "Người dân 2025"],
    )
    db.session.commit()
    assert [o.text for o in question.options] == ["2020", "2021", "2022", "Cả A, B, C đều đúng"]
    assert question.correct_positions == [1]
    assert [o.keep_in_place for o in question.options] == [True] * 4  # D names A-C
    assert sorted(b.name for b in question.banks) == ["CBCCVC 2025", "Người dân 2025"]
    assert question.fingerprint == fingerprint(question.text, ["2020", "2021", "2022",
                                                               "Cả A, B, C đều đúng"])
    assert question.status == QuestionStatus.ACTIVE


def test_explicit_keep_in_place_overrides_detection(app):
    question = create_question(code="K1", text="Câu?", area_id=2, difficulty=2,
                               options=["Một", "Tất cả các phương án trên"], correct=[0],
                               keep_in_place=[])
    assert not any(o.keep_in_place for o in question.options)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "  "}, "trống"),
        ({"options": ["Một"]}, "ít nhất 2"),
        ({"options": list("1234567")}, "Tối đa 6"),
        ({"correct": []}, "Chưa có đáp án"),
        ({"correct": [5]}, "không nằm trong"),
        ({"area_id": 9}, "Lĩnh vực"),
        ({"difficulty": 4}, "Mức độ"),
        ({"keep_in_place": [7]}, "giữ vị trí"),
    ],
)
def test_invalid_question_is_refused(app, fields, message):
    base = {"code": "X1", "text": "Câu?", "area_id": 1, "difficulty": 2,
            "options": ["A", "B"], "correct": [0]}
    with pytest.raises(QuestionError, match=message):
        create_question(**(base | fields))
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == 0


def test_duplicate_code_is_refused(app, make_question):
    make_question(code="SAME")
    with pytest.raises(QuestionError, match="SAME"):
        create_question(code="SAME", text="Khác?", area_id=1, difficulty=1,
                        options=["x", "y"], correct=[0])


def test_blank_code_gets_generated_code(app, make_question):
    make_question(code="Q000041")
    question = create_question(code="", text="Câu?", area_id=1, difficulty=1,
                               options=["x", "y"], correct=[1])
    assert question.code == "Q000042"
    assert new_codes(2, taken=["Q000100"]) == ["Q000101", "Q000102"]


def test_get_or_create_bank_reuses_by_name(app):
    first = get_or_create_bank("  CBCCVC   2025 ")
    assert first.name == "CBCCVC 2025"
    assert get_or_create_bank("CBCCVC 2025").id == first.id
    with pytest.raises(QuestionError):
        get_or_create_bank("   ")
    assert db.session.scalar(sa.select(sa.func.count(Bank.id))) == 1


def test_update_changes_options_and_fingerprint(app, make_question):
    question = make_question(options=["a", "b", "c"], correct=[0])
    old = question.fingerprint
    update_question(question, text="Mới?", area_id=3, difficulty=3,
                    options=["x", "y", "Không có phương án nào đúng"], correct=[0, 1],
                    banks=["Khác"])
    db.session.commit()
    db.session.expire_all()
    question = db.session.get(Question, question.id)
    assert [o.text for o in question.options] == ["x", "y", "Không có phương án nào đúng"]
    assert question.correct_positions == [0, 1]
    assert question.options[2].keep_in_place
    assert question.fingerprint != old
    assert [b.name for b in question.banks] == ["Khác"]


def test_available_counts_counts_active_distinct_questions(app, make_question):
    make_question(area_id=1, difficulty=1, banks=["A", "B"])  # in both banks: counted once
    make_question(area_id=1, difficulty=1, banks=["A"])
    make_question(area_id=2, difficulty=3, banks=["B"])
    retired = make_question(area_id=2, difficulty=3, banks=["B"])
    make_question(area_id=4, difficulty=2, banks=["C"])
    retire_question(retired)
    db.session.commit()
    ids = [get_or_create_bank("A").id, get_or_create_bank("B").id]
    assert available_counts(ids) == {(1, 1): 2, (2, 3): 1}
    assert available_counts([]) == {}
    reactivate_question(retired)
    assert available_counts(ids)[(2, 3)] == 2


def test_delete_unused_question(app, make_question):
    question = make_question()
    delete_question(question)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == 0
