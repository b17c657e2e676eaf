"""The report as a Word document: the Party's format, the report's content, the same bytes each time.

A program made here (`report_program`) has findings of every kind, documents with
their progress and result, topics with their results and Markdown in every Markdown
field; its .docx is opened with python-docx and, where LibreOffice is installed,
printed to PDF and read back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from leakscan import scan
from programs import write_csv, write_program

from scripts import synthetic
from scripts.assemble import pipeline
from scripts.data import editions
from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.downloads import word
from scripts.report import fmt, pages, printview, rounds
from scripts.report.compute import Results
from scripts.report.status import ICONS

ROOT = Path(__file__).resolve().parent.parent
MARKER = "MẬT-QZXV-7431"
PERIODS = ("2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1")
INNOVATIONS = """\
Ban Thường vụ đổi mới cách lãnh đạo:

- **Ban hành nghị quyết** xuất phát từ nhu cầu cấp thiết;
- Đề cao _vai trò người đứng đầu_.
"""


def report_program(folder: Path, *, illustrative: bool = True, communes: int = 4, internal: bool = False) -> Path:
    """A program with every part of the report filled; with internal rows carrying MARKER when `internal`."""
    units = ["BL", *(f"X{n:03d}" for n in range(1, communes + 1))]
    values: list[tuple[object, ...]] = []
    for n, period in enumerate(PERIODS):
        for unit in units:
            root = unit == "BL"
            kind = "illustrative" if not root and n == len(PERIODS) - 1 else ""
            values.append(("A1", unit, period, 62.5 + n * 5 if root else 50 + n, kind))
            values.append(("B2", unit, period, 1200 + n if root else 10 + n, ""))
    write_program(folder, communes=communes, illustrative=illustrative, periods=PERIODS, values=[])
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value", "status"), values)
    with (folder / "program.yml").open("a", encoding="utf-8") as f:
        f.write("innovations: |\n" + "".join(f"  {line}\n" for line in INNOVATIONS.splitlines()))
    write_csv(
        folder / "topics.csv",
        ("id", "title", "lead_agency", "status", "rating", "summary", "source"),
        [
            ("T01", "Đề tài về tổ chức cơ sở đảng", "Sở Nội vụ", "accepted_city", "xuất sắc",
             "Đề xuất **ba** nhóm giải pháp.", "Báo Bạch Liên"),
            ("T02", "Đề tài về đội ngũ cán bộ", "Trường Chính trị", "in_progress", "", "", ""),
        ],
    )  # fmt: skip
    documents = [
        ("05-KH/TU", "plan", "2021-02-01", "Kế hoạch thực hiện chương trình", "Ban Thường vụ", "Xây dựng Đảng",
         "Tóm tắt kế hoạch.", "in_progress", "Đã triển khai ở **12** xã.", "Báo Bạch Liên", "public"),
        ("07-CT/TU", "directive", "2021-05-01", "Chỉ thị về công tác kiểm tra", "", "", "", "", "", "", "public"),
    ]  # fmt: skip
    if internal:
        documents.append(
            ("99-ĐA/TU", "scheme", "2021-06-01", f"Đề án {MARKER}", "", "", f"Tóm tắt {MARKER}", "", "", "", "internal")
        )
    write_csv(
        folder / "documents.csv",
        ("number", "kind", "date", "title", "issuer", "field", "summary", "progress", "result", "source", "visibility"),
        documents,
    )
    findings = [
        ("highlight", 1, "Kết nạp vượt mục tiêu đảng viên mới", "Lũy kế **vượt** mục tiêu.", "", "", "B2", "Báo A"),
        ("strength", 1, "Cấp ủy vào cuộc đồng bộ", "", "", "", "", ""),
        ("limitation", 1, "Chuyển biến ở một số xã còn chậm", "- Xã Số 1 còn chậm\n- Xã Số 2 còn chậm",
         "Ban Tổ chức Tỉnh ủy", "", "A1;05-KH/TU;T01", ""),
        ("limitation", 2, "Công tác kiểm tra chưa thường xuyên", "", "", "", "", ""),
        ("cause", 1, "Địa bàn rộng, đi lại khó khăn", "", "", "objective", "", ""),
        ("cause", 2, "Người đứng đầu một số nơi chưa quyết liệt", "", "", "subjective", "", ""),
        ("lesson", 1, "Phát huy vai trò người đứng đầu", "", "", "", "", ""),
        ("direction", 1, "Tiếp tục củng cố tổ chức cơ sở đảng", "", "", "", "", ""),
    ]  # fmt: skip
    rows = [(*f, "public") for f in findings]
    if internal:
        rows.append(("limitation", 3, f"{MARKER} chưa dứt điểm", f"Nội dung {MARKER}.", f"Ban {MARKER}", "", "", "",
                     "internal"))  # fmt: skip
    write_csv(
        folder / "findings.csv",
        ("kind", "order", "title", "text", "responsible", "aspect", "related", "source", "visibility"),
        rows,
    )
    return folder


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(report_program(tmp_path_factory.mktemp("word") / "data"))


@pytest.fixture(scope="module")
def docx_bytes(program: Dataset) -> bytes:
    return word.document(program)


@pytest.fixture(scope="module")
def doc(docx_bytes: bytes) -> DocxDocument:
    return Document(io.BytesIO(docx_bytes))


def texts(doc: DocxDocument) -> list[str]:
    """Every paragraph of the body, in order, tables' cells included where they stand."""
    out: list[str] = []
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                seen: list[object] = []
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell is listed once for each column it spans
                        seen.append(cell._tc)
                        out += [p.text for p in cell.paragraphs]
        else:
            out.append(block.text)
    return out


