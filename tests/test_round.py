"""The reporting round, end to end: forms out to 30 communes, returns filled as units fill them, collected, built.

Each bad return is answered with its file and cell, and nothing else is
lost: the other returns of the same collection are still taken.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, run_mkdocs
from programs import write_program

from scripts import collect as collect_command
from scripts import forms as forms_command
from scripts.data.model import Period
from scripts.data.validate import load_dataset
from scripts.returns import files, form

PERIOD = "2022-Q2"
AT = dt.datetime(2022, 7, 8, 15, 30)
COMMUNES = 30


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_program(tmp_path / "data", communes=COMMUNES)


@pytest.fixture
def sent(data: Path, tmp_path: Path) -> Path:
    """The forms of the round, one per commune."""
    out = tmp_path / "bieu-mau"
    assert forms_command.main(["--data", str(data), "--period", PERIOD, "--due", "2022-07-10", str(out)]) == 0
    return out


def fill(source: Path, dest: Path, figures: dict[str, object], status: str = "", note: str = "") -> Path:
    """A form filled as a unit fills it in Excel: a figure per indicator (by the code in column B)."""
    book = openpyxl.load_workbook(source)
    sheet = book[form.FORM_SHEET]
    for row in range(form.FIRST_ROW, sheet.max_row + 1):
        code = sheet.cell(row, form.CODE + 1).value
        if code in figures:
            sheet.cell(row, form.VALUE + 1).value = figures[code]
            sheet.cell(row, form.STATUS + 1).value = status or None
            sheet.cell(row, form.NOTE + 1).value = note or None
    dest.parent.mkdir(parents=True, exist_ok=True)
    book.save(dest)
    return dest


def run(data: Path, returns: Path, *args: str) -> tuple[int, str]:
    """`python -m scripts.collect`, in this process: its exit code and what it printed."""
    import contextlib
    import io

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = collect_command.main(["--data", str(data), "--at", "2022-07-08 15:30", *args, str(returns)])
    return code, printed.getvalue()


def values(data: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    with (data / "values.csv").open(encoding="utf-8-sig") as f:
        return {(r["indicator"], r["unit"], r["period"]): r for r in csv.DictReader(f)}


# --- forms out ------------------------------------------------------------------------------------


def test_a_form_per_commune_each_asking_its_rows(sent: Path, data: Path) -> None:
    names = sorted(p.name for p in sent.iterdir())
    assert names == [f"X{n:03d}.xlsx" for n in range(1, COMMUNES + 1)]  # the whole (BL) is not asked
    book = openpyxl.load_workbook(sent / "X007.xlsx")
    assert book.sheetnames == [form.GUIDE_SHEET, form.FORM_SHEET, form.IDENTITY_SHEET]
    assert book[form.IDENTITY_SHEET].sheet_state == "veryHidden"
    assert book[form.IDENTITY_SHEET].protection.sheet
    sheet = book[form.FORM_SHEET]
    assert sheet["C3"].value is None and sheet["A3"].value == "Đơn vị báo cáo: Xã Số 7 (mã X007)"
    assert sheet["A4"].value == "Kỳ báo cáo: Quý II/2022; hạn gửi: 10/07/2022"
    assert [sheet.cell(r, 2).value for r in (8, 9, 10)] == ["A1", "B2", None]
    assert [sheet.cell(7, c).value for c in range(6, 10)] == [
        "Quý II/2021",
        "Quý III/2021",
        "Quý IV/2021",
        "Quý I/2022",
    ]
    assert sheet["I8"].value == 80 and sheet["I9"].value == 44  # the unit's last figures, for reference
    assert sheet["J7"].value == "Số liệu Quý II/2022"


def test_only_the_input_cells_can_be_edited_and_they_check_what_excel_can(sent: Path) -> None:
    sheet = openpyxl.load_workbook(sent / "X001.xlsx")[form.FORM_SHEET]
    assert sheet.protection.sheet
    assert [sheet[c].protection.locked for c in ("B8", "C8", "I8", "J8", "K8", "L8")] == [
        True, True, True, False, False, False,
    ]  # fmt: skip
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    percent, count, status = rules["J8"], rules["J9"], rules["K8"]
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")
    assert (count.type, count.formula1) == ("whole", "0")  # "between" is the rule's default operator
    assert status.type == "list" and status.formula1 == '"Chính thức,Ước tính"'
    assert percent.prompt == "Ghi một số từ 0 đến 100, ví dụ 85,2 (không cần dấu %). Chưa có số liệu thì để trống ô."


def test_the_form_prints_on_a4_with_its_unit_and_says_it_is_internal(sent: Path) -> None:
    book = openpyxl.load_workbook(sent / "X001.xlsx")
    sheet = book[form.FORM_SHEET]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0  # one page wide
    assert sheet.print_title_rows == "$7:$7"  # the header row on every page
    assert sheet.oddHeader.left.text == "Xã Số 1" and sheet.oddHeader.right.text == "Lưu hành nội bộ"
    assert sheet["A5"].value == "Lưu hành nội bộ"
    guide = book[form.GUIDE_SHEET]
    assert guide["A1"].value == "Lưu hành nội bộ"
    assert any("Gửi tệp đã điền về" in str(c.value) and "10/07/2022" in str(c.value) for c in guide["A"])


def test_the_forms_are_the_same_bytes_twice(data: Path, sent: Path, tmp_path: Path) -> None:
    again = tmp_path / "lan-2"
    assert forms_command.main(["--data", str(data), "--period", PERIOD, "--due", "2022-07-10", str(again)]) == 0
    assert all((sent / p.name).read_bytes() == p.read_bytes() for p in again.iterdir())


def test_a_period_outside_the_program_makes_no_form(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert forms_command.main(["--data", str(data), "--period", "2030-Q1", str(tmp_path / "x")]) == 1
    assert '--period "2030-Q1": cần một kỳ của chương trình (2021–2025)' in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# --- the whole loop ---------------------------------------------------------------------------------


def libreoffice(source: Path, out: Path, profile: Path) -> Path:
    """`source` opened and saved as .xlsx by LibreOffice Calc, as a unit using Calc sends it."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx", "--outdir",
         str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / source.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice Calc is not installed")
