"""Turn the raw tables of a data folder into a `Dataset`, or a list of problems.

Cell-level checks (required, kind, choices) are driven by the declarations
in `scripts.data.schema`; the rules that span rows or files (unique keys,
references, the unit tree, percentages, target pairs) follow. Every problem
is collected; `load_dataset` raises one `DataError` with all of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import operator
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import schema
from scripts.data.errors import DataError, Problem
from scripts.data.load import Cell, Percent, RawTable, display_name, nfc, read_table, read_text, read_yaml
from scripts.data.model import (
    Dataset,
    Document,
    Finding,
    Indicator,
    Milestone,
    Period,
    Program,
    Receipt,
    Round,
    Topic,
    Unit,
    Value,
)
from scripts.data.textutil import parse_date, parse_datetime, parse_number, parse_year, slugify

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)  # one per row of every table: hundreds of thousands for the values
class Located:
    """A parsed row with where it came from, for messages about it.

    `ok` is False when a cell of the row was reported; such a row still
    declares its key (so references to it are not reported twice) but
    never becomes part of the dataset.
    """

    table: RawTable
    number: int
    data: Row
    raw: dict[str, Cell] = dataclasses.field(default_factory=dict)  # canonical column → cell as read
    ok: bool = True
    complete: bool = True  # False for a row with more cells than columns: its cells may be shifted

    def problem(self, code: str, column: str | None = None, value: object = None, **params: str) -> Problem:
        shown = None if value is None else _show(value)
        original = self.original(column) if column else None
        cell = self.table.cell(self.number, original) if original else None
        return Problem(code, self.table.file, self.number, column, shown, params, cell)

    def original(self, column: str) -> str:
        """The column's name as written in the header (case may differ)."""
        return next((h for h in self.table.header if h.strip().lower() == column), column)


@dataclass(frozen=True, repr=False)
class Checked:
    """A validated dataset, and the row of the values table each of its values came from."""

    dataset: Dataset
    value_rows: ByRow  # row number (as a spreadsheet shows it) → the value of that row


class ByRow(Mapping[int, Value]):
    """The values by the row of the values table each came from, in the order of the rows.

    A dict would hold a key object and an entry for each of a program's hundreds of thousands of rows;
    this is one list, a place for each row number from the first (rows are added in increasing order).
    """

    def __init__(self) -> None:
        self._first = 0
        self._at: list[Value | None] = []
        self._count = 0

    def add(self, row: int, value: Value) -> None:
        if not self._at:
            self._first = row
        elif row < self._first + len(self._at):
            raise ValueError(f"row {row} added after row {self._first + len(self._at) - 1}")
        self._at += [None] * (row - self._first - len(self._at))
        self._at.append(value)
        self._count += 1

    def __getitem__(self, row: int) -> Value:
        at = row - self._first
        value = self._at[at] if 0 <= at < len(self._at) else None
        if value is None:
            raise KeyError(row)
        return value

    def __iter__(self) -> Iterator[int]:
        return (self._first + n for n, v in enumerate(self._at) if v is not None)

    def __len__(self) -> int:
        return self._count

    def values(self) -> Iterator[Value]:  # type: ignore[override]  # the values themselves, in row order
        return (v for v in self._at if v is not None)


def load_dataset(folder: Path) -> Dataset:
    """Read and validate a data folder; raise `DataError` listing every problem."""
    return check(folder).dataset


