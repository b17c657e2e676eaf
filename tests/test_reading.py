"""Reading cells as staff type them: numbers in both locales, spaces, Excel's own cell types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from programs import write_program

from scripts.data.errors import DataError
from scripts.data.load import nfc, read_table
from scripts.data.textutil import parse_number
from scripts.data.validate import load_dataset


@pytest.mark.parametrize(
    ("raw", "number_format", "expected"),
    [
        # plain
        ("1234.5", "en", 1234.5),
        ("-3", "en", -3.0),
        ("85.2%", "en", 85.2),
        # decimal comma and thousands dots
        ("1.234,5", "vi", 1234.5),
        ("1.234", "vi", 1234.0),
        ("85,2%", "vi", 85.2),
        ("12 345", "vi", 12345.0),
        ("1\u00a0234,5", "vi", 1234.5),
        # ambiguous or wrong for the declared format: refused, never guessed
        ("1.234,5", "en", None),
        ("1,234.5", "en", None),
        ("1,234.5", "vi", None),
        ("1.5", "vi", None),
        ("n/a", "en", None),
        ("", "en", None),
    ],
)
def test_numbers(raw: str, number_format: str, expected: float | None) -> None:
    assert parse_number(raw, number_format) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Hà Nội ", "Hà Nội"),
        ("\u00a0Hà Nội\u00a0", "Hà Nội"),  # non-breaking spaces pasted from Word
        ("\ufeff\u200bHà Nội\u200b", "Hà Nội"),  # a stray byte-order mark, zero-width spaces
        ("Ha\u0300 No\u0323\u0302i", "Hà Nội"),  # decomposed letters
    ],
)
def test_text_is_trimmed_and_composed(raw: str, expected: str) -> None:
    assert nfc(raw) == expected


def test_semicolon_file_with_commas_in_text(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text("code;name;kind;parent\nBL;Tỉnh A, B;province;\n", encoding="utf-8")
    table = read_table(tmp_path, "units", [])
    assert table is not None and table.rows[0].cells["name"] == "Tỉnh A, B"


def test_excel_cell_types(tmp_path: Path) -> None:
    """Dates, percentages and numbers as Excel stores them; a period Excel turned into a date is named."""
    folder = write_program(tmp_path / "data")
    (folder / "values.csv").unlink()
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["indicator", "unit", "period", "value"])
    ws.append(["A1", "BL", 2021, 0.852])
    ws["D2"].number_format = "0.0%"
    ws.append(["A1", "BL", dt.datetime(2021, 9, 1), 60])
    book.save(folder / "values.xlsx")
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert [str(p) for p in info.value.problems] == [
        'data/values.xlsx, ô Sheet!C3, cột period: "2021-09-01" là một ngày, không phải kỳ số liệu '
        "(Excel thường tự đổi 2019-09 thành ngày) — cần năm (2019), quý (2019-Q3) hoặc tháng (2019-09), là văn bản. "
        "Cách sửa: trong Excel định dạng cột period là Văn bản (Text) rồi gõ lại kỳ, ví dụ 2019-09"
    ]
    ws.delete_rows(3)
    book.save(folder / "values.xlsx")
    (value,) = load_dataset(folder).values
    assert (value.period.code, value.value) == ("2021", 85.2)
