"""Synthetic programs in the data contract's form, of any size.

The benchmark needs programs far larger than the sample (a province's every
commune, quarterly) and the tests need small ones of the same shape. Values
are pseudo-random from a fixed seed, so one size always gives the same files.

Two shapes (`Shape.form`):

- `real` (the default): filled the way `data/` and the offices fill it. Every
  column of `values.csv` (statuses mixed, a source on some rows, a note on a
  few, the date each figure was reported, figures with one or two decimals
  that differ unit by unit, a few cells left empty); indicators with their
  target as worded, baselines, documents, both `rank_units`, monitoring
  indicators (`direction: none`), the marks of targets and baselines;
  documents, milestones, and findings of every kind.
- `plain`: four columns of `values.csv`, every value official (the program
  is not illustrative: there a value without a status is illustrative), no
  other table beyond the required ones (the benchmark's data before).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

PROGRAM_YML = """\
code: "{code}"
title: "{title}"
issuer: "{issuer}"
term: "khóa I"
adopted: {start}-03-01
period:
  start: {start}
  end: {end}
as_of: {as_of}
summary: |
  {summary}
illustrative: {illustrative}
"""

REAL_YML = """\
place: "Thành phố Thử Nghiệm"
next_term: "{next_start}–{next_end}"
contact: "Văn phòng Tỉnh ủy, phòng Tổng hợp: 0200 3 800 000"
innovations: |
  Ban Thường vụ Tỉnh ủy ban hành chương trình, kế hoạch sát với yêu cầu thực tiễn; **giao chỉ tiêu
  đến từng cấp ủy cơ sở** và kiểm tra, giám sát theo quý.
"""


def program_yml(
    code: str, title: str, issuer: str, start: int, end: int, as_of: str, summary: str, illustrative: bool = True
) -> str:
    """A `program.yml` in the data contract's form (text given here is plain: no YAML quoting needed)."""
    flag = "true" if illustrative else "false"
    return PROGRAM_YML.format(
        code=code, title=title, issuer=issuer, start=start, end=end, as_of=as_of, summary=summary, illustrative=flag
    )


# (group, name, measure, direction, target, target_type)
_KINDS = (
    ("Tổ chức đảng", "Tỷ lệ tổ chức cơ sở đảng trong sạch, vững mạnh", "%", "up", 70.0, "annual"),
    ("Đảng viên", "Số đảng viên mới kết nạp", "người", "up", None, "cumulative"),
    ("Cán bộ", "Tỷ lệ cán bộ có trình độ đại học", "%", "up", 95.0, "end"),
    ("Kiểm tra", "Số tổ chức đảng yếu kém", "tổ chức", "down", 5.0, "end"),
)

# The real shape's indicators, beyond the plain ones' columns: what `data/indicators.csv` fills.
# (group, name, measure, direction, target, target_type, target_text, target_op, rank_units, baseline,
#  target_status, baseline_status)
_REAL_KINDS = (
    ("Tổ chức đảng", "Tỷ lệ tổ chức cơ sở đảng trong sạch, vững mạnh", "%", "up", 70.0, "annual",
     "Hơn 70% mỗi năm", ">", "", None, "", ""),
    ("Đảng viên", "Số đảng viên mới kết nạp", "người", "up", None, "cumulative",
     "Kết nạp mỗi năm bình quân 150 đảng viên mới mỗi đơn vị", "", "", None, "estimate", ""),
    ("Cán bộ", "Tỷ lệ cán bộ cấp xã có trình độ đại học trở lên", "%", "up", 95.0, "end",
     "95% cán bộ cấp xã có trình độ đại học trở lên vào cuối nhiệm kỳ", "", "yes", 62.5, "", "illustrative"),
    ("Kiểm tra", "Số tổ chức cơ sở đảng yếu kém", "tổ chức", "down", 5.0, "end",
     "Cơ bản không còn tổ chức cơ sở đảng yếu kém", "<=", "", 40.0, "", ""),
    ("Kiểm tra", "Số đảng viên bị kỷ luật", "người", "none", None, "",
     "", "", "", None, "", ""),
    ("Tổ chức bộ máy", "Số người hoạt động không chuyên trách được bố trí kiêm nhiệm", "người", "down", 2.0, "end",
     "Giảm số người hoạt động không chuyên trách theo đề án, từng bước vững chắc", "", "no", 12.0, "", "estimate"),
)  # fmt: skip