def check(folder: Path, values: RawTable | None = None) -> Checked:
    """`load_dataset`, keeping each value's row; `values` stands for the values table the folder holds.

    `values` lets a rebuild validate only the rows it has not seen before,
    with every other file of the folder (`scripts.cache.revalidate`).
    """
    if not folder.is_dir():
        raise DataError([Problem("missing_folder", str(folder))])
    problems: list[Problem] = []
    program, fmt = _program(folder, problems)
    raw = {
        t.name: values if t.name == "values" and values is not None else read_table(folder, t.name, problems)
        for t in schema.TABLES
    }
    for t in schema.TABLES:
        if t.required and raw[t.name] is None and not _has_problem_for(problems, t.name):
            wanted = f"{t.name}.csv (hoặc {t.name}.xlsx)"
            problems.append(Problem("missing_file", display_name(folder, t.name + ".csv"), params={"wanted": wanted}))
    # The values are looked at once, row by row, each row's parse let go as soon as its value is made:
    # a program has hundreds of thousands. The other tables are small, and looked at many times.
    rows: dict[str, Iterable[Located] | None] = {
        t.name: _parsed(raw[t.name], t, fmt, problems) if t.name == "values" else _rows(raw[t.name], t, fmt, problems)
        for t in schema.TABLES
    }
    for t in schema.TABLES:  # an optional table left out has no rows: references to it are errors
        if not t.required and raw[t.name] is None and not _has_problem_for(problems, t.name):
            rows[t.name] = []

    tables = {name: None if r is None else list(r) for name, r in rows.items() if name != "values"}
    documents = _documents(tables["documents"], problems)
    units = _units(tables["units"], raw["units"], problems)
    indicators = _indicators(tables["indicators"], documents, _declared(tables["documents"], "number"), problems)
    # In an illustrative program a figure given no status is illustrative; one said `official` stays official.
    unsaid = "illustrative" if program is not None and program.illustrative else "official"
    numbered = _values(rows["values"], indicators, tables, problems, unsaid)
    del raw, rows  # the values as read go now: what is left of them is the dataset's
    topics = _topics(tables["topics"], folder, problems)
    known = _known_items(tables)
    findings = _findings(tables["findings"], known, problems)
    milestones = _milestones(tables["milestones"])
    receipts = _receipts(read_table(folder, schema.RECEIPTS.name, problems), fmt, tables, problems)
    if problems or program is None:
        raise DataError(problems)
    dataset = Dataset(
        program=program,
        units=units,
        indicators=indicators,
        values=sorted_values(numbered.values(), indicators),
        topics=topics,
        documents=documents,
        findings=findings,
        milestones=milestones,
        receipts=receipts,
        fingerprint=fingerprint(folder),
    )
    return Checked(dataset, numbered)


