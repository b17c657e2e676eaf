"""Excel templates for data entry: one workbook per table of the data contract.

Staff keep the data in Excel. Each template is a workbook that can be saved
into the data folder in place of the table's CSV (`values.xlsx` for
`values.csv`): the data sheet first, the contract's column names in row 1
(bold, frozen, with a filter), each column's description from the schema as
the comment of its header cell, and the folder's current rows as they were
read, so that a template saved back unchanged gives the same dataset.

Excel is made to help rather than guess: every coded column (a `choice` of
the schema, or a reference to another table's keys) has a drop-down list kept
on a hidden sheet (Excel caps a list typed into the rule at 255 characters);
number, year and date columns accept only a number, a year or a date, and say
why in Vietnamese; text columns, periods and codes among them, are formatted
as text, so Excel never turns `2019-09` into a date or drops the zero of `01`.
Cells are written by type, as the reader gives them back: numbers as numbers
(a percentage typed `85,2%` as a percentage cell), dates as dates, text as
text, never a formula. Same data, same bytes.

XlsxWriter makes the workbook. Its rows of data are written straight into
the sheet's XML (`_Sheet`): XlsxWriter keeps an object per cell, which took
40 s for the 720,000 values of a province's every commune.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from scripts.data import editions, schema
from scripts.data.errors import DataError, Problem
from scripts.data.load import (
    Cell,
    Percent,
    RawTable,
    column_letter,
    csv_lines,
    display_name,
    first_line,
    parse_csv,
    read_table,
    read_text,
    read_yaml,
)
from scripts.data.textutil import YEARS, parse_date, parse_number, parse_year
from scripts.downloads import xlsx

FOLDER = "tai-ve/mau"  # where the internal site offers the templates
LIST_SHEET = "DanhMuc"  # the hidden sheet of the drop-down lists
AUTHOR = "Mẫu nhập liệu"
CREATED = dt.datetime(2000, 1, 1)  # the workbooks' date: their bytes never depend on the clock
LAST_ROW = 1_048_575  # Excel's last row (0-based): the rules cover every row staff may add
MAX_WIDTH = 60  # characters
WIDTH_SAMPLE = 200  # rows looked at to size a column
MAX_TEXT = 32_767  # characters Excel keeps in a cell
ANY_NUMBER = ("-9.99E+307", "9.99E+307")  # every number Excel holds
FIRST_DATE = dt.date(1900, 3, 1)  # earlier dates are written as text: Excel counts the days before it differently
EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's dates, as counted from 1 March 1900
_TEXT_KINDS = ("text", "markdown", "choice", "period", "date_or_year")
# Characters XML 1.0 cannot carry, even escaped: left out of the text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Reference:
    """A column that holds a key of another table."""

    table: str
    column: str
    what: str  # the key, in Vietnamese


# The columns that name a row of another table, by (table, column).
REFERENCES = {
    ("units", "parent"): Reference("units", "code", "mã đơn vị"),
    ("indicators", "document"): Reference("documents", "number", "số hiệu văn bản"),
    ("values", "indicator"): Reference("indicators", "id", "mã chỉ tiêu"),
    ("values", "unit"): Reference("units", "code", "mã đơn vị"),
}
TABLES = {t.name: t for t in schema.TABLES}


# A values table larger than this (bytes of its file) is offered on the site without its rows: a quarterly
# update of a province's communes is hundreds of thousands of rows, which would be written again on every edit.
SITE_ROWS_LIMIT = 2_000_000


def filled_on_site(folder: Path, table: str) -> bool:
    """Whether the site's template of `table` carries the table's rows (every table but a large values table)."""
    if table != "values":
        return True
    return (
        sum(p.stat().st_size for p in (folder / "values.csv", folder / "values.xlsx") if p.is_file()) <= SITE_ROWS_LIMIT
    )


def path(table: str) -> str:
    """Where the site offers the template of `table`, under the docs root."""
    return f"{FOLDER}/{table}.xlsx"


def inputs(table: str) -> tuple[str, ...]:
    """The tables whose files the template of `table` is made from: its own and those its lists name."""
    named = (ref.table for (name, _), ref in REFERENCES.items() if name == table)
    return tuple(dict.fromkeys((table, *named)))


class Source:
    """The tables of a data folder, read as they are when first asked for, and how its CSVs write numbers.

    A template is made from data with mistakes too (it is one way to fix
    them), but not from a file that cannot be read: saving its template back
    would replace the file's rows with none. Such a file raises `DataError`.
    """

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise DataError([Problem("missing_folder", str(folder))])
        self.folder = folder
        self.number_format = "en"
        program = folder / "program.yml"
        if program.is_file():
            problems: list[Problem] = []
            mapping = read_yaml(program, display_name(folder, program.name), problems)
            chosen = mapping.data.get("number_format") if mapping is not None else None
            if problems:
                raise DataError(problems)
            self.number_format = chosen if chosen in schema.NUMBER_FORMATS else "en"
        self._tables: dict[str, RawTable | None] = {}

    def table(self, name: str) -> RawTable | None:
        """The table as read; None when the folder has none."""
        if name not in self._tables:
            problems: list[Problem] = []
            self._tables[name] = read_table(self.folder, name, problems)
            if problems:
                raise DataError(problems)
        return self._tables[name]

    def header(self, name: str) -> tuple[str, ...]:
        """The table's column names as its file has them.

        Of a CSV not read yet only the first line is parsed: the template of a
        large values table without its rows must not hold its rows in memory.
        """
        csv_path = self.folder / f"{name}.csv"
        if name in self._tables or not csv_path.is_file() or (self.folder / f"{name}.xlsx").exists():
            raw = self.table(name)
            return raw.header if raw is not None else ()
        problems: list[Problem] = []
        shown = display_name(self.folder, csv_path.name)
        text = read_text(csv_path, shown, problems)
        head = None if text is None else parse_csv(first_line(csv_lines(text)) + "\n", name, shown, problems)
        if problems:
            raise DataError(problems)
        return head.header if head is not None else ()

    def check(self) -> Source:
        """Read every table now, so that a file that cannot be read stops everything before a template is written."""
        problems: list[Problem] = []
        for name in TABLES:
            try:
                self.table(name)
            except DataError as e:
                problems += e.problems
        if problems:
            raise DataError(problems)
        return self

    def layout(self, table: schema.Table) -> tuple[list[str], list[str | None]]:
        """The template's columns (the contract's, then any other the file has) and each one's name in the file.

        Names are matched as the checker matches them (case and spaces
        aside). A column the contract lacks, or one given twice, is kept as
        found, so that the checker still reports it.
        """
        found: dict[str, str] = {}
        extra: list[str] = []
        for name in self.header(table.name):
            key = name.strip().lower()
            if key in table.names and key not in found:
                found[key] = name
            elif name:
                extra.append(name)
        return [*table.names, *extra], [found.get(n) for n in table.names] + list(extra)

    def rows(self, table: schema.Table) -> list[list[Cell]]:
        """The table's rows, their cells in the order of `layout`."""
        raw = self.table(table.name)
        if raw is None:
            return []
        _, found = self.layout(table)
        names = [n or "" for n in found]  # no row has a cell under "": a column the file lacks reads as empty
        blanks = [""] * len(names)
        return [list(map(r.cells.get, names, blanks)) for r in raw.rows]

    def keys(self, ref: Reference) -> list[str]:
        """The keys the referenced table holds, in its order, each once."""
        table = TABLES[ref.table]
        at = table.names.index(ref.column)
        return list(dict.fromkeys(shown(row[at]) for row in self.rows(table) if row[at] != ""))


