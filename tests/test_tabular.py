"""One model per table: the page formats it, the downloads hold it raw, so the two agree by construction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.report import pages, tabular
from scripts.report.compute import Results

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample() -> tuple[Dataset, Results]:
    ds = load_dataset(ROOT / "data")
    return ds, Results(ds)


def models(ds: Dataset, r: Results) -> list[tabular.Table]:
    """Every table of the sample that is made from the model."""
    out = [
        tabular.units_table(r, ds.indicators, ds.unit_by_code, pages.unit_path),
        tabular.indicators_table(r, ds.indicators, pages.indicator_path),
        tabular.topics_table(ds.topics, "de-tai/index.md", pages.topic_path, ds.program.illustrative),
        tabular.topics_table(ds.topics, "phu-luc/index.md", pages.topic_path, ds.program.illustrative, True),
        tabular.appendix_indicators(ds.indicators, pages.figures_count(ds), "phu-luc/index.md", pages.appendix_path),
    ]
    for ind in ds.indicators:
        page = pages.indicator_path(ind)
        out += [t for t in (tabular.trend_table(r, ind, ds.root, page),
                            tabular.compare_table(r, ind, page, pages.unit_path)) if t is not None]  # fmt: skip
        out.append(tabular.values_table(r, ind, page, [u for u, _ in r.tree], pages.unit_path))
        used = {v.period for v in ds.values_by_indicator[ind.id]}
        periods = [p for p in ds.periods if p in used]
        appendix = pages.appendix_path(ind)
        out.append(tabular.appendix_table(r, ind, pages.appendix_units(r, ind), periods, appendix, pages.unit_path))
    for unit, _ in r.tree:
        page = pages.unit_path(unit)
        out.append(tabular.periods_table(r, ds.indicators, unit, page, pages.indicator_path))
        out.append(tabular.unit_results_table(r, ds.indicators, unit, page, pages.indicator_path))
    return out


def test_the_download_of_a_table_is_the_model_raw_every_column_every_row(sample: tuple[Dataset, Results]) -> None:
    ds, r = sample
    by_path = {(t.page, t.name): t for t in downloads.tables(ds, r)}
    checked = 0
    for model in models(ds, r):
        download = by_path[(model.page, model.name)]
        assert download.header == model.header
        assert download.rows == model.raw_rows()
        checked += 1
    assert checked > 50


def test_the_page_shows_the_model_s_page_columns_and_the_same_rows(sample: tuple[Dataset, Results]) -> None:
    ds, r = sample
    for model in models(ds, r):
        page = pages.model_table(model, model.page)
        lines = page.strip().splitlines()
        shown = [c for c, _ in model.shown()]
        assert lines[0].count(" | ") == len(shown) - 1  # the header: one cell per page column
        assert len(lines) == 2 + len(model.rows)  # header, alignment, then every row of the download
        assert len(shown) < len(model.columns)  # codes, units of measure, kinds: in the download only
    by_path = {(t.page, t.name): t for t in downloads.tables(ds, r)}
    both = [  # tables with every column on the page and in the download
        tabular.documents_table(ds.documents, "phu-luc/index.md"),
        tabular.program_facts(ds.program, "chuong-trinh.md"),
        tabular.topic_counts(ds.topics, "de-tai/index.md"),
        tabular.status_counts(r, ds.indicators, "chi-tieu/index.md", pages.indicator_path),
        *(tabular.topic_facts(t, pages.topic_path(t), ds.program.illustrative) for t in ds.topics),
    ]
    for model in both:
        assert model.header == tuple(c.title for c, _ in model.shown())
        download = by_path[(model.page, model.name)]
        assert (download.header, download.rows) == (model.header, model.raw_rows())
        assert len(pages.model_table(model, model.page).strip().splitlines()) == 2 + len(model.page_rows)


def test_a_result_is_worded_in_one_cell_on_the_page_and_in_parts_in_the_download(
    sample: tuple[Dataset, Results],
) -> None:
    ds, r = sample
    model = tabular.indicators_table(r, ds.indicators, pages.indicator_path)
    page_header = [c.page_title or c.title for c, _ in model.shown()]
    assert page_header == ["Nhóm", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"]
    assert model.header[6:10] == ("Kết quả", "Cách tính", "Kỳ", "Loại số liệu")
    ind = ds.indicators[0]
    s = r.status(ind.id)
    row = dict(zip(model.header, model.raw_rows()[0], strict=True))
    assert row["Kết quả"] == s.compared and row["Mã"] == ind.id
    assert pages.result_text(ind, s, r.decimals(ind)) in pages.model_table(model, "chi-tieu/index.md")
    with pytest.raises(TypeError):
        tabular.raw(tabular.Result(ind, s, r.decimals(ind)))  # a page-only cell never reaches a download


def test_a_figure_is_a_number_in_the_download_and_vietnamese_with_its_mark_on_the_page() -> None:
    estimate = tabular.Figure(1234.5, "người", "estimate")
    assert tabular.raw(estimate) == 1234.5
    assert pages.page_cell(estimate, "x.md").startswith("1.234,5 người")
    assert "ước" in pages.page_cell(estimate, "x.md")
    assert "ước" not in pages.page_cell(tabular.Figure(1234.5, "người", "estimate", marked=False), "x.md")
    assert pages.page_cell(tabular.Figure(None, "%"), "x.md") == "–"
    assert tabular.raw(tabular.Figure(None, "%")) is None


def test_text_from_data_stays_text_on_the_page_and_raw_in_the_download() -> None:
    hostile = "<b>[x](http://e.vn)</b> {{ 1 }}"
    cell = pages.page_cell(hostile, "x.md")
    assert "<b>" not in cell and "{{" not in cell and "](" not in cell
    assert tabular.raw(hostile) == hostile
    linked = tabular.Linked(hostile, "don-vi/x.md", indent=2)
    assert tabular.raw(linked) == hostile
    assert pages.page_cell(linked, "don-vi/index.md").startswith("&#8195;&#8195;[")


def test_a_status_is_words_in_the_download_and_a_badge_on_the_page(sample: tuple[Dataset, Results]) -> None:
    ds, r = sample
    s = r.status(ds.indicators[0].id)
    assert tabular.raw(tabular.StatusOf(s)) == pages.status_text(s)
    assert re.search(r'class="status status--', pages.page_cell(tabular.StatusOf(s), "x.md"))
    assert tabular.raw(tabular.StatusOf(None)) == "Không áp dụng"


def test_ranks_are_shared_by_ties_and_follow_rank_units() -> None:
    assert tabular.competition_ranks([9.0, 8.0, 8.0, 7.0]) == [1, 2, 2, 4]
    assert tabular.raw(tabular.Rank(3)) == 3


def test_a_summary_words_the_whole_s_result_on_the_page_and_holds_its_parts_in_the_download(
    sample: tuple[Dataset, Results],
) -> None:
    ds, r = sample
    for ind in ds.indicators:
        model = tabular.indicator_summary(r, ind, ds.root, pages.indicator_path(ind))
        [download] = [t for t in downloads.indicator_tables(ds, r, ind) if t.name == "tom-tat"]
        assert (download.header, download.rows) == (model.header, model.raw_rows())
        page = pages.model_table(model, model.page)
        s = r.status(ind.id)
        assert page.count(f"Kết quả của {ds.root.name}") == 1 and pages.result_text(ind, s, r.decimals(ind)) in page
        labels = [row[0] for row in download.rows]
        assert labels[:2] == ["Mục tiêu", "Giá trị mục tiêu"] and labels[-1] == "Đánh giá"
        assert {str(k): v for k, v in download.rows}[
            f"Kết quả của {ds.root.name}"
        ] == s.compared  # the figure the status used
