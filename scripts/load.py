"""Read the data folder into raw tables of text cells, as staff saved them.

Reading knows about file formats only: CSV with `,` or `;`, with or without
a byte-order mark, UTF-8 or UTF-16; Excel workbooks (first sheet); YAML.
It normalises text to NFC, trims spaces and skips empty rows, and reports
what it cannot read as problems. Meaning is the validator's job.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import Problem

Cell = str | int | float | dt.date


@dataclass(frozen=True)
class RawRow:
    number: int  # the row number a spreadsheet shows (header = 1)
    cells: dict[str, Cell]


@dataclass(frozen=True)
class RawTable:
    name: str
    file: str  # shown in messages, e.g. data/values.csv
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]
    sheet: str | None = None  # set for Excel workbooks

    def cell(self, row: int, column: str) -> str | None:
        """The Excel cell reference (Sheet!D14) of a value, for workbooks."""
        if self.sheet is None or column not in self.header:
            return None
        return f"{self.sheet}!{_column_letter(self.header.index(column))}{row}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def display_name(folder: Path, name: str) -> str:
    return f"{folder.name or folder.resolve().name}/{name}"


def read_table(folder: Path, name: str, problems: list[Problem]) -> RawTable | None:
    """Read `<name>.csv` or `<name>.xlsx`; None when absent or unreadable."""
    csv_path, xlsx_path = folder / f"{name}.csv", folder / f"{name}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        problems.append(Problem("both_formats", display_name(folder, name + ".csv"), params={"name": name}))
        return None
    if xlsx_path.exists():
        return _read_xlsx(xlsx_path, name, display_name(folder, xlsx_path.name), problems)
    if csv_path.exists():
        return _read_csv(csv_path, name, display_name(folder, csv_path.name), problems)
    return None


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        text = _decode(path.read_bytes())
    except UnicodeDecodeError:
        problems.append(Problem("not_utf8", shown))
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        problems.append(Problem("yaml_syntax", shown, row=row, params={"error": str(reason)}))
        return None
    if not isinstance(data, dict):
        problems.append(Problem("yaml_not_mapping", shown))
        return None
    return {nfc(str(k)): _clean(v) for k, v in data.items()}


def _clean(v: Any) -> Any:
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v).strip()
    if isinstance(v, dict):
        return {nfc(str(k)): _clean(x) for k, x in v.items()}
    return v


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8")


def _read_csv(path: Path, name: str, shown: str, problems: list[Problem]) -> RawTable | None:
    try:
        text = _decode(path.read_bytes())
    except UnicodeDecodeError:
        problems.append(Problem("not_utf8", shown))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in text.split("\n") if line.strip()), "")
    if not first:
        problems.append(Problem("empty_file", shown))
        return None
    delimiter = max((";", ",", "\t"), key=first.count)
    records: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return _table(name, shown, records, problems)


def _read_xlsx(path: Path, name: str, shown: str, problems: list[Problem]) -> RawTable | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a bad file
        problems.append(Problem("bad_xlsx", shown, params={"error": type(e).__name__}))
        return None
    try:
        sheet = book.worksheets[0]
        records = [[_xlsx_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        title = sheet.title
    finally:
        book.close()
    return _table(name, shown, records, problems, sheet=title)


def _xlsx_cell(v: Any) -> Cell:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, (int, float, dt.date)):
        return v
    return str(v)


def _table(
    name: str, shown: str, records: list[list[Cell]], problems: list[Problem], sheet: str | None = None
) -> RawTable | None:
    numbered = [(n, [nfc(c) if isinstance(c, str) else c for c in r]) for n, r in enumerate(records, 1)]
    numbered = [(n, r) for n, r in numbered if any(c != "" for c in r)]
    if not numbered:
        problems.append(Problem("empty_file", shown))
        return None
    _, header_cells = numbered[0]
    header = [str(c).strip() for c in header_cells]
    while header and header[-1] == "":
        header.pop()
    table = RawTable(name, shown, tuple(header), (), sheet)
    rows: list[RawRow] = []
    for number, cells in numbered[1:]:
        extra = [c for c in cells[len(header) :] if c != ""]
        if extra:
            problems.append(
                Problem(
                    "ragged_row",
                    shown,
                    row=number,
                    value=str(extra[0]),
                    params={"found": str(len(cells) - _trailing_empty(cells)), "columns": str(len(header))},
                    cell=table.cell(number, header[-1]),
                )
            )
            continue
        padded = list(cells[: len(header)]) + [""] * (len(header) - len(cells))
        rows.append(RawRow(number, dict(zip(header, padded, strict=True))))
    return RawTable(name, shown, tuple(header), tuple(rows), sheet)


def _trailing_empty(cells: list[Cell]) -> int:
    n = 0
    for c in reversed(cells):
        if c != "":
            break
        n += 1
    return n


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