def files(folder: Path) -> dict[str, bytes]:
    """Every template of the data in `folder`, by its path under the docs root."""
    source = Source(folder).check()
    return {path(t.name): workbook(t, source) for t in schema.TABLES}


def write(folder: Path, out: Path) -> list[Path]:
    """Write the templates of the data in `folder` into `out` as `<table>.xlsx`; the files written."""
    made = files(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in schema.TABLES:
        target = out / f"{table.name}.xlsx"
        target.write_bytes(made[path(table.name)])
        written.append(target)
    return written


# --- one workbook ---------------------------------------------------------------------


def workbook(table: schema.Table, source: Source, with_rows: bool = True) -> bytes:
    """The template of `table`: its data sheet, then the hidden sheet of its drop-down lists.

    `with_rows` False: the sheet has the header, the rules and the lists but no rows (the site's
    template of a values table too large to remake on every edit; the command always fills it).
    """
    header, _ = source.layout(table)
    rows = source.rows(table) if with_rows else []
    columns = [*table.columns, *([None] * (len(header) - len(table.columns)))]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": False})
    book.set_properties(
        {
            "title": f"Mẫu nhập liệu: {table.name}",
            "subject": table.description,
            "author": AUTHOR,
            "created": CREATED,
            "category": editions.NOTICE,  # it holds every row, internal ones too
            "status": editions.NOTICE,
        }
    )
    styles = _Styles(book)
    sheet: _Sheet = book.add_worksheet(table.name, worksheet_class=_Sheet)
    lists = book.add_worksheet(LIST_SHEET)
    lists.hide()

    for n, name in enumerate(header):
        _check(sheet.write_string(0, n, name, styles.header))
    writers = [_writer(c, source.number_format, styles) for c in columns]
    sheet.data = _Rows(rows, [column_letter(n) for n in range(len(header))], writers)
    if rows:
        sheet.extend(len(rows), len(header) - 1)
    for n, width in enumerate(_widths(header, rows)):
        kind = columns[n].kind if columns[n] is not None else "text"  # type: ignore[union-attr]
        sheet.set_column(n, n, width, styles.text if kind in _TEXT_KINDS else styles.date if kind == "date" else None)
    sheet.freeze_panes(1, 0)
    # Row 1 is the header the data folder reads back: the notice is in the header of every printed page.
    sheet.set_header(xlsx.HEADER_BOLD + editions.NOTICE)
    sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)

    listed = 0
    for n, column in enumerate(table.columns):
        _comment(sheet, n, table.name, column)
        ref = REFERENCES.get((table.name, column.name))
        if column.kind == "choice" or ref is not None:
            items = list(column.choices) if ref is None else source.keys(ref)
            _check(lists.write_string(0, listed, column.name, styles.header))
            for i, item in enumerate(items, 1):
                _check(lists.write_string(i, listed, item, styles.text))
            lists.set_column(listed, listed, _widths([column.name], [[i] for i in items])[0])
            _validate(sheet, n, _list_rule(column, ref, listed, len(items)))
            listed += 1
        elif column.kind in _RULES:
            _validate(sheet, n, _RULES[column.kind])
    book.close()
    return out.getvalue()


