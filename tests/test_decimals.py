"""One indicator, one number of decimals everywhere: "60,0%" beside "60,4%", never "60%" beside it.

An indicator's figures are shown with the most decimals any of its values,
its target or its baseline is given with (at most two), trailing zeros kept;
an indicator whose figures are all whole numbers shows none. One small
program: A1 (a rate) has a "60" and a "60.4"; B2 (a count) is whole.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from docx import Document
from programs import write_program

from scripts.cache.pagekeys import Reuse
from scripts.cache.store import Store
from scripts.data.model import Dataset
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.downloads import word
from scripts.report import charts, dashboard, fmt, pages, printview, whole
from scripts.report.compute import Results

VALUES = [
    ("A1", "BL", "2021-Q1", 60), ("A1", "BL", "2021-Q2", 60.4),
    ("A1", "X001", "2021-Q2", 60), ("A1", "X002", "2021-Q2", 61.5),
    ("B2", "BL", "2021-Q1", 100), ("B2", "BL", "2021-Q2", 120),
    ("B2", "X001", "2021-Q2", 50), ("B2", "X002", "2021-Q2", 70),
]  # fmt: skip
A1_BARE = re.compile(r"(?<![\d,])(?:60|80)%|\d,\d\d%")  # an A1 figure with other decimals than A1's one
B2_DECIMAL = re.compile(r"\d,\d+ người")


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("decimals") / "data"
    return load_dataset(write_program(folder, illustrative=False, communes=2, values=VALUES))


@pytest.fixture(scope="module")
def site(ds: Dataset) -> dict[str, str]:
    r = Results(ds)
    rendered = pages.render(ds, r)
    out = {p.path: p.body for p in rendered.pages}
    out["index.md"] = dashboard.dashboard(ds, r)
    out[printview.PATH] = printview.page(ds, rendered).body
    return out


# --- how many decimals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "decimals"),
    [
        # whole
        (60.0, 0), (0.0, 0), (-3.0, 0), (12345.0, 0), (None, 0),
        # as typed
        (60.4, 1), (0.1 + 0.2, 1), (93.25, 2), (-0.05, 2),
        # at most two
        (1 / 3, 2), (12.3456, 2),
    ],
)  # fmt: skip
def test_the_decimals_a_figure_is_given_with(x: float | None, decimals: int) -> None:
    assert fmt.decimals_of(x) == decimals


@pytest.mark.parametrize(
    ("x", "measure", "decimals", "shown"),
    [
        (91, "%", 1, "91,0%"), (93.5, "%", 1, "93,5%"), (1234.5, "người", 2, "1.234,50 người"),
        (120, "người", 0, "120 người"), (60.44, "%", 1, "60,4%"), (-0.04, "%", 1, "0,0%"),
        # no decimals given: as few as it needs
        (91, "%", None, "91%"),
    ],
)  # fmt: skip
def test_a_quantity_keeps_its_indicator_s_trailing_zeros(
    x: float, measure: str, decimals: int | None, shown: str
) -> None:
    assert fmt.quantity(x, measure, decimals) == shown


def test_an_indicator_has_the_most_decimals_of_its_values_target_and_baseline(ds: Dataset) -> None:
    assert Results(ds).decimals_by_indicator == {"A1": 1, "B2": 0}


# --- every place that shows a figure ------------------------------------------------------------------


def test_the_indicator_page_shows_every_figure_with_one_decimal(site: dict[str, str]) -> None:
    page = site["chi-tieu/a1.md"]
    assert "60,4% (Q2/2021)" in page  # the whole's result
    assert "≥ 80,0%, hằng năm" in page  # the target
    assert "| Quý I/2021 | 60,0% |" in page  # the whole's figures by period
    assert "[Tỉnh Bạch Liên](../don-vi/bl.md) | Q1/2021 | 60,0% |" in page  # the values table
    assert "61,5%" in page and "60,4%" in page


def test_no_page_shows_a_figure_of_a1_without_its_decimal_nor_one_of_b2_with_one(site: dict[str, str]) -> None:
    assert {path: A1_BARE.findall(body) for path, body in site.items() if A1_BARE.search(body)} == {}
    assert {path: B2_DECIMAL.findall(body) for path, body in site.items() if B2_DECIMAL.search(body)} == {}


def test_a_unit_page_and_the_whole_s_figures_beside_it_use_the_indicator_s_decimals(
    ds: Dataset, site: dict[str, str]
) -> None:
    unit = ds.unit_by_code["X001"]
    assert "60,0%" in site[pages.unit_path(unit)]
    filled = whole.figures(ds, Results(ds))
    assert (
        filled["0r"] == "60,4% (Q2/2021); đạt 0/2 kỳ"
        and filled["1r"].startswith("Lũy kế")
        and "220 người" in filled["1r"]
    )


def test_the_home_page_and_the_print_view_use_the_indicator_s_decimals(site: dict[str, str]) -> None:
    assert "**60,4% (Q2/2021); đạt 0/2 kỳ**" in site["index.md"]
    assert "Mục tiêu: ≥ 80,0%, hằng năm" in site["index.md"]
    assert "60,4% (Q2/2021)" in site[printview.PATH]


def test_charts_write_the_indicator_s_decimals(ds: Dataset) -> None:
    drawn = {c.name: c for c in pages.render(ds, Results(ds)).charts}
    compare = drawn["a1-so-sanh"]
    assert isinstance(compare, charts.CompareChart)
    assert [compare.value_label(i) for i in range(len(compare.values))] == ["61,5%", "60,0%"]
    assert "thấp nhất Xã Số 1: 60,0%" in compare.alt and "đường mục tiêu: 80,0%" in compare.alt
    assert "kỳ gần nhất có số liệu Q2/2021: 60,4%" in drawn["a1-dien-bien"].alt
    counted = drawn["b2-so-sanh"]
    assert isinstance(counted, charts.CompareChart)
    assert [counted.value_label(i) for i in range(len(counted.values))] == ["70", "50"]


def test_the_word_report_uses_the_indicator_s_decimals(ds: Dataset) -> None:
    doc = Document(io.BytesIO(word.document(ds)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert "60,4% (Q2/2021)" in text and "60,0%" in text and "≥ 80,0%" in text
    assert A1_BARE.findall(text) == [] and B2_DECIMAL.findall(text) == []


def test_downloads_write_figures_as_text_with_the_decimals_and_numbers_as_numbers(ds: Dataset) -> None:
    tables = {(t.page, t.name): t for t in downloads.tables(ds, Results(ds))}
    indicators = tables["chi-tieu/index.md", "chi-tieu"]
    row = dict(zip(indicators.header, indicators.rows[0], strict=True))
    assert row["Mục tiêu"] == "≥ 80,0%, hằng năm" and row["Giá trị mục tiêu"] == 80.0
    values = tables["chi-tieu/a1.md", "so-lieu"]
    assert [row[3] for row in values.rows] == [60.0, 60.4, 60.0, 61.5]


# --- the keys of kept pages ----------------------------------------------------------------------------


def test_a_unit_page_is_made_again_when_another_unit_s_edit_changes_the_decimals(ds: Dataset, tmp_path: Path) -> None:
    def render(data: Dataset) -> dict[str, str]:
        r = Results(data)
        return {p.path: p.body for p in pages.render(data, r, reuse=Reuse(Store(tmp_path), data, r, "internal")).pages}

    render(ds)
    n = next(i for i, v in enumerate(ds.values) if (v.indicator, v.unit, v.value) == ("A1", "X002", 61.5))
    values = list(ds.values)
    values[n] = dataclasses.replace(values[n], value=61.25)
    edited = dataclasses.replace(ds, values=tuple(values))
    page = pages.unit_path(ds.unit_by_code["X001"])
    assert "60,00%" in render(edited)[page]  # X001's own values are the same: its page is made again all the same
    assert render(edited)[page] == {p.path: p.body for p in pages.render(edited, Results(edited)).pages}[page]