def fingerprint(folder: Path, leave_out: Callable[[str], bool] | None = None) -> str:
    """A hash of every input file (but those `leave_out` names, by path in the folder), to tell whether the data
    changed."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if leave_out is None or not leave_out(name):
            h.update(name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _has_problem_for(problems: list[Problem], name: str) -> bool:
    return any(p.file.rsplit("/", 1)[-1].split(".")[0] == name for p in problems)


def _show(value: object) -> str:
    if isinstance(value, Percent):
        return f"{_show(float(value))}%"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- program.yml -------------------------------------------------------------


def _program(folder: Path, problems: list[Problem]) -> tuple[Program | None, str]:
    """The program, or None when program.yml has a problem; and the number format of the CSVs."""
    path = folder / "program.yml"
    shown = display_name(folder, "program.yml")
    if not path.exists():
        problems.append(Problem("missing_file", shown, params={"wanted": "program.yml"}))
        return None, "en"
    mapping = read_yaml(path, shown, problems)
    if mapping is None:
        return None, "en"
    data = mapping.data

    def bad(code: str, key: str, value: object = None, **params: str) -> None:
        shown_value = None if value is None else _show(value)
        problems.append(Problem(code, shown, mapping.lines.get(key), key, shown_value, params))

    allowed = schema.PROGRAM.names
    count = len(problems)
    for key in data:
        if key not in allowed:
            bad("unknown_key", key, key, allowed=", ".join(allowed))
    for col in schema.PROGRAM.columns:
        if col.required and data.get(col.name) in (None, ""):
            problems.append(Problem("missing_key", shown, None, col.name, None, {"key": col.name}))
        elif col.kind in ("text", "markdown") and isinstance(data.get(col.name), (dict, list)):
            bad("bad_type", col.name, None, what=f"{col.name}: một dòng văn bản")

    def text(key: str) -> str:
        v = data.get(key)
        return "" if v is None or isinstance(v, (dict, list)) else nfc(str(v))

    def date(key: str) -> dt.date | None:
        v = data.get(key)
        if v in (None, ""):
            return None
        d = parse_date(v)
        if d is None:
            bad("bad_date", key, v)
        return d

    period = data.get("period")
    start = end = None
    if isinstance(period, dict):
        start, end = parse_year(period.get("start", "")), parse_year(period.get("end", ""))
        for key, year in (("start", start), ("end", end)):
            if year is None:
                bad("bad_year", "period", f"{key}: {_show(period.get(key) or '')}")
        extra = set(period) - {"start", "end"}
        if extra:
            bad("unknown_key", "period", sorted(extra)[0], allowed="start, end")
        if start and end and start > end:
            bad("period_order", "period", f"{start}–{end}")
    elif period is not None:
        bad("bad_type", "period", period, what="period: gồm hai dòng start: <năm> và end: <năm>")

    def flag(key: str, default: bool) -> bool:
        v = data.get(key, default)
        if isinstance(v, str) and v.strip().lower() in ("true", "false", "yes", "no"):
            v = v.strip().lower() in ("true", "yes")
        if v is None:
            return default
        if not isinstance(v, bool):
            bad("bad_bool", key, v)
            return default
        return v

    illustrative = flag("illustrative", False)
    rank_units_home = flag("rank_units_home", True)
    number_format = text("number_format") or "en"
    if number_format not in schema.NUMBER_FORMATS:
        bad("bad_choice", "number_format", number_format, allowed="en, vi")
        number_format = "en"
    adopted, as_of = date("adopted"), date("as_of")
    rounds = _rounds(data.get("rounds"), as_of, bad)
    if len(problems) > count or start is None or end is None or as_of is None:
        return None, number_format
    program = Program(
        code=text("code"),
        title=text("title"),
        issuer=text("issuer"),
        start=start,
        end=end,
        as_of=as_of,
        term=text("term"),
        adopted=adopted,
        summary=text("summary"),
        innovations=text("innovations"),
        illustrative=illustrative,
        number_format=number_format,
        contact=text("contact"),
        place=text("place"),
        next_term=text("next_term"),
        rank_units_home=rank_units_home,
        given_rounds=rounds,
    )
    return program, number_format


def _rounds(given: object, as_of: dt.date | None, bad: Callable[..., None]) -> tuple[Round, ...]:
    """`rounds` of program.yml: dates, or mappings of `date` and `name`; none after `as_of`."""
    if given in (None, ""):
        return ()
    if not isinstance(given, list):
        bad("bad_type", "rounds", None, what="rounds: danh sách, mỗi dòng - date: <ngày> và name: <tên kỳ>")
        return ()
    out: dict[dt.date, Round] = {}
    for item in given:
        raw, name = (item.get("date"), item.get("name")) if isinstance(item, dict) else (item, None)
        if isinstance(item, dict) and set(item) - {"date", "name"}:
            bad("unknown_key", "rounds", sorted(set(item) - {"date", "name"})[0], allowed="date, name")
            continue
        day = raw if isinstance(raw, dt.date) else parse_date(str(raw or ""))
        if day is None:
            bad("bad_date", "rounds", raw if raw is not None else "")
            continue
        if as_of is not None and day > as_of:
            bad("round_after_as_of", "rounds", day.strftime("%d/%m/%Y"), as_of=as_of.strftime("%d/%m/%Y"))
            continue
        out[day] = Round(day, nfc(str(name)) if name not in (None, "") else "")
    return tuple(out[d] for d in sorted(out))


# --- generic cell checks -----------------------------------------------------


def _rows(table: RawTable | None, decl: schema.Table, fmt: str, problems: list[Problem]) -> list[Located] | None:
    """Check the header and each cell against the declaration; parse cells.

    None when the table cannot be used at all (absent, unreadable, or
    without a required column): references to it are then not checked.
    """
    parsed = _parsed(table, decl, fmt, problems)
    return None if parsed is None else list(parsed)


def _parsed(table: RawTable | None, decl: schema.Table, fmt: str, problems: list[Problem]) -> Iterator[Located] | None:
    """`_rows`, a row at a time: the header is checked now, each row's cells as it is asked for."""
    if table is None:
        return None
    canonical: dict[str, str] = {}
    seen: set[str] = set()
    for name in table.header:
        if not name:
            continue  # reported by the reader when the column holds data
        key = name.strip().lower()
        if key in seen:
            problems.append(Problem("duplicate_column", table.file, 1, name, name, {}, table.cell(1, name)))
        elif key not in decl.names:
            allowed = {"allowed": ", ".join(decl.names)}
            problems.append(Problem("unknown_column", table.file, 1, name, name, allowed, table.cell(1, name)))
        seen.add(key)
        canonical[name] = key
    missing = [c.name for c in decl.columns if c.required and c.name not in seen]
    for name in missing:
        problems.append(Problem("missing_column", table.file, 1, name, None, {"column_name": name}))
    if missing:
        return None
    declared = {original: (key, decl.column(key)) for original, key in canonical.items() if key in decl.names}
    return _located(table, declared, fmt, problems)


