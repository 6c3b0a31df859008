"""Planning and applying a units import: idempotent by code, all rows or none."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.units.importing import parse_headcount, plan_import
from contest.units.models import Block, Unit
from contest.units.services import UnitError, apply_import
from tests.contest.units.files import ROWS, csv_bytes, xlsx_bytes


def run_import(data: bytes, filename: str = "don_vi.xlsx") -> dict[str, int]:
    plan = plan_import(data, filename)
    assert plan.errors == [], [str(e) for e in plan.errors]
    summary = apply_import(plan)
    db.session.commit()
    return summary


def units() -> dict[str, Unit]:
    return {u.code: u for u in db.session.scalars(sa.select(Unit))}


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def errors_of(data: bytes, filename: str = "don_vi.xlsx") -> list[str]:
    plan = plan_import(data, filename)
    return [str(e) for e in plan.errors]


def test_import_creates_units_blocks_and_tree(app):
    summary = run_import(xlsx_bytes(ROWS))
    assert summary == {"create": 3, "update": 0, "unchanged": 0}
    found = units()
    assert found["SNV"].parent is found["T01"]
    assert found["X01"].block.name == "Khối xã, phường"
    assert found["T01"].parent is None and found["T01"].headcount == 120
    assert found["SNV"].path == "UBND tỉnh Thừa Thiên Huế › Sở Nội vụ"
    assert sorted(db.session.scalars(sa.select(Block.name))) == ["Cơ quan tỉnh", "Khối xã, phường"]
    assert db.session.scalar(sa.select(AuditEntry.action)) == "units.import"


def test_reimporting_the_same_file_changes_nothing(app):
    run_import(xlsx_bytes(ROWS))
    plan = plan_import(xlsx_bytes(ROWS), "don_vi.xlsx")
    assert [row.action for row in plan.rows] == ["unchanged"] * 3
    assert not plan.has_changes
    assert run_import(xlsx_bytes(ROWS)) == {"create": 0, "update": 0, "unchanged": 3}
    assert count(Unit) == 3 and count(Block) == 2


def test_reimport_updates_names_parents_blocks_and_headcounts(app):
    run_import(xlsx_bytes(ROWS))
    changed = [
        ["T01", "UBND tỉnh Huế", "", "Cơ quan tỉnh", 120],
        ["SNV", "Sở Nội vụ", "", "Sở, ban, ngành", 50],
        ["X01", "UBND xã Phú Vang", "SNV", "khối xã, PHƯỜNG", 30],
        ["X02", "UBND xã Phú Lộc", "T01", "Khối xã, phường", 0],
    ]
    plan = plan_import(xlsx_bytes(changed), "f.xlsx")
    actions = {row.code: row.action for row in plan.rows}
    assert actions == {"T01": "update", "SNV": "update", "X01": "update", "X02": "create"}
    snv = next(row for row in plan.rows if row.code == "SNV")
    assert "Biên chế: 45 → 50" in snv.changes and "Cấp trên: T01 → —" in snv.changes
    x01 = next(row for row in plan.rows if row.code == "X01")
    assert x01.changes == ["Cấp trên: T01 → SNV"]  # block differs only in case: same block
    apply_import(plan)
    db.session.commit()
    found = units()
    assert count(Unit) == 4
    assert found["T01"].name == "UBND tỉnh Huế"
    assert found["SNV"].parent is None and found["SNV"].headcount == 50
    assert found["SNV"].block.name == "Sở, ban, ngành"
    assert found["X01"].parent is found["SNV"]
    assert found["X02"].block is found["X01"].block
    assert count(Block) == 3


def test_missing_optional_columns_keep_existing_values(app):
    run_import(xlsx_bytes(ROWS))
    run_import(xlsx_bytes([["SNV", "Sở Nội vụ tỉnh"]], header=["Mã", "Tên"]))
    snv = units()["SNV"]
    assert snv.name == "Sở Nội vụ tỉnh"
    assert snv.parent.code == "T01" and snv.block.name == "Cơ quan tỉnh" and snv.headcount == 45


def test_parent_may_come_later_in_the_file_or_from_the_database(app):
    run_import(xlsx_bytes([["T01", "UBND tỉnh", "", "", 1]]))
    rows = [["P1", "Phòng 1", "SNV", "", 5], ["SNV", "Sở Nội vụ", "T01", "", 10]]
    run_import(xlsx_bytes(rows))
    found = units()
    assert found["P1"].parent is found["SNV"] and found["SNV"].parent is found["T01"]


def test_unknown_parent_error_names_the_row_and_column(app):
    rows = [ROWS[0], ["SNV", "Sở Nội vụ", "KHONGCO", "", 5]]
    assert errors_of(xlsx_bytes(rows)) == [
        "Dòng 3, cột “Mã đơn vị cha”: Không có đơn vị nào mã “KHONGCO” "
        "trong tệp hoặc trong hệ thống."
    ]


def test_any_error_means_nothing_is_written(app):
    rows = [*ROWS, ["BAD", "", "T01", "", 1]]
    plan = plan_import(xlsx_bytes(rows), "f.xlsx")
    assert [str(e) for e in plan.errors] == ["Dòng 5, cột “Tên đơn vị”: Thiếu tên đơn vị."]
    with pytest.raises(UnitError):
        apply_import(plan)
    assert count(Unit) == 0 and count(Block) == 0


def test_parent_cycle_is_an_error(app):
    rows = [["A", "Đơn vị A", "C", "", 1], ["B", "Đơn vị B", "A", "", 1],
            ["C", "Đơn vị C", "B", "", 1], ["D", "Đơn vị D", "B", "", 1]]
    assert errors_of(xlsx_bytes(rows)) == [
        "Dòng 2, cột “Mã đơn vị cha”: Vòng lặp cấp trên: A → C → B → A."
    ]


def test_cycle_through_a_stored_unit_is_an_error(app):
    run_import(xlsx_bytes([["A", "Đơn vị A", "", "", 1], ["B", "Đơn vị B", "A", "", 1]]))
    # B stays under A in the database; moving A under B closes a loop.
    errors = errors_of(xlsx_bytes([["A", "Đơn vị A", "B", "", 1]]))
    assert errors == ["Dòng 2, cột “Mã đơn vị cha”: Vòng lặp cấp trên: A → B → A."]


def test_unit_cannot_be_its_own_parent(app):
    errors = errors_of(xlsx_bytes([["A", "Đơn vị A", "A", "", 1]]))
    assert errors == ["Dòng 2, cột “Mã đơn vị cha”: Đơn vị không thể là cấp trên của chính nó."]


@pytest.mark.parametrize(("cell", "message"), [
    (-5, "Biên chế không được âm."),
    ("-5", "Biên chế không được âm."),
    ("mười", "“mười” không phải là số."),
    (12.5, "Biên chế phải là số nguyên (đang là “12.5”)."),
])
def test_bad_headcount_is_an_error(app, cell, message):
    errors = errors_of(xlsx_bytes([["A", "Đơn vị A", "", "", cell]]))
    assert errors == [f"Dòng 2, cột “Biên chế”: {message}"]


@pytest.mark.parametrize(("text", "number"), [
    ("", 0), ("0", 0), ("120", 120), ("1.200", 1200), ("1,200", 1200), ("1 200", 1200),
    ("15.0", 15),
])
def test_parse_headcount_reads_vietnamese_numbers(text, number):
    assert parse_headcount(text) == number


def test_duplicate_code_in_the_file_is_an_error(app):
    rows = [*ROWS, ["SNV", "Sở Nội vụ (trùng)", "T01", "", 1]]
    assert errors_of(xlsx_bytes(rows)) == [
        "Dòng 5, cột “Mã đơn vị”: Mã “SNV” trùng với dòng 3."
    ]


def test_missing_code_is_an_error(app):
    errors = errors_of(xlsx_bytes([["", "Không mã", "", "", 1], ROWS[0]]))
    assert errors == ["Dòng 2, cột “Mã đơn vị”: Thiếu mã đơn vị."]


def test_errors_use_the_header_as_written(app):
    header = ["Mã ĐV", "Đơn vị", "Mã cấp trên", "Nhóm", "Số CBCCVC"]
    errors = errors_of(xlsx_bytes([["A", "Đơn vị A", "Z", "", -1]], header=header))
    assert errors == [
        "Dòng 2, cột “Số CBCCVC”: Biên chế không được âm.",
    ]  # a row with a bad cell is not checked further
    errors = errors_of(xlsx_bytes([["A", "Đơn vị A", "Z", "", 1]], header=header))
    assert errors == ["Dòng 2, cột “Mã cấp trên”: Không có đơn vị nào mã “Z” "
                      "trong tệp hoặc trong hệ thống."]


def test_title_rows_above_the_header_are_skipped_and_rows_keep_excel_numbers(app):
    titles = [["DANH SÁCH ĐƠN VỊ THAM GIA CUỘC THI"], ["(Kèm theo Kế hoạch số 12/KH-SNV)"], []]
    data = xlsx_bytes([*ROWS, ["Y", "", "", "", 1]], title_rows=titles)
    plan = plan_import(data, "f.xlsx")
    assert [row.row for row in plan.rows] == [5, 6, 7]
    assert [str(e) for e in plan.errors] == ["Dòng 8, cột “Tên đơn vị”: Thiếu tên đơn vị."]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1258"])
def test_csv_in_excel_encodings(app, encoding):
    rows = [["T01", "UBND tỉnh Thừa Thiên Huế", "", "Cơ quan tỉnh", 120],
            ["X01", "UBND xã Phú Vang", "T01", "Khối xã", "30"]]
    run_import(csv_bytes(rows, encoding=encoding, sep=";"), "don_vi.csv")
    found = units()
    assert found["T01"].name == "UBND tỉnh Thừa Thiên Huế"
    assert found["X01"].name == "UBND xã Phú Vang"  # NFC even when cp1258 split the tones
    assert found["X01"].parent is found["T01"] and found["X01"].headcount == 30


def test_english_headers_and_numeric_codes(app):
    header = ["Code", "Name", "Parent code", "Block", "Headcount"]
    run_import(xlsx_bytes([[1, "Province", "", "", 3], [2, "Commune", 1, "", 4]], header=header))
    found = units()
    assert found["2"].parent is found["1"]


def test_file_without_a_header_row(app):
    assert errors_of(xlsx_bytes([["a", "b"]], header=["Cột 1", "Cột 2"])) == [
        "Không tìm thấy dòng tiêu đề có cột “Mã đơn vị” và “Tên đơn vị” trong 30 dòng đầu."
    ]


def test_header_without_rows(app):
    assert errors_of(xlsx_bytes([])) == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_broken_file_is_an_error_not_a_crash(app):
    errors = errors_of(b"PK\x03\x04 not really a zip", "don_vi.xlsx")
    assert errors == ["Tệp bị hỏng hoặc không phải là tệp bảng tính."]
    assert errors_of(b"x", "don_vi.pdf")[0].startswith("Chỉ nhận tệp Excel")


def test_headers_are_found_without_accents_or_case(app):
    header = ["ma don vi", "TEN DON VI", "Ma don vi cha", "khoi", "bien che"]
    run_import(xlsx_bytes(ROWS, header=header))
    assert count(Unit) == 3