def starting(lines: list[str], prefix: str) -> int:
    """Where the first line beginning with `prefix` is (a title may be followed by its "Nội dung mẫu" label)."""
    return next(n for n, line in enumerate(lines) if line.startswith(prefix))


def body_text(doc: DocxDocument) -> str:
    return "\n".join(texts(doc))


def headings(doc: DocxDocument) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")]


def bordered(doc: DocxDocument) -> list[Table]:
    """The tables of figures (the heading and signature blocks have no borders)."""
    out = []
    for t in doc.tables:
        borders = t._tbl.tblPr.find(qn("w:tblBorders"))
        if borders is not None and borders.find(qn("w:top")).get(qn("w:val")) == "single":
            out.append(t)
    return out


# --- the page and the type ----------------------------------------------------------


def test_the_page_is_a4_with_the_partys_margins(doc: DocxDocument) -> None:
    section = doc.sections[0]
    sizes = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in sizes if m is not None] == [210, 297]
    assert [round(m.mm) for m in margins if m is not None] == [20, 20, 30, 15]  # within 20–25, 20–25, 30–35, 15–20


def test_the_text_is_times_new_roman_14_pt_for_every_script(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {a: fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
        ("ascii", "hAnsi", "eastAsia", "cs"), "Times New Roman"
    )
    assert normal.font.size.pt == 14
    styles_xml = doc.styles.element.xml
    assert not re.search(r"w:(ascii|hAnsi|eastAsia)Theme|w:cstheme", styles_xml)  # no theme font wins over it
    fonts_named = {f for el in re.findall(r"<w:rFonts [^>]*>", styles_xml) for f in re.findall(r'"([^"]+)"', el)}
    assert fonts_named == {"Times New Roman"}  # in every style that names a font
    for level in (1, 2, 3):
        assert doc.styles[f"Heading {level}"].font.size.pt == 14
        assert doc.styles[f"Heading {level}"].font.color.rgb is None  # black, not the template's blue


def test_the_language_is_vietnamese(doc: DocxDocument) -> None:
    lang = doc.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "vi-VN"
    assert doc.core_properties.language == "vi-VN"


# --- the heading block and the title ------------------------------------------------------


def test_the_heading_block_names_the_committee_and_the_party(doc: DocxDocument) -> None:
    block = doc.tables[0]
    left, right = block.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["TỈNH ỦY BẠCH LIÊN", "*", "Số        -BC/TU"]
    assert [p.text for p in right.paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "……, ngày 01 tháng 10 năm 2023"]
    issuer = left.paragraphs[0].runs[0]
    assert issuer.bold and issuer.font.size.pt == 14
    party = right.paragraphs[0].runs[0]
    assert party.bold and party.underline and party.font.size.pt == 15
    assert right.paragraphs[2].runs[0].italic
    assert block._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "nil"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2020, 6, 30), "ngày 30 tháng 6 năm 2020"),
        (dt.date(2023, 10, 1), "ngày 01 tháng 10 năm 2023"),  # a day below 10 with a leading zero
        (dt.date(2019, 2, 5), "ngày 05 tháng 02 năm 2019"),  # and the months 1 and 2
    ],
)
def test_the_date_line_is_worded_as_documents_word_it(day: dt.date, expected: str) -> None:
    assert word.long_date(day) == expected


