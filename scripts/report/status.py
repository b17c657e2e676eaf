"""The status of an indicator against its target (the data contract's method).

Pure functions over an indicator, the values of one unit and the program's
period; the site computes the program's status for the root unit and the
same measure for every other unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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


# How sure the figure a status was computed from is: the weakest of the values it was computed from.
BASIS_ORDER = ("official", "estimate", "illustrative")


@dataclass(frozen=True)
class Status:
    code: str
    compared: float | None = None  # the figure held against the target: the latest value, or the sum
    period: Period | None = None  # the latest period with a value
    progress: float | None = None  # share of the way to the target
    elapsed: float | None = None  # share of the time elapsed
    basis: str = "official"  # official, estimate or illustrative: the weakest value `compared` rests on
    first: Period | None = None  # cumulative: the first period summed
    met: int | None = None  # annual: how many periods with a value met the target
    counted: int | None = None  # annual: how many periods had a value

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
        if latest is None:
            return Status("no_target")
        return Status("no_target", latest.value, latest.period, basis=latest.status)
    if latest is None or latest.value is None:
        return Status("no_data")
    target, op = indicator.target, indicator.op
    extra: dict[str, Any] = {"basis": latest.status}
    if indicator.target_type == "cumulative":
        compared = sum(v.value for v in observed if v.value is not None)
        extra = {"basis": weakest(v.status for v in observed), "first": observed[0].period}
    else:
        compared = latest.value
    if indicator.target_type == "annual":
        extra["met"] = sum(1 for v in observed if v.value is not None and met(v.value, target, op))
        extra["counted"] = len(observed)
    if met(compared, target, op):
        return Status("achieved", compared, latest.period, **extra)
    if indicator.target_type == "annual":
        return Status("not_met", compared, latest.period, **extra)
    if indicator.target_type == "cumulative":
        start_day = program.first_day
        progress = compared / target if target else 0.0
        if indicator.direction == "down":
            progress = 0.0  # a ceiling already passed cannot be caught up with
    else:
        base_year = indicator.baseline_year
        start_day = program.first_day if base_year is None else Period(base_year, 12, 1).next_day
        if indicator.baseline is None or abs(indicator.baseline - target) < _EPS:
            return Status("behind", compared, latest.period, **extra)
        progress = (compared - indicator.baseline) / (target - indicator.baseline)
    total = (program.next_day_after - start_day).days
    # A figure reported before its period ends covers the time up to the report (a 2020 figure at 30/06/2020).
    reached = min(latest.period.next_day, program.as_of + dt.timedelta(days=1))
    elapsed = 1.0 if total <= 0 else min(1.0, max(0.0, (reached - start_day).days / total))
    code = "on_track" if progress + _EPS >= elapsed else "behind"
    return Status(code, compared, latest.period, progress, elapsed, **extra)


def met(value: float, target: float, op: str) -> bool:
    """Whether `value` meets `target` under `op` (`>=`, `>`, `<=`, `<`); equality to 1e-9."""
    if op == ">=":
        return value + _EPS >= target
    if op == ">":
        return value > target + _EPS
    if op == "<=":
        return value - _EPS <= target
    return value < target - _EPS


def weakest(kinds: Iterable[str]) -> str:
    """The least sure of some values' kinds: illustrative, then estimate, then official."""
    return max(kinds, key=BASIS_ORDER.index, default="official")
