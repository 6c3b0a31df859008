"""``flask --app contest units import FILE [--dry-run]``."""

from __future__ import annotations

import sqlalchemy as sa

from contest.extensions import db
from contest.units.models import Block, Unit
from tests.contest.units.files import ROWS, csv_bytes, xlsx_bytes


def unit_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Unit))


def test_import_prints_a_summary_and_exits_0(runner, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    path.write_bytes(xlsx_bytes(ROWS))
    result = runner.invoke(args=["units", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Đã nhập đơn vị: 3 tạo mới, 0 cập nhật, 0 không đổi." in result.output
    assert unit_count() == 3


def test_running_it_again_changes_nothing(runner, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    path.write_bytes(xlsx_bytes(ROWS))
    runner.invoke(args=["units", "import", str(path)])
    result = runner.invoke(args=["units", "import", str(path)])
    assert result.exit_code == 0
    assert "0 tạo mới, 0 cập nhật, 3 không đổi" in result.output
    assert unit_count() == 3


def test_errors_exit_non_zero_and_write_nothing(runner, tmp_path):
    path = tmp_path / "don_vi.csv"
    path.write_bytes(csv_bytes([*ROWS[:2], ["X01", "UBND xã", "KHONGCO", "", "-1"]], sep=";"))
    result = runner.invoke(args=["units", "import", str(path)])
    assert result.exit_code == 1
    assert "Dòng 4, cột “Biên chế”: Biên chế không được âm." in result.output
    assert "1 lỗi: chưa nhập đơn vị nào." in result.output
    assert unit_count() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Block)) == 0


def test_dry_run_writes_nothing(runner, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    path.write_bytes(xlsx_bytes(ROWS))
    result = runner.invoke(args=["units", "import", str(path), "--dry-run"])
    assert result.exit_code == 0
    assert "Chạy thử (không ghi gì): 3 tạo mới, 0 cập nhật, 0 không đổi." in result.output
    assert unit_count() == 0


def test_dry_run_still_reports_errors(runner, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    path.write_bytes(xlsx_bytes([["A", "Đơn vị A", "A", "", 1]]))
    result = runner.invoke(args=["units", "import", "--dry-run", str(path)])
    assert result.exit_code == 1
    assert "cấp trên của chính nó" in result.output


def test_unreadable_file_is_a_clear_error(runner, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    path.write_bytes(b"not a spreadsheet")
    result = runner.invoke(args=["units", "import", str(path)])
    assert result.exit_code == 1
    assert "Tệp bị hỏng" in result.output


def test_missing_file_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(args=["units", "import", str(tmp_path / "khong_co.xlsx")])
    assert result.exit_code == 2
