"""What a unit is asked for in a round, and the workbook that asks it.

A form is one unit's rows for one period: one row per indicator the unit
reports (every indicator it has a figure of), with its name, measure and
target, the unit's last figures for reference, and three cells to fill (the
figure, whether it is official or an estimate, a note). Its identity
(program, unit, period, the indicators asked for, and a digest of them) is
kept on a hidden, protected sheet, so a returned form is recognised
whatever its file is called, and one whose rows were added, deleted or
reordered is told apart (`scripts.returns.returned`).

The sheet is protected but for the cells to fill, which accept what Excel
can check (a number; 0–100 for a percentage; a whole number for a count)
and say in Vietnamese what to type. It prints on A4, as wide as the page,
its header row on every page and the unit's name in the page header, with a
place to sign: a unit may print, sign and scan it. Same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from scripts.data.model import Dataset, Indicator, Period, Unit, Value

FORM_SHEET = "Biểu mẫu"
GUIDE_SHEET = "Hướng dẫn"
IDENTITY_SHEET = "MaBieuMau"
KIND = "bieu-mau-bao-cao/1"  # what the identity sheet says first: one of our forms, of this layout
INTERNAL = "Lưu hành nội bộ"
CREATED = dt.datetime(2000, 1, 1)  # the workbooks' date: their bytes never depend on the clock
REFERENCE_PERIODS = 4  # the unit's last figures shown beside each row

# The layout of the form sheet (0-based columns; rows as a spreadsheet shows them).
HEADER_ROW = 7
FIRST_ROW = HEADER_ROW + 1
ORDER, CODE, NAME, MEASURE, TARGET = range(5)
FIRST_REFERENCE = 5
VALUE = FIRST_REFERENCE + REFERENCE_PERIODS  # J
STATUS = VALUE + 1  # K
NOTE = VALUE + 2  # L
LAST_COLUMN = NOTE

# The status cell's drop-down, and the contract's code of each choice.
STATUS_CHOICES = {"Chính thức": "official", "Ước tính": "estimate"}
ANY_NUMBER = (-9.99e307, 9.99e307)
COUNT_MAX = 10**12


@dataclass(frozen=True)
class Form:
    """What one unit is asked for: its figures of `period` for `rows` (indicator ids, in order)."""

    program: str
    unit: str
    period: Period
    rows: tuple[str, ...]

    @property
    def digest(self) -> str:
        return digest(self.program, self.unit, self.period.code, self.rows)

    @property
    def file_name(self) -> str:
        return file_name(self.unit)


def digest(program: str, unit: str, period: str, rows: Sequence[str]) -> str:
    """The digest of what a form asks: its identity cannot be edited into another form's unnoticed."""
    text = json.dumps([KIND, program, unit, period, list(rows)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def file_name(unit: str) -> str:
    """`<unit code>.xlsx`, a character a file name cannot hold replaced by `-`."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "-", unit) + ".xlsx"


def default_units(ds: Dataset) -> tuple[Unit, ...]:
    """The units asked by default: every unit but the whole that has figures, in the units' order."""
    return ds.reporting_units


def by_unit(ds: Dataset) -> dict[str, list[Value]]:
    """The values of each unit: a round asks thousands of units, each looked up once."""
    out: dict[str, list[Value]] = {}
    for v in ds.values:
        out.setdefault(v.unit, []).append(v)
    return out


def asked(ds: Dataset, unit: Unit, period: Period, values: Sequence[Value] | None = None) -> Form:
    """The form of `unit` for `period`: a row per indicator it has a figure of (`values`: the unit's, if known)."""
    own = [v for v in ds.values if v.unit == unit.code] if values is None else values
    has = {v.indicator for v in own}
    return Form(ds.program.code, unit.code, period, tuple(i.id for i in ds.indicators if i.id in has))


def reference_periods(values: Sequence[Value], period: Period) -> tuple[Period, ...]:
    """The last `REFERENCE_PERIODS` periods of a unit's `values` before `period`, oldest first."""
    before = {v.period for v in values if v.period.sort_key < period.sort_key}
    return tuple(sorted(before, key=lambda p: p.sort_key)[-REFERENCE_PERIODS:])


def is_count(ind: Indicator, values: Sequence[Value]) -> bool:
    """A count takes whole numbers: not a percentage, and every figure and its target so far whole."""
    figures = [v.value for v in values if v.value is not None]
    if ind.target is not None:
        figures.append(ind.target)
    return not ind.is_percent and bool(figures) and all(float(f).is_integer() for f in figures)


def whole_numbers(ds: Dataset) -> dict[str, bool]:
    """Whether each indicator is a count (`is_count`)."""
    return {i.id: is_count(i, ds.values_by_indicator.get(i.id, ())) for i in ds.indicators}


def write(
    ds: Dataset, period: Period, units: Sequence[Unit], out: Path, due: dt.date | None = None, send_to: str = ""
) -> list[Path]:
    """Write `OUT/<unit code>.xlsx` for each of `units`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    values, counts = by_unit(ds), whole_numbers(ds)
    for unit in units:
        own = values.get(unit.code, [])
        form = asked(ds, unit, period, own)
        path = out / form.file_name
        path.write_bytes(workbook(ds, unit, form, due, send_to, own, counts))
        written.append(path)
    return written


def workbook(
    ds: Dataset,
    unit: Unit,
    form: Form,
    due: dt.date | None = None,
    send_to: str = "",
    values: Sequence[Value] | None = None,
    counts: dict[str, bool] | None = None,
) -> bytes:
    """The form as an Excel workbook: instructions, the form, and its hidden identity (`values`: the unit's)."""
    values = [v for v in ds.values if v.unit == unit.code] if values is None else values
    counts = whole_numbers(ds) if counts is None else counts
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": f"Biểu mẫu báo cáo {form.period.label}", "author": INTERNAL, "created": CREATED})
    guide = book.add_worksheet(GUIDE_SHEET)
    sheet = book.add_worksheet(FORM_SHEET)
    identity = book.add_worksheet(IDENTITY_SHEET)
    _guide(book, guide, ds, unit, form, due, send_to)
    _form(book, sheet, ds, unit, form, due, values, counts)
    _identity(identity, form)
    guide.activate()
    book.close()
    return buffer.getvalue()


def _guide(
    book: xlsxwriter.Workbook,
    sheet: Worksheet,
    ds: Dataset,
    unit: Unit,
    form: Form,
    due: dt.date | None,
    send_to: str,
) -> None:
    bold = book.add_format({"bold": True, "font_size": 13})
    red = book.add_format({"bold": True, "font_color": "#C00000"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    where = send_to or ds.program.contact or "cơ quan đã gửi biểu mẫu này cho đơn vị"
    deadline = f" trước ngày {due.strftime('%d/%m/%Y')}" if due else ""
    lines = [
        f"Biểu mẫu này do cơ quan theo dõi chương trình {ds.program.code} gửi {unit.name}, "
        f"để báo cáo số liệu {form.period.label.lower()}.",
        "",
        "Cách điền:",
        f"1. Mở trang tính «{FORM_SHEET}». Mỗi dòng là một chỉ tiêu; các cột bên trái là tên, đơn vị tính, "
        "chỉ tiêu được giao và số liệu các kỳ trước của đơn vị để đối chiếu (không sửa được).",
        f"2. Ghi số liệu {form.period.label.lower()} vào cột «Số liệu» (nền vàng): chỉ ghi con số, "
        "chỉ tiêu tính bằng % ghi số từ 0 đến 100, chỉ tiêu đếm (người, tổ chức…) ghi số nguyên.",
        "3. Chưa có số liệu thì để trống ô; không ghi chữ, dấu gạch ngang hay số 0 thay cho ô trống.",
        "4. Cột «Tình trạng»: chọn «Chính thức» (mặc định khi để trống) hoặc «Ước tính» nếu số liệu chưa chốt.",
        "5. Cột «Ghi chú»: lời giải thích ngắn nếu cần (ví dụ nguồn, lý do thay đổi).",
        "6. Không thêm, xóa, đổi thứ tự dòng và không đổi tên tệp thành tệp khác loại: biểu mẫu được nhận ra "
        "theo nội dung; biểu mẫu bị sửa dòng sẽ không được nhận.",
        "7. Lưu tệp dạng Sổ làm việc Excel (.xlsx); dùng LibreOffice Calc thì chọn giữ định dạng Excel 2007-365.",
        "",
        f"Gửi tệp đã điền về: {where}{deadline}.",
        "Có thể in trang «Biểu mẫu», ký, đóng dấu và gửi kèm bản quét; số liệu được lấy từ tệp Excel.",
    ]
    sheet.set_column(0, 0, 110, wrap)
    sheet.write(0, 0, INTERNAL, red)
    sheet.write(1, 0, f"BIỂU MẪU BÁO CÁO {form.period.label.upper()} — {unit.name}", bold)
    for n, line in enumerate(lines, 3):
        sheet.write_string(n, 0, line, wrap)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_header(f"&L{_header_text(unit.name)}&R{INTERNAL}")
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def _form(
    book: xlsxwriter.Workbook,
    sheet: Worksheet,
    ds: Dataset,
    unit: Unit,
    form: Form,
    due: dt.date | None,
    values: Sequence[Value],
    counts: dict[str, bool],
) -> None:
    title = book.add_format({"bold": True, "font_size": 13})
    plain = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    number = book.add_format({"num_format": "#,##0.##", "valign": "top", "border": 1})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1})
    head.set_bg_color("#D9E1F2")
    red = book.add_format({"bold": True, "font_color": "#C00000"})
    fill = {"locked": False, "bg_color": "#FFF2CC", "border": 1, "valign": "top"}
    to_fill = book.add_format({**fill, "num_format": "#,##0.##"})
    to_fill_text = book.add_format({**fill, "text_wrap": True, "num_format": "@"})
    periods = reference_periods(values, form.period)
    sheet.write(0, 0, f"BIỂU MẪU BÁO CÁO SỐ LIỆU — {form.period.label.upper()}", title)
    sheet.write(1, 0, f"Chương trình {ds.program.code}: {ds.program.title}")
    sheet.write(2, 0, f"Đơn vị báo cáo: {unit.name} (mã {unit.code})")
    sheet.write(3, 0, f"Kỳ báo cáo: {form.period.label}" + (f"; hạn gửi: {due.strftime('%d/%m/%Y')}" if due else ""))
    sheet.write(4, 0, INTERNAL, red)
    sheet.write(5, 0, "Chỉ ghi vào các cột nền vàng: Số liệu, Tình trạng, Ghi chú. Hướng dẫn ở trang tính đầu.")
    headers = ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao"]
    headers += [p.label for p in periods] + ["—"] * (REFERENCE_PERIODS - len(periods))
    headers += [f"Số liệu {form.period.label}", "Tình trạng", "Ghi chú"]
    sheet.set_row(HEADER_ROW - 1, 32)
    for c, text in enumerate(headers):
        sheet.write_string(HEADER_ROW - 1, c, text, head)
    figures = {(v.indicator, v.period): v.value for v in values}
    by_id = ds.indicator_by_id
    for n, ind_id in enumerate(form.rows):
        ind, row = by_id[ind_id], FIRST_ROW - 1 + n
        sheet.write_number(row, ORDER, n + 1, plain)
        sheet.write_string(row, CODE, ind.id, plain)
        sheet.write_string(row, NAME, ind.name, plain)
        sheet.write_string(row, MEASURE, ind.measure, plain)
        if ind.target_text or ind.target is None:
            sheet.write_string(row, TARGET, ind.target_text, plain)
        else:
            sheet.write_number(row, TARGET, ind.target, number)
        for c in range(REFERENCE_PERIODS):
            value = figures.get((ind.id, periods[c])) if c < len(periods) else None
            if value is None:
                sheet.write_blank(row, FIRST_REFERENCE + c, None, number)
            else:
                sheet.write_number(row, FIRST_REFERENCE + c, value, number)
        sheet.write_blank(row, VALUE, None, to_fill)
        sheet.write_blank(row, STATUS, None, to_fill_text)
        sheet.write_blank(row, NOTE, None, to_fill_text)
        _rule(sheet, row, VALUE, _value_rule(ind, counts.get(ind.id, False)))
        _rule(sheet, row, STATUS, _STATUS_RULE)
    last = FIRST_ROW - 1 + len(form.rows)
    sign = book.add_format({"bold": True, "align": "center"})
    sheet.write(last + 2, NAME, "NGƯỜI LẬP BIỂU", sign)
    sheet.write(last + 2, VALUE, "THỦ TRƯỞNG ĐƠN VỊ", sign)
    sheet.write(last + 3, NAME, "(ký, ghi rõ họ tên)", book.add_format({"italic": True, "align": "center"}))
    sheet.write(last + 3, VALUE, "(ký, ghi rõ họ tên, đóng dấu)", book.add_format({"italic": True, "align": "center"}))
    widths = [5, 9, 44, 10, 12] + [10] * REFERENCE_PERIODS + [14, 12, 28]
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(HEADER_ROW, NAME + 1)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # as wide as the page, as many pages down as it takes
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_header(f"&L{_header_text(unit.name)}&C{_header_text(form.period.label)}&R{INTERNAL}")
    sheet.set_footer("&CTrang &P/&N")
    sheet.print_area(0, 0, last + 4, LAST_COLUMN)
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True})


def _header_text(text: str) -> str:
    """Text for a page header: `&` starts a code there."""
    return text.replace("&", "&&")[:80]


_STATUS_RULE: dict[str, object] = {
    "validate": "list",
    "source": list(STATUS_CHOICES),
    "input_title": "Tình trạng số liệu",
    "input_message": "Chọn Chính thức (để trống cũng là chính thức) hoặc Ước tính nếu số liệu chưa chốt.",
    "error_title": "Không có trong danh sách",
    "error_message": "Chỉ chọn Chính thức hoặc Ước tính trong danh sách thả xuống.",
}


def _value_rule(ind: Indicator, count: bool) -> dict[str, object]:
    """What the figure's cell accepts, and what it says when selected and when refused."""
    empty = " Chưa có số liệu thì để trống ô."
    if ind.is_percent:
        return {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "input_title": "Số liệu (%)",
            "input_message": "Ghi một số từ 0 đến 100, ví dụ 85,2 (không cần dấu %)." + empty,
            "error_title": "Cần một số từ 0 đến 100",
            "error_message": "Chỉ tiêu tính bằng %: ô chỉ nhận một số từ 0 đến 100, ví dụ 85,2." + empty,
        }
    if count:
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": 0,
            "maximum": COUNT_MAX,
            "input_title": f"Số liệu ({ind.measure})"[:32],
            "input_message": f"Ghi một số nguyên ({ind.measure}), ví dụ 120." + empty,
            "error_title": "Cần một số nguyên",
            "error_message": f"Ô chỉ nhận số nguyên không âm ({ind.measure}), ví dụ 120; không ghi chữ." + empty,
        }
    return {
        "validate": "decimal",
        "criteria": "between",
        "minimum": ANY_NUMBER[0],
        "maximum": ANY_NUMBER[1],
        "input_title": f"Số liệu ({ind.measure})"[:32],
        "input_message": f"Ghi một số ({ind.measure}), ví dụ 1234,5." + empty,
        "error_title": "Cần nhập một số",
        "error_message": "Ô chỉ nhận số, ví dụ 1234,5; không ghi chữ, dấu gạch ngang hay n/a." + empty,
    }


def _rule(sheet: Worksheet, row: int, column: int, rule: dict[str, object]) -> None:
    if sheet.data_validation(row, column, row, column, rule) != 0:
        raise ValueError(f"XlsxWriter không nhận quy tắc của ô {row},{column}: {rule}")


def _identity(sheet: Worksheet, form: Form) -> None:
    """The hidden sheet a returned form is recognised by: keys in column A, values in B."""
    for n, (key, value) in enumerate(identity_cells(form)):
        sheet.write_string(n, 0, key)
        sheet.write_string(n, 1, value)
    sheet.write_string(len(identity_cells(form)) + 1, 0, "Trang này để nhận ra biểu mẫu khi gửi về: không sửa.")
    sheet.protect("", {"select_locked_cells": False, "select_unlocked_cells": False})
    sheet.very_hidden()


def identity_cells(form: Form) -> list[tuple[str, str]]:
    return [
        ("kind", KIND),
        ("program", form.program),
        ("unit", form.unit),
        ("period", form.period.code),
        ("rows", json.dumps(list(form.rows), ensure_ascii=False)),
        ("digest", form.digest),
    ]
