"""``flask bank import/export/template``."""

import sqlalchemy as sa

from contest.extensions import db
from question_bank.models import Bank, Question

from .files import one_sheet, question


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Question.id)))


def test_import_prints_summary_and_writes(runner, tmp_path):
    path = tmp_path / "cau-hoi.xlsx"
    path.write_bytes(one_sheet([question(text="Một?"), question(text="Hai?")]))
    result = runner.invoke(args=["bank", "import", str(path), "--bank", "CBCCVC 2025"])
    assert result.exit_code == 0, result.output
    assert "Đã thêm 2 câu hỏi mới" in result.output
    assert count() == 2 and db.session.scalar(sa.select(Bank.name)) == "CBCCVC 2025"


def test_import_with_errors_exits_non_zero_and_writes_nothing(runner, tmp_path):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(one_sheet([question(), question(answer="Z")]))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 1
    assert "dòng 3, cột Đáp án" in result.output and count() == 0


def test_dry_run_and_area_option(runner, tmp_path):
    path = tmp_path / "khong-linh-vuc.csv"
    path.write_text("Câu hỏi,A,B,Đáp án\nCâu?,x,y,B\n", encoding="utf-8-sig")
    assert runner.invoke(args=["bank", "import", str(path)]).exit_code == 1
    result = runner.invoke(args=["bank", "import", str(path), "--area", "2", "--dry-run"])
    assert result.exit_code == 0 and "--dry-run" in result.output and count() == 0
    result = runner.invoke(args=["bank", "import", str(path), "--area", "2"])
    assert result.exit_code == 0 and db.session.scalar(sa.select(Question.area_id)) == 2


def test_unreadable_file_is_refused(runner, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 2 and "Lỗi:" in result.output


def test_export_template_and_reimport(runner, tmp_path, make_question):
    make_question(text="Xuất?", banks=["B1"])
    out = tmp_path / "xuat.xlsx"
    assert runner.invoke(args=["bank", "export", str(out), "--bank", "B1"]).exit_code == 0
    assert runner.invoke(args=["bank", "export", str(out), "--bank", "Không có"]).exit_code == 2
    result = runner.invoke(args=["bank", "import", str(out)])
    assert result.exit_code == 0 and "cập nhật 1 câu" in result.output and count() == 1
    template = tmp_path / "mau.xlsx"
    assert runner.invoke(args=["bank", "template", str(template)]).exit_code == 0
    assert template.read_bytes().startswith(b"PK")