@pytest.mark.parametrize(
    ("code", "suffix"),
    [("01-CTr/TU", "TU"), ("05-CTr/ĐU", "ĐU"), ("CTr-2021", "…")],  # no committee part: dots for staff
)
def test_the_number_is_left_blank_with_the_committees_part(code: str, suffix: str) -> None:
    assert word.number_suffix(code) == suffix


def test_the_title_follows_the_heading_block(doc: DocxDocument, program: Dataset) -> None:
    lines = texts(doc)
    start = lines.index("BÁO CÁO")
    assert lines[start : start + 3] == ["BÁO CÁO", "kết quả thực hiện Chương trình 02-CTr/TU", program.program.title]


# --- the report's content ---------------------------------------------------------------------


def test_every_section_heading_is_there_in_order(doc: DocxDocument, program: Dataset) -> None:
    expected = [
        "I. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH",
        "1. Đổi mới phương thức lãnh đạo, chỉ đạo",  # the innovations first, as the report is asked for
        "2. Kết quả nổi bật",
        "3. Kết quả thực hiện các chỉ tiêu",
        "4. Tình hình thực hiện các đề án, chương trình, chuyên đề và đề tài khoa học",
        "II. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Hạn chế, yếu kém",
        "3. Nguyên nhân",
        "a) Nguyên nhân khách quan",
        "b) Nguyên nhân chủ quan",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO (SAU 2025)",
        "PHỤ LỤC",
        "Phụ lục 1. Số liệu chi tiết theo chỉ tiêu",
        "1. Tỷ lệ A",
        "2. Số B",
        "Phụ lục 2. Kết quả nghiên cứu và kiến nghị của các đề tài khoa học",
        "1. Đề tài về tổ chức cơ sở đảng",
        "2. Đề tài về đội ngũ cán bộ",
        "Phụ lục 3. Văn bản lãnh đạo, chỉ đạo",
        "Phụ lục 4. Mốc thời gian",
        "Phụ lục 5. Cách đánh giá và ký hiệu",
    ]
    assert headings(doc) == expected == word.headings(program)


def test_every_finding_topic_and_document_is_there(doc: DocxDocument, program: Dataset) -> None:
    text = body_text(doc)
    for f in program.findings:
        assert [x for x in texts(doc) if re.match(rf"[\d.]+ {re.escape(f.title)}", x)]
    for t in program.topics:
        assert t.title in text
    for d in program.documents:
        assert d.number in text and d.title in text
    assert "Cơ quan, tổ chức chịu trách nhiệm: Ban Tổ chức Tỉnh ủy" in texts(doc)
    assert "Cơ quan, tổ chức chịu trách nhiệm: chưa xác định" in texts(doc)  # a limitation without one says so
    assert "Tiến độ: Đang thực hiện" in texts(doc)
    assert "Kết quả: Đã triển khai ở 12 xã." in texts(doc)


