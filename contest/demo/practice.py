"""A small practice bank for the demo: questions no round draws, so the practice area (ôn tập)
has something to offer while the demo contest's banks serve its open round."""

from __future__ import annotations

import sqlalchemy as sa

from contest.extensions import db
from question_bank.models import Question, ReformArea
from question_bank.services import create_question

PRACTICE_BANK = "Ôn tập tuyên truyền CCHC"
NQ76 = "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
PRACTICE_QUESTIONS: list[dict] = [
    {"code": "OT-001", "area": 1, "difficulty": 1,
     "text": "Chương trình tổng thể cải cách hành chính nhà nước ban hành kèm theo Nghị quyết "
             "số 76/NQ-CP áp dụng cho giai đoạn nào?",
     "options": ["2011 – 2020", "2021 – 2030", "2021 – 2025", "2026 – 2035"], "correct": [1],
     "explanation": "Nghị quyết 76/NQ-CP ban hành Chương trình tổng thể cải cách hành chính "
                    "nhà nước giai đoạn 2021 – 2030.", "legal_basis": NQ76},
    {"code": "OT-002", "area": 2, "difficulty": 1,
     "text": "Nghị định số 61/2018/NĐ-CP của Chính phủ quy định về nội dung nào?",
     "options": ["Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành "
                 "chính", "Kiểm soát thủ tục hành chính", "Tuyển dụng công chức",
                 "Quản lý tài sản công"], "correct": [0],
     "explanation": "Nghị định 61/2018/NĐ-CP quy định về thực hiện cơ chế một cửa, một cửa "
                    "liên thông trong giải quyết thủ tục hành chính.",
     "legal_basis": "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ"},
    {"code": "OT-003", "area": 3, "difficulty": 1,
     "text": "Theo Nghị quyết số 76/NQ-CP, Chương trình tổng thể cải cách hành chính giai "
             "đoạn 2021 – 2030 gồm bao nhiêu nội dung cải cách?",
     "options": ["4", "5", "6", "7"], "correct": [2],
     "explanation": "Sáu nội dung: cải cách thể chế, thủ tục hành chính, tổ chức bộ máy, chế độ "
                    "công vụ, tài chính công, xây dựng và phát triển Chính phủ điện tử, Chính "
                    "phủ số.", "legal_basis": NQ76},
    {"code": "OT-004", "area": 4, "difficulty": 1,
     "text": "Luật Cán bộ, công chức (Luật số 22/2008/QH12) được Quốc hội thông qua năm nào?",
     "options": ["2005", "2008", "2010", "2019"], "correct": [1],
     "explanation": "Luật Cán bộ, công chức được Quốc hội khóa XII thông qua ngày 13/11/2008.",
     "legal_basis": "Luật Cán bộ, công chức số 22/2008/QH12"},
    {"code": "OT-005", "area": 5, "difficulty": 2,
     "text": "Luật Ngân sách nhà nước hiện hành có số hiệu nào?",
     "options": ["Luật số 01/2002/QH11", "Luật số 83/2015/QH13", "Luật số 15/2017/QH14",
                 "Luật số 59/2020/QH14"], "correct": [1],
     "explanation": "Luật Ngân sách nhà nước số 83/2015/QH13 được Quốc hội thông qua ngày "
                    "25/6/2015.", "legal_basis": "Luật Ngân sách nhà nước số 83/2015/QH13"},
    {"code": "OT-006", "area": 6, "difficulty": 1,
     "text": "Địa chỉ truy cập Cổng Dịch vụ công quốc gia là gì?",
     "options": ["dichvucong.gov.vn", "chinhphu.vn", "baochinhphu.vn", "quochoi.vn"],
     "correct": [0],
     "explanation": "Cổng Dịch vụ công quốc gia tại dichvucong.gov.vn là nơi người dân, doanh "
                    "nghiệp thực hiện thủ tục hành chính trực tuyến.",
     "legal_basis": "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ"},
]


def seed_practice_questions() -> int:
    """Create the practice questions that are missing (by code); return how many."""
    existing = set(db.session.scalars(sa.select(Question.code).where(
        Question.code.in_([q["code"] for q in PRACTICE_QUESTIONS]))))
    area_ids = dict(db.session.execute(sa.select(ReformArea.position, ReformArea.id)).all())
    created = 0
    for q in PRACTICE_QUESTIONS:
        if q["code"] in existing:
            continue
        create_question(code=q["code"], text=q["text"], area_id=area_ids[q["area"]],
                        difficulty=q["difficulty"], options=list(q["options"]),
                        correct=list(q["correct"]), explanation=q["explanation"],
                        legal_basis=q["legal_basis"], banks=[PRACTICE_BANK])
        created += 1
    return created
