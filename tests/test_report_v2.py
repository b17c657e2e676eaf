"""A program that uses every column of data contract v2 reads as the report the seed describes.

The program is made here, not taken from the sample: a province of five
communes, one cumulative target reported half-way through its last year,
one annual target worded "hơn 70%" whose latest figure is an estimate, one
sensitive task whose units must not be ranked, findings of every kind with
their evidence, a scheme with its progress, topics with their summaries.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from scripts.data import editions
from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.report import dashboard, pages
from scripts.report.cautions import cautions
from scripts.report.compute import Results


def write(path: Path, header: str, *rows: str) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("v2") / "data"
    d.mkdir()
    (d / "program.yml").write_text(
        "code: 07-CTr/TU\ntitle: Chương trình thử nghiệm v2\nissuer: Tỉnh ủy Hòa Lạc\nperiod:\n  start: 2021\n"
        "  end: 2025\nas_of: 2025-06-30\nillustrative: true\ncontact: Văn phòng Tỉnh ủy, 0123 456 789\n",
        encoding="utf-8",
    )
    write(
        d / "units.csv",
        "code,name,kind,parent",
        "HL,Tỉnh Hòa Lạc,province,",
        *[f"X{n},Xã {name},commune,HL" for n, name in enumerate(["Sen", "Đào", "Mai", "Lan", "Cúc"], 1)],
    )
    write(
        d / "indicators.csv",
        "id,group,name,measure,direction,target,target_type,target_text,target_op,rank_units,document,visibility",
        "K1,Phát triển đảng viên,Số đảng viên mới,người,up,1000,cumulative,Hơn 1.000 người,>,,,public",
        "K2,Chất lượng đảng viên,Tỷ lệ hoàn thành tốt nhiệm vụ,%,up,70,annual,Hơn 70% mỗi năm,>,yes,,public",
        "K3,Tổ chức bộ máy,Số chức danh được bố trí kiêm nhiệm,người,up,,,,,no,05-ĐA/TU,public",
        "K4,Tổ chức bộ máy,Chỉ tiêu nội bộ,người,up,,,,,,,internal",
    )
    values = ["indicator,unit,period,value,status,source,note"]
    for year, n in zip(range(2021, 2026), (220, 230, 210, 240, 110), strict=True):
        values.append(f"K1,HL,{year},{n},official,,")
    for year, v in zip(range(2021, 2026), (73.0, 72.0, 71.5, 70.5, 69.0), strict=True):
        values.append(f"K2,HL,{year},{v},{'estimate' if year == 2025 else 'official'},,")
    for n, v in enumerate((70, 72, 70, 75, 68), 1):  # X1 and X3 tie at 70, which does not meet "hơn 70%"
        values.append(f"K2,X{n},2024,{v},illustrative,,")
    for n, v in enumerate((5, 40, 12, 30, 8), 1):
        values.append(f"K3,X{n},2024,{v},illustrative,,")
    values.append("K4,HL,2024,3,official,,")
    write(d / "values.csv", *values)
    (d / "topics").mkdir()
    write(
        d / "topics.csv",
        "id,title,lead_agency,status,rating,summary,source",
        "T1,Đề tài về sinh hoạt chi bộ,Ban Tổ chức,accepted_city,khá,Sinh hoạt chi bộ cần gắn với nhiệm vụ chính trị.,",
        "T2,Đề tài về dân vận,Ban Dân vận,in_progress,,,Báo Hòa Lạc",
    )
    (d / "topics" / "T1.md").write_text("## Kết quả\n\nNội dung.\n", encoding="utf-8")
    (d / "topics" / "T2.md").write_text("Đề tài tìm ra ba cách làm dân vận mới.\n\n## Kiến nghị\n", encoding="utf-8")
    write(
        d / "documents.csv",
        "number,kind,date,title,progress,result,source",
        "05-ĐA/TU,scheme,2022-03-01,Đề án sắp xếp chức danh,in_progress,Đã sắp xếp ở 3 xã.,Công báo",
        "06-CĐ/TU,thematic,2023-01-01,Chuyên đề về chung cư,completed,,",
    )
    write(
        d / "findings.csv",
        "kind,order,title,text,responsible,aspect,related,source,visibility",
        "highlight,1,Kết nạp vượt chỉ tiêu,Hơn một nghìn đảng viên mới.,,,K1,Báo cáo sơ kết,public",
        "strength,1,Người đứng đầu gương mẫu,,,,,Báo cáo sơ kết,public",
        "limitation,1,Chất lượng đảng viên giảm,,Ban Tổ chức,,K2;T1,,public",
        "limitation,2,Chưa có người chịu trách nhiệm,,,,,,public",
        "limitation,3,Hạn chế nội bộ,,Văn phòng,,K4,,internal",
        "cause,1,Khối lượng công việc lớn,,,objective,,,public",
        "cause,2,Nhận thức chưa đầy đủ,,,subjective,05-ĐA/TU,,public",
        "lesson,1,Thận trọng từng bước,,,,05-ĐA/TU,,public",
        "direction,1,Tiếp tục sắp xếp,,,,05-ĐA/TU,,public",
    )
    return d


@pytest.fixture(scope="module")
def ds(folder: Path) -> Dataset:
    return load_dataset(folder)


@pytest.fixture(scope="module")
def site(ds: Dataset) -> dict[str, str]:
    r = Results(ds)
    out = {p.path: p.body for p in pages.render(ds, r).pages}
    out["index.md"] = dashboard.dashboard(ds, r)
    return out


def csv_rows(ds: Dataset, page: str, name: str) -> list[list[str]]:
    table = next(t for t in downloads.tables(ds, Results(ds)) if t.page == page and t.name == name)
    return list(csv.reader(io.StringIO(downloads.to_csv(table.header, table.rows).decode("utf-8-sig"))))


# --- statuses ------------------------------------------------------------------------------------


def test_the_statuses_follow_the_v2_rules(ds: Dataset) -> None:
    r = Results(ds)
    k1, k2 = r.status("K1"), r.status("K2")
    # K1: 1.010 in 2021–2025 is more than 1.000 → met; shown as the sum, never 2025's 110
    assert (k1.code, k1.compared) == ("achieved", 1010)
    # K2: the 2025 estimate (69%) is not "hơn 70%"; met in 4 of 5 years; an estimate of an illustrative program
    assert (k2.code, k2.basis, k2.met, k2.counted) == ("not_met", "estimate_illustrative", 4, 5)
    # "hơn 70%": a unit at exactly 70 has not met it
    assert r.status("K2", "X1").code == "not_met"
    assert r.status("K2", "X2").code == "achieved"


def test_results_are_the_figures_the_statuses_were_computed_from(site: dict[str, str]) -> None:
    k1, k2 = site["chi-tieu/k1.md"], site["chi-tieu/k2.md"]
    assert "Lũy kế 2021 – 6/2025: 1.010 người" in k1  # 2025 is counted up to `as_of`
    assert "69,0% (2025, ước, minh họa); đạt 4/5 năm" in k2  # one decimal, as 71,5 and 70,5 have
    assert "✘ Chưa đạt (ước, minh họa)" in k2
    assert "&gt; 70,0%, hằng năm" in k2  # the target written with its operator, to the figures' decimals


# --- ranking -------------------------------------------------------------------------------------


def test_tied_units_share_a_rank(site: dict[str, str]) -> None:
    page = site["chi-tieu/k2.md"]
    comparison = page[page.index("## So sánh các đơn vị") : page.index("## Nội dung báo cáo")]
    ranks = [line.split("|")[1].strip() for line in comparison.splitlines() if "](../don-vi/x" in line]
    assert ranks == ["1", "2", "3", "3", "5"]  # 75, 72, 70, 70, 68


def test_units_of_a_sensitive_task_are_shown_in_their_own_order_without_rank(site: dict[str, str]) -> None:
    page = site["chi-tieu/k3.md"]
    assert "Hạng" not in page and "cao nhất" not in page
    order = [line.split("](../don-vi/")[1][:2] for line in page.splitlines() if "](../don-vi/x" in line]
    assert order[:5] == ["x1", "x2", "x3", "x4", "x5"]  # the file's order, not 40, 30, 12, 8, 5


def test_the_home_page_ranks_no_unit_on_an_indicator_that_forbids_it(ds: Dataset) -> None:
    assert all(ds.indicator_by_id[i].ranked for i in ("K1", "K2"))
    scores = dashboard.unit_scores(ds, Results(ds))
    assert {sc.unit.code for sc in scores} <= {f"X{n}" for n in range(1, 6)}
    assert all(sc.assessed == 1 for sc in scores)  # K2 only: K3 is not ranked, K1 is the whole's


# --- the report's sections -----------------------------------------------------------------------


def test_highlights_come_first_on_the_home_page_and_in_the_results(site: dict[str, str]) -> None:
    home, results = site["index.md"], site["ket-qua.md"]
    assert "Kết quả nổi bật" in home and "Kết nạp vượt chỉ tiêu" in home
    assert results.index("Kết nạp vượt chỉ tiêu") < results.index("Kết quả thực hiện các chỉ tiêu")
    for name in ("Số đảng viên mới", "Tỷ lệ hoàn thành tốt nhiệm vụ", "Số chức danh được bố trí kiêm nhiệm"):
        assert name in home  # every public indicator by name


def test_the_assessment_has_strengths_and_causes_by_aspect(site: dict[str, str]) -> None:
    page = site["danh-gia.md"]
    order = ["## Ưu điểm", "## Hạn chế, yếu kém", "### Nguyên nhân khách quan", "### Nguyên nhân chủ quan"]
    assert [page.index(h) for h in order] == sorted(page.index(h) for h in order)
    assert page.index("Khối lượng công việc lớn") < page.index("### Nguyên nhân chủ quan")
    assert page.index("Nhận thức chưa đầy đủ") > page.index("### Nguyên nhân chủ quan")
    assert "**Cơ quan, tổ chức chịu trách nhiệm:** _chưa xác định_" in page


def test_a_limitation_shows_its_evidence_and_the_items_list_the_findings_that_name_them(
    site: dict[str, str],
) -> None:
    assert "**Căn cứ:**\n\n- [Tỷ lệ hoàn thành tốt nhiệm vụ](chi-tieu/k2.md): " in site["danh-gia.md"]  # in words
    assert "[Hạn chế 1: Chất lượng đảng viên giảm](../danh-gia.md#han-che-1)" in site["chi-tieu/k2.md"]
    assert "[Hạn chế 1: Chất lượng đảng viên giảm](../danh-gia.md#han-che-1)" in site["de-tai/t1.md"]
    program = site["chuong-trinh.md"]
    assert "Nguyên nhân 2: Nhận thức chưa đầy đủ" in program and "Bài học 1: Thận trọng từng bước" in program


def test_schemes_and_thematic_work_show_their_progress(site: dict[str, str]) -> None:
    page = site["ket-qua.md"]
    assert "Đề án sắp xếp chức danh" in page and "Đang thực hiện" in page and "Đã sắp xếp ở 3 xã." in page
    assert "Chuyên đề về chung cư" in page and "Đã hoàn thành" in page


def test_the_appendix_and_the_cards_carry_each_topics_results(site: dict[str, str], ds: Dataset) -> None:
    for page in (site["phu-luc/index.md"], site["de-tai/index.md"]):
        assert "Sinh hoạt chi bộ cần gắn với nhiệm vụ chính trị." in page  # its summary
        assert "Đề tài tìm ra ba cách làm dân vận mới." in page  # no summary: the first paragraph
    rows = csv_rows(ds, "phu-luc/index.md", "de-tai")
    assert rows[0][-2:] == ["Kết quả nghiên cứu", "Nguồn"]
    assert rows[1][-2:] == ["Sinh hoạt chi bộ cần gắn với nhiệm vụ chính trị.", "Nội dung mẫu, không có nguồn"]


# --- truth marks ---------------------------------------------------------------------------------


def test_figures_that_are_not_official_carry_their_mark_where_they_stand(site: dict[str, str]) -> None:
    k2, unit = site["chi-tieu/k2.md"], site["don-vi/x1.md"]
    assert 'title="Số liệu ước tính, minh họa">ước, mh</sup>' in k2  # the 2025 estimate in the trend table
    assert 'title="Số liệu minh họa">mh</sup>' in k2  # the units' illustrative figures
    assert 'title="Số liệu minh họa">mh</sup>' in unit
    assert "mh: số liệu minh họa" in unit  # and the table says what the mark means


def test_rows_without_a_source_are_shown_as_sample_text(site: dict[str, str]) -> None:
    assert "Nội dung mẫu" in site["danh-gia.md"]  # limitations without a source
    assert site["de-tai/index.md"].count("Nội dung mẫu") == 1  # T1 has none, T2 gives one


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("chi-tieu/index.md", "chi-tieu"),
        ("chi-tieu/k2.md", "tom-tat"),
        ("chi-tieu/k2.md", "dien-bien"),
        ("chi-tieu/k2.md", "so-sanh"),
        ("chi-tieu/k2.md", "so-lieu"),
        ("don-vi/x1.md", "ket-qua"),
        ("don-vi/x1.md", "theo-ky"),
        ("phu-luc/k2.md", "bang"),
    ],
)
def test_every_download_of_figures_says_what_kind_each_is(ds: Dataset, page: str, name: str) -> None:
    rows = csv_rows(ds, page, name)
    flat = [c for row in rows for c in row]
    assert any(c.startswith("Loại số liệu") for c in flat)
    assert any("Minh họa" in c or "Ước tính" in c for c in flat)


# --- checks, editions ----------------------------------------------------------------------------


def test_the_checker_warns_of_a_limitation_without_a_body_responsible(ds: Dataset) -> None:
    found = [str(c) for c in cautions(ds, Results(ds)) if c.code == "no_responsible"]
    assert found == [
        "findings.csv, cột responsible: hạn chế 2 «Chưa có người chịu trách nhiệm» chưa ghi cơ quan, tổ chức chịu "
        "trách nhiệm — báo cáo phải nêu rõ cơ quan, tổ chức có trách nhiệm với từng hạn chế",
    ]


def test_the_public_edition_drops_internal_items_from_related(ds: Dataset) -> None:
    public = editions.public(ds)
    assert "K4" not in public.findings_naming
    assert [f.title for f in public.findings_of("limitation")] == [
        "Chất lượng đảng viên giảm",
        "Chưa có người chịu trách nhiệm",
    ]
