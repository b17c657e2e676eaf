"""Returns merged into the data folder: which figures are new, which revise one, which disagree.

A figure for an (indicator, unit, period) without one is added; a different
figure (or status, or a note) for one that has one is a revision, applied
and listed. Two returns giving one cell two different figures are both
refused, each naming the other. `reported` is set to the day of the
collection, unless the row had one.

`values.csv` is edited where it stands: a changed row is written again in
place, new rows go at its end, a column it lacks (`reported`, `status`,
`note`) is added at the end of each line, and every other line keeps its
bytes (its delimiter, quoting, line ends, byte-order mark, number format).
`values.xlsx` is edited cell by cell likewise. receipts.csv gains a line per
return taken.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.data import schema
from scripts.data.errors import Problem
from scripts.data.load import csv_lines, decode, delimiter_of, first_line, nfc
from scripts.data.model import Dataset, Period, Receipt, Value
from scripts.returns.returned import Refused, Return, where

Key = tuple[str, str, Period]


@dataclass(frozen=True)
class Change:
    """A figure a return adds or revises."""

    new: Value
    old: Value | None  # None: added
    file: str
    cell: str

    @property
    def added(self) -> bool:
        return self.old is None


@dataclass
class Plan:
    """What a collection would do: the changes, the returns refused for disagreeing, the counts of each return."""

    changes: list[Change] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    taken: list[Return] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # file → (added, revised)


def plan(ds: Dataset, returns: Sequence[Return], day: dt.date) -> Plan:
    """The changes `returns` make to the dataset's values, figures given twice differently refused."""
    given: dict[Key, list[tuple[Return, Value]]] = {}
    for ret in returns:
        for v in ret.values:
            given.setdefault((v.indicator, v.unit, v.period), []).append((ret, v))
    clashes: dict[str, list[Problem]] = {}
    for key, pairs in given.items():
        if len({(v.value, v.status) for _, v in pairs}) < 2:
            continue
        for ret, v in pairs:
            for other, w in pairs:
                if other is not ret and (w.value, w.status) != (v.value, v.status):
                    clashes.setdefault(ret.name, []).append(_clash(ret, v, other, w, key))
                    break
    out = Plan()
    out.refused = [Refused(r.name, tuple(clashes[r.name]), r.form, r.sha256) for r in returns if r.name in clashes]
    current = {(v.indicator, v.unit, v.period): v for v in ds.values}
    done: set[Key] = set()
    for ret in returns:
        if ret.name in clashes:
            continue
        out.taken.append(ret)
        added = revised = 0
        for v in ret.values:
            key = (v.indicator, v.unit, v.period)
            if key in done:
                continue
            done.add(key)
            old = current.get(key)
            new = _merged(v, old, day)
            if old is not None and old.value is not None:
                if (new.value, new.status, new.note) == (old.value, old.status, old.note):
                    continue
                revised += 1
                out.changes.append(Change(new, old, ret.name, ret.cells.get(v.indicator, "")))
            else:
                added += 1
                out.changes.append(Change(new, None, ret.name, ret.cells.get(v.indicator, "")))
        out.counts[ret.name] = (added, revised)
    return out


def _merged(given: Value, old: Value | None, day: dt.date) -> Value:
    """The row a figure given by a return makes: the old row's source and `reported` kept, its note if none given."""
    if old is None:
        return replace(given, reported=day)
    return replace(
        old,
        value=given.value,
        status=given.status,
        note=given.note or old.note,
        reported=old.reported or day,
    )


def _clash(ret: Return, v: Value, other: Return, w: Value, key: Key) -> Problem:
    shown = _number(w.value, "en") + ("" if w.status == v.status else f" ({w.status})")
    params = {
        "what": "số liệu này" + ("" if w.status == v.status else f" ({v.status})"),
        "other": f"{shown} của tệp {other.name} (ô {other.cells.get(key[0], '')})",
        "indicator": key[0],
        "unit": key[1],
        "period": key[2].code,
    }
    return Problem("form_conflict", where(ret.name), None, None, _number(v.value, "en"), params, ret.cells.get(key[0]))


