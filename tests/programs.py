"""Write small programs in the data contract's form, for tests.

`write_program` lays out a complete, valid data folder whose shape is set by
its arguments (how many units, which periods, which indicators); tests then
break or change one file to exercise one rule.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from scripts import synthetic


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if c is None else c for c in row])
    return path


def write_program(
    folder: Path,
    *,
    code: str = "02-CTr/TU",
    title: str = "Chương trình thử",
    issuer: str = "Tỉnh ủy Bạch Liên",
    start: int = 2021,
    end: int = 2025,
    as_of: str = "2023-10-01",
    illustrative: bool = True,
    communes: int = 4,
    periods: Sequence[str] = ("2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1"),
    topics: int = 3,
    indicators: Sequence[dict[str, object]] | None = None,
    values: Sequence[Sequence[object]] | None = None,
) -> Path:
    """A complete data folder: a province, `communes` communes, quarterly values."""
    folder.mkdir(parents=True, exist_ok=True)
    yml = synthetic.program_yml(code, title, issuer, start, end, as_of, "Chương trình thử nghiệm.", illustrative)
    (folder / "program.yml").write_text(yml, encoding="utf-8")
    units = [("BL", "Tỉnh Bạch Liên", "province", "")]
    units += [(f"X{n:03d}", f"Xã Số {n}", "commune", "BL") for n in range(1, communes + 1)]
    write_csv(folder / "units.csv", ("code", "name", "kind", "parent"), units)
    inds = list(
        indicators
        or [
            {"id": "A1", "group": "Nhóm A", "name": "Tỷ lệ A", "measure": "%", "direction": "up",
             "target": 80, "target_type": "annual"},
            {"id": "B2", "group": "Nhóm B", "name": "Số B", "measure": "người", "direction": "up",
             "target": 1000, "target_type": "cumulative"},
        ]
    )  # fmt: skip
    columns = ("id", "group", "name", "measure", "direction", "target", "target_type", "baseline", "baseline_year")
    write_csv(folder / "indicators.csv", columns, [[i.get(c, "") for c in columns] for i in inds])
    if values is None:
        rows: list[Sequence[object]] = []
        for ind in inds:
            for code_, *_ in units:
                for n, period in enumerate(periods):
                    base = 60 + n * 5 if ind["measure"] == "%" else 40 + n
                    rows.append(
                        (
                            ind["id"],
                            code_,
                            period,
                            base if code_ != "BL" else base * (1 if ind["measure"] == "%" else communes),
                        )
                    )
        values = rows
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value"), values)
    topic_rows = [
        (f"T{n:02d}", f"Đề tài {n}", "Sở Nội vụ", "accepted_base" if n % 2 else "in_progress")
        for n in range(1, topics + 1)
    ]
    write_csv(folder / "topics.csv", ("id", "title", "lead_agency", "status"), topic_rows)
    for tid, title_, *_ in topic_rows:
        (folder / "topics").mkdir(exist_ok=True)
        (folder / "topics" / f"{tid}.md").write_text(
            f"Tóm tắt {title_}.\n\n## Kết quả\n\n- Một kết quả.\n", encoding="utf-8"
        )
    return folder


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Số liệu") -> Path:
    """A workbook as Excel would save what staff typed: numbers as numbers, `85,2%` as 0.852 in a % cell."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            text = "" if value is None else str(value)
            if text.endswith("%") and _is_number(text[:-1]):
                cell.value = float(text[:-1]) / 100
                cell.number_format = "0.0%"
            elif _is_number(text) and r > 1:
                cell.value = int(text) if text.lstrip("-").isdigit() else float(text)
            else:
                cell.value = value if not isinstance(value, str) else value or None
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text != ""


def write_assessment(
    folder: Path,
    findings: Sequence[Sequence[object]],
    *,
    place: str = "",
    next_term: str = "",
    documents: Sequence[Sequence[object]] = (),
) -> Path:
    """A small program (`write_program`) with the report's assessment: findings rows of
    (kind, order, title, text, responsible, aspect, related), v3 `place` and `next_term`, and documents
    of (number, kind, date, title, progress, result). Its figures are official, so nothing is marked."""
    write_program(folder, illustrative=False)
    with (folder / "program.yml").open("a", encoding="utf-8") as f:
        f.write(f'place: "{place}"\n' if place else "")
        f.write(f'next_term: "{next_term}"\n' if next_term else "")
    columns = ("kind", "order", "title", "text", "responsible", "aspect", "related")
    write_csv(folder / "findings.csv", columns, findings)
    if documents:
        write_csv(folder / "documents.csv", ("number", "kind", "date", "title", "progress", "result"), documents)
    return folder