_SHARED_KINDS = frozenset({"date", "year", "date_or_year", "period"})  # a cell of these gives one object each time


def _located(
    table: RawTable, declared: dict[str, tuple[str, schema.Column]], fmt: str, problems: list[Problem]
) -> Iterator[Located]:
    # The common file names its columns as the contract does: a row's cells, as read, are then already by
    # canonical column (a large table is read with little memory to spare).
    as_read = all(original == key for original, (key, _) in declared.items()) and len(declared) == len(table.header)
    # A date or a period that reads well is read once: the values of a program share a few hundred of them.
    shared: dict[tuple[str, Cell], Any] = {}
    for raw in table.rows:
        data: Row = {}
        cells: dict[str, Cell] = raw.cells if as_read else {}
        ok = raw.complete
        for original, cell in raw.items():
            if original not in declared:
                continue
            key, col = declared[original]
            if not as_read:
                cells[key] = cell
            if not raw.complete:  # reported as a whole; only its key is used, to avoid echoes
                data[key] = _show(cell) if cell != "" and col.kind == "text" else None
                continue
            if col.kind == "text" and cell != "" and isinstance(cell, str):
                data[key] = cell  # what `_cell` gives a text, without the call: most cells of a big table
                continue
            if cell == "" and not col.required:
                data[key] = None  # what `_cell` gives an empty cell of a column that may be empty
                continue
            if col.kind in _SHARED_KINDS and (key, cell) in shared:
                data[key] = shared[key, cell]
                continue
            parsed = _cell(cell, col, fmt, table, raw.number, original, problems)
            ok = ok and parsed is not _BAD
            data[key] = None if parsed is _BAD else parsed
            if col.kind in _SHARED_KINDS and parsed is not _BAD and len(shared) < _SHARED:
                shared[key, cell] = parsed
        yield Located(table, raw.number, data, cells, ok, raw.complete)


_SHARED = 1 << 16
_BAD = object()
_NO_DATA_WORDS = {"n/a", "na", "-", "–", "—", "không có", "chưa có", "kcs", "x"}


def _cell(
    cell: object, col: schema.Column, fmt: str, table: RawTable, number: int, original: str, problems: list[Problem]
) -> Any:
    def problem(code: str, **params: str) -> object:
        problems.append(Problem(code, table.file, number, original, _show(cell), params, table.cell(number, original)))
        return _BAD

    if cell == "" or cell is None:
        if col.required:
            problems.append(
                Problem(
                    "required_value",
                    table.file,
                    number,
                    original,
                    None,
                    {"what": col.description},
                    table.cell(number, original),
                )
            )
            return _BAD
        return None
    if col.kind == "text" and isinstance(cell, str):
        return cell
    if col.kind == "number":
        n = parse_number(cell, fmt)
        if n is None:
            return problem("not_number", example="1.234,5" if fmt == "vi" else "1234.5", fix=_number_fix(cell, fmt))
        return n
    if col.kind == "year":
        y = parse_year(cell)
        return problem("bad_year") if y is None else y
    if col.kind == "date":
        d = parse_date(cell)
        return problem("bad_date") if d is None else d
    if col.kind == "datetime":
        moment = parse_datetime(cell)
        return problem("bad_datetime") if moment is None else moment
    if col.kind == "date_or_year":
        if parse_year(cell) is not None:
            return str(parse_year(cell))
        d = parse_date(cell)
        return problem("bad_date_or_year") if d is None else d.isoformat()
    if col.kind == "period":
        p = Period.parse(_show(cell).strip())
        if p is None and parse_date(cell) is not None:
            return problem("period_is_date")
        return problem("bad_period") if p is None else p
    text = _show(cell) if not isinstance(cell, str) else cell
    if col.kind == "choice" and text not in col.choices:
        return problem("bad_choice", allowed=", ".join(col.choices))
    return text