DOCUMENTS = (  # number, kind, date (in the first year), title, progress, result
    ("05-CTr/TU", "program", "03-01", "Chương trình tổng hợp về xây dựng Đảng", "in_progress", ""),
    ("12-NQ/TU", "resolution", "06-15", "Nghị quyết về củng cố tổ chức cơ sở đảng yếu kém", "", ""),
    ("08-CT/TU", "directive", "09-20", "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ", "", ""),
    ("21-ĐA/TU", "scheme", "11-02", "Đề án sắp xếp, bố trí kiêm nhiệm các chức danh không chuyên trách ở cấp xã",
     "in_progress", "Đã sắp xếp **một phần ba** số chức danh; phần còn lại theo lộ trình."),
    ("03-KH/TU", "plan", "12-10", "Kế hoạch kiểm tra, giám sát toàn khóa", "completed",
     "Hoàn thành các cuộc kiểm tra theo kế hoạch."),
)  # fmt: skip

FINDING_KINDS = ("overall", "highlight", "strength", "limitation", "cause", "lesson", "direction", "solution")

STATUSES = ("official", "estimate", "illustrative")

NOTES = (
    "Số liệu ước tính đến hết tháng cuối quý",
    "Đơn vị báo cáo chậm, số liệu tạm tính",
    "Bao gồm cả số liệu của đơn vị sáp nhập",
    "Số liệu đã được điều chỉnh sau kiểm tra",
)


PROVINCES = 34  # provinces and centrally run cities after the 2025 reform

FORMS = ("real", "plain")  # the real shape fills what `data/` fills; the plain one, four columns of values


