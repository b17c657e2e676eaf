"""Downloads: every table of the site as CSV and Excel, and the data set as a Data Package.

Tables are rebuilt here from the dataset with typed cells (numbers stay
numbers, at full precision; a missing value is an empty cell), not scraped
from the pages. Each page links to its tables by `table_path(page, name)`,
so a page and its downloads cannot disagree about where a file is; a link
to a table this module does not make fails the strict build.

Files are deterministic: CSV in UTF-8 with a byte-order mark (so Excel shows
Vietnamese), Excel workbooks with fixed document dates, zip members with a
fixed timestamp. A text cell a spreadsheet would read as a formula (starting
with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import operator
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from scripts.data import schema
from scripts.data.model import Dataset, Indicator, Period, Topic, Value
from scripts.data.textutil import slugify
from scripts.downloads import xlsx
from scripts.report import fmt, pages, tabular
from scripts.report.compute import Results
from scripts.report.memo import Memo

Cell = str | float | int | None

FOLDER = "tai-ve"
PACKAGE = f"{FOLDER}/du-lieu.zip"
ZIP_TIME = xlsx.ZIP_TIME
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The internal edition's data package carries this file beside its CSV files, which a leading line would break.
NOTICE_FILE = "LUU-HANH-NOI-BO.txt"


# Sheet names (Excel allows 31 characters) of the tables, by their name in the page.
SHEETS = {
    "thong-tin": "Thông tin",
    "danh-gia": "Đánh giá",
    "chi-tieu": "Chỉ tiêu",
    "tom-tat": "Tóm tắt",
    "dien-bien": "Diễn biến",
    "so-sanh": "So sánh",
    "so-lieu": "Số liệu",
    "don-vi": "Đơn vị",
    "ket-qua": "Kết quả",
    "theo-ky": "Theo kỳ",
    "tinh-trang": "Tình trạng",
    "de-tai": "Đề tài",
    "van-ban": "Văn bản",
    "bang": "Bảng",
}


@dataclass(frozen=True)
class DataTable:
    page: str  # the page that shows it, e.g. chi-tieu/ct01.md
    name: str  # its name within the page, e.g. so-lieu
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @classmethod
    def of(cls, model: tabular.Table) -> DataTable:
        """A table of the model (`scripts.report.tabular`), as the downloads hold it: every column, raw."""
        return cls(model.page, model.name, model.title, model.header, model.raw_rows())

    @property
    def csv_path(self) -> str:
        return pages.download_path(self.page, self.name) + ".csv"

    @property
    def sheet(self) -> str:
        return SHEETS[self.name]


def chart_png_path(svg_path: str) -> str:
    return svg_path.removesuffix(".svg") + ".png"


def inert(value: Cell) -> Cell:
    """A text cell that a spreadsheet cannot take for a formula; other cells as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plain(markdown: str) -> str:
    """Text made by `fmt.text` (numeric character references) back to plain text."""
    import html

    return html.unescape(markdown)


# --- file formats --------------------------------------------------------------


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(inert(value))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]], bom: bool = True) -> bytes:
    """`rows` as CSV, each cell written as `_csv_cell` gives it."""
    rows = list(rows)
    columns = [converted(column, _csv_cell) for column in zip(*rows, strict=True)] if rows else []
    lines = zip(*columns, strict=True) if columns else [() for _ in rows]
    return csv_rows([[_csv_cell(h) for h in header]], bom) + csv_rows(lines)


def csv_rows(rows: Iterable[Sequence[str]], bom: bool = False) -> bytes:
    """Rows of text as lines of a CSV file (UTF-8, CRLF): a file is the concatenation of its lines."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buf.getvalue().encode("utf-8")


class _Once(dict[tuple[type, Any], Any]):
    """`convert(cell)` by (type, cell), each worked out the first time it is asked for."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, key: tuple[type, Any]) -> Any:
        self[key] = made = self.convert(key[1])
        return made


