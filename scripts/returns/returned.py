"""A returned workbook: recognised by its hidden identity, its filled cells checked as values.csv's are.

A file is taken as a form only when its identity sheet is one of ours and
unedited (its digest holds), of this program, of a known unit, of a period
asked for, and when the form sheet still has the rows it was sent with, in
their order. Then every filled row is checked by the rules of values.csv
(`scripts.data.validate.values_given`), and each problem names the file,
the sheet and the cell (`Xa-Mot.xlsx, trang "Biểu mẫu", ô J14`). A form
with a problem gives no value at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import schema
from scripts.data.errors import Problem
from scripts.data.load import Cell, RawRow, RawTable, column_letter, nfc, xlsx_cell
from scripts.data.model import Dataset, Period, Value
from scripts.data.validate import values_given
from scripts.returns import form as forms
from scripts.returns.form import Form

# The columns of the form sheet as values.csv names them ("" for a column the unit does not fill);
# `unit` and `period` come from the identity, placed after the sheet's last column.
_NAMED = {forms.CODE: "indicator", forms.VALUE: "value", forms.STATUS: "status", forms.NOTE: "note"}
_HEADER = (*(_NAMED.get(c, "") for c in range(forms.LAST_COLUMN + 1)), "unit", "period")


@dataclass(frozen=True)
class Return:
    """A form sent back and taken: its values, and the cell each came from."""

    name: str  # the file, as found under the folder of returns
    sha256: str
    form: Form
    values: tuple[Value, ...]
    cells: dict[str, str]  # indicator id → the cell of its figure ("J9")


@dataclass(frozen=True)
class Refused:
    """A file that is not taken, and why."""

    name: str
    problems: tuple[Problem, ...]
    form: Form | None = None  # None when it is not one of our forms at all
    sha256: str = ""


def read(path: Path, name: str, ds: Dataset, periods: Collection[Period] = ()) -> Return | Refused:
    """Recognise and check one returned file; `periods`: the periods asked for (empty: any of the program's)."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
        return Refused(name, (Problem("form_unreadable", name, params={"error": type(e).__name__}),), None, sha)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        return Refused(name, (Problem("form_unreadable", name, params={"error": type(e).__name__}),), None, sha)
    try:
        return _read(book, name, sha, ds, periods)
    finally:
        book.close()


def _refused(name: str, sha: str, code: str, form: Form | None = None, **params: str) -> Refused:
    return Refused(name, (Problem(code, name, params=params),), form, sha)


def _read(book: Any, name: str, sha: str, ds: Dataset, periods: Collection[Period]) -> Return | Refused:
    if forms.IDENTITY_SHEET not in book.sheetnames:
        return _refused(name, sha, "not_a_form", why=f"không có trang nhận dạng {forms.IDENTITY_SHEET}")
    found = _identity(book[forms.IDENTITY_SHEET])
    if found is None:
        return _refused(name, sha, "not_a_form", why="trang nhận dạng đã bị sửa")
    form = found
    if form.program != ds.program.code:
        return _refused(name, sha, "form_other_program", form, found=form.program, program=ds.program.code)
    if form.unit not in ds.unit_by_code:
        return _refused(name, sha, "form_unknown_unit", form, unit=form.unit)
    if periods and form.period not in periods:
        asked = ", ".join(p.label for p in sorted(periods, key=lambda p: p.sort_key))
        return _refused(name, sha, "form_period_not_asked", form, period=form.period.label, asked=asked)
    if not periods and not ds.program.covers(form.period):
        asked = f"các kỳ từ {ds.program.start} đến {ds.program.end}"
        return _refused(name, sha, "form_period_not_asked", form, period=form.period.label, asked=asked)
    if forms.FORM_SHEET not in book.sheetnames:
        return _refused(name, sha, "form_rows_edited", form, why=f"không còn trang tính «{forms.FORM_SHEET}»")
    sheet = book[forms.FORM_SHEET]
    edited = _rows_edited(sheet, form)
    if edited:
        return _refused(name, sha, "form_rows_edited", form, why=edited)
    return _values(sheet, name, sha, form, ds)


def _identity(sheet: Any) -> Form | None:
    """The form an identity sheet names; None when it is not ours or was edited."""
    cells: dict[str, str] = {}
    for key, value in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(key, str) and isinstance(value, str):
            cells[key] = value
    period = Period.parse(cells.get("period", ""))
    try:
        rows = json.loads(cells.get("rows", ""))
    except ValueError:
        return None
    if cells.get("kind") != forms.KIND or period is None or not isinstance(rows, list):
        return None
    if not all(isinstance(r, str) for r in rows):
        return None
    form = Form(cells.get("program", ""), cells.get("unit", ""), period, tuple(rows))
    return form if form.digest == cells.get("digest") else None


def _rows_edited(sheet: Any, form: Form) -> str:
    """How the form sheet's rows differ from those sent; "" when they are the same, in order."""
    found: list[str] = []
    for (code,) in sheet.iter_rows(
        min_row=forms.FIRST_ROW, min_col=forms.CODE + 1, max_col=forms.CODE + 1, values_only=True
    ):
        text = "" if code is None else nfc(str(code))
        if not text:
            break
        found.append(text)
    for n, (sent, got) in enumerate(zip(form.rows, found, strict=False)):
        if sent != got:
            return f"dòng {forms.FIRST_ROW + n}: chỉ tiêu {got}, biểu mẫu gửi đi là {sent}"
    if len(found) < len(form.rows):
        missing = form.rows[len(found)]
        return f"thiếu {len(form.rows) - len(found)} dòng, từ chỉ tiêu {missing} (dòng {forms.FIRST_ROW + len(found)})"
    if len(found) > len(form.rows):
        return f"thêm {len(found) - len(form.rows)} dòng, từ dòng {forms.FIRST_ROW + len(form.rows)}"
    return ""


def _values(sheet: Any, name: str, sha: str, form: Form, ds: Dataset) -> Return | Refused:
    """The filled rows, checked as rows of values.csv are; a row without a figure gives nothing."""
    raw_rows: list[RawRow] = []
    problems: list[Problem] = []
    cells_of: dict[str, str] = {}
    first, last = forms.FIRST_ROW, forms.FIRST_ROW + len(form.rows) - 1
    for number, row in enumerate(sheet.iter_rows(min_row=first, max_row=last, max_col=forms.LAST_COLUMN + 1), first):
        cells = [xlsx_cell(c) for c in row] + [""] * (forms.LAST_COLUMN + 1 - len(row))
        value, status, note = cells[forms.VALUE], cells[forms.STATUS], cells[forms.NOTE]
        if isinstance(value, str):
            value = nfc(value)
        if value == "":
            continue
        ind_id = form.rows[number - first]
        cells_of[ind_id] = f"{column_letter(forms.VALUE)}{number}"
        status_code = _status(status)
        if status_code is None:
            shown = nfc(str(status))
            cell = f"{column_letter(forms.STATUS)}{number}"
            problems.append(Problem("form_bad_status", where(name), number, None, shown, {}, cell))
            continue
        named: dict[str, Cell] = {
            "indicator": ind_id,
            "value": value,
            "status": status_code,
            "note": nfc(str(note)) if note != "" else "",
            "unit": form.unit,
            "period": form.period.code,
        }
        raw_rows.append(RawRow(number, named))
    table = RawTable(schema.VALUES.name, name, _HEADER, tuple(raw_rows), forms.FORM_SHEET)
    found: list[Problem] = []
    given = values_given(table, ds, found)
    problems += [_on_sheet(p, name) for p in found]
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.cell or ""))
        return Refused(name, tuple(problems), form, sha)
    return Return(name, sha, form, tuple(given[n] for n in sorted(given)), cells_of)


def _status(cell: Cell) -> str | None:
    """The contract's code of a status cell: blank is official; None when it is not a choice."""
    text = nfc(str(cell)) if cell != "" else ""
    if not text:
        return "official"
    for label, code in forms.STATUS_CHOICES.items():
        if text.lower() in (label.lower(), code):
            return code
    return None


def where(name: str) -> str:
    """How a problem of the form sheet names its place: the file and the sheet."""
    return f'{name}, trang "{forms.FORM_SHEET}"'


def _on_sheet(p: Problem, name: str) -> Problem:
    """A problem of values.csv's checks, located as the unit sees its form: file, sheet, cell."""
    cell = p.cell.rsplit("!", 1)[-1] if p.cell else None
    return dataclasses.replace(p, file=where(name), column=None, cell=cell)
