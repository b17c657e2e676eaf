"""Synthetic programs in the data contract's form, of any size.

The benchmark needs programs far larger than the sample (a province's every
commune, quarterly) and the tests need small ones of the same shape. Values
are pseudo-random from a fixed seed, so one size always gives the same files.
"""

from __future__ import annotations

import csv
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


PROVINCES = 34  # provinces and centrally run cities after the 2025 reform


@dataclass(frozen=True)
class Shape:
    """How big a synthetic program is."""

    units: int = 20  # the root, districts and communes together
    indicators: int = 6
    periods: int = 8  # quarters, from Q1 of the first year
    topics: int = 3
    seed: int = 1
    national: bool = False  # the nation, its 34 provinces, then communes (units counts them all)

    @property
    def districts(self) -> int:
        """The units of the middle level: a province's districts, or the nation's provinces."""
        return PROVINCES if self.national else max(2, min(30, (self.units - 1) // 20))

    @property
    def years(self) -> int:
        return max(1, -(-self.periods // 4))


def period_codes(shape: Shape, start: int = 2021) -> list[str]:
    return [f"{start + n // 4}-Q{n % 4 + 1}" for n in range(shape.periods)]


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


def indicator_rows(shape: Shape) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n in range(1, shape.indicators + 1):
        group, name, measure, direction, target, target_type = _KINDS[(n - 1) % len(_KINDS)]
        if target_type == "cumulative":
            target = 50.0 * shape.units
        out.append(
            {
                "id": f"CT{n:02d}",
                "group": group,
                "name": f"{name} ({n})",
                "measure": measure,
                "direction": direction,
                "target": target,
                "target_type": target_type,
            }
        )
    return out


def value_rows(shape: Shape) -> Iterable[tuple[str, str, str, str]]:
    """Every indicator × unit × period, one number each."""
    rng = random.Random(shape.seed)
    periods = period_codes(shape)
    for ind in indicator_rows(shape):
        percent = ind["measure"] == "%"
        for code, *_ in unit_rows(shape):
            level = rng.uniform(40, 90) if percent else rng.uniform(5, 60)
            for n, period in enumerate(periods):
                x = min(100.0, level + n * 0.5 + rng.uniform(-3, 3)) if percent else level + rng.uniform(-5, 5)
                yield (str(ind["id"]), code, period, f"{max(0.0, x):.1f}")


def write(folder: Path, shape: Shape) -> Path:
    """A complete, valid data folder of the given shape."""
    folder.mkdir(parents=True, exist_ok=True)
    start = 2021
    end = start + max(4, shape.years) - 1
    yml = program_yml(
        "05-CTr/TU",
        f"Chương trình tổng hợp {shape.units} đơn vị",
        "Tỉnh ủy Thử Nghiệm",
        start,
        end,
        f"{end}-12-31",
        "Chương trình tổng hợp để đo thời gian dựng trang.",
    )
    (folder / "program.yml").write_text(yml, encoding="utf-8")
    _csv(folder / "units.csv", ("code", "name", "kind", "parent"), unit_rows(shape))
    columns = ("id", "group", "name", "measure", "direction", "target", "target_type")
    _csv(folder / "indicators.csv", columns, ([i[c] for c in columns] for i in indicator_rows(shape)))
    _csv(folder / "values.csv", ("indicator", "unit", "period", "value"), value_rows(shape))
    topics = [(f"T{n:02d}", f"Đề tài {n}", "Sở Nội vụ", "in_progress") for n in range(1, shape.topics + 1)]
    _csv(folder / "topics.csv", ("id", "title", "lead_agency", "status"), topics)
    (folder / "topics").mkdir(exist_ok=True)
    for tid, title, *_ in topics:
        (folder / "topics" / f"{tid}.md").write_text(f"Tóm tắt {title}.\n", encoding="utf-8")
    return folder


def _csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if c is None else c for c in row])
