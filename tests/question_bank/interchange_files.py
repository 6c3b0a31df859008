"""Interchange files for tests: GIFT, Aiken, Moodle XML and QTI 2.1 written for these tests.

``GIFT_DOCS`` walks through every construct the examples in Moodle's GIFT documentation use
(question/format/gift/examples.txt), in our own words; ``GIFT_DOCS_EXPECTED`` says what each
becomes.
"""

from __future__ import annotations

import io
import zipfile

GIFT_DOCS = r"""// Các ví dụ theo tài liệu GIFT của Moodle, viết lại cho bài kiểm thử.
// ===Multiple Choice===

Ai là người đứng đầu Chính phủ?{~Chủ tịch nước ~Chủ tịch Quốc hội =Thủ tướng Chính phủ}

Văn bản {~Thông tư =Nghị quyết ~Công văn} 76/NQ-CP về cải cách hành chính.

Chương trình tổng thể cải cách hành chính kéo dài tới năm {
    ~2025
    ~2028
    =2030
} theo Nghị quyết 76.

Cơ quan nào thẩm định thủ tục hành chính? {
    ~Bộ Nội vụ
    =Bộ Tư pháp
    ~Bộ Tài chính
    ~Bộ Công an}

// ===Short Answer===

Cổng dịch vụ công quốc gia có địa chỉ nào?{=dichvucong.gov.vn =Cổng DVC}

// ===True-False===

Cải cách hành chính có sáu nội dung.{T}

Nghị quyết 76 ban hành năm 2019.{FALSE}

// ===Matching===

Ghép cơ quan với lĩnh vực. {
    =Bộ Nội vụ -> công vụ
    =Bộ Tư pháp -> thể chế
    =Văn phòng Chính phủ -> thủ tục hành chính
    }

// ===Numerical===

Có bao nhiêu lĩnh vực cải cách? {#6}

Tỷ lệ hồ sơ trực tuyến (phần trăm)? {#80:5}

Khoảng năm ban hành? {#2020..2022}

Năm ban hành? {#
    =2021:0
    =%50%2021:1}

// ===Question Name===

::Tên câu::Cải cách chế độ công vụ
thuộc lĩnh vực thứ mấy? {=tư =4}

::CCHC-07::Ngày cải cách hành chính {~1/1 ~2/9 =không có ngày riêng} được nêu ở đâu?

// ===Feedback===

Câu có phản hồi?{
~sai#chưa đúng
~cũng sai#chưa đúng
=đúng#Rất tốt!}

// ===Specify text format===
[markdown]Đâu là **Chính phủ số**?{
~Giấy tờ#không
=Dữ liệu số#đúng}

// ===Percentage Answer Weights===
Câu có trọng số.{~sai ~%50%nửa điểm =đủ điểm}

// ===Multiple Answers===

Hai cơ quan nào thuộc Chính phủ? {
    ~%-50%Quốc hội
    ~%50%Bộ Nội vụ
    ~%50%Bộ Tư pháp
    ~%-50%Tòa án nhân dân }

// ===Special Characters===
Biểu thức nào bằng 5? {
     ~ \= 2 + 2
     = \= 2 + 3
     ~ \= 2 + 4  }

::Ký tự điều khiển::
Ký tự nào KHÔNG phải ký tự điều khiển của GIFT? {
   ~ \~     # \~ là ký tự điều khiển.
   ~ \=     # \= là ký tự điều khiển.
   ~ \#     # \# là ký tự điều khiển.
   ~ \{     # \{ là ký tự điều khiển.
   ~ \}     # \} là ký tự điều khiển.
   = \\     # Đúng! \\ dùng để thoát các ký tự trên,
              nên muốn viết nó phải viết hai lần.
}

// ===General feedback, essay and description===

Nguyên tắc một cửa là gì?{
=Tiếp nhận và trả kết quả tại một nơi
~Mỗi cơ quan một cửa
####Theo Nghị định 61/2018/NĐ-CP.}

Trình bày suy nghĩ về cải cách hành chính.{}

Phần tiếp theo nói về Chính phủ số.
"""

