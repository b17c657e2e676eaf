"""What the data allows but a report should not be published with as it stands: the checker's warnings.

Each caution names the file, the row as a spreadsheet shows it and the
column, like a problem of the data (`scripts.data.errors.Problem`), but does
not stop the build:

- a limitation with no body responsible (the report must name one for each);
- a limitation that cites an indicator whose status is "Đã đạt": the text and
  the figures contradict each other, and should be looked at before publishing;
- a scheme (program, plan, thematic work) whose result is older than the newest
  figure of an indicator it drives, or says nothing while that indicator has
  figures: the dates a result mentions ("12/2019", "năm 2019") tell its age;
- findings without an overall assessment (`findings.csv` kind `overall`), which opens "Đánh giá chung".

Statuses come from `Results`, so this is the report's stage; the rows come from
the data folder's tables as they were read, when a folder is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scripts.data import schema
from scripts.data.errors import Problem
from scripts.data.load import RawTable, display_name, read_table
from scripts.data.model import Dataset, Document, Finding
from scripts.report import fmt
from scripts.report.compute import Results
from scripts.report.status import LABELS


@dataclass(frozen=True)
class Caution:
    """One warning, located as a spreadsheet user would find it."""

    code: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    text: str  # what is wrong and what to do, in Vietnamese

    @property
    def location(self) -> str:
        parts = [self.file] + ([f"dòng {self.row}"] if self.row is not None else [])
        return ", ".join(parts + ([f"cột {self.column}"] if self.column else []))

    def __str__(self) -> str:
        found = f'"{self.value}" ' if self.value is not None else ""
        return f"{self.location}: {found}{self.text}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "message": str(self)}


@dataclass(frozen=True)
class Rows:
    """Where each finding and document stands in its table: (file shown in messages, row number)."""

    findings_file: str = "findings.csv"
    documents_file: str = "documents.csv"
    findings: dict[tuple[str, int], int] | None = None
    documents: dict[str, int] | None = None

    def finding(self, f: Finding) -> int | None:
        return None if self.findings is None else self.findings.get((f.kind, f.order))

    def document(self, d: Document) -> int | None:
        return None if self.documents is None else self.documents.get(d.number)


def rows_of(folder: Path) -> Rows:
    """The rows of the findings and documents of the data folder, read again as staff saved them."""
    problems: list[Problem] = []  # the folder was checked already: nothing new is found here
    findings, documents = read_table(folder, "findings", problems), read_table(folder, "documents", problems)
    return Rows(
        findings.file if findings else display_name(folder, "findings.csv"),
        documents.file if documents else display_name(folder, "documents.csv"),
        _numbers(findings, ("kind", "order")) if findings else None,
        {k[0]: n for k, n in _numbers(documents, ("number",)).items()} if documents else None,
    )


def _numbers(table: RawTable, keys: tuple[str, ...]) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for row in table.rows:
        cells = {k.strip().lower(): v for k, v in row.cells.items()}
        key = tuple(_key(cells.get(k)) for k in keys)
        out.setdefault(key, row.number)
    return out


def _key(cell: object) -> object:
    """A cell as the dataset holds it: an order as a whole number, text as it is."""
    if isinstance(cell, (int, float)):
        return int(cell)
    text = str(cell or "").strip()
    try:
        return int(float(text.replace(",", ".")))
    except ValueError:
        return text


def cautions(ds: Dataset, r: Results, rows: Rows | None = None) -> tuple[Caution, ...]:
    """Every caution about `ds`, in the order of the files and rows they are about."""
    rows = rows or Rows()
    found = [*_limitations(ds, r, rows), *_overall(ds, rows), *_schemes(ds, r, rows)]
    return tuple(sorted(found, key=lambda c: (c.file, c.row or 0, c.code)))


def _limitations(ds: Dataset, r: Results, rows: Rows) -> list[Caution]:
    out = []
    for f in ds.findings_of("limitation"):
        where = rows.findings_file, rows.finding(f)
        if not f.responsible:
            out.append(
                Caution(
                    "no_responsible",
                    *where,
                    "responsible",
                    None,
                    f"hạn chế {f.order} «{f.title}» chưa ghi cơ quan, tổ chức chịu trách nhiệm — báo cáo phải nêu rõ "
                    "cơ quan, tổ chức có trách nhiệm với từng hạn chế",
                )
            )
        for item in f.related:
            i = ds.indicator_by_id.get(item)
            if i is not None and r.status(i.id).code == "achieved":
                out.append(
                    Caution(
                        "limitation_achieved",
                        *where,
                        "related",
                        item,
                        f"hạn chế {f.order} «{f.title}» dẫn chỉ tiêu “{i.name}”, chỉ tiêu này được đánh giá "
                        f"“{LABELS['achieved']}” — xem lại hạn chế hoặc số liệu trước khi công bố",
                    )
                )
    return out


def _overall(ds: Dataset, rows: Rows) -> list[Caution]:
    if not ds.findings or ds.findings_of("overall"):  # an assessment not begun yet lacks more than its opening
        return []
    text = (
        "chưa có đánh giá chung (dòng có kind là overall) — phần “Đánh giá chung” của báo cáo mở đầu bằng "
        "một hoặc vài đoạn đánh giá chung trước các ưu điểm, hạn chế"
    )
    return [Caution("no_overall", rows.findings_file, None, "kind", None, text)]


_DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)\b(?![/.,]\d)")


def stated_until(text: str) -> dt.date | None:
    """The latest day a result's text speaks of: "31/12/2019", "12/2019" (its last day), "2019" (31/12)."""
    days: list[dt.date] = []
    rest = text
    for m in _DAY.finditer(text):
        with contextlib.suppress(ValueError):  # 31/02/2020 is no day
            days.append(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    rest = _DAY.sub(" ", rest)
    for m in _MONTH.finditer(rest):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            days.append(dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
    rest = _MONTH.sub(" ", rest)
    days += [dt.date(int(m.group(1)), 12, 31) for m in _YEAR.finditer(rest)]
    return max(days) if days else None


def _schemes(ds: Dataset, r: Results, rows: Rows) -> list[Caution]:
    out = []
    for d in ds.documents:
        if d.kind not in schema.TRACKED_KINDS or d.number == ds.program.code:
            continue
        newest = None
        for i in r.documents_driving(d.number):
            v = r.latest(i.id)
            if v is not None and (newest is None or v.period.sort_key > newest[1].period.sort_key):
                newest = (i, v)
        if newest is None:
            continue
        i, v = newest
        when = v.period.label[:1].lower() + v.period.label[1:]
        figure = f"“{i.name}” có số liệu {when}: {fmt.quantity_text(v.value, i.measure, r.decimals(i))}"
        where = rows.documents_file, rows.document(d)
        if not d.result.strip():
            text = (
                f"{d.number} chưa ghi kết quả, trong khi chỉ tiêu {figure} — ghi kết quả thực hiện đến nay; "
                "trong lúc chưa ghi, báo cáo dẫn số liệu của chỉ tiêu"
            )
            out.append(Caution("scheme_result_stale", *where, "result", None, text))
            continue
        until = stated_until(d.result)
        if until is not None and until < min(v.period.last_day, ds.program.as_of):
            text = (
                f"kết quả của {d.number} ghi đến {fmt.date(until)}, cũ hơn số liệu mới nhất của chỉ tiêu gắn với "
                f"văn bản: {figure} — cập nhật kết quả cho cùng kỳ với số liệu"
            )
            out.append(Caution("scheme_result_stale", *where, "result", None, text))
    return out