class _Styles:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.header = book.add_format({"bold": True, "num_format": "@"})
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self._percent: dict[int, Format] = {}

    def percent(self, decimals: int) -> Format:
        """The format that shows a percentage with its decimals as typed: 85.2 → `0.0%`."""
        if decimals not in self._percent:
            pattern = "0%" if decimals == 0 else "0." + "0" * decimals + "%"
            self._percent[decimals] = self.book.add_format({"num_format": pattern})
        return self._percent[decimals]


def _widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Characters of each column: its header and filter button, or its longest cell among the first rows."""
    widths = [len(h) + 4 for h in header]
    for row in rows[:WIDTH_SAMPLE]:
        for n, cell in enumerate(row):
            if cell != "":
                widths[n] = max(widths[n], len(shown(cell)) + 2)
    return [min(MAX_WIDTH, max(10, w)) for w in widths]


# --- cells: written as the reader gives them back ---------------------------------------

# A cell as the XML of a sheet holds it, after its reference: `<c r="A2"` + written + `</c>`.
Writer = Callable[[Cell], str]


def shown(cell: Cell) -> str:
    """A cell as text, as the checker reads a number or a date found in a text column."""
    if isinstance(cell, Percent):
        return f"{shown(float(cell))}%"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


class _Rows:
    """The rows of data of a sheet, turned into XML when XlsxWriter writes the sheet (its styles are numbered then)."""

    def __init__(self, rows: list[list[Cell]], letters: list[str], writers: list[Callable[[], Writer]]) -> None:
        self.rows = rows
        self.letters = letters
        self.writers = writers

    def write(self, out: IO[str]) -> None:
        columns = list(zip(self.letters, [w() for w in self.writers], strict=True))
        for number, row in enumerate(self.rows, 2):
            cells = "".join(
                [
                    f'<c r="{letter}{number}"{writer(cell)}</c>'
                    for (letter, writer), cell in zip(columns, row, strict=True)
                    if cell != ""
                ]
            )
            out.write(f'<row r="{number}">{cells}</row>')


class _Sheet(Worksheet):
    """XlsxWriter's worksheet, with the rows of data (`data`) written straight into its XML.

    XlsxWriter writes the header row, and everything but the rows: styles,
    rules, comments, the filter. The rows follow, as the site's download
    workbooks write theirs (`scripts.downloads.xlsx`): text as inline
    strings, numbers as the shortest text that reads back as the same float
    (XlsxWriter writes 16 digits, which loses the last bit of some floats).
    """

    data: _Rows | None = None
    dim_rowmax: int | None  # XlsxWriter's, declared for the type checker

    def extend(self, last_row: int, last_col: int) -> None:
        """Count the rows of `data` in the sheet's dimensions."""
        self._check_dimensions(last_row, last_col)

    def _write_sheet_data(self) -> None:
        if self.data is None or not self.data.rows:
            super()._write_sheet_data()
            return
        last = self.dim_rowmax
        self.dim_rowmax = 0  # XlsxWriter's own rows: the header
        self._xml_start_tag("sheetData")
        self._write_rows()
        self.data.write(self.fh)
        self._xml_end_tag("sheetData")
        self.dim_rowmax = last


