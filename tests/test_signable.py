"""Every verdict as sure as its data, rankings only where fair, each unit on its own terms (contract v3).

One small program per rule, written with `tests.programs`: a status resting on
an illustrative baseline, an estimate of an illustrative program, a tie of
three units, a monitoring indicator (`direction: none`), a unit without a
baseline value, a part-year cumulative.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from programs import write_csv, write_program

from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.report import charts, dashboard, pages, tabular
from scripts.report.compute import Results

VALUES = ("indicator", "unit", "period", "value", "status")


def load(folder: Path, values: Sequence[Sequence[object]] | None = None, yml: str = "") -> tuple[Dataset, Results]:
    if values is not None:
        write_csv(folder / "values.csv", VALUES, values)
    if yml:
        with (folder / "program.yml").open("a", encoding="utf-8") as f:
            f.write(yml)
    ds = load_dataset(folder)
    return ds, Results(ds)


def site(ds: Dataset, r: Results) -> dict[str, str]:
    out = {p.path: p.body for p in pages.render(ds, r).pages}
    out["index.md"] = dashboard.dashboard(ds, r)
    return out


def csv_rows(ds: Dataset, page: str, name: str) -> list[list[str]]:
    table = next(t for t in downloads.tables(ds, Results(ds)) if t.page == page and t.name == name)
    return list(csv.reader(io.StringIO(downloads.to_csv(table.header, table.rows).decode("utf-8-sig"))))


def end_indicator(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "E1", "group": "Cán bộ", "name": "Tỷ lệ cán bộ đạt chuẩn", "measure": "%", "direction": "up",
        "target": 90, "target_type": "end", "baseline": 50, "baseline_year": 2020,
    }  # fmt: skip
    return base | kw


def with_statuses(folder: Path, target_status: str = "", baseline_status: str = "") -> None:
    """indicators.csv given the v3 columns `target_status` and `baseline_status` for its one indicator."""
    path = folder / "indicators.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    write_csv(
        path, [*rows[0], "target_status", "baseline_status"], [[*r, target_status, baseline_status] for r in rows[1:]]
    )


# --- 1. every conclusion carries the weakest mark of what it rests on ----------------------------------


def test_a_status_resting_on_an_illustrative_baseline_says_so(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=[end_indicator()])
    with_statuses(folder, baseline_status="illustrative")
    # official figures: 60% at the end of 2023, 25% of the way from 50 to 90 while 60% of the time has gone
    ds, r = load(folder, [("E1", "BL", "2023", 60, "official")])
    s = r.status("E1")
    assert (s.code, s.kind, s.basis) == ("behind", "official", "illustrative")
    assert tabular.status_words(s) == "Chậm tiến độ (minh họa)"
    assert pages.result_text(ds.indicator_by_id["E1"], s, 0) == "60% (2023)"  # the figure itself is official
    page = site(ds, r)["chi-tieu/e1.md"]
    assert "⚠ Chậm tiến độ (minh họa)" in page
    assert "Giá trị xuất phát: 50% (2020, minh họa)" in page
    rows = csv_rows(ds, "chi-tieu/index.md", "chi-tieu")
    assert rows[0][-3:] == ["Loại số liệu", "Đánh giá", "Đánh giá dựa trên số liệu"]  # the figure's kind, the status's
    assert rows[1][-3:] == ["Chính thức", "Chậm tiến độ (minh họa)", "Minh họa"]


def test_a_status_met_on_an_estimated_target_is_marked_but_not_by_an_unused_baseline(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=[end_indicator()])
    with_statuses(folder, target_status="estimate", baseline_status="illustrative")
    ds, r = load(folder, [("E1", "BL", "2023", 95, "official")])
    s = r.status("E1")
    assert (s.code, s.basis) == ("achieved", "estimate")  # met: no progress, so no baseline under it
    assert tabular.status_words(s) == "Đã đạt (ước)"
    assert "| Mục tiêu | ≥ 90%, cuối giai đoạn (ước) |" in site(ds, r)["chi-tieu/e1.md"]


def test_in_an_illustrative_program_a_row_without_a_status_is_illustrative_and_an_estimate_says_both(
    tmp_path: Path,
) -> None:
    inds = [
        {"id": "A1", "group": "G", "name": "Tỷ lệ A", "measure": "%", "direction": "up",
         "target": 50, "target_type": "annual"},
        {"id": "A2", "group": "G", "name": "Tỷ lệ B", "measure": "%", "direction": "up",
         "target": 50, "target_type": "annual"},
        {"id": "A3", "group": "G", "name": "Tỷ lệ C", "measure": "%", "direction": "up",
         "target": 50, "target_type": "annual"},
    ]  # fmt: skip
    folder = write_program(tmp_path / "d", illustrative=True, communes=2, indicators=inds)
    ds, r = load(
        folder,
        [("A1", "BL", "2022", 60, ""), ("A2", "BL", "2022", 60, "official"), ("A3", "BL", "2022", 40, "estimate")],
    )
    assert [v.status for v in ds.values] == ["illustrative", "official", "estimate"]
    assert [r.status(i).basis for i in ("A1", "A2", "A3")] == ["illustrative", "official", "estimate_illustrative"]
    assert tabular.status_words(r.status("A3")) == "Chưa đạt (ước, minh họa)"
    pages_ = site(ds, r)
    assert "40% (2022, ước, minh họa)" in pages_["chi-tieu/a3.md"]
    assert 'title="Số liệu ước tính, minh họa">ước, mh</sup>' in pages_["chi-tieu/a3.md"]
    rows = csv_rows(ds, "chi-tieu/a3.md", "so-lieu")
    assert rows[0][5] == "Loại số liệu" and rows[1][5] == "Ước tính, minh họa"
    # the count of statuses says how many rest on marked figures
    assert "3 chỉ tiêu, đánh giá cho Tỉnh Bạch Liên theo số liệu đến 01/10/2023: " in pages_["ket-qua.md"]
    assert (
        "2 đã đạt, trong đó 1 dựa trên số liệu minh họa; 1 chưa đạt (dựa trên số liệu ước tính hoặc minh họa)."
        in (pages_["ket-qua.md"])
    )
    counts = csv_rows(ds, "chi-tieu/index.md", "danh-gia")
    assert counts[0] == ["Đánh giá", "Số chỉ tiêu", "Trong đó dựa trên số liệu ước tính hoặc minh họa", "Chỉ tiêu"]
    assert counts[1][:3] == ["Đã đạt", "2", "1"]


def test_counts_of_official_statuses_are_unchanged(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=[end_indicator()])
    ds, r = load(folder, [("E1", "BL", "2023", 95, "official")])
    assert "1 chỉ tiêu, đánh giá cho Tỉnh Bạch Liên theo số liệu đến 01/10/2023: 1 đã đạt." in site(ds, r)["ket-qua.md"]
    assert csv_rows(ds, "chi-tieu/index.md", "danh-gia")[0] == ["Đánh giá", "Số chỉ tiêu", "Chỉ tiêu"]
    assert csv_rows(ds, "don-vi/index.md", "don-vi")[0][-1] == "Số chỉ tiêu đã đạt"


def test_a_unit_s_count_of_targets_met_is_split_by_marks(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=True, communes=2, indicators=[end_indicator()])
    ds, _ = load(folder, [("E1", "X001", "2023", 95, ""), ("E1", "X002", "2023", 95, "official")])
    rows = csv_rows(ds, "don-vi/index.md", "don-vi")
    assert rows[0][-2:] == ["Số chỉ tiêu đã đạt", "Trong đó dựa trên số liệu ước tính hoặc minh họa"]
    assert [row[-2:] for row in rows[2:]] == [["1", "1"], ["1", "0"]]


def test_the_topics_accepted_count_says_when_its_rows_are_sample_content(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=True, topics=3)
    ds, r = load(folder)
    said = "2/3 đề tài đã được nghiệm thu (nội dung mẫu, không có nguồn)."
    assert said in site(ds, r)["ket-qua.md"] and said in site(ds, r)["index.md"]


def test_the_appendix_marks_figures_in_words_not_digits(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=[end_indicator()])
    ds, r = load(folder, [("E1", "BL", "2022", 52.6, "estimate"), ("E1", "BL", "2023", 60, "official")])
    page = site(ds, r)["phu-luc/e1.md"]
    assert not re.search(r"<sup>\d", page)
    assert '52,6%&#160;<sup class="mark mark--estimate" title="Số liệu ước tính">ước</sup>' in page
    assert "_Ghi chú: ước: số liệu ước tính._" in page


def test_ratios_in_the_downloads_are_rounded(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=[end_indicator()])
    ds, _ = load(folder, [("E1", "BL", "2023", 60, "official")])
    rows = dict((row[0], row[1]) for row in csv_rows(ds, "chi-tieu/e1.md", "tom-tat"))
    assert rows["Tiến độ (tỷ lệ)"] == "0.25"
    assert rows["Thời gian đã qua (tỷ lệ)"] == "0.5498"  # 1004 of 1826 days to `as_of`, not 0.5498357064622125


# --- 2. rankings only where fair, ties always told -------------------------------------------------

TWO_RATES = [
    {"id": "R1", "group": "G", "name": "Tỷ lệ một", "measure": "%", "direction": "up",
     "target": 50, "target_type": "annual"},
    {"id": "R2", "group": "G", "name": "Tỷ lệ hai", "measure": "%", "direction": "up",
     "target": 50, "target_type": "annual"},
]  # fmt: skip


def ranking_values(met: Sequence[int]) -> list[tuple[object, ...]]:
    """Commune n meets `met[n - 1]` of the two targets."""
    rows: list[tuple[object, ...]] = []
    for n, m in enumerate(met, 1):
        rows += [
            ("R1", f"X{n:03d}", "2022", 60 if m >= 1 else 40, ""),
            ("R2", f"X{n:03d}", "2022", 60 if m >= 2 else 40, ""),
        ]
    return rows


def test_a_ranking_partly_on_marked_figures_marks_those_units(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=7, indicators=TWO_RATES)
    rows = [
        (*row[:4], "illustrative" if row[1] == "X001" else "official") for row in ranking_values([2, 1, 1, 1, 0, 0, 0])
    ]
    ds, r = load(folder, rows)
    block = units_block(dashboard.dashboard(ds, r))
    assert "Đánh giá của đơn vị có ghi chú trong ngoặc dựa trên số liệu minh họa." in block
    assert "[Xã Số 1](don-vi/x001.md): đạt 2/2 (minh họa)\n" in block
    assert "[Xã Số 2](don-vi/x002.md): đạt 1/2\n" in block


def units_block(home: str) -> str:
    return home[home.index("## Đơn vị") : home.index("## Nội dung báo cáo")]


def test_a_tie_of_three_units_is_never_cut(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=True, communes=7, indicators=TWO_RATES)
    ds, r = load(folder, ranking_values([2, 1, 1, 1, 0, 0, 0]))
    block = units_block(dashboard.dashboard(ds, r))
    strongest, weakest = block.split("**Đạt ít nhất**")
    named = re.findall(r"\[Xã Số (\d)\]", strongest)
    assert named == ["1", "2", "3", "4"]  # the three tied at 1/2 are all named, not two of them
    assert re.findall(r"\[Xã Số (\d)\]\(don-vi/x00\d\.md\): đạt 0/2", weakest) == ["5", "6", "7"]
    assert "Các đánh giá này dựa trên số liệu minh họa, không phải số liệu chính thức." in block


def test_many_tied_units_are_counted(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=True, communes=9, indicators=TWO_RATES)
    ds, r = load(folder, ranking_values([2, 2, 2, 0, 0, 0, 0, 0, 0]))
    weakest = units_block(dashboard.dashboard(ds, r)).split("**Đạt ít nhất**")[1]
    assert "- 6 đơn vị cùng đạt 0/2\n" in weakest and "Xã Số" not in weakest


def test_official_figures_rank_without_a_mark_and_rank_units_home_no_turns_the_block_off(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=7, indicators=TWO_RATES)
    ds, r = load(folder, ranking_values([2, 1, 1, 1, 0, 0, 0]))
    assert "không phải số liệu chính thức" not in units_block(dashboard.dashboard(ds, r))
    ds, r = load(folder, yml="rank_units_home: false\n")
    assert "## Đơn vị" not in dashboard.dashboard(ds, r)


def test_a_chart_names_every_tied_unit_or_counts_them() -> None:
    def alt(values: tuple[float, ...]) -> str:
        labels = tuple(f"Xã {n}" for n in range(1, len(values) + 1))
        return charts.CompareChart("c", "c.svg", "Tỷ lệ", "%", "2022", labels, values, None).alt

    three = alt((80, 80, 80, 70, 60))
    assert "cao nhất Xã 1, Xã 2, Xã 3: 80%" in three and "thấp nhất Xã 5: 60%" in three
    assert "thấp nhất 6 đơn vị cùng 60%" in alt((80, 60, 60, 60, 60, 60, 60))


# --- a monitoring indicator has no better or worse ---------------------------------------------------


def test_a_monitoring_indicator_has_no_direction_no_ranking_and_its_target_is_a_reference(tmp_path: Path) -> None:
    inds = [
        {"id": "M1", "group": "Kiểm tra", "name": "Số đảng viên bị kỷ luật", "measure": "người",
         "direction": "none", "target": 10, "target_type": "end"},
        *TWO_RATES,
    ]  # fmt: skip
    folder = write_program(tmp_path / "d", illustrative=False, communes=7, indicators=inds)
    values = [
        ("M1", "BL", "2021", 25, ""),
        ("M1", "BL", "2022", 30, ""),
        *((("M1", f"X{n:03d}", "2022", 9 - n, "")) for n in range(1, 8)),
    ]
    ds, r = load(folder, [*values, *ranking_values([2, 1, 1, 1, 0, 0, 0])])
    s = r.status("M1")
    assert (s.code, s.label, s.compared) == ("monitored", "Theo dõi", 30)
    page = site(ds, r)["chi-tieu/m1.md"]
    assert "Hướng:" not in page and "Chỉ tiêu theo dõi, không có hướng tốt hơn hay kém hơn" in page
    assert "Mức tham chiếu 10 người, cuối giai đoạn" in page
    assert "| Hạng |" not in page and "cao nhất" not in page and "thấp nhất" not in page
    compared = [row[0] for row in csv_rows(ds, "chi-tieu/m1.md", "so-sanh")[1:]]
    assert compared == [f"Xã Số {n}" for n in range(1, 8)]  # list order, though the values fall
    assert all(sc.assessed == 2 for sc in dashboard.unit_scores(ds, r))  # not in the home page's ranking
    assert "1 theo dõi" in site(ds, r)["ket-qua.md"]
    home = site(ds, r)["index.md"]  # its sparkline tints no side of the target as better
    card = home[home.index("Số đảng viên bị kỷ luật") :].split("</div>")[0]
    assert "<svg" in card and "fill-opacity" not in card


# --- 3. each unit measured on its own terms ----------------------------------------------------------


def test_a_unit_s_progress_starts_from_its_own_baseline_and_without_one_there_is_no_verdict(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=[end_indicator()])
    ds, r = load(
        folder,
        [
            ("E1", "BL", "2023", 75, "official"),
            ("E1", "X001", "2020", 80, "official"),  # its own start, not the whole's 50
            ("E1", "X001", "2023", 82, "official"),
            ("E1", "X002", "2023", 60, "official"),  # no figure for 2020
        ],
    )
    own = r.status("E1", "X001")
    assert (own.code, own.progress) == ("behind", 0.2)  # (82 − 80) / (90 − 80); from 50 it would be on track
    none = r.status("E1", "X002")
    assert (none.code, none.compared, none.progress) == ("unassessed", 60, None)
    assert tabular.status_words(none) == "Chưa đủ số liệu để đánh giá tiến độ"
    assert "60% (2023)" in site(ds, r)["don-vi/x002.md"]
    assert r.status("E1").code == "on_track"  # the whole keeps the indicator's baseline: (75 − 50) / 40 ≥ 0,55


def test_a_part_year_cumulative_says_what_it_sums(tmp_path: Path) -> None:
    inds = [{"id": "C1", "group": "G", "name": "Số đảng viên mới", "measure": "người", "direction": "up",
             "target": 1000, "target_type": "cumulative"}]  # fmt: skip
    rows = [("C1", "BL", str(y), 100, "official") for y in (2021, 2022, 2023)]
    folder = write_program(tmp_path / "cut", illustrative=False, as_of="2023-06-30", indicators=inds)
    ds, r = load(folder, rows)
    assert pages.result_text(ds.indicator_by_id["C1"], r.status("C1"), 0) == "Lũy kế 2021 – 6/2023: 300 người"
    assert csv_rows(ds, "chi-tieu/index.md", "chi-tieu")[1][-3] == "2021 – 6/2023"
    folder = write_program(tmp_path / "whole", illustrative=False, as_of="2023-12-31", indicators=inds)
    ds, r = load(folder, rows)
    assert pages.result_text(ds.indicator_by_id["C1"], r.status("C1"), 0) == "Lũy kế 2021–2023: 300 người"


def test_an_annual_count_of_periods_met_says_when_earlier_periods_carry_a_mark(tmp_path: Path) -> None:
    inds = [{"id": "A1", "group": "G", "name": "Tỷ lệ A", "measure": "%", "direction": "up",
             "target": 50, "target_type": "annual"}]  # fmt: skip
    folder = write_program(tmp_path / "d", illustrative=False, communes=2, indicators=inds)
    ds, r = load(folder, [("A1", "BL", "2021", 60, "estimate"), ("A1", "BL", "2022", 40, "official")])
    assert pages.result_text(ds.indicator_by_id["A1"], r.status("A1"), 0) == "40% (2022); đạt 1/2 năm (ước)"
    assert tabular.status_words(r.status("A1")) == "Chưa đạt"  # decided by 2022's official figure alone