def _number_fix(cell: object, fmt: str) -> str:
    """How to fix a cell that is not a number, by what it looks like."""
    text = str(cell).strip().lower()
    if text in _NO_DATA_WORDS:
        return "để trống ô nếu chưa có số liệu"
    if text.startswith("#"):
        return "ô chứa lỗi công thức của Excel: sửa công thức hoặc nhập số"
    if any(c.isdigit() for c in text) and any(c.isalpha() for c in text):  # "khoảng 50", "50 người"
        return "chỉ ghi con số (ví dụ 50), không kèm chữ; lời giải thích ghi ở cột ghi chú"
    if fmt == "en":
        return (
            "viết số không có dấu phân cách hàng nghìn, dùng dấu chấm thập phân; "
            "nếu số viết kiểu Việt Nam (1.234,5) thì đặt number_format: vi trong program.yml"
        )
    return "viết số kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy thập phân"


def _has_percent_sign(cell: object) -> bool:
    return isinstance(cell, Percent) or (isinstance(cell, str) and cell.rstrip().endswith("%"))


# --- tables ------------------------------------------------------------------


def _declared(rows: list[Located] | None, column: str) -> set[Any] | None:
    """Every key a table declares, valid row or not; None when the table is unusable."""
    if rows is None:
        return None
    return {r.data[column] for r in rows if r.data.get(column) is not None}


def _reference(
    r: Located, column: str, valid: Iterable[Any], declared: set[Any] | None, target: str, what: str
) -> Problem | None:
    """A problem when `column` names a row that does not exist at all.

    A row that exists but has its own problem is not reported again, and
    nothing is reported against a table that could not be read.
    """
    value = r.data[column]
    if value in valid or declared is None or value in declared:
        return None
    return r.problem("unknown_ref", column, value, target=target, what=what)


def _unique(rows: Iterable[Located], key: tuple[str, ...], what: str, problems: list[Problem]) -> list[Located]:
    """Rows whose key is complete and seen for the first time; later duplicates are reported."""
    first: dict[tuple[Any, ...], int] = {}
    out = []
    for r in rows:
        data = r.data
        k = tuple([data.get(c) for c in key])
        if None in k:
            continue
        if k in first:
            shown = " / ".join(_show(x.code if isinstance(x, Period) else x) for x in k)
            problems.append(r.problem("duplicate_key", key[-1], shown, first=str(first[k]), what=what))
            continue
        first[k] = r.number
        out.append(r)
    return out


def _slugs(rows: list[Located], key: str, problems: list[Problem]) -> dict[str, str]:
    taken: dict[str, str] = {}
    out: dict[str, str] = {}
    for r in rows:
        ident = r.data[key]
        slug = slugify(ident)
        if not slug:
            problems.append(r.problem("bad_id", key, ident))
        elif slug in taken:
            problems.append(r.problem("slug_collision", key, ident, other=taken[slug]))
        else:
            taken[slug] = ident
        out[ident] = slug
    return out


def _units(rows: list[Located] | None, table: RawTable | None, problems: list[Problem]) -> tuple[Unit, ...]:
    if rows is None or table is None:
        return ()
    rows = _unique(rows, ("code",), "mã đơn vị", problems)
    slugs = _slugs(rows, "code", problems)
    codes = {r.data["code"] for r in rows}
    rows = [r for r in rows if r.complete]  # a shifted row's parent is not its parent
    parent: dict[str, str | None] = {}
    for r in rows:
        p = r.data.get("parent")
        if p is not None and p not in codes:
            problems.append(r.problem("unknown_ref", "parent", p, target="units.csv", what="mã đơn vị"))
        parent[r.data["code"]] = p
    roots = [r for r in rows if r.data.get("parent") is None]
    if not roots:
        problems.append(Problem("no_root", table.file, None, "parent"))
    for r in roots[1:]:
        problems.append(r.problem("two_roots", "parent", None, codes=", ".join(x.data["code"] for x in roots)))
    reported: set[str] = set()
    for r in rows:
        path = [r.data["code"]]
        node = parent.get(path[0])
        while node is not None and node in parent:
            if node in path:
                cycle = path[path.index(node) :]
                if not reported & set(cycle):
                    reported.update(cycle)
                    problems.append(
                        r.problem("unit_cycle", "parent", r.data.get("parent"), path=" → ".join([*cycle, node]))
                    )
                break
            path.append(node)
            node = parent[node]
    units = [
        Unit(r.data["code"], r.data["name"], r.data["kind"], r.data.get("parent"), slugs[r.data["code"]], r.number)
        for r in rows
        if r.ok
    ]
    return tuple(sorted(units, key=lambda u: (u.parent is not None, u.code)))