def test_findings_come_in_the_reports_order(doc: DocxDocument) -> None:
    lines = texts(doc)
    order = [
        "2.1. Kết nạp vượt mục tiêu đảng viên mới",  # I.2 outstanding results, numbered under their heading
        "1.1. Cấp ủy vào cuộc đồng bộ",  # II.1 strengths
        "2.1. Chuyển biến ở một số xã còn chậm",  # II.2 limitations
        "1. Địa bàn rộng, đi lại khó khăn",  # II.3 a) objective causes, numbered from 1
        "1. Người đứng đầu một số nơi chưa quyết liệt",  # II.3 b) subjective causes, numbered from 1 again
        "1. Phát huy vai trò người đứng đầu",  # III lessons
        "1. Tiếp tục củng cố tổ chức cơ sở đảng",  # IV directions
    ]
    assert [starting(lines, x) for x in order] == sorted(starting(lines, x) for x in order)


def test_a_limitation_names_what_it_rests_on_in_words(doc: DocxDocument, program: Dataset) -> None:
    r = Results(program)
    a1 = program.indicator_by_id["A1"]
    lines = texts(doc)
    start = lines.index("Căn cứ:")
    assert lines[start + 1 : start + 4] == [
        f"- Tỷ lệ A: {word.plain(pages.result_text(a1, r.status('A1'), r.decimals(a1)))} — Đã đạt (minh họa)",
        "- Kế hoạch số 05-KH/TU: Kế hoạch thực hiện chương trình",
        "- Đề tài “Đề tài về tổ chức cơ sở đảng”",
    ]


def test_body_text_reads_as_prose_without_codes_or_nested_brackets(doc: DocxDocument, program: Dataset) -> None:
    lines = texts(doc)
    body = lines[: lines.index("PHỤ LỤC")]
    codes = [i.id for i in program.indicators] + [t.id for t in program.topics]
    assert [x for x in body if re.search(rf"\b({'|'.join(codes)})\b", x)] == []
    assert [x for x in body if re.search(r"\([^()]*\(", x)] == []  # no bracket inside a bracket


def test_markdown_fields_become_plain_paragraphs(doc: DocxDocument) -> None:
    lines = texts(doc)
    assert "- Ban hành nghị quyết xuất phát từ nhu cầu cấp thiết;" in lines  # a list item, its own paragraph
    assert "- Đề cao vai trò người đứng đầu." in lines
    assert [x for x in lines if x.startswith("- Xã Số")] == ["- Xã Số 1 còn chậm", "- Xã Số 2 còn chậm"]
    assert "Đề xuất ba nhóm giải pháp." in lines  # a topic's summary
    assert not any(marker in "\n".join(lines) for marker in ("**", "__", "](", "<", "&#"))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # emphasis, code, links and images keep their text
        ("Một **hai** _ba_ *bốn* `năm`", ["Một hai ba bốn năm"]),
        ("[Nghị quyết 15](https://example.org) và ![ảnh](a.png)", ["Nghị quyết 15 và ảnh"]),
        ("snake_case_name và 2*3*4", ["snake_case_name và 2*3*4"]),  # not emphasis
        # paragraphs, wrapped lines, headings
        ("Dòng một\ndòng hai\n\nĐoạn hai", ["Dòng một dòng hai", "Đoạn hai"]),
        ("## Kết quả\n\nNội dung", ["Kết quả", "Nội dung"]),
        # lists: a dash for a bullet, the number kept, a continued item joined
        ("- một\n* hai\n+ ba", ["- một", "- hai", "- ba"]),
        ("1. một\n2) hai\n   tiếp", ["1. một", "2. hai tiếp"]),
        # quotes, rules, tables, escapes, entities, tags
        ("> trích dẫn\n\n---\n\nsau", ["trích dẫn", "sau"]),
        ("| A | B |\n|---|---|\n| 1 | 2 |", ["A; B", "1; 2"]),
        (r"\*không nhấn\* &amp; <b>đậm</b>", ["*không nhấn* & đậm"]),
        ("", []),
    ],
)
def test_markdown_to_paragraphs(markdown: str, expected: list[str]) -> None:
    assert word.paragraphs(markdown) == expected