def converted(column: Sequence[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """`[convert(c) for c in column]`, each distinct cell converted once.

    A column of a large table repeats a few codes, periods and statuses
    hundreds of thousands of times: each distinct cell (by type and value,
    so that 1, 1.0 and True stay apart) is converted once, in a loop that
    runs in C. A column with a cell that cannot be a key (a list) is
    converted cell by cell.
    """
    once = _Once(convert)
    try:
        return list(map(once.__getitem__, zip(map(type, column), column, strict=True)))
    except TypeError:  # an unhashable cell
        return [convert(c) for c in column]


def to_xlsx(tables: Sequence[DataTable], stamp: dt.datetime, notice: str = "") -> bytes:
    """One workbook, one sheet per table (bold header row, frozen), dated `stamp`; `notice`: see `xlsx.workbook`."""
    sheets = [
        xlsx.Sheet(t.sheet, tuple(str(inert(h)) for h in t.header), tuple(tuple(inert(c) for c in r) for r in t.rows))
        for t in tables
    ]
    return xlsx.workbook(sheets, tables[0].title, "scripts.downloads", stamp, notice)


def by_page(tables: Iterable[DataTable]) -> dict[str, list[DataTable]]:
    out: dict[str, list[DataTable]] = {}
    for t in tables:
        out.setdefault(t.page, []).append(t)
    return out


@dataclass(frozen=True)
class PageJob:
    """The download files of one page: a CSV per table and one workbook, kept in the cache as one entry."""

    page: str
    sheets: tuple[DataTable, ...]
    stamp: dt.datetime
    notice: str = ""  # the internal edition's: in every workbook (`xlsx.workbook`)

    @property
    def cells(self) -> int:
        return sum(len(t.header) * (len(t.rows) + 1) for t in self.sheets)


def page_files(job: PageJob) -> dict[str, bytes]:
    """The CSVs and the workbook of one page (what a pool worker makes)."""
    out = {t.csv_path: to_csv(t.header, t.rows) for t in job.sheets}
    out[pages.workbook_path(job.page)] = to_xlsx(job.sheets, job.stamp, job.notice)
    return out


def stamp_of(ds: Dataset) -> dt.datetime:
    """The date written into workbooks: the data's as-of date, so it changes only with the data."""
    return dt.datetime.combine(ds.program.as_of, dt.time())


# --- the tables of each page -----------------------------------------------------


def tables(ds: Dataset, r: Results) -> list[DataTable]:
    out = shared_tables(ds, r)
    for ind in ds.indicators:
        out += indicator_tables(ds, r, ind)
        out.append(pivot_table(ds, r, ind))
    for unit, _ in r.tree:
        out += unit_tables(ds, r, unit.code)
    return out


def shared_tables(ds: Dataset, r: Results, memo: Memo | None = None) -> list[DataTable]:
    """The tables of the pages other than an indicator's, its appendix's or a unit's (`memo`: see `units_table`)."""
    out = [program_table(ds)]
    out += indicators_tables(ds, r)
    out += [units_table(ds, r, memo)]
    out += topics_tables(ds)
    out += appendix_tables(ds)
    out += [topic_table(ds, t) for t in ds.topics]
    return out


def program_table(ds: Dataset) -> DataTable:
    return DataTable.of(tabular.program_facts(ds.program, "chuong-trinh.md"))


def indicators_tables(ds: Dataset, r: Results) -> list[DataTable]:
    page = "chi-tieu/index.md"
    return [
        DataTable.of(tabular.status_counts(r, ds.indicators, page, pages.indicator_path)),
        DataTable.of(tabular.indicators_table(r, ds.indicators, pages.indicator_path)),
    ]


def indicator_tables(ds: Dataset, r: Results, ind: Indicator) -> list[DataTable]:
    page = pages.indicator_path(ind)
    out = [DataTable.of(tabular.indicator_summary(r, ind, ds.root, page))]

    for model in (tabular.trend_table(r, ind, ds.root, page), tabular.compare_table(r, ind, page, pages.unit_path)):
        if model is not None:
            out.append(DataTable.of(model))

    out.append(DataTable.of(tabular.values_table(r, ind, page, [u for u, _ in r.tree], pages.unit_path)))
    return out


def units_table(ds: Dataset, r: Results, memo: Memo | None = None) -> DataTable:
    return DataTable.of(tabular.units_table(r, ds.indicators, ds.unit_by_code, pages.unit_path, memo))


def unit_tables(ds: Dataset, r: Results, code: str) -> list[DataTable]:
    """A unit's own figures (the whole's, shown beside them on the page, are in the whole's own tables)."""
    unit = ds.unit_by_code[code]
    page = pages.unit_path(unit)
    return [
        DataTable.of(tabular.unit_results_table(r, ds.indicators, unit, page, pages.indicator_path)),
        DataTable.of(tabular.periods_table(r, ds.indicators, unit, page, pages.indicator_path)),
    ]


def topics_tables(ds: Dataset) -> list[DataTable]:
    page = "de-tai/index.md"
    return [
        DataTable.of(tabular.topic_counts(ds.topics, page)),
        DataTable.of(tabular.topics_table(ds.topics, page, pages.topic_path, ds.program.illustrative)),
    ]


def topic_table(ds: Dataset, t: Topic) -> DataTable:
    return DataTable.of(tabular.topic_facts(t, pages.topic_path(t), ds.program.illustrative))


def appendix_tables(ds: Dataset) -> list[DataTable]:
    page = "phu-luc/index.md"
    illustrative = ds.program.illustrative
    return [
        DataTable.of(tabular.appendix_indicators(ds.indicators, pages.figures_count(ds), page, pages.appendix_path)),
        DataTable.of(tabular.topics_table(ds.topics, page, pages.topic_path, illustrative, True)),
        DataTable.of(tabular.documents_table(ds.documents, page)),
    ]


def pivot_table(ds: Dataset, r: Results, ind: Indicator) -> DataTable:
    """The appendix of an indicator: every unit with figures of it (its pages show a hundred each)."""
    units, periods = pages.appendix_units(r, ind), pages.appendix_periods(ds, ind)
    return DataTable.of(tabular.appendix_table(r, ind, units, periods, pages.appendix_path(ind), pages.unit_path))


# --- the data package ------------------------------------------------------------

TYPES = {
    "text": "string",
    "markdown": "string",
    "number": "number",
    "year": "year",
    "date": "date",
    "date_or_year": "string",
    "period": "string",
    "choice": "string",
    "bool": "boolean",
}
KEYS: dict[str, dict[str, Any]] = {
    "program": {"primaryKey": ["code"]},
    "units": {
        "primaryKey": ["code"],
        "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["code"]}}],
    },
    "indicators": {
        "primaryKey": ["id"],
        "foreignKeys": [{"fields": ["document"], "reference": {"resource": "documents", "fields": ["number"]}}],
    },
    "values": {
        "primaryKey": ["indicator", "unit", "period"],
        "foreignKeys": [
            {"fields": ["indicator"], "reference": {"resource": "indicators", "fields": ["id"]}},
            {"fields": ["unit"], "reference": {"resource": "units", "fields": ["code"]}},
        ],
    },
    "topics": {"primaryKey": ["id"]},
    "documents": {"primaryKey": ["number"]},
}
PROGRAM_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("code", "text", True, "Số hiệu chương trình"),
    schema.Column("title", "text", True, "Tên đầy đủ"),
    schema.Column("issuer", "text", True, "Cơ quan ban hành"),
    schema.Column("term", "text", False, "Khóa"),
    schema.Column("adopted", "date", False, "Ngày ban hành"),
    schema.Column("start", "year", True, "Năm bắt đầu"),
    schema.Column("end", "year", True, "Năm kết thúc"),
    schema.Column("as_of", "date", True, "Ngày chốt số liệu"),
    schema.Column("summary", "markdown", False, "Tóm tắt"),
    schema.Column("innovations", "markdown", False, "Đổi mới phương thức lãnh đạo"),
    schema.Column("illustrative", "bool", False, "Số liệu minh họa"),
)


def field(column: schema.Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": column.name, "title": column.description, "type": TYPES[column.kind]}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if column.kind == "period":
        constraints["pattern"] = r"\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?"
    if constraints:
        out["constraints"] = constraints
    return out


def _cell_of(value: object, name: str) -> Cell:
    if isinstance(value, Period):
        return value.code
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float) or value is None:
        return value
    if isinstance(value, tuple):  # a list of ids, written as in the contract
        return "; ".join(str(v) for v in value)
    raise TypeError(f"{name}: {type(value).__name__}")


def package_tables(ds: Dataset) -> list[tuple[str, str, tuple[schema.Column, ...], Sequence[object]]]:
    """(name, description, columns, the objects of its rows) of every table of the data set, in the contract's form."""
    rows_of: dict[str, Sequence[object]] = {
        "program": [ds.program],
        "units": ds.units,
        "indicators": ds.indicators,
        "values": ds.values,
        "topics": ds.topics,
        "documents": ds.documents,
        "findings": ds.findings,
        "milestones": ds.milestones,
    }
    tables_ = [("program", schema.PROGRAM.description, PROGRAM_COLUMNS)]
    tables_ += [(table.name, table.description, table.columns) for table in schema.TABLES]
    return [(name, text, columns, rows_of[name]) for name, text, columns in tables_]


def table_csv(objs: Sequence[object], columns: tuple[schema.Column, ...]) -> bytes:
    """The lines of a table of the data package (no header), a row per object.

    Column by column: `values` has hundreds of thousands of rows, and a
    column is read and converted in loops that run in C (`converted`).
    """
    cells = []
    for c in columns:
        try:  # every object has the attribute (a dataclass of the model): read in C
            column = list(map(operator.attrgetter(c.name), objs))
        except AttributeError:
            column = [getattr(o, c.name, None) for o in objs]
        cells.append(converted(column, functools.partial(_package_cell, name=c.name)))
    return csv_rows(zip(*cells, strict=True) if cells else [() for _ in objs])


def values_csv(indicator: Indicator, values: Sequence[Value]) -> bytes:
    """The lines of the data package's `values.csv` of one indicator (its values, in the dataset's order)."""
    return table_csv(values, schema.VALUES.columns)


def _by_indicator(ds: Dataset) -> list[tuple[Indicator, Sequence[Value]]] | None:
    """The dataset's values, indicator by indicator; None if they are not in that order (validation puts them so)."""
    parts: list[tuple[Indicator, Sequence[Value]]] = [(i, ds.values_by_indicator.get(i.id, ())) for i in ds.indicators]
    at = 0
    for _, values in parts:
        if ds.values[at : at + len(values)] != values:
            return None
        at += len(values)
    return parts if at == len(ds.values) else None


def _package_cell(value: object, name: str) -> str:
    return _csv_cell(_cell_of(value, name))


def notice_text(ds: Dataset, notice: str) -> bytes:
    """`NOTICE_FILE`: what the files beside it are, and that they stay inside the organisation (CRLF, for Notepad)."""
    p = ds.program
    lines = [
        notice.upper(),
        "",
        f"Các tệp trong gói này là số liệu của chương trình {p.code} ({p.issuer}) trong bản nội bộ của trang tra cứu,",
        "kể cả các chỉ tiêu, văn bản và nhận định chỉ dùng nội bộ. Không sao chép, chuyển tiếp hay đăng tải ra ngoài.",
    ]
    return "\r\n".join(lines).encode("utf-8") + b"\r\n"


def descriptor(
    ds: Dataset, tables_: Sequence[tuple[str, str, tuple[schema.Column, ...], Any]], notice: str = ""
) -> dict[str, Any]:
    p = ds.program
    resources = []
    for name, description, columns, _ in tables_:
        table_schema: dict[str, Any] = {"fields": [field(c) for c in columns], **KEYS.get(name, {})}
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "title": description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": slugify(p.code) or "du-lieu",
        "title": f"{p.code}: {p.title}",
        "description": (
            f"Số liệu của chương trình {p.code} ({p.issuer}), tính đến {fmt.date(p.as_of)}. "
            "Ô văn bản bắt đầu bằng =, +, -, @ được thêm dấu ' ở đầu để bảng tính không coi là công thức."
            + (" Có số liệu minh họa (cột status = illustrative)." if p.illustrative else "")
            + (f" {notice}: xem tệp {NOTICE_FILE}." if notice else "")
        ),
        "resources": resources,
    }