def _documents(rows: list[Located] | None, problems: list[Problem]) -> tuple[Document, ...]:
    rows = _unique(rows or [], ("number",), "số hiệu văn bản", problems)
    slugs = _slugs(rows, "number", problems)
    docs = [Document(slug=slugs[r.data["number"]], **_fields(r.data, Document)) for r in rows if r.ok]
    return tuple(sorted(docs, key=lambda d: (d.date, d.number)))


def _indicators(
    rows: list[Located] | None, documents: tuple[Document, ...], declared: set[Any] | None, problems: list[Problem]
) -> tuple[Indicator, ...]:
    rows = _unique(rows or [], ("id",), "mã chỉ tiêu", problems)
    slugs = _slugs(rows, "id", problems)
    numbers = {d.number for d in documents}
    out = []
    for r in (r for r in rows if r.ok):
        found = _indicator_problems(r, numbers, declared)
        problems += found
        if not found:
            out.append(Indicator(slug=slugs[r.data["id"]], **_fields(r.data, Indicator)))
    return tuple(out)


def _indicator_problems(r: Located, documents: set[str], declared: set[Any] | None) -> list[Problem]:
    d = r.data
    found = []
    if d.get("target") is not None and d.get("target_type") is None:
        found.append(r.problem("target_without_type", "target_type", None))
    if d.get("target") is None and d.get("target_type") is not None:
        found.append(r.problem("type_without_target", "target", None))
    op = d.get("target_op")
    direction = d.get("direction")
    if op is not None and direction in ("up", "down") and (op in (">", ">=")) != (direction == "up"):
        wanted = "> hoặc >=" if d["direction"] == "up" else "< hoặc <="
        found.append(r.problem("target_op_direction", "target_op", op, direction=d["direction"], wanted=wanted))
    if (d.get("baseline") is None) != (d.get("baseline_year") is None):
        col = "baseline" if d.get("baseline") is None else "baseline_year"
        found.append(r.problem("baseline_pair", col, None))
    if d.get("document") is not None:
        ref = _reference(r, "document", documents, declared, "documents.csv", "số hiệu văn bản")
        found += [ref] if ref else []
    percent = d["measure"].strip() == "%"
    for col in ("target", "baseline"):
        if d.get(col) is None:
            continue
        if percent and not 0 <= d[col] <= 100:
            found.append(r.problem("percent_range", col, d[col]))
        elif not percent and _has_percent_sign(r.raw.get(col)):
            found.append(r.problem("percent_sign", col, r.raw[col], indicator=d["id"], measure=d["measure"]))
    return found


