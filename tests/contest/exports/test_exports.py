"""Exports: title rows, Vietnamese headers, masking, formulas as text, CSV BOM, CLI."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from contest.audit.models import AuditEntry
from contest.exports import services
from contest.exports.builders import WINNER_HEADERS
from contest.exports.writers import Sheet, to_csv, to_xlsx
from contest.extensions import db
from contest.results import services as results

EVIL = '=HYPERLINK("http://evil.example","bấm")'


def book(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def header_row(ws) -> int:
    return next(r for r in range(1, 15) if ws.cell(r, 1).value in ("STT", "Hạng", "Khối đơn vị",
                                                                  "Mục", "Thời gian"))


def test_xlsx_writer_formats_and_neutralises_formulas():
    sheet = Sheet("Thử", ["Tiêu đề"], ["A", "B"], [[EVIL, 5], ["+84 912", "-1"], ["@x", 2.5]])
    ws = book(to_xlsx([sheet]))
    assert ws["A1"].value == "Tiêu đề" and ws["A1"].font.b
    assert ws["A3"].value == "A" and ws["A3"].font.b and ws.freeze_panes == "A4"
    for ref, text in (("A4", EVIL), ("A5", "+84 912"), ("B5", "-1"), ("A6", "@x")):
        assert ws[ref].data_type == "s" and ws[ref].value == text
    assert ws["B4"].value == 5 and ws["B4"].data_type == "n"
    assert ws.column_dimensions["A"].width > 10


def test_csv_has_bom_and_neutralised_cells():
    data = to_csv(Sheet("x", ["Tiêu đề"], ["Họ và tên"], [[EVIL], ["Bình thường"]]))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "Bình thường" in text and "Họ và tên" in text


@pytest.fixture
def published(world, make_user):
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    world.entrant(EVIL, duration=100, phone="0912345678", id_number="001090012345")
    world.entrant("Trần Thị B", duration=200)
    results.confirm(judge.id, world.round)
    results.publish(organiser.id, world.round)
    db.session.commit()
    return world


def test_winner_list_xlsx(published):
    file = services.round_export("winners", published.round, "xlsx")
    ws = book(file.content)
    assert "DANH SÁCH CÁ NHÂN ĐẠT GIẢI" in ws["A1"].value
    assert ws["A2"].value == "(Kèm theo Quyết định số 123/QĐ-UBND)"
    assert ws["A3"].value == "Đợt thi: Tuần 1"
    assert ws["A4"].value == "Bộ lọc: Tất cả khối thi"
    assert "phiên bản 1" in ws["A5"].value
    row = header_row(ws)
    assert [c.value for c in ws[row]] == WINNER_HEADERS
    first = [c for c in ws[row + 1]]
    assert first[1].value == EVIL and first[1].data_type == "s"
    assert first[5].value == "Giải Nhất" and first[6].value == 4
    assert "thời gian làm bài" in first[9].value


def test_full_results_mask_phone_and_id(published):
    ws = book(services.round_export("results", published.round, "xlsx").content)
    values = [str(c.value) for r in ws.iter_rows() for c in r if c.value is not None]
    assert "0912345678" not in values and "001090012345" not in values
    assert "*******678" in values and "********2345" in values


def test_csv_exports_start_with_bom(published):
    for kind in ("winners", "results", "units", "bulletin"):
        file = services.round_export(kind, published.round, "csv")
        assert file.content.startswith(b"\xef\xbb\xbf"), kind
        assert file.mimetype.startswith("text/csv")


def test_bulletin_has_bands_and_units(published):
    ws = book(services.round_export("bulletin", published.round, "xlsx").content)
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=header_row(ws) + 1)]
    assert ["Phổ điểm (lượt thi)", "Đạt 100% số điểm", 2] in rows
    assert ["Số lượt thi theo khối thi", "CBCCVC", 2] in rows
    assert any(r[0] == "Đơn vị có tỷ lệ tham gia thấp nhất" and r[1] == "Sở Tư pháp"
               for r in rows)


def test_verification_export_is_unmasked_and_audited(published):
    file = services.round_export("verification", published.round, "xlsx", actor_id=None)
    values = [c.value for r in book(file.content).iter_rows() for c in r]
    assert "0912345678" in values and "001090012345" in values
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "export.verification"))
    assert entry is not None and entry.details["rows"] == 2


def test_unpublished_round_exports_a_marked_preview(world):
    world.entrant("Nguyễn Văn A")
    ws = book(services.round_export("winners", world.round, "xlsx").content)
    assert any("BẢN XEM TRƯỚC" in str(c.value) for c in ws["A"][:6])


def test_unknown_group_is_a_clear_error(published):
    with pytest.raises(services.ExportError, match="Khối thi"):
        services.round_export("winners", published.round, "xlsx", group_id=999)


@pytest.mark.parametrize("kind", ["winners", "results", "units", "bulletin", "verification",
                                  "audit"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_cli_exports_every_kind(published, runner, tmp_path, kind, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(args=["results", "export", kind, "--round",
                                 str(published.round.id), "--format", fmt,
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") if fmt == "csv" else data.startswith(b"PK")


def test_cli_refuses_unknown_round(app, runner, tmp_path):
    result = runner.invoke(args=["results", "export", "winners", "--round", "999",
                                 "--output", str(tmp_path / "x.xlsx")])
    assert result.exit_code != 0 and "999" in result.output


def test_exported_times_are_numbers_of_seconds(published):
    """Times are numeric seconds (sortable, summable) with a number format in xlsx, and plain
    numbers in CSV; never text like "1 phút 40 giây"."""
    from contest.exports.builders import SECONDS_FORMAT, TIME_HEADER

    for kind in ("winners", "results"):
        ws = book(services.round_export(kind, published.round, "xlsx").content)
        row = header_row(ws)
        column = [c.value for c in ws[row]].index(TIME_HEADER)
        cells = [r[column] for r in ws.iter_rows(min_row=row + 1) if r[1].value]
        assert sorted(c.value for c in cells) == [100, 200], kind
        assert all(c.data_type == "n" and c.number_format == SECONDS_FORMAT for c in cells)
        text = services.round_export(kind, published.round, "csv").content.decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text)))
        start = next(i for i, line in enumerate(lines) if TIME_HEADER in line)
        column = lines[start].index(TIME_HEADER)
        assert sorted(line[column] for line in lines[start + 1:] if line) == ["100", "200"]
