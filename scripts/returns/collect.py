"""A collection of returns: every workbook under a folder read, checked, merged, recorded, and told.

`collect` takes each `.xlsx` under the folder (subfolders too: returns are
mail attachments saved anywhere) in four steps: identify it
(`scripts.returns.returned`), check its filled cells, merge its figures
(`scripts.returns.merge`), record a line in receipts.csv. A file already
collected (its SHA-256 is in receipts.csv) or given twice is taken once.
The data folder's files are written whole, the previous values.csv kept
beside it (`scripts.returns.files`), and the merged folder is validated in
full before anything is written. `summary` is what the clerk reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from scripts.data.errors import DataError, Problem
from scripts.data.load import OTHER_FORMATS, parse_csv, read_table
from scripts.data.model import Dataset, Period, Receipt, Unit, Value
from scripts.data.validate import check, load_dataset
from scripts.returns import files, merge
from scripts.returns.form import default_units
from scripts.returns.merge import Change
from scripts.returns.returned import Refused, Return, read


@dataclass
class Outcome:
    """What a collection did (or, dry, would do)."""

    dataset: Dataset
    seen: int = 0  # files looked at
    taken: list[Return] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    before: list[tuple[str, Receipt]] = field(default_factory=list)  # files collected by an earlier run
    twice: list[tuple[str, str]] = field(default_factory=list)  # (file, the same file found first)
    changes: list[Change] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    periods: list[Period] = field(default_factory=list)
    missing: dict[Period, list[Unit]] = field(default_factory=dict)  # units that have not returned a form
    written: list[Path] = field(default_factory=list)
    backup: Path | None = None
    dry_run: bool = False
    held: bool = False  # --all-or-nothing and something refused: nothing taken

    @property
    def ok(self) -> bool:
        return not self.refused


def collect(
    folder: Path,
    returns: Path,
    at: dt.datetime,
    periods: Collection[Period] = (),
    dry_run: bool = False,
    all_or_nothing: bool = False,
) -> Outcome:
    """Collect every return under `returns` into the data folder; raise `DataError` if the folder is invalid."""
    ds = load_dataset(folder)
    out = Outcome(ds, dry_run=dry_run)
    known = {r.sha256: r for r in ds.receipts if r.sha256}
    first: dict[str, str] = {}
    read_ones: list[Return] = []
    for path in _files(returns):
        name = path.relative_to(returns).as_posix()
        out.seen += 1
        if path.suffix.lower() != ".xlsx":
            error = f"tệp {path.suffix.lower()}, không phải .xlsx"
            out.refused.append(Refused(name, (Problem("form_unreadable", name, params={"error": error}),)))
            continue
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha in known:
            out.before.append((name, known[sha]))
            continue
        if sha in first:
            out.twice.append((name, first[sha]))
            continue
        first[sha] = name
        got = read(path, name, ds, periods)
        if isinstance(got, Return):
            read_ones.append(got)
        else:
            out.refused.append(got)
    planned = merge.plan(ds, read_ones, at.date())
    out.refused += planned.refused
    out.refused.sort(key=lambda r: r.name)
    out.taken, out.changes, out.counts = planned.taken, planned.changes, planned.counts
    if all_or_nothing and out.refused:
        out.held = True
        out.taken, out.changes, out.counts = [], [], {}
    out.periods = sorted(_periods(out, periods), key=lambda p: p.sort_key)
    out.missing = _missing(ds, out)
    if not dry_run and not out.held and out.taken:
        _write(folder, ds, out, at)
    return out


def _files(returns: Path) -> list[Path]:
    """The workbooks under `returns` (and other spreadsheets, to say they are not read); Excel's lock files left out."""
    suffixes = {".xlsx", *OTHER_FORMATS}
    found = (p for p in returns.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    return sorted((p for p in found if not p.name.startswith(("~$", ".~lock"))), key=lambda p: p.as_posix())


def _periods(out: Outcome, asked: Collection[Period]) -> set[Period]:
    if asked:
        return set(asked)
    found = {r.form.period for r in out.taken} | {r.period for _, r in out.before}
    return found | {r.form.period for r in out.refused if r.form is not None}


def _missing(ds: Dataset, out: Outcome) -> dict[Period, list[Unit]]:
    """For each period of the collection, the units asked by default that have no return for it."""
    returned = {(r.unit, r.period) for r in ds.receipts} | {(r.form.unit, r.form.period) for r in out.taken}
    return {p: [u for u in default_units(ds) if (u.code, p) not in returned] for p in out.periods}


def _write(folder: Path, ds: Dataset, out: Outcome, at: dt.datetime) -> None:
    """values.csv (or .xlsx) and receipts.csv, each whole, once the merged folder validates."""
    if (folder / "receipts.xlsx").exists():
        raise DataError([Problem("receipts_workbook", f"{folder.name}/receipts.xlsx")])
    rows = [c.new for c in out.changes]
    order = [i.id for i in ds.indicators]
    if rows:
        csv_path, xlsx_path = folder / "values.csv", folder / "values.xlsx"
        path = xlsx_path if xlsx_path.exists() else csv_path
        if path == csv_path:
            data = merge.merged_csv(csv_path.read_bytes(), rows, ds.program.number_format, order)
        else:
            data = merge.merged_xlsx(xlsx_path, rows, order)
        _validate(folder, path, data)
        out.backup = files.back_up(path, at)
        files.write_whole(path, data)
        out.written.append(path)
    receipts = [
        Receipt(r.form.unit, r.form.period, at, r.name, r.sha256, *out.counts.get(r.name, (0, 0))) for r in out.taken
    ]
    path = folder / "receipts.csv"
    files.write_whole(path, merge.receipt_lines(path.read_bytes() if path.exists() else None, receipts))
    out.written.append(path)


def _validate(folder: Path, path: Path, data: bytes) -> None:
    """The folder with the merged values validates in full (or `DataError` is raised and nothing is written)."""
    problems: list[Problem] = []
    if path.suffix == ".csv":
        text = merge.Text.read(data)
        table = parse_csv(text.text if text else "", "values", f"{folder.name}/{path.name}", problems)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / path.name).write_bytes(data)
            table = read_table(Path(tmp), "values", problems)
    if problems or table is None:
        raise DataError(problems)
    check(folder, values=table)


