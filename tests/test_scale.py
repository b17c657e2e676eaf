"""Nothing grows faster than the data: bounded tables, split appendix, small search entries.

A program of 250 units is rendered in memory (no MkDocs) to check the page
bounds, and a smaller one is built to check the search index and page sizes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_mkdocs

from scripts import synthetic
from scripts.assemble import downloadfiles, parallel
from scripts.assemble import pipeline as site
from scripts.data import load
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.report import charts, pages
from scripts.report.compute import Results
from scripts.report.pages import Rendered


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendered, Results]:
    data = synthetic.write(tmp_path_factory.mktemp("large") / "data", synthetic.Shape(units=250, indicators=2))
    ds = load_dataset(data)
    r = Results(ds)
    return pages.render(ds, r), r


def table_rows(markdown: str) -> int:
    """Body rows of the Markdown tables in a page."""
    lines = markdown.splitlines()
    tables = sum(1 for line in lines if re.fullmatch(r"\|[-:|]+\|", line))
    return sum(1 for line in lines if line.startswith("| ")) - tables


def test_the_appendix_of_an_indicator_is_split_into_pages_of_a_bounded_number_of_units(
    large: tuple[Rendered, Results],
) -> None:
    rendered, _ = large
    parts = sorted(p.path for p in rendered.pages if p.path.startswith("phu-luc/ct01"))
    assert parts == ["phu-luc/ct01.md", "phu-luc/ct01/2.md", "phu-luc/ct01/3.md"]
    by_path = {p.path: p for p in rendered.pages}
    assert [table_rows(by_path[p].body) for p in parts] == [100, 100, 50]


def test_every_unit_is_in_exactly_one_page_of_the_appendix(large: tuple[Rendered, Results]) -> None:
    rendered, r = large
    linked = []
    for p in rendered.pages:
        if p.path.startswith("phu-luc/ct02"):
            linked += re.findall(r"\]\((?:\.\./)+don-vi/([a-z0-9-]+)\.md\)", p.body)
    assert sorted(linked) == sorted(u.slug for u, _ in r.tree)


def test_the_values_table_of_an_indicator_page_is_bounded_and_points_to_the_appendix(
    large: tuple[Rendered, Results],
) -> None:
    rendered, _ = large
    page = next(p for p in rendered.pages if p.path == "chi-tieu/ct01.md")
    table = page.body.split("## Bảng số liệu đầy đủ")[1]
    assert table_rows(table.split("_Bảng trên")[0]) == 13 * 8  # the province and its 12 districts, 8 quarters
    note = "_Bảng trên có số liệu của 13 trong 250 đơn vị. Số liệu của mọi đơn vị ở [phụ lục](../phu-luc/ct01.md)"
    assert note + " (3 trang)._" in table


def test_no_page_grows_with_the_number_of_units(
    monkeypatch: pytest.MonkeyPatch, large: tuple[Rendered, Results]
) -> None:
    """The comparison of units (the level below the whole: every commune of a flat program) and the list of units
    are bounded, so a national program at commune level builds pages of the same size as a province's."""
    _, r = large
    monkeypatch.setattr(pages.indicator, "COMPARE_ROWS", 6)
    monkeypatch.setattr(pages.units, "UNITS_ROWS", 100)
    rendered = pages.render(r.ds, r)
    by_path = {p.path: p for p in rendered.pages}
    compare = by_path["chi-tieu/ct01.md"].body.split("## So sánh các đơn vị")[1].split("## ")[0]
    compared = len(r.compared_units())
    assert compared > 6
    assert table_rows(compare) == 6  # the 3 highest and the 3 lowest
    assert re.findall(r"^\| (\d+) \|", compare, re.M) == ["1", "2", "3", *map(str, range(compared - 2, compared + 1))]
    said = f"_Bảng có 3 đơn vị cao nhất và 3 đơn vị thấp nhất; tệp tải về (CSV, Excel) có đủ {compared} đơn vị._"
    assert said in compare
    csv = downloads.indicator_tables(r.ds, r, r.ds.indicators[0])
    assert len(next(t for t in csv if t.name == "so-sanh").rows) == compared  # the download has every unit
    parts = sorted(p for p in by_path if p.startswith("don-vi/index") or p.startswith("don-vi/trang/"))
    assert parts == ["don-vi/index.md", "don-vi/trang/2.md", "don-vi/trang/3.md"]
    assert [table_rows(by_path[p].body) for p in parts] == [100, 100, 50]
    assert "Trang: [1](../index.md) · [2](2.md) · 3" in by_path["don-vi/trang/3.md"].body
    listed = "".join(by_path[p].body for p in parts)
    assert sum(listed.count(f"{u.slug}.md)") >= 1 for u, _ in r.tree) == len(r.tree)  # every unit, once listed


def test_unit_and_appendix_pages_offer_search_only_their_lead(large: tuple[Rendered, Results]) -> None:
    rendered, _ = large
    modes = {p.path.split("/")[0] + ("/" if "/" in p.path else ""): p.search for p in rendered.pages}
    assert modes["don-vi/"] == "lead" and modes["phu-luc/"] == "lead" and modes["chi-tieu/"] in ("prose", "")