def test_results_and_statuses_are_worded_as_on_the_site(doc: DocxDocument, program: Dataset) -> None:
    results = bordered(doc)[0]
    rows = [[c.text for c in row.cells] for row in results.rows]
    assert rows[0] == ["Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá", "Kỳ trước (31/12/2022)"]
    assert rows[1] == ["Nhóm A"] * 5  # a group's row spans the table
    a1, b2 = rows[2], rows[4]
    assert (a1[:2], a1[3]) == (["Tỷ lệ A", "≥ 80,0%, hằng năm"], "Đã đạt (minh họa)")  # rows without a status
    assert "82,5% (Q1/2022, minh họa)" in a1[2] and "đạt 1/5 kỳ" in a1[2]  # the latest value, periods met
    assert (b2[:2], b2[3]) == (["Số B", "≥ 1.000 người, cộng dồn cả giai đoạn"], "Đã đạt (minh họa)")
    assert "Lũy kế Q1/2021–Q1/2022: 6.010 người" in b2[2]  # the sum over the period, not the latest value
    r = Results(program)
    for ind in program.indicators:  # the same functions as the site's pages
        s = r.status(ind.id)
        row = next(x for x in rows if x[0] == ind.name)
        assert row[2] == word.plain(pages.result_text(ind, s, r.decimals(ind)))
        assert row[3] == word.plain(pages.status_badge(s)).removeprefix(ICONS[s.code]).strip()


def test_the_appendix_tables_repeat_their_header_and_show_vietnamese_numbers(doc: DocxDocument) -> None:
    tables = bordered(doc)
    assert len(tables) >= 6  # results, schemes; each indicator's series and units; topics; documents
    for t in tables:
        repeated = [row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in t.rows]
        assert repeated == [True] + [False] * (len(t.rows) - 1)  # the header row, and only it
        kept = [p.paragraph_format.keep_with_next for p in t.rows[0].cells[0].paragraphs]
        assert kept == [True]  # kept with the first row: never alone at a page's foot
        borders = t._tbl.tblPr.find(qn("w:tblBorders"))
        assert {e.get(qn("w:val")) for e in borders} == {"single"}
    text = body_text(doc)
    assert "Quý I/2022\n82,5%\u00a0mh" in text  # the whole's series: a decimal comma
    assert "Quý I/2022\n1.204 người\u00a0mh\n6.010 người\u00a0mh" in text  # the running sum of a cumulative target


def test_a_figure_that_is_not_official_carries_its_mark(doc: DocxDocument) -> None:
    units = next(t for t in bordered(doc) if t.rows[0].cells[0].text == "Đơn vị")
    cell = units.rows[1].cells[2]
    assert cell.text == "54,0%\u00a0mh"
    assert cell.paragraphs[0].runs[-1].font.superscript
    assert "Ghi chú: mh: số liệu minh họa." in texts(doc)


def test_topics_carry_their_results_in_the_appendix(doc: DocxDocument) -> None:
    topics = next(t for t in bordered(doc) if t.rows[0].cells[1].text == "Đề tài")
    rows = [[c.text for c in row.cells] for row in topics.rows]
    assert rows[0] == ["TT", "Đề tài", "Cơ quan chủ trì", "Tình trạng", "Kết quả nghiên cứu"]
    assert rows[1] == [
        "1",
        "Đề tài về tổ chức cơ sở đảng",
        "Sở Nội vụ",
        "Đã nghiệm thu cấp thành phố; xếp loại xuất sắc",
        "Đề xuất ba nhóm giải pháp.",
    ]
    assert rows[2][1] == "Đề tài về đội ngũ cán bộ (Nội dung mẫu)"  # no source, illustrative program
    assert rows[2][4] == "Tóm tắt Đề tài 2."  # no summary: the first paragraph of topics/T02.md
    lines = texts(doc)
    start = lines.index("2. Đề tài về đội ngũ cán bộ")  # then each topic's results and recommendations in full
    assert lines[start + 1 : start + 5] == [
        "Cơ quan chủ trì: Trường Chính trị; đang thực hiện (Nội dung mẫu).",
        "Tóm tắt Đề tài 2.",
        "Kết quả",
        "- Một kết quả.",
    ]