def _values(
    rows: Iterable[Located] | None,
    indicators: tuple[Indicator, ...],
    tables: dict[str, list[Located] | None],
    problems: list[Problem],
    unsaid: str = "official",
) -> ByRow:
    """The value of each valid row, by row number; `unsaid`: the status of a row whose `status` is empty.

    One pass over the rows, none of them kept: `_unique`'s check of the keys, then the references.
    """
    by_id = {i.id: i for i in indicators}
    units = {r.data["code"] for r in tables["units"] or [] if r.ok and r.data.get("code") is not None}
    ind_declared, unit_declared = _declared(tables["indicators"], "id"), _declared(tables["units"], "code")
    first: dict[tuple[Any, ...], int] = {}
    out = ByRow()
    for r in rows or ():
        d = r.data
        k = (d.get("indicator"), d.get("unit"), d.get("period"))
        if None in k:
            continue
        if k in first:
            shown = " / ".join(_show(x.code if isinstance(x, Period) else x) for x in k)
            problems.append(
                r.problem("duplicate_key", "period", shown, first=str(first[k]), what="bộ chỉ tiêu / đơn vị / kỳ")
            )
            continue
        first[k] = r.number
        if not r.ok:
            continue
        ind = by_id.get(d["indicator"])
        if ind is not None and d["unit"] in units:  # the common row: both references hold
            v = d.get("value")
            if v is None or (0 <= v <= 100 if ind.is_percent else not _has_percent_sign(r.raw.get("value"))):
                out.add(r.number, _value(d, unsaid))
                continue
        found = [
            _reference(r, "indicator", by_id, ind_declared, "indicators.csv", "mã chỉ tiêu"),
            _reference(r, "unit", units, unit_declared, "units.csv", "mã đơn vị"),
        ]
        ind = by_id.get(d["indicator"])
        found += _value_range(r, ind)
        problems += [p for p in found if p is not None]
        if ind is not None and d["unit"] in units and not any(found):
            out.add(r.number, Value(**{"status": unsaid, **_fields(d, Value)}))
    return out


def _value_range(r: Located, ind: Indicator | None) -> list[Problem | None]:
    """A value's problems against its indicator: a percentage outside 0–100, a % sign on a count."""
    d = r.data
    if ind is None or d.get("value") is None:
        return []
    if ind.is_percent and not 0 <= d["value"] <= 100:
        return [r.problem("percent_range", "value", d["value"])]
    if not ind.is_percent and _has_percent_sign(r.raw.get("value")):
        return [r.problem("percent_sign", "value", r.raw["value"], indicator=ind.id, measure=ind.measure)]
    return []


def values_given(table: RawTable, ds: Dataset, problems: list[Problem]) -> dict[int, Value]:
    """Values given outside the data folder (a unit's returned form), checked by the rules of values.csv.

    `table` names the columns of `schema.VALUES` it holds; each row is checked
    cell by cell, then against the dataset's indicators and units, with the
    messages of values.csv. The value of each row without a problem, by row number.
    """
    rows = _rows(table, schema.VALUES, ds.program.number_format, problems) or []
    out: dict[int, Value] = {}
    for r in (r for r in rows if r.ok):
        d = r.data
        ind = ds.indicator_by_id.get(d["indicator"])
        found = [
            _reference(r, "indicator", ds.indicator_by_id, set(), "indicators.csv", "mã chỉ tiêu"),
            _reference(r, "unit", ds.unit_by_code, set(), "units.csv", "mã đơn vị"),
        ]
        found += _value_range(r, ind)
        problems += [p for p in found if p is not None]
        if not any(found):
            out[r.number] = _value(d)
    return out


def sorted_values(values: Iterable[Value], indicators: tuple[Indicator, ...]) -> tuple[Value, ...]:
    """Values in the dataset's order: by indicator as listed, unit code, then period."""
    order = {ind.id: n for n, ind in enumerate(indicators)}
    values = list(values)
    # The keys are made and compared in C: a program has hundreds of thousands of values.
    positions = map(order.__getitem__, map(operator.attrgetter("indicator"), values))
    units, periods = map(operator.attrgetter("unit"), values), map(operator.attrgetter("period.sort_key"), values)
    keys = zip(positions, units, periods, itertools.count())
    return tuple(map(values.__getitem__, map(operator.itemgetter(3), sorted(keys))))


def _value(d: Row, unsaid: str = "official") -> Value:
    """`Value(**_fields(d, Value))`, spelt out: a program has hundreds of thousands of values.

    The codes of indicators and units are interned: each is stored once, not once per value.
    """
    v, status, source, note = d.get("value"), d.get("status"), d.get("source"), d.get("note")
    return Value(
        sys.intern(d["indicator"]),
        sys.intern(d["unit"]),
        d["period"],
        None if v is None else float(v),
        unsaid if status is None else status,
        "" if source is None else source,
        "" if note is None else note,
        d.get("reported"),
    )


