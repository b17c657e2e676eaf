"""Read the data folder into raw tables of text cells, as staff saved them.

Reading knows about file formats only: CSV with `,` or `;`, with or without
a byte-order mark, UTF-8 or UTF-16 with its mark, CRLF line ends; Excel
workbooks (first sheet); YAML. It normalises text to NFC, trims spaces and
skips empty rows, and reports what it cannot read as problems. A file that
is not UTF-8 is never guessed at: the problem says how to save it as
"CSV UTF-8". Meaning is the validator's job.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.data.errors import Problem

Cell = str | int | float | dt.date

# Other spreadsheet formats that staff may save instead of .xlsx or .csv.
OTHER_FORMATS = (".xls", ".ods", ".xlsm", ".numbers")


class Percent(float):
    """A number from an Excel cell formatted as a percentage, already × 100.

    Excel stores `85,2%` as 0.852; the contract reads it as 85.2. The type
    lets the validator tell a percentage from a plain number.
    """


class RawRow:
    """A row as read: its number (as a spreadsheet shows it; header = 1), its cells by column heading, and
    whether it had no cells beyond the header (`complete`; a row that had is reported).

    One per row, and a large table has hundreds of thousands: the headings are the table's, shared, and
    the cells a tuple beside them; `cells` makes the mapping when it is asked for.
    """

    __slots__ = ("_cells", "_keys", "complete", "number")

    def __init__(self, number: int, cells: dict[str, Cell], complete: bool = True) -> None:
        self.number, self._keys, self._cells, self.complete = number, tuple(cells), tuple(cells.values()), complete

    @classmethod
    def of(cls, number: int, keys: tuple[str, ...], cells: tuple[Cell, ...]) -> RawRow:
        """A complete row of one cell under each of `keys` (the table's headings, shared by its rows)."""
        row = cls.__new__(cls)
        row.number, row._keys, row._cells, row.complete = number, keys, cells, True
        return row

    @property
    def cells(self) -> dict[str, Cell]:
        return dict(zip(self._keys, self._cells, strict=True))

    def items(self) -> zip[tuple[str, Cell]]:
        """`cells.items()`, without the mapping."""
        return zip(self._keys, self._cells, strict=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawRow):
            return NotImplemented
        return (self.number, self.cells, self.complete) == (other.number, other.cells, other.complete)

    def __hash__(self) -> int:
        return hash((self.number, self._keys, self._cells, self.complete))

    def __repr__(self) -> str:
        return f"RawRow({self.number!r}, {self.cells!r}, {self.complete!r})"


@dataclass(frozen=True)
class RawTable:
    name: str
    file: str  # shown in messages, e.g. data/values.csv
    header: tuple[str, ...]  # as in the file; "" for a column without a header
    rows: tuple[RawRow, ...]
    sheet: str | None = None  # set for Excel workbooks

    def cell(self, row: int, column: str) -> str | None:
        """The Excel cell reference (Sheet!D14) of a value, for workbooks."""
        if column not in self.header:
            return None
        return self.cell_at(row, self.header.index(column))

    def cell_at(self, row: int, index: int) -> str | None:
        return self.cell_of(self.sheet, row, index)

    @staticmethod
    def cell_of(sheet: str | None, row: int, index: int) -> str | None:
        """The Excel cell reference of a 0-based column index of a row, for workbooks."""
        if sheet is None:
            return None
        return f"{sheet}!{column_letter(index)}{row}"


@dataclass(frozen=True)
class RawMapping:
    """A YAML mapping with the line of each top-level key, for messages."""

    data: dict[str, Any]
    lines: dict[str, int]


def nfc(text: str) -> str:
    """Composed Unicode, without the spaces, zero-width spaces and marks around it."""
    if text.isascii():  # already composed, and without those marks
        return text.strip()
    return unicodedata.normalize("NFC", text).strip().strip("\u200b\ufeff").strip()


def display_name(folder: Path, name: str) -> str:
    return f"{folder.name or folder.resolve().name}/{name}"


def read_table(folder: Path, name: str, problems: list[Problem]) -> RawTable | None:
    """Read `<name>.csv` or `<name>.xlsx`; None when absent or unreadable (reported)."""
    csv_path, xlsx_path = folder / f"{name}.csv", folder / f"{name}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        problems.append(Problem("both_formats", display_name(folder, name + ".csv"), params={"name": name}))
        return None
    if xlsx_path.exists():
        return _read_xlsx(xlsx_path, name, display_name(folder, xlsx_path.name), problems)
    if csv_path.exists():
        return _read_csv(csv_path, name, display_name(folder, csv_path.name), problems)
    for suffix in OTHER_FORMATS:
        if (folder / f"{name}{suffix}").exists():
            shown = display_name(folder, name + suffix)
            problems.append(Problem("unsupported_format", shown, params={"name": name, "suffix": suffix}))
    return None


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """A text file as NFC text; None (reported) when it is not UTF-8."""
    text = decode(path.read_bytes())
    if text is None:
        problems.append(Problem("not_utf8", shown))
        return None
    return unicodedata.normalize("NFC", text)


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; None for anything else."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[3:].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text  # NUL: UTF-16 without its mark, or not text at all


# --- YAML --------------------------------------------------------------------


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML where every scalar is text except true/false and empty.

    Staff write `code: 01-CTr/TU`, `as_of: 2019-02-31`, `start: 2016`: text
    in, checked by the validator, so a bad date is a message, not a crash,
    and `01` keeps its zero.
    """


_YamlLoader.yaml_implicit_resolvers = {}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_YamlLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_YAML_REASONS = {
    "mapping values are not allowed here": "dấu hai chấm đặt sai chỗ",
    "could not find expected ':'": "thiếu dấu hai chấm sau khóa",
    "found character '\\t' that cannot start any token": "có ký tự tab",
    "found unexpected end of stream": "dấu nháy chưa được đóng",
    "did not find expected key": "thụt lề không thẳng hàng",
    "found duplicate anchor": "trùng neo YAML",
}


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> RawMapping | None:
    text = read_text(path, shown, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem("empty_yaml", shown))
        return None
    try:
        loader = _YamlLoader(text)
    except yaml.reader.ReaderError as e:  # a control character, e.g. from a damaged file
        line = text[: e.position].count("\n") + 1
        problems.append(Problem("yaml_syntax", shown, row=line, params={"error": "có ký tự điều khiển không in được"}))
        return None
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem("yaml_not_mapping", shown))
            return None
        lines = _key_lines(node, shown, problems)
        data = loader.construct_document(node)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = str(getattr(e, "problem", None) or str(e).splitlines()[0])
        problems.append(Problem("yaml_syntax", shown, row=row, params={"error": _YAML_REASONS.get(reason, reason)}))
        return None
    except (ValueError, TypeError) as e:  # an explicit tag such as `!!int abc`
        problems.append(Problem("yaml_syntax", shown, params={"error": str(e)}))
        return None
    finally:
        loader.dispose()
    return RawMapping({nfc(str(k)): _clean(v) for k, v in data.items()}, lines)


def _key_lines(node: yaml.MappingNode, shown: str, problems: list[Problem]) -> dict[str, int]:
    """The line of each top-level key; a key given twice is a problem at any depth."""
    lines: dict[str, int] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key, line = nfc(str(key_node.value)), key_node.start_mark.line + 1
        if key in seen:
            problems.append(Problem("duplicate_yaml_key", shown, line, key, None, {"first": str(seen[key])}))
        seen.setdefault(key, line)
        lines.setdefault(key, line)
        if isinstance(value_node, yaml.MappingNode):
            _key_lines(value_node, shown, problems)
    return lines


def _clean(v: Any) -> Any:
    if isinstance(v, str):
        return nfc(v)
    if isinstance(v, dict):
        return {nfc(str(k)): _clean(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_clean(x) for x in v]
    return v


# --- CSV and Excel -----------------------------------------------------------


def _read_csv(path: Path, name: str, shown: str, problems: list[Problem]) -> RawTable | None:
    text = read_text(path, shown, problems)
    return None if text is None else parse_csv(csv_lines(text), name, shown, problems)


def csv_lines(text: str) -> str:
    """A CSV file's text with `\n` line ends only."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_line(text: str) -> str:
    """The first line of a CSV text with more than delimiters and spaces; "" when there is none."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip(" \t;,"):
            return text[start:end]
        start = end + 1
    return ""


def delimiter_of(first: str) -> str:
    """The delimiter of a CSV whose first non-empty line is `first`: the most frequent of `;`, `,` and tab."""
    return max((";", ",", "\t"), key=first.count)


def parse_csv(text: str, name: str, shown: str, problems: list[Problem]) -> RawTable | None:
    """The table of a CSV text (NFC, `\n` line ends); None when it cannot be read (reported).

    The records are made into rows as the reader gives them, never all held at once as lists.
    """
    first = first_line(text)
    if not first:
        problems.append(Problem("empty_file", shown))
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(first), strict=True)
    read = 0

    def records() -> Iterator[list[Cell]]:
        nonlocal read
        for record in reader:
            read += 1
            yield record  # type: ignore[misc]  # a list of str is a list of cells

    found: list[Problem] = []  # the table's problems, reported only when the whole text could be read
    try:
        table = _table(name, shown, records(), found)
    except csv.Error as e:  # strict: a quote out of place, or one never closed
        code = "unclosed_quote" if "end of data" in str(e) else "bad_quote"
        problems.append(Problem(code, shown, row=read + 1))
        return None
    problems += found
    return table


def _read_xlsx(path: Path, name: str, shown: str, problems: list[Problem]) -> RawTable | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a bad file
        problems.append(Problem("bad_xlsx", shown, params={"error": type(e).__name__}))
        return None
    try:
        sheet = book.worksheets[0]
        records = [[xlsx_cell(c) for c in row] for row in sheet.iter_rows()]
        title = sheet.title
    except Exception as e:  # a damaged sheet inside a readable workbook
        problems.append(Problem("bad_xlsx", shown, params={"error": type(e).__name__}))
        return None
    finally:
        book.close()
    return _table(name, shown, records, problems, sheet=title)


def xlsx_cell(c: Any) -> Cell:
    """A cell of a workbook as the contract reads it: a date, a number (a percentage ×100), or text."""
    v = c.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, (int, float)) and "%" in (c.number_format or ""):
        return Percent(round(v * 100, 10))
    if isinstance(v, (int, float, dt.date)):
        return v
    return str(v)


MEMO = 1 << 14  # distinct cells of a column remembered while a table is read; beyond it the memory starts again


def _table(
    name: str, shown: str, records: Iterable[list[Cell]], problems: list[Problem], sheet: str | None = None
) -> RawTable | None:
    """The rows of `records` (the header first), each made as it comes.

    A cell the same as one read shortly before is that one (a table's codes, periods, statuses, sources
    and dates repeat row after row): a large table holds each once, not once per row.
    """
    memos: list[dict[str, str]] = []  # a column's cells read shortly before, each column apart
    header: list[str] | None = None
    keys: tuple[str, ...] = ()
    header_row, width, named = 0, 0, True
    blank: dict[int, int] = {}  # column without a heading → the first row with a cell in it
    unheaded: list[int] = []
    rows: list[RawRow] = []
    ragged: list[Problem] = []
    for number, record in enumerate(records, 1):
        # nfc(c), with its common case inline: a big table has millions of cells
        cells = [(c.strip() if c.isascii() else nfc(c)) if isinstance(c, str) else c for c in record]
        if len(memos) < len(cells):
            memos += [{} for _ in range(len(cells) - len(memos))]
        # text only (1 == 1.0 == True); a row may be shorter than others
        cells = [m.setdefault(c, c) if type(c) is str else c for m, c in zip(memos, cells, strict=False)]
        if not (any(cells) or any(c != "" for c in cells)):  # the first, quick, finds most rows (a 0 is not empty)
            continue
        if header is None:
            header_row, header = number, [str(c) for c in cells]
            while header and header[-1] == "":
                header.pop()
            keys, width, named = tuple(header), len(header), all(header)
            unheaded = [i for i, h in enumerate(header) if h == ""]
            continue
        for m in memos:
            if len(m) > MEMO:
                m.clear()
        if named and len(cells) == width:  # the common row: one cell under each heading
            rows.append(RawRow.of(number, keys, tuple(cells)))
            continue
        for index in unheaded:
            if index not in blank and index < len(cells) and cells[index] != "":
                blank[index] = number
        extra = [i for i in range(width, len(cells)) if cells[i] != ""]
        if extra:
            ragged.append(
                Problem(
                    "ragged_row",
                    shown,
                    row=number,
                    params={"found": str(extra[-1] + 1), "columns": str(width), "extra": str(cells[extra[0]])},
                    cell=RawTable.cell_of(sheet, number, extra[0]),
                )
            )
        padded = list(cells[:width]) + [""] * (width - len(cells))
        row_cells = {h: c for h, c in zip(header, padded, strict=True) if h}
        rows.append(RawRow(number, row_cells, complete=not extra))
    if header is None:
        problems.append(Problem("empty_file", shown))
        return None
    for index, filled in sorted(blank.items()):  # an empty column without a header is a leftover; one with data is not
        problems.append(
            Problem(
                "blank_header",
                shown,
                header_row,
                None,
                None,
                {"position": f"{index + 1} ({column_letter(index)})", "row": str(filled)},
                RawTable.cell_of(sheet, header_row, index),
            )
        )
    problems += ragged
    return RawTable(name, shown, keys, tuple(rows), sheet)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 27 → AB."""
    from openpyxl.utils import get_column_letter  # loaded already for a workbook; for a CSV only to name a problem

    return get_column_letter(index + 1)