# --- what the clerk reads ------------------------------------------------------


def summary(out: Outcome, returns: Path, folder: Path) -> str:
    """The collection in Vietnamese: taken, refused and why, revisions, already collected, units not returned."""
    ds = out.dataset
    unit_name = {u.code: u.name for u in ds.units}
    lines = [f"Thu biểu mẫu trong {returns}: {out.seen} tệp."]
    if out.periods:
        lines.append("Kỳ báo cáo: " + ", ".join(p.label for p in out.periods) + ".")
    added = sum(1 for c in out.changes if c.added)
    revised = [c for c in out.changes if not c.added]
    if out.held:
        lines.append(
            f"Không nhận biểu mẫu nào (--all-or-nothing) vì có {len(out.refused)} tệp không nhận được; "
            "sửa các tệp dưới đây rồi thu lại."
        )
    else:
        lines.append(
            f"Đã nhận {len(out.taken)} biểu mẫu: thêm {added} số liệu, sửa {len(revised)} số liệu"
            + (", không có số liệu mới." if not out.changes else ".")
        )
    if revised:
        lines.append(f"Số liệu được sửa ({len(revised)}):")
        for c in revised:
            assert c.old is not None
            lines.append(
                f"  - {unit_name.get(c.new.unit, c.new.unit)} ({c.new.unit}), chỉ tiêu {c.new.indicator}, "
                f"{c.new.period.label}: {_shown(c.old)} → {_shown(c.new)} ({c.file}, ô {c.cell})"
            )
    if out.refused:
        lines.append(f"Không nhận {len(out.refused)} tệp (không lấy số liệu nào của các tệp này):")
        for n, r in enumerate(out.refused, 1):
            if len(r.problems) == 1:
                lines.append(f"  {n}. {r.problems[0]}")
                continue
            lines.append(f"  {n}. {r.name}: {len(r.problems)} lỗi")
            lines += [f"     - {p}" for p in r.problems]
    if out.before:
        lines.append(f"Đã thu từ trước, bỏ qua {len(out.before)} tệp (không thay đổi gì):")
        for name, receipt in out.before:
            was = "" if receipt.file in ("", name) else f", tệp {receipt.file}"
            lines.append(f"  - {name} (đã thu lúc {receipt.received.strftime('%H:%M %d/%m/%Y')}{was})")
    if out.twice:
        lines.append(f"Tệp giống hệt nhau, chỉ lấy một lần ({len(out.twice)}):")
        lines += [f"  - {name} giống {other}" for name, other in out.twice]
    expected = len(default_units(ds))
    for period, units in out.missing.items():
        if not units:
            lines.append(f"{period.label}: đã đủ biểu mẫu của {expected} đơn vị.")
            continue
        lines.append(f"{period.label}: còn {len(units)}/{expected} đơn vị chưa gửi biểu mẫu:")
        lines += [f"  - {u.name} ({u.code})" for u in units]
    if out.dry_run:
        lines.append("Chạy thử (--dry-run): chưa ghi gì vào thư mục dữ liệu.")
    elif out.written:
        shown = " và ".join(f"{folder.name}/{p.name}" for p in out.written)
        kept = f" (bản trước lưu ở {out.backup.name})" if out.backup else ""
        lines.append(f"Đã ghi {shown}{kept}.")
    else:
        lines.append("Không ghi gì vào thư mục dữ liệu.")
    return "\n".join(lines)


def _shown(v: Value) -> str:
    text = merge.number_text(v.value)
    return text + (" (ước tính)" if v.status == "estimate" else "")
