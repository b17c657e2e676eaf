"""The status method of the data contract, on hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.data.model import Indicator, Period, Program, Value
from scripts.report.status import compute

PROGRAM = Program(code="P", title="T", issuer="I", start=2016, end=2020, as_of=dt.date(2020, 6, 30))


def ind(**kw: object) -> Indicator:
    base: dict[str, object] = {
        "id": "X", "group": "G", "name": "N", "measure": "%", "direction": "up", "slug": "x",
    }  # fmt: skip
    base.update(kw)
    return Indicator(**base)  # type: ignore[arg-type]


def vals(*pairs: tuple[str, float | None]) -> list[Value]:
    out = []
    for p, v in pairs:
        period = Period.parse(p)
        assert period is not None
        out.append(Value("X", "R", period, v))
    return out


@pytest.mark.parametrize(
    ("indicator", "values", "expected"),
    [
        # no target
        (ind(), vals(("2019", 10)), "no_target"),
        (ind(target_text="Hơn 50%"), vals(), "no_target"),
        # no data: no value, only empty cells, or only values outside the period
        (ind(target=50, target_type="annual"), vals(), "no_data"),
        (ind(target=50, target_type="annual"), vals(("2019", None)), "no_data"),
        (ind(target=50, target_type="annual"), vals(("2015", 60), ("2021", 60)), "no_data"),
        # annual: the latest period with a value decides
        (ind(target=50, target_type="annual"), vals(("2018", 40), ("2019", 50)), "achieved"),
        (ind(target=50, target_type="annual"), vals(("2018", 60), ("2019", 49.9)), "not_met"),
        (ind(target=50, target_type="annual"), vals(("2019", 60), ("2020", None)), "achieved"),
        (ind(target=10, target_type="annual", direction="down"), vals(("2019", 10)), "achieved"),
        (ind(target=10, target_type="annual", direction="down"), vals(("2019", 11)), "not_met"),
        # quarterly and monthly periods order by their end
        (ind(target=50, target_type="annual"), vals(("2019-Q3", 40), ("2019", 60)), "achieved"),
        (ind(target=50, target_type="annual"), vals(("2019-Q3", 60), ("2019-Q4", 40)), "not_met"),
        (ind(target=50, target_type="annual"), vals(("2019-Q4", 40), ("2019-12", 60)), "achieved"),
    ],
)
def test_achieved_not_met_no_data_no_target(indicator: Indicator, values: list[Value], expected: str) -> None:
    assert compute(indicator, values, PROGRAM).code == expected


def test_cumulative_sums_the_period_and_compares_progress_with_time() -> None:
    cumulative = ind(measure="người", target=1000, target_type="cumulative")
    # 2016-2018: 3 of 5 years elapsed = 1096/1827 days = 0.5999; 600/1000 = 0.6 ≥ 0.5999
    s = compute(cumulative, vals(("2016", 200), ("2017", 200), ("2018", 200)), PROGRAM)
    assert (s.code, s.compared, s.progress) == ("on_track", 600, 0.6)
    assert s.elapsed == pytest.approx(1096 / 1827)
    s = compute(cumulative, vals(("2016", 200), ("2017", 200), ("2018", 190)), PROGRAM)
    assert s.code == "behind"
    s = compute(cumulative, vals(("2016", 500), ("2017", 500)), PROGRAM)
    assert (s.code, s.compared) == ("achieved", 1000)
    # values outside the program's period are not summed
    s = compute(cumulative, vals(("2015", 900), ("2016", 200)), PROGRAM)
    assert s.compared == 200


def test_cumulative_elapsed_runs_to_the_end_of_the_latest_quarter() -> None:
    cumulative = ind(measure="người", target=1000, target_type="cumulative")
    s = compute(cumulative, vals(("2016-Q1", 100), ("2016-Q3", 100)), PROGRAM)
    # 1/1/2016 → 30/9/2016 is 274 days of 1827
    assert s.elapsed == pytest.approx(274 / 1827)
    assert s.progress == pytest.approx(0.2)
    assert s.code == "on_track"


def test_end_target_progress_runs_from_the_baseline() -> None:
    end = ind(target=40, target_type="end", baseline=28.5, baseline_year=2015)
    # 2019: elapsed from 31/12/2015 to 31/12/2019 = 1461/1827 = 0.7997; progress 9.7/11.5 = 0.843
    s = compute(end, vals(("2018", 35), ("2019", 38.2)), PROGRAM)
    assert s.code == "on_track"
    assert s.progress == pytest.approx(9.7 / 11.5)
    assert s.elapsed == pytest.approx(1461 / 1827)
    s = compute(end, vals(("2019", 36)), PROGRAM)  # 7.5/11.5 = 0.652 < 0.7997
    assert s.code == "behind"
    assert compute(end, vals(("2019", 40)), PROGRAM).code == "achieved"


def test_end_target_for_a_lower_is_better_indicator() -> None:
    down = ind(measure="tổ chức", direction="down", target=0, target_type="end", baseline=220, baseline_year=2016)
    # elapsed from 31/12/2016 to 31/12/2019 = 1095 of 1461 days = 0.749; progress (220-50)/220 = 0.773
    assert compute(down, vals(("2019", 50)), PROGRAM).code == "on_track"
    assert compute(down, vals(("2019", 60)), PROGRAM).code == "behind"  # 0.727 < 0.749
    assert compute(down, vals(("2020", 0)), PROGRAM).code == "achieved"


def test_end_target_without_a_baseline_or_with_baseline_equal_to_target_is_behind() -> None:
    assert compute(ind(target=40, target_type="end"), vals(("2017", 39)), PROGRAM).code == "behind"
    same = ind(target=40, target_type="end", baseline=40, baseline_year=2015)
    assert compute(same, vals(("2017", 39)), PROGRAM).code == "behind"


def test_end_target_without_baseline_measures_time_from_the_start_of_the_period() -> None:
    # not met, no baseline → behind whatever the time; the achieved case still compares the latest value
    assert compute(ind(target=40, target_type="end"), vals(("2016", 45)), PROGRAM).code == "achieved"


def test_a_lower_is_better_cumulative_ceiling_once_passed_is_behind() -> None:
    ceiling = ind(measure="vụ", direction="down", target=100, target_type="cumulative")
    assert compute(ceiling, vals(("2016", 40), ("2017", 40)), PROGRAM).code == "achieved"
    assert compute(ceiling, vals(("2016", 60), ("2017", 60)), PROGRAM).code == "behind"


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31), "Năm 2019"),
        ("2019-Q3", dt.date(2019, 7, 1), dt.date(2019, 9, 30), "Quý III/2019"),
        ("2019-09", dt.date(2019, 9, 1), dt.date(2019, 9, 30), "Tháng 9/2019"),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), "Tháng 2/2020"),
        ("2019-Q4", dt.date(2019, 10, 1), dt.date(2019, 12, 31), "Quý IV/2019"),
    ],
)
def test_periods(text: str, first: dt.date, last: dt.date, label: str) -> None:
    p = Period.parse(text)
    assert p is not None
    assert (p.first_day, p.last_day, p.label, p.code) == (first, last, label, text)


@pytest.mark.parametrize("text", ["2019-Q5", "2019-13", "Q3/2019", "19", "2019-9", ""])
def test_bad_periods(text: str) -> None:
    assert Period.parse(text) is None


# --- contract v2: the operator, the as-of date, what the result rests on ------------------------


@pytest.mark.parametrize(
    ("op", "direction", "value", "expected"),
    [
        # equal to the target: met with >= and <=, not with > and <
        (">=", "up", 70.0, "achieved"),
        (">", "up", 70.0, "not_met"),
        (">", "up", 70.1, "achieved"),
        ("<=", "down", 70.0, "achieved"),
        ("<", "down", 70.0, "not_met"),
        ("<", "down", 69.9, "achieved"),
        # no operator: the direction's default
        ("", "up", 70.0, "achieved"),
        ("", "down", 70.0, "achieved"),
    ],
)
def test_the_operator_decides_whether_a_value_equal_to_the_target_meets_it(
    op: str, direction: str, value: float, expected: str
) -> None:
    indicator = ind(target=70, target_type="annual", target_op=op, direction=direction)
    assert compute(indicator, vals(("2019", value)), PROGRAM).code == expected


def test_time_elapsed_stops_at_the_as_of_date_inside_the_latest_period() -> None:
    # A 2020 figure reported at 30/06/2020 (PROGRAM.as_of): 1/1/2016 → end of 30/6/2020 is 1643 days of 1827.
    cumulative = ind(measure="người", target=1000, target_type="cumulative")
    s = compute(cumulative, vals(("2016", 200), ("2017", 200), ("2018", 200), ("2019", 200), ("2020", 110)), PROGRAM)
    assert s.elapsed == pytest.approx(1643 / 1827)
    # progress 0.91 ≥ 0.8993: on track; with the whole year counted (1.0) it would have been behind
    assert (s.code, s.compared) == ("on_track", 910)


def test_an_estimate_as_the_latest_value_is_the_basis_of_the_status() -> None:
    annual = ind(target=70, target_type="annual", target_op=">")
    values = vals(("2016", 73.2), ("2017", 72.5), ("2018", 71.6), ("2019", 70.8), ("2020", 69.4))
    values[-1] = Value("X", "R", values[-1].period, 69.4, "estimate")
    s = compute(annual, values, PROGRAM)
    assert (s.code, s.basis, s.compared) == ("not_met", "estimate", 69.4)
    assert (s.met, s.counted) == (4, 5)


def test_a_cumulative_result_is_the_sum_and_rests_on_its_least_sure_value() -> None:
    cumulative = ind(measure="người", target=12000, target_type="cumulative", target_op=">")
    values = vals(("2016", 2986), ("2017", 3112), ("2018", 3054), ("2019", 2941), ("2020", 1427))
    values[2] = Value("X", "R", values[2].period, 3054, "illustrative")
    s = compute(cumulative, values, PROGRAM)
    assert (s.code, s.compared, s.basis) == ("achieved", 13520, "illustrative")
    assert s.first is not None and s.period is not None
    assert (s.first.code, s.period.code) == ("2016", "2020")