def test_the_round_from_forms_to_site(data: Path, sent: Path, tmp_path: Path) -> None:
    returns = tmp_path / "thu-ve"
    for n in range(1, COMMUNES - 1):  # X030 never returns; X029 uses Calc
        fill(sent / f"X{n:03d}.xlsx", returns / f"thu-{n}" / f"Bao cao xa {n}.xlsx", {"A1": 70 + n % 10, "B2": 45})
    filled = fill(
        sent / "X029.xlsx", tmp_path / "calc-in" / "X029.xlsx", {"A1": 93.5, "B2": 47}, "Ước tính", "Số sơ bộ"
    )
    libreoffice(filled, returns / "calc", tmp_path / "lo-profile")
    code, printed = run(data, returns)
    assert code == 0, printed
    assert printed.splitlines()[:4] == [
        f"Thu biểu mẫu trong {returns}: 29 tệp.",
        "Kỳ báo cáo: Quý II/2022.",
        "Đã nhận 29 biểu mẫu: thêm 58 số liệu, sửa 0 số liệu.",
        "Quý II/2022: còn 1/30 đơn vị chưa gửi biểu mẫu:",
    ]
    assert "  - Xã Số 30 (X030)" in printed
    rows = values(data)
    assert rows[("A1", "X003", PERIOD)]["value"] == "73"
    assert rows[("A1", "X003", PERIOD)]["reported"] == "2022-07-08"
    calc = rows[("A1", "X029", PERIOD)]
    assert (calc["value"], calc["status"], calc["note"]) == ("93.5", "estimate", "Số sơ bộ")
    assert rows[("A1", "X003", "2022-Q1")]["reported"] == ""  # a row the round did not touch keeps its cells
    ds = load_dataset(data)
    assert len(ds.receipts) == 29 and {r.period.code for r in ds.receipts} == {PERIOD}
    assert ds.receipts[0].file == "calc/X029.xlsx" or any(r.file == "calc/X029.xlsx" for r in ds.receipts)

    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    code, printed = run(data, returns)  # the same returns again: nothing changes
    assert code == 0 and "Đã thu từ trước, bỏ qua 29 tệp (không thay đổi gì):" in printed
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before

    site = tmp_path / "site"
    result = run_mkdocs(data, site)
    assert result.returncode == 0, result.stderr
    appendix = (site / "phu-luc" / "a1.html").read_text(encoding="utf-8")
    assert "93,5" in appendix and "Xã Số 29, Q2/2022: Số sơ bộ. Báo cáo ngày 08/07/2022" in appendix
    page = (site / "tinh-hinh-bao-cao.html").read_text(encoding="utf-8")
    assert "Đã gửi: 29/30 đơn vị. Chưa gửi: 1 đơn vị." in page and "Xã Số 30" in page
    assert "tinh-hinh-bao-cao.html" in (site / "index.html").read_text(encoding="utf-8")