# (line, text, options, correct) of every question GIFT_DOCS imports, in order.
GIFT_DOCS_EXPECTED = [
    (4, "Ai là người đứng đầu Chính phủ?",
     ["Chủ tịch nước", "Chủ tịch Quốc hội", "Thủ tướng Chính phủ"], [2]),
    (6, "Văn bản _____ 76/NQ-CP về cải cách hành chính.", ["Thông tư", "Nghị quyết", "Công văn"],
     [1]),
    (8, "Chương trình tổng thể cải cách hành chính kéo dài tới năm _____ theo Nghị quyết 76.",
     ["2025", "2028", "2030"], [2]),
    (14, "Cơ quan nào thẩm định thủ tục hành chính?",
     ["Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công an"], [1]),
    (26, "Cải cách hành chính có sáu nội dung.", ["Đúng", "Sai"], [0]),
    (28, "Nghị quyết 76 ban hành năm 2019.", ["Đúng", "Sai"], [1]),
    (55, "Ngày cải cách hành chính _____ được nêu ở đâu?", ["1/1", "2/9", "không có ngày riêng"],
     [2]),
    (59, "Câu có phản hồi?", ["sai", "cũng sai", "đúng"], [2]),
    (65, "Đâu là **Chính phủ số**?", ["Giấy tờ", "Dữ liệu số"], [1]),
    (70, "Câu có trọng số.", ["sai", "nửa điểm", "đủ điểm"], [2]),
    (74, "Hai cơ quan nào thuộc Chính phủ?",
     ["Quốc hội", "Bộ Nội vụ", "Bộ Tư pháp", "Tòa án nhân dân"], [1, 2]),
    (81, "Biểu thức nào bằng 5?", ["= 2 + 2", "= 2 + 3", "= 2 + 4"], [1]),
    (86, "Ký tự nào KHÔNG phải ký tự điều khiển của GIFT?", ["~", "=", "#", "{", "}", "\\"], [5]),
    (99, "Nguyên tắc một cửa là gì?",
     ["Tiếp nhận và trả kết quả tại một nơi", "Mỗi cơ quan một cửa"], [0]),
]
# (line, kind) of every question GIFT_DOCS skips.
GIFT_DOCS_SKIPPED = [
    (22, "shortanswer"), (32, "matching"), (40, "numerical"), (42, "numerical"),
    (44, "numerical"), (46, "numerical"), (52, "shortanswer"), (104, "essay"),
    (106, "description"),
]

GIFT_BANK = """$CATEGORY: $course$/top/Cải cách thủ tục hành chính

::TTHC-01::Cơ chế một cửa liên thông áp dụng ở đâu? {
\t~Chỉ ở cấp tỉnh
\t=Ở cả ba cấp chính quyền
\t~Chỉ ở cấp xã
}

$CATEGORY: $course$/top/Chuyên đề 2025

::TTHC-02::Dịch vụ công trực tuyến toàn trình là gì?{~Nộp hồ sơ giấy =Thực hiện trọn vẹn trên mạng}
"""

AIKEN = """Nghị quyết 76/NQ-CP được ban hành năm nào?
A. 2020
B) 2021
C. 2022
ANSWER: B

Những nội dung nào thuộc cải cách hành chính?
A. Cải cách thể chế
B. Cải cách tư pháp
C. Cải cách tài chính công
ANSWER: A, C
"""

AIKEN_BAD_LETTER = """Câu một?
A. Có
B. Không
ANSWER: A

Câu hai?
A. Có
B. Không
ANSWER: E
"""

MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Cải cách thể chế</text></category>
  </question>
  <question type="multichoice">
    <name><text>Câu về Nghị quyết</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Nghị quyết 76/NQ-CP <b>ban hành</b> năm nào?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>Ngày 15/7/2021.</text></generalfeedback>
    <idnumber>NQ76-01</idnumber>
    <single>true</single>
    <answer fraction="0" format="html"><text>2020</text></answer>
    <answer fraction="100" format="html"><text>2021</text></answer>
    <answer fraction="0" format="html"><text>2022 &amp; sau đó</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Nhiều đáp án</text></name>
    <questiontext format="html"><text>Những cơ quan nào thuộc Chính phủ?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Bộ Nội vụ</text></answer>
    <answer fraction="50"><text>Bộ Tư pháp</text></answer>
    <answer fraction="-100"><text>Quốc hội</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Đúng sai</text></name>
    <questiontext format="moodle_auto_format"><text>Có sáu lĩnh vực cải cách.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="category">
    <category><text>$course$/top/Ôn tập chung</text></category>
  </question>
  <question type="multichoiceset">
    <name><text>Tất cả hoặc không</text></name>
    <questiontext format="plain_text">
      <text>Chọn các văn bản quy phạm pháp luật.</text></questiontext>
    <answer fraction="1"><text>Luật</text></answer>
    <answer fraction="1"><text>Nghị định</text></answer>
    <answer fraction="0"><text>Công văn</text></answer>
  </question>
  <question type="matching">
    <name><text>Ghép đôi</text></name>
    <questiontext format="html"><text>Ghép cơ quan với việc.</text></questiontext>
  </question>
  <question type="numerical">
    <name><text>Số lĩnh vực</text></name>
    <questiontext format="html"><text>Có bao nhiêu lĩnh vực?</text></questiontext>
  </question>
  <question type="shortanswer">
    <name><text>Trả lời ngắn</text></name>
    <questiontext format="html"><text>Viết tắt của thủ tục hành chính?</text></questiontext>
  </question>
  <question type="essay">
    <name><text>Tự luận</text></name>
    <questiontext format="html"><text>Trình bày suy nghĩ.</text></questiontext>
  </question>
  <question type="description">
    <name><text>Giới thiệu</text></name>
    <questiontext format="html"><text>Phần hai.</text></questiontext>
  </question>
  <question type="cloze">
    <name><text>Điền khuyết</text></name>
    <questiontext format="html"><text>Năm {1:NUMERICAL:=2021}.</text></questiontext>
  </question>
</quiz>
"""

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="multichoice"><questiontext><text>&lol3;</text></questiontext>
</question></quiz>
"""

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"


def qti_item(identifier: str = "item-1", text: str = "Cơ quan nào quản lý công chức?",
             choices: tuple[str, ...] = ("Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính"),
             correct: tuple[str, ...] = ("A",), interaction: str = "") -> bytes:
    """A QTI 2.1 assessmentItem; ``interaction`` replaces the choiceInteraction."""
    ids = "ABCDEFGH"
    body = interaction or (
        f'<choiceInteraction responseIdentifier="RESPONSE" shuffle="true" '
        f'maxChoices="{1 if len(correct) == 1 else 0}"><prompt>{text}</prompt>'
        + "".join(f'<simpleChoice identifier="{ids[i]}">{c}</simpleChoice>'
                  for i, c in enumerate(choices))
        + "</choiceInteraction>")
    cardinality = "single" if len(correct) == 1 else "multiple"
    values = "".join(f"<value>{v}</value>" for v in correct)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_NS}" identifier="{identifier}" title="{identifier}"
    adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="{cardinality}" baseType="identifier">
    <correctResponse>{values}</correctResponse>
  </responseDeclaration>
  <itemBody>
    {body}
  </itemBody>
</assessmentItem>
""".encode()


def qti_package(items: dict[str, bytes]) -> bytes:
    """A QTI content package: imsmanifest.xml listing every item file."""
    resources = "".join(
        f'<resource identifier="r{i}" type="imsqti_item_xmlv2p1" href="{name}">'
        f'<file href="{name}"/></resource>' for i, name in enumerate(items))
    manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m1">
  <organizations/><resources>{resources}</resources>
</manifest>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name, data in items.items():
            archive.writestr(name, data)
    return buffer.getvalue()