@dataclass(frozen=True)
class Part:
    """Lines of a file of the data package, and the same lines compressed on their own (`part`)."""

    data: bytes
    deflated: bytes  # raw deflate ended by a sync flush: parts joined are one stream, each compressed once


def part(data: bytes) -> Part:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Part(data, compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))


def values_part(indicator: Indicator, values: Sequence[Value]) -> Part:
    """The lines of `values.csv` of one indicator, compressed (`values_csv`)."""
    return part(values_csv(indicator, values))


def package(
    ds: Dataset, values_of: Callable[[Indicator, Sequence[Value]], Part] = values_part, notice: str = ""
) -> bytes:
    """The data set as one zip: datapackage.json, one CSV per table, and the topics' texts.

    `notice` (the internal edition's): the zip holds `NOTICE_FILE` first, and
    the package's description says so.

    `values.csv` holds the values indicator by indicator (the dataset's
    order): `values_of` gives the lines of one, compressed (`values_part`,
    or a copy kept from an earlier build of the same values). The file is
    stored as those parts joined: an edit compresses one indicator's lines
    again, not every value.
    """
    tables_ = package_tables(ds)
    described = json.dumps(descriptor(ds, tables_, notice), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    members: list[tuple[str, list[Part]]] = [(NOTICE_FILE, [part(notice_text(ds, notice))])] if notice else []
    members.append(("datapackage.json", [part(described)]))
    for name, _, columns, objs in tables_:
        header = part(csv_rows([[_csv_cell(c.name) for c in columns]]))
        by_indicator = _by_indicator(ds) if name == schema.VALUES.name else None
        if by_indicator is None:
            members.append((f"{name}.csv", [header, part(table_csv(objs, columns))]))
        else:
            members.append((f"{name}.csv", [header, *(values_of(i, vs) for i, vs in by_indicator)]))
    members += [(f"topics/{t.id}.md", [part(t.body.encode("utf-8"))]) for t in ds.topics]
    return zip_of(members)


_END = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15).flush()  # the last, empty block of a stream
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_ENDING = struct.Struct("<IHHHHIIH")