def _topics(rows: list[Located] | None, folder: Path, problems: list[Problem]) -> tuple[Topic, ...]:
    rows = _unique(rows or [], ("id",), "mã đề tài", problems)
    slugs = _slugs(rows, "id", problems)
    out = []
    for r in rows:
        path = folder / "topics" / f"{r.data['id']}.md"
        if not path.is_file():
            problems.append(r.problem("missing_topic_file", "id", r.data["id"], id=r.data["id"]))
            continue
        body = read_text(path, display_name(folder, f"topics/{path.name}"), problems)
        if body is not None and r.ok:
            out.append(Topic(slug=slugs[r.data["id"]], body=body.strip(), **_fields(r.data, Topic)))
    return tuple(out)


def _known_items(tables: dict[str, list[Located] | None]) -> set[str] | None:
    """Every id a finding may name in `related`: indicators, documents, topics; None if one could not be read."""
    parts = [
        _declared(tables["indicators"], "id"),
        _declared(tables["documents"], "number"),
        _declared(tables["topics"], "id"),
    ]
    return None if any(p is None for p in parts) else set().union(*(p for p in parts if p is not None))


def split_related(text: str | None) -> tuple[str, ...]:
    """The ids in a `related` cell: separated by `;`, blanks dropped, order kept, each once."""
    out: list[str] = []
    for part in (text or "").split(";"):
        item = part.strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def _findings(rows: list[Located] | None, known: set[str] | None, problems: list[Problem]) -> tuple[Finding, ...]:
    whole = []
    for r in rows or []:
        order = r.data.get("order")
        bad = False
        if isinstance(order, float) and (order != int(order) or order < 1):
            problems.append(r.problem("not_number", "order", order, example="1", fix="ghi số thứ tự 1, 2, 3…"))
            bad = True
        if r.data.get("aspect") is not None and r.data.get("kind") not in (None, "cause"):
            problems.append(r.problem("aspect_not_cause", "aspect", r.data["aspect"], kind=str(r.data.get("kind"))))
            bad = True
        for item in split_related(r.data.get("related")):
            if known is not None and item not in known:
                problems.append(r.problem("unknown_related", "related", item))
                bad = True
        if not bad:
            whole.append(r)
    out = [
        Finding(
            **_fields(dict(r.data, order=int(r.data["order"]), related=split_related(r.data.get("related"))), Finding)
        )
        for r in _unique(whole, ("kind", "order"), "thứ tự trong cùng loại", problems)
        if r.ok
    ]
    kinds = list(schema.FINDING_KINDS)
    return tuple(sorted(out, key=lambda f: (kinds.index(f.kind), f.order)))


def _milestones(rows: list[Located] | None) -> tuple[Milestone, ...]:
    found = (Milestone(**_fields(r.data, Milestone)) for r in rows or [] if r.ok)
    return tuple(sorted(found, key=lambda m: (m.date, m.title)))


def _receipts(
    table: RawTable | None, fmt: str, tables: dict[str, list[Located] | None], problems: list[Problem]
) -> tuple[Receipt, ...]:
    """receipts.csv, optional: each line names a known unit; counts are whole numbers."""
    rows = _rows(table, schema.RECEIPTS, fmt, problems) or []
    units = _declared(tables["units"], "code")
    out = []
    for r in (r for r in rows if r.ok):
        found = [_reference(r, "unit", (), units, "units.csv", "mã đơn vị")]
        for col in ("added", "revised"):
            n = r.data.get(col)
            if n is not None and (n != int(n) or n < 0):
                found.append(r.problem("not_number", col, n, example="3", fix="ghi số lượng: 0, 1, 2…"))
        problems += [p for p in found if p is not None]
        if not any(found):
            counts = {c: int(r.data[c]) for c in ("added", "revised") if r.data.get(c) is not None}
            out.append(Receipt(**{**_fields(r.data, Receipt), **counts}))
    return tuple(sorted(out, key=lambda x: (x.period.sort_key, x.unit, x.received, x.file)))


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _fields(data: Row, cls: type) -> dict[str, Any]:
    """The row's non-empty values for the fields the dataclass declares."""
    names = _field_names(cls)
    return {k: (float(v) if isinstance(v, float) else v) for k, v in data.items() if k in names and v is not None}