# --- pages, headers, notices ------------------------------------------------------------------------------


def _fields(paragraphs: list[object]) -> str:
    return "".join(p._p.xml for p in paragraphs)  # type: ignore[attr-defined]


def test_pages_are_numbered_from_page_two_at_the_top(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in _fields(section.header.paragraphs)
    assert 'w:fldCharType="begin"' in _fields(section.header.paragraphs)
    number = section.header.paragraphs[0]
    assert (number.alignment or number.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in _fields(section.first_page_header.paragraphs)


NOTICE = " ".join(word.ILLUSTRATIVE)


def test_an_illustrative_program_says_so_on_the_first_page_and_in_every_header(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert NOTICE in [p.text for p in section.first_page_header.paragraphs]
    assert NOTICE in [p.text for p in section.header.paragraphs]
    lines = texts(doc)
    assert lines.index(NOTICE) < lines.index("I. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH")


def test_the_notice_uses_the_print_views_words(program: Dataset) -> None:
    view = printview.page(program, pages.render(program))
    assert NOTICE in word.plain(view.body)


def test_an_official_program_has_no_notice(tmp_path: Path) -> None:
    ds = load_dataset(report_program(tmp_path / "data", illustrative=False))
    doc = Document(io.BytesIO(word.document(ds)))
    section = doc.sections[0]
    everything = texts(doc) + [p.text for p in section.header.paragraphs + section.first_page_header.paragraphs]
    assert not any(word.ILLUSTRATIVE[0] in x for x in everything)
    assert not any(word.SAMPLE in x for x in everything)


def test_a_program_with_only_its_indicators_still_gives_the_whole_report(tmp_path: Path) -> None:
    ds = load_dataset(write_program(tmp_path / "data", communes=0, topics=0))  # no findings, documents or topics
    doc = Document(io.BytesIO(word.document(ds)))
    assert headings(doc) == word.headings(ds)
    lines = texts(doc)
    assert lines.count(word.EMPTY) == 6  # outstanding results, strengths, limitations, causes, lessons, directions
    assert "Chưa có mốc thời gian trong dữ liệu." in lines
    assert "Đề tài khoa học: chưa có đề tài trong dữ liệu." in lines
    assert "Chưa có văn bản nào trong dữ liệu." in lines


def test_the_place_before_the_date_comes_from_the_program(tmp_path: Path) -> None:
    folder = report_program(tmp_path / "data")
    with (folder / "program.yml").open("a", encoding="utf-8") as f:
        f.write('place: "Bạch Liên"\n')
    doc = Document(io.BytesIO(word.document(load_dataset(folder))))
    assert doc.tables[0].rows[0].cells[1].paragraphs[2].text == "Bạch Liên, ngày 01 tháng 10 năm 2023"


INTERNAL = " ".join(word.INTERNAL)


def test_the_internal_edition_says_so_in_every_pages_header(program: Dataset) -> None:
    for edition, marked in (("internal", True), ("public", False)):
        section = Document(io.BytesIO(word.document(program, edition=edition))).sections[0]
        for header in (section.first_page_header, section.header):
            assert (INTERNAL in [p.text for p in header.paragraphs]) is marked
    assert INTERNAL == "Lưu hành nội bộ. Không sao chép, đăng tải ra ngoài."


def test_every_verdict_on_progress_gives_the_figures_it_rests_on(tmp_path: Path) -> None:
    indicators = [
        {"id": "A1", "group": "Nhóm A", "name": "Tỷ lệ A", "measure": "%", "direction": "up", "target": 90,
         "target_type": "end", "baseline": 50, "baseline_year": 2020},
        {"id": "B2", "group": "Nhóm B", "name": "Số B", "measure": "người", "direction": "up", "target": 1000,
         "target_type": "cumulative"},
    ]  # fmt: skip
    values = [("A1", "BL", "2021", 60), ("B2", "BL", "2021", 100), ("B2", "BL", "2022", 100)]
    ds = load_dataset(write_program(tmp_path / "data", illustrative=False, indicators=indicators, values=values))
    lines = texts(Document(io.BytesIO(word.document(ds))))
    start = lines.index("Căn cứ đánh giá tiến độ:")
    assert lines[start + 1 : start + 3] == [
        "- Tỷ lệ A: đi được 25,0% chặng đường từ giá trị năm 2020 đến mục tiêu khi thời gian đã qua 20,0% — "
        "Đúng tiến độ.",
        "- Số B: lũy kế bằng 20,0% mục tiêu khi thời gian đã qua 40,0% — Chậm tiến độ.",
    ]
    pace = "Tiến độ: đi được 25,0% chặng đường từ giá trị năm 2020 đến mục tiêu khi thời gian đã qua 20,0%."
    assert pace in "\n".join(lines)  # and in the appendix


def test_the_appendix_has_the_timeline_and_the_method(tmp_path: Path) -> None:
    folder = report_program(tmp_path / "data", illustrative=False)
    write_csv(
        folder / "milestones.csv",
        ("date", "title", "chair", "summary"),
        [("2022-03-31", "Sơ kết quý I", "Bí thư Tỉnh ủy", "Đánh giá tiến độ."), ("2021-03-01", "Ban hành", "", "")],
    )
    doc = Document(io.BytesIO(word.document(load_dataset(folder))))
    lines = texts(doc)
    start = lines.index("Phụ lục 4. Mốc thời gian")
    assert lines[start + 1 : start + 7] == [
        "Ngày", "Sự kiện",
        "01/03/2021", "Ban hành.",
        "31/03/2022", "Sơ kết quý I; chủ trì: Bí thư Tỉnh ủy. Đánh giá tiến độ.",
    ]  # fmt: skip
    method = lines[lines.index("Phụ lục 5. Cách đánh giá và ký hiệu") :]
    assert (
        "- Chậm tiến độ: mục tiêu cuối giai đoạn hoặc cộng dồn chưa đạt và phần chặng đường đã đi ít hơn"
        in " ".join(method)
    )
    assert any(
        x.startswith("Ký hiệu đặt sau số liệu: “ước”: số liệu ước tính; “mh”: số liệu minh họa;") for x in method
    )


# --- same bytes, bounded size, editions ------------------------------------------------------------------


def test_the_same_data_gives_the_same_bytes(program: Dataset, docx_bytes: bytes) -> None:
    assert word.document(program) == docx_bytes
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in archive.namelist()  # the template's picture of an empty page
    props = Document(io.BytesIO(docx_bytes)).core_properties
    as_of = dt.datetime(2023, 10, 1, tzinfo=dt.UTC)
    assert (props.created, props.modified, props.last_printed, props.revision) == (as_of, as_of, as_of, 1)
    assert props.author == "Tỉnh ủy Bạch Liên"


def _units_rows(doc: DocxDocument) -> list[int]:
    return [len(t.rows) - 1 for t in bordered(doc) if t.rows[0].cells[0].text == "Đơn vị"]


def test_the_appendix_lists_a_bounded_number_of_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = load_dataset(report_program(tmp_path / "data", communes=80))
    doc = Document(io.BytesIO(word.document(ds)))
    assert _units_rows(doc) == [60, 60]  # at most PRINT_ROWS units of each indicator
    assert "Bảng trên có số liệu của 60 trong 80 đơn vị." in body_text(doc)
    assert "tai-ve/phu-luc/a1-bang.csv" in body_text(doc)  # where the rest is
    monkeypatch.setattr(word.appendix, "APPENDIX_ROWS", 90)
    doc = Document(io.BytesIO(word.document(ds)))
    assert _units_rows(doc) == [45, 45]  # and APPENDIX_ROWS in all, shared among the indicators


def test_the_document_does_not_grow_with_the_units_past_the_bound(tmp_path: Path) -> None:
    sizes = {}
    for units in (300, 600):
        folder = synthetic.write(tmp_path / str(units), synthetic.Shape(units=units, indicators=4, periods=8))
        doc = Document(io.BytesIO(data := word.document(load_dataset(folder))))
        sizes[units] = (sum(len(t.rows) for t in doc.tables), len(data))
    assert sizes[300][0] == sizes[600][0]  # the same rows of tables
    assert sizes[600][1] < 200_000


def test_the_public_edition_holds_no_internal_item(tmp_path: Path) -> None:
    full = load_dataset(report_program(tmp_path / "data", internal=True))
    for edition, data in (("public", word.document(editions.public(full))), ("internal", word.document(full))):
        (tmp_path / edition).mkdir()
        (tmp_path / edition / "bao-cao.docx").write_bytes(data)
    assert scan(tmp_path / "public", [MARKER, "99-ĐA/TU"]).hits == []
    found = scan(tmp_path / "internal", [MARKER, "99-ĐA/TU"])  # the same scan finds them where they are
    assert {h.needle for h in found.hits} == {MARKER, "99-ĐA/TU"}


# --- the build -----------------------------------------------------------------------------------------------


def test_the_build_writes_it_and_links_to_it(tmp_path: Path) -> None:
    folder = report_program(tmp_path / "data")
    generated = pipeline.generate(folder)
    assert generated.files[word.PATH] == word.document(generated.dataset, edition="internal")
    assert printview.WORD == word.PATH
    assert f"[Tải báo cáo (Word)]({word.PATH})" in generated.files[printview.PATH].decode()
    assert f"]({word.PATH})" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")  # the home page links it
    public = pipeline.generate(folder, edition="public")
    assert public.files[word.PATH] == word.document(public.dataset, edition="public")
    assert public.files[word.PATH] != word.document(public.dataset)  # the internal edition's says so


# --- LibreOffice --------------------------------------------------------------------------------------------


def test_libreoffice_prints_it_to_a4_with_the_title_and_statuses(tmp_path: Path, docx_bytes: bytes) -> None:
    soffice, pdftotext, pdfinfo = shutil.which("soffice"), shutil.which("pdftotext"), shutil.which("pdfinfo")
    if not (soffice and pdftotext and pdfinfo):
        pytest.skip("LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo) is not installed")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(docx_bytes)
    profile = (tmp_path / "lo-profile").as_uri()  # a fresh profile: parallel runs do not collide
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "bao-cao.pdf"
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Chương trình thử" in flat and "BÁO CÁO" in flat
    assert "Đúng tiến độ" in flat or "Đã đạt" in flat
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages_ = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages_ >= 2
    second = subprocess.run(
        [pdftotext, "-f", "2", "-l", "2", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert second.split()[0] == "2"  # the page number at the top of page 2
    first = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert first.split()[0] != "1"  # none on the first page


def test_the_results_table_says_each_status_at_the_previous_round_and_what_moved(
    doc: DocxDocument, program: Dataset
) -> None:
    rows = [[c.text for c in row.cells] for row in bordered(doc)[0].rows]
    r = Results(program)
    t = rounds.timeline(program, r=r)
    assert t.previous is not None
    for ind in program.indicators:
        before = rounds.previous_status(t, ind.id)
        row = next(x for x in rows if x[0] == ind.name)
        assert row[4] == ("Chưa có số liệu" if before is None else pages.status_text(before))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"kỳ trước: {fmt.date(t.previous.date)}." in text  # the sentence on what moved follows the table