def zip_of(members: list[tuple[str, list[Part]]]) -> bytes:
    """A zip of `members` (name, the parts of its content), each deflated as its parts joined.

    What `zipfile` writes for the same files, save that a file is compressed
    part by part: `zipfile` can only compress a file whole. Dated as
    `xlsx.member` dates them, so the same data gives the same bytes.
    """
    out, central = io.BytesIO(), io.BytesIO()
    (year, month, day, hour, minute, second) = xlsx.ZIP_TIME
    date, time = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
    for name, parts in members:
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800  # a name in UTF-8
        crc, size = 0, 0
        for piece in parts:
            crc, size = zlib.crc32(piece.data, crc), size + len(piece.data)
        data = b"".join(piece.deflated for piece in parts) + _END
        if max(size, len(data), out.tell()) >= 0xFFFFFFFF:
            raise ValueError(f"{name}: too big for a zip without its 64-bit extension")
        offset = out.tell()
        out.write(
            _LOCAL.pack(0x04034B50, 20, flags, zipfile.ZIP_DEFLATED, time, date, crc, len(data), size, len(encoded), 0)
        )
        out.write(encoded)
        out.write(data)
        central.write(
            _CENTRAL.pack(
                0x02014B50, 3 << 8 | 20, 20, flags, zipfile.ZIP_DEFLATED, time, date, crc, len(data), size,
                len(encoded), 0, 0, 0, 0, 0o644 << 16, offset,
            )
        )  # fmt: skip
        central.write(encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(_ENDING.pack(0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()
