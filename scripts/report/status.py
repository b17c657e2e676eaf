"""The status of an indicator against its target (the data contract's method).

Pure functions over an indicator, the values of one unit and the program's
period; the site computes the program's status for the root unit and the
same measure for every other unit.
"""

from __future__ import annotations

import datetime as dt
import functools
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
    "unassessed": "Chưa đủ số liệu để đánh giá tiến độ",
    "monitored": "Theo dõi",
}
ORDER = ("achieved", "on_track", "behind", "not_met", "unassessed", "monitored", "no_data", "no_target")
ICONS = {
    "achieved": "✔",
    "on_track": "➚",
    "behind": "⚠",
    "not_met": "✘",
    "unassessed": "?",
    "monitored": "◉",
    "no_data": "…",
    "no_target": "–",
}
VERDICTS = ("achieved", "on_track", "behind", "not_met")  # the codes that hold a figure against a target
_EPS = 1e-9


# How sure a figure or a status is: the marks it carries, every mark of what it rests on. A figure or a status
# may carry both ("ước, minh họa"): an estimate of an illustrative program, or a sum of the two kinds.
MARKS_OF = {
    "official": frozenset(),
    "estimate": frozenset({"estimate"}),
    "illustrative": frozenset({"illustrative"}),
    "estimate_illustrative": frozenset({"estimate", "illustrative"}),
}
KINDS = tuple(MARKS_OF)  # every kind a figure or a status rests on, the surest first


@dataclass(frozen=True)
class Status:
    code: str
    compared: float | None = None  # the figure held against the target: the latest value, or the sum
    period: Period | None = None  # the latest period with a value
    progress: float | None = None  # share of the way to the target
    elapsed: float | None = None  # share of the time elapsed
    basis: str = "official"  # a kind of `KINDS`: every mark of what the status rests on (figures, target, baseline)
    kind: str = "official"  # a kind of `KINDS`: every mark of `compared` alone (the values it is or sums)
    first: Period | None = None  # cumulative: the first period summed
    met: int | None = None  # annual: how many periods with a value met the target
    counted: int | None = None  # annual: how many periods had a value
    counted_kind: str = "official"  # annual: every mark of the values counted in `met`/`counted`
    cut: dt.date | None = None  # cumulative: the day the last period summed is cut at (`as_of`, within it)

    @property
    def label(self) -> str:
        return LABELS[self.code]


def value_kind(status: str, illustrative_program: bool) -> str:
    """The kind a value is shown as: in an illustrative program an estimate is an illustrative one too."""
    if illustrative_program and status == "estimate":
        return "estimate_illustrative"
    return status


def compute(
    indicator: Indicator,
    values: Iterable[Value],
    program: Program,
    baseline: tuple[float | None, str] | None = None,
) -> Status:
    """The status of `indicator` for one unit, from that unit's values.

    `baseline`: a unit's own baseline, its value in `baseline_year` and that value's kind ((None, "") when it
    has none); default: the indicator's (the whole's). Without one, an `end` target not met gets no verdict.
    """
    observed = sorted(
        (v for v in values if v.value is not None and program.covers(v.period)),
        key=lambda v: v.period.sort_key,
    )
    latest = observed[-1] if observed else None
    kind = functools.partial(value_kind, illustrative_program=program.illustrative)
    if latest is None or latest.value is None:
        no_target = indicator.target is None or indicator.target_type is None
        return Status("no_target" if no_target and not indicator.monitored else "no_data")
    target_kind = indicator.target_status if indicator.target is not None else "official"
    figure_kind = kind(latest.status)
    extra: dict[str, Any] = {"first": None}
    if indicator.target_type == "cumulative":
        compared = sum(v.value for v in observed if v.value is not None)
        figure_kind = weakest(kind(v.status) for v in observed)
        extra["first"] = observed[0].period
        if program.as_of < latest.period.last_day:  # a part year (or quarter) so far
            extra["cut"] = program.as_of
    else:
        compared = latest.value
    extra |= {"kind": figure_kind, "basis": weakest((figure_kind, target_kind))}
    if indicator.monitored:  # a reference, not a verdict
        return Status("monitored", compared, latest.period, **extra)
    if indicator.target is None or indicator.target_type is None:
        return Status("no_target", latest.value, latest.period, basis=kind(latest.status), kind=kind(latest.status))
    target, op = indicator.target, indicator.op
    if indicator.target_type == "annual":
        extra["met"] = sum(1 for v in observed if v.value is not None and met(v.value, target, op))
        extra["counted"] = len(observed)
        extra["counted_kind"] = weakest(kind(v.status) for v in observed)
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
        if baseline is None:
            base, base_kind = indicator.baseline, indicator.baseline_status
        else:
            base, base_kind = baseline[0], kind(baseline[1] or "official")
            if base is None:  # a unit without its own figure in `baseline_year`: its figure, and no verdict
                return Status("unassessed", compared, latest.period, **extra)
        if base is not None:
            extra["basis"] = weakest((extra["basis"], base_kind))
        if base is None or abs(base - target) < _EPS:
            return Status("behind", compared, latest.period, **extra)
        progress = (compared - base) / (target - base)
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
    """The kind that carries every mark of some kinds: official, estimate, illustrative or both of these."""
    marks = frozenset().union(*(MARKS_OF[k] for k in kinds))
    return next(k for k, m in MARKS_OF.items() if m == marks)
