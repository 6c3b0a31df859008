"""Pure readers of GIFT, Aiken, Moodle XML and QTI: what each file becomes, and bad files."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.formats import FormatError, category_leaf, sniff
from question_bank.formats.aiken import read_aiken
from question_bank.formats.gift import escape, read_gift
from question_bank.formats.moodle_xml import read_moodle_xml
from question_bank.formats.qti import read_qti

from .interchange_files import (
    AIKEN,
    AIKEN_BAD_LETTER,
    ENTITY_BOMB,
    GIFT_BANK,
    GIFT_DOCS,
    GIFT_DOCS_EXPECTED,
    GIFT_DOCS_SKIPPED,
    MOODLE_XML,
    qti_item,
    qti_package,
)


def test_gift_reads_every_construct_of_moodles_documentation():
    document = read_gift(GIFT_DOCS)
    assert [(q.line, q.text, q.options, q.correct) for q in document.questions] \
        == GIFT_DOCS_EXPECTED
    assert [(s.line, s.kind) for s in document.skipped] == GIFT_DOCS_SKIPPED


def test_gift_names_feedback_and_categories():
    document = read_gift(GIFT_DOCS)
    by_text = {q.text: q for q in document.questions}
    assert by_text["Ngày cải cách hành chính _____ được nêu ở đâu?"].code == "CCHC-07"
    assert by_text["Nguyên tắc một cửa là gì?"].explanation == "Theo Nghị định 61/2018/NĐ-CP."
    assert all(q.code == "" for q in document.questions if q.text.startswith("Ký tự"))
    bank = read_gift(GIFT_BANK)
    assert [(q.code, category_leaf(q.category)) for q in bank.questions] == [
        ("TTHC-01", "Cải cách thủ tục hành chính"), ("TTHC-02", "Chuyên đề 2025")]


@pytest.mark.parametrize("text, line", [
    ("Câu một?{=a ~b}\n\nCâu hai?{=a ~b\n", 3),
    ("Câu một?{=a ~b}\n\n// chú thích\nCâu hai?\n{=a ~b\nCâu ba?{=c ~d}\n", 5),
    ("::Tên chưa đóng câu?{=a ~b}\n", 1),
    ("Câu thừa dấu đóng =a ~b}\n", 1),
    ("Câu một?{=a ~b}\n\nCâu hai?{=a ~b}\nCâu ba, thiếu dòng trống?{=c ~d}\n", 4),
])
def test_gift_unclosed_brace_or_name_is_refused_naming_the_line(text, line):
    with pytest.raises(FormatError, match=f"GIFT, dòng {line}:"):
        read_gift(text)


def test_gift_escape_reads_back():
    text = "Giá = 5 {không} ~ # : \\ và\nhai dòng"
    document = read_gift(f"::X1::{escape(text)} {{={escape(text)} ~khác}}\n")
    assert document.questions[0].text == "Giá = 5 {không} ~ # : \\ và\nhai dòng"
    assert document.questions[0].options[0] == text


def test_aiken_single_and_multiple_answers():
    document = read_aiken(AIKEN)
    assert [(q.line, q.text, q.options, q.correct) for q in document.questions] == [
        (1, "Nghị quyết 76/NQ-CP được ban hành năm nào?", ["2020", "2021", "2022"], [1]),
        (7, "Những nội dung nào thuộc cải cách hành chính?",
         ["Cải cách thể chế", "Cải cách tư pháp", "Cải cách tài chính công"], [0, 2]),
    ]


@pytest.mark.parametrize("text, message", [
    (AIKEN_BAD_LETTER, "Aiken, dòng 9: đáp án “E” không khớp phương án nào "
                       "(câu bắt đầu ở dòng 6 chỉ có A, B)"),
    ("Câu?\nA. Có\nB. Không\n\nCâu sau?\nA. x\nB. y\nANSWER: A\n", "Aiken, dòng 5: câu bắt "
                                                                  "đầu ở dòng 1 thiếu"),
    ("Câu?\nA. Có\nB. Không\n", "Aiken, dòng 1: câu cuối tệp thiếu"),
    ("ANSWER: A\n", "Aiken, dòng 1: dòng ANSWER không đi sau"),
])
def test_aiken_bad_files_are_refused_naming_the_line(text, message):
    with pytest.raises(FormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_aiken(text)


def test_moodle_xml_reads_choices_and_skips_each_other_type():
    document = read_moodle_xml(MOODLE_XML.encode())
    assert [(q.line, q.text, q.options, q.correct, q.code) for q in document.questions] == [
        (6, "Nghị quyết 76/NQ-CP ban hành năm nào?", ["2020", "2021", "2022 & sau đó"], [1],
         "NQ76-01"),
        (18, "Những cơ quan nào thuộc Chính phủ?", ["Bộ Nội vụ", "Bộ Tư pháp", "Quốc hội"],
         [0, 1], ""),
        (26, "Có sáu lĩnh vực cải cách.", ["Đúng", "Sai"], [0], ""),
        (35, "Chọn các văn bản quy phạm pháp luật.", ["Luật", "Nghị định", "Công văn"], [0, 1],
         ""),
    ]
    assert document.questions[0].explanation == "Ngày 15/7/2021."
    assert [category_leaf(q.category) for q in document.questions] == [
        "Cải cách thể chế", "Cải cách thể chế", "Cải cách thể chế", "Ôn tập chung"]
    assert [(s.line, s.kind, s.title) for s in document.skipped] == [
        (43, "matching", "Ghép đôi"), (47, "numerical", "Số lĩnh vực"),
        (51, "shortanswer", "Trả lời ngắn"), (55, "essay", "Tự luận"),
        (59, "description", "Giới thiệu"), (63, "cloze", "Điền khuyết")]


@pytest.mark.parametrize("data, message", [
    (b"<quiz>\n<question type='multichoice'>\n<name></question>\n</quiz>",
     "Tệp XML hỏng ở dòng 3, cột 9"),
    (b"<quiz><question>", "Tệp XML hỏng ở dòng 1"),
    (ENTITY_BOMB, "bom XML"),
    (b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     b"<quiz>&e;</quiz>", "ENTITY “e”"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY % p "<!ENTITY q \'x\'>"> %p;\n]>'
     b"<quiz>&q;</quiz>", "ENTITY “p”"),
    (b"", "Tệp XML hỏng ở dòng 1"),
    (b"<quiz>&undefined;</quiz>", "Tệp XML hỏng ở dòng 1"),
])
def test_malformed_xml_and_entity_bombs_are_refused(data, message):
    with pytest.raises(FormatError, match=message):
        read_moodle_xml(data)


def test_an_external_dtd_is_never_fetched():
    data = (b'<?xml version="1.0"?><!DOCTYPE quiz SYSTEM "http://127.0.0.1:9/none.dtd">'
            b'<quiz><question type="essay"><name><text>E</text></name></question></quiz>')
    assert [s.kind for s in read_moodle_xml(data).skipped] == ["essay"]


def test_qti_item_and_package():
    item = read_qti(qti_item())[0]
    assert [(q.text, q.options, q.correct, q.code) for q in item.questions] == [
        ("Cơ quan nào quản lý công chức?", ["Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính"], [0],
         "item-1")]
    package = read_qti(qti_package({
        "items/a.xml": qti_item("a"), "b.xml": qti_item("b", correct=("A", "C")),
        "c.xml": qti_item("c", interaction='<extendedTextInteraction responseIdentifier="R"/>'),
        "d.xml": qti_item("d", interaction='<matchInteraction responseIdentifier="R"/>'),
        "e.xml": qti_item("e", interaction="<p>Chỉ là đoạn giới thiệu.</p>"),
    }))
    assert [d.label for d in package] == ["items/a.xml", "b.xml", "c.xml", "d.xml", "e.xml"]
    assert package[1].questions[0].correct == [0, 2]
    assert [(s.kind, s.title) for d in package for s in d.skipped] == [
        ("essay", "c"), ("matching", "d"), ("description", "e")]


@pytest.mark.parametrize("data, message", [
    (qti_item(correct=("Z",)), "đáp án đúng “Z” không phải phương án nào"),
    (qti_package({}), "thiếu imsmanifest.xml|không liệt kê câu hỏi"),
    (b"PK\x03\x04broken", "Tệp .zip bị hỏng"),
    (b"<other/>", "thẻ gốc phải là <assessmentItem>"),
])
def test_bad_qti_is_refused(data, message):
    with pytest.raises(FormatError, match=message):
        read_qti(data)


def test_qti_zip_bomb_is_refused_before_unzipping():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", b"<manifest/>")
        archive.writestr("item.xml", b"\0" * 30_000_000)
    with pytest.raises(FormatError, match="bom nén"):
        read_qti(buffer.getvalue())



@pytest.mark.parametrize("name, data, kind", [
    ("a.gift", b"anything", "gift"),
    ("a.txt", GIFT_BANK.encode(), "gift"),
    ("a.txt", GIFT_BANK.encode("utf-16"), "gift"),  # tab-indented answers, still GIFT
    ("a.txt", AIKEN.encode("utf-16"), "aiken"),
    ("a.xml", b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x -->\n<quiz/>", "moodle_xml"),
    ("a.xml", qti_item(), "qti"),
    ("a.zip", b"PK", "qti"),
    ("a.xlsx", b"PK", None),
    ("a.txt", "Câu\tĐáp án\n".encode("utf-16"), None),  # Excel's "Unicode Text"
])
def test_sniff(name, data, kind):
    assert sniff(data, name) == kind


def test_text_that_is_neither_gift_nor_aiken_is_refused():
    with pytest.raises(FormatError, match="không phải GIFT"):
        sniff("Chỉ là một đoạn văn.\n".encode(), "ghi-chu.txt")


def test_moodle_xml_lines_survive_comments_and_cdata_that_look_like_questions():
    data = (b'<quiz>\n<!-- <question type="essay"> -->\n<question type="essay">\n'
            b"<questiontext><text><![CDATA[<question >]]></text></questiontext></question>\n"
            b'<question type="numerical"><name><text>N</text></name></question>\n</quiz>')
    assert [s.line for s in read_moodle_xml(data).skipped] == [3, 5]


WORDS = st.text(alphabet="aăâbđeêoôơuưyÁẾỘ0129~=#{}:\\[]%-/.,?", min_size=1, max_size=8)


@given(st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1,
                max_size=3).map("\n".join),
       st.lists(st.lists(WORDS, min_size=1, max_size=4).map(" ".join), min_size=2,
                max_size=6, unique=True))
@settings(max_examples=200, deadline=None)
def test_gift_writer_escapes_anything_the_reader_gives_back(text, options):
    block = f"::Q1::{escape(text)} {{\n" + "\n".join(
        f"\t{'=' if i == 0 else '~'}{escape(o)}" for i, o in enumerate(options)) + "\n}\n"
    question = read_gift(block).questions[0]
    assert (question.text, question.options, question.correct) == (text, options, [0])