# --- bad returns: each answered with its file and cell, nothing else lost ---------------------------


@pytest.fixture
def returns(sent: Path, tmp_path: Path) -> Path:
    """A folder of returns holding one good one (X001's)."""
    folder = tmp_path / "thu-ve"
    fill(sent / "X001.xlsx", folder / "X001.xlsx", {"A1": 71, "B2": 45})
    return folder


def refused(data: Path, returns: Path, *args: str) -> list[str]:
    """Collect; the good return is taken whatever else is refused. The lines of what was refused."""
    code, printed = run(data, returns, *args)
    assert code == 1, printed
    assert values(data)[("A1", "X001", PERIOD)]["value"] == "71", printed
    lines = printed.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Không nhận"))
    return [line for line in lines[start + 1 :] if line.startswith(" ") and not line.startswith("  - Xã")]


def test_a_form_of_another_period(data: Path, sent: Path, returns: Path, tmp_path: Path) -> None:
    ds = load_dataset(data)
    other = form.write(ds, Period(2022, 3, 1), [ds.unit_by_code["X002"]], tmp_path / "quy-1")[0]
    fill(other, returns / "X002.xlsx", {"A1": 60})
    assert refused(data, returns, "--period", PERIOD) == [
        "  1. X002.xlsx: là biểu mẫu Quý I/2022, không phải kỳ đang thu (Quý II/2022) — cần biểu mẫu của kỳ đang thu."
        " Cách sửa: đề nghị đơn vị gửi đúng biểu mẫu kỳ đang thu; biểu mẫu kỳ khác thì thu riêng với --period"
        " của kỳ đó"
    ]


def test_a_form_with_a_deleted_row(data: Path, sent: Path, returns: Path) -> None:
    path = fill(sent / "X002.xlsx", returns / "X002.xlsx", {"B2": 45})
    book = openpyxl.load_workbook(path)
    book[form.FORM_SHEET].delete_rows(form.FIRST_ROW)  # A1's row
    book.save(path)
    assert refused(data, returns) == [
        "  1. X002.xlsx: các dòng của biểu mẫu đã bị sửa (dòng 8: chỉ tiêu B2, biểu mẫu gửi đi là A1), không biết"
        " số liệu thuộc chỉ tiêu nào — cần đủ các dòng chỉ tiêu như biểu mẫu đã gửi, đúng thứ tự. Cách sửa: đề"
        " nghị đơn vị điền lại vào biểu mẫu gốc, không thêm, xóa hay đổi thứ tự dòng"
    ]
    assert (PERIOD, "X002") not in {(k[2], k[1]) for k in values(data)}


def test_text_in_a_number_cell_and_a_percentage_of_120(data: Path, sent: Path, returns: Path) -> None:
    fill(sent / "X003.xlsx", returns / "Xa-Ba.xlsx", {"A1": 120, "B2": "khoảng 50"})
    assert refused(data, returns) == [
        "  1. Xa-Ba.xlsx: 2 lỗi",
        '     - Xa-Ba.xlsx, trang "Biểu mẫu", ô J8: "120" nằm ngoài khoảng 0–100 của chỉ tiêu tính bằng % — cần'
        " một số từ 0 đến 100. Cách sửa: kiểm tra lại số liệu (có thể nhập nhầm 856 thay vì 85,6)",
        '     - Xa-Ba.xlsx, trang "Biểu mẫu", ô J9: "khoảng 50" không phải là số — cần một số, ví dụ 1234.5.'
        " Cách sửa: chỉ ghi con số (ví dụ 50), không kèm chữ; lời giải thích ghi ở cột ghi chú",
    ]
    assert ("A1", "X003", PERIOD) not in values(data)  # none of the form's values, not even its good one


