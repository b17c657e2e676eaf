"""Every file the internal edition offers says it is for internal circulation; the public edition's say nothing.

A file downloaded from the internal site is forwarded by e-mail the day it is
downloaded: whoever opens it sees "Lưu hành nội bộ" — on each sheet of a
workbook (above the table, in the printed pages' header, in the document's
properties), in a file beside the CSV files of the data package, and on
every page of the PDF. The Word report's header is `test_word.py`'s.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT

from scripts.data import editions
from scripts.downloads import tables, templates, xlsx
from scripts.report import printview

NOTICE = editions.NOTICE
STAMP = dt.datetime(2020, 12, 31)
SHEET = xlsx.Sheet("Bảng", ("Mã", "Số"), (("A", 1.5), ("B", None)))


def workbooks(site: Path) -> list[Path]:
    return sorted((site / tables.FOLDER).rglob("*.xlsx"))


def _header(sheet: openpyxl.worksheet.worksheet.Worksheet) -> str:
    """The right part of the printed pages' header, when in bold."""
    right = sheet.oddHeader.right
    return (right.text or "") if right.font == "-,Bold" else ""


# --- the workbooks of the pages -----------------------------------------------------


def test_a_marked_workbook_says_it_above_the_table_in_the_print_header_and_properties() -> None:
    data = xlsx.workbook([SHEET, SHEET], "Bảng", "x", STAMP, NOTICE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in (1, 2):  # on the right, in bold
            sheet_xml = z.read(f"xl/worksheets/sheet{n}.xml").decode()
            assert f'<oddHeader>&amp;R&amp;"-,Bold"{NOTICE}</oddHeader>' in sheet_xml
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.properties.category == NOTICE
    assert book.properties.contentStatus == NOTICE
    for sheet in book.worksheets:
        assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
            [NOTICE, None],
            ["Mã", "Số"],
            ["A", 1.5],
            ["B", None],
        ]
        assert sheet["A1"].font.b and sheet["A2"].font.b
        assert sheet.freeze_panes == "A3"  # the header stays in view, the line above it too
        assert _header(sheet) == NOTICE


def test_an_unmarked_workbook_has_the_table_from_the_first_row() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx.workbook([SHEET], "Bảng", "x", STAMP)))
    sheet = book.active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["Mã", "Số"], ["A", 1.5], ["B", None]]
    assert sheet.freeze_panes == "A2"
    assert _header(sheet) == ""
    assert book.properties.category is None and book.properties.contentStatus is None


def test_every_workbook_of_the_internal_edition_is_marked(built_sample: Path) -> None:
    found = [p for p in workbooks(built_sample) if not p.is_relative_to(built_sample / templates.FOLDER)]
    assert len(found) > 20
    for path in found:
        book = openpyxl.load_workbook(path)
        assert book.properties.category == NOTICE, path
        for sheet in book.worksheets:
            assert sheet["A1"].value == NOTICE, (path, sheet.title)
            assert _header(sheet) == NOTICE, (path, sheet.title)


# --- the data package ------------------------------------------------------------------


def test_the_internal_data_package_carries_the_notice_beside_its_csv_files(built_sample: Path) -> None:
    with zipfile.ZipFile(built_sample / tables.PACKAGE) as z:
        assert z.namelist()[0] == tables.NOTICE_FILE
        text = z.read(tables.NOTICE_FILE).decode("utf-8")
        described = json.loads(z.read("datapackage.json"))["description"]
        first = z.read("program.csv").decode("utf-8-sig").splitlines()[0]
    assert text.startswith("LƯU HÀNH NỘI BỘ\r\n\r\n")
    assert "Không sao chép, chuyển tiếp hay đăng tải ra ngoài." in text
    assert described.endswith(f" {NOTICE}: xem tệp {tables.NOTICE_FILE}.")
    assert first.startswith("code,")  # the CSV files themselves stay as they were


# --- the data-entry templates ------------------------------------------------------------


def test_every_template_is_marked_in_its_print_header_and_properties(built_sample: Path) -> None:
    found = sorted((built_sample / templates.FOLDER).glob("*.xlsx"))
    assert len(found) == len(templates.TABLES)
    for path in found:
        book = openpyxl.load_workbook(path)
        assert book.properties.category == NOTICE, path
        assert book.properties.contentStatus == NOTICE, path
        data = book.worksheets[0]
        assert _header(data) == NOTICE, path
        assert data["A1"].value != NOTICE  # row 1 is the header the data folder reads back


# --- the PDF ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed (poppler-utils)")
@pytest.mark.parametrize("internal", [True, False])
def test_every_page_of_the_internal_pdf_is_marked(built_sample: Path, tmp_path: Path, internal: bool) -> None:
    out = tmp_path / "ban-in.pdf"
    code = (
        "from pathlib import Path; from scripts.report import printview; "
        f"printview.write_pdf(Path({str(built_sample)!r}), Path({str(out)!r}), internal={internal})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=300)  # as the build runs it
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > len(printview.PARTS)
    marked = [p for p in pages if NOTICE.upper() in p.splitlines()[0]]
    assert len(marked) == (len(pages) if internal else 0)