def _check(code: int | None) -> None:
    if code not in (0, None):
        raise ValueError(f"XlsxWriter không ghi được ô (mã {code})")


def _escaped(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("", text)


def _writer(column: schema.Column | None, number_format: str, styles: _Styles) -> Callable[[], Writer]:
    """How a cell of `column` is written, so that the checker reads back what it read before.

    Made once the styles are numbered. A cell that is not what its column
    wants (text in a number column) is written as the text found, so that
    the checker reports it as before.
    """

    def make() -> Writer:
        as_text = f' s="{styles.text._get_xf_index()}" t="inlineStr"><is><t xml:space="preserve">'
        seen: dict[str, str] = {}  # codes and periods repeat down a column

        def text(cell: Cell) -> str:
            value = cell if isinstance(cell, str) else shown(cell)
            written = seen.get(value)
            if written is None:
                if len(value) > MAX_TEXT:
                    raise ValueError(
                        f"một ô dài {len(value)} ký tự, quá {MAX_TEXT} ký tự Excel chứa được: hãy rút gọn ô"
                    )
                written = seen[value] = f"{as_text}{_escaped(value)}</t></is>"
            return written

        kind = column.kind if column is not None else "text"
        if kind == "number":
            return _number(number_format, styles, text)
        if kind == "year":

            def year(cell: Cell) -> str:
                y = parse_year(cell)
                return text(cell) if y is None else f"><v>{y}</v>"

            return year
        if kind == "date":
            as_date = f' s="{styles.date._get_xf_index()}"><v>'

            def date(cell: Cell) -> str:
                d = parse_date(cell)
                return text(cell) if d is None or d < FIRST_DATE else f"{as_date}{(d - EPOCH).days}</v>"

            return date
        return text  # text, Markdown, choices, periods, dates or years: as typed

    return make


def _number(number_format: str, styles: _Styles, text: Writer) -> Writer:
    percent_styles: dict[int, str] = {}  # numbered when first used: XlsxWriter writes its styles after the sheets

    def write(cell: Cell) -> str:
        value = parse_number(cell, number_format)
        if value is None or not math.isfinite(value):
            return text(cell)
        if isinstance(cell, Percent) or (isinstance(cell, str) and cell.endswith("%")):
            # A percentage cell: the reader gives back the number with its sign, as the checker wants it.
            fraction = value / 100
            if round(fraction * 100, 10) != value:
                return text(cell)
            decimals = _decimals(value)
            if decimals not in percent_styles:
                percent_styles[decimals] = f' s="{styles.percent(decimals)._get_xf_index()}"'
            return f"{percent_styles[decimals]}><v>{fraction!r}</v>"
        return f"><v>{int(value) if value.is_integer() and abs(value) < 2**53 else repr(value)}</v>"

    return write


def _decimals(value: float) -> int:
    """The decimals a percentage shows as typed: 85.2 → 1, 85 → 0."""
    digits = repr(abs(value))
    return 0 if "e" in digits or digits.endswith(".0") else min(len(digits.split(".")[1]), 10)


# --- rules: drop-down lists, numbers, years, dates -----------------------------------------


def _validate(sheet: Worksheet, column: int, rule: dict[str, Any]) -> None:
    if sheet.data_validation(1, column, LAST_ROW, column, rule) != 0:
        raise ValueError(f"XlsxWriter không nhận quy tắc của cột {column + 1}: {rule}")


_RULES: dict[str, dict[str, Any]] = {
    "number": {
        "validate": "decimal",
        "criteria": "between",
        "minimum": ANY_NUMBER[0],
        "maximum": ANY_NUMBER[1],
        "error_title": "Cần nhập một số",
        "error_message": (
            "Ô này chỉ nhận số, ví dụ 1234,5 hoặc 85,2%. "
            "Nếu chưa có số liệu, hãy để trống ô (không ghi chữ, dấu gạch ngang hay n/a)."
        ),
    },
    "year": {
        "validate": "integer",
        "criteria": "between",
        "minimum": YEARS.start,
        "maximum": YEARS.stop - 1,
        "error_title": "Cần nhập một năm",
        "error_message": f"Ô này chỉ nhận năm viết đủ bốn chữ số, từ {YEARS.start} đến {YEARS.stop - 1}, ví dụ 2020.",
    },
    "date": {
        "validate": "date",
        "criteria": "between",
        "minimum": dt.date(1900, 1, 1),
        "maximum": dt.date(9999, 12, 31),
        "error_title": "Cần nhập một ngày",
        "error_message": "Ô này chỉ nhận ngày, ví dụ 14/10/2019 hoặc 2019-10-14.",
    },
}


def _list_rule(column: schema.Column, ref: Reference | None, at: int, count: int) -> dict[str, Any]:
    """A drop-down list read from column `at` of the hidden sheet (one blank cell when there is no item)."""
    letter = column_letter(at)
    source = f"={LIST_SHEET}!${letter}$2:${letter}${max(count, 1) + 1}"
    if ref is None:
        return {
            "validate": "list",
            "source": source,
            "error_title": "Không có trong danh sách",
            "error_message": _cut(
                f"Cột {column.name} chỉ nhận một trong các giá trị: {', '.join(column.choices)}. "
                "Hãy chọn trong danh sách thả xuống."
            ),
        }
    return {  # a warning only: the key may have been added to its table after the template was made
        "validate": "list",
        "source": source,
        "error_type": "warning",
        "error_title": f"Chưa có {ref.what} này",
        "error_message": _cut(
            f"Giá trị này không có trong danh sách {ref.what} của bảng {ref.table} lúc tạo mẫu. "
            "Hãy chọn trong danh sách thả xuống. "
            f"Nếu đây là {ref.what} mới đã thêm vào bảng {ref.table}, chọn Yes (Có) để giữ."
        ),
    }


def comment(table: str, column: schema.Column) -> str:
    """What the header cell of `column` says: its description, whether it is required, and what it takes."""
    description = column.description if column.description.endswith((".", "…")) else column.description + "."
    lines = [description]
    if column.required:
        lines.append("Bắt buộc: không được để trống.")
    ref = REFERENCES.get((table, column.name))
    if ref is not None:
        lines.append(f"Chọn {ref.what} trong danh sách thả xuống (các {ref.what} có trong bảng {ref.table}).")
    elif column.kind == "choice":
        lines.append(f"Chọn trong danh sách thả xuống: {', '.join(column.choices)}.")
    else:
        lines.append(f"Kiểu: {schema.KIND_LABELS[column.kind]}.")
    return "\n".join(lines)


def _comment(sheet: Worksheet, at: int, table: str, column: schema.Column) -> None:
    text = comment(table, column)
    height = 16 + 15 * sum(1 + len(line) // 50 for line in text.split("\n"))
    _check(sheet.write_comment(0, at, text, {"author": AUTHOR, "x_scale": 2.5, "height": height}))


def _cut(message: str) -> str:
    """Excel shows at most 255 characters of an error message."""
    return message if len(message) <= 255 else message[:254] + "…"


def offered(paths: Iterable[str]) -> dict[str, str]:
    """The templates among the files of a build, by table, in the contract's order."""
    given = set(paths)
    return {t.name: path(t.name) for t in schema.TABLES if path(t.name) in given}
