"""Downloads: each table as CSV and Excel, each chart as SVG and PNG, the data set as a Data Package."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.assemble import downloadfiles
from scripts.cache.pagekeys import Reuse
from scripts.cache.store import Store
from scripts.data import editions
from scripts.data.model import Dataset, Indicator, Value
from scripts.data.validate import load_dataset
from scripts.downloads import tables as downloads
from scripts.downloads import xlsx
from scripts.downloads.tables import DataTable
from scripts.report import pages
from scripts.report.compute import Results

ROOT = Path(__file__).resolve().parent.parent
STAMP = dt.datetime(2020, 6, 30)


def links(page: str) -> list[str]:
    """Targets of the page's download links, in order."""
    return [
        html.unescape(href)
        for para in re.findall(r'<p class="downloads">(.*?)</p>', page, re.S)
        for href in re.findall(r'href="([^"]+)"', para)
    ]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


def test_every_download_link_of_every_page_leads_to_a_file(built_sample: Path) -> None:
    seen = 0
    for page in html_pages(built_sample):
        for href in links(page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), f"{page.name}: {href}"
            seen += 1
    assert seen > 100


def test_each_table_on_a_page_has_the_same_rows_in_its_csv(built_sample: Path) -> None:
    """The table right before a CSV link and the CSV have as many rows and the same first column."""
    checked = 0
    for page in html_pages(built_sample):
        text = page.read_text(encoding="utf-8")
        for chunk in text.split('<p class="downloads">Tải bảng: ')[:-1]:
            body = chunk[chunk.rindex("<table") :]
            href = re.search(r'href="([^"]+\.csv)"', text[text.index(chunk) + len(chunk) :]).group(1)  # type: ignore[union-attr]
            if re.search(r"<th[^>]*></th>", body) or href.endswith("-tom-tat.csv"):
                continue  # a summary: its download has more, typed rows
            rows = re.findall(r"<tr>(.*?)</tr>", body[body.index("<tbody>") :], re.S)
            firsts = [
                html.unescape(re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)[0])).strip()
                for r in rows
            ]
            table = read_csv((page.parent / html.unescape(href)).read_bytes())
            assert len(table) - 1 == len(rows), f"{page.name}: {href}"
            assert any(firsts[0].endswith(c) or c in firsts[0] for c in table[1][:3]), (page.name, firsts[0], table[1])
            checked += 1
    assert checked > 100


def test_each_page_workbook_holds_its_tables_with_numbers_as_numbers(built_sample: Path) -> None:
    ds = load_dataset(ROOT / "data")
    for table in downloads.tables(ds, Results(ds)):
        expected = read_csv((built_sample / table.csv_path).read_bytes())
        book = openpyxl.load_workbook(built_sample / pages.workbook_path(table.page))
        notice, *cells = [list(r) for r in book[table.sheet].iter_rows(values_only=True)]
        assert notice[0] == editions.NOTICE  # the internal edition's line above the table
        assert [str(c) for c in cells[0]] == expected[0]
        for got, want in zip(cells[1:], expected[1:], strict=True):
            for g, w in zip(got, want, strict=True):
                if isinstance(g, int | float):
                    assert float(w) == g
                else:
                    assert (g or "") == w


def test_a_chart_is_downloadable_as_svg_and_png(built_sample: Path) -> None:
    svgs = sorted((built_sample / "assets" / "charts").glob("*.svg"))
    assert svgs
    for svg in svgs:
        png = svg.with_suffix(".png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"Software" not in png and b"matplotlib" not in png.lower()


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),  # formula
        ("+84 912", "'+84 912"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Hà Nội", "Hà Nội"),  # ordinary text
        (-12.5, -12.5),  # a number stays a number
        (None, None),
    ],
)
def test_a_cell_that_would_be_a_formula_is_made_text(cell: object, written: object) -> None:
    assert downloads.inert(cell) == written  # type: ignore[arg-type]


def test_formula_text_stays_text_in_both_formats() -> None:
    table = DataTable("x.md", "bang", "T", ("Tên", "Giá trị"), (("=1+1", -3.0), ("@x", 2.5)))
    assert read_csv(downloads.to_csv(table.header, table.rows))[1:] == [["'=1+1", "-3"], ["'@x", "2.5"]]
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx([table], STAMP))).active
    assert sheet is not None
    assert [[c.value for c in r] for r in sheet.iter_rows(min_row=2)] == [["'=1+1", -3], ["'@x", 2.5]]
    assert all(c.data_type in ("s", "n") for r in sheet.iter_rows() for c in r)


def test_a_column_is_written_cell_by_cell_though_each_distinct_cell_is_converted_once() -> None:
    # Equal to a dict, apart in a CSV: 1, 1.0, True; a repeated code; a formula among plain text.
    column: list[downloads.Cell] = [1, 1.0, True, 2.5, "X01", "X01", "=1", None, -0.0]
    written = downloads.to_csv(("c",), [(c,) for c in column], bom=False).decode("utf-8").split("\r\n")[1:-1]
    assert written == ["1", "1", "True", "2.5", "X01", "X01", "'=1", '""', "0"]  # an empty row's one cell: ""
    calls: list[object] = []

    def convert(cell: object) -> str:
        calls.append(cell)
        return str(cell)

    assert downloads.converted(column, convert) == [str(c) for c in column]
    assert len(calls) == 8  # "X01" once
    assert downloads.converted([[1], [1]], str) == ["[1]", "[1]"]  # a cell that cannot be a key: one by one


def every_download(ds: Dataset) -> dict[str, bytes]:
    tables = downloads.tables(ds, Results(ds))
    return {**downloadfiles.make(tables, downloads.stamp_of(ds)).files, downloads.PACKAGE: downloads.package(ds)}