def test_a_file_that_is_not_a_form(data: Path, returns: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Chỉ tiêu", "Số liệu"])
    book.save(returns / "bang-tu-lap.xlsx")
    (returns / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert refused(data, returns) == [
        "  1. bang-tu-lap.xlsx: không phải biểu mẫu báo cáo của chương trình (không có trang nhận dạng MaBieuMau)"
        " — cần tệp biểu mẫu tạo bằng python -m scripts.forms, đơn vị chỉ điền số liệu. Cách sửa: đề nghị đơn vị"
        " điền vào đúng tệp biểu mẫu đã gửi (không chép sang sổ khác), hoặc xóa tệp này khỏi thư mục",
        "  2. cu.xls: không mở được tệp như một sổ Excel (tệp .xls, không phải .xlsx) — cần biểu mẫu .xlsx đã gửi"
        " cho đơn vị, lưu lại bằng Excel hoặc LibreOffice Calc. Cách sửa: đề nghị đơn vị mở tệp và lưu lại dạng"
        " Sổ làm việc Excel (.xlsx), hoặc gửi lại tệp",
    ]


def test_a_duplicate_with_a_different_figure(data: Path, sent: Path, returns: Path) -> None:
    fill(sent / "X004.xlsx", returns / "X004.xlsx", {"A1": 72})
    fill(sent / "X004.xlsx", returns / "thu-lai" / "X004 (1).xlsx", {"A1": 74})
    lines = refused(data, returns)
    assert lines == [
        '  1. X004.xlsx, trang "Biểu mẫu", ô J8: "72" số liệu này khác với số liệu 74 của tệp thu-lai/X004 (1).xlsx'
        " (ô J8) cho cùng chỉ tiêu A1, đơn vị X004, kỳ 2022-Q2 — cần một số liệu cho mỗi chỉ tiêu, đơn vị, kỳ."
        " Cách sửa: hỏi lại đơn vị số liệu nào đúng, xóa tệp sai khỏi thư mục rồi thu lại",
        '  2. thu-lai/X004 (1).xlsx, trang "Biểu mẫu", ô J8: "74" số liệu này khác với số liệu 72 của tệp'
        " X004.xlsx (ô J8) cho cùng chỉ tiêu A1, đơn vị X004, kỳ 2022-Q2 — cần một số liệu cho mỗi chỉ tiêu, đơn"
        " vị, kỳ. Cách sửa: hỏi lại đơn vị số liệu nào đúng, xóa tệp sai khỏi thư mục rồi thu lại",
    ]
    assert ("A1", "X004", PERIOD) not in values(data)


def test_a_form_returned_twice_is_taken_once(data: Path, sent: Path, returns: Path) -> None:
    shutil.copy(returns / "X001.xlsx", returns / "X001 - Copy.xlsx")
    code, printed = run(data, returns)
    assert code == 0, printed
    assert "Đã nhận 1 biểu mẫu: thêm 2 số liệu, sửa 0 số liệu." in printed
    assert "Tệp giống hệt nhau, chỉ lấy một lần (1):\n  - X001.xlsx giống X001 - Copy.xlsx" in printed
    assert len(load_dataset(data).receipts) == 1


def test_a_later_return_revises_a_figure_and_says_so(data: Path, sent: Path, returns: Path, tmp_path: Path) -> None:
    assert run(data, returns)[0] == 0
    again = fill(sent / "X001.xlsx", tmp_path / "lan-2" / "X001.xlsx", {"A1": 75, "B2": 45})
    code, printed = run(data, again.parent)
    assert code == 0, printed
    assert "Đã nhận 1 biểu mẫu: thêm 0 số liệu, sửa 1 số liệu." in printed, printed
    assert "  - Xã Số 1 (X001), chỉ tiêu A1, Quý II/2022: 71 → 75 (X001.xlsx, ô J8)" in printed
    assert values(data)[("A1", "X001", PERIOD)]["value"] == "75"
    assert [(r.added, r.revised) for r in load_dataset(data).receipts] == [(2, 0), (0, 1)]


def test_all_or_nothing_and_dry_run_write_nothing(data: Path, sent: Path, returns: Path) -> None:
    fill(sent / "X003.xlsx", returns / "X003.xlsx", {"A1": 120})
    before = (data / "values.csv").read_bytes()
    assert run(data, returns, "--all-or-nothing")[0] == 1
    code, printed = run(data, returns, "--dry-run")
    assert code == 1 and "Chạy thử (--dry-run): chưa ghi gì vào thư mục dữ liệu." in printed
    assert "Đã nhận 1 biểu mẫu: thêm 2 số liệu, sửa 0 số liệu." in printed
    assert (data / "values.csv").read_bytes() == before
    assert not (data / "receipts.csv").exists()


# --- safe to run --------------------------------------------------------------------------------------


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    for n in range(8):
        path.write_text(f"lần {n}\n", encoding="utf-8")
        files.back_up(path, dt.datetime(2022, 7, 8, 15, 30 + n // 2, 0), keep=5)  # two in the same second
    kept = files.backups(path)
    assert len(kept) == 5
    assert [p.read_text(encoding="utf-8") for p in kept] == [f"lần {n}\n" for n in range(3, 8)]


_WRITER = """
import sys, time
from pathlib import Path
from scripts.returns import files

class Slow:  # the file written 4 KB at a time, slowly, so that a kill lands in the middle of it
    def __init__(self, f): self.f = f
    def __enter__(self): return self
    def __exit__(self, *a): self.f.close()
    def write(self, data):
        for at in range(0, len(data), 4096):
            time.sleep(0.001)
            self.f.write(data[at:at + 4096])
    def flush(self): self.f.flush()
    def fileno(self): return self.f.fileno()

opened = Path.open
Path.open = lambda self, mode="r", *a, **k: Slow(opened(self, mode)) if "w" in mode else opened(self, mode, *a, **k)
print("start", flush=True)
files.write_whole(Path(sys.argv[1]), b"new," * (int(sys.argv[2]) // 4))
"""


def test_a_kill_mid_write_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    old, new = b"old," * 100_000, b"new," * 100_000
    outcomes = set()
    for delay in (0.0, 0.05, 0.1, 0.2, 0.4, 3.0):
        path.write_bytes(old)
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), str(len(new))],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert writer.stdout is not None and writer.stdout.readline() == b"start\n"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        data = path.read_bytes()
        assert data in (old, new), delay
        outcomes.add("new" if data == new else "old")
        if data == old and files.leftovers(path):
            outcomes.add("killed while writing")  # what it left beside the file
    assert outcomes == {"old", "killed while writing", "new"}  # killed in the write, and after it
    assert files.leftovers(path) == []  # the last write, which finished, cleared what the killed ones left


# --- `reported` downstream: revalidation and the data package ----------------------------------------


def test_a_later_collection_is_revalidated_line_by_line_with_its_reported_dates(
    data: Path, sent: Path, returns: Path, tmp_path: Path
) -> None:
    from scripts.cache import datacache, revalidate
    from scripts.data.validate import check

    assert run(data, returns)[0] == 0  # the first adds the column `reported` to every line
    known = revalidate.known(data, check(data), datacache.context(data))
    assert known is not None
    ordered = load_dataset(data).values
    later = fill(sent / "X002.xlsx", tmp_path / "sau" / "X002.xlsx", {"A1": 66, "B2": 41})
    assert run(data, later.parent)[0] == 0
    again = revalidate.revalidate(data, known, datacache.context(data), ordered)
    assert again is not None
    dataset, _, validated = again
    assert validated == 2  # the two lines the return added
    assert dataset == load_dataset(data)
    reported = {(v.unit, v.indicator): v.reported for v in dataset.values if v.period.code == PERIOD}
    assert reported == {(u, i): dt.date(2022, 7, 8) for u in ("X001", "X002") for i in ("A1", "B2")}


def test_the_data_package_holds_the_reported_dates(data: Path, returns: Path) -> None:
    import io
    import json
    import zipfile

    from scripts.downloads import tables

    assert run(data, returns)[0] == 0
    package = zipfile.ZipFile(io.BytesIO(tables.package(load_dataset(data))))
    rows = list(csv.DictReader(io.StringIO(package.read("values.csv").decode("utf-8"))))
    assert {(r["unit"], r["period"], r["reported"]) for r in rows if r["reported"]} == {("X001", PERIOD, "2022-07-08")}
    described = json.loads(package.read("datapackage.json"))
    values_schema = next(r for r in described["resources"] if r["name"] == "values")["schema"]
    assert {"name": "reported", "title": values_schema["fields"][-1]["title"], "type": "date"} in values_schema[
        "fields"
    ]
    assert "receipts.csv" not in package.namelist()  # the office's record stays off the published data


# --- receipts.csv, by hand ---------------------------------------------------------------------------


def test_receipts_kept_by_hand_are_checked_like_any_table(data: Path, capsys: pytest.CaptureFixture) -> None:
    from scripts import check

    (data / "receipts.csv").write_text(
        "unit,period,file,received,added\nX001,2022-Q2,x.xlsx,2022-07-08 15:30,2\nX999,2022-Q2,,08/07/2022,\n"
        "X002,2022-Q2,,8/7/2022 lúc 3 giờ,1.5\n",
        encoding="utf-8",
    )
    assert check.main([str(data)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        '  1. data/receipts.csv, dòng 3, cột unit: "X999" không có trong units.csv — cần một mã đơn vị đã khai báo'
        " trong units.csv. Cách sửa: sửa lỗi chính tả hoặc thêm dòng tương ứng vào units.csv",
        '  2. data/receipts.csv, dòng 4, cột received: "8/7/2022 lúc 3 giờ" không phải là ngày giờ hợp lệ — cần'
        " ngày giờ dạng YYYY-MM-DD HH:MM, ví dụ 2022-07-08 15:30, hoặc một ngày. Cách sửa: kiểm tra ngày, tháng, giờ",
    ]
    (data / "receipts.csv").write_text("unit,period,received,added\nX001,2022-Q2,2022-07-08 15:30,1.5\n")
    assert check.main([str(data)]) == 1
    assert 'cột added: "1.5" không phải là số — cần một số, ví dụ 3. Cách sửa: ghi số lượng: 0, 1, 2…' in (
        capsys.readouterr().err
    )


def test_values_kept_in_a_workbook_are_merged_into_it(data: Path, sent: Path, returns: Path) -> None:
    from programs import write_xlsx

    with (data / "values.csv").open(encoding="utf-8") as f:
        write_xlsx(data / "values.xlsx", list(csv.reader(f)))
    (data / "values.csv").unlink()
    fill(sent / "X002.xlsx", returns / "X002.xlsx", {"A1": 64.5}, "Ước tính")
    code, printed = run(data, returns)
    assert code == 0, printed
    assert not (data / "values.csv").exists() and [p.name for p in files.backups(data / "values.xlsx")] == [
        "values.xlsx.truoc-20220708-153000"
    ]
    got = {(v.unit, v.indicator): v for v in load_dataset(data).values if v.period.code == PERIOD}
    assert sorted(got) == [("X001", "A1"), ("X001", "B2"), ("X002", "A1")]
    assert (got["X002", "A1"].value, got["X002", "A1"].status) == (64.5, "estimate")
    assert got["X002", "A1"].reported == dt.date(2022, 7, 8)


def test_a_receipts_workbook_is_named_and_nothing_is_written(data: Path, returns: Path) -> None:
    from programs import write_xlsx

    write_xlsx(data / "receipts.xlsx", [["unit", "period", "file", "sha256", "received", "added", "revised"]])
    before = (data / "values.csv").read_bytes()
    code, printed = run(data, returns)
    assert code == 1
    assert "data/receipts.xlsx" in printed and "lưu sổ thành CSV UTF-8 cùng tên" in printed, printed
    assert (data / "values.csv").read_bytes() == before and not (data / "receipts.csv").exists()
