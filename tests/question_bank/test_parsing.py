"""Pure parsing of cells: table-driven."""

import pytest

from contest.spreadsheets import match_header
from question_bank.parsing import (
    HEADERS,
    CellError,
    options_from_columns,
    parse_answer,
    parse_area,
    parse_difficulty,
    parse_keep,
    split_banks,
    split_options,
)
from question_bank.rules import auto_keep_in_place, should_keep_in_place

OPTIONS = ["Năm 2020", "Năm 2021", "Năm 2022", "Cả A, B, C đều đúng"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Câu hỏi", "text"), ("CÂU HỎI", "text"), ("cau hoi", "text"), ("  Nội   dung ", "text"),
        ("Question", "text"), ("Nội dung câu hỏi", "text"),
        ("Phương án A", "option_a"), ("A", "option_a"), ("Đáp án A", "option_a"),
        ("phuong an b", "option_b"), ("Option F", "option_f"), ("PA C", "option_c"),
        ("Đáp án", "answer"), ("Đáp án đúng", "answer"), ("ĐÁP ÁN ĐÚNG", "answer"),
        ("Answer", "answer"), ("Lĩnh vực", "area"), ("Chủ đề", "area"), ("Area", "area"),
        ("Mức độ", "difficulty"), ("Độ khó", "difficulty"), ("Giải thích", "explanation"),
        ("Căn cứ", "legal_basis"), ("Nguồn", "legal_basis"), ("Mã", "code"),
        ("Mã câu hỏi", "code"), ("STT", "number"), ("Các phương án", "options"),
        ("Giữ vị trí", "keep"), ("Ngân hàng", "banks"), ("Ghi chú lạ", None), ("", None),
    ],
)
def test_headers_are_recognised_whatever_the_spelling(header, field):
    assert match_header(header, HEADERS) == field


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("B", [1]), ("b", [1]), (" B. ", [1]), ("A,C", [0, 2]), ("A, C", [0, 2]), ("AC", [0, 2]),
        ("A;C", [0, 2]), ("A và C", [0, 2]), ("Đáp án B", [1]), ("2", [1]), ("2.0", [1]),
        ("1,3", [0, 2]), ("Năm 2021", [1]), ("năm 2021", [1]), ("D", [3]),
        ("Cả A, B, C đều đúng", [3]), ("Năm 2020\nNăm 2022", [0, 2]),
    ],
)
def test_answer_formats(raw, expected):
    assert parse_answer(raw, OPTIONS) == expected


def test_answer_equal_to_an_option_text_wins_over_numbers():
    assert parse_answer("2021", ["2020", "2021", "2022"]) == [1]


@pytest.mark.parametrize("raw", ["", "E", "AE", "5", "0", "Năm 1999", "???"])
def test_bad_answers_are_refused(raw):
    with pytest.raises(CellError):
        parse_answer(raw, OPTIONS)


@pytest.mark.parametrize(
    ("raw", "area"),
    [
        ("1", 1), ("6", 6), ("Lĩnh vực 3", 3), ("LV4", 4), ("IV", 4),
        ("Cải cách thể chế", 1), ("CẢI CÁCH THỂ CHẾ", 1), ("cai cach the che", 1),
        ("Thể chế", 1), ("Cải cách thủ tục hành chính", 2), ("Thủ tục hành chính", 2),
        ("TTHC", 2), ("Cải cách tổ chức bộ máy hành chính nhà nước", 3), ("Bộ máy", 3),
        ("Công vụ", 4), ("Cải cách chế độ công vụ", 4), ("Tài chính công", 5),
        ("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", 6), ("Chính phủ số", 6),
        ("Chinh phu dien tu", 6), ("Cải cách thủ tục hành chánh", 2), ("Cai cach the chee", 1),
    ],
)
def test_area_by_number_name_or_close_spelling(raw, area):
    assert parse_area(raw) == area


@pytest.mark.parametrize("raw", ["", "7", "0", "Thể thao", "Văn hoá"])
def test_unknown_area_is_refused(raw):
    with pytest.raises(CellError):
        parse_area(raw)


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("", 2), ("Dễ", 1), ("DỄ", 1), ("de", 1), ("Nhận biết", 1), ("1", 1), ("Easy", 1),
        ("Trung bình", 2), ("TB", 2), ("Thông hiểu", 2), ("2", 2), ("Medium", 2),
        ("Khó", 3), ("Vận dụng", 3), ("Vận dụng cao", 3), ("3", 3), ("Hard", 3),
    ],
)
def test_difficulty_spellings(raw, level):
    assert parse_difficulty(raw) == level


def test_unknown_difficulty_is_refused():
    with pytest.raises(CellError, match="Mức độ"):
        parse_difficulty("Siêu khó")


@pytest.mark.parametrize(
    ("cell", "options"),
    [
        ("A. Một\nB. Hai\nC. Ba", ["Một", "Hai", "Ba"]),
        ("A) Một\r\nB) Hai", ["Một", "Hai"]),
        ("a. Một\n\nb. Hai dòng\nnối tiếp\nc: Ba", ["Một", "Hai dòng\nnối tiếp", "Ba"]),
        ("Một\nHai\nBa", ["Một", "Hai", "Ba"]),
        ("", []),
    ],
)
def test_options_in_one_cell(cell, options):
    assert split_options(cell) == options


def test_options_in_columns_drop_repeated_prefixes_and_trailing_blanks():
    cells = {"option_a": "A. Một", "option_b": "B) Hai", "option_c": "", "option_d": ""}
    assert options_from_columns(cells) == ["Một", "Hai"]


def test_a_lone_prefix_like_text_is_kept():
    cells = {"option_a": "A) ý một", "option_b": "Hai"}
    assert options_from_columns(cells) == ["A) ý một", "Hai"]


def test_gap_in_option_columns_is_an_error():
    with pytest.raises(CellError, match="Phương án B trống"):
        options_from_columns({"option_a": "Một", "option_b": "", "option_c": "Ba"})


@pytest.mark.parametrize(
    ("option", "keep"),
    [
        ("Cả A, B, C đều đúng", True), ("Tất cả các phương án trên", True),
        ("Cả hai ý trên", True), ("Không có phương án nào đúng", True),
        ("Cả A và B", True), ("Tất cả đều đúng", True), ("Các phương án trên đều sai", True),
        ("All of the above", True), ("Cả nước có 63 tỉnh", False), ("Không", False),
        ("Tất cả cán bộ, công chức", False), ("Năm 2021", False),
    ],
)
def test_keep_in_place_detection(option, keep):
    assert should_keep_in_place(option) is keep


def test_auto_keep_positions():
    assert auto_keep_in_place(OPTIONS) == [0, 1, 2, 3]  # D names A, B and C


@pytest.mark.parametrize(("raw", "keep"), [("", None), ("-", []), ("Không", []), ("D", [3]),
                                           ("C,D", [2, 3])])
def test_keep_column(raw, keep):
    assert parse_keep(raw, 4) == keep


def test_keep_column_beyond_options_is_refused():
    with pytest.raises(CellError):
        parse_keep("F", 4)


def test_split_banks():
    assert split_banks("CBCCVC 2025;  Người dân 2025 \n") == ["CBCCVC 2025", "Người dân 2025"]