def test_charts_drawn_in_a_pool_are_the_bytes_drawn_one_by_one(large: tuple[Rendered, Results]) -> None:
    rendered, _ = large
    specs = tuple(c for c in rendered.charts) * 4  # enough charts for a pool
    assert len(specs) >= parallel.POOL_MIN
    jobs = [(chart, fmt) for chart in specs for fmt in ("svg", "png")]
    serial = [site.draw(job) for job in jobs[: 2 * len(rendered.charts)]]
    pooled = parallel.run(site.draw, jobs, workers=2)
    assert pooled == serial * 4


def test_a_chart_key_changes_with_what_it_shows_only() -> None:
    a = charts.TrendChart("x", "assets/charts/x.svg", "T", "%", ("2021",), (50.0,), 80.0)
    same = charts.TrendChart("x", "assets/charts/x.svg", "T", "%", ("2021",), (50.0,), 80.0)
    other = charts.TrendChart("x", "assets/charts/x.svg", "T", "%", ("2021",), (51.0,), 80.0)
    assert charts.key(a) == charts.key(same) != charts.key(other)


def test_a_built_program_keeps_pages_and_search_index_small(tmp_path: Path) -> None:
    data = synthetic.write(tmp_path / "data", synthetic.Shape(units=120, indicators=3, periods=12))
    site_dir = tmp_path / "site"
    result = run_mkdocs(data, site_dir, env={"SITE_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    biggest = max(p.stat().st_size for p in site_dir.rglob("*.html"))
    assert biggest < 2_000_000
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    unit_entries = [d for d in index["docs"] if d["location"].startswith("don-vi/x")]
    assert len(unit_entries) == 120 - 1 - 5  # one entry for each commune page, no table text
    assert max(len(d["text"]) for d in unit_entries) < 300
    appendix = [d for d in index["docs"] if d["location"].startswith("phu-luc/ct")]
    assert max(len(d["text"]) for d in appendix) < 400


def test_workbooks_made_in_a_pool_are_the_bytes_made_one_by_one(large: tuple[Rendered, Results]) -> None:
    _, results = large
    tables = downloads.tables(results.ds, results)
    stamp = downloads.stamp_of(results.ds)
    assert len(downloads.by_page(tables)) >= parallel.POOL_MIN
    assert downloadfiles.make(tables, stamp, workers=2).files == downloadfiles.make(tables, stamp, workers=1).files


def test_a_national_program_has_the_nation_its_34_provinces_and_their_communes() -> None:
    rows = synthetic.unit_rows(synthetic.Shape(units=100, national=True))
    kinds = [kind for _, _, kind, _ in rows]
    assert kinds.count("other") == 1 and kinds.count("province") == synthetic.PROVINCES == 34
    assert kinds.count("commune") == 100 - 35
    provinces = {code for code, _, kind, _ in rows if kind == "province"}
    assert {parent for *_, parent in rows[35:]} <= provinces


def test_the_real_shape_fills_what_offices_fill_and_the_plain_one_does_not(tmp_path: Path) -> None:
    ds = load_dataset(synthetic.write(tmp_path / "real", synthetic.Shape(units=60, indicators=6, periods=8)))
    assert {v.status for v in ds.values} == {"official", "estimate", "illustrative"}
    assert 0.1 < sum(1 for v in ds.values if v.source) / len(ds.values) < 0.25  # a source on some rows
    assert 0 < sum(1 for v in ds.values if v.note) / len(ds.values) < 0.05  # a note on a few
    assert all(v.reported is not None for v in ds.values if v.value is not None)
    assert any(v.value is None for v in ds.values)  # a cell without a figure
    written = (tmp_path / "real" / "values.csv").read_text(encoding="utf-8").splitlines()
    decimals = {len(line.split(",")[3].partition(".")[2]) for line in written[1:] if line.split(",")[3]}
    assert decimals == {1, 2}  # one or two decimals, unit by unit
    assert {i.ranked for i in ds.indicators} == {True, False} and all(i.target_text for i in ds.indicators[:4])
    assert any(i.baseline is not None for i in ds.indicators) and all(i.document for i in ds.indicators)
    assert {i.target_status for i in ds.indicators} >= {"official", "estimate"}
    kinds = {"highlight", "strength", "limitation", "cause", "lesson", "direction"}
    assert {f.kind for f in ds.findings} >= kinds and {f.aspect for f in ds.findings} >= {"objective", "subjective"}
    assert ds.documents and ds.milestones and ds.program.place and ds.program.next_term
    plain = synthetic.Shape(units=60, indicators=6, periods=8, form="plain")
    ds = load_dataset(synthetic.write(tmp_path / "plain", plain))
    assert {v.status for v in ds.values} == {"official"} and not any(v.source or v.note for v in ds.values)
    assert (tmp_path / "plain" / "values.csv").read_text(encoding="utf-8").split("\n")[
        0
    ] == "indicator,unit,period,value"
    assert not ds.findings and not ds.documents


def test_a_large_table_holds_each_repeated_cell_once() -> None:
    text = "indicator,unit,period,value,source\n" + "".join(f"CT01,X{n % 3},2021,{n}.5,Báo cáo\n" for n in range(9))
    table = load.parse_csv(text, "values", "values.csv", [])
    assert table is not None
    sources = [row.cells["source"] for row in table.rows]
    units = [row.cells["unit"] for row in table.rows]
    assert len({id(s) for s in sources}) == 1 and len({id(u) for u in units}) == 3
    assert [row.number for row in table.rows] == list(range(2, 11))