@dataclass(frozen=True)
class Shape:
    """How big a synthetic program is, and how it is filled (`form`, one of `FORMS`)."""

    units: int = 20  # the root, districts and communes together
    indicators: int = 6
    periods: int = 8  # quarters, from Q1 of the first year
    topics: int = 3
    seed: int = 1
    national: bool = False  # the nation, its 34 provinces, then communes (units counts them all)
    form: str = "real"
    illustrative: bool = True  # the program's `illustrative` flag (the real shape measures both)

    @property
    def districts(self) -> int:
        """The units of the middle level: a province's districts, or the nation's provinces."""
        return PROVINCES if self.national else max(2, min(30, (self.units - 1) // 20))

    @property
    def years(self) -> int:
        return max(1, -(-self.periods // 4))

    @property
    def real(self) -> bool:
        return self.form == "real"


START = 2021  # the first year of every synthetic program


def period_codes(shape: Shape, start: int = START) -> list[str]:
    return [f"{start + n // 4}-Q{n % 4 + 1}" for n in range(shape.periods)]


def end_year(shape: Shape) -> int:
    return START + max(4, shape.years) - 1


def unit_rows(shape: Shape) -> list[tuple[str, str, str, str]]:
    """A province, its districts, then communes spread over the districts (national: the nation, its provinces)."""
    if shape.national:
        rows = [("VN", "Toàn quốc", "other", "")]
        districts = [f"T{d:02d}" for d in range(1, shape.districts + 1)]
        rows += [(code, f"Tỉnh {code[1:]}", "province", "VN") for code in districts]
    else:
        rows = [("TINH", "Tỉnh Thử Nghiệm", "province", "")]
        districts = [f"H{d:02d}" for d in range(1, shape.districts + 1)]
        rows += [(code, f"Huyện {code[1:]}", "rural_district", "TINH") for code in districts]
    for n in range(1, shape.units - len(rows) + 1):
        rows.append((f"X{n:04d}", f"Xã Số {n}", "commune", districts[n % len(districts)]))
    return rows


PLAIN_INDICATOR_COLUMNS = ("id", "group", "name", "measure", "direction", "target", "target_type")
REAL_INDICATOR_COLUMNS = (
    *PLAIN_INDICATOR_COLUMNS,
    *("target_text", "target_op", "rank_units", "baseline", "baseline_year", "target_status", "baseline_status"),
    *("document", "source", "visibility", "description"),
)


def indicator_rows(shape: Shape) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n in range(1, shape.indicators + 1):
        kind = _REAL_KINDS[(n - 1) % len(_REAL_KINDS)] if shape.real else _KINDS[(n - 1) % len(_KINDS)]
        group, name, measure, direction, target, target_type = kind[:6]
        row: dict[str, object] = {
            "id": f"CT{n:02d}",
            "group": group,
            "name": f"{name} ({n})",
            "measure": measure,
            "direction": direction,
            "target": 50.0 * shape.units if target_type == "cumulative" else target,
            "target_type": target_type,
        }
        if shape.real:
            text, op, rank, baseline, t_status, b_status = _REAL_KINDS[(n - 1) % len(_REAL_KINDS)][6:]
            document = DOCUMENTS[(n - 1) % len(DOCUMENTS)][0]
            row |= {
                "target_text": text,
                "target_op": op,
                "rank_units": rank,
                "baseline": baseline,
                "baseline_year": START - 1 if baseline is not None else None,
                "target_status": t_status,
                "baseline_status": b_status,
                "document": document,
                "source": f"Báo cáo của Ban Tổ chức Tỉnh ủy về chỉ tiêu {n}",
                "visibility": "public",
                "description": f"Chỉ tiêu theo {document}. Số liệu do các cấp ủy **báo cáo theo quý**.",
            }
        out.append(row)
    return out


def value_rows(shape: Shape) -> Iterable[tuple[str, ...]]:
    """Every indicator × unit × period, one number each (the real shape: with every column, as offices fill it)."""
    if shape.real:
        yield from _real_value_rows(shape)
        return
    rng = random.Random(shape.seed)
    periods = period_codes(shape)
    for ind in indicator_rows(shape):
        percent = ind["measure"] == "%"
        for code, *_ in unit_rows(shape):
            level = rng.uniform(40, 90) if percent else rng.uniform(5, 60)
            for n, period in enumerate(periods):
                x = min(100.0, level + n * 0.5 + rng.uniform(-3, 3)) if percent else level + rng.uniform(-5, 5)
                yield (str(ind["id"]), code, period, f"{max(0.0, x):.1f}")


VALUE_COLUMNS = {
    "plain": ("indicator", "unit", "period", "value"),
    "real": ("indicator", "unit", "period", "value", "status", "source", "note", "reported"),
}


def reported_on(period: str, days: int, shape: Shape) -> str:
    """The date a quarter's figure was reported: `days` after the quarter, never after the program's as_of."""
    year, quarter = int(period[:4]), int(period[-1])
    month = quarter * 3 + 1
    at = dt.date(year + month // 13, month - 12 * (month // 13), 1) + dt.timedelta(days=days)
    return min(at, dt.date(end_year(shape), 12, 31)).isoformat()


def _real_value_rows(shape: Shape) -> Iterable[tuple[str, ...]]:
    """Statuses mixed (mostly official), a source on about one row in six, a note on about one in fifty, one or
    two decimals by unit, about one cell in a hundred without a figure, and the date each figure was reported."""
    rng = random.Random(shape.seed)
    periods = period_codes(shape)
    units = unit_rows(shape)
    reported = {(p, d): reported_on(p, d, shape) for p in periods for d in range(5, 41)}
    for ind in indicator_rows(shape):
        percent = ind["measure"] == "%"
        for u, (code, name, *_) in enumerate(units):
            decimals = 2 if u % 3 == 0 else 1
            level = rng.uniform(40, 90) if percent else rng.uniform(5, 60)
            for n, period in enumerate(periods):
                x = min(100.0, level + n * 0.5 + rng.uniform(-3, 3)) if percent else level + rng.uniform(-5, 5)
                draw = rng.random()
                if draw < 0.01:  # no figure yet
                    yield (str(ind["id"]), code, period, "", "", "", "", "")
                    continue
                status = "official" if draw < 0.82 else "estimate" if draw < 0.94 else "illustrative"
                if draw < 0.3:
                    status = ""  # official by default (in an illustrative program: illustrative)
                source = f"Báo cáo số {n + 1}-BC/ĐU của {name}" if rng.random() < 0.16 else ""
                note = NOTES[n % len(NOTES)] if rng.random() < 0.02 else ""
                day = reported[period, 5 + int(rng.random() * 36)]
                yield (str(ind["id"]), code, period, f"{max(0.0, x):.{decimals}f}", status, source, note, day)


def write(folder: Path, shape: Shape) -> Path:
    """A complete, valid data folder of the given shape."""
    folder.mkdir(parents=True, exist_ok=True)
    end = end_year(shape)
    yml = program_yml(
        "05-CTr/TU",
        f"Chương trình tổng hợp {shape.units} đơn vị",
        "Tỉnh ủy Thử Nghiệm",
        START,
        end,
        f"{end}-12-31",
        "Chương trình tổng hợp để đo thời gian dựng trang.",
        shape.illustrative and shape.real,  # plain: every value official, as before (no status said is official)
    )
    if shape.real:
        yml += REAL_YML.format(next_start=end, next_end=end + 5)
    (folder / "program.yml").write_text(yml, encoding="utf-8")
    _csv(folder / "units.csv", ("code", "name", "kind", "parent"), unit_rows(shape))
    columns = REAL_INDICATOR_COLUMNS if shape.real else PLAIN_INDICATOR_COLUMNS
    _csv(folder / "indicators.csv", columns, ([i[c] for c in columns] for i in indicator_rows(shape)))
    _csv(folder / "values.csv", VALUE_COLUMNS[shape.form], value_rows(shape))
    (folder / "topics").mkdir(exist_ok=True)
    topics: list[tuple[object, ...]]
    if shape.real:
        topics = [
            (f"T{n:02d}", f"Đề tài {n}", "Sở Nội vụ", "TS. Nguyễn Văn A", "Xây dựng Đảng", START, START + 1,
             ("planned", "in_progress", "accepted_base", "accepted_city")[n % 4], "khá" if n % 4 > 1 else "",
             f"Đề tài {n} đề xuất giải pháp nâng cao chất lượng sinh hoạt chi bộ." if n % 2 else "",
             f"{START + 1}-12-15" if n % 4 > 1 else "")
            for n in range(1, shape.topics + 1)
        ]  # fmt: skip
        header: tuple[str, ...] = ("id", "title", "lead_agency", "chair", "field", "start", "end", "status")
        header += ("rating", "summary", "accepted_on")
        _csv(folder / "topics.csv", header, topics)
        _write_real_tables(folder, shape)
    else:
        topics = [(f"T{n:02d}", f"Đề tài {n}", "Sở Nội vụ", "in_progress") for n in range(1, shape.topics + 1)]
        _csv(folder / "topics.csv", ("id", "title", "lead_agency", "status"), topics)
    for tid, title, *_ in topics:
        (folder / "topics" / f"{tid}.md").write_text(f"Tóm tắt {title}.\n", encoding="utf-8")
    return folder


def _write_real_tables(folder: Path, shape: Shape) -> None:
    """Documents, milestones and findings of every kind, as the sample fills them."""
    documents = [
        (number, kind, f"{START}-{day}", title, "Tỉnh ủy Thử Nghiệm", "Xây dựng Đảng", f"Tóm tắt {number}.",
         progress, result, "public", "Công báo tỉnh")
        for number, kind, day, title, progress, result in DOCUMENTS
    ]  # fmt: skip
    header = ("number", "kind", "date", "title", "issuer", "field", "summary", "progress", "result")
    _csv(folder / "documents.csv", (*header, "visibility", "source"), documents)
    milestones = [
        (f"{year}-12-20", f"Hội nghị sơ kết năm {year}", "Bí thư Tỉnh ủy", f"Sơ kết việc thực hiện năm {year}.",
         "public", "Báo Thử Nghiệm")
        for year in range(START, end_year(shape) + 1)
    ]  # fmt: skip
    _csv(folder / "milestones.csv", ("date", "title", "chair", "summary", "visibility", "source"), milestones)
    indicators = [str(i["id"]) for i in indicator_rows(shape)]
    findings: list[tuple[object, ...]] = []
    for kind in FINDING_KINDS:
        for order in range(1, 4):
            n = len(findings)
            related = ";".join((indicators[n % len(indicators)], DOCUMENTS[n % len(DOCUMENTS)][0]))
            findings.append(
                (kind, order, f"Nội dung {order} ({kind})", f"Nội dung **{kind}** thứ {order} của báo cáo.",
                 "Ban Tổ chức Tỉnh ủy" if kind == "limitation" else "",
                 ("objective", "subjective")[order % 2] if kind == "cause" else "",
                 related, "Báo cáo sơ kết" if order % 2 else "",
                 f"{START + 1}-06-30" if order == 3 else "", "public")
            )  # fmt: skip
    header = ("kind", "order", "title", "text", "responsible", "aspect", "related", "source", "date")
    _csv(folder / "findings.csv", (*header, "visibility"), findings)


def _csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if c is None else c for c in row])
