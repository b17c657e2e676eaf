"""The status of an indicator against its target (the data contract's method).

Pure functions over an indicator, the values of one unit and the program's
period; the site computes the program's status for the root unit and the
same measure for every other unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scripts.data.model import Indicator, Period, Program, Value

LABELS: dict[str, str] = {
    "no_target": "Không có chỉ tiêu định lượng",
    "no_data": "Chưa có số liệu",
    "achieved": "Đã đạt",
    "not_met": "Chưa đạt",
    "on_track": "Đúng tiến độ",
    "behind": "Chậm tiến độ",
}
ORDER = ("achieved", "on_track", "behind", "not_met", "no_data", "no_target")
ICONS = {"achieved": "✔", "on_track": "➚", "behind": "⚠", "not_met": "✘", "no_data": "…", "no_target": "–"}
_EPS = 1e-9


@dataclass(frozen=True)
class Status:
    code: str
    compared: float | None = None  # the value compared with the target (latest or sum)
    period: Period | None = None  # the latest period with a value
    progress: float | None = None  # share of the way to the target
    elapsed: float | None = None  # share of the time elapsed

    @property
    def label(self) -> str:
        return LABELS[self.code]


def compute(indicator: Indicator, values: Iterable[Value], program: Program) -> Status:
    """The status of `indicator` for one unit, from that unit's values."""
    observed = sorted(
        (v for v in values if v.value is not None and program.covers(v.period)),
        key=lambda v: v.period.sort_key,
    )
    latest = observed[-1] if observed else None
    if indicator.target is None or indicator.target_type is None:
        return Status("no_target", latest.value if latest else None, latest.period if latest else None)
    if latest is None or latest.value is None:
        return Status("no_data")
    target = indicator.target
    if indicator.target_type == "cumulative":
        compared = sum(v.value for v in observed if v.value is not None)
    else:
        compared = latest.value
    if _met(compared, target, indicator.direction):
        return Status("achieved", compared, latest.period)
    if indicator.target_type == "annual":
        return Status("not_met", compared, latest.period)
    if indicator.target_type == "cumulative":
        start_day = program.first_day
        progress = compared / target if target else 0.0
        if indicator.direction == "down":
            progress = 0.0  # a ceiling already passed cannot be caught up with
    else:
        base_year = indicator.baseline_year
        start_day = program.first_day if base_year is None else Period(base_year, 12, 1).next_day
        if indicator.baseline is None or abs(indicator.baseline - target) < _EPS:
            return Status("behind", compared, latest.period)
        progress = (compared - indicator.baseline) / (target - indicator.baseline)
    total = (program.next_day_after - start_day).days
    elapsed = 1.0 if total <= 0 else min(1.0, max(0.0, (latest.period.next_day - start_day).days / total))
    code = "on_track" if progress + _EPS >= elapsed else "behind"
    return Status(code, compared, latest.period, progress, elapsed)


def _met(value: float, target: float, direction: str) -> bool:
    return value + _EPS >= target if direction == "up" else value - _EPS <= target