# --- values.csv --------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A CSV file as read: its text (`\n` line ends), and how to write it back as it was."""

    text: str
    bom: bool
    crlf: bool

    @classmethod
    def read(cls, data: bytes) -> Text | None:
        text = decode(data)
        if text is None:
            return None
        bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        return cls(csv_lines(text), bom, "\r\n" in text)

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


def merged_csv(data: bytes, rows: Iterable[Value], number_format: str, order: Sequence[str]) -> bytes:
    """values.csv with `rows` (final values) written in place of theirs, or at its end; other lines as they were.

    `order`: the indicators' ids in the dataset's order, which new rows follow.
    """
    read = Text.read(data)
    if read is None:
        raise ValueError("values.csv không ở mã UTF-8")
    text = read.text
    first = first_line(text)
    delimiter = delimiter_of(first)
    lines = text.split("\n")
    head = next(n for n, line in enumerate(lines) if line == first)
    header = next(csv.reader([first], delimiter=delimiter))
    names = [nfc(h).lower() for h in header]
    updates = {(v.indicator, v.unit, v.period): v for v in rows}
    wanted = ["value", "status", "note", "reported"]
    # The status is always written: an empty one means illustrative in an illustrative program.
    needs = {"value", "reported", "status"}
    needs |= {"note" for v in updates.values() if v.note}
    added = [c for c in wanted if c in needs and c not in names]
    names += added
    multiline = any(line.count('"') % 2 for line in lines)
    records = list(csv.reader(io.StringIO(text), delimiter=delimiter)) if multiline else None
    out_lines: list[str] = []
    column = {name: n for n, name in enumerate(names)}

    def line_of(cells: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(cells)
        return buffer.getvalue()

    def updated(cells: list[str]) -> list[str] | None:
        """The cells of a row with its update applied; None when it has none."""
        if len(cells) < 3 or not all(k in column for k in ("indicator", "unit", "period")):
            return None
        period = Period.parse(nfc(cells[column["period"]]) if column["period"] < len(cells) else "")
        key = tuple(nfc(cells[column[k]]) if column[k] < len(cells) else "" for k in ("indicator", "unit"))
        v = updates.pop((key[0], key[1], period), None) if period is not None else None
        if v is None:
            return None
        cells = cells + [""] * (len(names) - len(cells))
        for name in ("value", "status", "note", "reported"):
            if name in column:
                cells[column[name]] = _cell(v, name, number_format)
        return cells

    if records is not None:  # a quoted cell spans lines: the file is written again record by record
        for n, cells in enumerate(records):
            if n == 0:
                out_lines.append(line_of(header + added))
                continue
            if not any(c.strip() for c in cells):
                out_lines.append(line_of(cells))
                continue
            out_lines.append(line_of(updated(cells) or cells + [""] * len(added)))
    else:
        for n, line in enumerate(lines):
            if n < head or (n > head and not line.strip(" \t;,")):
                out_lines.append(line)  # blank lines stay blank: rows keep their numbers
                continue
            if n == head:
                out_lines.append(line + "".join(delimiter + name for name in added))
                continue
            cells = next(csv.reader([line], delimiter=delimiter))
            new = updated(cells)
            out_lines.append(line_of(new) if new is not None else line + delimiter * len(added))
    while out_lines and out_lines[-1] == "":
        out_lines.pop()
    position = {ind: n for n, ind in enumerate(order)}
    for v in sorted(updates.values(), key=lambda v: (position.get(v.indicator, len(order)), v.unit, v.period.sort_key)):
        out_lines.append(line_of([_cell(v, name, number_format) for name in names]))
    return read.encode("\n".join(out_lines) + "\n")


def _cell(v: Value, name: str, number_format: str) -> str:
    if name == "indicator":
        return v.indicator
    if name == "unit":
        return v.unit
    if name == "period":
        return v.period.code
    if name == "value":
        return _number(v.value, number_format)
    if name == "status":
        return v.status
    if name == "note":
        return v.note
    if name == "reported":
        return v.reported.isoformat() if v.reported else ""
    if name == "source":
        return v.source
    return ""


def _number(value: float | None, number_format: str) -> str:
    """A figure as values.csv writes it: no thousands separator; `vi`: a decimal comma."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if number_format == "vi" else text


def number_text(value: float | None) -> str:
    """A figure as a Vietnamese reader writes it: 1.234,5; an empty cell as "trống"."""
    if value is None:
        return "trống"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


# --- values.xlsx --------------------------------------------------------------


def merged_xlsx(path: Path, rows: Iterable[Value], order: Sequence[str]) -> bytes:
    """values.xlsx (data on its first sheet) with `rows` written in place of theirs, or after its last row."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [nfc(str(c.value)).lower() if c.value is not None else "" for c in sheet[1]]
    while header and header[-1] == "":
        header.pop()
    updates = {(v.indicator, v.unit, v.period): v for v in rows}
    for name in ("value", "status", "note", "reported"):
        if name not in header and (
            name in ("value", "reported") or any(_cell(v, name, "en") for v in updates.values())
        ):
            header.append(name)
            sheet.cell(1, len(header), name)
    column = {name: n + 1 for n, name in enumerate(header)}
    last = 1
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
        if any(c not in (None, "") for c in row):
            last = number
        cells = {name: row[n - 1] if n - 1 < len(row) else None for name, n in column.items()}
        period = Period.parse(nfc(str(cells.get("period") or "")))
        key = (nfc(str(cells.get("indicator") or "")), nfc(str(cells.get("unit") or "")), period)
        v = updates.pop(key, None) if period is not None else None  # type: ignore[arg-type]
        if v is not None:
            _write_row(sheet, number, column, v)
    position = {ind: n for n, ind in enumerate(order)}
    for v in sorted(updates.values(), key=lambda v: (position.get(v.indicator, len(order)), v.unit, v.period.sort_key)):
        last += 1
        for name in ("indicator", "unit", "period"):
            cell = sheet.cell(last, column[name], _cell(v, name, "en"))
            cell.number_format = "@"
        _write_row(sheet, last, column, v)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_row(sheet: object, number: int, column: dict[str, int], v: Value) -> None:
    for name in ("value", "status", "note", "reported"):
        if name not in column:
            continue
        cell = sheet.cell(number, column[name])  # type: ignore[attr-defined]
        if name == "value":
            cell.value = v.value
        elif name == "reported":
            cell.value = v.reported
            cell.number_format = "yyyy-mm-dd"
        else:
            cell.value = _cell(v, name, "en") or None


# --- receipts.csv --------------------------------------------------------------


def receipt_lines(existing: bytes | None, receipts: Sequence[Receipt]) -> bytes:
    """receipts.csv with a line per receipt added at its end (the file made, with its header, when absent)."""
    read = Text.read(existing) if existing else None
    if read is None or not first_line(read.text):
        read, text, delimiter = Text("", True, False), "", ","
        names = list(schema.RECEIPTS.names)
        text = _line(names, delimiter) + "\n"
    else:
        text = read.text
        delimiter = delimiter_of(first_line(text))
        names = [nfc(h).lower() for h in next(csv.reader([first_line(text)], delimiter=delimiter))]
        text = text.rstrip("\n") + "\n"
    for r in receipts:
        cells = {
            "unit": r.unit,
            "period": r.period.code,
            "file": r.file,
            "sha256": r.sha256,
            "received": r.received.strftime("%Y-%m-%d %H:%M:%S"),
            "added": str(r.added),
            "revised": str(r.revised),
        }
        text += _line([cells.get(n, "") for n in names], delimiter) + "\n"
    return read.encode(text)


def _line(cells: list[str], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(cells)
    return buffer.getvalue()
