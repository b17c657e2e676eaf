"""The assessment reads as a Party report, on the site and in the Word edition alike.

Each rule on a small program of its own (`programs.write_assessment`): causes in two
groups each numbered from 1, the overall assessment first, directions headed for the
next term with the solutions under them, evidence named in words, a scheme without a
result showing its indicator's figures.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from programs import write_assessment, write_csv

from scripts.data.validate import load_dataset
from scripts.downloads import word
from scripts.report import fmt, pages
from scripts.report.compute import Results

CAUSES = [
    ("cause", 1, "Cơ chế chưa đồng bộ", "", "", "subjective", ""),
    ("cause", 2, "Địa bàn rộng", "", "", "objective", ""),
    ("cause", 3, "Người đứng đầu chưa quyết liệt", "", "", "subjective", ""),
    ("cause", 4, "Nguồn lực hạn chế", "", "", "objective", ""),
]


def headings_and_titles(markdown: str) -> list[str]:
    return [re.sub(r" \{ #[^}]*\}$", "", line) for line in markdown.splitlines() if line.startswith("#")]


def word_lines(ds: object) -> list[str]:
    doc = Document(io.BytesIO(word.document(ds)))  # type: ignore[arg-type]
    return [p.text for p in doc.paragraphs]


# --- causes in two groups --------------------------------------------------------------------


def test_causes_come_in_two_groups_each_numbered_from_1(tmp_path: Path) -> None:
    ds = load_dataset(write_assessment(tmp_path / "data", CAUSES))
    page = pages.assessment_page(ds, Results(ds)).body
    causes = headings_and_titles(page[page.index("## Nguyên nhân") : page.index("## Bài học")])
    assert causes == [
        "## Nguyên nhân (4)",
        "### Nguyên nhân chủ quan",  # the group of cause 1 comes first: the office chooses by `order`
        "#### 1. Cơ chế chưa đồng bộ",
        "#### 2. Người đứng đầu chưa quyết liệt",
        "### Nguyên nhân khách quan",
        "#### 1. Địa bàn rộng",
        "#### 2. Nguồn lực hạn chế",
    ]
    lines = word_lines(ds)
    start = lines.index("3. Nguyên nhân")
    assert lines[start : start + 7] == [
        "3. Nguyên nhân",
        "a) Nguyên nhân chủ quan",
        "1. Cơ chế chưa đồng bộ",
        "2. Người đứng đầu chưa quyết liệt",
        "b) Nguyên nhân khách quan",
        "1. Địa bàn rộng",
        "2. Nguồn lực hạn chế",
    ]


def test_causes_without_an_aspect_stand_without_a_group_heading(tmp_path: Path) -> None:
    rows = [("cause", 1, "Một", "", "", "", ""), ("cause", 2, "Hai", "", "", "", "")]
    ds = load_dataset(write_assessment(tmp_path / "data", rows))
    assert pages.cause_groups(ds.findings_of("cause")) == [("", ds.findings_of("cause"))]
    page = pages.assessment_page(ds, Results(ds)).body
    assert "### Nguyên nhân khác" not in page and "### 1. Một" in page


# --- the overall assessment, the directions for the next term ------------------------------------


def test_the_assessment_opens_with_the_overall_paragraphs(tmp_path: Path) -> None:
    rows = [
        ("overall", 1, "Chương trình được triển khai đồng bộ", "Nhiều chỉ tiêu đạt và vượt.", "", "", ""),
        ("overall", 2, "Tuy vậy, chuyển biến chưa đều", "", "", "", ""),
        ("strength", 1, "Cấp ủy vào cuộc", "", "", "", ""),
    ]
    ds = load_dataset(write_assessment(tmp_path / "data", rows))
    page = pages.assessment_page(ds, Results(ds)).body
    first, second = page.index("Nhiều chỉ tiêu đạt"), page.index("Tuy vậy, chuyển biến chưa đều")
    assert page.index("# Đánh giá chung") < first < second < page.index("## Ưu điểm")
    assert f"**{fmt.text('Chương trình được triển khai đồng bộ.')}** Nhiều chỉ tiêu đạt và vượt." in page
    lines = word_lines(ds)
    assert lines[lines.index("II. ĐÁNH GIÁ CHUNG") + 1 : lines.index("1. Ưu điểm")] == [
        "Chương trình được triển khai đồng bộ. Nhiều chỉ tiêu đạt và vượt.",
        "Tuy vậy, chuyển biến chưa đều",
    ]


def test_directions_are_headed_for_the_next_term_with_the_solutions_under_them(tmp_path: Path) -> None:
    rows = [
        ("direction", 1, "Tiếp tục củng cố tổ chức cơ sở đảng", "", "", "", ""),
        ("solution", 1, "Đổi mới nội dung sinh hoạt chi bộ", "", "", "", ""),
        ("solution", 2, "Tăng cường kiểm tra, giám sát", "", "", "", ""),
    ]
    ds = load_dataset(write_assessment(tmp_path / "data", rows, next_term="2020–2025"))
    page = pages.directions_page(ds, Results(ds)).body
    assert headings_and_titles(page) == [
        "# Phương hướng, nhiệm vụ, giải pháp nhiệm kỳ 2020–2025",
        "## Phương hướng, nhiệm vụ",
        "### 1. Tiếp tục củng cố tổ chức cơ sở đảng",
        "## Giải pháp",
        "### 1. Đổi mới nội dung sinh hoạt chi bộ",
        "### 2. Tăng cường kiểm tra, giám sát",
    ]
    lines = word_lines(ds)
    start = lines.index("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NHIỆM KỲ 2020–2025")
    assert lines[start + 1 : start + 6] == [
        "1. Phương hướng, nhiệm vụ",
        "1.1. Tiếp tục củng cố tổ chức cơ sở đảng",
        "2. Giải pháp",
        "2.1. Đổi mới nội dung sinh hoạt chi bộ",
        "2.2. Tăng cường kiểm tra, giám sát",
    ]


def test_without_next_term_the_directions_keep_their_heading(tmp_path: Path) -> None:
    ds = load_dataset(write_assessment(tmp_path / "data", [("direction", 1, "Một", "", "", "", "")]))
    page = pages.directions_page(ds, Results(ds)).body
    assert page.startswith("# Phương hướng, nhiệm vụ giai đoạn tiếp theo (sau 2025)\n")


# --- evidence in words; a scheme's figures ------------------------------------------------------


def test_evidence_names_the_indicator_its_figure_and_status_not_its_code(tmp_path: Path) -> None:
    rows = [("limitation", 1, "Chuyển biến chậm", "", "Ban Tổ chức", "", "A1;05-KH/TU")]
    docs = [("05-KH/TU", "plan", "2021-02-01", "Kế hoạch thực hiện chương trình", "in_progress", "Đã làm.")]
    ds = load_dataset(write_assessment(tmp_path / "data", rows, documents=docs))
    r = Results(ds)
    a1 = ds.indicator_by_id["A1"]
    page = pages.assessment_page(ds, r).body
    shown = pages.result_text(a1, r.status("A1"), r.decimals(a1))
    assert f"- [Tỷ lệ A](chi-tieu/a1.md): {shown} — {pages.status_badge(r.status('A1'))}" in page
    document = fmt.text("Kế hoạch số 05-KH/TU: Kế hoạch thực hiện chương trình")
    assert f"- [{document}](chuong-trinh.md#vb-05-kh-tu)" in page
    assert "A1 Tỷ lệ A" not in page and "A1. " not in page
    lines = word_lines(ds)
    cited = lines[lines.index("Căn cứ:") + 1 : lines.index("Căn cứ:") + 3]
    assert cited == [
        "- Tỷ lệ A: 80% (Q1/2022); đạt 1/5 kỳ — Đã đạt",
        "- Kế hoạch số 05-KH/TU: Kế hoạch thực hiện chương trình",
    ]


def test_a_scheme_without_a_result_shows_the_figures_of_its_indicator(tmp_path: Path) -> None:
    folder = write_assessment(
        tmp_path / "data",
        [],
        documents=[("21-ĐA/TU", "scheme", "2021-09-16", "Đề án sắp xếp", "in_progress", "")],
    )
    write_csv(
        folder / "indicators.csv",
        ("id", "group", "name", "measure", "direction", "document"),
        [("A1", "Nhóm A", "Số người được sắp xếp", "người", "up", "21-ĐA/TU")],
    )
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value"), [("A1", "BL", "2021", 240)])
    ds = load_dataset(folder)
    r = Results(ds)
    cell = pages.tracked_documents(ds, "ket-qua.md", r)
    assert "Theo chỉ tiêu gắn với văn bản: [Số người được sắp xếp](chi-tieu/a1.md): 240 người (2021) — " in cell
    assert "Chưa cập nhật |" not in cell.splitlines()[-1]
    program = pages.program_page(ds, r).body
    assert "**Kết quả đến nay, theo chỉ tiêu gắn với văn bản:** [Số người được sắp xếp]" in program
