"""Everything the pages show that is computed from the data, computed once.

Statuses of every indicator for every unit, the latest values, the summary
counts of the home page, the unit tree order and the appendix tables. The
renderers only format what this stage produced.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from scripts.data.model import Dataset, Indicator, Period, Unit, Value
from scripts.report import fmt
from scripts.report import status as status_mod
from scripts.report.status import Status


@dataclass(frozen=True)
class Results:
    ds: Dataset

    @cached_property
    def by_indicator_unit(self) -> dict[tuple[str, str], tuple[Value, ...]]:
        out: dict[tuple[str, str], list[Value]] = {}
        for v in self.ds.values:
            out.setdefault((v.indicator, v.unit), []).append(v)
        return {k: tuple(sorted(vs, key=lambda v: v.period.sort_key)) for k, vs in out.items()}

    @cached_property
    def decimals_by_indicator(self) -> dict[str, int]:
        """How many decimals each indicator's figures are shown with, wherever they are shown.

        The most any of its values, its target or its baseline is given with
        (at most `fmt.MAX_DECIMALS`), so "91,0%" stands beside "93,5%"; an
        indicator whose figures are all whole numbers shows none.
        """
        out = {i.id: max(fmt.decimals_of(i.target), fmt.decimals_of(i.baseline)) for i in self.ds.indicators}
        for v in self.ds.values:
            if out[v.indicator] < fmt.MAX_DECIMALS:
                out[v.indicator] = max(out[v.indicator], fmt.decimals_of(v.value))
        return out

    def decimals(self, ind: Indicator) -> int:
        """The decimals of `ind`'s figures (`decimals_by_indicator`)."""
        return self.decimals_by_indicator[ind.id]

    def values(self, indicator: str, unit: str) -> tuple[Value, ...]:
        return self.by_indicator_unit.get((indicator, unit), ())

    @cached_property
    def _statuses(self) -> dict[tuple[str, str], Status]:
        return {}

    def status(self, indicator: str, unit: str | None = None) -> Status:
        """An indicator's status for a unit (default: the root), worked out when first asked for."""
        key = (indicator, unit or self.ds.root.code)
        found = self._statuses.get(key)
        if found is None:
            values = self.values(*key)
            if values or key[1] == self.ds.root.code:
                ind = self.ds.indicator_by_id[indicator]
                found = status_mod.compute(ind, values, self.ds.program, self.own_baseline(ind, key[1]))
            else:
                found = Status("no_data")
            self._statuses[key] = found
        return found

    def own_baseline(self, ind: Indicator, unit: str) -> tuple[float | None, str] | None:
        """A unit's own baseline for an `end` target: its latest value in `baseline_year`, and its kind.

        None for the whole (its baseline is the indicator's) and for other targets; (None, "") when the unit has
        no value in that year.
        """
        if unit == self.ds.root.code or ind.target_type != "end":
            return None
        found = [v for v in self.values(ind.id, unit) if v.value is not None and v.period.year == ind.baseline_year]
        return (found[-1].value, found[-1].status) if found else (None, "")

    def kind(self, v: Value) -> str:
        """The kind a value is shown as (`status.value_kind`)."""
        return status_mod.value_kind(v.status, self.ds.program.illustrative)

    def unit_status(self, indicator: Indicator, unit: str) -> Status | None:
        """A unit's own status, where the target applies to each unit.

        A rate (`%`) target holds for every unit; a count target (people,
        organisations) is the whole's, so a part is not measured against it.
        """
        if unit != self.ds.root.code and not indicator.is_percent:
            return None
        return self.status(indicator.id, unit)

    def latest(self, indicator: str, unit: str | None = None) -> Value | None:
        """The latest value with a number, any period."""
        vs = [v for v in self.values(indicator, unit or self.ds.root.code) if v.value is not None]
        return vs[-1] if vs else None

    @cached_property
    def summary(self) -> Counter[str]:
        """How many indicators have each status, for the root unit."""
        return Counter(self.status(i.id).code for i in self.ds.indicators)

    @cached_property
    def tree(self) -> tuple[tuple[Unit, int], ...]:
        """Units in tree order (root first, children in file order) with their depth."""
        out: list[tuple[Unit, int]] = []
        stack = [(self.ds.root, 0)]
        while stack:
            unit, depth = stack.pop()
            out.append((unit, depth))
            kids = sorted(self.ds.children[unit.code], key=lambda u: u.row)
            stack.extend((k, depth + 1) for k in reversed(kids))
        return tuple(out)

    def compared_units(self) -> tuple[Unit, ...]:
        """The units a comparison chart shows: the level just below the root."""
        return tuple(sorted(self.ds.children[self.ds.root.code], key=lambda u: u.row))

    def compared_pairs(self, ind: Indicator, pairs: list[tuple[Unit, float]]) -> list[tuple[Unit, float]]:
        """Units and their values in the order a comparison shows them.

        Best first when the indicator ranks its units (ties in the units' own
        order); in the units' own order when it does not (`rank_units: no`):
        no ordering by value, so no rank can be read into it.
        """
        if not ind.ranked:
            return sorted(pairs, key=lambda uv: uv[0].row)
        return sorted(pairs, key=lambda uv: (-uv[1] if ind.direction == "up" else uv[1], uv[0].row))

    def kinds_at(self, ind: Indicator, period: Period, units: list[Unit]) -> dict[Unit, str]:
        """The kind (official, estimate, illustrative) of each unit's value of `period`."""
        out = {}
        for u in units:
            found = next((v for v in self.values(ind.id, u.code) if v.period == period), None)
            out[u] = self.kind(found) if found is not None else "official"
        return out

    def documents_driving(self, number: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.ds.indicators if i.document == number)