def test_downloads_are_byte_identical_from_the_same_data() -> None:
    ds = load_dataset(ROOT / "data")
    first, second = every_download(ds), every_download(ds)
    assert first == second
    wb = openpyxl.load_workbook(io.BytesIO(first["tai-ve/don-vi/index.xlsx"]))
    assert wb.properties.created == wb.properties.modified == dt.datetime.combine(ds.program.as_of, dt.time())
    for name in (downloads.PACKAGE, "tai-ve/don-vi/index.xlsx"):  # no member carries the time it was written
        with zipfile.ZipFile(io.BytesIO(first[name])) as z:
            assert {i.date_time for i in z.infolist()} == {downloads.ZIP_TIME}


def test_the_data_package_is_valid_frictionless(built_sample: Path, tmp_path: Path) -> None:
    from frictionless import Package, validate

    with zipfile.ZipFile(built_sample / downloads.PACKAGE) as z:
        z.extractall(tmp_path)
        names = set(z.namelist())
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
    package = Package(tmp_path / "datapackage.json")
    assert [r.name for r in package.resources] == [
        "program", "units", "indicators", "values", "topics", "documents", "findings", "milestones",
    ]  # fmt: skip
    ds = load_dataset(ROOT / "data")
    values = package.get_resource("values")
    assert len(values.read_rows()) == len(ds.values)  # type: ignore[attr-defined]
    assert {f"topics/{t.id}.md" for t in ds.topics} <= names


def test_the_data_package_reads_back_as_the_same_data(built_sample: Path, tmp_path: Path) -> None:
    """The package's CSVs, loaded by the site's own validator, give the same values."""
    with zipfile.ZipFile(built_sample / downloads.PACKAGE) as z:
        z.extractall(tmp_path)
    ds = load_dataset(ROOT / "data")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "values.csv").read_text(encoding="utf-8"))))
    assert [(r["indicator"], r["unit"], r["period"]) for r in rows] == [
        (v.indicator, v.unit, v.period.code) for v in ds.values
    ]
    assert [float(r["value"]) if r["value"] else None for r in rows] == [v.value for v in ds.values]


def test_a_workbook_keeps_its_bold_header_in_view_and_sizes_its_columns() -> None:
    table = DataTable("x.md", "bang", "Tiêu đề <&>", ("Đơn vị", "Giá trị"), (("Phường Phúc Xá", 12.5), ("Xã A", None)))
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx([table], STAMP)))
    sheet = book["Bảng"]
    assert sheet.freeze_panes == "A2"
    assert [c.font.b for c in sheet[1]] == [True, True] and not sheet["A2"].font.b
    assert sheet.column_dimensions["A"].width == len("Phường Phúc Xá") + 2
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows == [["Đơn vị", "Giá trị"], ["Phường Phúc Xá", 12.5], ["Xã A", None]]
    assert book.properties.title == "Tiêu đề <&>" and book.properties.created == STAMP


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**15), 10**15), max_size=20))
@settings(max_examples=40, deadline=None)
def test_numbers_read_back_from_a_workbook_as_the_same_numbers(numbers: list[float]) -> None:
    table = DataTable("x.md", "bang", "T", ("Giá trị",), tuple((n,) for n in numbers))
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx([table], STAMP)))["Bảng"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == numbers


@given(st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_any_text_reads_back_from_a_workbook_less_what_xml_cannot_carry(text: str) -> None:
    table = DataTable("x.md", "bang", "T", ("Tên",), ((text,),))
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx([table], STAMP)))["Bảng"]
    carried = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", str(downloads.inert(text)))
    assert (sheet["A2"].value or "") == carried.replace("\r\n", "\n").replace("\r", "\n")


def test_after_an_edit_the_package_writes_again_only_the_lines_of_the_edited_indicator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = load_dataset(ROOT / "data")
    store = Store(tmp_path / "cache")
    made: list[str] = []
    values_csv = downloads.values_csv

    def counted(indicator: Indicator, values: Sequence[Value]) -> bytes:
        made.append(indicator.id)
        return values_csv(indicator, values)

    monkeypatch.setattr(downloads, "values_csv", counted)

    def package(ds: Dataset) -> bytes:
        made.clear()
        return downloadfiles.cached_package(ds, store, Reuse(store, ds, Results(ds), "internal").prepare())

    first = package(ds)
    assert len(made) == len(ds.indicators)
    v = ds.values[-1]
    edited = dataclasses.replace(ds, values=(*ds.values[:-1], dataclasses.replace(v, value=(v.value or 0) + 1)))
    edited = dataclasses.replace(edited, fingerprint="edited")
    again = package(edited)
    assert made == [v.indicator]  # the only lines of values.csv made, and compressed, again
    assert first == downloads.package(ds) and again == downloads.package(edited) != first


def test_the_package_compressed_part_by_part_is_the_zip_of_the_same_files_compressed_whole() -> None:
    ds = load_dataset(ROOT / "data")
    ours = zipfile.ZipFile(io.BytesIO(downloads.package(ds)))
    assert ours.testzip() is None  # every file's checksum is right
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as z:
        for info in ours.infolist():
            z.writestr(xlsx.member(info.filename), ours.read(info))
    theirs = zipfile.ZipFile(whole)
    keep = ("filename", "date_time", "compress_type", "external_attr", "CRC", "file_size", "flag_bits")
    assert [[getattr(i, k) for k in keep] for i in ours.infolist()] == [
        [getattr(i, k) for k in keep] for i in theirs.infolist()
    ]
    assert [ours.read(i) for i in ours.infolist()] == [theirs.read(i) for i in theirs.infolist()]
